"""The workbooks of a collection round: the one each institution gets, pre-filled with its own
measures, and the consolidated report the round hands back in the standard format.

An institution's workbook is an ordinary export: its title rows state the plan, the institution and
``Stāvoklis uz 2026. gada 31. martu``, its columns carry the format's own headers, so the ordinary
ingest reads a returned file without anyone typing a date or a plan. A hidden sheet (``ROUND_SHEET``)
names the round, the institution and its measures, so a renamed file is still recognised; the
identity columns are locked with sheet protection, a hint to the person filling it in (the collector
checks them anyway).
"""

from __future__ import annotations

import datetime as dt
import io
import numbers
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..i18n import fmt_date, fmt_date_words
from .spec import FINER_LABELS, MEASURES, ROUND_SHEET, STATUS_LABELS

FORMAT = "ogp-monitor-round/1"
LEAD, PARTNER = "lead", "partner"
ROLE_WORDS = {LEAD: "Atbildīgā / Lead", PARTNER: "Līdzatbildīgā / Partner"}
SHEET = MEASURES.label_lv
HEADER_ROW = 7  # title rows above it, as in the council's own tables
PREVIOUS_HEADER = "Iepriekšējā informācija"  # read-only; the format does not read it
NOTE_HEADER = "Izpildes informācija"  # the format's own synonym of the progress note
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_EDIT_FILL = PatternFill("solid", fgColor="FFF6D5")
_THIN = Side(style="thin", color="BFBFBF")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # the frame column it is filled from
    width: int
    editable_for: tuple[str, ...] = ()  # the roles that may change it


def _columns(previous: dt.date | None) -> list[Column]:
    label = {f.key: f.label_lv for f in MEASURES.fields}
    before = f"{PREVIOUS_HEADER} ({fmt_date(previous)})" if previous else PREVIOUS_HEADER
    return [
        Column("Loma", "role", 16),
        Column(label["plan_id"], "plan_id", 18),
        Column(label["commitment_no"], "commitment_no", 13),
        Column(label["commitment_title"], "commitment_title", 30),
        Column(label["measure_no"], "measure_no", 10),
        Column(label["measure_title"], "measure_title", 44),
        Column(label["lead_institution"], "lead_institution", 22),
        Column(label["partner_institutions"], "partner_institutions", 22),
        Column(label["deadline_date"], "deadline_date", 14, (LEAD,)),
        Column(label["status"], "status_label", 24, (LEAD,)),
        Column(label["progress_pct"], "progress_pct", 11, (LEAD,)),
        Column(before, "previous_note", 48),
        Column(NOTE_HEADER, "new_note", 60, (LEAD, PARTNER)),
    ]


def status_choices() -> list[str]:
    """The drop-down: each status group's label and the council's finer labels, in order of progress."""
    finer = {group: lv for group, (lv, _, _) in FINER_LABELS.items()}
    return [STATUS_LABELS["not_started"][0], STATUS_LABELS["in_progress"][0], finer["limited"],
            finer["substantial"], finer["advanced"], STATUS_LABELS["advanced"][0], STATUS_LABELS["withdrawn"][0]]


def file_name(as_of: dt.date, institution: str) -> str:
    """``ogp_karta_2026-03-31_Valsts-kanceleja.xlsx``: ASCII, safe on every system and in a ZIP."""
    spaced = re.sub(r"[\W_]+", "-", institution)
    ascii_name = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60] or "iestade"
    return f"ogp_karta_{as_of.isoformat()}_{slug}.xlsx"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _text(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        return "; ".join(str(v) for v in (value.tolist() if hasattr(value, "tolist") else value))
    return _ILLEGAL_XML.sub("", str(value))


def _put(ws, row: int, col: int, value: object, number_format: str | None = None):
    """Write one cell: text stays text whatever it starts with (``=…`` is never a formula)."""
    cell = ws.cell(row=row, column=col)
    if _missing(value):
        pass
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        cell.value = float(value) if not float(value).is_integer() else int(value)
    elif isinstance(value, (dt.date, pd.Timestamp)):
        cell.value = value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value
        cell.number_format = "DD.MM.YYYY"
    else:
        text = _text(value)
        if text:
            cell.value = text
            cell.data_type = TYPE_STRING
    if number_format:
        cell.number_format = number_format
    return cell


def institution_workbook(*, round_id: str, plan_id: str, as_of: dt.date, due: dt.date | None, institution: str,
                         measures: pd.DataFrame, previous_report_date: dt.date | None) -> bytes:
    """One institution's workbook.

    ``measures``: its measures from the plan's latest report with a ``role`` column (``LEAD`` or
    ``PARTNER``) and the report's columns (commitment, measure number and title, institutions,
    deadline, status label, progress %, progress note). The previous note is shown read-only beside
    an empty column for the new one; a lead edits the deadline, status and %, a partner its note.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    columns = _columns(previous_report_date)
    titles = [
        (f"{plan_id}: izpildes informācija / implementation report", Font(bold=True, size=14)),
        (f"Iestāde: {institution}", Font(bold=True, size=12)),
        (f"Stāvoklis uz {fmt_date_words(as_of)}", Font(bold=True, size=12)),
        ((f"Lūdzam aizpildīt dzeltenās kolonnas un atgriezt failu līdz {fmt_date_words(due, case='dat')}."
          if due else "Lūdzam aizpildīt dzeltenās kolonnas un atgriezt failu.")
         + " Norādījumi — lapā „Instrukcija”.", Font(size=11)),
        ((f"Please fill in the yellow columns and return the file by {fmt_date_words(due, 'en')}."
          if due else "Please fill in the yellow columns and return the file.")
         + " Instructions: sheet 'Instrukcija'.", Font(size=11, italic=True)),
    ]
    for i, (text, font) in enumerate(titles, start=1):
        _put(ws, i, 1, text).font = font
    for c, column in enumerate(columns, start=1):
        cell = _put(ws, HEADER_ROW, c, column.header)
        cell.font = Font(bold=True)
        cell.fill = _EDIT_FILL if column.editable_for else _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(c)].width = column.width
    rows = measures.assign(role_word=measures["role"].map(ROLE_WORDS), new_note="")
    for r, record in enumerate(rows.to_dict("records"), start=HEADER_ROW + 1):
        ws.row_dimensions[r].height = _row_height(record, columns)
        for c, column in enumerate(columns, start=1):
            value = record["role_word"] if column.key == "role" else record.get(column.key)
            fmt = "@" if column.key in ("measure_no", "commitment_no") else None
            cell = _put(ws, r, c, _text(value) if fmt else value, fmt)
            editable = record["role"] in column.editable_for
            cell.protection = Protection(locked=not editable)
            cell.fill = _EDIT_FILL if editable else _LOCKED_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _BOX
    last = HEADER_ROW + len(rows)
    _drop_downs(wb, ws, columns, rows, last)
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=6)
    _print_wide(ws)
    ws.protection.sheet = True  # no password: a hint, not security
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.formatCells = False
    ws.protection.autoFilter = ws.protection.sort = False
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{max(last, HEADER_ROW + 1)}"
    _instructions(wb, plan_id, as_of, due, institution)
    _tag(wb, round_id=round_id, plan_id=plan_id, as_of=as_of, institution=institution, measures=rows)
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row_height(record: dict, columns: list[Column], line: float = 15.0, most: int = 12) -> float:
    """A row tall enough for its longest wrapped text (Excel and LibreOffice keep a written row's height
    as given; without one, wrapped text overflows into the next row)."""
    lines = 1
    for column in columns:
        text = _text(record.get(column.key)) if column.key != "role" else str(record.get("role_word", ""))
        per_line = max(8, int(column.width * 1.1))
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in text.split("\n")))
    return line * min(lines, most) + 4


def _print_wide(ws, header_row: int = HEADER_ROW) -> None:
    """Printed, the table fits the page's width (landscape A4), the header repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def _drop_downs(wb: Workbook, ws, columns: list[Column], rows: pd.DataFrame, last: int) -> None:
    lists = wb.create_sheet("Saraksti")
    choices = status_choices()
    for i, label in enumerate(choices, start=1):
        _put(lists, i, 1, label)
    lists.sheet_state = "hidden"
    keys = [c.key for c in columns]
    lead_rows = [HEADER_ROW + 1 + i for i, role in enumerate(rows["role"]) if role == LEAD]
    if not lead_rows:
        return
    status = get_column_letter(keys.index("status_label") + 1)
    pct = get_column_letter(keys.index("progress_pct") + 1)
    dv = DataValidation(type="list", formula1=f"Saraksti!$A$1:$A${len(choices)}", allow_blank=False,
                        showErrorMessage=True, errorTitle="Statuss",
                        error="Izvēlieties statusu no saraksta / Choose a status from the list")
    dv_pct = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                            showErrorMessage=True, errorTitle="Izpilde, %",
                            error="Skaitlis no 0 līdz 100 / A number from 0 to 100")
    for r in lead_rows:
        dv.add(f"{status}{r}")
        dv_pct.add(f"{pct}{r}")
    ws.add_data_validation(dv)
    ws.add_data_validation(dv_pct)


def _instructions(wb: Workbook, plan_id: str, as_of: dt.date, due: dt.date | None, institution: str) -> None:
    info = wb.create_sheet("Instrukcija")
    info.column_dimensions["A"].width = 110
    due_lv = f" līdz {fmt_date_words(due, case='dat')}" if due else ""
    due_en = f" by {fmt_date_words(due, 'en')}" if due else ""
    lines = [
        ("Kā aizpildīt šo failu", True),
        (f"Šajā failā ir „{plan_id}” pasākumi, par kuriem atbild vai līdzatbild {institution}. Lūdzam norādīt "
         f"to stāvokli uz {fmt_date_words(as_of)}.", False),
        ("1. Lapā „Pasākumi” aizpildiet dzeltenās šūnas. Pelēkās šūnas ir aizslēgtas: tās nosaka pasākumu, "
         "un tās nevajag mainīt.", False),
        ("2. „Statuss”: izvēlieties no saraksta. „Izpilde, %”: skaitlis no 0 līdz 100. „Izpildes termiņš”: "
         "mainiet tikai tad, ja termiņš ir pārcelts.", False),
        ("3. „Izpildes informācija”: ar saviem vārdiem — kas paveikts kopš iepriekšējā ziņojuma, kas vēl "
         "jādara. Kolonnā „Iepriekšējā informācija” ir iepriekšējā ziņojuma teksts; to nevajag kopēt.", False),
        ("4. Līdzatbildīgā iestāde aizpilda tikai „Izpildes informācija”: statusu norāda atbildīgā iestāde.",
         False),
        ("5. Neaizpildītu pasākumu uzskata par „nav jaunas informācijas”: ziņojumā paliek iepriekšējais "
         "statuss ar šo atzīmi.", False),
        (f"6. Saglabājiet failu kā .xlsx (var pārdēvēt) un atsūtiet to atpakaļ{due_lv}, atbildot uz "
         "Valsts kancelejas vēstuli.", False),
        ("Nedzēsiet un nepārdēvējiet lapas: pēc tām fails tiek atpazīts.", False),
        ("", False),
        ("How to fill in this file", True),
        (f"This file holds the measures of '{plan_id}' that {institution} leads or contributes to. Please "
         f"give their state as of {fmt_date_words(as_of, 'en')}.", False),
        ("1. On the sheet 'Pasākumi', fill in the yellow cells. Grey cells are locked: they identify the "
         "measure and need no change.", False),
        ("2. 'Statuss' (status): choose from the list. 'Izpilde, %': a number from 0 to 100. 'Izpildes "
         "termiņš' (deadline): change it only if the deadline has moved.", False),
        ("3. 'Izpildes informācija' (progress): in your own words, what has been done since the last report "
         "and what remains. 'Iepriekšējā informācija' holds the previous report's text; no need to copy it.",
         False),
        ("4. A partner institution fills in only 'Izpildes informācija'; the lead institution gives the status.",
         False),
        ("5. A measure left blank counts as 'no new information': the report keeps its previous status, "
         "marked so.", False),
        (f"6. Save the file as .xlsx (you may rename it) and send it back{due_en}, replying to the State "
         "Chancellery's e-mail.", False),
        ("Do not delete or rename the sheets: the file is recognised by them.", False),
    ]
    for i, (text, bold) in enumerate(lines, start=1):
        cell = _put(info, i, 1, text)
        cell.font = Font(bold=bold, size=13 if bold else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _tag(wb: Workbook, *, round_id: str, plan_id: str, as_of: dt.date, institution: str,
         measures: pd.DataFrame) -> None:
    tag = wb.create_sheet(ROUND_SHEET)
    by_role = {role: ";".join(measures.loc[measures["role"] == role, "measure_no"].astype(str))
               for role in (LEAD, PARTNER)}
    for i, (key, value) in enumerate([("format", FORMAT), ("round_id", round_id), ("plan_id", plan_id),
                                      ("as_of", as_of.isoformat()), ("institution", institution),
                                      ("lead_measures", by_role[LEAD]), ("partner_measures", by_role[PARTNER])],
                                     start=1):
        _put(tag, i, 1, key)
        _put(tag, i, 2, value)
    tag.sheet_state = "hidden"


@dataclass(frozen=True)
class RoundTag:
    """What a returned file says about itself in its hidden sheet."""

    round_id: str
    plan_id: str
    as_of: dt.date | None
    institution: str
    lead_measures: tuple[str, ...]
    partner_measures: tuple[str, ...]


def read_tag(tag: dict[str, str]) -> RoundTag | None:
    """The round a returned file belongs to, from ``Clean.round_tag`` (None: not a round's file)."""
    if not tag.get("round_id") or not str(tag.get("format", "")).startswith("ogp-monitor-round/"):
        return None
    try:
        as_of = dt.date.fromisoformat(tag.get("as_of", "")[:10])
    except ValueError:
        as_of = None

    def numbers(key: str) -> tuple[str, ...]:
        return tuple(n.strip() for n in tag.get(key, "").split(";") if n.strip())
    return RoundTag(tag["round_id"], tag.get("plan_id", ""), as_of, tag.get("institution", ""),
                    numbers("lead_measures"), numbers("partner_measures"))


def report_workbook(measures: pd.DataFrame, *, plan_id: str, report_date: dt.date, note: str = "") -> bytes:
    """A report in the standard format (every field of the measures sheet, its own headers, title rows
    stating the plan and the date): to archive, to send on, and what the merged report is stored as."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _put(ws, 1, 1, f"{plan_id}: izpildes informācija / implementation report").font = Font(bold=True, size=14)
    _put(ws, 2, 1, f"Stāvoklis uz {fmt_date_words(report_date)}").font = Font(bold=True, size=12)
    if note:
        _put(ws, 3, 1, note)
    header_row = 5
    fields = [f for f in MEASURES.fields if f.key != "report_date"]
    source = {"status": "status_label"}
    for c, f in enumerate(fields, start=1):
        cell = _put(ws, header_row, c, f.label_lv)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = 44 if f.key in ("measure_title", "progress_note") else 16
    for r, record in enumerate(measures.to_dict("records"), start=header_row + 1):
        for c, f in enumerate(fields, start=1):
            value = record.get(source.get(f.key, f.key))
            if f.key == "carried_forward":
                value = "jā" if value is True else ""
            elif f.key in ("measure_no", "commitment_no"):
                value = _text(value)
            cell = _put(ws, r, c, value, "@" if f.key in ("measure_no", "commitment_no") else None)
            cell.alignment = Alignment(wrap_text=f.key in ("measure_title", "progress_note"), vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    _print_wide(ws, header_row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
