"""Refused files: each says where and what in Latvian and English, and changes nothing."""

from pathlib import Path

import pytest

from ogp_monitor import cli
from ogp_monitor.store import db, pipeline

FIXTURES = Path(__file__).parent / "fixtures"
FILE = "fails / file"

# file -> (problem code, the place it names, a word the English message must contain)
REFUSED = {
    # The reader: not a workbook at all, or not safe to open.
    "bad_empty.xlsx": ("empty_file", FILE, "empty"),
    "bad_not_a_zip.xlsx": ("not_xlsx", FILE, "not an Excel workbook"),
    "bad_corrupt.xlsx": ("corrupt", FILE, "damaged"),
    "bad_zip_not_workbook.xlsx": ("not_xlsx", FILE, "not an Excel workbook"),
    "bad_old_format.xls": ("xls", FILE, ".xls"),
    "bad_opendocument.ods": ("ods", FILE, "OpenDocument"),
    "bad_encrypted.xlsx": ("encrypted", FILE, "password"),
    "bad_zip_bomb.xlsx": ("zip_bomb", FILE, "zip bomb"),
    "bad_xml_entities.xlsx": ("xml_entities", FILE, "entity"),
    "bad_sheet_extent.xlsx": ("sheet_extent", "Pasākumi!XFD1048576", "too large"),
    # The validator: a workbook, but not a usable export.
    "bad_no_measures_sheet.xlsx": ("no_measures_sheet", "darbgrāmata / workbook", "Measures"),
    "bad_no_header.xlsx": ("no_header", "Pasākumi", "header"),
    "bad_missing_column.xlsx": ("missing_column", "Pasākumi!A1:K1", "Status"),
    "bad_no_rows.xlsx": ("no_rows", "Pasākumi", "no measures"),
    "bad_empty_cell.xlsx": ("empty_lead_institution", "Pasākumi!F4", "Lead institution"),
    "bad_duplicate_measure.xlsx": ("duplicate_measure", "Pasākumi!D3, Pasākumi!D4", "'1.2' appears 2 times"),
    "bad_unknown_status.xlsx": ("unknown_status", "Pasākumi!H3", "Gandrīz gatavs"),
    "bad_date.xlsx": ("bad_date_deadline_date", "Pasākumi!J3", "drīzumā"),
    "bad_impossible_date.xlsx": ("bad_date_deadline_date", "Pasākumi!J2", "31.02.2025"),
    "bad_date_year.xlsx": ("bad_date_deadline_date", "Pasākumi!J3", "31.12.2205"),
    "bad_deadline_before_start.xlsx": ("deadline_before_start", "Pasākumi!J3", "before the start"),
    "bad_progress.xlsx": ("bad_progress", "Pasākumi!M3", "150%"),
    "bad_no_report_date.xlsx": ("no_report_date", "Pasākumi", "report date"),
    "bad_indicator_year.xlsx": ("bad_year", "Rādītāji!C3", "Year '1890'"),
    "bad_indicator_value.xlsx": ("bad_value", "Rādītāji!D3", "'daudz' is not a number"),
}


def test_every_refused_fixture_is_listed_and_there_are_at_least_12_kinds():
    on_disk = {p.name for p in FIXTURES.iterdir() if p.name.startswith("bad_")}
    assert on_disk == set(REFUSED)
    assert len({code for code, _, _ in REFUSED.values()}) >= 12


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_file_names_the_place_in_latvian_and_english(name):
    code, place, words = REFUSED[name]
    result = pipeline.check((FIXTURES / name).read_bytes(), name)
    assert not result.ok and result.clean is None
    assert [(p.code, p.place) for p in result.errors] == [(code, place)]
    problem = result.errors[0]
    assert words in problem.message_en
    # Latvian text is Latvian (not the English one copied), and there is a way to fix it.
    assert problem.message_lv and problem.message_lv != problem.message_en
    assert problem.fix_lv and problem.fix_en and problem.fix_lv != problem.fix_en
    assert "Traceback" not in problem.message_en


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_file_leaves_the_database_unchanged(name, fresh_db, capsys):
    con = db.connect(fresh_db)
    before = db.table_fingerprint(con)
    con.close()

    exit_code = cli.main(["ingest", str(FIXTURES / name), "--db", str(fresh_db), "--lang", "en"])

    err = capsys.readouterr().err.splitlines()
    assert exit_code == cli.EXIT_REFUSED
    code, place, _ = REFUSED[name]
    assert any(line.startswith(f"{place}: ") for line in err), err
    assert err[-1].endswith("the database is unchanged.")
    con = db.connect(fresh_db)
    try:
        assert db.table_fingerprint(con) == before
        with pytest.raises(ValueError):  # the upload page's path refuses it too
            pipeline.store(con, pipeline.check((FIXTURES / name).read_bytes(), name), uploaded_by="t")
        assert db.table_fingerprint(con) == before
    finally:
        con.close()


def test_a_file_over_the_size_limit_is_refused_before_reading():
    content = (FIXTURES / "ok_two_plans.xlsx").read_bytes()
    result = pipeline.check(content, "liels.xlsx", max_bytes=len(content) - 1)
    assert [p.code for p in result.errors] == ["too_large"]
    assert "MB" in result.errors[0].message_lv


def test_duplicate_numbers_across_plans_are_allowed_but_not_within_one():
    name = "bad_duplicate_measure.xlsx"
    result = pipeline.check((FIXTURES / name).read_bytes(), name)
    # 1.1 appears in both plans (fine), 1.2 twice in plan 5 (an error).
    assert [p.code for p in result.errors] == ["duplicate_measure"]
    assert "5. plāns 2022–2025" in result.errors[0].message_lv


def test_many_bad_cells_are_summarised_not_listed_endlessly():
    from tests.fixtures.make_fixtures import measures_only, row
    rows = [row(f"1.{i}", status="Gandrīz") for i in range(1, 121)]
    result = pipeline.check(measures_only(rows), "daudz.xlsx")
    unknown = [p for p in result.errors if p.code == "unknown_status"]
    assert len(unknown) == 51 and unknown[-1].place == "…"
    assert "70" in unknown[-1].message_lv and "70" in unknown[-1].message_en
