"""The reader's pre-scan and its two-thread sheet parse, on the cases the speed-ups touched."""

from __future__ import annotations

import random
from pathlib import Path

from ogp_monitor.ingest import reader
from ogp_monitor.store import pipeline
from tests.helpers import MEASURE_HEADERS, measure_row, measures_workbook, workbook
from tests.hostile.make_catalogue import raw_xlsx, rows_xml, sheet_xml, valid_rows


def _codes(checked: pipeline.Checked) -> set[str]:
    return {p.code for p in checked.problems if p.is_error}


def test_notes_of_excels_maximum_length_are_read():
    # 12 notes of 32,000 characters (Excel allows 32,767): the sheet part is several MB, so
    # a note straddles the pre-scan's 1 MB pieces. This used to stop the upload with a NameError.
    rnd = random.Random(1)
    notes = ["".join(rnd.choice("āčēģīķļņšūž€ abc") for _ in range(32_000)) for _ in range(12)]
    rows = [measure_row(f"1.{i}", note=note) for i, note in enumerate(notes, start=1)]
    checked = pipeline.check(measures_workbook(rows), "garas_piezimes.xlsx")
    assert checked.ok, [p.message_en for p in checked.problems]
    assert checked.clean.measures["progress_note"].tolist() == [n.strip() for n in notes]


def test_a_cell_tag_longer_than_64k_is_refused(tmp_path: Path):
    # 2 MB of junk attribute: the tag straddles the pre-scan's pieces, so its reference
    # arrives only after more than 64 KB of the same tag.
    body = rows_xml(valid_rows()) + f'<row r="9"><c x="{"y" * 2_000_000}" r="XFD1048576"><v>1</v></c></row>'
    path = tmp_path / "long_tag.xlsx"
    raw_xlsx(path, [("Pasākumi", sheet_xml(body))])
    checked = pipeline.check(path.read_bytes(), path.name)
    assert not checked.ok
    assert _codes(checked) == {"unsafe_zip"}
    assert "abnormally long cell or row tag" in checked.problems[0].message_en


def test_the_fast_path_hands_odd_references_to_the_exact_parser():
    # calamine honours the last r attribute of a cell; every spelling of a second one
    # must make the fast path give up (the exact parser then measures or refuses the part).
    ordinary = b'<row r="9" spans="1:2"><c r="A9" s="1" t="s"><v>1</v></c><c r="AB9"><v>2</v></c></row>'
    extent = reader._Extent()
    assert extent.feed(ordinary) and extent.columns == 28
    for odd in (b'<c r="A9"\tr="XFD1048576">', b'<c r="A9" r="XFD1048576">', b"<c r='XFD1048576'>",
                b'<c\tr="XFD1048576">', b'<c r = "XFD1048576">', b'<c s="1" r="XFD1048576">',
                b'<row r="9"\nr="1048576">', b'<x:c r="XFD1048576">', b"<c>"):
        assert not reader._Extent().feed(odd), odd


def test_sheets_parsed_on_the_second_thread_arrive_whole_and_in_place():
    indicators = [[], [], [None, "Rādītājs", "Teritorija", "Gads", "Vērtība"],
                  [None, "Uzticēšanās valdībai", "Latvija", 2023, 29.5],
                  [None, "Uzticēšanās valdībai", "Latvija", 2024, 31]]
    schedule = [["Plāns", "Aktivitāte", "Sākuma datums", "Beigu datums"],
                ["5. plāns", "Konsultācijas ar sabiedrību", "01.02.2025", "31.03.2025"]]
    data = workbook({"Pasākumi": [MEASURE_HEADERS, measure_row("1.1")], "Rādītāji": indicators,
                     "Grafiks": schedule, "Piezīmes": [["netiek lasīts"]]})
    book = reader.read_workbook(data)
    assert [s.name for s in book.sheets] == ["Pasākumi", "Rādītāji", "Grafiks", "Piezīmes"]
    ind = book.by_kind("indicators")
    assert (ind.first_row, ind.first_col) == (2, 1)
    assert ind.rows[0] == ["Rādītājs", "Teritorija", "Gads", "Vērtība"]
    assert ind.rows[2][1:] == ["Latvija", 2024, 31] or ind.rows[2][1:] == ["Latvija", 2024.0, 31.0]
    assert book.by_kind("schedule").rows[1][1] == "Konsultācijas ar sabiedrību"
    assert book.by_kind("measures").rows[1][3] == "1.1"
    assert book.sheets[3].rows == [["netiek lasīts"]]  # a cover sheet: only its top rows (it may name the date)
    checked = pipeline.check(data, "ar_raditajiem.xlsx")
    assert checked.ok, [p.message_en for p in checked.problems]
    assert checked.clean.indicators["value"].tolist() == [29.5, 31.0]
    assert checked.clean.schedule["activity"].tolist() == ["Konsultācijas ar sabiedrību"]
