"""Large files are read and validated in a child process (ingest/isolated.py): same results, same
refusals, and a hostile file ends only the child.

Every test here forces the child process on small files (``ISOLATE_FROM_BYTES = 0``); the large
files it is meant for are the bench sizes, compared by hand in docs/performance.md.
"""

from __future__ import annotations

import sys
import threading
import warnings
from pathlib import Path

import pandas as pd
import pytest

from ogp_monitor.ingest import isolated, reader
from ogp_monitor.store import pipeline
from tests.hostile.make_catalogue import CASES, build_all

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = sorted((ROOT / "data" / "sample").rglob("*.xlsx"))
HOSTILE = ("cell_at_XFD1048576", "far_cell_before_data", "shared_strings_count_lie", "sparse_rectangle_12m",
           "entity_bomb", "zip_bomb_lying_sizes", "bad_crc", "malformed_xml", "columns_5000", "encrypted",
           "duplicate_measures", "emoji_sheet_name_extra")


@pytest.fixture
def hostile(tmp_path_factory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("hostile"), [c for c in CASES if c.name in HOSTILE])


def _check(path: Path, isolate: bool, monkeypatch, **kw) -> pipeline.Checked:
    monkeypatch.setattr(isolated, "ISOLATE_FROM_BYTES", 0 if isolate else 1 << 62)
    return pipeline.check(path.read_bytes(), path.name, **kw)


def _same(a: pipeline.Checked, b: pipeline.Checked) -> None:
    assert a.problems == b.problems
    assert (a.clean is None) == (b.clean is None)
    if a.clean is not None:
        for name in ("measures", "indicators", "schedule"):
            x, y = getattr(a.clean, name), getattr(b.clean, name)
            assert list(x.dtypes.astype(str)) == list(y.dtypes.astype(str)), name
            pd.testing.assert_frame_equal(x, y, check_exact=True)
        assert (a.clean.report_date, a.clean.plan_source, a.clean.ignored_sheets) == \
               (b.clean.report_date, b.clean.plan_source, b.clean.ignored_sheets)


@pytest.mark.parametrize("path", [*sorted(FIXTURES.glob("ok_*.xlsx")), *SAMPLES,
                                  *[FIXTURES / f"bad_{n}.xlsx" for n in ("date", "unknown_status", "indicator_value",
                                                                         "sheet_extent", "xml_entities", "zip_bomb")]],
                         ids=lambda p: p.name)
def test_the_child_process_gives_the_same_frames_and_problems(path, monkeypatch, sample_db_file):
    from ogp_monitor.store import db
    con = db.connect(sample_db_file, read_only=True)
    known = pipeline.known_measures(con)
    con.close()
    _same(_check(path, False, monkeypatch, known=known), _check(path, True, monkeypatch, known=known))


def test_hostile_files_get_the_refusals_they_get_in_process(hostile, monkeypatch):
    for name, path in hostile.items():
        alone = _check(path, True, monkeypatch)
        _same(_check(path, False, monkeypatch), alone)
        assert alone.ok == (name in ("emoji_sheet_name_extra",)), name


def test_a_cell_at_XFD1048576_ends_only_the_child(hostile, monkeypatch):
    # Without the pre-scan's verdict, calamine asks for ~550 GB: under the child's memory limit
    # that aborts the child (SIGABRT), and this process says so instead of dying with it.
    monkeypatch.setattr(reader, "_scan_parts", lambda data, archive: None)
    checked = _check(hostile["cell_at_XFD1048576"], True, monkeypatch)
    assert [p.code for p in checked.problems] == ["unreadable"]
    assert "too much memory" in checked.problems[0].message_en


def test_the_child_refuses_an_oversized_sheet_from_what_calamine_built(hostile, monkeypatch):
    # 12.5 million cells fit under the memory limit; the parsed rectangle is refused before its
    # cells become Python objects, with the place the pre-scan would name.
    monkeypatch.setattr(reader, "_scan_parts", lambda data, archive: None)
    checked = _check(hostile["sparse_rectangle_12m"], True, monkeypatch)
    assert [(p.code, p.place) for p in checked.problems] == [("sheet_extent", "Pasākumi!GZ60000")]


def test_steps_and_writable_frames_from_the_child(monkeypatch):
    steps: list[str] = []
    checked = _check(FIXTURES / "ok_wide_indicators.xlsx", True, monkeypatch, progress=steps.append)
    assert checked.ok and steps == ["read", "check"]
    frame = checked.clean.measures
    frame.loc[frame.index[:1], "source_row"] = 0  # the columns come from shared memory, copy-on-write
    assert frame["source_row"].iloc[0] == 0


def test_a_threaded_server_can_start_the_child(monkeypatch):
    # The upload page calls check() from one of Streamlit's threads while others run.
    results, stop = [], threading.Event()
    busy = [threading.Thread(target=stop.wait) for _ in range(4)]
    for t in busy:
        t.start()
    try:
        worker = threading.Thread(target=lambda: results.append(
            _check(FIXTURES / "ok_english.xlsx", True, monkeypatch)))
        worker.start()
        worker.join(timeout=120)
        assert not worker.is_alive() and results[0].ok
    finally:
        stop.set()
        for t in busy:
            t.join()


@pytest.mark.parametrize("interpreter", ["/bin/false", "/nonexistent/python"], ids=["exits_1", "exec_fails"])
def test_a_child_that_cannot_start_leaves_the_file_to_the_in_process_path(interpreter, hostile, monkeypatch):
    # Not the file's fault: the file is read here, with a warning, and the pre-scan still comes
    # first (without it, the hostile file would abort this process, not refuse).
    monkeypatch.setattr(sys, "executable", interpreter)
    steps: list[str] = []
    with pytest.warns(RuntimeWarning, match="could not start"):
        alone = _check(FIXTURES / "ok_english.xlsx", True, monkeypatch, progress=steps.append)
    with warnings.catch_warnings():  # with exec failing; a started child is overtaken by the pre-scan
        warnings.simplefilter("ignore", RuntimeWarning)
        far = _check(hostile["cell_at_XFD1048576"], True, monkeypatch)
    monkeypatch.undo()
    assert alone.ok and steps == ["read", "check"]
    _same(_check(FIXTURES / "ok_english.xlsx", False, monkeypatch), alone)
    _same(_check(hostile["cell_at_XFD1048576"], False, monkeypatch), far)
    assert [p.code for p in far.problems] != ["unreadable"]  # the pre-scan's refusal, not the child's
