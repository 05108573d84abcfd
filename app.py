"""OGP Monitor: the router and the frame (page config, navigation, shared sidebar)."""

import streamlit as st

from ogp_monitor.i18n import t
from ogp_monitor.web import auth, cache, filters, open_data

meeting = st.session_state.get("meeting", st.query_params.get("mode") == "meeting")
st.set_page_config(page_title="OGP Monitor", page_icon=":material/fact_check:", layout="wide",
                   initial_sidebar_state="collapsed" if meeting else "expanded")
cache.pin_published()  # this run reads one published copy throughout (docs/operations.md#one-writer-many-readers)

lang = filters.lang()
pages = [
    st.Page("views/overview.py", title=t("nav.overview", lang), icon=":material/dashboard:", default=True),
    # A default page answers only at /; its name, /parskats, is the same page (bookmarks, older links).
    st.Page("views/overview.py", title=t("nav.overview", lang), url_path="parskats", visibility="hidden"),
    st.Page("views/commitments.py", title=t("nav.commitments", lang), icon=":material/flag:",
            url_path="apnemsanas"),
    st.Page("views/measure.py", title=t("nav.measure", lang), icon=":material/timeline:", url_path="pasakums"),
    st.Page("views/institutions.py", title=t("nav.institutions", lang), icon=":material/account_balance:",
            url_path="iestades"),
    st.Page("views/timeline.py", title=t("nav.timeline", lang), icon=":material/calendar_month:",
            url_path="laika-grafiks"),
    st.Page("views/trust.py", title=t("nav.trust", lang), icon=":material/handshake:",
            url_path="uzticesanas"),
    st.Page("views/data.py", title=t("nav.data", lang), icon=":material/download:", url_path="dati"),
    st.Page("views/meeting.py", title=t("nav.meeting", lang), icon=":material/slideshow:", url_path="sede"),
    st.Page("views/open_data.py", title=t("nav.open_data", lang), icon=":material/dataset:", url_path="atvertie-dati"),
]
auth.book()  # first start without a configured password: generate one, print it once
open_data.ensure_served()  # first run of the process: /app/static/open-data/ serves the published state
pages.append(st.Page("views/login.py", title=t("nav.login", lang), icon=":material/key:", url_path="analitikiem"))
# Upload and History are listed only for a signed-in analyst; their addresses always answer (a reload,
# a shared link), and for anyone else they show the sign-in and then the page.
shown = "visible" if auth.current() else "hidden"
pages += [st.Page("views/upload.py", title=t("nav.upload", lang), icon=":material/upload_file:",
                  url_path="augsupielade", visibility=shown),
          st.Page("views/history.py", title=t("nav.history", lang), icon=":material/history:",
                  url_path="vesture", visibility=shown),
          st.Page("views/collection.py", title=t("nav.collection", lang), icon=":material/forward_to_inbox:",
                  url_path="datu-vaksana", visibility=shown)]
page = st.navigation(pages, expanded=True)  # 13 pages signed in: all listed, none behind "View more"
st.set_page_config(page_title=f"{page.title} · OGP Monitor")  # the tab and bookmarks name the page
f = filters.sidebar()
filters.apply_base_style()
if f.meeting:
    filters.apply_meeting_style()
filters.follow_link()
auth.hand_over_cookie()  # a fresh sign-in or a sign-out: the server's cookie route sets or clears the cookie
try:
    page.run()
finally:
    cache.release_working()  # an analyst page's hold on the working database ends with its run
