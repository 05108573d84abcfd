"""Concurrency: 20 viewers reading while an analyst publishes; two analysts publishing at once.

The app holds one DuckDB connection per process and runs every query on its
own cursor (web.query -> db.run_query); Streamlit runs each browser session in
its own thread. These tests do exactly that with plain threads, so they are
fast and deterministic enough for the default suite.
"""

from __future__ import annotations

import threading
import time

from ogp_monitor.store import db, pipeline
from tests.helpers import measure_row, measures_workbook

N_VIEWERS = 20
NEW_PLAN = "7. plāns 2028–2029"


def _new_export(n: int, plan: str = NEW_PLAN, report: str = "31.12.2025", status: str = "Pabeigts") -> bytes:
    rows = [measure_row(f"{1 + i // 10}.{1 + i % 10}", status, commitment=str(1 + i // 10), plan=plan,
                        report=report, title=f"Jauns pasākums {i} — ūdens, ķīmija") for i in range(n)]
    return measures_workbook(rows)


def _view(con) -> tuple[tuple, int]:
    """What one page run shows: the current measures of every plan (plan, number, status group)."""
    measures = db.run_query(con, "measures")
    key = tuple(sorted(zip(measures["plan_id"], measures["measure_no"], measures["status_group"])))
    return key, len(measures)


def test_twenty_viewers_see_whole_old_or_whole_new_state_during_publish(fresh_db):
    con = db.connect(fresh_db)
    try:
        old_key = _view(con)[0]
        checked = pipeline.check(_new_export(60), "jauns.xlsx")
        assert checked.ok, [p.line("en") for p in checked.errors]

        start = threading.Barrier(N_VIEWERS + 1)
        published = threading.Event()
        stop = threading.Event()
        errors: list[str] = []
        seen: list[list[str]] = [[] for _ in range(N_VIEWERS)]

        def viewer(i: int) -> None:
            start.wait()
            reads_after_publish = 0
            while not stop.is_set() and reads_after_publish < 5:
                try:
                    key, n = _view(con)
                except Exception as exc:  # noqa: BLE001 — any error is a failure we report
                    errors.append(f"viewer {i}: {type(exc).__name__}: {exc}")
                    return
                if key == old_key:
                    seen[i].append("old")
                elif (len(key) == len(old_key) + 60 and set(old_key) < set(key)
                      and {k[0] for k in set(key) - set(old_key)} == {NEW_PLAN}):  # the new plan added, whole
                    seen[i].append("new")
                else:
                    seen[i].append(f"MIX({n})")
                if published.is_set():
                    reads_after_publish += 1

        threads = [threading.Thread(target=viewer, args=(i,)) for i in range(N_VIEWERS)]
        for t in threads:
            t.start()
        start.wait()
        time.sleep(0.05)  # let every viewer be mid-read when the publish lands (not a timing assertion)
        result = pipeline.store(con, checked, uploaded_by="analītiķe")
        published.set()
        for t in threads:
            t.join(timeout=120)
        stop.set()
        assert not any(t.is_alive() for t in threads)

        assert not errors, errors
        mixes = [s for v in seen for s in v if s.startswith("MIX")]
        assert not mixes, f"a viewer saw a mix of snapshots: {mixes[:5]}"
        for i, views in enumerate(seen):
            assert views and views[-1] == "new", f"viewer {i} never saw the published snapshot: {views[-5:]}"
            first_new = views.index("new")
            assert "old" not in views[first_new:], f"viewer {i} went back to the old snapshot after seeing the new"
        assert sum(v.count("old") for v in seen) > 0, "no viewer read during the publish: the test proved nothing"
        assert db.current_snapshot_id(con.cursor()) == result.snapshot_id
    finally:
        con.close()


def test_two_analysts_publishing_at_the_same_moment_are_both_kept_in_order(fresh_db):
    con = db.connect(fresh_db)
    try:
        before = db.table_fingerprint(con)
        files = {
            "Anna": pipeline.check(_new_export(30, plan="8. plāns A", report="01.10.2025"), "anna.xlsx"),
            "Jānis": pipeline.check(_new_export(45, plan="8. plāns B", report="02.10.2025", status="Uzsākts"),
                                  "janis.xlsx"),
        }
        assert all(c.ok for c in files.values())
        go = threading.Barrier(2)
        results: dict[str, db.LoadResult] = {}
        errors: list[str] = []

        def analyst(name: str) -> None:
            go.wait()
            try:
                results[name] = pipeline.store(con, files[name], uploaded_by=name)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"{name}: {type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=analyst, args=(n,)) for n in files]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors, errors
        assert {r.snapshot_id for r in results.values()} and len({r.snapshot_id for r in results.values()}) == 2
        assert all(r.published and not r.duplicate for r in results.values())

        cur = con.cursor()
        log = cur.execute("select snapshot_id, acted_by from publication order by publication_id").fetchall()
        last_two = log[-2:]
        assert {by for _, by in last_two} == {"Anna", "Jānis"}, "both publications recorded"
        assert db.current_snapshot_id(cur) == last_two[-1][0], "the later publication is current"
        for name, expected in (("Anna", 30), ("Jānis", 45)):
            n = cur.execute("select count(*) from measure where snapshot_id = ?",
                            [results[name].snapshot_id]).fetchone()[0]
            assert n == expected, f"{name}'s upload lost rows: {n} of {expected}"
        after = db.table_fingerprint(con)
        assert after["snapshot"][0] == before["snapshot"][0] + 2
        assert after["publication"][0] == before["publication"][0] + 2
        cur.close()
    finally:
        con.close()


def test_the_same_file_published_twice_at_once_is_stored_once(fresh_db):
    """Two analysts upload the identical file at the same moment: one snapshot, one duplicate."""
    con = db.connect(fresh_db)
    try:
        checked = pipeline.check(_new_export(12), "tas_pats.xlsx")
        go = threading.Barrier(2)
        results: list[db.LoadResult] = []

        def analyst() -> None:
            go.wait()
            results.append(pipeline.store(con, checked, uploaded_by="x"))

        threads = [threading.Thread(target=analyst) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(r.duplicate for r in results) == [False, True]
        assert results[0].snapshot_id == results[1].snapshot_id
    finally:
        con.close()
