"""What people read: charts, tables, the plain-language summary, CSV/Excel exports and the meeting deck.

Frames from ``store``'s named queries in, figures and files out. No Streamlit here.
"""
