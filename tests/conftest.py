"""Shared fixtures: the sample database (seeded once), fresh copies, and an empty database."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ogp_monitor.store import db, pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sample"
ARTIFACTS = ROOT / "artifacts"


def sample_files() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("*.xlsx"))


def seed(path: Path) -> Path:
    con = db.connect(path)
    try:
        for file in sample_files():
            checked = pipeline.check(file.read_bytes(), file.name)
            assert checked.ok, [p.line("en") for p in checked.errors]
            pipeline.store(con, checked, uploaded_by="sample")
    finally:
        con.close()
    return path


@pytest.fixture(scope="session", autouse=True)
def _open_data_outside_the_checkout(tmp_path_factory):
    """Apps started by the tests (AppTest in this process, `streamlit run` in children, which inherit
    the environment) write their open data package into a private folder, never into the checkout's
    static/ that a developer's own `make run` serves (reports/open_data.py: static_root)."""
    before = os.environ.get("OGP_STATIC_DIR")
    os.environ["OGP_STATIC_DIR"] = str(tmp_path_factory.mktemp("static"))
    yield
    if before is None:
        os.environ.pop("OGP_STATIC_DIR", None)
    else:
        os.environ["OGP_STATIC_DIR"] = before


@pytest.fixture(scope="session")
def sample_db_file(tmp_path_factory) -> Path:
    """A seeded database file; never modify it (copy it with fresh_db)."""
    return seed(tmp_path_factory.mktemp("sample") / "sample.duckdb")


@pytest.fixture
def fresh_db(sample_db_file, tmp_path) -> Path:
    """A private, writable copy of the sample database."""
    target = tmp_path / "ogp.duckdb"
    shutil.copy(sample_db_file, target)
    return target


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    return path


@pytest.fixture
def con(fresh_db):
    connection = db.connect(fresh_db)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Ignored folder for screenshots, decks and exports a person can look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
