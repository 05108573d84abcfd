"""Safe CSV and Excel exports that open correctly in a Latvian Excel.

CSV: UTF-8 with a byte-order mark (Excel otherwise reads Windows-1252 and
mangles ā, č, ē...), ``;`` as separator and a decimal comma (the Latvian
locale's list and decimal separators). Excel: real numbers and dates, text
cells forced to text. In both, a text cell that starts with ``=``, ``+``,
``-``, ``@``, tab or CR is prefixed with ``'`` so no spreadsheet ever runs it
as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text: str) -> str:
    """Make a text cell inert in a spreadsheet: ``=1+1`` -> ``'=1+1``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _is_text_column(series: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)
                or pd.api.types.is_bool_dtype(series))


def _text_cells(series: pd.Series) -> pd.Series:
    """Lists joined with '; ', None kept empty, dates as dd.mm.yyyy, the rest str."""
    def one(v: object) -> object:
        if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA or v is pd.NaT:
            return ""
        if isinstance(v, (list, tuple)) or hasattr(v, "tolist") and not isinstance(v, str):
            items = v.tolist() if hasattr(v, "tolist") else v
            return "; ".join(str(x) for x in items)
        if isinstance(v, (dt.datetime, pd.Timestamp)):
            return v.strftime("%d.%m.%Y")
        if isinstance(v, dt.date):
            return v.strftime("%d.%m.%Y")
        return str(v)
    return series.astype(object).map(one)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns neutralised; numeric and date columns untouched."""
    out = frame.copy()
    for col in out.columns:
        if _is_text_column(out[col]):
            out[col] = _text_cells(out[col]).map(neutralise)
    return out


def to_csv_bytes(frame: pd.DataFrame, decimal: str = ",", sep: str = ";") -> bytes:
    """UTF-8-with-BOM CSV for a Latvian Excel (``;`` and decimal comma by default)."""
    safe = safe_frame(frame)
    for col in safe.columns:
        if pd.api.types.is_datetime64_any_dtype(safe[col]):
            safe[col] = safe[col].dt.strftime("%d.%m.%Y").fillna("")
    text = safe.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per frame; numbers as numbers, dates as dates, text forced to text.

    Written in openpyxl's write-only mode: rows stream to the file instead of
    living as cell objects, so a million-row export does not hold every cell in
    memory on the server.
    """
    wb = Workbook(write_only=True)
    for name, frame in frames.items():
        ws = wb.create_sheet(title=name[:31])
        text_cols = [_is_text_column(frame[c]) for c in frame.columns]
        prepared = [(_text_cells(frame[c]) if is_text else frame[c].astype(object))
                    for c, is_text in zip(frame.columns, text_cols)]
        for c, col in enumerate(frame.columns, start=1):  # widths must precede the rows
            width = min(60, max([len(str(col))] + [len(str(v)) for v in prepared[c - 1][:200]]) + 2)
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.freeze_panes = "A2"
        header = []
        for col in frame.columns:
            cell = WriteOnlyCell(ws, value=str(col))
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        for values in zip(*prepared):
            ws.append([_xlsx_cell(ws, value, is_text) for value, is_text in zip(values, text_cols)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(ws, value: object, is_text: bool):
    if is_text:
        cell = WriteOnlyCell(ws, value=_ILLEGAL_XML.sub("", str(value)))
        cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
        return cell
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, (dt.date, dt.datetime)):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "DD.MM.YYYY"
        return cell
    return value


def export_name(kind: str, plan: str | None, report_date: dt.date | None, ext: str) -> str:
    """``pasakumi_5-plans-2022-2025_2025-03-27.csv``: ASCII, safe on every OS."""
    import unicodedata
    parts = [kind]
    if plan:
        # Separators first (so "2022–2025" keeps its dash), then ā -> a.
        spaced = re.sub(r"[\W_]+", "-", plan)
        ascii_plan = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
        parts.append(re.sub(r"[^A-Za-z0-9]+", "-", ascii_plan).strip("-").lower() or "plan")
    if report_date:
        parts.append(report_date.isoformat())
    return "_".join(parts) + "." + ext
