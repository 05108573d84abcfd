"""In a real browser: an analyst publishes a December report of the 5th plan alone; the 6th plan,
the trust indicators and the schedule stay in front of the council."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import goto, wait_charts, wait_ready
from tests.browser.test_upload_journey import XLSX, nav
from tests.conftest import SAMPLE_DIR

DECEMBER = SAMPLE_DIR / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"
PLAN5, PLAN6 = "5. plāns 2022–2025", "6. plāns 2026–2027"


def sign_in(page, server) -> None:
    nav(page, "Analītiķiem")
    page.get_by_role("textbox", name=re.compile("Jūsu vārds")).fill("Anna Bērziņa")
    page.get_by_role("textbox", name="Parole", exact=True).fill(server.password)
    page.get_by_role("button", name="Pierakstīties").click()
    expect(page.get_by_text("Jūs esat pierakstījies kā Anna Bērziņa.")).to_be_visible()


def plan_options(page) -> list[str]:
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Plāns").first.click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [o.strip() for o in options]


def test_a_one_plan_report_keeps_the_other_plan_and_the_trust_figures(app_server, page, screenshots):
    goto(page, app_server, "/")
    sign_in(page, app_server)
    nav(page, "Augšupielāde")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": DECEMBER.name, "mimeType": XLSX, "buffer": DECEMBER.read_bytes()}])
    expect(page.get_by_text("Priekšskatījums — nekas vēl nav publicēts")).to_be_visible()
    wait_ready(page)
    expect(page.get_by_text(re.compile(r"Paliek, kā ir \(šajā failā to nav\): uzticēšanās rādītāji"))).to_be_visible()
    page.screenshot(path=screenshots / "upload_one_plan_preview.png", full_page=True)
    page.get_by_role("button", name="Publicēt").click()
    expect(page.get_by_text(re.compile(r"Publicēts: ziņojums uz 15\.12\.2025\."))).to_be_visible()

    nav(page, "Pārskats")
    expect(page.get_by_text(re.compile(r"„5\. plāns 2022–2025” pašreizējais ziņojums uz 15\.12\.2025\."))).to_be_visible()
    assert plan_options(page) == [PLAN5, PLAN6]  # the plan filter still lists both plans

    goto(page, app_server, f"/?plan={PLAN6}")
    expect(page.get_by_text(re.compile(r"„6\. plāns 2026–2027” pašreizējais ziņojums uz 29\.09\.2025\."))).to_be_visible()
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Pasākumi kopā").first).to_contain_text("21")

    goto(page, app_server, "/uzticesanas")
    wait_charts(page)
    expect(page.locator("[data-testid='stPlotlyChart']")).not_to_have_count(0)
    assert page.locator(".js-plotly-plot .point").count() > 0  # the gap chart still has its markers
    page.screenshot(path=screenshots / "trust_after_one_plan_report.png", full_page=True)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
