"""The plain-language summary: Latvian number agreement, the change list, empty and single-report cases."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from ogp_monitor.reports import summary
from ogp_monitor.store import db, pipeline
from tests.helpers import measure_row, measures_workbook

PLAN5 = "5. plāns 2022–2025"
PLAN6 = "6. plāns 2026–2027"


def facts(counts: dict[str, int], plan="P") -> summary.Facts:
    """Facts as the queries would return them, for wording tests without a database."""
    total = sum(counts.values())
    frame = pd.DataFrame({"status_group": list(counts), "n_measures": list(counts.values()),
                          "share_pct": [100 * v / total for v in counts.values()]})
    return summary.Facts(plan, 1, dt.date(2025, 9, 29), True, frame, None, None, pd.DataFrame(), pd.DataFrame())


@pytest.mark.parametrize(("n", "lv", "en"), [
    (1, "viens pasākums", "one measure"),
    (2, "divi pasākumi", "two measures"),
    (9, "deviņi pasākumi", "nine measures"),
    (11, "11 pasākumu", "11 measures"),
    (20, "20 pasākumu", "20 measures"),
    (21, "21 pasākums", "21 measures"),
    (22, "22 pasākumi", "22 measures"),
    (111, "111 pasākumu", "111 measures"),
])
def test_number_agreement(n, lv, en):
    assert summary.measures(n, "lv") == lv
    assert summary.measures(n, "en") == en


@pytest.mark.parametrize(("n", "phrase"), [(1, "viens nav uzsākts"), (2, "divi nav uzsākti"),
                                           (11, "11 nav uzsākti"), (21, "21 nav uzsākts")])
def test_participles_agree_with_the_count(n, phrase):
    sentence = summary.sentences(facts({"not_started": n}), "lv")[0]
    assert sentence.endswith(f": {phrase}.")
    assert f"ir {summary.measures(n, 'lv', words=False)}:" in sentence


def test_status_sentence_numbers_come_from_the_query(con):
    counts = db.run_query(con, "status_counts", snapshot_id=2, plan_id=PLAN5)
    n = dict(zip(counts["status_group"], counts["n_measures"]))
    first = summary.summary_sentences(con, PLAN5, 2, "lv")[0]
    assert first.startswith("Plānā „5. plāns 2022–2025” ziņojumā uz 29.09.2025. ir 26 pasākumi:")
    assert f"{summary.number(n['advanced'])} pabeigti vai ar būtisku progresu" in first
    assert f"{summary.number(n['in_progress'])} uzsākti un izpilde ir procesā" in first
    assert f"{summary.number(n['not_started'])} nav uzsākti" in first


def test_changes_since_march_name_the_measures(con):
    lv = summary.summary_sentences(con, PLAN5, lang="lv")
    assert lv[1] == "Kopš 27.03.2025. divi pasākumi (3.5, 5.1) pabeigti vai ar būtisku progresu, viens (4.3) uzsākts."
    en = summary.summary_sentences(con, PLAN5, lang="en")
    assert en[1] == ("Since 27 Mar 2025, two measures (3.5, 5.1) have been completed or substantially advanced, "
                     "one (4.3) has started.")


def test_overdue_sentence_names_whose_measures(con):
    last = summary.summary_sentences(con, PLAN5, lang="lv")[-1]
    assert last.startswith("Ar nokavētu izpildes termiņu un bez būtiska progresa: trīs pasākumi — ")
    for whose in ("Delna (2.5)", "Valsts kanceleja (1.1)", "VARAM (6.1)"):
        assert whose in last
    overdue = db.run_query(con, "overdue_measures", snapshot_id=2, plan_id=PLAN5)
    assert sorted(overdue["measure_no"]) == ["1.1", "2.5", "6.1"]


def test_first_report_has_nothing_to_compare(con):
    sentences = summary.summary_sentences(con, PLAN5, snapshot_id=1, lang="lv")
    assert sentences[1] == "Iepriekšēja publicēta ziņojuma nav, tāpēc izmaiņas nav ar ko salīdzināt."
    assert len(sentences) == 3


def test_plan_missing_from_a_report_and_a_new_plan(con):
    assert summary.summary_sentences(con, PLAN6, snapshot_id=1, lang="lv") == [
        "Plānā „6. plāns 2026–2027” ziņojumā uz 27.03.2025. nav neviena pasākuma."]
    new = summary.summary_sentences(con, PLAN6, snapshot_id=2, lang="lv")
    assert new[0].endswith("ir 21 pasākums: 21 nav uzsākts.")
    # each plan is compared with its own previous report: the 6th plan's first report has none
    assert new[1] == "Iepriekšēja publicēta ziņojuma nav, tāpēc izmaiņas nav ar ko salīdzināt."
    assert new[2] == "Nav neviena pasākuma ar nokavētu izpildes termiņu un bez būtiska progresa."


def test_empty_database(empty_db):
    con = db.connect(empty_db)
    try:
        assert summary.summary_sentences(con, None, lang="lv") == ["Vēl nav publicētu datu."]
        assert summary.summary_sentences(con, None, lang="en") == ["No data has been published yet."]
    finally:
        con.close()


def _load(con, rows, report: str) -> int:
    content = measures_workbook(rows)
    checked = pipeline.check(content, f"r{report}.xlsx")
    assert checked.ok, [p.line("en") for p in checked.errors]
    return pipeline.store(con, checked, uploaded_by="test").snapshot_id


def test_nothing_changed_then_added_removed_and_notes(empty_db):
    con = db.connect(empty_db)
    try:
        base = [measure_row("1.1", "Uzsākts", report="27.03.2025", note="a"),
                measure_row("1.2", "Nav uzsākts", report="27.03.2025"),
                measure_row("1.3", "Pabeigts", report="27.03.2025")]
        _load(con, base, "27.03.2025")
        same = [r[:-1] + ["29.09.2025"] for r in base]
        sid = _load(con, same, "29.09.2025")
        sentences = summary.summary_sentences(con, "5. plāns", sid, "lv")
        assert sentences[1] == "Kopš 27.03.2025. neviena pasākuma statuss nav mainījies."
        assert summary.summary_sentences(con, "5. plāns", sid, "en")[1] == \
            "No measure's status has changed since 27 Mar 2025."

        later = [measure_row("1.1", "Uzsākts", report="31.12.2025", note="b"),
                 measure_row("1.3", "Pabeigts", report="31.12.2025"),
                 measure_row("1.4", "Nav uzsākts", report="31.12.2025"),
                 measure_row("1.5", "Nav uzsākts", report="31.12.2025")]
        sid = _load(con, later, "31.12.2025")
        sentences = summary.summary_sentences(con, "5. plāns", sid, "lv")
        assert sentences[1] == "Kopš 29.09.2025. neviena pasākuma statuss nav mainījies."
        assert sentences[2] == "Pievienoti divi pasākumi (1.4, 1.5), izņemts viens pasākums (1.2)."
        assert sentences[3] == "Atjaunināts arī progresa apraksts: 1.1."
    finally:
        con.close()


def test_long_lists_are_cut_with_a_count():
    numbers = [f"1.{i}" for i in range(1, 15)]
    assert summary.measure_list(numbers, "lv") == "1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 1.10 un vēl 4"
    assert summary.sort_measure_nos(["1.10", "1.2", "2.1", "1.1"]) == ["1.1", "1.2", "1.10", "2.1"]
