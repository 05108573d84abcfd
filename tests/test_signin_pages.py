"""AppTest: sign-in through the pages. Single sign-on (``st.user`` as Streamlit fills it from its cookie,
seeded with ``AppTest.user``; ``[auth]`` and the allow-list with ``AppTest.secrets``): who counts as an
analyst, what the audit trail records, expiry and sign-out. Personal passwords. The end-to-end flows
with a real identity provider and real cookies are in tests/browser/test_signin_*.py."""

from __future__ import annotations

import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ogp_monitor.web import passwords, sessions
from tests.conftest import ROOT
from tests.test_publishing import modified_sample
from tests.test_upload_pages import PASSWORD, TIMEOUT, XLSX, state, texts

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "c" * 32, "client_id": "ogp",
        "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
ISSUER = "http://127.0.0.1:9"


def claims(email: str, **extra) -> dict:
    """What Streamlit puts in st.user after a sign-on: the identity token's claims."""
    return {"is_logged_in": True, "email": email, "email_verified": True, "name": "Anna Bērziņa", "iss": ISSUER,
            "sub": email.split("@")[0], "iat": int(time.time()) - 60, "nonce": "n-" + email, **extra}


@pytest.fixture
def make_app(fresh_db, monkeypatch, tmp_path):
    monkeypatch.setenv("OGP_DB", str(fresh_db))
    monkeypatch.setenv("OGP_ANALYST_PASSWORD", PASSWORD)
    for name in ("OGP_ANALYST_EMAILS", "OGP_ANALYST_DOMAINS", sessions.HOURS_ENV, sessions.SECRET_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(passwords, "SECRETS_FILE", tmp_path / "no-secrets.toml")
    st.cache_resource.clear()

    def make(user: dict | None = None, allow: dict | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
        at.secrets["auth"] = AUTH
        at.secrets["analysts"] = allow if allow is not None else {"domains": ["mk.gov.lv"]}
        at.user = user or {"is_logged_in": False}
        return at.run()

    yield make
    st.cache_resource.clear()


def login_page(at: AppTest) -> AppTest:
    return at.switch_page(str(ROOT / "views/login.py")).run()


def test_an_allowed_sign_on_is_an_analyst_and_the_audit_trail_records_the_verified_e_mail(make_app, fresh_db):
    at = make_app(claims("Anna.Berzina@MK.gov.lv"))
    login_page(at)
    assert not at.exception and texts(at.success) == "Jūs esat pierakstījies kā anna.berzina@mk.gov.lv."
    assert "organizācijas kontu" in texts(at.caption) and "serve.py" not in texts(at.caption)
    at.switch_page(str(ROOT / "views/upload.py")).run()
    at.file_uploader[0].set_value(("decembris.xlsx", modified_sample(), XLSX)).run()
    at.button(key="publish").click().run()
    assert not at.exception
    log = state(fresh_db)["log"]
    assert log[0] == ["publish", 3, "anna.berzina@mk.gov.lv"]


@pytest.mark.parametrize("user, allow, why", [
    (claims("janis@evil.lv"), {"domains": ["mk.gov.lv"]}, "nav analītiķu sarakstā"),
    (claims("janis@evilmk.gov.lv"), {"domains": ["mk.gov.lv"]}, "nav analītiķu sarakstā"),  # not a suffix match
    (claims("janis@mk.gov.lv"), {"emails": ["anna@mk.gov.lv"]}, "nav analītiķu sarakstā"),
    (claims("anna@mk.gov.lv"), {}, "nav analītiķu sarakstā"),  # no list: nobody, not everybody
    (claims("anna@mk.gov.lv", email_verified=False), {"domains": ["mk.gov.lv"]}, "nav apstiprinājis"),
    (claims("anna@mk.gov.lv", iat=int(time.time()) - 9 * 3600), {"domains": ["mk.gov.lv"]}, "ir beigusies"),
])
def test_a_sign_on_that_is_not_an_allowed_fresh_analyst_gets_no_analyst_pages(make_app, user, allow, why):
    at = make_app(user, allow)
    login_page(at)
    assert not at.exception and why in texts(at.warning) and not at.success
    at.switch_page(str(ROOT / "views/upload.py")).run()
    assert not at.exception and not at.file_uploader and "tikai analītiķiem" in texts(at.warning)


def test_the_allow_list_also_comes_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("OGP_ANALYST_EMAILS", "janis@partner.lv, anna@mk.gov.lv")
    at = login_page(make_app(claims("janis@partner.lv"), allow={}))
    assert texts(at.success) == "Jūs esat pierakstījies kā janis@partner.lv."


def test_signing_out_of_a_sign_on_ends_it_also_where_streamlits_cookie_is_still_held(make_app):
    user = claims("anna@mk.gov.lv")
    at = login_page(make_app(user))
    at.button(key="sign_out").click().run()
    assert not at.exception and at.user == {"is_logged_in": False}  # st.logout ran
    other_tab = login_page(make_app(user))  # a tab opened before: Streamlit's st.user still holds the claims
    assert "ir beigusies" in texts(other_tab.warning) and not other_tab.success
    fresh = login_page(make_app(claims("anna@mk.gov.lv", nonce="again")))  # signing on again works
    assert texts(fresh.success) == "Jūs esat pierakstījies kā anna@mk.gov.lv."


def test_with_sign_on_configured_the_page_offers_it_and_the_password_too(make_app):
    at = login_page(make_app())
    assert [b.label for b in at.button] == ["Pierakstīties ar organizācijas kontu", "Pierakstīties"]
    at.text_input(key="login_name").input("Anna Bērziņa")
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Pierakstīties").click().run()
    assert texts(at.success) == "Jūs esat pierakstījies kā Anna Bērziņa."
    # run by AppTest (no serve.py), the sign-in says it lasts for this tab only
    assert "kopīgo analītiķu paroli" in texts(at.caption) and "tikai šajā cilnē" in texts(at.caption)


def test_password_sign_out_ends_the_session(make_app):
    at = login_page(make_app())
    at.text_input(key="login_name").input("Anna Bērziņa")
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Pierakstīties").click().run()
    token = at.session_state["_analyst_token"]
    assert sessions.Sessions.for_database().check(token) is not None
    at.button(key="sign_out").click().run()
    assert not at.exception and not at.success and at.text_input(key="login_password")
    assert sessions.Sessions.for_database().check(token) is None  # for every process, not only this tab


def test_personal_passwords_record_the_listed_name_and_refuse_the_shared_one(make_app, monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    hashed = passwords.Verifier.from_password("Annas parole 1", "x").serialise().strip()
    secrets.write_text(f'[{passwords.PEOPLE_TABLE}]\n"Anna Bērziņa" = "{hashed}"\n', encoding="utf-8")
    monkeypatch.setattr(passwords, "SECRETS_FILE", secrets)
    at = login_page(make_app())
    assert "sava parole" in texts(at.caption)
    for name, password in (("Anna Bērziņa", PASSWORD), ("Cits Cilvēks", "Annas parole 1")):
        at.text_input(key="login_name").input(name)
        at.text_input(key="login_password").input(password)
        at.button(key="FormSubmitter:login-Pierakstīties").click().run()
        assert "Nepareizs vārds vai parole" in texts(at.error) and not at.success
    at.text_input(key="login_name").input("anna bērziņa")
    at.text_input(key="login_password").input("Annas parole 1")
    at.button(key="FormSubmitter:login-Pierakstīties").click().run()
    assert texts(at.success) == "Jūs esat pierakstījies kā Anna Bērziņa."
    assert "personīgo paroli" in texts(at.caption)
