"""The state of a plan in a few plain sentences, Latvian or English, from query results only.

``summary_facts`` gathers what the sentences may say (status counts, the changes
since the previous published report, overdue measures) from named queries;
``sentences`` words them. Every number in a sentence is a count of rows that a
query returned, so nothing is invented. Pure on the connection: the pages call
it through a cached wrapper, the deck and the CLI directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..i18n import fmt_date, plural_lv, t
from ..store import db

NUMBER_WORDS = {
    "lv": ("nulle", "viens", "divi", "trīs", "četri", "pieci", "seši", "septiņi", "astoņi", "deviņi", "desmit"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
# How a measure's new status is told, by status group before -> after: (singular, plural) per language.
# Latvian participles agree with "pasākums" (masculine): singular after 1, 21, 31 ... (not 11).
STATUS_PHRASES = {
    "advanced": {"lv": ("pabeigts vai ar būtisku progresu", "pabeigti vai ar būtisku progresu"),
                 "en": ("completed or substantially advanced", "completed or substantially advanced")},
    "in_progress": {"lv": ("uzsākts un izpilde ir procesā", "uzsākti un izpilde ir procesā"),
                    "en": ("in progress", "in progress")},
    "not_started": {"lv": ("nav uzsākts", "nav uzsākti"), "en": ("not started", "not started")},
    "withdrawn": {"lv": ("atsaukts", "atsaukti"), "en": ("withdrawn", "withdrawn")},
}
CHANGE_PHRASES = {
    ("not_started", "in_progress"): {"lv": ("uzsākts", "uzsākti"), "en": ("has started", "have started")},
    ("*", "advanced"): {"lv": STATUS_PHRASES["advanced"]["lv"],
                        "en": ("has been completed or substantially advanced",
                               "have been completed or substantially advanced")},
    ("*", "in_progress"): {"lv": ("atkal statusā „Uzsākts, izpilde procesā”", "atkal statusā „Uzsākts, izpilde procesā”"),
                           "en": ("is back in progress", "are back in progress")},
    ("*", "not_started"): {"lv": ("atkal statusā „Nav uzsākts”", "atkal statusā „Nav uzsākts”"),
                           "en": ("is back to not started", "are back to not started")},
    ("*", "withdrawn"): {"lv": ("atsaukts", "atsaukti"), "en": ("has been withdrawn", "have been withdrawn")},
    ("same", "same"): {"lv": ("ar precizētu statusu", "ar precizētu statusu"),
                       "en": ("has a refined status label", "have a refined status label")},
}
CHANGE_ORDER = [("*", "advanced"), ("not_started", "in_progress"), ("*", "in_progress"), ("*", "not_started"),
                ("*", "withdrawn"), ("same", "same")]
MAX_LISTED = 10


@dataclass(frozen=True)
class Facts:
    """What the summary (and the deck) may say about one plan in one snapshot."""

    plan_id: str | None
    snapshot_id: int | None
    report_date: dt.date | None
    is_published: bool
    counts: pd.DataFrame          # status_counts.sql
    previous_snapshot_id: int | None
    previous_report_date: dt.date | None
    changes: pd.DataFrame         # changes.sql against the previous published report (empty without one)
    overdue: pd.DataFrame         # overdue_measures.sql
    carried: pd.DataFrame = None  # measures.sql rows carried forward (no answer in the round that made the report)

    @property
    def total(self) -> int:
        return int(self.counts["n_measures"].sum()) if not self.counts.empty else 0


def _date(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def default_plan(con) -> str | None:
    """The plan the dashboard opens on: the one with the latest current report."""
    plans = db.run_query(con, "plans")
    chosen = plans[plans["is_default"]]
    return None if chosen.empty else str(chosen["plan_id"].iloc[0])


def report_of(con, plan_id: str, snapshot_id: int | None) -> tuple[int | None, dt.date | None, bool,
                                                                 int | None, dt.date | None]:
    """(snapshot, report date, published, previous snapshot, previous date) of a plan's report.

    ``snapshot_id`` None is the plan's current report. The previous report is the plan's published
    report before it (``plan_reports``); an upload not (or no longer) among them, such as a
    preview, is compared with the plan's latest published report dated before it.
    """
    reports = db.run_query(con, "plan_reports", plan_id=plan_id)
    row = reports[reports["is_current"]] if snapshot_id is None else reports[reports["snapshot_id"] == snapshot_id]
    if not row.empty:
        r = row.iloc[0]
        previous = None if pd.isna(r["previous_snapshot_id"]) else int(r["previous_snapshot_id"])
        return int(r["snapshot_id"]), _date(r["report_date"]), True, previous, _date(r["previous_report_date"])
    if snapshot_id is None:
        return None, None, False, None, None
    snaps = db.run_query(con, "snapshots")
    this = snaps[snaps["snapshot_id"] == snapshot_id]
    if this.empty:
        return None, None, False, None, None
    date = _date(this["report_date"].iloc[0])
    earlier = reports[pd.to_datetime(reports["report_date"]).dt.date < date]
    if earlier.empty:
        return int(snapshot_id), date, bool(this["is_published"].iloc[0]), None, None
    first = earlier.iloc[0]  # plan_reports is newest first
    return (int(snapshot_id), date, bool(this["is_published"].iloc[0]), int(first["snapshot_id"]),
            _date(first["report_date"]))


def summary_facts(con, plan_id: str | None, snapshot_id: int | None = None) -> Facts:
    """Run the queries behind the summary for one plan's report (default: its current report)."""
    if plan_id is None:
        plan_id = default_plan(con)
    empty = pd.DataFrame()
    sid, date, published, previous_id, previous_date = (
        report_of(con, plan_id, snapshot_id) if plan_id is not None else (None, None, False, None, None))
    if sid is None:
        return Facts(plan_id, None, None, False, pd.DataFrame(columns=["status_group", "n_measures", "share_pct"]),
                     None, None, empty, empty)
    counts = db.run_query(con, "status_counts", snapshot_id=sid, plan_id=plan_id)
    changes = (db.run_query(con, "changes", to_snapshot_id=sid, from_snapshot_id=previous_id, plan_id=plan_id)
               if previous_id is not None else empty)
    overdue = db.run_query(con, "overdue_measures", snapshot_id=sid, plan_id=plan_id)
    rows = db.run_query(con, "measures", snapshot_id=sid, plan_id=plan_id)
    carried = rows.loc[rows["carried_forward"], ["measure_no", "lead_institution"]].reset_index(drop=True)
    return Facts(plan_id, sid, date, published, counts, previous_id, previous_date, changes, overdue, carried)


# ---- wording ---------------------------------------------------------------------------------

def number(n: int, lang: str = "lv") -> str:
    """Small numbers in words ("divi", "two"), larger ones in digits."""
    words = NUMBER_WORDS["en" if lang == "en" else "lv"]
    return words[n] if 0 <= n < len(words) else str(n)


def singular(n: int, lang: str = "lv") -> bool:
    """Whether a count takes the singular: Latvian 1, 21, 31 ... but not 11; English only 1."""
    if lang == "en":
        return n == 1
    return n % 10 == 1 and n % 100 != 11


def measures(n: int, lang: str = "lv", words: bool = True) -> str:
    """"divi pasākumi", "21 pasākums", "11 pasākumu"; "two measures", "1 measure"."""
    count = number(n, lang) if words else str(n)
    if lang == "en":
        return f"{count} {'measure' if n == 1 else 'measures'}"
    return f"{count} {plural_lv(n, 'pasākums', 'pasākumi', 'pasākumu')}"


def _pick(pair: tuple[str, str], n: int, lang: str) -> str:
    return pair[0] if singular(n, lang) else pair[1]


def _quote(text: str, lang: str) -> str:
    return f"„{text}”" if lang == "lv" else f"“{text}”"


def measure_list(numbers: list[str], lang: str = "lv") -> str:
    """"3.5, 5.1", or the first ten and "un vēl 4"."""
    shown = ", ".join(numbers[:MAX_LISTED])
    rest = len(numbers) - MAX_LISTED
    return shown if rest <= 0 else f"{shown} {t('summary.and_more', lang, n=rest)}"


def sort_measure_nos(values) -> list[str]:
    def key(no: str):
        parts = []
        for piece in str(no).replace(")", "").split("."):
            parts.append((0, int(piece), "") if piece.strip().isdigit() else (1, 0, piece))
        return parts
    return sorted((str(v) for v in values), key=key)


def _status_sentence(f: Facts, lang: str) -> str:
    parts = []
    for row in f.counts.itertuples(index=False):
        n = int(row.n_measures)
        if n == 0 or row.status_group not in STATUS_PHRASES:
            continue
        count = number(n, lang)
        parts.append(f"{count} {_pick(STATUS_PHRASES[row.status_group]['en' if lang == 'en' else 'lv'], n, lang)}")
    return t("summary.status", lang, plan=_quote(f.plan_id or "", lang), date=fmt_date(f.report_date, lang),
             total=measures(f.total, lang, words=False), parts=", ".join(parts))


def _change_key(before: str | None, after: str | None) -> tuple[str, str]:
    if before == after:
        return ("same", "same")
    if (before, after) in CHANGE_PHRASES:
        return (before, after)
    return ("*", after)


def change_sentences(f: Facts, lang: str) -> list[str]:
    if f.previous_snapshot_id is None:
        return [t("summary.no_previous", lang)]
    since = fmt_date(f.previous_report_date, lang)
    out: list[str] = []
    changes = f.changes
    if not changes.empty and (changes["change_kind"] == "added").sum() == len(changes) == f.total:
        return [t("summary.plan_is_new", lang, date=since)]
    status = changes[changes["change_kind"] == "status_changed"] if not changes.empty else changes
    if status.empty:
        out.append(t("summary.no_changes", lang, date=since))
    else:
        keys = [_change_key(b, a) for b, a in zip(status["status_group_before"], status["status_group_after"])]
        grouped = status.assign(_key=keys)
        parts = []
        for key in CHANGE_ORDER:
            nos = sort_measure_nos(grouped.loc[grouped["_key"] == key, "measure_no"])
            if not nos:
                continue
            n = len(nos)
            lead = measures(n, lang) if not parts else number(n, lang)
            phrase = _pick(CHANGE_PHRASES[key]["en" if lang == "en" else "lv"], n, lang)
            parts.append(f"{lead} ({measure_list(nos, lang)}) {phrase}")
        out.append(t("summary.changes", lang, date=since, parts=", ".join(parts)))
    if not changes.empty:
        moved = []
        for kind, (lv_sg, lv_pl, en) in {"added": ("pievienots", "pievienoti", "added"),
                                          "removed": ("izņemts", "izņemti", "removed")}.items():
            nos = sort_measure_nos(changes.loc[changes["change_kind"] == kind, "measure_no"])
            if not nos:
                continue
            n = len(nos)
            if lang == "en":
                moved.append(f"{measures(n, lang)} ({measure_list(nos, lang)}) {en}")
            else:
                moved.append(f"{lv_sg if singular(n) else lv_pl} {measures(n, lang)} ({measure_list(nos, lang)})")
        if moved:
            text = ", ".join(moved)
            out.append(t("summary.added_removed", lang, parts=text[0].upper() + text[1:]))
        notes = sort_measure_nos(changes.loc[changes["change_kind"] == "note_changed", "measure_no"])
        if notes:
            key = "summary.notes_one" if len(notes) == 1 else "summary.notes_many"
            out.append(t(key, lang, nos=measure_list(notes, lang)))
    return out


def overdue_sentence(f: Facts, lang: str) -> str:
    if f.overdue.empty:
        return t("summary.no_overdue", lang)
    per_lead = (f.overdue.groupby("lead_institution")["measure_no"].agg(list).reset_index())
    per_lead["n"] = per_lead["measure_no"].map(len)
    per_lead["name"] = per_lead["lead_institution"].str.casefold()
    per_lead = per_lead.sort_values(["n", "name"], ascending=[False, True])
    whose = ", ".join(f"{r.lead_institution} ({measure_list(sort_measure_nos(r.measure_no), lang)})"
                      for r in per_lead.itertuples(index=False))
    return t("summary.overdue", lang, total=measures(len(f.overdue), lang), whose=whose)


def carried_sentence(f: Facts, lang: str) -> list[str]:
    """Who gave no new information in the round that made the report (no sentence when nobody)."""
    if f.carried is None or f.carried.empty:
        return []
    per_lead = f.carried.groupby("lead_institution")["measure_no"].agg(list).reset_index()
    per_lead["n"] = per_lead["measure_no"].map(len)
    per_lead["name"] = per_lead["lead_institution"].str.casefold()
    per_lead = per_lead.sort_values(["n", "name"], ascending=[False, True])
    whose = ", ".join(f"{r.lead_institution} ({measure_list(sort_measure_nos(r.measure_no), lang)})"
                      for r in per_lead.itertuples(index=False))
    return [t("summary.carried", lang, total=measures(len(f.carried), lang), whose=whose,
              date=fmt_date(f.previous_report_date, lang))]


def sentences(f: Facts, lang: str = "lv") -> list[str]:
    """The summary of ``f`` as short sentences in ``lang``."""
    if f.snapshot_id is None:
        return [t("summary.no_data", lang)]
    if f.total == 0:
        return [t("summary.empty_plan", lang, plan=_quote(f.plan_id or "", lang), date=fmt_date(f.report_date, lang))]
    return [_status_sentence(f, lang), *change_sentences(f, lang), *carried_sentence(f, lang),
            overdue_sentence(f, lang)]


def summary_sentences(con, plan_id: str | None, snapshot_id: int | None = None, lang: str = "lv") -> list[str]:
    """A few plain sentences about one plan's report (default: its current one)."""
    return sentences(summary_facts(con, plan_id, snapshot_id), lang)
