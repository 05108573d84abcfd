"""All user-facing strings, Latvian first, and Latvian/English number and date formats.

Strings live in the modules of this package, one per area of the app, each a
dict ``key -> (lv, en)``; ``t(key, lang)`` looks them up. Keys must be unique
across the modules (checked at import).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from . import charts, common, deck, measure, open_data, rounds, upload, views

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"

_MODULES = [common, charts, views, deck, upload, measure, rounds, open_data]


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in _MODULES:
        for key, pair in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"duplicate string key {key!r} in {module.__name__}")
            merged[key] = pair
    return merged


STRINGS = _merge()


def register(module) -> None:
    """Add an area's strings (used by modules added after this one)."""
    for key, pair in module.STRINGS.items():
        if key in STRINGS and STRINGS[key] != pair:
            raise KeyError(f"duplicate string key {key!r} in {module.__name__}")
        STRINGS[key] = pair


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string for ``key`` in ``lang``, formatted with ``values``."""
    lv, en = STRINGS[key]
    text = en if lang == "en" else lv
    return text.format(**values) if values else text


STATUS_KEYS = {"advanced": "status.advanced", "in_progress": "status.in_progress",
               "not_started": "status.not_started", "withdrawn": "status.withdrawn"}


def status_label(group: str, lang: str = DEFAULT_LANG) -> str:
    key = STATUS_KEYS.get(group)
    return t(key, lang) if key else str(group)


def fmt_number(value: float | int | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """``1234.5`` -> ``1 234,5`` (lv) or ``1,234.5`` (en); None/NaN -> ``–``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def fmt_pct(value: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else (
        fmt_number(value, lang, decimals) + ("\u00a0%" if lang == "lv" else "%"))


def fmt_date(value: dt.date | dt.datetime | pd.Timestamp | None, lang: str = DEFAULT_LANG) -> str:
    """``dd.mm.yyyy.`` style in Latvian (``27.03.2025.``), ``27 Mar 2025`` in English."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if lang == "en":
        return value.strftime("%d %b %Y").lstrip("0")
    return value.strftime("%d.%m.%Y.")


_LV_MONTHS = {  # accusative ("uz 31. martu") and dative ("līdz 20. martam") of each month
    "acc": ("janvāri", "februāri", "martu", "aprīli", "maiju", "jūniju", "jūliju", "augustu", "septembri",
            "oktobri", "novembri", "decembri"),
    "dat": ("janvārim", "februārim", "martam", "aprīlim", "maijam", "jūnijam", "jūlijam", "augustam",
            "septembrim", "oktobrim", "novembrim", "decembrim"),
}


def fmt_date_words(value: dt.date, lang: str = DEFAULT_LANG, case: str = "acc") -> str:
    """A date in words, as the council's documents write it: ``2026. gada 31. martu`` (``case="acc"``,
    after "uz") or ``2026. gada 20. martam`` (``"dat"``, after "līdz"); ``31 March 2026`` in English."""
    if lang == "en":
        return f"{value.day} {value:%B %Y}"
    return f"{value.year}. gada {value.day}. {_LV_MONTHS[case][value.month - 1]}"


def fmt_datetime(value, lang: str = DEFAULT_LANG, seconds: bool = False) -> str:
    """``05.12.2026. 08:21`` in Latvian, ``5 Dec 2026 08:21`` in English (the same dates as ``fmt_date``)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "–"
    stamp = pd.Timestamp(value)
    clock = stamp.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{fmt_date(stamp.date(), lang)} {clock}"


def plural_lv(n: int, one: str, many: str, gen: str) -> str:
    """Latvian number agreement: 1 pasākums, 2 pasākumi, 21 pasākums, 11 pasākumu, 20 pasākumu.

    The singular after numbers ending in 1 except 11; the genitive plural after
    the indeclinable numerals (11-19, round tens, 0); the nominative plural
    otherwise.
    """
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 11 <= n % 100 <= 19 or n % 10 == 0:
        return gen
    return many
