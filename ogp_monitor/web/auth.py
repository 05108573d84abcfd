"""The sign-in session: which browser session belongs to a signed-in analyst, the sign-in form, and the
guard on the analyst pages. The password itself lives in ``passwords``."""

from __future__ import annotations

import math

import streamlit as st

from ..i18n import t
from ..store import db
from .passwords import Lockout, Verifier, load_verifier

# ---- Streamlit session glue ------------------------------------------------

_SESSION_KEY = "_analyst_name"


@st.cache_resource(show_spinner=False)
def _cached_verifier(db_file: str) -> Verifier:
    return load_verifier(db_file)


@st.cache_resource(show_spinner=False)
def _cached_lockout() -> Lockout:
    return Lockout()


def verifier() -> Verifier:
    """The process's verifier (created at first start, so a generated password is printed then)."""
    return _cached_verifier(str(db.db_path()))


def lockout() -> Lockout:
    """Failed sign-ins of the whole server process (shared by every browser session)."""
    return _cached_lockout()


def signed_in_as() -> str | None:
    """The analyst's name for this browser session, or None for a viewer."""
    name = st.session_state.get(_SESSION_KEY)
    return name if isinstance(name, str) and name else None


def sign_in(name: str, password: str) -> bool:
    """Check the password (counting failures process-wide); on success mark this session."""
    if not lockout().attempt(verifier(), password):
        return False
    st.session_state[_SESSION_KEY] = name.strip()[:80]
    return True


def sign_out() -> None:
    st.session_state.pop(_SESSION_KEY, None)


_RESULT = "_login_result"


def _on_submit() -> None:
    """Runs before the page: check, then blank the password field so it is not kept in the session."""
    state = st.session_state
    name, password = state.get("login_name", ""), state.get("login_password", "")
    state["login_password"] = ""
    if not name.strip():
        state[_RESULT] = "need_name"
    elif not sign_in(name, password):
        state[_RESULT] = "locked" if lockout().seconds_left() else "wrong"


def sign_in_form(lang: str) -> None:
    """The sign-in form (name and password), with the lock and the last attempt's result. After a
    successful sign-in the page that shows it simply runs again, now for an analyst."""
    locked_for = lockout().seconds_left()
    if locked_for:
        st.error(t("login.locked", lang, minutes=math.ceil(locked_for / 60)), icon=":material/lock_clock:")
    result = st.session_state.pop(_RESULT, None)
    with st.form("login"):
        st.text_input(t("login.name", lang), max_chars=80, key="login_name")
        st.text_input(t("login.password", lang), type="password", max_chars=1024, key="login_password")
        st.form_submit_button(t("login.submit", lang), type="primary", disabled=bool(locked_for),
                              icon=":material/login:", on_click=_on_submit)
    if result == "need_name":
        st.warning(t("login.need_name", lang))
    elif result == "wrong":
        st.error(t("login.wrong", lang, n=lockout().attempts_left()), icon=":material/error:")


def require_analyst(lang: str) -> str:
    """The signed-in analyst's name. Anyone else (a reload, a shared link) gets the sign-in here, in the
    chosen language, and after signing in stays on this page; the page stops until then."""
    name = signed_in_as()
    if name is None:
        st.warning(t("login.only_analysts", lang), icon=":material/lock:")
        sign_in_form(lang)
        st.stop()
    return name
