"""Analītiķiem / For analysts: sign in with the analyst password (viewing needs none)."""

import math

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

locked_for = auth.lockout().seconds_left()
if locked_for:
    st.error(t("login.locked", lang, minutes=math.ceil(locked_for / 60)), icon=":material/lock_clock:")


def on_submit() -> None:
    """Runs before the page: check, then blank the password field so it is not kept in the session."""
    state = st.session_state
    name, password = state.get("login_name", ""), state.get("login_password", "")
    state["login_password"] = ""
    if not name.strip():
        state[RESULT] = "need_name"
    elif not auth.sign_in(name, password):
        state[RESULT] = "locked" if auth.lockout().seconds_left() else "wrong"


RESULT = "_login_result"
result = st.session_state.pop(RESULT, None)
with st.form("login"):
    st.text_input(t("login.name", lang), max_chars=80, key="login_name")
    st.text_input(t("login.password", lang), type="password", max_chars=1024, key="login_password")
    st.form_submit_button(t("login.submit", lang), type="primary", disabled=bool(locked_for),
                          icon=":material/login:", on_click=on_submit)

if result == "need_name":
    st.warning(t("login.need_name", lang))
elif result == "wrong":
    st.error(t("login.wrong", lang, n=auth.lockout().attempts_left()), icon=":material/error:")
