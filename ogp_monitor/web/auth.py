"""Who is signed in as an analyst, the sign-in itself (the analyst password, or the organisation's
single sign-on through Streamlit's ``st.login``), and the guard on the analyst pages.

A password sign-in becomes a signed session (``sessions``) kept in an HttpOnly cookie, set by the
server's cookie route (``session_routes``), so it survives a reload, a new tab and another process
with the same secret. A single sign-on is Streamlit's own cookie; it counts as an analyst only for
an e-mail on the allow-list, and only for ``OGP_SESSION_HOURS`` after the identity provider issued
it. Signing out ends either kind everywhere at the next interaction. Passwords live in
``passwords``, the failure counts in ``throttle``.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import secrets as _secrets
import zoneinfo
from collections.abc import Mapping
from typing import Any

import streamlit as st

from ..i18n import t
from ..store import db
from . import session_routes, throttle
from .passwords import PasswordBook, load_book
from .sessions import COOKIE_NAME, Session, Sessions

EMAILS_ENV = "OGP_ANALYST_EMAILS"
DOMAINS_ENV = "OGP_ANALYST_DOMAINS"
ALLOW_SECTION = "analysts"  # [analysts] emails = [...], domains = [...] in secrets.toml, beside [auth]

_TOKEN = "_analyst_token"  # this tab's fresh password sign-in, until the cookie carries it
_HAND_OVER = "_analyst_hand_over"  # a post to the cookie route, made at the next script run
_RESULT = "_login_result"


# ---- process-wide pieces (cached once per server process) -------------------


@st.cache_resource(show_spinner=False)
def _cached_book(db_file: str) -> PasswordBook:
    return load_book(db_file)


@st.cache_resource(show_spinner=False)
def _cached_sessions(db_file: str) -> Sessions:
    return Sessions.for_database(db_file)


@st.cache_resource(show_spinner=False)
def _cached_throttle() -> throttle.Throttle:
    return throttle.Throttle()


def book() -> PasswordBook:
    """The passwords (created at first start, so a generated one is printed then)."""
    return _cached_book(str(db.db_path()))


def sessions() -> Sessions:
    return _cached_sessions(str(db.db_path()))


def failures() -> throttle.Throttle:
    """Failed sign-ins of this server process, counted per client and per person."""
    return _cached_throttle()


def client() -> str:
    """This browser's throttle key (its address, or the forwarded one behind a trusted proxy)."""
    peer, forwarded = st.context.ip_address, st.context.headers.get_all("X-Forwarded-For")
    return throttle.client_key(peer if isinstance(peer, str) else None,  # AppTest has no connection
                               [h for h in forwarded if isinstance(h, str)] if isinstance(forwarded, list) else [],
                               throttle.trusted_proxies())


# ---- single sign-on (Streamlit's st.login) ----------------------------------


def _secrets_section(name: str) -> Mapping[str, Any]:
    # load_if_toml_exists() is False, not an error, for a missing or broken file (Streamlit logs the latter)
    section = st.secrets.get(name) if st.secrets.load_if_toml_exists() else None
    return section if isinstance(section, Mapping) else {}


def sso_providers() -> list[str | None]:
    """The providers configured in ``[auth]``: None for the default one, then each named one."""
    section = _secrets_section("auth")
    if not section:
        return []
    named = [key for key, value in section.items() if isinstance(value, Mapping) and "client_id" in value]
    return ([None] if "client_id" in section else []) + sorted(named)


def allow_list() -> tuple[frozenset[str], frozenset[str]]:
    """(e-mails, domains) that may sign in as analysts through single sign-on."""
    section = _secrets_section(ALLOW_SECTION)

    def values(env: str, key: str) -> frozenset[str]:
        listed = section.get(key, [])
        listed = [listed] if isinstance(listed, str) else list(listed) if isinstance(listed, (list, tuple)) else []
        items = os.environ.get(env, "").split(",") + [str(item) for item in listed]
        return frozenset(item.strip().lower().lstrip("@") for item in items if item.strip())

    return values(EMAILS_ENV, "emails"), values(DOMAINS_ENV, "domains")


def is_allowed(email: str, emails: frozenset[str], domains: frozenset[str]) -> bool:
    """On the list by address, or by the exact domain after the @ (``mk.gov.lv`` does not admit
    ``evilmk.gov.lv`` nor ``x.mk.gov.lv``)."""
    email = email.strip().lower()
    local, at, domain = email.rpartition("@")
    return bool(local and at) and (email in emails or domain in domains)


def sso_user() -> dict[str, Any] | None:
    """The identity Streamlit's single sign-on vouches for in this session, or None."""
    if not sso_providers():
        return None
    user = st.user.to_dict()
    return user if user.get("is_logged_in") else None


def sso_verdict(user: Mapping[str, Any]) -> tuple[Session | None, str]:
    """(the session, "ok") for an allowed, fresh sign-on, else (None, why): "unverified", "not_listed",
    "expired" (or signed out)."""
    email = str(user.get("email") or "")
    if not email or user.get("email_verified") is False:
        return None, "unverified"
    if not is_allowed(email, *allow_list()):
        return None, "not_listed"
    session = sessions().from_identity(user, email.strip().lower())
    return (session, "ok") if session else (None, "expired")


# ---- who is signed in --------------------------------------------------------


def _password_session() -> Session | None:
    for token in (st.session_state.get(_TOKEN), st.context.cookies.get(COOKIE_NAME)):
        if token and (session := sessions().check(token)) is not None:
            return session
    return None


def _sso_session() -> Session | None:
    user = sso_user()
    return sso_verdict(user)[0] if user else None


def current() -> Session | None:
    """The analyst's session in this browser session, checked at every script run: a fresh sign-in
    in this tab, the cookie, or an allowed single sign-on. None for a viewer."""
    return _password_session() or _sso_session()


def signed_in_as() -> str | None:
    """The analyst's name (what uploads and publications record), or None for a viewer."""
    session = current()
    return session.name if session else None


def sign_in(name: str, password: str) -> bool:
    """Check the password (counted per client, and per person when passwords are personal); on
    success start a session for this tab and ask the browser to keep it in the cookie."""
    passwords = book()
    keys = (client(), throttle.person_key(name)) if passwords.personal else (client(),)
    recorded: list[str] = []

    def check() -> bool:
        found = passwords.check(name, password)
        recorded.extend([found] if found else [])
        return found is not None

    if not failures().attempt(check, *keys):
        return False
    session, token = sessions().start(recorded[0], "personal" if passwords.personal else "password")
    st.session_state[_TOKEN] = token
    if session_routes.mounted():
        st.session_state[_HAND_OVER] = (session_routes.SESSION_PATH, sessions().grant(session))
    return True


def sign_out() -> None:
    """End the sign-in everywhere (listed as signed out) and remove its cookie from this browser; a
    browser signed in both ways is signed out of both. A button's ``on_click``: it runs before the
    script, so ``app.py`` makes the post in the same run."""
    by_password, by_sso = _password_session(), _sso_session()
    st.session_state.pop(_TOKEN, None)
    for session in (by_password, by_sso):
        if session is not None:
            sessions().end(session)
    if by_sso is not None:
        st.logout()  # Streamlit deletes its own cookie and, if the provider offers it, signs out there
    elif by_password is not None and session_routes.mounted() and COOKIE_NAME in st.context.cookies:
        st.session_state[_HAND_OVER] = (session_routes.SIGNOUT_PATH, "")


def hand_over_cookie() -> None:
    """Post a pending grant or sign-out to the cookie route (called by ``app.py`` at every run).

    The post is a form submitted by a script in the page itself (``st.html`` is not in an iframe);
    the answer sets or deletes the HttpOnly cookie and brings the browser back to this address."""
    pending = st.session_state.pop(_HAND_OVER, None)
    if pending is None or not session_routes.mounted():
        return
    path, grant = pending
    action = session_routes.url_path(st.get_option("server.baseUrlPath"), path)
    form_id = f"ogp-auth-{_secrets.token_hex(6)}"
    st.html(f'<form id="{form_id}" method="post" action="{html.escape(action)}" style="display:none">'
            f'<input type="hidden" name="grant" value="{html.escape(grant)}">'
            '<input type="hidden" name="next" value="/"></form>'
            f'<script>(() => {{ const f = document.getElementById("{form_id}"); if (!f) return;'
            ' f.elements.next.value = location.pathname + location.search; f.submit(); })();</script>',
            unsafe_allow_javascript=True)


# ---- the forms ----------------------------------------------------------------


def _on_submit() -> None:
    """Runs before the page: check, then blank the password field so it is not kept in the session."""
    state = st.session_state
    name, password = state.get("login_name", ""), state.get("login_password", "")
    state["login_password"] = ""
    if not name.strip():
        state[_RESULT] = "need_name"
    elif not sign_in(name, password):
        keys = (client(), throttle.person_key(name)) if book().personal else (client(),)
        state[_RESULT] = ("locked", None) if failures().locked(*keys) else ("wrong", failures().attempts_left(*keys))


def local_time(timestamp: float) -> str:
    """A time in the browser's time zone (Riga when the browser does not say), as dd.mm.yyyy. HH:MM."""
    try:
        zone = zoneinfo.ZoneInfo(st.context.timezone or "Europe/Riga")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("Europe/Riga")
    return dt.datetime.fromtimestamp(timestamp, zone).strftime("%d.%m.%Y. %H:%M")


def sso_buttons(lang: str) -> None:
    """One button per configured provider; st.login leaves for the provider and comes back signed in."""
    providers = sso_providers()
    for provider in providers:
        label = t("login.sso", lang) + (f" ({provider})" if provider and len(providers) > 1 else "")
        st.button(label, key=f"sso_{provider or 'default'}", type="primary", icon=":material/badge:",
                  on_click=st.login, args=(provider,) if provider else ())


def sso_status(lang: str) -> None:
    """Why a single sign-on that Streamlit accepted does not make this person an analyst."""
    user = sso_user()
    if user is None:
        return
    verdict = sso_verdict(user)[1]
    if verdict == "ok":
        return
    email = str(user.get("email") or user.get("sub") or "?")
    st.warning(t(f"login.sso_{verdict}", lang, email=email, hours=f"{sessions().hours:g}"), icon=":material/badge:")
    st.button(t("login.sign_out", lang), key="sso_sign_out", icon=":material/logout:", on_click=st.logout)


def sign_in_form(lang: str) -> None:
    """The password form (name and password), with this client's lock and the last attempt's result.
    After a successful sign-in the page that shows it simply runs again, now for an analyst."""
    locked_for = failures().seconds_left(client())
    if locked_for:
        st.error(t("login.locked", lang, minutes=math.ceil(locked_for / 60)), icon=":material/lock_clock:")
    result = st.session_state.pop(_RESULT, None)
    personal = book().personal
    with st.form("login"):
        st.text_input(t("login.name_personal" if personal else "login.name", lang), max_chars=80, key="login_name")
        st.text_input(t("login.password", lang), type="password", max_chars=1024, key="login_password")
        st.form_submit_button(t("login.submit", lang), type="primary", disabled=bool(locked_for),
                              icon=":material/login:", on_click=_on_submit)
    if result == "need_name":
        st.warning(t("login.need_name", lang))
    elif isinstance(result, tuple) and result[0] == "locked" and not locked_for:
        st.error(t("login.locked_person", lang), icon=":material/lock_clock:")
    elif isinstance(result, tuple) and result[0] == "wrong":
        st.error(t("login.wrong_personal" if personal else "login.wrong", lang, n=result[1]), icon=":material/error:")


def sign_in_choices(lang: str) -> None:
    """Everything a viewer needs to sign in: single sign-on when configured, then the password form."""
    sso_status(lang)
    if sso_providers():
        sso_buttons(lang)
        st.caption(t("login.or_password", lang))
    sign_in_form(lang)


def require_analyst(lang: str) -> str:
    """The signed-in analyst's name. Anyone else (a reload without the cookie, a shared link) gets the
    sign-in here, in the chosen language, and after signing in stays on this page; the page stops
    until then."""
    name = signed_in_as()
    if name is None:
        st.warning(t("login.only_analysts", lang), icon=":material/lock:")
        sign_in_choices(lang)
        st.stop()
    return name
