"""The published state as read-only files, and the one-writer lock.

DuckDB lets one process open a file read-write, or many open it read-only, never both. So the
working database (uploads, previews, rounds, history) is opened read-write only by a writer, briefly
and under a cross-process lock (``writer_lock``), and every reader (each dashboard process, the CLI's
``query`` and ``deck``) opens an immutable copy of it, written after every publication:

    data/ogp.duckdb                      the working database (writers only)
    data/ogp.duckdb.lock                 the writers' lock (flock)
    data/ogp.published/CURRENT           {"file": "p12-….duckdb", "key": [12, "2026-…"]}
    data/ogp.published/p12-….duckdb      the state after publication 12, never changed again

A copy is complete before its name appears: it is written under a temporary name, fsynced, renamed,
and only then is ``CURRENT`` replaced the same way. ``kill -9`` at any moment leaves ``CURRENT``
naming a complete file (perhaps the previous one: the next writer, or the next dashboard start,
notices the stale key and writes the copy again).

This module knows files and DuckDB, not the schema's meaning; ``db`` calls ``export_if_stale`` after
every commit.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

POINTER = "CURRENT"
KEEP_PREVIOUS = 2  # older copies a reader that has not rerun yet may still be opening

# What viewers never need, and should not carry: the uploaded originals and the rounds' returns
# (the working database keeps them; the History and Datu vākšana pages read them there).
_NOT_PUBLISHED = ("snapshot_file", "round_answer", "round_return", "round_event")


def published_dir(working: Path) -> Path:
    return working.with_name(working.stem + ".published")


def lock_file(working: Path) -> Path:
    return working.with_name(working.name + ".lock")


# ---- the writers' lock -------------------------------------------------------

class _ProcessLock:
    """The flock on one working database, shared by the threads of this process.

    flock excludes other processes. Inside one process the sessions share one DuckDB instance (and
    used to share one connection), so they only count holders: the file lock is taken by the first
    and released by the last.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.guard = threading.Lock()
        self.holders = 0
        self.fd: int | None = None

    def acquire(self, on_wait: Callable[[float], None] | None, timeout: float | None) -> None:
        with self.guard:
            if self.holders == 0:
                self.fd = _flock(self.path, on_wait, timeout)
            self.holders += 1

    def release(self) -> None:
        with self.guard:
            self.holders -= 1
            if self.holders == 0 and self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
                os.close(self.fd)
                self.fd = None


_LOCKS: dict[str, _ProcessLock] = {}
_LOCKS_GUARD = threading.Lock()


class LockTimeout(Exception):
    """Another writer held the database for longer than the caller would wait."""


def _flock(path: Path, on_wait: Callable[[float], None] | None, timeout: float | None) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    start = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            waited = time.monotonic() - start
            if timeout is not None and waited > timeout:
                os.close(fd)
                raise LockTimeout(f"{path}: another writer has held it for {waited:.0f} s") from None
            if on_wait is not None and not told and waited >= 2.0:
                on_wait(waited)
                told = True
            time.sleep(0.05)


@contextlib.contextmanager
def writer_lock(working: Path, on_wait: Callable[[float], None] | None = None,
                timeout: float | None = None) -> Iterator[None]:
    """Hold the writers' lock on ``working`` (waits; ``on_wait`` is told once after 2 s of waiting)."""
    key = str(lock_file(working).resolve())
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(key, _ProcessLock(Path(key)))
    lock.acquire(on_wait, timeout)
    try:
        yield
    finally:
        lock.release()


# ---- the pointer and the copies ----------------------------------------------

def read_pointer(working: Path) -> dict | None:
    try:
        return json.loads((published_dir(working) / POINTER).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def current_file(working: Path) -> Path | None:
    """The complete published copy ``CURRENT`` names (None before the first one is written)."""
    pointer = read_pointer(working)
    return None if pointer is None else published_dir(working) / pointer["file"]


def state_key(con: duckdb.DuckDBPyConnection) -> list:
    """What the published state depends on: every publication (publish, rollback, withdraw) adds a
    row. Its time tells a re-created database (ids from 1 again) from the one before. An upload not
    yet published changes nothing viewers see, so it writes no copy."""
    row = con.execute("select publication_id, acted_at from publication order by publication_id desc limit 1").fetchone()
    return [0, ""] if row is None else [int(row[0]), row[1].isoformat()]


def working_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    return Path(row[0]) if row and row[0] and row[0] != ":memory:" else None


def export_if_stale(con: duckdb.DuckDBPyConnection) -> Path | None:
    """Write a new published copy when the working database has moved on since ``CURRENT``.

    Call it with the writers' lock held, outside any transaction. Returns the new copy, or None when
    the current one is up to date (or the database is in memory).
    """
    working = working_path(con)
    if working is None:
        return None
    key = state_key(con)
    pointer = read_pointer(working)
    if pointer is not None and pointer.get("key") == key and (published_dir(working) / pointer["file"]).exists():
        return None
    return export(con, working, key)


def export(con: duckdb.DuckDBPyConnection, working: Path, key: list[int]) -> Path:
    folder = published_dir(working)
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.glob("*.tmp*"):  # a writer killed half-way (we hold the lock: nobody else writes)
        leftover.unlink(missing_ok=True)
    name = f"p{key[0]}-{secrets.token_hex(4)}.duckdb"
    tmp = folder / f"{name}.tmp"
    alias = f"pub_{secrets.token_hex(4)}"
    source = con.execute("select current_database()").fetchone()[0]
    con.execute(f"attach '{_quoted(tmp)}' as {alias}")
    try:
        con.execute(f'copy from database "{source}" to {alias}')
        for table in _NOT_PUBLISHED:
            if con.execute("select 1 from duckdb_tables() where database_name = ? and table_name = ?",
                           [alias, table]).fetchone():
                con.execute(f"delete from {alias}.{table}")
    finally:
        con.execute(f"detach {alias}")  # checkpoints: the file is complete, no WAL beside it
    fsync(tmp)
    os.replace(tmp, folder / name)
    pointer_tmp = folder / f"{POINTER}.tmp"
    pointer_tmp.write_text(json.dumps({"file": name, "key": key}), encoding="utf-8")
    fsync(pointer_tmp)
    os.replace(pointer_tmp, folder / POINTER)
    fsync(folder)
    _clean(folder, name)
    return folder / name


def _clean(folder: Path, current: str) -> None:
    """Remove copies older than the last few. A reader that still has one open keeps reading it (an
    unlinked file lives until its last descriptor closes); one about to open it re-reads CURRENT."""
    older = sorted((p for p in folder.glob("p*.duckdb") if p.name != current),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in older[KEEP_PREVIOUS:]:
        stale.unlink(missing_ok=True)
        stale.with_name(stale.name + ".wal").unlink(missing_ok=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def fsync(path: Path) -> None:
    """Flush a file or a folder (after a rename: the new name) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)
