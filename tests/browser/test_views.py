"""The council's views in real headless Chromium: charts drawn, filtered links, CSV, meeting mode, axe.

One server for the module, serving the sample plus one extra upload (a corrected 29.09.2025
export) whose 6th plan has two extra measures: a formula-like title and a title with every
Latvian letter, so the CSV download can be checked for both.
"""

from __future__ import annotations

import ast
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from ogp_monitor.i18n import STRINGS, status_label, t
from ogp_monitor.reports import exports
from ogp_monitor.store import db, pipeline
from tests.browser.conftest import goto, screenshot_full, wait_charts, wait_ready
from tests.conftest import ROOT, SAMPLE_DIR

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "vendor" / "axe.min.js"
PLAN5 = "5. plāns 2022–2025"
PLAN6 = "6. plāns 2026–2027"
FORMULA_TITLE = '=HYPERLINK("http://x","klikšķini")'
PANGRAM_TITLE = "Glāžšķūņa rūķīši dzērumā čiepj Baha koncertflīģeļu vākus"  # ā č ē ģ ī ķ ļ ņ š ū ž
LATVIAN_LETTERS = "āčēģīķļņšūž"
EXCEPTION = "[data-testid='stException']"
CHART = "[data-testid='stPlotlyChart']"

# Pages with charts (file stem in views/ -> at least this many Plotly charts on the sample). The
# meeting page opens on its title slide (no chart); its slides are tested on their own below.
CHARTS_EXPECTED = {"overview": 2, "commitments": 1, "measure": 1, "institutions": 1, "timeline": 2, "trust": 1}
ANALYST_ONLY = {"upload", "history", "collection"}


def nav_pages() -> dict[str, str]:
    """{file stem: url path} of every st.Page in app.py (pages land while the app grows)."""
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "Page":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                stem = Path(node.args[0].value).stem
                kw = {k.arg: k.value for k in node.keywords}
                url = kw["url_path"].value if isinstance(kw.get("url_path"), ast.Constant) else stem
                default = isinstance(kw.get("default"), ast.Constant) and kw["default"].value is True
                alias = isinstance(kw.get("visibility"), ast.Constant) and stem in found  # a second address
                if not alias:
                    found[stem] = "" if default else url  # Streamlit serves the default page at "/"
    return found


VIEW_PAGES = {stem: url for stem, url in nav_pages().items() if stem not in ANALYST_ONLY}


def tricky_export() -> bytes:
    """The 29.09.2025 sample with two more 6th-plan measures (titles stored as text, not formulas)."""
    wb = load_workbook(SAMPLE_DIR / "ogp_2025-09-29_ilustrativs.xlsx")
    ws = wb["Pasākumi"]
    last = [cell.value for cell in ws[ws.max_row]]
    assert last[0] is None or last[0] == PLAN6
    header_row = next(r for r in ws.iter_rows(min_row=1, max_row=10) if r[0].value == "Plāns")
    col = {cell.value: i for i, cell in enumerate(header_row)}
    commitment_title = next(r[col["Apņemšanās"]].value for r in ws.iter_rows(min_row=header_row[0].row + 1)
                            if r[col["Apņemšanās nr."]].value == "4")
    for no, title in (("4.8", FORMULA_TITLE), ("4.9", PANGRAM_TITLE)):
        row = list(last)
        row[col["Plāns"]], row[col["Apņemšanās nr."]], row[col["Apņemšanās"]] = PLAN6, "4", commitment_title
        row[col["Pasākuma nr."]], row[col["Progresa apraksts"]] = no, "Pārbaude: " + LATVIAN_LETTERS.upper()
        ws.append(row)
        cell = ws.cell(row=ws.max_row, column=col["Pasākums"] + 1, value=title)
        cell.data_type = "s"  # openpyxl would otherwise save "=..." as a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def seeded(sample_db_file, tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """The sample plus the corrected export, and the current snapshot's measures as the database
    holds them (read now: once the server runs, DuckDB lets no other process open the file)."""
    target = tmp_path_factory.mktemp("views_db") / "ogp.duckdb"
    shutil.copy(sample_db_file, target)
    checked = pipeline.check(tricky_export(), "ogp_2025-09-29_labots.xlsx")
    assert checked.ok, [p.line("en") for p in checked.errors]
    con = db.connect(target)
    try:
        pipeline.store(con, checked, uploaded_by="browser-test")
        measures = db.run_query(con, "measures", snapshot_id=db.current_snapshot_id(con), plan_id=None,
                                commitment_no=None, status_group=None, institution=None)
    finally:
        con.close()
    assert {FORMULA_TITLE, PANGRAM_TITLE} <= set(measures["measure_title"])
    return target, measures


@pytest.fixture(scope="module")
def app_db(seeded) -> Path:
    return seeded[0]


@pytest.fixture(scope="module")
def measures(seeded) -> pd.DataFrame:
    return seeded[1]


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core and return violations of impact serious or critical."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def assert_no_exception(page) -> None:
    """No traceback box, and no "Page not found" dialog (a broken link falls back to the main page)."""
    expect(page.locator(EXCEPTION)).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)


def assert_charts_drawn(page, minimum: int) -> None:
    """At least `minimum` Plotly charts, each with drawn marks (bars, lines, points), not an empty axis."""
    charts = page.locator(CHART)
    expect(charts.first).to_be_visible()
    wait_charts(page)
    count = charts.count()
    assert count >= minimum, f"{count} charts, expected at least {minimum}"
    for i in range(count):
        marks = charts.nth(i).evaluate("""el => [...el.querySelectorAll('g.trace path')]
            .filter(p => { const d = p.getAttribute('d') || ''; return d.length > 4 && d !== 'M0,0Z'; }).length""")
        assert marks > 0, f"chart {i + 1} of {count} draws no bar, line or point"


def rows_caption(page, lang: str):
    return page.get_by_text(re.compile(r"^(Rindas|Rows): \d+$")).first


@pytest.mark.parametrize("stem", sorted(VIEW_PAGES))
def test_each_view_draws_without_error_and_passes_axe(app_server, page, screenshots, stem):
    goto(page, app_server, f"/{VIEW_PAGES[stem]}")
    expect(page.locator("h1").first).to_be_visible()
    if stem in CHARTS_EXPECTED:
        assert_charts_drawn(page, CHARTS_EXPECTED[stem])
    assert_no_exception(page)
    screenshot_full(page, screenshots / f"{stem}_lv.png")
    page.screenshot(path=screenshots / f"{stem}_lv_screen.png")  # what a 1600x1000 screen shows first
    serious = run_axe(page)
    assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("stem", sorted(VIEW_PAGES))
def test_each_view_in_english(app_server, page, screenshots, stem):
    """Switching the language redraws the page in English: navigation, title, charts; no Latvian nav left."""
    goto(page, app_server, f"/{VIEW_PAGES[stem]}")
    page.locator("[data-testid='stSidebar'] label").filter(has_text="English").click()
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav.get_by_text(t("nav.overview", "en"), exact=True)).to_be_visible()
    wait_ready(page)
    expect(page.get_by_role("radio", name="English")).to_be_checked()
    expect(nav.get_by_text(t("nav.overview", "lv"), exact=True)).to_have_count(0)
    if f"nav.{stem}" in STRINGS and stem != "meeting":
        expect(page.locator("h1").first).to_have_text(t(f"nav.{stem}", "en"))
    if stem in CHARTS_EXPECTED:
        assert_charts_drawn(page, CHARTS_EXPECTED[stem])
    assert_no_exception(page)
    page.screenshot(path=screenshots / f"{stem}_en.png")


def test_switching_language_relabels_every_filter(app_server, page):
    goto(page, app_server, f"/{VIEW_PAGES['data']}")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("label").filter(has_text="English").click()
    expect(page.locator("h1").first).to_have_text(t("nav.data", "en"))
    wait_ready(page)
    for key in ("filter.commitment", "filter.institution", "filter.status"):
        expect(sidebar.get_by_role("combobox", name=t(key, "en"))).to_have_value(t("filter.all", "en"), timeout=5_000)


def test_link_with_lang_en_opens_in_english(app_server, page):
    goto(page, app_server, f"/{VIEW_PAGES['data']}?lang=en&plan={quote(PLAN5)}")
    expect(page.get_by_role("radio", name="English")).to_be_checked(timeout=5_000)
    expect(page.locator("h1").first).to_have_text(t("nav.data", "en"), timeout=5_000)


def test_link_with_filters_opens_filtered(app_server, page, measures):
    """A hand-written link with plan and status opens the data page already filtered."""
    goto(page, app_server, f"/{VIEW_PAGES['data']}?plan={quote(PLAN5)}&status=in_progress")
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("combobox", name=t("filter.plan", "lv"))).to_have_value(PLAN5)
    expect(sidebar.get_by_role("combobox", name=t("filter.status", "lv"))).to_have_value(status_label("in_progress", "lv"))
    expected = measures[(measures["plan_id"] == PLAN5) & (measures["status_group"] == "in_progress")]
    assert 0 < len(expected) < len(measures[measures["plan_id"] == PLAN5])  # the filter really narrows
    expect(rows_caption(page, "lv")).to_have_text(t("data.n_rows", "lv", n=len(expected)))
    assert_no_exception(page)


def test_copied_link_reopens_the_same_view(app_server, page, browser, measures):
    """Filters chosen in the sidebar live in the URL: the copied link, opened in a new browser
    context (no session), shows the same language, plan, commitment and row count."""
    goto(page, app_server, f"/{VIEW_PAGES['data']}")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("label").filter(has_text="English").click()
    expect(page.locator("h1").first).to_have_text(t("nav.data", "en"))
    wait_ready(page)
    for label, option in ((t("filter.plan", "en"), PLAN6), (t("filter.commitment", "en"), "2")):
        sidebar.get_by_role("combobox", name=label).click()
        page.get_by_role("option", name=option, exact=True).click()
        expect(sidebar.get_by_role("combobox", name=label)).to_have_value(option)
        wait_ready(page)
    plan6 = measures[measures["plan_id"] == PLAN6]
    rows = t("data.n_rows", "en", n=int((plan6["commitment_no"] == "2").sum()))
    expect(rows_caption(page, "en")).to_have_text(rows)
    link = page.url
    assert "plan=" in link and "commitment=" in link

    other = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        fresh = other.new_page()
        fresh.goto(link)
        wait_ready(fresh)
        side = fresh.locator("[data-testid='stSidebar']")
        expect(fresh.locator("h1").first).to_have_text(t("nav.data", "en"))
        expect(side.get_by_role("combobox", name=t("filter.plan", "en"))).to_have_value(PLAN6)
        expect(side.get_by_role("combobox", name=t("filter.commitment", "en"))).to_have_value("2")
        expect(rows_caption(fresh, "en")).to_have_text(rows)
        assert_no_exception(fresh)
    finally:
        other.close()


def click_for_download(page, button):
    """Click a download button and return the download. Once in ~4 full suite runs on two busy
    workers (06.12.2026) a click brought no download within 30 s while the server logged nothing;
    a person clicks again, and so does this, once (a button that never downloads still fails)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        with page.expect_download(timeout=15_000) as info:
            button.click()
        return info.value
    except PlaywrightTimeout:
        wait_ready(page)
        with page.expect_download() as info:
            button.click()
        return info.value


def test_csv_download_is_excel_ready_and_neutralised(app_server, page, measures, artifacts):
    """The data page's CSV: BOM, ';', Latvian letters intact, the formula-like title made inert."""
    goto(page, app_server, f"/{VIEW_PAGES['data']}?plan={quote(PLAN6)}")
    expect(rows_caption(page, "lv")).to_be_visible()
    download = click_for_download(page, page.get_by_role("button", name=t("common.download_csv", "lv")).first)
    assert download.suggested_filename.endswith(".csv")
    raw = Path(download.path()).read_bytes()
    (artifacts / download.suggested_filename).write_bytes(raw)
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark: Excel would read Windows-1252"
    text = raw.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.count(";") >= 5 and "," not in header.replace(", ", "")

    table = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    plan6 = measures[measures["plan_id"] == PLAN6]
    assert len(table) == len(plan6)
    title_col = next(c for c in table.columns if table[c].isin(plan6["measure_title"]).sum() > len(plan6) / 2)
    titles = set(table[title_col])
    assert "'" + FORMULA_TITLE in titles, "the formula-like title must start with ' in the CSV"
    assert FORMULA_TITLE not in titles
    assert PANGRAM_TITLE in titles
    assert set(LATVIAN_LETTERS) <= set(text)
    expected = {exports.neutralise(x) for x in plan6["measure_title"]}
    assert titles == expected  # every title, Latvian letters and all, exactly as stored
    assert not any(cell.startswith(exports.FORMULA_START) for col in table.columns
                   for cell in table[col] if not re.fullmatch(r"-?[\d.,]+", cell))


def test_meeting_mode_collapses_sidebar_and_enlarges_type(app_server, page):
    goto(page, app_server, "/")
    normal = page.locator("h1").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    goto(page, app_server, "/?mode=meeting")
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()
    # The larger type is a stylesheet the script adds (st.html): wait for it to apply, don't sample once.
    page.wait_for_function("min => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) > min",
                           arg=normal * 1.1)
    assert_charts_drawn(page, 1)
    assert_no_exception(page)


def test_meeting_slides_next_and_previous(app_server, page, screenshots):
    goto(page, app_server, f"/{VIEW_PAGES['meeting']}?mode=meeting")
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
    slide_no = page.get_by_role("spinbutton", name=t("meeting.slide", "lv"))
    expect(slide_no).to_have_value("1")
    expect(page.locator(CHART)).to_have_count(0)  # the title slide
    next_button = page.get_by_role("button", name=t("meeting.next", "lv"))
    titles = []
    for n in (2, 3):
        next_button.click()
        expect(slide_no).to_have_value(str(n))
        wait_ready(page)
        assert_charts_drawn(page, 1)
        titles.append(page.locator(".st-key-slide_title h2").text_content())  # the slide's own title
        assert f"slide={n}" in page.url
    assert titles[0] != titles[1], "next must show a different slide"
    page.screenshot(path=screenshots / "meeting_slide3.png")
    page.get_by_role("button", name=t("meeting.prev", "lv")).click()
    expect(slide_no).to_have_value("2")
    wait_ready(page)
    wait_charts(page)
    expect(page.locator(".st-key-slide_title h2")).to_have_text(titles[0])
    page.screenshot(path=screenshots / "meeting_slide2.png")
    assert_no_exception(page)
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
