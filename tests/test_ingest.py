"""Accepted variations (golden workbooks in tests/fixtures/) and the atomic load."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from ogp_monitor.store import db, pipeline

FIXTURES = Path(__file__).parent / "fixtures"
PLAN5 = "5. plāns 2022–2025"
PLAN6 = "6. plāns 2026–2027"


def checked(name: str, report_date: dt.date | None = None) -> pipeline.Checked:
    result = pipeline.check((FIXTURES / name).read_bytes(), name, report_date=report_date)
    assert result.ok, [p.line("en") for p in result.errors]
    return result


def dates(series: pd.Series) -> list:
    return [d.date() if pd.notna(d) else None for d in series]


def notices(result: pipeline.Checked) -> dict[str, str]:
    return {p.code: p.place for p in result.problems if not p.is_error}


# ---- accepted variations -----------------------------------------------------

def test_messy_latvian_export_is_read_as_the_analyst_meant():
    result = checked("ok_messy_latvian.xlsx")
    m = result.clean.measures
    assert result.clean.report_date == dt.date(2025, 3, 27)  # "2025.gada 27.marts"
    # Numbers arrived as floats (1.1, 1.2, 2.1) and as text ("1.3", "2.10"); the
    # "Nr. p.k." row counter beside "Pasākuma nr." is not taken for the number.
    assert m["measure_no"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.10"]
    # Plan and commitment cells were merged down over their measures.
    assert m["plan_id"].tolist() == [PLAN5] * 5
    assert m["commitment_no"].tolist() == ["1", "1", "1", "2", "2"]
    assert m["commitment_title"].tolist() == ["Stiprināt līdzdalības ietvaru"] * 3 + \
        ["Popularizēt līdzdalības iespējas"] * 2
    assert m["status_group"].tolist() == ["advanced", "in_progress", "not_started", "advanced", "advanced"]
    assert m["status_as_written"].tolist() == ["PABEIGTS", "uzsākts, izpilde procesā", "nav UZSĀKTS",
                                               "Substantial progress", "completed"]
    assert m["status_label"].tolist() == ["Pabeigts", "Uzsākts, izpilde procesā", "Nav uzsākts",
                                          "Būtisks progress", "Pabeigts"]  # the council's own spelling
    # Excel date, ISO text, dd.mm.yyyy, Latvian long form, Excel serial number.
    assert dates(m["start_date"]) == [dt.date(2022, 1, 1), dt.date(2022, 3, 1), dt.date(2022, 6, 1),
                                      dt.date(2022, 9, 1), dt.date(2022, 1, 1)]
    assert dates(m["deadline_date"]) == [dt.date(2025, 12, 31), dt.date(2024, 12, 31), dt.date(2025, 6, 30),
                                         dt.date(2025, 12, 31), dt.date(2025, 6, 30)]
    assert m["progress_pct"].tolist()[:3] == [29.0, 29.5, 100.0] and pd.isna(m["progress_pct"].iloc[3])
    assert [list(p) for p in m["partner_institutions"]] == [
        ["FM", "VARAM", "Saeima"], [], ["VK"], [], ["LPS", "Ārlietu ministrija"]]
    # Rows point back at the sheet (header on row 4 under two title rows and a blank one).
    assert m["source_row"].tolist() == [5, 6, 7, 8, 9]
    assert result.clean.indicators.empty and result.clean.schedule.empty  # optional sheets absent


def test_extra_columns_and_cover_sheets_are_notices_naming_their_cells():
    result = checked("ok_messy_latvian.xlsx")
    found = notices(result)
    assert found["extra_columns"] == "Pasākumi!A4, Pasākumi!O4"
    extra = next(p for p in result.problems if p.code == "extra_columns")
    assert "„Budžets, EUR”" in extra.message_lv and "'" not in extra.message_lv
    assert "Budžets, EUR" in extra.message_en and extra.fix_lv and extra.fix_en
    assert "Titullapa" in next(p for p in result.problems if p.code == "ignored_sheets").message_lv
    assert not result.errors


def test_english_sheet_names_headers_and_statuses():
    result = checked("ok_english.xlsx")
    m = result.clean.measures
    assert result.clean.report_date == dt.date(2025, 9, 29)
    assert m["plan_id"].unique().tolist() == [PLAN6]
    assert m["status_group"].tolist() == ["not_started", "in_progress", "advanced", "withdrawn"]
    assert [list(p) for p in m["partner_institutions"]] == [[], ["LPS"], [], []]
    ind = result.clean.indicators
    assert list(zip(ind["area"], ind["year"], ind["value"])) == [
        ("Latvija", 2021, 25.0), ("Latvija", 2023, 29.5), ("ESAO vidēji", 2023, 39.0)]
    s = result.clean.schedule
    assert s["activity"].tolist() == ["Public call for ideas", "Council approves the plan"]
    assert dates(s["end_date"]) == [dt.date(2025, 4, 30), None]


def test_wide_indicator_layout_becomes_one_row_per_year():
    result = checked("ok_wide_indicators.xlsx")
    ind = result.clean.indicators.sort_values(["indicator", "area", "year"])
    assert list(zip(ind["indicator"], ind["area"], ind["year"], ind["value"])) == [
        ("Uzticēšanās Saeimai", "Latvija", 2023, 14.5),  # the blank 2021 cell is no value, not an error
        ("Uzticēšanās valdībai", "ESAO vidēji", 2021, 41.0),
        ("Uzticēšanās valdībai", "ESAO vidēji", 2023, 39.0),
        ("Uzticēšanās valdībai", "Latvija", 2021, 25.0),
        ("Uzticēšanās valdībai", "Latvija", 2023, 29.0),
    ]
    assert set(ind["source"]) == {"ESAO"}
    assert dates(result.clean.schedule["start_date"]) == [dt.date(2025, 3, 1), dt.date(2025, 11, 15)]


def test_same_measure_number_in_two_plans_and_a_hidden_old_copy_is_not_read():
    result = checked("ok_two_plans.xlsx")
    m = result.clean.measures
    assert list(zip(m["plan_id"], m["measure_no"])) == [
        (PLAN5, "1.1"), (PLAN5, "1.2"), (PLAN6, "1.1"), (PLAN6, "1.2")]
    assert "9.9" not in set(m["measure_no"])
    assert notices(result)["duplicate_sheet"] == "Pasākumi"


def test_report_date_given_when_the_file_has_none():
    name = "bad_no_report_date.xlsx"
    refused = pipeline.check((FIXTURES / name).read_bytes(), name)
    assert [p.code for p in refused.errors] == ["no_report_date"]
    accepted = checked(name, report_date=dt.date(2025, 3, 27))
    assert accepted.clean.report_date == dt.date(2025, 3, 27)


def test_a_report_date_column_wins_over_a_given_date_with_a_notice():
    result = checked("ok_two_plans.xlsx", report_date=dt.date(2025, 4, 1))
    assert result.clean.report_date == dt.date(2025, 3, 27) and result.clean.report_date_source == "column"
    note = next(p for p in result.problems if p.code == "report_date_given")
    assert "27.03.2025" in note.message_lv and "01.04.2025" in note.message_en and "not used" in note.message_en


# ---- the load ------------------------------------------------------------------

def test_upload_becomes_a_published_snapshot_and_earlier_ones_stay(con):
    before = db.run_query(con, "snapshots")
    result = pipeline.store(con, checked("ok_messy_latvian.xlsx"), uploaded_by="analītiķe")
    assert not result.duplicate and result.published
    assert db.current_snapshot_id(con) == result.snapshot_id
    after = db.run_query(con, "snapshots")
    assert len(after) == len(before) + 1
    assert set(before["snapshot_id"]) < set(after["snapshot_id"])
    row = after[after["snapshot_id"] == result.snapshot_id].iloc[0]
    assert (row["file_name"], row["uploaded_by"], row["n_measures"]) == ("ok_messy_latvian.xlsx", "analītiķe", 5)
    assert pd.Timestamp(row["report_date"]).date() == dt.date(2025, 3, 27)
    plan = row["plans"][0]
    measures = db.run_query(con, "measures", plan_id=plan)  # the plan's current report is the new upload
    assert measures["measure_no"].tolist() == ["1.1", "1.2", "1.3", "2.1", "2.10"]
    # The earlier snapshots' rows are untouched.
    old = db.run_query(con, "measures", snapshot_id=int(before["snapshot_id"].min()))
    assert len(old) == 26
    assert db.original_file(con, result.snapshot_id) == (FIXTURES / "ok_messy_latvian.xlsx").read_bytes()


def test_identical_file_is_reported_as_duplicate_and_not_stored_twice(con):
    first = pipeline.store(con, checked("ok_english.xlsx"), uploaded_by="a")
    fingerprint = db.table_fingerprint(con)
    again = pipeline.check((FIXTURES / "ok_english.xlsx").read_bytes(), "citu_vardu.xlsx")
    second = pipeline.store(con, again, uploaded_by="b")
    assert second.duplicate and second.snapshot_id == first.snapshot_id and not second.published
    assert db.table_fingerprint(con) == fingerprint


def test_unpublished_upload_is_stored_but_not_current(con):
    current = db.current_snapshot_id(con)
    result = pipeline.store(con, checked("ok_english.xlsx"), uploaded_by="a", publish=False)
    assert db.current_snapshot_id(con) == current and not result.published
    db.set_current(con, result.snapshot_id, by="a", action="publish")
    assert db.current_snapshot_id(con) == result.snapshot_id


@pytest.mark.parametrize("table", ["measure", "indicator", "schedule", "publication"])
def test_failure_inside_the_load_leaves_the_database_exactly_as_before(con, monkeypatch, table):
    before = db.table_fingerprint(con)
    real_insert = db._insert_frame
    real_publish = db._publish

    def failing_insert(cur, name, sid, frame):
        if name == table:
            raise RuntimeError("disk full (simulated)")
        return real_insert(cur, name, sid, frame)

    def failing_publish(cur, sid, action, by, now, parts=None):
        if table == "publication":
            raise RuntimeError("disk full (simulated)")
        return real_publish(cur, sid, action, by, now, parts)

    monkeypatch.setattr(db, "_insert_frame", failing_insert)
    monkeypatch.setattr(db, "_publish", failing_publish)
    with pytest.raises(RuntimeError):
        pipeline.store(con, checked("ok_english.xlsx"), uploaded_by="a")
    assert db.table_fingerprint(con) == before
    monkeypatch.undo()
    # The connection is still usable and the same file loads afterwards.
    assert not pipeline.store(con, checked("ok_english.xlsx"), uploaded_by="a").duplicate


def test_store_refuses_a_checked_file_with_errors(con):
    bad = pipeline.check((FIXTURES / "bad_unknown_status.xlsx").read_bytes(), "bad_unknown_status.xlsx")
    with pytest.raises(ValueError):
        pipeline.store(con, bad, uploaded_by="a")
