"""Vectorised cell parsers: dates, numbers, statuses and numbering.

Each parser takes a pandas Series of raw cell values (as the reader returns
them: str, float, int, bool, date or datetime, with "" for an empty cell) and
returns the parsed Series plus a boolean mask of cells that were present but
could not be parsed. Work is done per unique value or with pandas string
methods, never in a per-row Python loop over the whole column.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .spec import STATUS_LOOKUP
from .textnorm import fold

MIN_YEAR = 1990
MAX_YEAR = 2100
EXCEL_EPOCH = pd.Timestamp("1899-12-30")

# Latvian month stems (diacritics folded) in any grammatical case, plus English.
_MONTHS = {
    "janv": 1, "febr": 2, "mart": 3, "apr": 4, "maij": 5, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
    "jan": 1, "feb": 2, "mar": 3, "may": 5, "sep": 9, "oct": 10,
}
_MONTH_STEMS = sorted(_MONTHS, key=len, reverse=True)


def is_blank(values: pd.Series) -> pd.Series:
    """True where a cell is empty (None, NaN or only white space)."""
    as_text = values.astype("string").str.strip()
    return (values.isna() | as_text.isna() | (as_text == "")).astype(bool)


def _month_number(word: str) -> int | None:
    for stem in _MONTH_STEMS:
        if word.startswith(stem):
            return _MONTHS[stem]
    return None


def _parse_date_text(text: str) -> dt.date | None:
    """One distinct text value -> date (called once per unique string)."""
    s = text.strip().rstrip(".").strip()
    if not s:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%Y.%m.%d", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y."):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    # "2025. gada 31. decembris", "2025.gada 27.marts", "31. decembris 2025", "31 December 2025"
    words = fold(s.replace(".", " . ")).split()
    numbers = [w for w in words if w.isdigit()]
    month = next((m for w in words if not w.isdigit() and w != "gada"
                  and (m := _month_number(w)) is not None), None)
    if month is None or len(numbers) != 2:
        return None
    year = next((int(n) for n in numbers if len(n) == 4), None)
    day = next((int(n) for n in numbers if len(n) <= 2), None)
    if year is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Mixed date cells -> (datetime64 Series, mask of unparseable cells).

    Accepts Excel dates, Excel serial numbers, ISO text, ``dd.mm.yyyy`` and the
    Latvian long form (``2025. gada 31. decembris``). Dates outside
    1990-2100 count as unparseable: they are typing mistakes, not plans.
    """
    blank = is_blank(values)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    present = values[~blank]
    if present.empty:
        return out, pd.Series(False, index=values.index)

    kinds = present.map(type)
    is_temporal = kinds.isin([dt.date, dt.datetime, pd.Timestamp])
    is_number = kinds.isin([int, float, np.float64, np.int64]) & ~kinds.isin([bool])
    is_text = kinds.isin([str])

    if is_temporal.any():
        out[is_temporal[is_temporal].index] = pd.to_datetime(present[is_temporal]).astype("datetime64[us]")
    if is_number.any():
        serial = pd.to_numeric(present[is_number], errors="coerce")
        serial = serial.where((serial > 0) & (serial < 2958466))
        out[serial.index] = (EXCEL_EPOCH + pd.to_timedelta(serial.round(), unit="D")).astype("datetime64[us]")
    if is_text.any():
        text = present[is_text].astype(str)
        parsed = {u: _parse_date_text(u) for u in text.unique()}
        out[text.index] = pd.to_datetime(text.map(parsed)).astype("datetime64[us]")

    years = out.dt.year
    implausible = out.notna() & ((years < MIN_YEAR) | (years > MAX_YEAR))
    out = out.mask(implausible)
    bad = ~blank & out.isna()
    return out, bad


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Number cells -> (float Series, mask of unparseable cells).

    Text like ``29%``, ``29,5``, ``1 234,5`` (with a no-break space) is read as
    a number; booleans and other text are not.
    """
    blank = is_blank(values)
    kinds = values.map(type)
    numeric = pd.to_numeric(values.where(kinds.isin([int, float, np.float64, np.int64])),
                            errors="coerce")
    text_mask = kinds.isin([str]) & ~blank
    if text_mask.any():
        cleaned = (values[text_mask].astype(str).str.strip()
                   .str.replace(r"[\s\u00a0\u202f%]", "", regex=True)
                   .str.replace(",", ".", regex=False))
        numeric[text_mask] = pd.to_numeric(cleaned, errors="coerce")
    numeric = numeric.astype("float64")
    bad = ~blank & numeric.isna()
    return numeric, bad


def number_label(values: pd.Series) -> pd.Series:
    """Measure/commitment numbers as display text: ``1.1`` not ``1.1000001``.

    Floats are shown with Excel's 15 significant digits, so binary noise from
    a formula (``1.2000000000000002``) disappears (``1.2``, ``2``); text is
    trimmed and loses a trailing dot (``"1.1."`` -> ``"1.1"``).
    """
    def one(v: object) -> str:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return ""
        if isinstance(v, bool):
            return str(v)
        if isinstance(v, float):
            return str(int(v)) if v.is_integer() else f"{v:.15g}"
        if isinstance(v, int):
            return str(v)
        s = " ".join(str(v).split())
        return s[:-1].rstrip() if s.endswith(".") else s

    uniques = pd.unique(values.astype(object))
    mapping = {u: one(u) for u in uniques}
    return values.astype(object).map(mapping).astype("str")


def parse_statuses(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Status cells -> (original label, status_group, mask of unknown statuses)."""
    label = values.astype("string").str.strip().str.replace(r"\s+", " ", regex=True)
    blank = label.isna() | (label == "")
    mapping = {u: STATUS_LOOKUP.get(fold(u)) for u in label.dropna().unique()}
    group = label.map(mapping)
    unknown = ~blank & group.isna()
    return label.fillna(""), group, unknown


def split_institutions(values: pd.Series) -> pd.Series:
    """``"FM; VARAM, VK"`` -> ``["FM", "VARAM", "VK"]`` (empty list when blank)."""
    text = values.astype("string").fillna("")
    uniques = text.unique()
    mapping = {u: [p.strip() for p in str(u).replace(";", ",").split(",") if p.strip()]
               for u in uniques}
    return text.map(mapping)
