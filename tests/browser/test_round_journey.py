"""In a real browser: the secretariat runs a whole collection round from the dashboard — start it,
download the workbooks, drop two returned files at once, read the tracker, close, publish — and the
overview shows the merged report."""

from __future__ import annotations

import io
import re
import zipfile

from playwright.sync_api import expect

from tests.browser.conftest import goto, screenshot_full, wait_ready
from tests.browser.test_one_plan_journey import sign_in
from tests.browser.test_upload_journey import XLSX, nav
from tests.helpers import fill_round_workbook

PLAN5 = "5. plāns 2022–2025"


def fill_date(scope, label: str, day_month_year: str) -> None:
    """Type a date into a Streamlit date input (react-aria segments: day, month, year) as a person would."""
    scope.get_by_role("spinbutton", name=f"day, {label}").click()
    scope.page.keyboard.type(day_month_year.replace(".", ""))
    scope.page.keyboard.press("Tab")


def test_a_round_from_start_to_the_published_report(app_server, page, screenshots, tmp_path):
    goto(page, app_server, "/")
    sign_in(page, app_server)
    nav(page, "Datu vākšana")
    form = page.locator("[data-testid='stForm']")
    fill_date(form, "Stāvoklis uz (ziņojuma datums)", "31.03.2026")
    fill_date(form, "Atbildes gaidāmas līdz", "20.03.2026")
    form.get_by_role("button", name="Sākt kārtu").click()
    expect(page.get_by_text(re.compile(r"Kārta .* sākta: \d+ darbgrāmatas"))).to_be_visible()
    wait_ready(page)
    screenshot_full(page, screenshots / "round_started.png")

    with page.expect_download() as download:
        page.get_by_role("button", name="Lejupielādēt visas darbgrāmatas (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    names = archive.namelist()
    assert "ogp_karta_2026-03-31_Valsts-kanceleja.xlsx" in names and len(names) == 6  # one per lead institution

    vk = fill_round_workbook(archive.read("ogp_karta_2026-03-31_Valsts-kanceleja.xlsx"),
                             {"4.3": {"Statuss": "Pabeigts", "Izpilde, %": 100,
                                      "Izpildes informācija": "Nozaru dialogi notikuši visās ministrijās."}})
    varam = fill_round_workbook(archive.read("ogp_karta_2026-03-31_VARAM.xlsx"),
                                {"6.1": {"Izpildes informācija": "Vadlīnijas pašvaldībām publicētas."}})
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(files=[
        {"name": "VK atbilde.xlsx", "mimeType": XLSX, "buffer": vk},
        {"name": "varam.xlsx", "mimeType": XLSX, "buffer": varam}])
    expect(page.get_by_text(re.compile(r"VK atbilde\.xlsx: Valsts kanceleja — pieņemts"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"varam\.xlsx: VARAM — pieņemts"))).to_be_visible()
    wait_ready(page)
    screenshot_full(page, screenshots / "round_tracker.png")
    tracker = page.locator("[data-testid='stDataFrame']").first
    expect(tracker).to_contain_text("Valsts kanceleja")

    page.get_by_role("button", name="Aizvērt kārtu un apvienot atbildes").click()
    expect(page.get_by_text(re.compile(r"Kārta aizvērta\. Pasākumi ar jaunu informāciju: \d+"))).to_be_visible()
    expect(page.get_by_text("Priekšskatījums — nekas vēl nav publicēts")).to_be_visible()
    wait_ready(page)
    screenshot_full(page, screenshots / "round_merged_preview.png")
    page.get_by_role("button", name="Publicēt apvienoto ziņojumu").click()
    expect(page.get_by_text(re.compile(r"Publicēts: „5\. plāns 2022–2025” ziņojums uz 31\.03\.2026\."))).to_be_visible()

    nav(page, "Pārskats")
    expect(page.get_by_text(re.compile(r"„5\. plāns 2022–2025” pašreizējais ziņojums uz 31\.03\.2026\."))).to_be_visible()
    expect(page.get_by_text("Nav jaunas informācijas").first).to_be_visible()  # the attention list counts them
    screenshot_full(page, screenshots / "round_overview_after.png")
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
