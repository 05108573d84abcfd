"""DuckDB: the schema, snapshots, publishing and named queries.

This is the only module that imports duckdb. Each upload is one snapshot;
which snapshot is current is the latest row of ``publication`` (publish or
rollback), so nothing is ever overwritten and every change is one atomic
transaction: readers see the whole old snapshot or the whole new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from ..ingest.validate import Clean

ROOT = Path(__file__).resolve().parents[2]
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "ogp.duckdb"

# One upload at a time per process: DuckDB serialises writers anyway, but this
# keeps "is this file already here?" and the insert in one critical section.
_WRITE_LOCK = threading.Lock()

SCHEMA = """
create sequence if not exists snapshot_seq start 1;
create sequence if not exists publication_seq start 1;
create table if not exists snapshot (
    snapshot_id integer primary key,
    file_name varchar not null,
    sha256 varchar not null,
    report_date date not null,
    uploaded_at timestamp not null,
    uploaded_by varchar not null,
    n_measures integer not null,
    n_indicators integer not null,
    n_schedule integer not null
);
create table if not exists snapshot_file (
    snapshot_id integer primary key,
    content blob not null
);
create table if not exists publication (
    publication_id integer primary key,
    snapshot_id integer not null,
    action varchar not null,
    acted_at timestamp not null,
    acted_by varchar not null
);
create table if not exists measure (
    snapshot_id integer not null,
    plan_id varchar not null,
    commitment_no varchar not null,
    commitment_title varchar not null,
    measure_no varchar not null,
    measure_title varchar not null,
    lead_institution varchar not null,
    partner_institutions varchar[] not null,
    status_label varchar not null,
    status_group varchar not null,
    start_date date,
    deadline_date date,
    progress_note varchar not null,
    progress_pct double,
    source_row integer not null
);
create table if not exists indicator (
    snapshot_id integer not null,
    indicator varchar not null,
    indicator_en varchar not null,
    area varchar not null,
    year integer not null,
    value double not null,
    unit varchar not null,
    source varchar not null,
    source_row integer not null
);
create table if not exists schedule (
    snapshot_id integer not null,
    plan_id varchar not null,
    activity varchar not null,
    start_date date not null,
    end_date date,
    goal varchar not null,
    source_row integer not null
);
-- The sidebar filters in one place: one snapshot's measures, each filter null = all, with the
-- snapshot's report date (for "overdue on the report date"). Used by the single-snapshot queries.
create or replace macro filtered_measures(p_snapshot_id, p_plan_id, p_commitment_no, p_status_group,
                                          p_institution) as table
    select m.*, s.report_date
    from measure as m
    inner join snapshot as s using (snapshot_id)
    where m.snapshot_id = p_snapshot_id
        and (p_plan_id is null or m.plan_id = p_plan_id)
        and (p_commitment_no is null or m.commitment_no = p_commitment_no)
        and (p_status_group is null or m.status_group = p_status_group)
        and (
            p_institution is null
            or m.lead_institution = p_institution
            or list_contains(m.partner_institutions, p_institution)
        );
"""

_PARAM = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The database file: explicit path, else $OGP_DB, else data/ogp.duckdb."""
    return Path(path or os.environ.get("OGP_DB") or DEFAULT_DB)


def connect(path: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create, when new) the database with its schema."""
    target = db_path(path)
    if str(target) != ":memory:":
        target.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(target), read_only=read_only)
    if not read_only:
        con.execute(SCHEMA)
    return con


# ---- named queries ---------------------------------------------------------

def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def query_sql(name: str) -> str:
    if name not in query_names():
        raise KeyError(f"unknown query {name!r}; known: {', '.join(query_names())}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_parameters(name: str) -> list[str]:
    """The $parameters a query file uses, in order of first use."""
    sql = re.sub(r"--[^\n]*", "", query_sql(name))
    return list(dict.fromkeys(_PARAM.findall(sql)))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run queries/NAME.sql on its own cursor with every $parameter bound.

    ``snapshot_id`` defaults to the current snapshot. A parameter the query
    uses but the caller did not give is bound to NULL, which every query reads
    as "all"; a parameter the query does not use is an error (a typo).
    """
    wanted = query_parameters(name)
    unknown = set(params) - set(wanted)
    if unknown:
        raise TypeError(f"query {name!r} has no parameter(s) {sorted(unknown)}")
    cur = con.cursor()
    try:
        if "snapshot_id" in wanted and params.get("snapshot_id") is None:
            params["snapshot_id"] = current_snapshot_id(cur)
        bound = {k: params.get(k) for k in wanted}
        return cur.execute(query_sql(name), bound).df()
    finally:
        cur.close()


# ---- snapshots -------------------------------------------------------------

def current_snapshot_id(con: duckdb.DuckDBPyConnection) -> int | None:
    row = con.execute(
        "select snapshot_id from publication order by publication_id desc limit 1").fetchone()
    return None if row is None else int(row[0])


def snapshot_by_sha(con: duckdb.DuckDBPyConnection, sha: str) -> int | None:
    row = con.execute("select snapshot_id from snapshot where sha256 = ? order by snapshot_id limit 1",
                      [sha]).fetchone()
    return None if row is None else int(row[0])


@dataclass(frozen=True)
class LoadResult:
    snapshot_id: int
    duplicate: bool  # the identical file was already loaded; nothing was written
    published: bool


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(con: duckdb.DuckDBPyConnection, clean: Clean, *, content: bytes, file_name: str,
         uploaded_by: str, report_date: dt.date, publish: bool = True,
         now: dt.datetime | None = None) -> LoadResult:
    """Store a validated upload as a new snapshot in one transaction.

    Either everything (snapshot row, original file, measures, indicators,
    schedule and, with ``publish``, the publication that makes it current) is
    committed, or nothing is. An identical file (same sha256) is not stored
    twice: the existing snapshot id comes back with ``duplicate=True``.
    """
    digest = sha256(content)
    now = now or dt.datetime.now().replace(microsecond=0)
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            existing = snapshot_by_sha(cur, digest)
            if existing is not None:
                return LoadResult(existing, duplicate=True, published=False)
            cur.execute("begin transaction")
            try:
                sid = int(cur.execute("select nextval('snapshot_seq')").fetchone()[0])
                counts = clean.row_counts()
                cur.execute(
                    "insert into snapshot values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sid, file_name, digest, report_date, now, uploaded_by,
                     counts["measures"], counts["indicators"], counts["schedule"]])
                cur.execute("insert into snapshot_file values (?, ?)", [sid, content])
                _insert_frame(cur, "measure", sid, clean.measures)
                _insert_frame(cur, "indicator", sid, clean.indicators)
                _insert_frame(cur, "schedule", sid, clean.schedule)
                if publish:
                    _publish(cur, sid, "publish", uploaded_by, now)
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
            return LoadResult(sid, duplicate=False, published=publish)
        finally:
            cur.close()


def _insert_frame(cur: duckdb.DuckDBPyConnection, table: str, sid: int, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = [c for c in frame.columns]
    cur.register("incoming_frame", frame)
    try:
        cols = ", ".join(columns)
        cur.execute(f"insert into {table} (snapshot_id, {cols}) select ?, {cols} from incoming_frame",
                    [sid])
    finally:
        cur.unregister("incoming_frame")


def _publish(cur: duckdb.DuckDBPyConnection, sid: int, action: str, by: str, now: dt.datetime) -> None:
    pid = int(cur.execute("select nextval('publication_seq')").fetchone()[0])
    cur.execute("insert into publication values (?, ?, ?, ?, ?)", [pid, sid, action, now, by])


def set_current(con: duckdb.DuckDBPyConnection, snapshot_id: int, *, by: str,
                action: str = "rollback") -> None:
    """Make an existing snapshot current (publish a preview, or roll back). Recorded, never destructive."""
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            if cur.execute("select 1 from snapshot where snapshot_id = ?", [snapshot_id]).fetchone() is None:
                raise KeyError(f"no snapshot {snapshot_id}")
            cur.execute("begin transaction")
            try:
                _publish(cur, snapshot_id, action, by, dt.datetime.now().replace(microsecond=0))
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
        finally:
            cur.close()


def delete_snapshot(con: duckdb.DuckDBPyConnection, snapshot_id: int) -> None:
    """Delete a snapshot that is neither current nor the only one."""
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            n = cur.execute("select count(*) from snapshot").fetchone()[0]
            if n <= 1:
                raise ValueError("the only snapshot cannot be deleted")
            if current_snapshot_id(cur) == snapshot_id:
                raise ValueError("the current snapshot cannot be deleted")
            cur.execute("begin transaction")
            try:
                for table in ("measure", "indicator", "schedule", "snapshot_file", "publication", "snapshot"):
                    cur.execute(f"delete from {table} where snapshot_id = ?", [snapshot_id])
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
        finally:
            cur.close()


def discard_unpublished(con: duckdb.DuckDBPyConnection, snapshot_id: int) -> bool:
    """Delete an upload that was never published (a preview the analyst discarded).

    Unlike ``delete_snapshot`` this also works when it is the only snapshot (the
    first upload into an empty database), and it refuses, inside the same
    transaction, any snapshot that has a publication row. False when refused.
    """
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            cur.execute("begin transaction")
            try:
                if cur.execute("select 1 from publication where snapshot_id = ? limit 1",
                               [snapshot_id]).fetchone() is not None:
                    cur.execute("rollback")
                    return False
                for table in ("measure", "indicator", "schedule", "snapshot_file", "snapshot"):
                    cur.execute(f"delete from {table} where snapshot_id = ?", [snapshot_id])
                cur.execute("commit")
                return True
            except BaseException:
                cur.execute("rollback")
                raise
        finally:
            cur.close()


def original_file(con: duckdb.DuckDBPyConnection, snapshot_id: int) -> bytes | None:
    cur = con.cursor()
    try:
        row = cur.execute("select content from snapshot_file where snapshot_id = ?", [snapshot_id]).fetchone()
        return None if row is None else bytes(row[0])
    finally:
        cur.close()


def table_fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Row counts and content hashes of every table: equal before and after means unchanged."""
    cur = con.cursor()
    try:
        out: dict[str, object] = {}
        for table in ("snapshot", "snapshot_file", "publication", "measure", "indicator", "schedule"):
            out[table] = cur.execute(
                f"select count(*), coalesce(sum(hash(t)), 0) from {table} as t").fetchone()
        return out
    finally:
        cur.close()
