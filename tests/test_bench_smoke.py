"""Smoke check that the benchmark suite still works: the smallest size, once.

No timing is asserted (the machine is shared and times vary); what is checked
is what would make `make bench` useless if it broke: the synthetic export is
accepted by the real ingest with every row, keeps its messiness (merged
commitments, mixed date forms, Latvian letters), and the runner produces its
table with a number in every measured row, pages included.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ogp_monitor.ingest.reader import read_workbook
from ogp_monitor.store import db, pipeline

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402


@pytest.fixture(scope="module")
def small_export(tmp_path_factory) -> Path:
    return generate.build(generate.SIZES["s"], tmp_path_factory.mktemp("bench") / "s.xlsx")


def test_synthetic_export_is_messy_like_a_real_one(small_export):
    book = read_workbook(small_export.read_bytes())
    rows = book.by_kind("measures").rows
    header = next(i for i, r in enumerate(rows) if r[:2] == ["Plāns", "Apņemšanās nr."])
    body = rows[header + 1:]
    assert len(body) == 1_000
    # Commitments merged down: the plan and commitment cells are empty below the first measure.
    assert sum(r[1] == "" for r in body) > 500
    starts = [r[8] for r in body]
    assert any(isinstance(v, dt.date) for v in starts)
    assert any(isinstance(v, str) and re.fullmatch(r"\d\d\.\d\d\.\d{4}", v) for v in starts)
    assert any(isinstance(v, str) and "gada" in v for v in starts)
    assert any(isinstance(v, float) for v in (r[3] for r in body)), "some measure numbers stored as numbers"
    assert any("ā" in str(r[4]) or "ī" in str(r[4]) for r in body)


def test_synthetic_export_loads_every_row(small_export, tmp_path):
    checked = pipeline.check(small_export.read_bytes(), small_export.name)
    assert checked.ok, [p.line("en") for p in checked.errors[:5]]
    con = db.connect(tmp_path / "bench.duckdb")
    try:
        pipeline.store(con, checked, uploaded_by="bench")
        n_measures, n_plans, groups = con.execute(
            "select count(*), count(distinct plan_id), count(distinct status_group) from measure").fetchone()
        n_indicators = con.execute("select count(*) from indicator").fetchone()[0]
        undated = con.execute("select count(*) from measure where start_date is null").fetchone()[0]
    finally:
        con.close()
    assert (n_measures, n_indicators) == (1_000, 10_000)
    assert n_plans == 5 and groups == 4
    assert undated == 0, "every date form in the generator must parse"


def test_runner_prints_a_full_table(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "s",
                           "--only", "ingest,pages", "--warm-runs", "1", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "Machine:" in text
    rows = [line.split("|")[1:-1] for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    metrics = {(r[0].strip(), r[1].strip()): r[2].strip() for r in rows[1:]}
    for metric in ("ingest, CLI end to end", "baseline read_excel(openpyxl)", "raw calamine read"):
        assert re.fullmatch(r"\d+(\.\d+)? m?s", metrics[("s", metric)]), (metric, metrics.get(("s", metric)))
    pages = {m for (size, m) in metrics if size == "sample" and m.startswith("page ")}
    assert any(m.endswith(", warm") for m in pages) and not any("exception" in m for m in pages), pages
    assert any(size == "s" and m.startswith("page ") for (size, m) in metrics), "pages on the ingested size"
