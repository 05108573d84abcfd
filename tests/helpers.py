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
