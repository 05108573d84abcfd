"""Real exports as they arrive: the report date and the plan from the title rows, a cover sheet or the
file name; the words analysts use for their columns; commitments as section rows; statuses shown in
the council's own spelling. Golden workbooks in tests/fixtures/ and small ones built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ogp_monitor import cli
from ogp_monitor.ingest import spec
from ogp_monitor.store import db, pipeline
from tests.conftest import SAMPLE_DIR
from tests.helpers import workbook

FIXTURES = Path(__file__).parent / "fixtures"
PLAN5, PLAN6 = "5. plāns 2022–2025", "6. plāns 2026–2027"
HEADERS = ["Nr.", "Pasākums", "Atbildīgā institūcija", "Statuss", "Izpildes termiņš", "Izpildes informācija"]
ROWS = [["1.1", "Ietvara dokuments", "Valsts kanceleja", "Pabeigts", "31.12.2024", "Pieņemts"],
        ["1.2", "Kārtība", "Valsts kanceleja", "Nav uzsākts", "31.12.2025", "Nav informācijas"]]


def export(titles: list[str], headers=HEADERS, rows=ROWS, section="1. apņemšanās: Līdzdalība", **extra) -> bytes:
    body = [[t] for t in titles] + [headers] + ([[section]] if section else []) + rows
    return workbook({"Pasākumi": body, **extra})


def check(content: bytes, name: str = "zinojums.xlsx", **kw) -> pipeline.Checked:
    return pipeline.check(content, name, **kw)


def codes(checked) -> dict[str, str]:
    return {p.code: p.message_lv for p in checked.problems}


@pytest.mark.parametrize("title, expected", [
    ("Stāvoklis uz 2025. gada 27. martu", dt.date(2025, 3, 27)),       # accusative
    ("Stāvoklis uz 2025. gada 27. marts", dt.date(2025, 3, 27)),       # nominative
    ("Stāvoklis 2025. gada 1. septembra", dt.date(2025, 9, 1)),        # genitive
    ("Ziņojums par izpildi 2025. gada 27. martā", dt.date(2025, 3, 27)),  # locative
    ("Situācija uz 2025. gada 15. decembri", dt.date(2025, 12, 15)),
    ("uz 27.03.2025.", dt.date(2025, 3, 27)),
    ("Status as of 27 March 2025", dt.date(2025, 3, 27)),
    ("as at 27/03/2025", dt.date(2025, 3, 27)),
    ("Report as of March 27, 2025", dt.date(2025, 3, 27)),
])
def test_the_report_date_is_read_from_a_title_row(title, expected):
    checked = check(export(["5. plāns 2022–2025", title]))
    assert checked.ok, [p.line("en") for p in checked.errors]
    assert checked.clean.report_date == expected and checked.clean.report_date_source == "title"
    assert "nolasīts virsrakstā" in codes(checked)["report_date_source"]


@pytest.mark.parametrize("name, expected", [
    ("ogp_2025-03-27.xlsx", dt.date(2025, 3, 27)),
    ("Zinojums 27.03.2025.xlsx", dt.date(2025, 3, 27)),
    ("5_plans_izpilde_2025_12_15.xlsx", dt.date(2025, 12, 15)),
])
def test_the_report_date_comes_from_the_file_name_last(name, expected):
    checked = check(export(["5. plāns 2022–2025"]), name)
    assert checked.ok and checked.clean.report_date == expected
    assert checked.clean.report_date_source == "file_name"


def test_a_cover_sheet_can_state_the_date_but_a_stray_date_there_is_not_taken():
    content = export(["5. plāns 2022–2025"], Titullapa=[["Atskaite"], ["Stāvoklis uz 2025. gada 29. septembri"]])
    assert check(content).clean.report_date == dt.date(2025, 9, 29)
    stray = export(["5. plāns 2022–2025"], Titullapa=[["MK sēdē 15.10.2024. pieņemta kārtība"]])
    refused = check(stray)
    assert not refused.ok and "no_report_date" in codes(refused)
    fix = next(p for p in refused.problems if p.code == "no_report_date")
    assert "Stāvoklis uz" in fix.fix_lv and "--report-date" in fix.fix_lv  # both ways to give a date


def test_the_order_column_then_given_then_title_then_name():
    titled = export(["Stāvoklis uz 2025. gada 27. martu"])
    given = check(titled, "x_2025-01-01.xlsx", report_date=dt.date(2025, 4, 1), plan_id=PLAN5)
    assert given.clean.report_date == dt.date(2025, 4, 1) and given.clean.report_date_source == "given"
    assert given.clean.stated_date == dt.date(2025, 3, 27)  # what the file says, for the upload page's field
    assert "izmantots norādītais 01.04.2025." in codes(given)["report_date_given"]
    column = export(["Stāvoklis uz 2025. gada 27. martu"], headers=HEADERS + ["Ziņojuma datums"],
                    rows=[r + ["30.06.2025"] for r in ROWS])
    assert check(column, plan_id=PLAN5, report_date=dt.date(2025, 4, 1)).clean.report_date == dt.date(2025, 6, 30)


@pytest.mark.parametrize("title, plan", [
    ("Piektā nacionālā atvērtās pārvaldības rīcības plāna 2022.–2025. gadam izpilde", PLAN5),
    ("5. plāna 2022-2025 izpilde", PLAN5),
    ("Fifth National Action Plan 2022–2025", PLAN5),
    ("Sestā nacionālā atvērtās pārvaldības rīcības plāna 2026.–2027. gadam izpilde", PLAN6),
    ("Septītais plāns 2028.–2029. gadam", "7. plāns 2028–2029"),
])
def test_the_plan_is_read_from_a_title_row_as_one_id(title, plan):
    checked = check(export([title, "Stāvoklis uz 2026. gada 31. martu"]))
    assert checked.ok, [p.line("en") for p in checked.errors]
    assert set(checked.clean.measures["plan_id"]) == {plan} and checked.clean.plan_source == "title"


def test_the_plan_from_the_file_name_and_a_plan_column_in_other_words():
    by_name = check(export(["Stāvoklis uz 2025. gada 27. martu"]), "ogp_5-plans_2025-03-27.xlsx")
    assert set(by_name.clean.measures["plan_id"]) == {"5. plāns"} and by_name.clean.plan_source == "file_name"
    column = export(["Stāvoklis uz 2025. gada 27. martu"], headers=["Plāns", *HEADERS],
                    rows=[["Piektais plāns 2022-2025", *r] for r in ROWS])
    checked = check(column)
    assert set(checked.clean.measures["plan_id"]) == {PLAN5} and "plan_normalised" in codes(checked)


def test_a_plan_named_in_other_words_joins_the_known_plan_of_the_same_number(con):
    content = export(["Sestā nacionālā atvērtās pārvaldības rīcības plāna 2026.–2029. gadam izpilde",
                      "Stāvoklis uz 2026. gada 31. martu"], rows=[[f"1.{i}", t, "Valsts kanceleja", "Uzsākts", "", ""]
                                                             for i, t in ((1, "Informatīvs materiāls un praktikums"),
                                                                          (2, "Valsts pārvalde tuvplānā"))])
    checked = pipeline.check(content, "x.xlsx", known=pipeline.known_measures(con))
    assert checked.ok and set(checked.clean.measures["plan_id"]) == {PLAN6}
    assert "tas pats numurs" in codes(checked)["plan_known"]


@pytest.mark.parametrize("header, field", [
    ("Izpildes informācija", "progress_note"), ("Informācija par izpildi", "progress_note"),
    ("Izpildes gaita", "progress_note"), ("Paveiktais", "progress_note"),
    ("Atbildīgā institūcija", "lead_institution"), ("Līdzatbildīgās institūcijas", "partner_institutions"),
    ("Termiņš", "deadline_date"), ("Izpildes termiņš", "deadline_date"), ("OGP ID", "ogp_id"),
])
def test_the_words_analysts_use_for_their_columns(header, field):
    assert spec.header_lookup(spec.MEASURES)[spec.fold(header)] == field


def test_progress_holding_text_is_the_note_and_holding_numbers_is_the_percentage():
    text = check(export(["5. plāns 2022–2025", "Stāvoklis uz 2025. gada 27. martu"],
                        headers=[*HEADERS[:5], "Progress"]))
    assert text.clean.measures["progress_note"].tolist() == ["Pieņemts", "Nav informācijas"]
    numbers = check(export(["5. plāns 2022–2025", "Stāvoklis uz 2025. gada 27. martu"],
                           headers=[*HEADERS[:5], "Progress"], rows=[r[:5] + ["40%"] for r in ROWS]))
    assert numbers.clean.measures["progress_pct"].tolist() == [40.0, 40.0]
    assert numbers.clean.measures["progress_note"].tolist() == ["", ""]


def test_the_council_layout_goes_from_file_to_rows_with_no_typing():
    checked = pipeline.check((FIXTURES / "ok_council_layout.xlsx").read_bytes(), "ok_council_layout.xlsx")
    assert checked.ok, [p.line("en") for p in checked.errors]
    m = checked.clean.measures
    assert checked.clean.report_date == dt.date(2025, 3, 27)
    assert set(m["plan_id"]) == {PLAN5}
    assert m["commitment_no"].tolist() == ["1", "1", "2", "2"]
    assert m["commitment_title"].tolist()[1:3] == [
        "Stiprināt sabiedrības līdzdalības ietvaru un vairot izpratni par efektīvu līdzdalības procesu",
        "Popularizēt sabiedrības līdzdalības iespējas"]  # "2. apņemšanās Popularizēt…" without the colon
    assert m["measure_no"].tolist() == ["1.1", "1.2", "2.1", "2.2"]
    assert m["progress_note"].tolist()[0] == "MK 15.10.2024. sēdē pieņemta jaunā kārtība"  # every note kept
    assert [list(p) for p in m["partner_institutions"]][2] == ["Saeima", "LPS"]
    assert m["status_label"].tolist()[:2] == ["Pabeigts vai būtisks progress"] * 2
    assert m["status_as_written"].tolist()[:2] == ["PABEIGTS VAI BŪTISKS PROGRESS", "pabeigts vai būtisks progress"]
    assert m["source_row"].tolist() == [5, 6, 8, 9]  # section rows are not measures


def test_english_titles_and_commitment_sections():
    checked = pipeline.check((FIXTURES / "ok_english_titles.xlsx").read_bytes(), "ok_english_titles.xlsx")
    assert checked.ok, [p.line("en") for p in checked.errors]
    m = checked.clean.measures
    assert checked.clean.report_date == dt.date(2025, 9, 29) and set(m["plan_id"]) == {PLAN5}
    assert m["commitment_title"].tolist() == ["Strengthen the framework for public participation"] * 2
    assert m["progress_note"].tolist() == ["Adopted by the cabinet", "Draft in consultation"]
    assert m["status_label"].tolist() == ["Pabeigts", "Uzsākts, izpilde procesā"]


def test_without_commitments_the_number_gives_them_and_the_plans_report_their_titles(con):
    content = (FIXTURES / "ok_no_commitments.xlsx").read_bytes()
    alone = pipeline.check(content, "ok_no_commitments.xlsx")  # no earlier report names commitment 1 or 3
    assert not alone.ok and "no_commitment_title" in codes(alone)
    checked = pipeline.check(content, "ok_no_commitments.xlsx", known=pipeline.known_measures(con))
    assert checked.ok, [p.line("en") for p in checked.errors]
    m = checked.clean.measures
    assert m["commitment_no"].tolist() == ["1", "3"] and "commitment_from_number" in codes(checked)
    assert m["commitment_title"].tolist()[1].startswith("Stiprināt sabiedrības pārstāvniecību")
    assert m["progress_note"].tolist() == ["Pieņemts", "Notiek"]  # "Paveiktais"


def test_the_5th_plan_report_with_date_and_plan_only_in_its_title_ingests_with_no_flags(fresh_db, capsys):
    tour = SAMPLE_DIR / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"
    assert cli.main(["ingest", str(tour), "--db", str(fresh_db)]) == 0
    out, err = capsys.readouterr()
    assert "report date  15.12.2025" in out and f"plans        {PLAN5}" in out
    assert "nolasīts virsrakstā „Stāvoklis uz 2025. gada 15. decembri”" in err
    con = db.connect(fresh_db)
    try:
        reports = db.run_query(con, "plan_reports", plan_id=PLAN5)
        assert len(reports) == 3  # one history: March, September, December
        m = db.run_query(con, "measures", plan_id=PLAN5).set_index("measure_no")
        assert (m["progress_note"] != "").sum() == 26  # every note kept
        assert m.loc["1.2", "status_label"] == "Pabeigts" and m.loc["1.2", "status_as_written"] == "PABEIGTS"
        assert db.run_query(con, "changes", plan_id=PLAN5)["change_kind"].value_counts().to_dict() == {
            "status_changed": 4, "note_changed": 1}
    finally:
        con.close()


def test_a_large_file_reports_each_step_on_stderr(fresh_db, capsys):
    tour = SAMPLE_DIR / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"
    assert cli.main(["ingest", str(tour), "--db", str(fresh_db), "--progress"]) == 0
    lines = capsys.readouterr().err.splitlines()
    steps = [line for line in lines if line[:4] in ("1/3 ", "2/3 ", "3/3 ")]
    assert [s.split(" (")[0] for s in steps] == ["1/3 nolasa / reading", "2/3 pārbauda / checking",
                                                 "3/3 saglabā / storing"]


def test_old_rows_keep_their_typed_status_and_show_the_canonical_one(fresh_db):
    con = db.connect(fresh_db)
    try:
        con.execute("update measure set status_label = 'PABEIGTS', status_as_written = null where measure_no = '1.2'")
    finally:
        con.close()
    con = db.connect(fresh_db)  # a database written before canonical labels gets them on connect
    try:
        rows = con.execute("select distinct status_label, status_as_written from measure where measure_no = '1.2'"
                           ).fetchall()
        assert ("Pabeigts", "PABEIGTS") in rows
    finally:
        con.close()
