"""Small workbook builders for tests: rows in, .xlsx bytes out."""

from __future__ import annotations

import io

from openpyxl import Workbook

MEASURE_HEADERS = ["Plāns", "Apņemšanās nr.", "Apņemšanās", "Pasākuma nr.", "Pasākums", "Atbildīgā iestāde",
                   "Līdzatbildīgās iestādes", "Statuss", "Sākuma datums", "Izpildes termiņš", "Progresa apraksts",
                   "Ziņojuma datums"]


def measure_row(no="1.1", status="Nav uzsākts", commitment="1", title="Pasākums", lead="Valsts kanceleja",
                partners="", start="01.01.2022", deadline="31.12.2025", note="", plan="5. plāns",
                report="27.03.2025", commitment_title="Apņemšanās"):
    return [plan, commitment, commitment_title, no, title, lead, partners, status, start, deadline, note, report]


def workbook(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
             hidden: tuple[str, ...] = ()) -> bytes:
    """Build an .xlsx: {sheet name: rows}; optional merged ranges and hidden sheets."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
        if name in hidden:
            ws.sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def measures_workbook(rows: list[list] | None = None, headers: list[str] | None = None, **extra_sheets) -> bytes:
    rows = rows if rows is not None else [measure_row("1.1"), measure_row("1.2", "Pabeigts")]
    return workbook({"Pasākumi": [headers or MEASURE_HEADERS, *rows], **extra_sheets})


def fill_round_workbook(content: bytes, answers: dict[str, dict[str, object]], extra_rows: list[list] = (),
                        drop: tuple[str, ...] = ()) -> bytes:
    """Fill a collection round's workbook as an institution would in Excel: ``answers`` maps a measure
    number to {header: value} (headers as written in the file, e.g. "Statuss", "Izpildes informācija");
    text is stored as text (so "=…" stays a string, as Excel stores a typed ' prefix); ``extra_rows`` are
    appended; ``drop`` lists measure numbers whose rows are deleted."""
    from openpyxl import load_workbook

    from ogp_monitor.ingest.round_book import HEADER_ROW

    wb = load_workbook(io.BytesIO(content))
    ws = wb["Pasākumi"]
    head = {cell.value: cell.column for cell in ws[HEADER_ROW] if cell.value}
    for row in list(ws.iter_rows(min_row=HEADER_ROW + 1)):
        number = row[head["Pasākuma nr."] - 1].value
        for header, value in answers.get(number, {}).items():
            cell = ws.cell(row=row[0].row, column=head[header])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    for number in drop:
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            if row[head["Pasākuma nr."] - 1].value == number:
                ws.delete_rows(row[0].row)
                break
    for extra in extra_rows:
        ws.append(extra)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
