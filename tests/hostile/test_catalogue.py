"""Every hostile workbook in the catalogue through the real CLI ingest, one process per file.

For each file: the right outcome (refused with the expected problem, or
accepted), a bilingual message with a place, no traceback, the process alive
(a Rust allocation failure aborts with SIGABRT), peak memory under a generous
bound, and for refused files the database byte-for-byte unchanged.
Figures are written to artifacts/hostile_catalogue.json for docs/operations.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ogp_monitor.store import db
from tests.hostile.make_catalogue import ACCEPTED, CASES, REFUSED, build_all

ROOT = Path(__file__).resolve().parents[2]
PEAK_RSS_LIMIT_MB = 1536


def _run(db_path: Path, files: list[Path]) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "tests.hostile.runner", str(db_path), *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "RUST_BACKTRACE": "0"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return lines


def _fingerprint(path: Path) -> dict:
    con = db.connect(path, read_only=True)
    try:
        return db.table_fingerprint(con)
    finally:
        con.close()


def _check_catalogue(cases, tmp_path: Path, fresh_db: Path, artifacts: Path, label: str) -> None:
    files = build_all(tmp_path / "catalogue", cases)
    refused = [c for c in cases if c.expect == REFUSED]
    accepted = [c for c in cases if c.expect == ACCEPTED]

    before = _fingerprint(fresh_db)
    results = _run(fresh_db, [files[c.name] for c in refused])
    baseline, results = results[0], results[1:]
    after = _fingerprint(fresh_db)

    accepted_db = tmp_path / "accepted.duckdb"
    accepted_db.write_bytes(fresh_db.read_bytes())
    snapshots_before = _fingerprint(accepted_db)["snapshot"][0]
    accepted_results = _run(accepted_db, [files[c.name] for c in accepted])[1:]
    snapshots_after = _fingerprint(accepted_db)["snapshot"][0]

    failures = []
    rows = []
    for case, result in zip(refused + accepted, results + accepted_results):
        errors = [p for p in result["problems"] if p["severity"] == "error"]
        rows.append({"case": case.name, "expect": case.expect, "exit": result["exit"],
                     "codes": sorted({p["code"] for p in errors}), "peak_rss_mb": round(result["peak_rss_mb"], 1),
                     "seconds": result["seconds"], "bytes": files[case.name].stat().st_size,
                     "message_en": errors[0]["en"] if errors else ""})
        where = f"{case.name}: exit {result['exit']}, stderr tail {result['stderr'][-400:]!r}"
        if "Traceback" in result["stderr"] or result["exit"] not in (0, 2):
            failures.append(f"crashed — {where}")
            continue
        if result["peak_rss_mb"] > PEAK_RSS_LIMIT_MB:
            failures.append(f"{case.name}: peak memory {result['peak_rss_mb']:.0f} MB")
        if case.expect == REFUSED:
            if result["exit"] != 2 or not errors:
                failures.append(f"accepted but should be refused — {where}")
            elif not {p["code"] for p in errors} & case.codes:
                failures.append(f"{case.name}: refused for {[p['code'] for p in errors]}, expected one of "
                                f"{sorted(case.codes)}")
            for p in errors:
                if not (p["lv"] and p["en"] and p["place"] and p["lv"] != p["en"]):
                    failures.append(f"{case.name}: message not bilingual or without a place: {p}")
            # the user sees the Latvian message and the "unchanged" line, one line per problem
            if errors and errors[0]["lv"] not in result["stderr"]:
                failures.append(f"{case.name}: CLI did not print the message — {where}")
        else:
            if result["exit"] != 0 or errors:
                failures.append(f"refused but should be accepted ({[p['en'] for p in errors]}) — {where}")
    (artifacts / f"hostile_catalogue_{label}.json").write_text(
        json.dumps({"baseline_rss_mb": baseline["baseline_rss_mb"], "files": rows}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    assert not failures, "\n".join(failures)
    assert before == after, "a refused file changed the database"
    assert snapshots_after - snapshots_before == len(accepted), "every accepted file became one snapshot"


def test_catalogue_has_at_least_25_distinct_files():
    assert len({c.name for c in CASES}) == len(CASES) >= 25
    assert sum(c.expect == REFUSED for c in CASES) >= 25


def test_every_hostile_file_gets_a_clear_answer_and_changes_nothing(tmp_path, fresh_db, artifacts):
    _check_catalogue([c for c in CASES if not c.stress], tmp_path, fresh_db, artifacts, "default")


@pytest.mark.stress
def test_heavy_hostile_files(tmp_path, fresh_db, artifacts):
    _check_catalogue([c for c in CASES if c.stress], tmp_path, fresh_db, artifacts, "stress")


def test_upload_page_path_never_raises_on_hostile_bytes(tmp_path):
    """The upload page calls pipeline.check on the uploaded bytes: it returns problems, never raises."""
    from ogp_monitor.store import pipeline
    small = [c for c in CASES if not c.stress and c.name not in
             ("zip_bomb_1gb", "styled_empty_rows_100k", "huge_shared_strings", "rows_without_refs_690k")]
    files = build_all(tmp_path / "small", small)
    for case in small:
        checked = pipeline.check(files[case.name].read_bytes(), case.target)
        assert checked.ok == (case.expect == ACCEPTED), (case.name, [p.line("en") for p in checked.errors])
