"""In a real browser: sign in, upload an edited export through the file chooser, publish, see the overview change.

Navigation happens through the sidebar links, as an analyst would (that a sign-in
also survives a reload and a new tab is test_signin_cookie.py's job).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import goto, wait_ready
from tests.test_publishing import modified_sample

ADVANCED = "Pabeigts vai būtisks progress"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def metric_value(page, label: str) -> int:
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return int(metric.locator("[data-testid='stMetricValue']").inner_text().strip())


def nav(page, label: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=label).click()  # the text also holds the icon name
    expect(page.locator("h1").filter(has_text=label)).to_be_visible()
    wait_ready(page)


def test_analyst_signs_in_uploads_publishes_and_viewers_see_the_new_numbers(app_server, page, screenshots):
    goto(page, app_server, "/")
    before = metric_value(page, ADVANCED)
    nav_links = page.locator("[data-testid='stSidebarNav'] a")
    expect(nav_links.filter(has_text="Augšupielāde")).to_have_count(0)  # a viewer has no upload page

    nav(page, "Analītiķiem")
    page.get_by_role("textbox", name=re.compile("Jūsu vārds")).fill("Anna Bērziņa")
    page.get_by_role("textbox", name="Parole", exact=True).fill(app_server.password)
    page.get_by_role("button", name="Pierakstīties").click()
    expect(page.get_by_text("Jūs esat pierakstījies kā Anna Bērziņa.")).to_be_visible()
    expect(page).not_to_have_url(re.compile("parole|password|" + re.escape(app_server.password), re.I))

    nav(page, "Augšupielāde")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "ogp_2025-12-15.xlsx", "mimeType": XLSX, "buffer": modified_sample()}])
    expect(page.get_by_text("Priekšskatījums — nekas vēl nav publicēts")).to_be_visible()
    wait_ready(page)
    expect(page.get_by_role("tab", name="Mainīts statuss: 1")).to_be_visible()
    page.screenshot(path=screenshots / "upload_preview.png", full_page=True)

    page.get_by_role("button", name="Publicēt").click()
    expect(page.get_by_text(re.compile(r"Publicēts: ziņojums uz 15\.12\.2025\."))).to_be_visible()
    wait_ready(page)
    page.screenshot(path=screenshots / "upload_published.png", full_page=True)

    nav(page, "Pārskats")
    expect(page.get_by_text(re.compile(r"ziņojums uz 15\.12\.2025\.")).first).to_be_visible()
    assert metric_value(page, ADVANCED) == before + 1

    nav(page, "Vēsture")
    page.screenshot(path=screenshots / "history.png", full_page=True)
    expect(page.get_by_role("combobox", name="Izvēlieties augšupielādi")).to_have_value(
        re.compile(r"#3 · 15\.12\.2025\. · ogp_2025-12-15\.xlsx"))
    expect(page.get_by_text("Skatītāji pašlaik redz no šīs augšupielādes:")).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
