"""Opening a page's address directly (a shared link, a bookmark, a reload) shows that page, with no
"Page not found" dialog over it, also when it is the very first visit after the server started.

The first visit is the case that used to fail: Streamlit (1.67) decides once per server process,
at the first browser session, whether the app uses the old ``pages/`` folder routing, by looking
for a folder named ``pages`` next to the entry script. With one there, that first run routed by the
folder's file names (``/data``), did not know ``/dati`` and sent "Page not found" before app.py's
``st.navigation`` took over and drew the right page under the dialog. The pages therefore live in
``views/``. The shared ``app_server`` fixture warms its server up with one visit to ``/``, which
hides exactly this, so the first-visit tests start servers of their own.
"""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from ogp_monitor.i18n import t
from tests.browser.conftest import _stop, goto, start_app_server, wait_ready
from tests.browser.test_views import VIEW_PAGES

pytestmark = pytest.mark.browser

NOT_FOUND = "Page not found"
SLIDE = 2


def page_path(url_path: str) -> str:
    """The address a council member would be sent: the meeting page on a given slide."""
    path = "/" + url_path
    return f"{path}?slide={SLIDE}" if url_path == VIEW_PAGES["meeting"] else path


def assert_page_shown(page, stem: str) -> None:
    """The right page under the right title, and no "Page not found" dialog over it."""
    title = t(f"nav.{stem}")
    expect(page.locator("[data-testid='stSidebarNav'] a[aria-current='page']")).to_contain_text(title)
    expect(page).to_have_title(re.compile(re.escape(title)))
    if stem == "meeting":  # slides have no page heading; the link's slide is the one shown
        expect(page.get_by_label(t("meeting.slide"))).to_have_value(str(SLIDE))
    else:
        expect(page.locator("h1").first).to_have_text(title)
    wait_ready(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text(NOT_FOUND)).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


@pytest.mark.parametrize("stem", sorted(VIEW_PAGES))
def test_every_page_opens_from_its_link(app_server, page, stem):
    goto(page, app_server, page_path(VIEW_PAGES[stem]))
    assert_page_shown(page, stem)


@pytest.mark.parametrize("stem", ["data", "meeting"])
def test_a_link_is_the_first_visit_after_the_server_starts(sample_db_file, page, tmp_path, stem):
    db_file = tmp_path / "ogp.duckdb"  # its own copy: the module's other server keeps app_db open
    shutil.copy(sample_db_file, db_file)
    server = start_app_server(db_file, tmp_path)  # no warm-up: this visit is the server's first session
    try:
        goto(page, server, page_path(VIEW_PAGES[stem]))
        assert_page_shown(page, stem)
    finally:
        _stop(server.process)


def test_a_measures_link_is_the_first_visit_after_the_server_starts(sample_db_file, page, tmp_path):
    """A council member follows a link to one measure (``pasakums?measure=3.5``) into a fresh server."""
    db_file = tmp_path / "ogp.duckdb"
    shutil.copy(sample_db_file, db_file)
    server = start_app_server(db_file, tmp_path)
    try:
        goto(page, server, f"/{VIEW_PAGES['measure']}?measure=3.5")
        assert_page_shown(page, "measure")
        expect(page.locator("h2").first).to_contain_text("3.5 Deliberatīvo diskusiju modeļa izveide")
        expect(page.get_by_text("27.03.2025.").first).to_be_visible()  # the measure's own history
        assert "measure=3.5" in page.url
    finally:
        _stop(server.process)
