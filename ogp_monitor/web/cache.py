"""The dashboard's data access: the process's DuckDB connection and query results cached per data version.

Every query runs on its own cursor of one cached connection (DuckDB refuses a
connection used from two threads, and every browser session is a thread).
Results are cached per data version (the latest publication and upload), so a
publish or rollback refreshes every viewer at their next interaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pandas as pd
import streamlit as st

from ..store import db


class Filters(Protocol):
    """What a cached query needs of the shared filters (``filters.Filters`` has it)."""

    snapshot_id: int | None
    lang: str


@st.cache_resource(show_spinner=False, max_entries=4, on_release=lambda con: con.close())
def _connection(published_file: str):
    # One per published copy. Kept for a few publications, so a session still finishing a run on the
    # previous copy is not cut off; released (closed) after that.
    from ..store import published
    return published.open_read_only(Path(published_file))


_PINNED = "_published_file"


def pin_published() -> None:
    """At the start of every script run (app.py): this run reads one published copy from start to end,
    however many publications happen meanwhile; the next run moves to the newest."""
    st.session_state[_PINNED] = str(db.published_file())


def connection():
    """The current published copy, read-only (each query runs on its own cursor). Viewers never open
    the working database, so they never block a writer, in this process or another."""
    pinned = st.session_state.get(_PINNED)
    if pinned and Path(pinned).exists():
        try:
            return _connection(pinned)
        except Exception:  # removed by a writer's clean-up since the pin: take the newest
            pass
    return _connection(str(db.published_file()))


class Working:
    """The working database for one analyst page run (upload, history, rounds): opened read-write at
    its first use, under the writers' lock, and closed at the end of the run (``release_working`` in
    app.py), so the CLI and other dashboard processes can write between two clicks."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._context = None
        self._con = None

    def _open(self):
        if self._con is None:
            context = db.writing(self._path)
            self._con = context.__enter__()
            self._context = context
        return self._con

    def __getattr__(self, name: str):
        return getattr(self._open(), name)

    def release(self) -> None:
        context, self._context, self._con = self._context, None, None
        if context is not None:
            context.__exit__(None, None, None)


_WORKING = "_working_db"


def working() -> Working:
    """This session's handle on the working database (the same across a run and its callbacks)."""
    held = st.session_state.get(_WORKING)
    if not isinstance(held, Working) or held._path != db.db_path():
        held = Working(db.db_path())
        st.session_state[_WORKING] = held
    return held


def release_working() -> None:
    held = st.session_state.get(_WORKING)
    if isinstance(held, Working):
        held.release()


def with_working(work: Callable[[object], object]) -> Callable[[], object]:
    """A download's source that needs the working database: runs on click, outside the script run,
    with its own short hold of the writers' lock."""
    path = db.db_path()

    def run() -> object:
        with db.writing(path) as con:
            return work(con)
    return run


def _current_path() -> str:
    return st.session_state.get(_PINNED) or str(db.published_file())


def data_version() -> tuple[int, int]:
    """(latest publication id, latest snapshot id): changes with every publish or rollback."""
    cur = connection().cursor()
    try:
        row = cur.execute("select (select coalesce(max(publication_id), 0) from publication), "
                          "(select coalesce(max(snapshot_id), 0) from snapshot)").fetchone()
        return int(row[0]), int(row[1])
    finally:
        cur.close()



@st.cache_data(max_entries=512, show_spinner=False)
def _cached_query(name: str, version: tuple[int, int], snapshot_id: int | None,
                  params: tuple[tuple[str, object], ...], path: str = "") -> pd.DataFrame:
    kwargs = dict(params)
    if "snapshot_id" in db.query_parameters(name):
        kwargs["snapshot_id"] = snapshot_id
    return db.run_query(connection(), name, **kwargs)


def run(name: str, snapshot_id: int | None = None, **params: object) -> pd.DataFrame:
    """Run a named query on ``snapshot_id``, cached per data version and snapshot; None params mean "all"."""
    wanted = set(db.query_parameters(name))
    items = tuple(sorted((k, v) for k, v in params.items() if k in wanted))
    return _cached_query(name, data_version(), snapshot_id, items, _current_path())


def query(f: Filters, name: str, snapshot_id: int | None = None, **params: object) -> pd.DataFrame:
    """Run a named query for the shared filters ``f``: their report unless ``snapshot_id`` is given."""
    return run(name, snapshot_id if snapshot_id is not None else f.snapshot_id, **params)


def snapshots() -> pd.DataFrame:
    """Published snapshots only (an upload awaiting review is not shown to viewers)."""
    snaps = run("snapshots")
    return snaps[snaps["is_published"]].reset_index(drop=True)


def uncached_query(name: str, snapshot_id: int | None, **params: object) -> Callable[[], pd.DataFrame]:
    """A download's source: runs the named query when called (on click, outside the script run, so
    nothing here may use ``st``), and a table of a million rows never passes through the cache."""
    con = connection()
    if "snapshot_id" in db.query_parameters(name):
        params["snapshot_id"] = snapshot_id
    return lambda: db.run_query(con, name, **params)



@st.cache_data(max_entries=256, show_spinner=False)
def _figure(kind: str, version: tuple[int, int], snapshot_id: int | None, key: tuple, lang: str, scale: float,
            path: str, _build: Callable[[], object]) -> dict:
    return _build().to_dict()  # _build: not hashed (leading underscore); key says what it draws


def cached_figure(kind: str, key: tuple, f: Filters, scale: float, build: Callable[[], object]) -> dict:
    """A chart's figure (as a dict for ``tables.chart``), built once per data version, snapshot, language,
    scale and ``key``, which must name everything else the figure depends on (what is selected).
    ``build`` runs only on a miss: a warm run does not build the chart again."""
    return _figure(kind, data_version(), f.snapshot_id, key, f.lang, scale, _current_path(), _build=build)
