"""Crash safety: kill -9 the CLI in the middle of ingesting a large export.

Two ways to land inside the load:
- pause points: the CLI runs in a child process with ``db._insert_frame`` /
  ``db._publish`` wrapped to announce "inside the transaction, after X" on
  stdout and wait there; the test kills it with SIGKILL at that moment. This
  hits the window every time (after all measure rows, after the schedule rows,
  after the publication row but before COMMIT).
- timed kills: the same child without pausing, killed a few milliseconds after
  the load starts, so some kills land during inserts or the commit itself.

After every kill the database must open, the previous snapshot be current and
intact (table fingerprint unchanged), and the half-loaded upload leave no
trace — so the same file then loads normally instead of being taken for a
duplicate. A kill after the load returned must find the new snapshot whole.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ogp_monitor.store import db
from tests.helpers import MEASURE_HEADERS, measure_row
from tests.hostile.make_catalogue import raw_xlsx, rows_xml, sheet_xml

ROOT = Path(__file__).resolve().parent.parent
PLAN = "Slodzes pārbaudes plāns"  # a plan of its own: the sample's plans stay as they are

CHILD = r"""
import sys, time
from ogp_monitor import cli
from ogp_monitor.store import db
pause_at = sys.argv[1]
real_insert, real_publish, real_load = db._insert_frame, db._publish, db.load

def say(text):
    print(text, flush=True)

def insert(cur, table, sid, frame):
    real_insert(cur, table, sid, frame)
    say(f"inserted {table} {len(frame)}")
    if pause_at == table:
        say("PAUSED"); time.sleep(600)

def publish(cur, sid, action, by, now, parts=None):
    result = real_publish(cur, sid, action, by, now, parts)
    say("published")
    if pause_at == "publish":
        say("PAUSED"); time.sleep(600)
    return result

def load(*args, **kwargs):
    say("LOAD START")
    result = real_load(*args, **kwargs)
    say("LOAD DONE")
    if pause_at == "after_commit":
        say("PAUSED"); time.sleep(600)
    return result

db._insert_frame, db._publish, db.load = insert, publish, load
sys.exit(cli.main(["ingest", sys.argv[2], "--db", sys.argv[3], "--by", "crash-test"]))
"""


def big_export(path: Path, n: int) -> Path:
    """A valid export with n measures (streamed, never held whole in memory)."""
    def stream(out) -> None:
        out.write(sheet_xml(rows_xml([MEASURE_HEADERS]))[:-len(b"</sheetData></worksheet>")])
        for start in range(0, n, 5000):
            rows = [measure_row(f"{1 + i // 100}.{1 + i % 100}", ("Nav uzsākts", "Uzsākts", "Pabeigts")[i % 3],
                                commitment=str(1 + i // 100), title=f"Pasākums {i} — ūdens, ķīmija",
                                report="30.11.2025", plan=PLAN)
                    for i in range(start, min(n, start + 5000))]
            out.write(rows_xml(rows, first_row=2 + start).encode())
        out.write(b"</sheetData></worksheet>")
    raw_xlsx(path, [("Pasākumi", stream)])
    return path


def _state(path: Path) -> tuple[dict, int | None, int]:
    con = db.connect(path)  # must open (read-write: replays or discards the WAL)
    try:
        cur = con.cursor()
        # the big export's plan ("5. plāns", new): its current report is what a kill must not half-change
        return (db.table_fingerprint(con), db.current_snapshot_id(cur),
                len(db.run_query(con, "measures", plan_id=PLAN)))
    finally:
        con.close()


def _run_and_kill(file: Path, db_path: Path, pause_at: str, delay: float | None) -> list[str]:
    """Start the CLI ingest; SIGKILL it when paused, or ``delay`` seconds after LOAD START."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, pause_at, str(file), str(db_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("PAUSED"):
                break
            if delay is not None and line.startswith("LOAD START"):
                time.sleep(delay)
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL or (delay is not None and proc.returncode == 0), (
        proc.returncode, lines, proc.stderr.read()[-2000:])
    return lines


def _crash_cycle(tmp_path: Path, fresh_db: Path, n_rows: int, pauses: list[str], delays: list[float]) -> dict:
    file = big_export(tmp_path / "liels_eksports.xlsx", n_rows)
    before, current_before, measures_before = _state(fresh_db)
    inside = 0
    for pause in pauses:
        lines = _run_and_kill(file, fresh_db, pause, None)
        assert "PAUSED" in lines, lines
        after, current_after, measures_after = _state(fresh_db)
        assert current_after == current_before, f"kill at {pause}: the current snapshot changed"
        assert after == before, f"kill at {pause}: the half-loaded upload left a trace"
        assert measures_after == measures_before
        inside += 1
    committed = 0
    for delay in delays:
        lines = _run_and_kill(file, fresh_db, "none", delay)
        after, current_after, _ = _state(fresh_db)
        if "LOAD DONE" in lines or after != before:
            # The commit finished before the kill: the new snapshot must be whole and current.
            con = db.connect(fresh_db)
            try:
                n = con.execute("select count(*) from measure where snapshot_id = ?", [current_after]).fetchone()[0]
                n_snap = con.execute("select n_measures from snapshot where snapshot_id = ?",
                                     [current_after]).fetchone()[0]
            finally:
                con.close()
            assert current_after != current_before and n == n_snap == n_rows, (delay, n, n_snap)
            committed += 1
            break  # the file is loaded now; later delays would only find a duplicate
        assert current_after == current_before and after == before, f"kill {delay}s into the load left a trace"
        inside += 1
    # The same file now loads normally: nothing of the killed attempts is mistaken for a duplicate.
    if not committed:
        proc = subprocess.run([sys.executable, "-m", "ogp_monitor", "ingest", str(file), "--db", str(fresh_db)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0 and "identical" not in proc.stdout, proc.stdout + proc.stderr
        _, current_final, n_final = _state(fresh_db)
        assert current_final != current_before and n_final == n_rows
    return {"kills_inside_load": inside, "kills_after_commit": committed}


def test_kill_9_inside_the_load_leaves_no_trace(tmp_path, fresh_db, artifacts):
    result = _crash_cycle(tmp_path, fresh_db, 20_000, ["measure", "schedule", "publish"], [0.0, 0.02])
    (artifacts / "crash_safety_default.json").write_text(json.dumps({"rows": 20_000, **result}), encoding="utf-8")
    assert result["kills_inside_load"] >= 3


def test_kill_9_after_commit_keeps_the_new_snapshot(tmp_path, fresh_db):
    file = big_export(tmp_path / "eksports.xlsx", 5_000)
    _, current_before, _ = _state(fresh_db)
    lines = _run_and_kill(file, fresh_db, "after_commit", None)
    assert "LOAD DONE" in lines
    _, current_after, n = _state(fresh_db)
    assert current_after != current_before and n == 5_000


@pytest.mark.stress
def test_kill_9_during_a_100k_row_ingest_at_many_points(tmp_path, fresh_db, artifacts):
    result = _crash_cycle(tmp_path, fresh_db, 100_000, ["measure", "indicator", "schedule", "publish"],
                          [0.0, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3])
    (artifacts / "crash_safety_stress.json").write_text(json.dumps({"rows": 100_000, **result}), encoding="utf-8")
    assert result["kills_inside_load"] >= 5
