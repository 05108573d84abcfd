"""Validation: raw sheets -> clean frames plus cell-precise problems.

Errors block the load; notices are shown but do not. Every problem names its
cell (``Pasākumi!H12``) and says, in Latvian and English, what is wrong and
how to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import parsing, titles
from .problems import ERROR, NOTICE, Problem
from .reader import RawSheet, RawWorkbook, column_letter
from .spec import INDICATORS, MEASURES, ROUND_SHEET, SCHEDULE, STATUS_LABELS, SheetSpec, header_ranks
from .textnorm import fold

HEADER_SCAN_ROWS = 30
MAX_PROBLEMS_PER_KIND = 50

MEASURE_COLUMNS = ["plan_id", "commitment_no", "commitment_title", "measure_no", "measure_title",
                   "lead_institution", "partner_institutions", "status_label", "status_group",
                   "status_as_written", "start_date", "deadline_date", "progress_note", "progress_pct",
                   "carried_forward", "ogp_id", "source_row"]
# A row that opens a commitment, as in the council's own tables: "1. apņemšanās: Stiprināt …",
# "2. rīcības virziens – …", "Commitment 3: …", "Action direction 4 …" (with or without the colon).
_SECTION = re.compile(
    r"^\s*(?:(?P<no>\d+)\s*\.?\s*(?:apņemšanās|apnemsanas|rīcības\s+virziens|ricibas\s+virziens)"
    r"|(?:commitment|action\s+direction|apņemšanās|apnemsanas|rīcības\s+virziens|ricibas\s+virziens)"
    r"\s*(?:no\.?|nr\.?)?\s*(?P<no2>\d+)\.?)\s*[:.\-–—]?\s*(?P<title>.*?)\s*$",
    re.IGNORECASE | re.DOTALL)
INDICATOR_COLUMNS = ["indicator", "indicator_en", "area", "year", "value", "unit", "source",
                     "source_row"]
INDICATOR_TEXT = ("indicator", "indicator_en", "area", "unit", "source")
SCHEDULE_COLUMNS = ["plan_id", "activity", "start_date", "end_date", "goal", "source_row"]


@dataclass
class Clean:
    measures: pd.DataFrame
    indicators: pd.DataFrame
    schedule: pd.DataFrame
    report_date: dt.date | None
    ignored_sheets: list[str] = field(default_factory=list)
    report_date_source: str = ""  # "column", "given", "title" or "file_name" ("" without measures)
    plan_source: str = ""  # "column", "given", "title", "file_name" or "" (store matches the measures)
    stated_date: dt.date | None = None  # the date the file states itself, even when a given date wins
    stated_date_source: str = ""  # "column", "title", "file_name" or ""
    measure_cells: dict[str, str] = field(default_factory=dict)  # field key -> "Pasākumi!E" (+ row = a cell)
    round_tag: dict[str, str] = field(default_factory=dict)  # a collection round's hidden sheet (key -> value)

    def row_counts(self) -> dict[str, int]:
        return {"measures": len(self.measures), "indicators": len(self.indicators),
                "schedule": len(self.schedule)}


class _Collector:
    """Collects problems, capping each kind so a broken 200k-row file stays readable."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._counts: dict[str, int] = {}

    def add(self, problem: Problem) -> None:
        n = self._counts.get(problem.code, 0) + 1
        self._counts[problem.code] = n
        if n <= MAX_PROBLEMS_PER_KIND:
            self.problems.append(problem)

    def merge(self, other: _Collector) -> None:
        """Add what ``other`` collected, as if each of its problems had been added here in turn."""
        for problem in other.problems:
            self.add(problem)
        for code, n in other._counts.items():
            self._counts[code] += n - min(n, MAX_PROBLEMS_PER_KIND)

    def finish(self) -> list[Problem]:
        for code, n in self._counts.items():
            if n > MAX_PROBLEMS_PER_KIND:
                first = next(p for p in self.problems if p.code == code)
                extra = n - MAX_PROBLEMS_PER_KIND
                self.problems.append(Problem(
                    first.severity, code, "…",
                    f"Un vēl {extra} līdzīgas problēmas („{first.message_lv}”).",
                    f"And {extra} more problems like this ('{first.message_en}').",
                    first.fix_lv, first.fix_en))
        return self.problems


@dataclass
class _Table:
    """A sheet's data rows under its detected header row, columns keyed by field."""

    sheet: RawSheet
    frame: pd.DataFrame  # columns: field keys (+ year columns for wide indicators), "source_row"
    columns: dict[str, int]  # field key -> 0-based column index in the sheet
    header_row: int  # 1-based Excel row number
    header_cells: str = ""  # the header row as a range, "Pasākumi!A4:N4"
    # is_blank of every data column of frame, computed once (it was recomputed up to four
    # times per column, a third of the validation at 200k rows)
    blank: pd.DataFrame = field(default_factory=pd.DataFrame)
    headers: dict[str, str] = field(default_factory=dict)  # field key -> the header as written

    def raw_row(self, excel_row: int) -> list:
        """The sheet's whole row (every column, mapped or not) at an Excel row number."""
        return self.sheet.rows[excel_row - self.sheet.first_row - 1]

    def above(self) -> list[list]:
        """The rows above the header: a report's title rows."""
        return self.sheet.rows[:self.header_row - self.sheet.first_row - 1]

    def cell(self, key: str, excel_row: int) -> str:
        return f"{self.sheet.name}!{column_letter(self.columns[key])}{excel_row}"


def _shown(value: object) -> str:
    """A raw cell as the analyst typed it: 1890.0 -> "1890", a date as 31.12.2205."""
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _find_header(sheet: RawSheet, spec: SheetSpec) -> tuple[int, dict[int, str]] | None:
    """The row (index into sheet.rows) that best matches the sheet's headers."""
    ranks = header_ranks(spec)
    best: tuple[int, dict[int, str]] | None = None
    for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        chosen: dict[str, tuple[int, int]] = {}  # field key -> (rank, column)
        for j, value in enumerate(row):
            hit = ranks.get(fold(value))
            if hit and (hit[0] not in chosen or hit[1] < chosen[hit[0]][0]):
                chosen[hit[0]] = (hit[1], j)
        found = {j: key for key, (_, j) in chosen.items()}
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (i, found)
    return best


def _year_header(value: object) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.isdigit() and len(text) == 4 and parsing.MIN_YEAR <= int(text) <= parsing.MAX_YEAR:
        return int(text)
    return None


def _table(sheet: RawSheet, spec: SheetSpec, out: _Collector, allow_years: bool = False) -> _Table | None:
    found = _find_header(sheet, spec)
    if found is None:
        labels = ", ".join(f.label_lv for f in spec.fields if f.required)
        labels_en = ", ".join(f.label_en for f in spec.fields if f.required)
        out.add(Problem(ERROR, "no_header", sheet.name,
                        f"Lapā „{sheet.name}” nav atrasta virsrakstu rinda.",
                        f"No header row found on sheet '{sheet.name}'.",
                        f"Pirmajās {HEADER_SCAN_ROWS} rindās jābūt kolonnām: {labels}.",
                        f"The first {HEADER_SCAN_ROWS} rows must contain the columns: {labels_en}."))
        return None
    index, keys = found
    header = sheet.rows[index]
    header_row = sheet.first_row + index + 1
    columns = {key: sheet.first_col + j for j, key in keys.items()}
    years: dict[int, int] = {}
    ignored: list[str] = []
    for j, value in enumerate(header):
        if j in keys or parsing.is_blank(pd.Series([value], dtype=object)).iloc[0]:
            continue
        year = _year_header(value) if allow_years else None
        if year is not None:
            years[j] = year
        else:
            ignored.append(f"{column_letter(sheet.first_col + j)} „{value}”")
    if ignored:
        cells = ", ".join(f"{sheet.name}!{item.split(' ', 1)[0]}{header_row}" for item in ignored)
        out.add(Problem(NOTICE, "extra_columns", cells,
                        "Šīs kolonnas netiek izmantotas: " + ", ".join(ignored) + ".",
                        "These columns are not used: " + ", ".join(ignored) + ".",
                        "Ja tajās ir vajadzīgi dati, pārdēvējiet virsrakstu (skat. formāta aprakstu).",
                        "If they hold needed data, rename the header (see the format description)."))
    width = len(header)
    body = sheet.rows[index + 1:]
    if any(len(r) != width for r in body):  # the reader's rows are rectangular; copy only when not
        body = [r + [""] * (width - len(r)) if len(r) < width else r[:width] for r in body]
    raw = pd.DataFrame(body, columns=range(width), dtype=object) if body else pd.DataFrame(
        columns=range(width), dtype=object)
    raw["source_row"] = range(header_row + 1, header_row + 1 + len(raw))
    use = {j: key for j, key in keys.items()}
    use.update({j: f"year:{y}" for j, y in years.items()})
    frame = raw[[*use, "source_row"]].rename(columns=use)
    data_cols = [c for c in frame.columns if c != "source_row"]
    blank = pd.DataFrame({c: parsing.is_blank(frame[c]) for c in data_cols}, index=frame.index)
    if data_cols:
        empty_row = blank.all(axis=1)
        frame, blank = frame[~empty_row], blank[~empty_row]
    frame, blank = frame.reset_index(drop=True), blank.reset_index(drop=True)
    header_cells = (f"{sheet.name}!{column_letter(sheet.first_col)}{header_row}:"
                    f"{column_letter(sheet.first_col + width - 1)}{header_row}")
    headers = {key: str(header[j]) for j, key in keys.items()}
    return _Table(sheet, frame, columns, header_row, header_cells, blank, headers)


def _missing_columns(table: _Table, spec: SheetSpec, out: _Collector) -> bool:
    ok = True
    for f in spec.fields:
        if f.required and f.key not in table.columns:
            ok = False
            out.add(Problem(ERROR, "missing_column", table.header_cells,
                            f"Trūkst obligātās kolonnas „{f.label_lv}”.",
                            f"The required column '{f.label_en}' is missing.",
                            f"Pievienojiet virsrakstu rindā {table.header_row} kolonnu „{f.label_lv}” "
                            f"(der arī: {', '.join(f.synonyms[:3])}).",
                            f"Add a column '{f.label_en}' to header row {table.header_row} "
                            f"(also accepted: {', '.join(f.synonyms[:3])})."))
    return ok


def _require(table: _Table, spec: SheetSpec, key: str, blank: pd.Series, out: _Collector) -> None:
    f = spec.field(key)
    for row in table.frame.loc[blank, "source_row"]:
        out.add(Problem(ERROR, f"empty_{key}", table.cell(key, row),
                        f"Tukša obligāta šūna „{f.label_lv}”.",
                        f"Required cell '{f.label_en}' is empty.",
                        f"Ierakstiet vērtību šūnā {table.cell(key, row)}.",
                        f"Enter a value in cell {table.cell(key, row)}."))


def _dates(table: _Table, spec: SheetSpec, key: str, out: _Collector) -> pd.Series:
    if key not in table.frame:
        return pd.Series(pd.NaT, index=table.frame.index, dtype="datetime64[us]")
    values, bad = parsing.parse_dates(table.frame[key], table.blank[key])
    f = spec.field(key)
    for row, raw in table.frame.loc[bad, ["source_row", key]].itertuples(index=False):
        out.add(Problem(ERROR, f"bad_date_{key}", table.cell(key, row),
                        f"„{f.label_lv}”: „{_shown(raw)}” nav derīgs datums.",
                        f"'{f.label_en}': '{_shown(raw)}' is not a valid date.",
                        "Ierakstiet datumu kā 31.12.2025 vai Excel datumu (gads 1990–2100).",
                        "Write the date as 31.12.2025 or an Excel date (year 1990–2100)."))
    return values


def _text(table: _Table, key: str) -> pd.Series:
    frame = table.frame
    if key not in frame:
        return pd.Series("", index=frame.index, dtype="str")
    return frame[key].astype(object).where(~table.blank[key], "").astype("str").str.strip()


def _progress_holds_text(table: _Table) -> bool:
    """A column headed just "Progress" holds the note when its cells are text, the % when numbers."""
    if "progress_pct" not in table.columns or "progress_note" in table.columns:
        return False
    if fold(table.headers.get("progress_pct", "")) != "progress":
        return False
    _, bad = parsing.parse_numbers(table.frame["progress_pct"], table.blank["progress_pct"])
    filled = int((~table.blank["progress_pct"]).sum())
    return filled > 0 and int(bad.sum()) * 2 > filled


def _sections(table: _Table) -> pd.DataFrame:
    """Commitment section rows (``1. apņemšanās: …``): their position, number and title.

    Such a row carries no status and no lead institution; its text is the row's first filled cell,
    whichever column that is (often merged across the table).
    """
    frame, blank = table.frame, table.blank
    candidates = blank["status"] & blank.get("lead_institution", pd.Series(True, index=frame.index))
    found = []
    for i in frame.index[candidates]:
        row = table.raw_row(int(frame.at[i, "source_row"]))
        first = next((str(v) for v in row if v is not None and str(v).strip()), "")
        match = _SECTION.match(first)
        if match:
            found.append((i, match.group("no") or match.group("no2"), " ".join(match.group("title").split())))
    return pd.DataFrame(found, columns=["at", "commitment_no", "commitment_title"])


def _measures(sheet: RawSheet, out: _Collector) -> tuple[pd.DataFrame | None, _Table | None]:
    table = _table(sheet, MEASURES, out)
    if table is None or not _missing_columns(table, MEASURES, out):
        return None, table
    frame = table.frame
    if _progress_holds_text(table):
        table.columns["progress_note"] = table.columns.pop("progress_pct")
        table.frame = frame = frame.rename(columns={"progress_pct": "progress_note"})
        table.blank = table.blank.rename(columns={"progress_pct": "progress_note"})
        table.headers["progress_note"] = table.headers.pop("progress_pct")
    sections = _sections(table)
    if not sections.empty:
        for key in ("commitment_no", "commitment_title"):
            column = frame[key].astype(object) if key in frame else pd.Series("", index=frame.index, dtype=object)
            missing = table.blank[key] if key in frame else pd.Series(True, index=frame.index)
            opened = pd.Series(sections[key].to_numpy(), index=sections["at"].to_numpy(), dtype=object)
            carried = opened.reindex(frame.index).ffill()
            frame[key] = column.where(~missing, carried).where(lambda v: v.notna(), "")
            table.blank[key] = parsing.is_blank(frame[key])
            table.columns.setdefault(key, table.columns["measure_no"])
        keep = ~frame.index.isin(sections["at"])
        table.frame = frame = frame[keep].reset_index(drop=True)
        table.blank = table.blank[keep].reset_index(drop=True)
    if frame.empty:
        out.add(Problem(ERROR, "no_rows", sheet.name, f"Lapā „{sheet.name}” nav neviena pasākuma.",
                        f"Sheet '{sheet.name}' has no measures.",
                        "Pievienojiet pasākumu rindas zem virsrakstu rindas.",
                        "Add measure rows below the header row."))
        return None, table
    # Merged cells keep their value in the top-left cell only: carry the plan and
    # commitment down over the measures below them.
    # A commitment never carries over into another plan, nor a title into
    # another commitment.
    within = {"plan_id": [], "commitment_no": ["plan_id"], "commitment_title": ["plan_id", "commitment_no"]}
    for key, group_by in within.items():
        if key in frame:
            col = frame[key].astype(object).where(~table.blank[key])
            keys = [frame[k] for k in group_by if k in frame]
            filled = col.groupby(keys).ffill() if keys else col.ffill()
            frame[key] = filled.fillna("")
            table.blank[key] = filled.isna()

    m = pd.DataFrame(index=frame.index)
    m["plan_id"] = _text(table, "plan_id")  # "" when the file names no plan: never invented here
    m["measure_no"] = parsing.number_label(frame["measure_no"])
    if "commitment_no" in frame:
        m["commitment_no"] = parsing.number_label(frame["commitment_no"])
    else:  # no commitment column and no section rows: the measure number's first part (3.2 -> 3)
        m["commitment_no"] = m["measure_no"].str.split(".").str[0].str.strip()
        out.add(Problem(NOTICE, "commitment_from_number", sheet.name,
                        "Failā nav apņemšanās kolonnas vai virsrindu: apņemšanās numurs ņemts no pasākuma numura "
                        "pirmās daļas (3.2 → 3).",
                        "The file has no commitment column or section rows: the commitment number is the first "
                        "part of the measure number (3.2 → 3).", "", ""))
    m["commitment_title"] = _text(table, "commitment_title")  # "" is filled from the plan's earlier report
    m["measure_title"] = _text(table, "measure_title")
    m["lead_institution"] = _text(table, "lead_institution")
    m["partner_institutions"] = parsing.split_institutions(_text(table, "partner_institutions"))
    m["progress_note"] = _text(table, "progress_note")
    m["ogp_id"] = _text(table, "ogp_id")
    m["source_row"] = frame["source_row"]

    for key in ("commitment_no", "measure_no", "measure_title", "lead_institution"):
        if key in table.columns:
            _require(table, MEASURES, key, m[key] == "", out)

    label, group, unknown, written = parsing.parse_statuses(frame["status"])
    m["status_label"], m["status_group"], m["status_as_written"] = label, group, written
    _require(table, MEASURES, "status", written == "", out)
    allowed = "; ".join(labels[0] for labels in STATUS_LABELS.values())
    allowed_en = "; ".join(labels[1] for labels in STATUS_LABELS.values())
    for row, raw in frame.loc[unknown, ["source_row", "status"]].itertuples(index=False):
        out.add(Problem(ERROR, "unknown_status", table.cell("status", row),
                        f"Nezināms statuss „{raw}”.", f"Unknown status '{raw}'.",
                        f"Izmantojiet vienu no: {allowed}.", f"Use one of: {allowed_en}."))

    m["start_date"] = _dates(table, MEASURES, "start_date", out)
    m["deadline_date"] = _dates(table, MEASURES, "deadline_date", out)
    backwards = m["start_date"].notna() & m["deadline_date"].notna() & (m["deadline_date"] < m["start_date"])
    for row in m.loc[backwards, "source_row"]:
        out.add(Problem(ERROR, "deadline_before_start", table.cell("deadline_date", row),
                        "Izpildes termiņš ir pirms sākuma datuma.", "The deadline is before the start date.",
                        "Pārbaudiet abus datumus šajā rindā.", "Check both dates in this row."))
    m["report_date"] = _dates(table, MEASURES, "report_date", out)  # parsed once (was twice)

    if "progress_pct" in frame:
        pct, bad = parsing.parse_numbers(frame["progress_pct"], table.blank["progress_pct"])
        out_of_range = pct.notna() & ((pct < 0) | (pct > 100))
        for row, raw in frame.loc[bad | out_of_range, ["source_row", "progress_pct"]].itertuples(index=False):
            out.add(Problem(ERROR, "bad_progress", table.cell("progress_pct", row),
                            f"Izpilde „{_shown(raw)}” nav skaitlis no 0 līdz 100.",
                            f"Progress '{_shown(raw)}' is not a number from 0 to 100.",
                            "Ierakstiet procentus kā 40 vai 40%.", "Write the percentage as 40 or 40%."))
        m["progress_pct"] = pct.where(~out_of_range)
    else:
        m["progress_pct"] = pd.Series(float("nan"), index=frame.index)
    if "carried_forward" in frame:
        flags, bad = parsing.parse_flags(frame["carried_forward"], table.blank["carried_forward"])
        for row, raw in frame.loc[bad, ["source_row", "carried_forward"]].itertuples(index=False):
            out.add(Problem(ERROR, "bad_flag", table.cell("carried_forward", row),
                            f"„{_shown(raw)}” nav „jā” vai „nē”.", f"'{_shown(raw)}' is not 'yes' or 'no'.",
                            "Ierakstiet „jā” vai atstājiet tukšu.", "Write 'yes' or leave it empty."))
        m["carried_forward"] = flags
    else:
        m["carried_forward"] = False

    numbered = m[m["measure_no"] != ""]
    dup = numbered.duplicated(["plan_id", "measure_no"], keep=False)
    for (plan, number), rows in numbered[dup].groupby(["plan_id", "measure_no"])["source_row"]:
        cells = ", ".join(table.cell("measure_no", r) for r in rows)
        out.add(Problem(ERROR, "duplicate_measure", cells,
                        f"Pasākuma nr. „{number}” plānā „{plan}” atkārtojas ({len(rows)} reizes).",
                        f"Measure no. '{number}' appears {len(rows)} times in plan '{plan}'.",
                        "Katram pasākumam plānā jābūt unikālam numuram. Ja Excel „1.10” pārvērta par "
                        "„1.1”, formatējiet kolonnu kā tekstu.",
                        "Each measure needs a unique number within its plan. If Excel turned '1.10' "
                        "into '1.1', format the column as text."))
    return m, table


def _indicators(sheet: RawSheet, out: _Collector) -> pd.DataFrame | None:
    table = _table(sheet, INDICATORS, out, allow_years=True)
    if table is None:
        return None
    frame = table.frame
    # Text is cleaned once per sheet row, before a wide sheet repeats it for every
    # year (at 1M values, cleaning after the melt was a third of the validation).
    for key in INDICATOR_TEXT:
        frame[key] = _text(table, key)
    year_cols = [c for c in frame.columns if str(c).startswith("year:")]
    if year_cols and "year" not in table.columns and "value" not in table.columns:
        # Wide layout: one column per year -> one row per (indicator, area, year), year
        # by year as DataFrame.melt orders them, leaving out empty cells.
        ids = [c for c in frame.columns if not str(c).startswith("year:")]
        cells = frame[year_cols].to_numpy(dtype=object).ravel(order="F")
        keep = ~table.blank[year_cols].to_numpy(dtype=bool).ravel(order="F")
        row_at = np.tile(np.arange(len(frame)), len(year_cols))[keep]
        year_at = np.repeat(np.arange(len(year_cols)), len(frame))[keep]
        long = frame[ids].iloc[row_at].reset_index(drop=True)
        long["year"] = np.array([int(c[5:]) for c in year_cols], dtype="int64")[year_at]
        long["value"] = cells[keep]
        position = {c: table.sheet.first_col + j for j, c in enumerate(frame.columns)}
        long["value_col"] = np.array([position[c] for c in year_cols], dtype="int64")[year_at]
        frame = long
        present = pd.Series(False, index=frame.index)  # only filled cells were kept
        table = _Table(table.sheet, frame, {**table.columns, "year": -1, "value": -1}, table.header_row,
                       blank=pd.DataFrame({"year": present, "value": present}))
        wide = True
    else:
        wide = False
        if not _missing_columns(table, INDICATORS, out):
            return None
    for key in ("indicator", "area"):
        if key not in table.columns:
            _missing_columns(table, INDICATORS, out)
            return None

    def cell(key: str, row: int, value_col: int | None = None) -> str:
        if wide and key in ("value", "year") and value_col is not None:
            return f"{table.sheet.name}!{column_letter(value_col)}{row}"
        return table.cell(key, row)

    ind = pd.DataFrame(index=frame.index)
    ind["indicator"] = frame["indicator"]
    ind["indicator_en"] = frame["indicator_en"]
    ind["area"] = frame["area"]
    ind["unit"] = frame["unit"].replace("", "%")
    ind["source"] = frame["source"]
    ind["source_row"] = frame["source_row"]
    for key in ("indicator", "area"):
        _require(table, INDICATORS, key, ind[key] == "", out)

    blank_year = table.blank["year"]
    years, bad_year = parsing.parse_numbers(frame["year"], blank_year)
    implausible = years.notna() & ((years < parsing.MIN_YEAR) | (years > parsing.MAX_YEAR)
                                   | (years % 1 != 0))
    for row, raw in frame.loc[bad_year | implausible | blank_year, ["source_row", "year"]].itertuples(index=False):
        out.add(Problem(ERROR, "bad_year", cell("year", row),
                        f"Gads „{_shown(raw)}” nav derīgs (jābūt 1990–2100).",
                        f"Year '{_shown(raw)}' is not valid (must be 1990–2100).",
                        "Ierakstiet gadu ar četriem cipariem, piem. 2023.", "Write a four-digit year, e.g. 2023."))
    ind["year"] = years.where(~implausible).astype("Int64")

    blank_value = table.blank["value"]
    values, bad_value = parsing.parse_numbers(frame["value"], blank_value)
    cols = ["source_row", "value"] + (["value_col"] if wide else [])
    for rec in frame.loc[bad_value | blank_value, cols].itertuples(index=False):
        row, raw = rec[0], rec[1]
        place = cell("value", row, rec[2] if wide else None)
        out.add(Problem(ERROR, "bad_value", place,
                        f"Vērtība „{_shown(raw)}” nav skaitlis.", f"Value '{_shown(raw)}' is not a number.",
                        "Ierakstiet skaitli, piem. 29 vai 29,5.", "Enter a number, e.g. 29 or 29.5."))
    ind["value"] = values

    dup = ind.duplicated(["indicator", "area", "year"], keep=False) & ind["year"].notna()
    for (name, area, year), rows in ind[dup].groupby(["indicator", "area", "year"])["source_row"]:
        out.add(Problem(ERROR, "duplicate_indicator", ", ".join(cell("indicator", r) for r in rows),
                        f"Rādītājs „{name}” ({area}, {year}) ir norādīts vairākkārt (rindas {', '.join(map(str, rows))}).",
                        f"Indicator '{name}' ({area}, {year}) appears more than once (rows {', '.join(map(str, rows))}).",
                        "Atstājiet vienu vērtību katram rādītājam, teritorijai un gadam.",
                        "Keep one value per indicator, area and year."))
    return ind


def _schedule(sheet: RawSheet, out: _Collector) -> pd.DataFrame | None:
    table = _table(sheet, SCHEDULE, out)
    if table is None or not _missing_columns(table, SCHEDULE, out):
        return None
    frame = table.frame
    s = pd.DataFrame(index=frame.index)
    s["plan_id"] = _text(table, "plan_id")
    s["activity"] = _text(table, "activity")
    s["goal"] = _text(table, "goal")
    s["source_row"] = frame["source_row"]
    _require(table, SCHEDULE, "activity", s["activity"] == "", out)
    s["start_date"] = _dates(table, SCHEDULE, "start_date", out)
    _require(table, SCHEDULE, "start_date", table.blank["start_date"], out)
    s["end_date"] = _dates(table, SCHEDULE, "end_date", out)
    backwards = s["end_date"].notna() & s["start_date"].notna() & (s["end_date"] < s["start_date"])
    for row in s.loc[backwards, "source_row"]:
        out.add(Problem(ERROR, "end_before_start", table.cell("end_date", row),
                        "Beigu datums ir pirms sākuma.", "The end date is before the start.",
                        "Pārbaudiet abus datumus.", "Check both dates."))
    return s


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _sheet_notices(book: RawWorkbook, out: _Collector) -> None:
    """Say which sheet is read when a kind of sheet is hidden or appears twice."""
    for kind in ("measures", "indicators", "schedule"):
        used = book.by_kind(kind)
        if used is None:
            continue
        if not used.visible:
            out.add(Problem(NOTICE, "hidden_sheet", used.name,
                            f"Lapa „{used.name}” ir paslēpta, bet tā tiek nolasīta.",
                            f"Sheet '{used.name}' is hidden, but it is read.", "", ""))
        others = [s.name for s in book.sheets if s.kind == kind and s is not used]
        if others:
            names = ", ".join(f"„{n}”" for n in others)
            out.add(Problem(NOTICE, "duplicate_sheet", used.name,
                            f"Nolasīta lapa „{used.name}”; tāda paša veida lapa(s) {names} netiek nolasītas.",
                            f"Sheet '{used.name}' is read; the sheet(s) of the same kind {names} are not.",
                            "Atstājiet darbgrāmatā vienu šāda veida lapu.", "Keep one sheet of this kind."))


def _title_cells(table: _Table | None, book: RawWorkbook) -> list[tuple[str, str, bool]]:
    """(place, text, is_title_row) of the cells that may state the report's date or plan: the measures
    sheet's rows above its header, then the top of the sheets the format does not read (a cover)."""
    cells = []
    if table is not None:
        sheet = table.sheet
        for i, row in enumerate(table.above()):
            for j, value in enumerate(row):
                if isinstance(value, str) and value.strip():
                    cells.append((f"{sheet.name}!{column_letter(sheet.first_col + j)}{sheet.first_row + i + 1}",
                                  value, True))
    for sheet in book.sheets:
        if sheet.kind is None and sheet.name != ROUND_SHEET:
            for i, row in enumerate(sheet.rows):
                for j, value in enumerate(row):
                    if isinstance(value, str) and value.strip():
                        cells.append((f"{sheet.name}!{column_letter(sheet.first_col + j)}{sheet.first_row + i + 1}",
                                      value, False))
    return cells


def _quoted(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f"„{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def _title_date(cells: list[tuple[str, str, bool]]) -> tuple[dt.date, str, str] | None:
    """The report date announced in a title row or cover cell (``Stāvoklis uz …``); a title row of the
    measures sheet may also state it without the announcing word."""
    for need_announcement in (True, False):
        for place, text, is_title in cells:
            if not need_announcement and not is_title:
                continue
            found = titles.report_date_in(text, need_announcement)
            if found is not None:
                return found, place, text
    return None


def _report_date(measures: pd.DataFrame, given: dt.date | None, cells: list[tuple[str, str, bool]],
                 file_name: str, place: str, out: _Collector) -> tuple[dt.date | None, str, dt.date | None, str]:
    """The report date, in this order: a report-date column; the date given at upload; a title row or
    cover cell; the file name. A notice says where it came from."""
    column = None
    if measures["report_date"].notna().any():
        dates = measures["report_date"].dropna().dt.date.unique()
        column = max(dates)
        if len(dates) > 1:
            out.add(Problem(NOTICE, "several_report_dates", place,
                            f"Failā ir vairāki ziņojuma datumi; izmantots jaunākais ({column:%d.%m.%Y}).",
                            f"The file has several report dates; the latest ({column:%d.%m.%Y}) is used.", "", ""))
    if column is not None:
        if given is not None and given != column:
            out.add(Problem(NOTICE, "report_date_given", place,
                            f"Failā ziņojuma datums ir {column:%d.%m.%Y}. (kolonnā „Ziņojuma datums”); norādītais "
                            f"{given:%d.%m.%Y}. netiek izmantots.",
                            f"The file's report date is {column:%d.%m.%Y} (its 'Report date' column); the given "
                            f"{given:%d.%m.%Y} is not used.", "", ""))
        return column, "column", column, "column"
    title = _title_date(cells)
    named = next((f.value for f in titles.dates_in(file_name)), None)
    stated, stated_source = (title[0], "title") if title else (named, "file_name") if named else (None, "")
    if given is not None:
        if stated is not None and stated != given:
            out.add(Problem(NOTICE, "report_date_given", place,
                            f"Failā minēts datums {stated:%d.%m.%Y}., izmantots norādītais {given:%d.%m.%Y}.",
                            f"The file mentions {stated:%d.%m.%Y}; the given {given:%d.%m.%Y} is used.", "", ""))
        return given, "given", stated, stated_source
    if title is not None:
        value, where, text = title
        out.add(Problem(NOTICE, "report_date_source", where,
                        f"Ziņojuma datums {value:%d.%m.%Y}. nolasīts virsrakstā {_quoted(text)}.",
                        f"Report date {value:%d %b %Y} read from the title {_quoted(text)}.", "", ""))
        return value, "title", value, "title"
    if named is not None:
        out.add(Problem(NOTICE, "report_date_source", place,
                        f"Ziņojuma datums {named:%d.%m.%Y}. nolasīts faila nosaukumā „{file_name}”.",
                        f"Report date {named:%d %b %Y} read from the file name '{file_name}'.", "", ""))
        return named, "file_name", named, "file_name"
    return None, "", None, ""


def _plans(measures: pd.DataFrame, schedule: pd.DataFrame | None, given: str | None,
           cells: list[tuple[str, str, bool]], file_name: str, place: str, out: _Collector) -> str:
    """Fill the plan of rows that name none, in this order: the plan given at upload; a title row
    or cover cell (``Piektā … rīcības plāna 2022.–2025. gadam``); the file name. A plan column's own
    spellings of a plan (``Piektais plāns 2022-2025``) become the one id (``5. plāns 2022–2025``).
    Returns where the plan came from ("" when rows are still without one: ``store`` matches them)."""
    source = ""
    named = sorted(set(measures["plan_id"].unique()) - {""})
    for value in named:
        ref = titles.plan_in(value)
        if ref is not None and ref.pure and ref.plan_id != value:
            measures.loc[measures["plan_id"] == value, "plan_id"] = ref.plan_id
            if schedule is not None:
                schedule.loc[schedule["plan_id"] == value, "plan_id"] = ref.plan_id
            out.add(Problem(NOTICE, "plan_normalised", place,
                            f"Plāns „{value}” nolasīts kā „{ref.plan_id}”.", f"Plan '{value}' is read as '{ref.plan_id}'.",
                            "", ""))
    if named:
        source = "column"
    unnamed = measures["plan_id"] == ""
    if not unnamed.any():
        if given and named and named != [given]:
            out.add(Problem(NOTICE, "plan_given_ignored", place,
                            f"Fails pats norāda plānu ({', '.join(named)}); norādītais „{given}” netiek izmantots.",
                            f"The file names its plan ({', '.join(named)}); the given '{given}' is not used.", "", ""))
        return source
    plan = None
    if given:
        plan, source = given, "given"
    else:
        for where, text, _ in cells:
            ref = titles.plan_in(text)
            if ref is not None:
                plan, source = ref.plan_id, "title"
                out.add(Problem(NOTICE, "plan_source", where,
                                f"Plāns „{plan}” nolasīts virsrakstā {_quoted(text)}.",
                                f"Plan '{plan}' read from the title {_quoted(text)}.", "", ""))
                break
        if plan is None:
            ref = titles.plan_in_file_name(file_name)
            if ref is not None:
                plan, source = ref.plan_id, "file_name"
                out.add(Problem(NOTICE, "plan_source", place,
                                f"Plāns „{plan}” nolasīts faila nosaukumā „{file_name}”.",
                                f"Plan '{plan}' read from the file name '{file_name}'.", "", ""))
    if plan is not None:
        measures.loc[unnamed, "plan_id"] = plan
        if schedule is not None:
            schedule.loc[schedule["plan_id"] == "", "plan_id"] = plan
    return source if plan is not None or named else ""


@dataclass
class SheetCheck:
    """One sheet validated before the rest of its workbook is read (``validate_early``)."""

    sheet: RawSheet
    frame: pd.DataFrame | None
    out: _Collector


def validate_early(sheets: list[RawSheet]) -> SheetCheck | None:
    """Validate the trust indicators among ``sheets`` (the workbook's other sheets, parsed
    while its measures sheet still is); ``validate(..., early=)`` then uses the result.

    The indicators are the one sheet checked on its own: nothing in them depends on the
    measures, and their problems join the others in the order ``validate`` adds them.
    """
    sheet = RawWorkbook(sheets).by_kind("indicators")
    if sheet is None:
        return None
    out = _Collector()
    return SheetCheck(sheet, _indicators(sheet, out), out)


def validate(book: RawWorkbook, report_date: dt.date | None = None, plan_id: str | None = None,
             file_name: str = "", early: SheetCheck | None = None) -> tuple[Clean | None, list[Problem]]:
    """Check every sheet; return clean frames (None when any error) and all problems.

    A workbook needs at least one sheet the format knows. Without a measures sheet it updates only
    what it holds (the trust indicators, a schedule): the plans' measures stay as published.
    The report date and the plan come from the file itself when it states them (a column, its
    title rows, a cover sheet, its name) or from what the analyst gives (``report_date``,
    ``plan_id``); rows still without a plan have ``plan_id == ""`` and ``store`` finds their plan.
    ``early`` is ``validate_early`` of some of the book's sheets, done beforehand.
    """
    out = _Collector()
    measures_sheet = book.by_kind("measures")
    ind_sheet, sched_sheet = book.by_kind("indicators"), book.by_kind("schedule")
    if measures_sheet is None and ind_sheet is None and sched_sheet is None:
        names = ", ".join(f"„{s.name}”" for s in book.sheets) or "—"
        out.add(Problem(ERROR, "no_measures_sheet", "darbgrāmata / workbook",
                        f"Nav lapas „Pasākumi” vai „Rādītāji” (atrastās lapas: {names}).",
                        f"No 'Measures' or 'Indicators' sheet (sheets found: {names}).",
                        "Pārdēvējiet pasākumu lapu par „Pasākumi” vai „Measures” (uzticēšanās rādītājiem: "
                        "„Rādītāji”).",
                        "Rename the measures sheet to 'Pasākumi' or 'Measures' (trust indicators: 'Indicators')."))
        return None, out.finish()
    _sheet_notices(book, out)
    measures, table = _measures(measures_sheet, out) if measures_sheet is not None else (None, None)
    if ind_sheet and early is not None and early.sheet is ind_sheet:
        out.merge(early.out)
        indicators = early.frame
    else:
        indicators = _indicators(ind_sheet, out) if ind_sheet else None
    schedule = _schedule(sched_sheet, out) if sched_sheet else None
    if measures_sheet is None:
        kept = [label for sheet, label in ((ind_sheet, "rādītāji / indicators"), (sched_sheet, "grafiks / schedule"))
                if sheet is not None]
        out.add(Problem(NOTICE, "no_measures", "darbgrāmata / workbook",
                        "Failā nav pasākumu lapas: tiks atjaunots tikai " + ", ".join(k.split(" / ")[0] for k in kept)
                        + "; plānu pasākumi paliek, kā publicēti.",
                        "The file has no measures sheet: only its " + ", ".join(k.split(" / ")[1] for k in kept)
                        + " will be updated; the plans' measures stay as published.", "", ""))
    ignored = [s.name for s in book.sheets if s.kind is None and s.name != ROUND_SHEET]
    if ignored:
        out.add(Problem(NOTICE, "ignored_sheets", "darbgrāmata / workbook",
                        "Šīs lapas netiek nolasītas: " + ", ".join(ignored) + ".",
                        "These sheets are not read: " + ", ".join(ignored) + ".", "", ""))
    cells = _title_cells(table, book)
    date, date_source, plan_source = report_date, "given" if report_date else "", ""
    stated, stated_source = None, ""
    if measures is not None:
        place = measures_sheet.name
        date, date_source, stated, stated_source = _report_date(measures, report_date, cells, file_name, place, out)
        plan_source = _plans(measures, schedule, plan_id, cells, file_name, place, out)
        if date is None:
            out.add(Problem(ERROR, "no_report_date", place,
                            "Nav norādīts ziņojuma datums.", "No report date is given.",
                            "Pievienojiet kolonnu „Ziņojuma datums” vai virsrakstu „Stāvoklis uz 2025. gada "
                            "27. martu”, vai norādiet datumu augšupielādējot (--report-date).",
                            "Add a 'Report date' column or a title 'Status as of 27 March 2025', or give the "
                            "date when uploading (--report-date)."))
    elif schedule is not None and plan_id:
        schedule.loc[schedule["plan_id"] == "", "plan_id"] = plan_id
    problems = out.finish()
    if any(p.is_error for p in problems):
        return None, problems
    clean = Clean(
        measures=measures.drop(columns=["report_date"])[MEASURE_COLUMNS] if measures is not None
        else _empty(MEASURE_COLUMNS),
        indicators=indicators[INDICATOR_COLUMNS] if indicators is not None else _empty(INDICATOR_COLUMNS),
        schedule=schedule[SCHEDULE_COLUMNS] if schedule is not None else _empty(SCHEDULE_COLUMNS),
        report_date=date,
        ignored_sheets=ignored,
        report_date_source=date_source,
        plan_source=plan_source,
        stated_date=stated,
        stated_date_source=stated_source,
        measure_cells={key: f"{table.sheet.name}!{column_letter(col)}" for key, col in table.columns.items()}
        if table is not None else {},
        round_tag=round_tag(book),
    )
    return clean, problems


def round_tag(book: RawWorkbook) -> dict[str, str]:
    """The key/value rows of a collection round's hidden sheet ({} in an ordinary export)."""
    sheet = next((s for s in book.sheets if s.name == ROUND_SHEET), None)
    if sheet is None:
        return {}
    tag = {}
    for row in sheet.rows:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            tag[row[0].strip()] = _shown(row[1]).strip() if row[1] is not None else ""
    return tag
