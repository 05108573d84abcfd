"""Analītiķiem / For analysts: sign in (the organisation's single sign-on or the analyst password);
viewing needs none."""

import streamlit as st

from ogp_monitor.i18n import t
from ogp_monitor.web import auth, filters, session_routes

lang = filters.lang()
st.title(t("nav.login", lang))
session = auth.current()

if session:
    st.success(t("login.signed_in", lang, name=session.name))
    st.caption(t(f"login.via_{session.via}", lang) + " " + t("login.until", lang, time=auth.local_time(session.expires)))
    c1, c2, c3 = st.columns(3)
    c1.page_link("views/upload.py", label=t("nav.upload", lang), icon=":material/upload_file:")
    c2.page_link("views/history.py", label=t("nav.history", lang), icon=":material/history:")
    c3.button(t("login.sign_out", lang), key="sign_out", icon=":material/logout:", on_click=auth.sign_out)
    if session.via != "sso" and not session_routes.mounted():
        st.caption(t("login.this_tab_only", lang))
    st.stop()

st.write(t("login.intro", lang))
passwords = auth.book()
if passwords.personal:
    st.caption(t("login.personal", lang))
elif passwords.shared is not None and passwords.shared.source == "generated":
    st.caption(t("login.generated", lang))
st.caption(t("login.lasts", lang, hours=f"{auth.sessions().hours:g}"))
auth.sign_in_choices(lang)
