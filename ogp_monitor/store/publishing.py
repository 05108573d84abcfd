"""Preview, publish, discard and roll back uploads: the analyst's workflow, independent of Streamlit.

A checked file is stored as an UNPUBLISHED snapshot (viewers never see it),
compared with the current snapshot in SQL, and only then published, which is
one appended ``publication`` row: atomic, and every viewer's cached results
(keyed by the data version) refresh on their next interaction. A rollback is
another appended row; nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace

import pandas as pd

from ..i18n import fmt_date, fmt_datetime, status_label, t
from ..ingest.problems import Problem
from . import db, pipeline

MB = 1024 * 1024
DEFAULT_UPLOAD_MB = 25
MEASURE_KINDS = ("added", "removed", "status_changed", "note_changed")
INDICATOR_KINDS = ("added", "removed", "changed")


def upload_limit_mb(server_limit_mb: int | None = None) -> int:
    """$OGP_MAX_UPLOAD_MB (default 25), never above the server's own ``server.maxUploadSize``."""
    try:
        wanted = int(os.environ.get("OGP_MAX_UPLOAD_MB", DEFAULT_UPLOAD_MB))
    except ValueError:
        wanted = DEFAULT_UPLOAD_MB
    wanted = max(1, wanted)
    return min(wanted, server_limit_mb) if server_limit_mb else wanted


class StalePreview(Exception):
    """Someone published or rolled back one of this preview's parts after it was made: compare again first."""


class NeedsConfirmation(Exception):
    """The publish would remove more than a third of a plan's measures: the analyst must confirm it."""

    def __init__(self, removals: list[pipeline.Removal]):
        super().__init__(", ".join(f"{r.plan_id}: {r.n_removed} of {r.n_current}" for r in removals))
        self.removals = removals


Part = tuple[str, str]  # ("measures", plan), ("schedule", plan) or ("indicators", "")


@dataclass(frozen=True)
class Stage:
    """What became of one uploaded file (per browser session; small, no file bytes)."""

    sha256: str
    file_name: str
    problems: list[Problem] = field(default_factory=list)
    needs_date: bool = False  # the file has no report date: the analyst gives one
    report_date: dt.date | None = None  # the date the analyst gave (None: the file's own)
    date_source: str = ""  # where the report date came from: column, given, title, file_name
    stated_date: dt.date | None = None  # the date the file itself states
    stated_source: str = ""  # where the file states it: column, title, file_name
    needs_plan: bool = False  # the file names no plan its measures match: the analyst chooses one
    plan_id: str | None = None  # the plan the analyst gave
    snapshot_id: int | None = None  # stored unpublished (or the identical earlier upload)
    created: bool = False  # this stage wrote the snapshot (so abandoning it may delete it)
    identical_to_published: bool = False  # the same file is already a published snapshot
    published: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def blocked_only_by_missing_date(self) -> bool:
        return bool(self.errors) and all(p.code == "no_report_date" for p in self.errors)

    @property
    def blocked_only_by_missing_plan(self) -> bool:
        return bool(self.errors) and all(p.code in ("no_plan", "no_report_date") for p in self.errors) and any(
            p.code == "no_plan" for p in self.errors)


def check_and_stage(con, content: bytes, file_name: str, by: str, *, report_date: dt.date | None = None,
                    needs_date: bool = False, plan_id: str | None = None,
                    max_bytes: int = DEFAULT_UPLOAD_MB * MB, progress: pipeline.Progress | None = None) -> Stage:
    """Validate a file and, when it has no errors, store it unpublished for the preview.

    A file identical (sha256) to an earlier upload is not stored again: the
    stage points at that snapshot and says whether it is already published.
    """
    checked = pipeline.check(content, file_name, report_date=report_date, plan_id=plan_id,
                             known=pipeline.known_measures(con), max_bytes=max_bytes, progress=progress)
    codes = {p.code for p in checked.problems}
    stage = Stage(checked.sha256, file_name, list(checked.problems), report_date=report_date, plan_id=plan_id,
                  needs_date=needs_date or "no_report_date" in codes, needs_plan=bool(plan_id) or "no_plan" in codes)
    if not checked.ok:
        return stage
    clean = checked.clean
    stage = replace(stage, date_source=clean.report_date_source, stated_date=clean.stated_date,
                    stated_source=clean.stated_date_source)
    result = pipeline.store(con, checked, uploaded_by=by, publish=False, progress=progress)
    info = snapshot_info(con, result.snapshot_id)
    return replace(stage, snapshot_id=result.snapshot_id, created=not result.duplicate,
                   identical_to_published=bool(result.duplicate and info["is_published"]))


def snapshot_info(con, snapshot_id: int) -> dict:
    """One row of ``snapshots.sql`` as a dict (KeyError when it does not exist)."""
    snaps = db.run_query(con, "snapshots")
    row = snaps[snaps["snapshot_id"] == snapshot_id]
    if row.empty:
        raise KeyError(f"no snapshot {snapshot_id}")
    return row.iloc[0].to_dict()


@dataclass(frozen=True)
class PlanChange:
    """One plan of the file against that plan's current report."""

    plan_id: str
    base_snapshot_id: int | None  # the plan's current report (None: the plan is new)
    base_report_date: dt.date | None
    n_current: int  # measures in the current report


@dataclass(frozen=True)
class Preview:
    snapshot_id: int
    info: dict
    base: dict[Part, int | None]  # what each part of the file replaces (None: nothing yet)
    plans: list[PlanChange]
    measures: pd.DataFrame  # changes.sql rows of every plan in the file, change_kind in MEASURE_KINDS
    indicators: pd.DataFrame  # indicator_changes.sql rows (empty when the file has no indicators)
    kept: list[tuple[Part, int]]  # current parts the file does not touch, with their holder

    def counts(self) -> dict[str, int]:
        m = self.measures["change_kind"].value_counts().to_dict() if not self.measures.empty else {}
        i = self.indicators["change_kind"].value_counts().to_dict() if not self.indicators.empty else {}
        out = {k: int(m.get(k, 0)) for k in MEASURE_KINDS}
        out.update({f"indicators_{k}": int(i.get(k, 0)) for k in INDICATOR_KINDS})
        return out

    @property
    def removals(self) -> list[pipeline.Removal]:
        """Plans that would lose more than a third of their current measures (need a confirmation)."""
        removed = {p.plan_id: [] for p in self.plans}
        if not self.measures.empty:
            gone = self.measures[self.measures["change_kind"] == "removed"]
            for plan, nos in gone.groupby("plan_id")["measure_no"]:
                removed[str(plan)] = [str(n) for n in nos]
        return pipeline.big_removals(removed, {p.plan_id: p.n_current for p in self.plans})

    @property
    def older_than_current(self) -> list[PlanChange]:
        """Plans whose current report is dated after this file's report."""
        date = self.info["report_date"]
        return [p for p in self.plans if p.base_report_date is not None and pd.Timestamp(date).date() < p.base_report_date]


def preview(con, snapshot_id: int) -> Preview:
    """What publishing a staged upload would change: each of its plans against that plan's current
    report, its indicators against the current ones, and which current parts it leaves alone."""
    info = snapshot_info(con, snapshot_id)
    held = db.current_parts(con)
    parts = db.snapshot_parts(con, snapshot_id)
    base = {part: held.get(part) for part in parts}
    reports = db.run_query(con, "plan_reports")
    plans, frames = [], []
    for kind, plan in parts:
        if kind != "measures":
            continue
        holder = held.get((kind, plan))
        if holder is None or holder == snapshot_id:
            rows = db.run_query(con, "measures", snapshot_id=snapshot_id, plan_id=plan).assign(change_kind="added")
            base_date, n_current = None, 0
        else:
            rows = db.run_query(con, "changes", from_snapshot_id=holder, to_snapshot_id=snapshot_id, plan_id=plan)
            row = reports[(reports["plan_id"] == plan) & (reports["snapshot_id"] == holder)]
            base_date = pd.Timestamp(row["report_date"].iloc[0]).date() if not row.empty else None
            n_current = int(row["n_measures"].iloc[0]) if not row.empty else 0
        plans.append(PlanChange(plan, holder if holder != snapshot_id else None, base_date, n_current))
        frames.append(rows)
    measures = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["plan_id", "change_kind"])
    if ("indicators", "") in base:
        indicators = db.run_query(con, "indicator_changes", from_snapshot_id=base[("indicators", "")],
                                  to_snapshot_id=snapshot_id)
    else:
        indicators = pd.DataFrame(columns=["change_kind"])
    kept = [(part, sid) for part, sid in sorted(held.items()) if part not in base]
    return Preview(snapshot_id, info, base, plans, measures, indicators, kept)


def publish(con, snapshot_id: int, by: str, expected: dict[Part, int | None],
            confirm_removals: bool = False) -> None:
    """Make a previewed upload's parts current.

    ``expected`` is the preview's ``base``: refused (``StalePreview``) when any of those parts
    changed hands since. A publish that removes more than a third of a plan's measures is refused
    (``NeedsConfirmation``) unless ``confirm_removals``.
    """
    if not confirm_removals:
        removals = preview(con, snapshot_id).removals
        if removals:
            raise NeedsConfirmation(removals)
    try:
        db.set_current(con, snapshot_id, by=by, action="publish", expected=expected)
    except db.StaleState as exc:
        raise StalePreview(str(exc)) from None


def rollback(con, snapshot_id: int, by: str) -> None:
    """Restore an earlier published report: its parts become current again (recorded as a 'rollback';
    nothing deleted). Parts it does not contain stay as they are."""
    info = snapshot_info(con, snapshot_id)
    if not info["is_published"]:
        raise ValueError(f"snapshot {snapshot_id} was never published; publish it from the upload preview")
    if sorted(info["current_parts"]) == sorted(info["parts"]):
        raise ValueError(f"snapshot {snapshot_id} is already current")
    db.set_current(con, snapshot_id, by=by, action="rollback")


def withdraw(con, snapshot_id: int, by: str) -> dict[Part, int | None]:
    """Undo an upload's publication: exactly the parts it holds go back to what they were before it."""
    return db.withdraw(con, snapshot_id, by=by)


def discard(con, snapshot_id: int) -> bool:
    """Delete an upload that was never published. False (and nothing deleted) when it was published."""
    return db.discard_unpublished(con, snapshot_id)


def abandon(con, stage: Stage | None) -> None:
    """Forget a session's stage: a preview this session created and never published is deleted."""
    if stage is not None and stage.created and not stage.published and stage.snapshot_id is not None:
        discard(con, stage.snapshot_id)


def part_name(part: Part, lang: str) -> str:
    """``„5. plāns 2022–2025” pasākumi`` / ``measures of '5. plāns 2022–2025'``, ``uzticēšanās rādītāji``."""
    kind, plan = part
    return t(f"upload.part.{kind}", lang, plan=plan)


def previous_holders(con, snapshot_id: int) -> dict[Part, int | None]:
    """What withdrawing an upload would restore: part -> the upload that held it before (None: nobody)."""
    return db.previous_holders(con, snapshot_id)


def restored_text(restored: dict[Part, int | None], lang: str) -> str:
    """``„5. plāns” pasākumi → #2; uzticēšanās rādītāji → –`` (``–``: the part is empty again)."""
    return "; ".join(f"{part_name(part, lang)} → {'#' + str(sid) if sid is not None else '–'}"
                     for part, sid in sorted(restored.items()))


def part_names(parts: list[str], lang: str) -> str:
    """snapshots.sql's ``parts`` (``measures:PLAN``...) in words, joined with ``; ``."""
    return "; ".join(part_name(tuple(p.split(":", 1)) if ":" in p else (p, ""), lang) for p in parts)


# ---- tables for the pages (columns in the UI language) ---------------------

def _status(group: object, lang: str) -> str:
    if group is None or pd.isna(group):
        return "–"
    return status_label(str(group), lang)


def measure_changes_frame(measures: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    rows = measures[measures["change_kind"] == kind]
    out = pd.DataFrame({
        t("upload.col.plan", lang): rows["plan_id"],
        t("upload.col.measure_no", lang): rows["measure_no"],
        t("upload.col.measure", lang): rows["measure_title"],
    })
    if kind in ("added", "removed") and "status_group" in rows:
        out[t("upload.col.status", lang)] = [_status(g, lang) for g in rows["status_group"]]
    elif kind in ("added", "removed"):
        col = "status_group_after" if kind == "added" else "status_group_before"
        out[t("upload.col.status", lang)] = [_status(g, lang) for g in rows[col]]
    if kind == "status_changed":
        out[t("upload.col.status_change", lang)] = [
            f"{_status(a, lang)} → {_status(b, lang)}" if a != b else f"„{la}” → „{lb}”"
            for a, b, la, lb in zip(rows["status_group_before"], rows["status_group_after"],
                                    rows["status_label_before"], rows["status_label_after"])]
    if kind in ("status_changed", "note_changed"):
        out[t("upload.col.note_before", lang)] = rows["note_before"]
        out[t("upload.col.note_after", lang)] = rows["note_after"]
    return out.reset_index(drop=True)


def indicator_changes_frame(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("upload.col.change", lang): [t(f"upload.ind.{k}", lang) for k in indicators["change_kind"]],
        t("upload.col.indicator", lang): indicators["indicator"],
        t("upload.col.area", lang): indicators["area"],
        t("upload.col.year", lang): indicators["year"],
        t("upload.col.value_before", lang): indicators["value_before"],
        t("upload.col.value_after", lang): indicators["value_after"],
        t("upload.col.unit", lang): indicators["unit"],
    })


def history_frame(snaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    yes, no = t("upload.yes", lang), t("upload.no", lang)
    return pd.DataFrame({
        "#": snaps["snapshot_id"],
        t("upload.col.report_date", lang): [fmt_date(d, lang) for d in snaps["report_date"]],
        t("upload.col.uploaded_at", lang): [fmt_datetime(v, lang) for v in snaps["uploaded_at"]],
        t("upload.col.uploaded_by", lang): snaps["uploaded_by"],
        t("upload.col.file", lang): snaps["file_name"],
        t("upload.col.rows", lang): [f"{m} / {i} / {s}" for m, i, s in
                                      zip(snaps["n_measures"], snaps["n_indicators"], snaps["n_schedule"])],
        t("upload.col.parts", lang): [part_names(list(p), lang) for p in snaps["parts"]],
        t("upload.col.published", lang): [yes if p else no for p in snaps["is_published"]],
        t("upload.col.current", lang): [part_names(list(c), lang) if len(c) else "" for c in snaps["current_parts"]],
    })


def log_frame(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("upload.col.acted_at", lang): [fmt_datetime(v, lang, seconds=True) for v in log["acted_at"]],
        t("upload.col.action", lang): [t(f"upload.action.{a}", lang) for a in log["action"]],
        t("upload.col.acted_by", lang): log["acted_by"],
        "#": log["snapshot_id"],
        t("upload.col.report_date", lang): [fmt_date(d, lang) for d in log["report_date"]],
        t("upload.col.file", lang): log["file_name"],
        t("upload.col.parts_set", lang): ["; ".join(_log_part(x, lang) for x in parts) for parts in log["parts"]],
    })


def _log_part(item: str, lang: str) -> str:
    """``measures:5. plāns → 3`` -> ``„5. plāns” pasākumi → #3`` (``–``: the part was emptied)."""
    part, _, holder = item.rpartition(" → ")
    kind, _, plan = part.partition(":")
    return f"{part_name((kind, plan), lang)} → {'#' + holder if holder != '–' else '–'}"


def current_institutions(con) -> list[str]:
    """Institutions named in the current snapshot (for the template's drop-down)."""
    options = db.run_query(con, "filter_options")
    return sorted(options.loc[options["kind"] == "institution", "value"].dropna().unique().tolist())
