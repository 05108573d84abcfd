"""Which plan a report belongs to, when the file does not say.

Pure: the current measures of the known plans are passed in by ``store``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

MATCH_SHARE = 0.5  # more than half of the file's measures must be found, by number and title, in one plan


@dataclass(frozen=True)
class PlanMatch:
    plan_id: str
    n_matched: int
    n_measures: int


def _title_key(text: object) -> str:
    """Titles compared as a person would: case and runs of white space do not matter."""
    return " ".join(str(text).split()).casefold()


def match_plan(measures: pd.DataFrame, known: pd.DataFrame) -> PlanMatch | None:
    """The known plan whose measures these are: most measure numbers with an equal title.

    ``measures`` and ``known`` have ``measure_no`` and ``measure_title``; ``known`` also ``plan_id``.
    None when no plan holds more than half of the file's measures (then a person must choose).
    """
    if measures.empty or known.empty:
        return None
    mine = set(zip(measures["measure_no"].astype(str), measures["measure_title"].map(_title_key)))
    theirs = pd.DataFrame({"plan_id": known["plan_id"], "key": list(zip(
        known["measure_no"].astype(str), known["measure_title"].map(_title_key)))})
    hits = theirs[theirs["key"].isin(mine)].groupby("plan_id")["key"].nunique().sort_values(ascending=False)
    if hits.empty:
        return None
    best, n = str(hits.index[0]), int(hits.iloc[0])
    if n <= MATCH_SHARE * len(mine) or (len(hits) > 1 and int(hits.iloc[1]) == n):
        return None
    return PlanMatch(best, n, len(mine))
