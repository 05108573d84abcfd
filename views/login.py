"""Analītiķiem / For analysts: sign in with the analyst password (viewing needs none)."""

import streamlit as st

from ogp_monitor.i18n import t
from ogp_monitor.web import auth, filters

lang = filters.lang()
st.title(t("nav.login", lang))
name = auth.signed_in_as()

if name:
    st.success(t("login.signed_in", lang, name=name))
    c1, c2, c3 = st.columns(3)
    c1.page_link("views/upload.py", label=t("nav.upload", lang), icon=":material/upload_file:")
    c2.page_link("views/history.py", label=t("nav.history", lang), icon=":material/history:")
    if c3.button(t("login.sign_out", lang), key="sign_out", icon=":material/logout:"):
        auth.sign_out()
        st.rerun()
    st.stop()

st.write(t("login.intro", lang))
if auth.verifier().source == "generated":
    st.caption(t("login.generated", lang))

auth.sign_in_form(lang)
