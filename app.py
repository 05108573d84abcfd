"""OGP Monitor: the router and the frame (page config, navigation, shared sidebar)."""

import streamlit as st

from ogp_monitor import web
from ogp_monitor.i18n import t

meeting = st.session_state.get("meeting", st.query_params.get("mode") == "meeting")
st.set_page_config(page_title="OGP Monitor", page_icon=":material/fact_check:", layout="wide",
                   initial_sidebar_state="collapsed" if meeting else "expanded")

lang = web.lang()
pages = [
    st.Page("pages/overview.py", title=t("nav.overview", lang), icon=":material/dashboard:",
            url_path="parskats", default=True),
]
page = st.navigation(pages)
f = web.sidebar()
if f.meeting:
    web.apply_meeting_style()
page.run()
