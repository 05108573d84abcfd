"""The plan across reports: four small reports with known slips, regressions and stalls, and what
measure_history.sql and attention.sql make of them, row for row; then the pages and the deck."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from ogp_monitor.reports import present
from ogp_monitor.reports.deck import plan as deck_plan
from ogp_monitor.store import db, pipeline
from tests.helpers import measure_row, measures_workbook

PLAN = "Testa plāns 2025–2026"
DATES = ["31.01.2025", "30.04.2025", "31.07.2025", "31.10.2025"]
IP, NS, AD = "Uzsākts, izpilde procesā", "Nav uzsākts", "Pabeigts vai būtisks progress"

# measure -> per report (status, deadline, note); None: not in that report
SERIES = {
    "1.1": [(IP, "30.06.2025", "a"), (IP, "30.06.2025", "b"), (IP, "30.09.2025", "c"), (IP, "31.12.2025", "d")],
    "1.2": [(AD, "31.12.2025", "x"), (AD, "31.12.2025", "x"), (AD, "31.12.2025", "y"), (IP, "31.12.2025", "z")],
    "1.3": [(IP, "31.12.2025", "p"), (IP, "31.12.2025", "q"), (IP, "31.12.2025", "r"), (NS, "31.12.2025", "s")],
    "1.4": [(NS, "31.12.2025", "Sākums"), (NS, "31.12.2025", "Gaida finansējumu"),
            (NS, "31.12.2025", "Gaida finansējumu"), (NS, "31.12.2025", "Gaida finansējumu")],
    "1.5": [(IP, "31.03.2025", ""), (IP, "31.03.2025", ""), (IP, "31.03.2025", ""), (IP, "31.03.2025", "")],
    "1.6": [(AD, "31.12.2025", "Gatavs"), (AD, "31.12.2025", "Gatavs"), (AD, "31.12.2025", "Gatavs"),
            (AD, "31.12.2025", "Gatavs")],
    "1.7": [None, None, (IP, "31.12.2025", "Jauns"), (IP, "31.12.2025", "Jauns")],
}
LEADS = {"1.1": "FM", "1.2": "VARAM", "1.3": "VARAM", "1.4": "Saeima", "1.5": "FM", "1.6": "FM", "1.7": "IZM"}


def report(i: int, override: dict | None = None) -> bytes:
    rows = []
    for no, steps in SERIES.items():
        step = (override or {}).get(no, steps[i])
        if step is None:
            continue
        status, deadline, note = step
        rows.append(measure_row(no, status, title=f"Pasākums {no}", lead=LEADS[no], start="", deadline=deadline,
                                note=note, plan=PLAN, report=DATES[i]))
    return measures_workbook(rows)


@pytest.fixture
def series(empty_db):
    con = db.connect(empty_db)
    for i in range(4):
        checked = pipeline.check(report(i), f"r{i}.xlsx", known=pipeline.known_measures(con))
        assert checked.ok, [p.line("en") for p in checked.errors]
        pipeline.store(con, checked, uploaded_by="test")
    yield con
    con.close()


def test_a_measures_history_has_one_row_per_report_in_date_order(series):
    h = db.run_query(series, "measure_history", plan_id=PLAN, measure_no="1.1")
    assert [d.date() for d in h["report_date"]] == [dt.date(2025, 1, 31), dt.date(2025, 4, 30),
                                                    dt.date(2025, 7, 31), dt.date(2025, 10, 31)]
    assert [d.date() for d in h["deadline_date"]] == [dt.date(2025, 6, 30), dt.date(2025, 6, 30),
                                                      dt.date(2025, 9, 30), dt.date(2025, 12, 31)]
    assert h["is_rescheduled"].tolist() == [False, False, True, True]
    assert h["progress_note"].tolist() == ["a", "b", "c", "d"]
    assert h["status_group"].tolist() == ["in_progress"] * 4 and set(h["ogp_level"]) == {"Limited"}
    assert set(h.columns) >= {"report_date", "status_group", "status_label", "deadline_date", "progress_pct",
                              "progress_note"}
    added = db.run_query(series, "measure_history", plan_id=PLAN, measure_no="1.7")
    assert [d.date() for d in added["report_date"]] == [dt.date(2025, 7, 31), dt.date(2025, 10, 31)]


def test_two_uploads_of_one_date_the_later_wins(series):
    corrected = report(3, override={"1.4": (NS, "31.12.2025", "Finansējums piešķirts")})
    checked = pipeline.check(corrected, "r3b.xlsx", known=pipeline.known_measures(series))
    pipeline.store(series, checked, uploaded_by="test")
    h = db.run_query(series, "measure_history", plan_id=PLAN, measure_no="1.4")
    assert len(h) == 4 and h["progress_note"].iloc[-1] == "Finansējums piešķirts"
    stalled = db.run_query(series, "attention", plan_id=PLAN)
    assert "1.4" not in set(stalled.loc[stalled["reason"] == "stalled", "measure_no"])  # its note moved on


def test_the_attention_list_row_for_row(series):
    a = db.run_query(series, "attention", plan_id=PLAN)
    got = [(r.reason, r.measure_no, r.detail) for r in a.itertuples(index=False)]
    assert got == [
        ("slipped", "1.1", "2025-06-30 → 2025-12-31"),
        ("regressed", "1.2", "advanced → in_progress"),
        ("regressed", "1.3", "in_progress → not_started"),
        ("stalled", "1.4", "since 2025-04-30, 3 reports"),
        ("stalled", "1.5", "since 2025-01-31, 4 reports"),
        ("overdue", "1.5", "2025-03-31, 214 days"),
        ("no_information", "1.5", ""),
    ]
    slipped = a.iloc[0]
    assert slipped["n_reschedulings"] == 2 and slipped["lead_institution"] == "FM"
    assert set(a.columns) >= {"measure_no", "measure_title", "lead_institution", "reason", "detail"}


def test_the_attention_list_of_an_earlier_report_looks_only_backwards(series):
    reports = db.run_query(series, "plan_reports", plan_id=PLAN)
    second = int(reports.loc[[str(d)[:10] == "2025-04-30" for d in reports["report_date"]], "snapshot_id"].iloc[0])
    a = db.run_query(series, "attention", plan_id=PLAN, snapshot_id=second)
    assert sorted(set(a["reason"])) == ["no_information", "overdue"]  # two reports: nothing stalled yet


def test_the_sidebar_filters_narrow_the_attention_list(series):
    a = db.run_query(series, "attention", plan_id=PLAN, institution="VARAM")
    assert set(a["measure_no"]) == {"1.2", "1.3"}
    assert db.run_query(series, "attention", plan_id=PLAN, status_group="advanced").empty


def test_the_institutions_count_slips_and_stalls_as_lead(series):
    s = db.run_query(series, "institution_summary", plan_id=PLAN).set_index("institution")
    assert (s.loc["FM", "n_slipped_lead"], s.loc["FM", "n_stalled_lead"], s.loc["FM", "n_overdue_lead"]) == (1, 1, 1)
    assert s.loc["Saeima", "n_stalled_lead"] == 1 and s.loc["VARAM", "n_slipped_lead"] == 0


def test_the_timeline_draws_from_the_plans_start_and_knows_the_first_deadline(series):
    tl = db.run_query(series, "measure_timeline", plan_id=PLAN).set_index("measure_no")
    assert tl["is_start_assumed"].all()
    assert tl.loc["1.2", "bar_start_date"].date() == dt.date(2025, 1, 1)  # "… 2025–2026" -> 1 January 2025
    assert tl.loc["1.1", "is_slipped"] and tl.loc["1.1", "first_deadline_date"].date() == dt.date(2025, 6, 30)
    assert not tl.loc["1.2", "is_slipped"]


@pytest.mark.parametrize("label, group, level", [
    ("Nav uzsākts", "not_started", "Not started"), ("Uzsākts", "in_progress", "Limited"),
    ("Būtisks progress", "advanced", "Substantial"), ("Pabeigts vai būtisks progress", "advanced", "Substantial"),
    ("Pabeigts", "advanced", "Complete"), ("Completed", "advanced", "Complete"),
])
def test_the_ogp_completion_levels(empty_db, label, group, level):
    con = db.connect(empty_db)
    try:
        checked = pipeline.check(measures_workbook([measure_row("1.1", label, plan=PLAN)]), "x.xlsx")
        pipeline.store(con, checked, uploaded_by="t")
        m = db.run_query(con, "measures", plan_id=PLAN)
        assert (m["status_group"].iloc[0], m["ogp_level"].iloc[0]) == (group, level)
        table = present.measures_table(m, "en")
        assert table["OGP level"].tolist() == [level]
    finally:
        con.close()


def test_the_reasons_are_worded_in_both_languages(series):
    a = db.run_query(series, "attention", plan_id=PLAN)
    lv = present.attention_table(a, "lv")
    assert lv["Sīkāk"].tolist()[:4] == ["30.06.2025. → 31.12.2025. (pārcelts 2×)",
                                        "● Pabeigts vai būtisks progress → ◉ Uzsākts, izpilde procesā (kopš 31.07.2025.)",
                                        "◉ Uzsākts, izpilde procesā → ○ Nav uzsākts (kopš 31.07.2025.)",
                                        "nemainīgs kopš 30.04.2025. (3 ziņojumi)"]
    en = present.attention_table(a, "en")
    assert en["Reason"].tolist()[0] == "Deadline slipped" and en["Detail"].tolist()[5] == "deadline 31 Mar 2025, 214 days past"


def test_the_deck_has_since_the_last_meeting_and_a_slide_per_institution_asked(series):
    d = deck_plan.collect(series, PLAN)
    slides = deck_plan.plan_slides(d)
    kinds = [s.kind for s in slides]
    since = [s for s in slides if s.kind == "since"]
    assert since and since[0].title.startswith("Kopš iepriekšējās sēdes")
    reasons = [r[0].text for s in since for r in s.rows[1:] if r[0].text]
    assert reasons == ["Termiņš pārcelts", "Statuss atkāpies", "Bez virzības", "Termiņš nokavēts", "Nav informācijas"]
    asked = [s.title for s in slides if s.kind == "institution"]
    assert asked == ["FM: pārceltie un bez virzības", "Saeima: pārceltie un bez virzības"]  # VARAM only regressed
    assert kinds.index("since") == kinds.index("changes") + 1


def test_no_history_means_no_attention_and_no_crash(empty_db):
    con = db.connect(empty_db)
    try:
        assert db.run_query(con, "attention").empty
        assert db.run_query(con, "measure_history", plan_id=PLAN, measure_no="1.1").empty
        assert isinstance(db.run_query(con, "measure_timeline"), pd.DataFrame)
    finally:
        con.close()
