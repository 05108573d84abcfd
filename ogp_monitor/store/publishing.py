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

from ..i18n import fmt_date, status_label, t
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
    """Someone published or rolled back after this preview was made: compare again first."""


@dataclass(frozen=True)
class Stage:
    """What became of one uploaded file (per browser session; small, no file bytes)."""

    sha256: str
    file_name: str
    problems: list[Problem] = field(default_factory=list)
    needs_date: bool = False  # the file has no report date: the analyst gives one
    report_date: dt.date | None = None  # the date the analyst gave (None: the file's own)
    snapshot_id: int | None = None  # stored unpublished (or the identical earlier upload)
    created: bool = False  # this stage wrote the snapshot (so abandoning it may delete it)
    identical_to_published: bool = False  # the same file is already a published snapshot
    base_snapshot_id: int | None = None  # the current snapshot the preview compares against
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


def check_and_stage(con, content: bytes, file_name: str, by: str, *, report_date: dt.date | None = None,
                    needs_date: bool = False, max_bytes: int = DEFAULT_UPLOAD_MB * MB) -> Stage:
    """Validate a file and, when it has no errors, store it unpublished for the preview.

    A file identical (sha256) to an earlier upload is not stored again: the
    stage points at that snapshot and says whether it is already published.
    """
    checked = pipeline.check(content, file_name, report_date=report_date, max_bytes=max_bytes)
    stage = Stage(checked.sha256, file_name, list(checked.problems), report_date=report_date,
                  needs_date=needs_date or any(p.code == "no_report_date" for p in checked.problems))
    if not checked.ok:
        return stage
    base = db.current_snapshot_id(con)
    result = pipeline.store(con, checked, uploaded_by=by, publish=False)
    info = snapshot_info(con, result.snapshot_id)
    return replace(stage, snapshot_id=result.snapshot_id, created=not result.duplicate,
                   identical_to_published=bool(result.duplicate and info["is_published"]),
                   base_snapshot_id=base)


def snapshot_info(con, snapshot_id: int) -> dict:
    """One row of ``snapshots.sql`` as a dict (KeyError when it does not exist)."""
    snaps = db.run_query(con, "snapshots")
    row = snaps[snaps["snapshot_id"] == snapshot_id]
    if row.empty:
        raise KeyError(f"no snapshot {snapshot_id}")
    return row.iloc[0].to_dict()


@dataclass(frozen=True)
class Preview:
    snapshot_id: int
    base_snapshot_id: int | None
    info: dict
    base_info: dict | None
    measures: pd.DataFrame  # changes.sql rows, change_kind in MEASURE_KINDS
    indicators: pd.DataFrame  # indicator_changes.sql rows

    def counts(self) -> dict[str, int]:
        m = self.measures["change_kind"].value_counts().to_dict()
        i = self.indicators["change_kind"].value_counts().to_dict()
        out = {k: int(m.get(k, 0)) for k in MEASURE_KINDS}
        out.update({f"indicators_{k}": int(i.get(k, 0)) for k in INDICATOR_KINDS})
        return out

    @property
    def older_than_current(self) -> bool:
        return self.base_info is not None and self.info["report_date"] < self.base_info["report_date"]


def preview(con, snapshot_id: int) -> Preview:
    """The difference between the current snapshot and a staged one (measures and indicators)."""
    base = db.current_snapshot_id(con)
    if base == snapshot_id:
        base = None
    info = snapshot_info(con, snapshot_id)
    if base is None:
        measures = db.run_query(con, "measures", snapshot_id=snapshot_id).assign(change_kind="added")
    else:
        measures = db.run_query(con, "changes", from_snapshot_id=base, to_snapshot_id=snapshot_id)
    indicators = db.run_query(con, "indicator_changes", from_snapshot_id=base, to_snapshot_id=snapshot_id)
    return Preview(snapshot_id, base, info, None if base is None else snapshot_info(con, base),
                   measures, indicators)


def publish(con, snapshot_id: int, by: str, expected_base: int | None) -> None:
    """Make a previewed snapshot current; refuses when the current one changed since the preview."""
    current = db.current_snapshot_id(con)
    if current != expected_base:
        raise StalePreview(f"current snapshot is {current}, the preview compared with {expected_base}")
    db.set_current(con, snapshot_id, by=by, action="publish")


def rollback(con, snapshot_id: int, by: str) -> None:
    """Make an earlier published snapshot current again (recorded as a 'rollback'; nothing deleted)."""
    info = snapshot_info(con, snapshot_id)
    if not info["is_published"]:
        raise ValueError(f"snapshot {snapshot_id} was never published; publish it from the upload preview")
    if info["is_current"]:
        raise ValueError(f"snapshot {snapshot_id} is already current")
    db.set_current(con, snapshot_id, by=by, action="rollback")


def discard(con, snapshot_id: int) -> bool:
    """Delete an upload that was never published. False (and nothing deleted) when it was published."""
    return db.discard_unpublished(con, snapshot_id)


def abandon(con, stage: Stage | None) -> None:
    """Forget a session's stage: a preview this session created and never published is deleted."""
    if stage is not None and stage.created and not stage.published and stage.snapshot_id is not None:
        discard(con, stage.snapshot_id)


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
        t("upload.col.uploaded_at", lang): snaps["uploaded_at"].dt.strftime("%d.%m.%Y %H:%M"),
        t("upload.col.uploaded_by", lang): snaps["uploaded_by"],
        t("upload.col.file", lang): snaps["file_name"],
        t("upload.col.rows", lang): [f"{m} / {i} / {s}" for m, i, s in
                                      zip(snaps["n_measures"], snaps["n_indicators"], snaps["n_schedule"])],
        t("upload.col.published", lang): [yes if p else no for p in snaps["is_published"]],
        t("upload.col.current", lang): ["✓" if c else "" for c in snaps["is_current"]],
        "sha256": snaps["sha256"],
    })


def log_frame(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("upload.col.acted_at", lang): log["acted_at"].dt.strftime("%d.%m.%Y %H:%M:%S"),
        t("upload.col.action", lang): [t(f"upload.action.{a}", lang) for a in log["action"]],
        t("upload.col.acted_by", lang): log["acted_by"],
        "#": log["snapshot_id"],
        t("upload.col.report_date", lang): [fmt_date(d, lang) for d in log["report_date"]],
        t("upload.col.file", lang): log["file_name"],
    })


def current_institutions(con) -> list[str]:
    """Institutions named in the current snapshot (for the template's drop-down)."""
    options = db.run_query(con, "filter_options")
    return sorted(options.loc[options["kind"] == "institution", "value"].dropna().unique().tolist())
