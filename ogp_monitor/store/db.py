"""DuckDB: the schema, snapshots, publishing and named queries.

Each upload is one snapshot. What viewers see is assembled part by part: each
plan's measures, each plan's schedule and the trust indicators come from the
latest publication of that part (``publication_part``), so a report of one plan
replaces that plan only, and a trust-only file replaces only the indicators.
Publications are appended, never overwritten, and every change is one atomic
transaction: readers see the whole old state or the whole new one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from ..ingest.spec import canonical_status
from ..ingest.validate import Clean
from . import published

ROOT = Path(__file__).resolve().parents[2]
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "ogp.duckdb"

# One upload at a time per process: DuckDB serialises writers anyway, but this
# keeps "is this file already here?" and the insert in one critical section.
_WRITE_LOCK = threading.Lock()
_SCHEMA_LOCK = threading.Lock()

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")

Also = Callable[[duckdb.DuckDBPyConnection, int], None]  # more writes inside a load's or discard's transaction

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
        # Two sessions of one process opening the file at once (a page run and a download) share one
        # DuckDB instance: replacing the same macros in two transactions is a write-write conflict.
        with _SCHEMA_LOCK:
            con.execute(SCHEMA)
            _canonical_statuses(con)
    return con


def _canonical_statuses(con: duckdb.DuckDBPyConnection) -> None:
    """Rows stored before statuses had one spelling: keep the typed text, show the canonical label."""
    typed = [r[0] for r in con.execute(
        "select distinct status_label from measure where status_as_written is null").fetchall()]
    if not typed:
        return
    mapping = pd.DataFrame({"typed": typed, "canonical": [canonical_status(t) or t for t in typed]})
    con.register("status_mapping", mapping)
    try:
        con.execute("""
            update measure set status_as_written = measure.status_label, status_label = m.canonical
            from status_mapping as m
            where measure.status_as_written is null and measure.status_label = m.typed""")
    finally:
        con.unregister("status_mapping")


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

    A parameter the query uses but the caller did not give is bound to NULL,
    which every query reads as "all" (a null snapshot id: the current state);
    a parameter the query does not use is an error (a typo).
    """
    wanted = query_parameters(name)
    unknown = set(params) - set(wanted)
    if unknown:
        raise TypeError(f"query {name!r} has no parameter(s) {sorted(unknown)}")
    cur = con.cursor()
    try:
        bound = {k: params.get(k) for k in wanted}
        return cur.execute(query_sql(name), bound).df()
    finally:
        cur.close()


# ---- snapshots -------------------------------------------------------------

def current_snapshot_id(con: duckdb.DuckDBPyConnection) -> int | None:
    """The upload most recently published or restored (None before the first publication)."""
    row = con.execute(
        "select snapshot_id from publication order by publication_id desc limit 1").fetchone()
    return None if row is None else int(row[0])


def current_parts(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    """(part, plan) -> the upload that holds it now: what every viewer sees."""
    rows = con.execute("select part, plan_id, snapshot_id from current_part").fetchall()
    return {(part, plan): int(sid) for part, plan, sid in rows}


def snapshot_parts(con: duckdb.DuckDBPyConnection, snapshot_id: int) -> list[tuple[str, str]]:
    """The parts an upload contains, in a stable order: what publishing it replaces."""
    rows = con.execute("select part, plan_id from snapshot_parts(?) order by part, plan_id", [snapshot_id]).fetchall()
    return [(part, plan) for part, plan in rows]


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
         now: dt.datetime | None = None, also: Also | None = None) -> LoadResult:
    """Store a validated upload as a new snapshot in one transaction.

    Either everything (snapshot row, original file, measures, indicators,
    schedule and, with ``publish``, the publication that makes it current) is
    committed, or nothing is. An identical file (same sha256) is not stored
    twice: the existing snapshot id comes back with ``duplicate=True``.
    ``also(cur, snapshot_id)`` writes more in the same transaction (a round's close), also for a
    duplicate.
    """
    digest = sha256(content)
    now = now or dt.datetime.now().replace(microsecond=0)
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            existing = snapshot_by_sha(cur, digest)
            if existing is not None:
                if also is not None:
                    cur.execute("begin transaction")
                    try:
                        also(cur, existing)
                        cur.execute("commit")
                    except BaseException:
                        cur.execute("rollback")
                        raise
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
                if publish:  # the parts it holds, from the frames just stored (the query took 0.17 s at 1.2M rows)
                    parts = {("measures", plan): sid for plan in clean.measures["plan_id"].unique().tolist()}
                    parts.update({("schedule", plan): sid for plan in clean.schedule["plan_id"].unique().tolist()})
                    if not clean.indicators.empty:
                        parts[("indicators", "")] = sid
                    _publish(cur, sid, "publish", uploaded_by, now, parts)
                if also is not None:
                    also(cur, sid)
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
            if publish:
                published.export_if_stale(cur)
            return LoadResult(sid, duplicate=False, published=publish)
        finally:
            cur.close()


def _insert_frame(cur: duckdb.DuckDBPyConnection, table: str, sid: int, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = [c for c in frame.columns]
    # As an Arrow table: DuckDB reads the Arrow-backed columns without a pandas scan (the 1M
    # indicator rows of bench size l: 0.37 s -> 0.19 s). NaN and NaT become NULL either way.
    cur.register("incoming_frame", pa.Table.from_pandas(frame, preserve_index=False))
    try:
        cols = ", ".join(columns)
        cur.execute(f"insert into {table} (snapshot_id, {cols}) select ?, {cols} from incoming_frame",
                    [sid])
    finally:
        cur.unregister("incoming_frame")


def _publish(cur: duckdb.DuckDBPyConnection, sid: int, action: str, by: str, now: dt.datetime,
             parts: dict[tuple[str, str], int | None] | None = None) -> int:
    """Append one publication; ``parts`` (default: every part of ``sid``) says who holds what after it."""
    pid = int(cur.execute("select nextval('publication_seq')").fetchone()[0])
    cur.execute("insert into publication values (?, ?, ?, ?, ?)", [pid, sid, action, now, by])
    if parts is None:
        parts = {part: sid for part in snapshot_parts(cur, sid)}
    if parts:  # one statement: executemany took 0.18 s for the 1,000 plans of bench size l
        rows = sorted(parts.items())
        cur.execute("insert into publication_part select $pid, unnest($parts), unnest($plans), unnest($holders)",
                    {"pid": pid, "parts": [part for (part, _), _ in rows], "plans": [plan for (_, plan), _ in rows],
                     "holders": [holder for _, holder in rows]})
    return pid


def in_transaction(con: duckdb.DuckDBPyConnection, work) -> object:
    """Run ``work(cur)`` in one transaction under the process's write lock (all or nothing).

    After the commit, a change to what is published (a publication, an upload deleted) is written
    out as the new read-only published copy before this returns (``published``).
    """
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            cur.execute("begin transaction")
            try:
                result = work(cur)
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
            published.export_if_stale(cur)
            return result
        finally:
            cur.close()


@contextlib.contextmanager
def writing(path: str | os.PathLike | None = None, on_wait: Callable[[float], None] | None = None,
            timeout: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The working database, read-write, for one act of writing: under the writers' cross-process
    lock (a second writer waits; ``on_wait`` is told once after 2 s), closed afterwards. On the way
    out the published copy is brought up to date if it lags (a writer killed after its commit)."""
    working = db_path(path)
    with published.writer_lock(working, on_wait, timeout):
        con = connect(working)
        try:
            yield con
            published.export_if_stale(con)
        finally:
            con.close()


def published_file(path: str | os.PathLike | None = None) -> Path:
    """The current read-only published copy of the database at ``path`` (written now if there is none
    yet, or if it lags behind the working database)."""
    working = db_path(path)
    current = published.current_file(working)
    if current is None or not current.exists():
        with writing(working):
            pass
        current = published.current_file(working)
    return current


def connect_published(path: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current published copy: what viewers and reader scripts see.
    Never blocks a writer, and a writer never blocks it."""
    for _ in range(3):
        try:
            return published.open_read_only(published_file(path))
        except duckdb.IOException:  # removed by a writer's clean-up between reading CURRENT and opening
            continue
    return published.open_read_only(published_file(path))


def set_current(con: duckdb.DuckDBPyConnection, snapshot_id: int, *, by: str,
                action: str = "rollback", expected: dict[tuple[str, str], int | None] | None = None) -> None:
    """Make every part of an existing upload current (publish a preview, or restore an earlier report).

    Parts the upload does not contain stay as they are. With ``expected`` (part -> holder when the
    preview was made), the publication is refused inside the transaction if any of those parts has
    changed hands since (``StaleState``). Recorded, never destructive.
    """
    def work(cur):
        if cur.execute("select 1 from snapshot where snapshot_id = ?", [snapshot_id]).fetchone() is None:
            raise KeyError(f"no snapshot {snapshot_id}")
        if expected is not None:
            now_held = current_parts(cur)
            changed = {p for p, holder in expected.items() if now_held.get(p) != holder}
            if changed:
                raise StaleState(sorted(changed))
        _publish(cur, snapshot_id, action, by, dt.datetime.now().replace(microsecond=0))
    in_transaction(con, work)


class StaleState(Exception):
    """Someone changed the parts a preview compared with; compare again first."""


def previous_holders(con: duckdb.DuckDBPyConnection, snapshot_id: int) -> dict[tuple[str, str], int | None]:
    """For each part ``snapshot_id`` holds now: the upload that held it before (None: nobody)."""
    rows = con.execute("""
        with held as (
            select part, plan_id, publication_id from current_part where snapshot_id = $sid
        )
        select h.part, h.plan_id, (
            select pp.snapshot_id
            from publication_part as pp
            where pp.part = h.part and pp.plan_id = h.plan_id and pp.publication_id < h.publication_id
                and pp.snapshot_id is distinct from $sid
            order by pp.publication_id desc
            limit 1
        ) as before
        from held as h
        order by h.part, h.plan_id
    """, {"sid": snapshot_id}).fetchall()
    return {(part, plan): (None if before is None else int(before)) for part, plan, before in rows}


def withdraw(con: duckdb.DuckDBPyConnection, snapshot_id: int, *, by: str) -> dict[tuple[str, str], int | None]:
    """Undo an upload's publication: every part it holds goes back to its earlier holder, nothing else
    changes. Returns what was restored (part -> upload, None = the part is empty again)."""
    def work(cur):
        restored = previous_holders(cur, snapshot_id)
        if not restored:
            raise ValueError(f"snapshot {snapshot_id} holds no part of the published state")
        _publish(cur, snapshot_id, "withdraw", by, dt.datetime.now().replace(microsecond=0), parts=restored)
        return restored
    return in_transaction(con, work)


def discard_unpublished(con: duckdb.DuckDBPyConnection, snapshot_id: int, also: Also | None = None) -> bool:
    """Delete an upload that was never published (a preview the analyst discarded).

    It also works when it is the only snapshot (the first upload into an empty
    database), and it refuses, inside the same transaction, any snapshot that has
    a publication row. False when refused.
    """
    def work(cur) -> bool:
        if cur.execute("select 1 from publication where snapshot_id = ? limit 1", [snapshot_id]).fetchone():
            return False
        for table in ("measure", "indicator", "schedule", "snapshot_file", "snapshot"):
            cur.execute(f"delete from {table} where snapshot_id = ?", [snapshot_id])
        if also is not None:
            also(cur, snapshot_id)
        return True
    return in_transaction(con, work)


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
        for table in ("snapshot", "snapshot_file", "publication", "publication_part", "measure", "indicator",
                      "schedule"):
            out[table] = cur.execute(
                f"select count(*), coalesce(sum(hash(t)), 0) from {table} as t").fetchone()
        return out
    finally:
        cur.close()
