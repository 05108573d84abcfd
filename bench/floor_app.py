"""The floor for the browser benchmark: the least a Streamlit page with one chart costs.

One Plotly bar chart of five numbers, no database, no sidebar. bench/run.py
times navigation to this chart drawn against the overview's chart in the same
run; the overview's target is within 1.5× of this.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
st.title("Floor")
fig = go.Figure(go.Bar(x=["a", "b", "c", "d", "e"], y=[3, 11, 12, 0, 1]))
st.plotly_chart(fig, width="stretch")
