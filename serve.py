"""The server: Streamlit's own (``st.App``) serving ``app.py``, plus the routes that set and clear the
analyst's sign-in cookie. ``make run`` starts it with ``streamlit run serve.py``; started as
``streamlit run app.py`` the dashboard works the same, but a sign-in lasts only as long as its tab."""

import streamlit as st

from ogp_monitor.web import session_routes

app = st.App("app.py", routes=session_routes.routes())
