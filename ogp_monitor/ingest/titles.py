"""What a report says about itself in words: its date and its plan, from title rows, a cover sheet
or the file name, the way the State Chancellery's own tables are headed.

    Piektā nacionālā atvērtās pārvaldības rīcības plāna 2022.–2025. gadam izpilde
    Stāvoklis uz 2025. gada 27. martu

gives the plan ``5. plāns 2022–2025`` and the date 27 March 2025. Pure text functions: the
validator decides where to look and which source wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .textnorm import fold

# Month stems (diacritics folded) in any grammatical case: "martu", "martā", "marta", "marts".
_MONTHS = {
    "janv": 1, "febr": 2, "mart": 3, "apr": 4, "maij": 5, "jun": 6, "jul": 7, "aug": 8, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12, "jan": 1, "feb": 2, "mar": 3, "may": 5, "sep": 9, "oct": 10,
}
_MONTH_STEMS = sorted(_MONTHS, key=len, reverse=True)
# Words that announce a report date within a few words before it.
_DATE_TRIGGERS = {"uz", "stavoklis", "stavokli", "izpildi", "izpilde", "zinojums", "zinojuma", "datums",
                  "of", "at", "status", "report", "date", "situacija"}
_TRIGGER_REACH = 4  # words between the trigger and the date

_LV_ORDINALS = {"pirm": 1, "otr": 2, "tres": 3, "ceturt": 4, "piekt": 5, "sest": 6, "septit": 7,
                "astot": 8, "devit": 9, "desmit": 10}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10}
_PLAN_WORD = re.compile(r"^(plan|plans|plana|planu|plani|planam)$")
# Words a plan's name may hold besides its number, its years and the word "plan": a value made only
# of these is a plan reference and is normalised; anything else ("8. plāns A") is kept as written.
_PLAN_FILLER = {"nacionalais", "nacionala", "nacionalo", "latvijas", "atvertas", "atverta", "parvaldibas",
                "ricibas", "gadam", "gadiem", "gads", "national", "action", "open", "government", "for", "the",
                "of", "latvia", "latvia s", "s", "th", "st", "nd", "rd", "ogp", "izpilde", "lidz"}


def _month(word: str) -> int | None:
    for stem in _MONTH_STEMS:
        if word.startswith(stem):
            return _MONTHS[stem]
    return None


def _day_month_year(day: str, month: int | None, year: str) -> dt.date | None:
    if month is None:
        return None
    try:
        value = dt.date(int(year), month, int(day))
    except ValueError:
        return None
    return value if 1990 <= value.year <= 2100 else None


@dataclass(frozen=True)
class FoundDate:
    value: dt.date
    announced: bool  # a word such as "uz", "stāvoklis", "as of" stands just before it


def dates_in(text: object) -> list[FoundDate]:
    """Every full date (day, month and year) written in ``text``, in order.

    Forms: ``27.03.2025``, ``27/03/2025``, ``2025-03-27``, ``2025. gada 27. martu`` (any case of the
    month), ``27. martā 2025``, ``27 March 2025``, ``March 27, 2025``. A lone year or a span of
    years (``2022.–2025. gadam``) is not a date.
    """
    words = fold(text).split()
    found: list[FoundDate] = []
    i = 0
    while i < len(words):
        w = words[i:i + 4]
        value, used = None, 0
        if len(w) >= 3 and w[0].isdigit() and w[1].isdigit() and w[2].isdigit():
            if len(w[0]) <= 2 and len(w[1]) <= 2 and len(w[2]) == 4:  # 27 03 2025
                value, used = _day_month_year(w[0], int(w[1]) if 1 <= int(w[1]) <= 12 else None, w[2]), 3
            elif len(w[0]) == 4 and len(w[1]) <= 2 and len(w[2]) <= 2:  # 2025 03 27
                value, used = _day_month_year(w[2], int(w[1]) if 1 <= int(w[1]) <= 12 else None, w[0]), 3
        if value is None and len(w) >= 4 and len(w[0]) == 4 and w[0].isdigit() and w[1] == "gada" \
                and w[2].isdigit() and len(w[2]) <= 2:  # 2025 gada 27 martu
            value, used = _day_month_year(w[2], _month(w[3]), w[0]), 4
        if value is None and len(w) >= 3 and w[0].isdigit() and len(w[0]) <= 2 and w[2].isdigit() \
                and len(w[2]) == 4:  # 27 martā 2025, 27 March 2025
            value, used = _day_month_year(w[0], _month(w[1]), w[2]), 3
        if value is None and len(w) >= 3 and not w[0].isdigit() and w[1].isdigit() and len(w[1]) <= 2 \
                and w[2].isdigit() and len(w[2]) == 4:  # March 27 2025
            value, used = _day_month_year(w[1], _month(w[0]), w[2]), 3
        if value is not None:
            before = words[max(0, i - _TRIGGER_REACH):i]
            found.append(FoundDate(value, any(b in _DATE_TRIGGERS for b in before)))
            i += used
        else:
            i += 1
    return found


def report_date_in(text: object, need_announcement: bool = True) -> dt.date | None:
    """The report date a title states (``Stāvoklis uz 2025. gada 27. martu``), or None.

    With ``need_announcement`` only a date announced by a word such as "uz" or "as of" counts, so
    a cover sheet's "MK sēdē 15.10.2024." is not taken for the report's date.
    """
    for found in dates_in(text):
        if found.announced or not need_announcement:
            return found.value
    return None


@dataclass(frozen=True)
class PlanRef:
    """A plan named in words: its number and, when given, its years."""

    number: int
    first_year: int | None = None
    last_year: int | None = None
    pure: bool = False  # the text was only the plan's name (no other words)

    @property
    def plan_id(self) -> str:
        """The one spelling the dashboard uses: ``5. plāns 2022–2025`` (or ``5. plāns``)."""
        years = f" {self.first_year}–{self.last_year}" if self.first_year and self.last_year else ""
        return f"{self.number}. plāns{years}"


def plan_in(text: object) -> PlanRef | None:
    """The plan a text names: ``Piektā … rīcības plāna 2022.–2025. gadam``, ``5. plāns 2022–2025``,
    ``Fifth National Action Plan 2022-2025``, ``6th plan``. None when it names no plan."""
    words = fold(text).split()
    at = next((i for i, w in enumerate(words) if _PLAN_WORD.match(w)), None)
    if at is None:
        return None
    number = None
    for w in reversed(words[max(0, at - 7):at]):
        if w.isdigit() and len(w) <= 2:
            number = int(w)
        else:
            stem = re.match(r"^(\d{1,2})(st|nd|rd|th)$", w)
            number = int(stem.group(1)) if stem else next(
                (n for s, n in _LV_ORDINALS.items() if w.startswith(s)), _EN_ORDINALS.get(w))
        if number:
            break
    if not number:
        return None
    years = [int(w) for w in words if w.isdigit() and len(w) == 4 and 1990 <= int(w) <= 2100]
    first = last = None
    for a, b in zip(years, years[1:]):
        if a < b <= a + 10:
            first, last = a, b
            break
    rest = [w for w in words if not w.isdigit() and not _PLAN_WORD.match(w) and w not in _PLAN_FILLER
            and not any(w.startswith(s) for s in _LV_ORDINALS) and w not in _EN_ORDINALS
            and not re.match(r"^\d{1,2}(st|nd|rd|th)$", w)]
    return PlanRef(number, first, last, pure=not rest)


def plan_in_file_name(name: str) -> PlanRef | None:
    """``ogp_5-plans_2025-12-15.xlsx``, ``plans5``, ``5th_plan``: the plan number in a file name."""
    text = fold(re.sub(r"[_\-.]", " ", name))
    found = plan_in(text)
    if found is not None:
        return PlanRef(found.number, found.first_year, found.last_year)
    match = re.search(r"\bplans?\s*(\d{1,2})\b", text)
    return PlanRef(int(match.group(1))) if match else None


def same_plan(ref: PlanRef, known: list[str]) -> str | None:
    """The known plan id with the same number (``6. plāns 2026–2027`` for "Sestā … 2026.–2029."), or None."""
    for plan_id in known:
        other = plan_in(plan_id)
        if other is not None and other.number == ref.number:
            return plan_id
    return None
