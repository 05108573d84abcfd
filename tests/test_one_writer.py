"""One writer, many readers: published read-only copies, the atomic pointer, the writers' lock, and the CLI
working while other processes read (docs/operations.md#one-writer-many-readers)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from ogp_monitor.store import db, published, publishing

from .helpers import measure_row, measures_workbook

ROOT = Path(__file__).resolve().parent.parent
PLAN5 = "5. plāns 2022–2025"


def cli(*args: str, db_file: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ogp_monitor", *args, "--db", str(db_file)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def child(code: str, db_file: Path) -> subprocess.Popen:
    """Another process on the same database (a dashboard, a scheduled job)."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "OGP_DB": str(db_file)})


def current_measures(path: Path) -> int:
    con = db.connect_published(path)
    try:
        return len(db.run_query(con, "measures", plan_id=PLAN5))
    finally:
        con.close()


def december_report() -> bytes:
    rows = [measure_row("1.1", status="Pabeigts", plan=PLAN5, report="15.12.2025"),
            measure_row("1.2", status="Pabeigts", plan=PLAN5, report="15.12.2025")]
    return measures_workbook(rows)


def test_every_publication_writes_a_read_only_copy_and_moves_the_pointer(fresh_db):
    first = db.published_file(fresh_db)
    con = db.connect(fresh_db)
    try:
        snaps = db.run_query(con, "snapshots")
        earlier = int(snaps[~snaps["is_current"]]["snapshot_id"].iloc[0])
        publishing.rollback(con, earlier, "anna")
    finally:
        con.close()
    second = db.published_file(fresh_db)
    assert second != first and second.exists()
    pointer = json.loads((published.published_dir(fresh_db) / published.POINTER).read_text())
    assert pointer["file"] == second.name
    reader = duckdb.connect(str(second), read_only=True)
    try:
        with pytest.raises(duckdb.Error):  # immutable for readers
            reader.execute("delete from measure")
        assert reader.execute("select count(*) from snapshot_file").fetchone()[0] == 0  # no uploaded originals
        latest = reader.execute("select max(publication_id) from publication").fetchone()[0]
        assert latest == pointer["key"][0]
    finally:
        reader.close()


def test_a_reader_keeps_its_copy_until_it_moves_on(fresh_db):
    old = db.connect_published(fresh_db)
    before = len(db.run_query(old, "measures", plan_id=PLAN5))
    result = cli("ingest", "-", db_file=fresh_db)  # a bad argument: nothing changes
    assert result.returncode == 2
    path = fresh_db.parent / "dec.xlsx"
    path.write_bytes(december_report())
    result = cli("ingest", str(path), "--yes", db_file=fresh_db)
    assert result.returncode == 0, result.stderr
    assert len(db.run_query(old, "measures", plan_id=PLAN5)) == before  # one copy: never a mix
    old.close()
    assert current_measures(fresh_db) == 2  # the next open sees the new report


def test_the_cli_writes_and_reads_while_a_dashboard_process_reads(fresh_db):
    # A "dashboard": holds the published copy open read-only, as every Streamlit process does.
    viewer = child("""
        import sys, time
        from ogp_monitor.store import db
        con = db.connect_published()
        print(len(db.run_query(con, "snapshots")), flush=True)
        sys.stdin and time.sleep(30)
    """, fresh_db)
    try:
        assert viewer.stdout.readline().strip().isdigit()
        path = fresh_db.parent / "dec.xlsx"
        path.write_bytes(december_report())
        for args in (["snapshots"], ["query", "status_counts"], ["ingest", str(path), "--yes"],
                     ["template", str(fresh_db.parent / "t.xlsx")]):
            result = cli(*args, db_file=fresh_db) if args[0] != "template" else subprocess.run(
                [sys.executable, "-m", "ogp_monitor", *args], cwd=ROOT, capture_output=True, text=True)
            assert result.returncode == 0, (args, result.stderr)
        assert current_measures(fresh_db) == 2
    finally:
        viewer.kill()
        viewer.wait()


def test_a_second_writer_waits_and_says_so(fresh_db):
    holder = child("""
        import time
        from ogp_monitor.store import db
        with db.writing():
            print("holding", flush=True)
            time.sleep(4)
    """, fresh_db)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        result = cli("snapshots", db_file=fresh_db)
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert "waiting for another writer" in result.stderr
    assert waited >= 2  # it waited for the holder, then did its work
    assert "ogp_2025-09-29" in result.stdout


def test_publish_and_rollback_from_the_cli(fresh_db):
    con = db.connect(fresh_db)
    try:
        stage = publishing.check_and_stage(con, december_report(), "dec.xlsx", "anna", plan_id=None)
    finally:
        con.close()
    assert not stage.errors
    before = current_measures(fresh_db)
    result = cli("publish", str(stage.snapshot_id), "--by", "anna", db_file=fresh_db)
    assert result.returncode == 2 and "--yes" in result.stderr  # 24 of 26 measures would go
    assert current_measures(fresh_db) == before
    result = cli("publish", str(stage.snapshot_id), "--yes", "--by", "anna", db_file=fresh_db)
    assert result.returncode == 0, result.stderr
    assert current_measures(fresh_db) == 2
    result = cli("publish", str(stage.snapshot_id), db_file=fresh_db)
    assert result.returncode == 2 and "already published" in result.stderr
    result = cli("rollback", str(stage.snapshot_id - 1), "--by", "anna", db_file=fresh_db)
    assert result.returncode == 0, result.stderr
    assert current_measures(fresh_db) == before
    con = db.connect(fresh_db)
    try:
        log = db.run_query(con, "publication_log")
    finally:
        con.close()
    assert {"publish", "rollback"} <= set(log["action"]) and "anna" in set(log["acted_by"])


def test_a_pointer_left_behind_by_a_killed_writer_is_caught_up(fresh_db):
    db.published_file(fresh_db)
    folder = published.published_dir(fresh_db)
    old = json.loads((folder / published.POINTER).read_text())
    con = db.connect(fresh_db)
    try:
        snaps = db.run_query(con, "snapshots")
        publishing.rollback(con, int(snaps[~snaps["is_current"]]["snapshot_id"].iloc[0]), "anna")
    finally:
        con.close()
    (folder / published.POINTER).write_text(json.dumps(old))  # as if killed between commit and copy
    with db.writing(fresh_db):
        pass
    assert json.loads((folder / published.POINTER).read_text())["key"] != old["key"]


def test_kill_9_of_a_writer_never_leaves_the_pointer_on_a_broken_file(fresh_db):
    db.published_file(fresh_db)
    con = db.connect(fresh_db)
    try:
        ids = [int(s) for s in db.run_query(con, "snapshots")["snapshot_id"]]
    finally:
        con.close()
    writer = """
        import itertools
        from ogp_monitor.store import db, publishing
        with db.writing() as con:
            for sid in itertools.cycle(%r):
                try:
                    publishing.rollback(con, sid, "loop")
                except ValueError:
                    pass
    """ % (ids,)
    for delay in (0.3, 0.7, 1.1, 1.6, 2.2):
        proc = child(writer, fresh_db)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        target = published.current_file(fresh_db)
        reader = duckdb.connect(str(target), read_only=True)
        try:
            n = reader.execute("select count(*) from publication").fetchone()[0]
            key = json.loads((published.published_dir(fresh_db) / published.POINTER).read_text())["key"]
            assert reader.execute("select max(publication_id) from publication").fetchone()[0] == key[0]
            assert n >= 2
        finally:
            reader.close()
        assert current_measures(fresh_db) > 0
    # A kill after a copy's rename and before the clean-up can leave one copy more than the limit;
    # the next publication cleans it (in CI a kill landed there once in five runs).
    with db.writing(fresh_db) as con:
        for sid in ids:
            try:
                publishing.rollback(con, sid, "after the kills")
                break
            except ValueError:  # already current
                continue
        else:
            pytest.fail("no snapshot could be made current")
    files = list(published.published_dir(fresh_db).glob("p*.duckdb"))
    assert len(files) <= 1 + published.KEEP_PREVIOUS  # older copies are cleaned up
