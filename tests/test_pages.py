"""The council's view pages in Streamlit's AppTest: every page, both languages, sample and empty
database, and what a user would see (counts, titles, empty states, filters narrowing the tables)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from ogp_monitor.i18n import fmt_date, fmt_number, t
from ogp_monitor.reports import charts, exports, present
from ogp_monitor.store import db, pipeline
from ogp_monitor.web import cache, tables

from .helpers import measure_row, measures_workbook

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["views/overview.py", "views/commitments.py", "views/measure.py", "views/institutions.py",
         "views/timeline.py", "views/trust.py", "views/data.py", "views/meeting.py", "views/open_data.py"]
TITLES = {"views/overview.py": "nav.overview", "views/commitments.py": "nav.commitments",
          "views/measure.py": "nav.measure",
          "views/institutions.py": "nav.institutions", "views/timeline.py": "nav.timeline",
          "views/trust.py": "nav.trust", "views/data.py": "nav.data", "views/open_data.py": "nav.open_data"}
PLAN5 = "5. plāns 2022–2025"


@pytest.fixture(scope="module")
def pages_db(sample_db_file, tmp_path_factory) -> Path:
    """A private copy of the sample: the app's cached connection keeps its file open."""
    target = tmp_path_factory.mktemp("pages") / "sample.duckdb"
    shutil.copy(sample_db_file, target)
    return target


@pytest.fixture(autouse=True)
def _release_connections():
    yield
    from ogp_monitor.web import cache

    cache._connection.clear()  # closes the DuckDB connection (on_release) so the file is free again


def app(monkeypatch, path: Path, page: str | None = None, ui: str = "lv", **params: str) -> AppTest:
    """Run the app on ``path``, switch to English when ``ui="en"``, open ``page``; URL ``params``."""
    monkeypatch.setenv("OGP_DB", str(path))
    monkeypatch.setenv("OGP_ANALYST_PASSWORD", "test-only-password")
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if ui == "en":
        at.radio(key="_lang_widget").set_value("en").run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Everything a user reads on the page, as one string."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning")
             for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def test_no_pages_folder_next_to_the_app():
    """Streamlit routes a server's first session by the file names in a ``pages/`` folder beside the
    entry script, before app.py's st.navigation runs: a first visit to /dati then got a "Page not
    found" dialog over the page (tests/browser/test_direct_links.py). The pages live in views/."""
    root = Path(APP).parent
    assert not (root / "pages").exists()
    assert all((root / page).exists() for page in PAGES)


def test_query_files_used_by_the_views_exist():
    for name in ("status_counts", "commitment_progress", "overdue_measures", "changes", "institution_load",
                 "institution_summary", "measure_timeline", "status_history", "schedule", "trust_series",
                 "trust_gap", "measures"):
        assert name in db.query_names()


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample(monkeypatch, pages_db, page, lang):
    at = app(monkeypatch, pages_db, page, ui=lang)
    shown = texts(at)
    if page in TITLES:
        assert at.title[0].value == t(TITLES[page], lang)
    else:  # the meeting page opens on its title slide
        assert t("app.title", lang) in shown
    assert t("empty.no_data", lang) not in shown


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_an_empty_database(monkeypatch, empty_db, page, lang):
    at = app(monkeypatch, empty_db, page, ui=lang)
    assert t("empty.no_data", lang) in [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 0


def test_overview_shows_the_councils_26_measures_of_march(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, report="2025-03-27")  # the 5th plan's March report
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("overview.total")] == "26"
    assert metrics[present.status_text("advanced", "lv")] == "11"
    assert metrics[present.status_text("in_progress", "lv")] == "12"
    assert metrics[present.status_text("not_started", "lv")] == "3"
    # The first published report has nothing to compare with.
    assert t("overview.changes_first") in [i.value for i in at.info]


def test_overview_lists_what_changed_since_march(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db)  # the current report, 29.09.2025
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("overview.n_status_changed")] == "3"
    changes = [d.value for d in at.dataframe if t("col.status_before") in d.value.columns]
    assert len(changes) == 1
    links = changes[0][t("col.measure_no")]  # each number links to the measure's own page
    assert {v.split("#")[-1] for v in links} == {"3.5", "4.3", "5.1"}
    assert all(v.startswith("pasakums?plan=5.+pl%C4%81ns") and "measure=" in v for v in links)
    assert changes[0][t("col.status_after")].str.contains(t("status.advanced")).any()


def test_english_switch_changes_titles_statuses_and_dates(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, ui="en")
    assert at.title[0].value == "Overview"
    labels = [m.label for m in at.metric]
    assert "Measures in total" in labels and present.status_text("in_progress", "en") in labels
    assert "29 Sep 2025" in texts(at) and "29.09.2025." not in texts(at)


def test_language_link_opens_in_english(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, lang="English")
    assert at.title[0].value == "Overview"


def test_status_filter_narrows_the_data_table_and_keeps_across_pages(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/data.py")
    measures = at.dataframe[0].value
    assert len(measures) == 26
    at.selectbox(key="_status_lv").set_value("not_started").run()
    narrowed = at.dataframe[0].value
    assert len(narrowed) == 2 and narrowed[t("col.status")].str.contains(t("status.not_started")).all()
    assert at.query_params["status"] in ("not_started", ["not_started"])  # the link carries the code
    at.switch_page("views/overview.py").run()
    assert {m.label: m.value for m in at.metric}[t("overview.total")] == "2"


def test_status_filter_from_the_url_works_in_either_language(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/data.py", ui="en", status="not_started")
    assert len(at.dataframe[0].value) == 2


def test_a_filter_matching_nothing_says_so(monkeypatch, pages_db):
    for page in ("views/overview.py", "views/institutions.py", "views/timeline.py", "views/data.py"):
        at = app(monkeypatch, pages_db, page, status="withdrawn")
        assert t("empty.no_match") in [i.value for i in at.info], page


def test_commitment_page_shows_one_commitment_with_its_measures(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/commitments.py", commitment="3")
    shown = texts(at)
    assert at.subheader[0].value.startswith("3. Stiprināt sabiedrības pārstāvniecību")
    assert present.n_measures_text(6, "lv") in shown  # "6 pasākumi"
    assert "Deliberatīvo diskusiju modeļa izveide" in shown
    assert t("commitments.lead") in shown


def test_commitment_click_in_the_overview_opens_its_page(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db)
    at.session_state["_pending_commitment"] = "5"
    at.session_state["_goto_page"] = "views/commitments.py"
    at.run()
    assert not at.exception
    assert at.title[0].value == t("nav.commitments")
    assert at.subheader[0].value.startswith("5. Veicināt datu pieejamību")


def test_institutions_flag_the_load_limit_in_words(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/institutions.py")
    warning = at.warning[0].value
    assert "Valsts kanceleja vada 12 pasākumus (robeža 4)" in warning and "Ministrijas vada 7" in warning
    table = at.dataframe[0].value
    flagged = table.loc[table[t("col.load")] != "", t("col.institution")].tolist()
    assert flagged == ["Valsts kanceleja", "Ministrijas"]
    at.number_input(key="limit").set_value(12).run()
    assert t("institutions.over_none", limit=12) in [s.value for s in at.success]


def test_institution_drill_down_lists_its_measures_with_role(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/institutions.py")
    at.selectbox(key="institution_pick").set_value("VAS").run()
    drill = at.dataframe[-1].value
    assert len(drill) == 2 and set(drill[t("col.role")]) == {t("chart.role_partner")}


def test_timeline_has_gantt_history_and_schedule(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/timeline.py")
    assert len(at.get("plotly_chart")) == 3
    assert t("timeline.schedule_heading", plan="6\\. plāns 2026–2027") in [h.value for h in at.header]


def test_trust_page_compares_latvia_with_the_average_and_names_sources(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/trust.py", ui="en")
    shown = texts(at)
    assert "Source: OECD" in shown
    gap = at.dataframe[0].value
    row = gap[gap["Indicator"] == "Trust in national government"].iloc[0]
    assert (row["Latvia, %"], row["Average, %"], row["Gap, pp"]) == (29, 39, -10)


def series_charts(at: AppTest) -> dict[str, list[str]]:
    """{chart title: line names} of the trust page's indicator charts (the gap chart left out)."""
    found = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["layout"]["title"]["text"]
        if title not in (t("chart.gap_title", "lv"), t("chart.gap_title", "en")):
            found[title] = [trace["name"] for trace in spec["data"]]
    return found


def test_trust_page_shows_a_few_indicators_for_latvia_and_the_averages(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/trust.py")
    shown = series_charts(at)
    assert list(shown) == ["Uzticēšanās valdībai", "Uzticēšanās valsts pārvaldei", "Uzticēšanās pašvaldībām",
                           "Uzticēšanās Saeimai"]
    assert shown["Uzticēšanās valdībai"] == ["Latvija", "ESAO vidēji"]
    assert at.multiselect(key="_teritorija_lv").value == ["Latvija", "ESAO vidēji", "ES vidēji"]
    assert t("trust.shown", n=4, total=16) in texts(at)
    assert "raditajs" not in at.query_params and "teritorija" not in at.query_params  # defaults: a clean link


def test_trust_choice_narrows_the_charts_goes_into_the_link_and_survives_english(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/trust.py")
    at.multiselect(key="_raditajs_lv").set_value(["Uzticēšanās tiesām"]).run()
    at.multiselect(key="_teritorija_lv").set_value(["Latvija"]).run()
    assert series_charts(at) == {"Uzticēšanās tiesām": ["Latvija"]}
    assert at.query_params["raditajs"] in ("Uzticēšanās tiesām", ["Uzticēšanās tiesām"])
    assert at.query_params["teritorija"] in ("Latvija", ["Latvija"])
    at.radio(key="_lang_widget").set_value("en").run()
    assert series_charts(at) == {"Trust in courts and the judicial system": ["Latvia"]}
    assert at.multiselect(key="_raditajs_en").value == ["Uzticēšanās tiesām"]  # shown in English, coded in Latvian


def test_trust_link_opens_the_chosen_indicator_and_area(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/trust.py", ui="en", raditajs="Uzticēšanās tiesām", teritorija="ESAO vidēji")
    assert series_charts(at) == {"Trust in courts and the judicial system": ["OECD average"]}
    table = at.dataframe[-1].value  # the chart's own table, as filtered
    assert set(table["Area"]) == {"OECD average"} and table["Year"].tolist() == [2021]


AREAS = ["Latvija", "ESAO vidēji", "ES vidēji", "Vidējā izglītība", "Rīga", *[f"Novads {i}" for i in range(40)]]
TRUST_HEADERS = ["Rādītājs", "Rādītājs (angliski)", "Teritorija / grupa", "Gads", "Vērtība", "Mērvienība", "Avots"]


@pytest.fixture(scope="module")
def many_areas_db(tmp_path_factory) -> Path:
    """3 indicators x 45 areas (Latvia, two averages, an education group, regions) x 10 years: 1,350 values."""
    rows = [[f"Rādītājs {k}", f"Indicator {k}", area, year, 20 + k + a % 50, "%", f"Avots {k}"]
            for k in (1, 2, 3) for a, area in enumerate(AREAS) for year in range(2015, 2025)]
    content = measures_workbook(**{"Rādītāji": [TRUST_HEADERS, *rows]})
    path = tmp_path_factory.mktemp("areas") / "areas.duckdb"
    con = db.connect(path)
    checked = pipeline.check(content, "daudz_teritoriju.xlsx")
    assert checked.ok, checked.problems
    pipeline.store(con, checked, uploaded_by="test")
    con.close()
    return path


def test_trust_default_leaves_regions_and_groups_out(monkeypatch, many_areas_db):
    at = app(monkeypatch, many_areas_db, "views/trust.py")
    assert at.multiselect(key="_teritorija_lv").value == ["Latvija", "ESAO vidēji", "ES vidēji"]
    assert set(at.multiselect(key="_teritorija_lv").options) >= {"Rīga", "Novads 39", "Vidējā izglītība"}
    shown = series_charts(at)
    assert list(shown) == ["Rādītājs 1", "Rādītājs 2", "Rādītājs 3"]
    assert all(names == ["Latvija", "ES vidēji", "ESAO vidēji"] for names in shown.values())
    gap = at.dataframe[0].value  # Latvia against an average, never against a region or a group
    assert set(gap[t("col.average_area")]) <= {"ESAO vidēji", "ES vidēji"}
    at.multiselect(key="_teritorija_lv").set_value(["Rīga", *[f"Novads {i}" for i in range(6)]]).run()
    assert not at.exception and all(len(names) == 7 for names in series_charts(at).values())


def test_data_page_pages_a_long_indicator_table_and_downloads_every_row(monkeypatch, many_areas_db):
    at = app(monkeypatch, many_areas_db, "views/data.py")
    first = at.dataframe[-1].value
    assert len(first) == 1000 and first.iloc[0][t("col.area")] == "Latvija"
    assert t("data.preview", first="1", last="1\u00a0000", n="1\u00a0350") in texts(at)
    at.pagination(key="data_indicators_page").set_value(2).run()
    second = at.dataframe[-1].value
    assert len(second) == 350 and second.iloc[-1][t("col.area")] == "Novads 39"
    # The buttons build their files from the whole table, not from the page on screen.
    every_row = cache.uncached_query("indicator_rows", None)()  # None: the current report, as on the page
    assert len(every_row) == 1350
    assert pd.concat([first, second], ignore_index=True).equals(
        present.for_display(present.trust_table(every_row, "lv"), "lv"))


def test_excel_splits_a_table_longer_than_a_sheet():
    frame = pd.DataFrame({"Teritorija": [f"Novads {i}" for i in range(25)], "Vērtība": range(25)})
    sheets = tables.excel_sheets("raditaji", frame, max_rows=10)
    assert list(sheets) == ["raditaji_1", "raditaji_2", "raditaji_3"]
    book = load_workbook(io.BytesIO(exports.to_xlsx_bytes(sheets)))
    assert [book[name].max_row - 1 for name in book.sheetnames] == [10, 10, 5]  # header + rows on each
    assert book["raditaji_3"]["A6"].value == "Novads 24"
    assert list(tables.excel_sheets("raditaji", frame)) == ["raditaji"]  # it fits: one sheet


def test_plan_without_trust_data_says_so(monkeypatch, tmp_path):
    path = tmp_path / "no_trust.duckdb"
    con = db.connect(path)
    checked = pipeline.check(measures_workbook(), "bez_raditajiem.xlsx")
    assert checked.ok
    pipeline.store(con, checked, uploaded_by="test")
    con.close()
    at = app(monkeypatch, path, "views/trust.py")
    assert t("trust.none") in [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 0


def test_workbook_text_is_shown_as_plain_text(monkeypatch, tmp_path):
    path = tmp_path / "hostile.duckdb"
    con = db.connect(path)
    rows = [measure_row("1.1", title="**trekns** <b>x</b> [saite](http://example.org)", note="# virsraksts")]
    checked = pipeline.check(measures_workbook(rows), "teksts.xlsx")
    assert checked.ok
    pipeline.store(con, checked, uploaded_by="test")
    con.close()
    at = app(monkeypatch, path, "views/commitments.py")
    markdown = "\n".join(m.value for m in at.markdown)
    assert r"\*\*trekns\*\*" in markdown and r"\<b\>" in markdown and r"\[saite\]" in markdown
    assert r"\# virsraksts" in markdown


def test_meeting_slides_step_forward_and_back(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/meeting.py", slide="3")
    assert at.number_input(key="slide").value == 3 and len(at.get("plotly_chart")) == 1
    at.button(key="slide_next").click().run()
    assert at.number_input(key="slide").value == 4
    at.button(key="slide_prev").click().run()
    at.button(key="slide_prev").click().run()
    assert at.number_input(key="slide").value == 2
    assert not at.exception


def test_every_slide_has_a_chart_on_the_sample(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/meeting.py")
    for i in range(2, 8):
        at.number_input(key="slide").set_value(i).run()
        assert not at.exception
        assert len(at.get("plotly_chart")) == 1, i


def test_meeting_mode_from_the_url(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, mode="meeting")
    assert at.toggle(key="meeting").value is True


# ---- pure helpers -------------------------------------------------------------------------------

def test_statuses_are_written_with_a_mark_never_colour_alone():
    assert present.status_text("advanced", "lv") == "● Pabeigts vai būtisks progress"
    assert present.status_text("not_started", "en") == "○ Not started"


def test_numbers_on_screen_use_the_latvian_decimal_comma():
    frame = pd.DataFrame({"share": [42.3, 7.7], "whole": [45.0, 50.0]})
    lv = present.for_display(frame, "lv")
    assert lv["share"].tolist() == ["42,3", "7,7"] and lv["whole"].tolist() == [45, 50]
    assert present.for_display(frame, "en")["share"].tolist() == ["42.3", "7.7"]


def test_latvian_number_agreement():
    assert present.n_measures_text(1, "lv") == "1 pasākums"
    assert present.n_measures_text(6, "lv") == "6 pasākumi"
    assert present.n_measures_text(11, "lv") == "11 pasākumu"
    assert present.n_measures_text(1, "en") == "1 measure"


def test_chart_labels_from_data_are_escaped():
    assert charts.wrap("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    frame = pd.DataFrame({"institution": ["<i>VK</i>"], "role": ["lead"], "status_group": ["advanced"],
                          "n_measures": [1]})
    fig = charts.institution_load(frame)
    assert list(fig.data[0].y) == ["&lt;i&gt;VK&lt;/i&gt;"] and fig.data[0].customdata[0] == "<i>VK</i>"


def test_area_names_follow_the_language():
    assert present.area_name("ESAO vidēji", "en") == "OECD average"
    assert present.area_name("Somija", "en") == "Somija"


def test_a_lone_status_is_still_named_in_the_legend():
    frame = pd.DataFrame({"report_date": [pd.Timestamp("2025-09-29")], "status_group": ["not_started"],
                          "n_measures": [21]})
    fig = charts.status_history(frame)
    assert fig.layout.showlegend is True and fig.data[0].name == "○ Nav uzsākts"


def test_summary_says_it_covers_the_whole_plan_when_filters_are_set(monkeypatch, pages_db):
    """The summary counts the whole plan; with a filter set the reader is told so (not misled)."""
    at = app(monkeypatch, pages_db, "views/overview.py", status="not_started")
    assert t("summary.whole_plan") in texts(at)
    plain = app(monkeypatch, pages_db, "views/overview.py")
    assert t("summary.whole_plan") not in texts(plain)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_measure_page_shows_how_a_measure_got_where_it_is(monkeypatch, pages_db, lang):
    at = app(monkeypatch, pages_db, "views/measure.py", ui=lang, measure="3.5")
    assert not at.exception
    assert at.header[0].value.startswith(r"3\.5 Deliberatīvo diskusiju modeļa izveide")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("measure.deadline_first", lang)] == fmt_date(dt.date(2025, 12, 31), lang)
    assert metrics[t("measure.reschedulings", lang)] == "0"
    assert len(at.get("plotly_chart")) == 1  # the status step by step
    shown = texts(at)
    assert fmt_date(dt.date(2025, 3, 27), lang) in shown and fmt_date(dt.date(2025, 9, 29), lang) in shown
    assert "Deliberatīvās metodikas projekts sagatavots" in shown  # the September note, in full
    assert "Substantial" in shown  # the OGP's own level, in its own (English) words in both languages
    assert at.query_params["measure"] in ("3.5", ["3.5"])


def test_an_unknown_measure_says_so_and_shows_the_first(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db, "views/measure.py", measure="9.9")
    assert "Šajā plānā nav pasākuma „9.9”" in " ".join(w.value for w in at.warning)
    assert at.header[0].value.startswith(r"1\.1 ")


def test_the_overview_lists_what_needs_attention(monkeypatch, pages_db):
    at = app(monkeypatch, pages_db)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("reason.overdue")] == "3"  # 1.1, 2.5 and 6.1 on 29.09.2025, as overdue_measures.sql says
    table = next(d.value for d in at.dataframe if t("col.reason") in d.value.columns)
    assert {v.split("#")[-1] for v in table[t("col.measure_no")]} >= {"1.1", "2.5", "6.1"}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_open_data_page_lists_the_files_fields_licence_curl_and_the_dcat_address(monkeypatch, pages_db,
                                                                                      tmp_path, lang):
    monkeypatch.setenv("OGP_STATIC_DIR", str(tmp_path / "static"))
    monkeypatch.delenv("OGP_PUBLIC_URL", raising=False)
    at = app(monkeypatch, pages_db, "views/open_data.py", ui=lang)
    served = tmp_path / "static" / "open-data"
    files = at.dataframe[0].value.set_index(t("od.col.file", lang))
    base = "/app/static/open-data/"  # AppTest has no browser address: the links are relative to the server
    assert list(files.index[:4]) == [base + n for n in ("datapackage.json", "dcat.jsonld", "measures.csv",
                                                         "measures.parquet")]
    assert len(files) == 9 and files.loc[base + "measures.csv", t("od.col.rows", lang)] == 47
    size = (served / "measures.csv").stat().st_size / 1024
    assert files.loc[base + "measures.csv", t("od.col.size", lang)] == f"{fmt_number(size, lang, 1)} kB"
    assert files.loc[base + "indicators.csv", t("od.col.content", lang)] == t("od.res.indicators.title", lang)

    measures_fields = at.table[0].value
    assert len(measures_fields) == 17 and measures_fields[t("od.col.field", lang)].iloc[0] == "report_date"
    assert measures_fields[t("od.col.title", lang)].iloc[0] == t("od.f.report_date", lang)
    assert (measures_fields[t("od.col.description", lang)].str.len() > 20).all()
    key = measures_fields.set_index(t("od.col.field", lang))[t("od.col.key", lang)]
    assert key["plan_id"] == key["measure_no"] == "✓" and key["measure_title"] == ""
    assert at.table[1].value[t("od.col.field", lang)].tolist()[:3] == ["indicator", "indicator_en", "area"]

    shown = texts(at)
    licence = "[Creative Commons Attribution 4.0 International (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/)"
    assert licence in shown and "Valsts kanceleja" in shown and t("od.freq.IRREG", lang) in shown
    curl, dcat = (c.value for c in at.code)
    assert f"curl -fO {base}measures.csv" in curl.splitlines()
    assert dcat == base + "dcat.jsonld"
    assert "data.gov.lv" in shown and t("od.no_public_url", lang) in shown


def test_the_open_data_page_uses_the_public_address_when_it_is_set(monkeypatch, pages_db, tmp_path):
    monkeypatch.setenv("OGP_STATIC_DIR", str(tmp_path / "static"))
    monkeypatch.setenv("OGP_PUBLIC_URL", "https://ogp.example.lv")
    at = app(monkeypatch, pages_db, "views/open_data.py")
    assert [c.value for c in at.code][1] == "https://ogp.example.lv/app/static/open-data/dcat.jsonld"
    assert t("od.no_public_url", "lv") not in texts(at)


def test_the_open_data_page_says_when_the_package_cannot_be_updated(monkeypatch, pages_db, tmp_path):
    """Wrong settings: the page says why, and still lists the package that stays served."""
    monkeypatch.setenv("OGP_STATIC_DIR", str(tmp_path / "static"))
    app(monkeypatch, pages_db, "views/open_data.py")
    monkeypatch.setenv("OGP_OPEN_DATA_LICENCE", "MIT")
    at = app(monkeypatch, pages_db, "views/open_data.py")
    assert any("OGP_OPEN_DATA_LICENCE" in w.value.replace("\\", "") for w in at.warning)  # shown escaped
    assert len(at.dataframe[0].value) == 9
    empty = tmp_path / "nothing-served"
    monkeypatch.setenv("OGP_STATIC_DIR", str(empty))
    at = app(monkeypatch, pages_db, "views/open_data.py")  # nothing was ever written there
    assert any("OGP_OPEN_DATA_LICENCE" in e.value.replace("\\", "") for e in at.error) and not at.dataframe
