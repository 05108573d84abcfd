"""Validation: raw sheets -> clean frames plus cell-precise problems.

Errors block the load; notices are shown but do not. Every problem names its
cell (``Pasākumi!H12``) and says, in Latvian and English, what is wrong and
how to fix it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import parsing
from .problems import ERROR, NOTICE, Problem
from .reader import RawSheet, RawWorkbook, column_letter
from .spec import INDICATORS, MEASURES, SCHEDULE, STATUS_LABELS, SheetSpec, header_ranks
from .textnorm import fold

HEADER_SCAN_ROWS = 30
MAX_PROBLEMS_PER_KIND = 50

MEASURE_COLUMNS = ["plan_id", "commitment_no", "commitment_title", "measure_no", "measure_title",
                   "lead_institution", "partner_institutions", "status_label", "status_group",
                   "start_date", "deadline_date", "progress_note", "progress_pct", "source_row"]
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
    return _Table(sheet, frame, columns, header_row, header_cells, blank)


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


def _measures(sheet: RawSheet, out: _Collector) -> pd.DataFrame | None:
    table = _table(sheet, MEASURES, out)
    if table is None or not _missing_columns(table, MEASURES, out):
        return None
    frame = table.frame
    if frame.empty:
        out.add(Problem(ERROR, "no_rows", sheet.name, f"Lapā „{sheet.name}” nav neviena pasākuma.",
                        f"Sheet '{sheet.name}' has no measures.",
                        "Pievienojiet pasākumu rindas zem virsrakstu rindas.",
                        "Add measure rows below the header row."))
        return None
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
    m["commitment_no"] = parsing.number_label(frame["commitment_no"])
    m["commitment_title"] = _text(table, "commitment_title")
    m["measure_no"] = parsing.number_label(frame["measure_no"])
    m["measure_title"] = _text(table, "measure_title")
    m["lead_institution"] = _text(table, "lead_institution")
    m["partner_institutions"] = parsing.split_institutions(_text(table, "partner_institutions"))
    m["progress_note"] = _text(table, "progress_note")
    m["source_row"] = frame["source_row"]

    for key in ("commitment_no", "commitment_title", "measure_no", "measure_title",
                "lead_institution"):
        _require(table, MEASURES, key, m[key] == "", out)

    label, group, unknown = parsing.parse_statuses(frame["status"])
    m["status_label"], m["status_group"] = label, group
    _require(table, MEASURES, "status", label == "", out)
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
    return m


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


def _apply_plan(measures: pd.DataFrame, schedule: pd.DataFrame | None, plan_id: str | None, place: str,
                out: _Collector) -> None:
    """The plan given at upload fills the rows that name none; the file's own plan column wins."""
    if not plan_id:
        return
    unnamed = measures["plan_id"] == ""
    named = sorted(set(measures.loc[~unnamed, "plan_id"]))
    if named and named != [plan_id]:
        out.add(Problem(NOTICE, "plan_given_ignored", place,
                        f"Fails pats norāda plānu ({', '.join(named)}); norādītais „{plan_id}” izmantots tikai "
                        "rindām bez plāna.",
                        f"The file names its plan ({', '.join(named)}); the given '{plan_id}' is used only for "
                        "rows without one.", "", ""))
    measures.loc[unnamed, "plan_id"] = plan_id
    if schedule is not None:
        schedule.loc[schedule["plan_id"] == "", "plan_id"] = plan_id


def validate(book: RawWorkbook, report_date: dt.date | None = None,
             plan_id: str | None = None) -> tuple[Clean | None, list[Problem]]:
    """Check every sheet; return clean frames (None when any error) and all problems.

    A workbook needs at least one sheet the format knows. Without a measures sheet it updates only
    what it holds (the trust indicators, a schedule): the plans' measures stay as published.
    ``plan_id`` fills the rows that name no plan; rows still without one have ``plan_id == ""``
    and ``store`` finds their plan (or asks for it).
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
    measures = _measures(measures_sheet, out) if measures_sheet is not None else None
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
    ignored = [s.name for s in book.sheets if s.kind is None]
    if ignored:
        out.add(Problem(NOTICE, "ignored_sheets", "darbgrāmata / workbook",
                        "Šīs lapas netiek nolasītas: " + ", ".join(ignored) + ".",
                        "These sheets are not read: " + ", ".join(ignored) + ".", "", ""))
    if measures is not None:
        _apply_plan(measures, schedule, plan_id, measures_sheet.name, out)
    elif schedule is not None and plan_id:
        schedule.loc[schedule["plan_id"] == "", "plan_id"] = plan_id

    file_date = None
    if measures is not None and measures["report_date"].notna().any():
        dates = measures["report_date"].dropna().dt.date.unique()
        file_date = max(dates)
        if len(dates) > 1:
            out.add(Problem(NOTICE, "several_report_dates", f"{measures_sheet.name}",
                            f"Failā ir vairāki ziņojuma datumi; izmantots jaunākais ({file_date:%d.%m.%Y}).",
                            f"The file has several report dates; the latest ({file_date:%d.%m.%Y}) is used.",
                            "", ""))
    if measures is not None and report_date is None and file_date is None:
        out.add(Problem(ERROR, "no_report_date", measures_sheet.name,
                        "Nav norādīts ziņojuma datums.", "No report date is given.",
                        "Pievienojiet kolonnu „Ziņojuma datums” vai norādiet datumu augšupielādējot "
                        "(--report-date).",
                        "Add a 'Report date' column or give the date when uploading (--report-date)."))
    if report_date is not None and file_date is not None and report_date != file_date:
        out.add(Problem(NOTICE, "report_date_given", measures_sheet.name,
                        f"Failā ziņojuma datums ir {file_date:%d.%m.%Y}; izmantots norādītais "
                        f"{report_date:%d.%m.%Y}.",
                        f"The file's report date is {file_date:%d.%m.%Y}; the given {report_date:%d.%m.%Y} "
                        "is used.", "", ""))
    problems = out.finish()
    if any(p.is_error for p in problems):
        return None, problems
    clean = Clean(
        measures=measures.drop(columns=["report_date"])[MEASURE_COLUMNS] if measures is not None
        else _empty(MEASURE_COLUMNS),
        indicators=indicators[INDICATOR_COLUMNS] if indicators is not None else _empty(INDICATOR_COLUMNS),
        schedule=schedule[SCHEDULE_COLUMNS] if schedule is not None else _empty(SCHEDULE_COLUMNS),
        report_date=report_date or file_date,
        ignored_sheets=ignored,
    )
    return clean, problems
