"""Every queries/*.sql runs on the sample with all its $parameters, and something uses it."""

import re
from pathlib import Path

import pandas as pd
import pytest

from ogp_monitor.store import db

ROOT = Path(__file__).resolve().parent.parent
PLAN5 = "5. plāns 2022–2025"

# A real value from the sample for every parameter name a query may use.
SAMPLE_VALUES = {
    "snapshot_id": 1,
    "indicators_snapshot_id": 1,
    "from_snapshot_id": 1,
    "to_snapshot_id": 2,
    "plan_id": PLAN5,
    "commitment_no": "1",
    "measure_no": "3.5",
    "status_group": "advanced",
    "institution": "Valsts kanceleja",
    "limit": 5,
    "offset": 0,
    "indicators": ["Uzticēšanās valdībai"],
    "areas": ["Latvija", "ESAO vidēji"],
    "round_id": "2026-03-31-000000",  # no round in the sample: the round queries answer with no rows
    "today": pd.Timestamp("2026-03-25").date(),
    "every_report": True,  # open_data_measures: every published report of every plan
}


def sources() -> str:
    """The code that can run a query: the package, the pages and the router."""
    files = [*sorted((ROOT / "ogp_monitor").rglob("*.py")), *sorted((ROOT / "views").glob("*.py")),
             ROOT / "app.py"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if p.exists())


@pytest.fixture(scope="module")
def sample(sample_db_file):
    con = db.connect(sample_db_file, read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", db.query_names())
def test_query_runs_with_every_parameter_given(sample, name):
    params = db.query_parameters(name)
    missing = [p for p in params if p not in SAMPLE_VALUES]
    assert not missing, f"add a sample value for {missing} to SAMPLE_VALUES"
    frame = db.run_query(sample, name, **{p: SAMPLE_VALUES[p] for p in params})
    assert isinstance(frame, pd.DataFrame) and len(frame.columns) > 0


@pytest.mark.parametrize("name", db.query_names())
def test_query_runs_with_every_filter_at_all(sample, name):
    # "all" is NULL; a NULL snapshot id means the current one.
    frame = db.run_query(sample, name)
    assert len(frame.columns) > 0


@pytest.mark.parametrize("name", db.query_names())
def test_query_is_used_by_a_page_the_package_or_the_cli(name):
    assert f'"{name}"' in sources(), f"queries/{name}.sql is not used anywhere"


@pytest.mark.parametrize("name", db.query_names())
def test_query_binds_parameters_and_builds_no_sql_from_strings(name):
    sql = db.query_sql(name)
    assert not re.search(r"\{[a-z_]*\}|%s|%\([a-z_]+\)s|\?", re.sub(r"--[^\n]*", "", sql))


def test_measures_has_the_required_columns_and_text_numbers(sample):
    frame = db.run_query(sample, "measures", snapshot_id=1, plan_id=PLAN5)
    required = ["plan_id", "commitment_no", "measure_no", "measure_title", "lead_institution",
                "status_group", "deadline_date"]
    assert set(required) <= set(frame.columns)
    assert len(frame) == 26
    assert frame["measure_no"].tolist()[:5] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert frame["measure_no"].iloc[-1] == "6.3"
    assert pd.api.types.is_datetime64_any_dtype(frame["deadline_date"])
    assert set(frame["status_group"]) <= {"not_started", "in_progress", "advanced", "withdrawn"}


def test_measures_filters_narrow_and_null_means_all(sample):
    everything = db.run_query(sample, "measures", snapshot_id=1)
    vk = db.run_query(sample, "measures", snapshot_id=1, institution="Valsts kanceleja")
    advanced = db.run_query(sample, "measures", snapshot_id=1, status_group="advanced")
    assert 0 < len(vk) < len(everything) and 0 < len(advanced) < len(everything)
    assert set(advanced["status_group"]) == {"advanced"}


def test_a_parameter_the_query_does_not_have_is_an_error(sample):
    with pytest.raises(TypeError):
        db.run_query(sample, "measures", plan="x")
