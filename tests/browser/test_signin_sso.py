"""Chromium: single sign-on through Streamlit's own ``st.login`` against an OpenID Connect provider the
test starts on loopback (``oidc_provider.py``). Nothing inside the app is replaced: the dashboard is
`streamlit run serve.py` with an ``[auth]`` section and an allow-list in a secrets file.

An allowed analyst signs in at the provider, stays signed in after a reload and in a new tab, uploads
and publishes, and the database records the verified e-mail; signing out ends the sign-in at the
provider, in this browser and in the tab that still holds Streamlit's cookie. Someone the provider
vouches for but who is not on the list can view, not upload.
"""

from __future__ import annotations

import re
import secrets
import shutil

import pytest
from playwright.sync_api import expect

from ogp_monitor.i18n import t
from ogp_monitor.store import db
from tests.browser import oidc_provider
from tests.browser.conftest import TIMEOUT_MS, free_port, goto, serving, wait_ready
from tests.test_publishing import modified_sample

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"



@pytest.fixture(scope="module")
def provider():
    provider, server = oidc_provider.start()
    yield provider
    server.shutdown()


@pytest.fixture
def installation(provider, sample_db_file, tmp_path):
    """A copy of the data, a free port registered with the provider, and the secrets file naming both."""
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/oauth2callback"
    provider.allowed_redirects.add(redirect)
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "{oidc_provider.CLIENT_ID}"
client_secret = "{oidc_provider.CLIENT_SECRET}"
server_metadata_url = "{provider.url}/.well-known/openid-configuration"

[analysts]
domains = ["mk.gov.lv"]
""", encoding="utf-8")
    shutil.copy(sample_db_file, tmp_path / "ogp.duckdb")
    return {"db_path": tmp_path / "ogp.duckdb", "port": port, "args": ("--secrets.files", str(secrets_file)),
            "log_dir": tmp_path}


@pytest.fixture
def context(browser):
    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def sso_sign_in(page, server, provider, email: str, name: str) -> None:
    goto(page, server, "/analitikiem")
    page.get_by_role("button", name=t("login.sso", "lv")).click()
    expect(page).to_have_url(re.compile(re.escape(provider.url) + "/authorize"))  # at the provider
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(server.url + "/")  # Streamlit's callback set its cookie and went home
    wait_ready(page)
    goto(page, server, "/analitikiem")


def no_exception(page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_an_analyst_on_the_list_signs_in_at_the_provider_publishes_and_signs_out_everywhere(
        browser, request, provider, installation, context):
    email = "anna.berzina@mk.gov.lv"
    with serving(installation["db_path"], browser, request, installation["log_dir"], port=installation["port"],
                 args=installation["args"]) as server:
        page = context.new_page()
        sso_sign_in(page, server, provider, "Anna.Berzina@MK.gov.lv", "Anna Bērziņa")
        expect(page.get_by_text(f"Jūs esat pierakstījies kā {email}.")).to_be_visible()
        expect(page.get_by_text(t("login.via_sso", "lv") + " ", exact=False)).to_be_visible()
        token_call = next(details for endpoint, details in provider.seen if endpoint == "token")
        assert token_call["pkce"] and token_call["nonce"] and token_call["client_auth"] in ("basic", "post")
        cookie = next(c for c in context.cookies() if c["name"] == "_streamlit_user")
        assert cookie["httpOnly"]

        page.reload()  # a reload, and a new tab straight to an analyst page
        wait_ready(page)
        expect(page.get_by_text(f"Jūs esat pierakstījies kā {email}.")).to_be_visible()
        other = context.new_page()
        goto(other, server, "/augsupielade")
        expect(other.locator("[data-testid='stFileUploaderDropzoneInput']")).to_be_attached()

        other.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            files=[{"name": "ogp_2025-12-15.xlsx", "mimeType": XLSX, "buffer": modified_sample()}])
        expect(other.get_by_text("Priekšskatījums — nekas vēl nav publicēts")).to_be_visible()
        wait_ready(other)
        other.get_by_role("button", name="Publicēt").click()
        expect(other.get_by_text(re.compile(r"Publicēts: ziņojums uz 15\.12\.2025\."))).to_be_visible()
        wait_ready(other)
        no_exception(other)

        # Sign-out goes through the provider's end-session endpoint, which sends the browser back to the
        # redirect URI without an OAuth state; Streamlit 1.67 logs "Missing provider for OAuth callback"
        # (at its default format, without a level word) and goes to the start page.
        page.get_by_role("button", name="Izrakstīties").click()
        expect(page).to_have_url(server.url + "/")
        wait_ready(page)
        assert any(endpoint == "logout" for endpoint, _ in provider.seen)
        assert not [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]
        goto(page, server, "/analitikiem")
        expect(page.get_by_role("button", name=t("login.sso", "lv"))).to_be_visible()
        expect(page.get_by_text(f"Jūs esat pierakstījies kā {email}.")).to_have_count(0)

        # the other tab opened with Streamlit's cookie, and its st.user still holds the claims; at its next
        # interaction the sign-in is over all the same (listed as signed out beside the database)
        other.get_by_text("English", exact=True).click()
        wait_ready(other)
        expect(other.get_by_text(t("login.only_analysts", "en"))).to_be_visible()
        expect(other.get_by_text(re.compile("has ended"))).to_be_visible()
        expect(other.locator("[data-testid='stFileUploaderDropzoneInput']")).to_have_count(0)
        no_exception(other)

    con = db.connect(installation["db_path"])  # the server has stopped and released the file
    try:
        log = db.run_query(con, "publication_log")
        snapshots = db.run_query(con, "snapshots")
    finally:
        con.close()
    assert log.iloc[0]["action"] == "publish" and log.iloc[0]["acted_by"] == email  # the verified identity
    assert snapshots.sort_values("snapshot_id").iloc[-1]["uploaded_by"] == email


def test_someone_the_provider_knows_but_not_on_the_list_can_view_and_not_upload(
        browser, request, provider, installation, context):
    with serving(installation["db_path"], browser, request, installation["log_dir"], port=installation["port"],
                 args=installation["args"]) as server:
        page = context.new_page()
        sso_sign_in(page, server, provider, "janis@evilmk.gov.lv", "Jānis")
        expect(page.get_by_text(re.compile("janis@evilmk.gov.lv, bet šī adrese nav analītiķu sarakstā"))).to_be_visible()
        expect(page.get_by_role("button", name="Pierakstīties", exact=True)).to_be_visible()  # the password stays
        goto(page, server, "/augsupielade")
        expect(page.get_by_text(t("login.only_analysts", "lv"))).to_be_visible()
        expect(page.locator("[data-testid='stFileUploaderDropzoneInput']")).to_have_count(0)
        expect(page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Augšupielāde")).to_have_count(0)
        goto(page, server, "/")
        expect(page.locator("[data-testid='stMetric']").first).to_be_visible()  # viewing works
        no_exception(page)
