"""Frames to Parquet with DuckDB's own ``COPY ... (FORMAT parquet)``: the open data package's
Parquet files, without another Parquet library.

It lives in ``store/`` because only ``store/`` (and ``ingest/``, in memory) may use DuckDB. It reads
nothing from the database: the frame is registered on a cursor of the given connection and copied,
so the Parquet file holds exactly the rows and values of the CSV written from the same frame.
"""

from __future__ import annotations

import os

import duckdb
import pandas as pd

# Table Schema field types -> the Parquet column's DuckDB type. Each column is cast explicitly, so
# an empty frame (or a column with no value) still gets its declared type, not DuckDB's guess.
DUCKDB_TYPES = {"string": "varchar", "date": "date", "number": "double", "integer": "bigint",
                "boolean": "boolean"}


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, path: str | os.PathLike,
          types: dict[str, str]) -> None:
    """Write ``frame`` to ``path`` as Parquet (zstd), each column cast to its Table Schema type
    (``types``: column -> ``string``/``date``/``number``/``integer``/``boolean``). Column order and
    row order are the frame's; date cells may be ``datetime.date`` or timestamps."""
    unknown = {c: types.get(c) for c in frame.columns if types.get(c) not in DUCKDB_TYPES}
    if unknown:
        raise ValueError(f"no Parquet type for {unknown}")
    # Identifiers and types come from the package's own schema (never from data); values are never
    # spliced in: the rows come from the registered frame and the path is a bound parameter.
    columns = ", ".join(f"cast({_identifier(c)} as {DUCKDB_TYPES[types[c]]}) as {_identifier(c)}"
                        for c in frame.columns)
    cur = con.cursor()
    try:
        cur.register("parquet_frame", frame)
        try:
            cur.execute(f"copy (select {columns} from parquet_frame) to $path (format parquet, compression zstd)",
                        {"path": os.fspath(path)})
        finally:
            cur.unregister("parquet_frame")
    finally:
        cur.close()
