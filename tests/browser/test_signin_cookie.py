"""Chromium: a password sign-in survives a reload, a new tab and another server process, and signing
out ends it in every tab and process at its next interaction.

Two `streamlit run serve.py` processes on different ports. A browser keeps cookies per host, not per
port, so 127.0.0.1:A and 127.0.0.1:B share the sign-in cookie, as two processes behind one load
balancer do. DuckDB lets only one process open a database file (TECH_NOTES.md), and on this branch
each dashboard process opens its file read-write, so the two processes cannot serve the same file:
each gets its own copy, and both copies sit in one folder. What a sign-in needs from "the same
installation" lives beside the database, in that folder: the generated signing secret
(``session_secret.key``, made once by whichever process starts first) and the list of signed-out
sessions (``signed_out.txt``). The analyst password is the same ``OGP_ANALYST_PASSWORD`` for both.
"""

from __future__ import annotations

import re
import shutil
import time

import pytest
from playwright.sync_api import expect

from ogp_monitor.i18n import t
from ogp_monitor.web import sessions
from tests.browser.conftest import TEST_PASSWORD, TIMEOUT_MS, goto, serving, wait_ready

NAME = "Anna Bērziņa"
SIGNED_IN = f"Jūs esat pierakstījies kā {NAME}."


@pytest.fixture(scope="module")
def folder(sample_db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("installation")
    for name in ("a.duckdb", "b.duckdb"):
        shutil.copy(sample_db_file, folder / name)
    return folder


@pytest.fixture(scope="module")
def servers(folder, browser, request, tmp_path_factory):
    logs = tmp_path_factory.mktemp("server_logs")
    no_secret = {sessions.SECRET_ENV: None, sessions.HOURS_ENV: None}  # the generated, shared secret; 8 h
    with serving(folder / "a.duckdb", browser, request, logs, env=no_secret) as a, \
            serving(folder / "b.duckdb", browser, request, logs, env=no_secret) as b:
        yield a, b


@pytest.fixture
def context(browser):
    """One browser profile: its tabs share cookies, as an analyst's browser does."""
    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def sign_in(page, lang: str = "lv") -> None:
    page.get_by_role("textbox", name=t("login.name", lang)).fill(NAME)
    page.get_by_role("textbox", name=t("login.password", lang), exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name=t("login.submit", lang)).click()


def expect_analyst(page, lang: str = "lv") -> None:
    wait_ready(page)
    expect(page.locator("[data-testid='stFileUploaderDropzoneInput']")).to_be_attached()
    expect(page.get_by_text(t("login.only_analysts", lang))).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def expect_viewer(page, lang: str = "lv") -> None:
    wait_ready(page)
    expect(page.get_by_text(t("login.only_analysts", lang))).to_be_visible()
    expect(page.locator("[data-testid='stFileUploaderDropzoneInput']")).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == sessions.COOKIE_NAME), None)


def test_a_sign_in_survives_reload_new_tab_and_another_process_and_sign_out_ends_it_everywhere(
        servers, folder, context):
    a, b = servers
    first = context.new_page()
    goto(first, a, "/analitikiem")
    sign_in(first)
    # the page posts the grant to /ogp-auth/session and comes back: a new session that reads the cookie
    expect(first.get_by_text(SIGNED_IN)).to_be_visible()
    expect(first.get_by_text(re.compile("Derīga līdz .*arī pēc lapas pārlādes"))).to_be_visible()
    expect(first).to_have_url(f"{a.url}/analitikiem")
    cookie = session_cookie(context)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert 8 * 3600 - 120 < cookie["expires"] - time.time() <= 8 * 3600
    assert sessions.COOKIE_NAME not in first.evaluate("document.cookie")  # no script can read it
    assert (folder / sessions.SECRET_FILE_NAME).exists()  # one secret for the folder, made once

    first.reload()  # 1. a reload
    wait_ready(first)
    expect(first.get_by_text(SIGNED_IN)).to_be_visible()
    expect(first.get_by_role("link", name="Augšupielāde").first).to_be_visible()

    second = context.new_page()  # 2. a new tab, straight to an analyst page
    goto(second, a, "/augsupielade")
    expect_analyst(second)

    third = context.new_page()  # 3. another process with the same secret
    goto(third, b, "/augsupielade")
    expect_analyst(third)

    first.get_by_role("button", name="Izrakstīties").click()  # 4. sign out in the first tab
    wait_ready(first)
    expect(first.get_by_role("button", name="Pierakstīties")).to_be_visible()
    expect(first.get_by_text(SIGNED_IN)).to_have_count(0)
    assert session_cookie(context) is None  # deleted by /ogp-auth/signout

    # the other tabs still hold the cookie they opened with; at their next interaction they are viewers,
    # on this process and on the other one
    for tab in (second, third):
        tab.get_by_text("English", exact=True).click()
        expect_viewer(tab, "en")
        expect(tab.get_by_role("link", name="Upload")).to_have_count(0)
    third.reload()  # (the language switch is in the address now)
    expect_viewer(third, "en")


def test_signing_in_on_an_analyst_page_of_the_other_process_comes_back_to_that_page(servers, context):
    _, b = servers
    page = context.new_page()
    goto(page, b, "/augsupielade?lang=en")
    expect_viewer(page, "en")
    sign_in(page, "en")
    expect_analyst(page, "en")
    expect(page).to_have_url(f"{b.url}/augsupielade?lang=en")  # the same page, in the same language
    assert TEST_PASSWORD not in page.url and "grant" not in page.url and "v1." not in page.url
    assert session_cookie(context) is not None
