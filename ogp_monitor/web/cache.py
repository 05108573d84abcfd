"""The dashboard's data access: the process's DuckDB connection and query results cached per data version.

Every query runs on its own cursor of one cached connection (DuckDB refuses a
connection used from two threads, and every browser session is a thread).
Results are cached per data version (the latest publication and upload), so a
publish or rollback refreshes every viewer at their next interaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pandas as pd
import streamlit as st

from ..store import db


class Filters(Protocol):
    """What a cached query needs of the shared filters (``filters.Filters`` has it)."""

    snapshot_id: int | None
    lang: str


@st.cache_resource(show_spinner=False, on_release=lambda con: con.close())
def _connection(path: str):
    return db.connect(path)


def connection():
    """The process's one DuckDB connection (each query runs on its own cursor)."""
    return _connection(str(db.db_path()))


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
    return _cached_query(name, data_version(), snapshot_id, items, str(db.db_path()))


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
    return _figure(kind, data_version(), f.snapshot_id, key, f.lang, scale, str(db.db_path()), _build=build)
