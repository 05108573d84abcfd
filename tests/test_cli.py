"""The command line: ingest, query, snapshots, template, and the OGP_DB variable."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ogp_monitor import cli
from ogp_monitor.store import db

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PLAN5 = "5. plāns 2022–2025"


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(path):
    con = db.connect(path)
    try:
        return db.table_fingerprint(con)
    finally:
        con.close()


def test_ingest_publishes_and_prints_a_one_screen_summary(fresh_db, capsys):
    code, out, err = run(capsys, "ingest", FIXTURES / "ok_messy_latvian.xlsx", "--db", fresh_db, "--by", "Anna",
                         "--yes")  # a 5-measure excerpt of the 26-measure plan: the removal guard asks for --yes
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "snapshot 3 published from ok_messy_latvian.xlsx"
    assert "  report date  27.03.2025" in lines
    assert "  measures     5  (advanced 3, in_progress 1, not_started 1)" in lines
    assert len(lines) <= 20
    # Notices go to stderr and do not stop the load.
    assert "Budžets, EUR" in err and err.startswith("piezīme / notice:")
    con = db.connect(fresh_db)
    try:
        assert db.current_snapshot_id(con) == 3
        snaps = db.run_query(con, "snapshots")
        assert snaps.loc[snaps["snapshot_id"] == 3, "uploaded_by"].item() == "Anna"
    finally:
        con.close()


def test_ingest_same_file_again_is_a_duplicate_not_a_new_snapshot(fresh_db, capsys):
    run(capsys, "ingest", FIXTURES / "ok_english.xlsx", "--db", fresh_db, "--yes")
    before = fingerprint(fresh_db)
    code, out, _ = run(capsys, "ingest", FIXTURES / "ok_english.xlsx", "--db", fresh_db, "--yes")
    assert code == 0 and "identical to snapshot 3" in out
    assert fingerprint(fresh_db) == before


def test_refused_ingest_exits_2_with_one_line_per_problem_and_changes_nothing(fresh_db, tmp_path, capsys):
    from tests.fixtures.make_fixtures import measures_only, row
    path = tmp_path / "divas_kludas.xlsx"
    path.write_bytes(measures_only([row("1.1", status="Gandrīz"), row("1.2", deadline="drīzumā")]))
    before = fingerprint(fresh_db)
    code, out, err = run(capsys, "ingest", path, "--db", fresh_db)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[:2] == [
        "Pasākumi!H2: Nezināms statuss „Gandrīz”. — Izmantojiet vienu no: Nav uzsākts; "
        "Uzsākts, izpilde procesā; Pabeigts vai būtisks progress; Atsaukts.",
        "Pasākumi!J3: „Izpildes termiņš”: „drīzumā” nav derīgs datums. — Ierakstiet datumu kā 31.12.2025 "
        "vai Excel datumu (gads 1990–2100).",
    ]
    assert lines[2] == "divas_kludas.xlsx: refused, 2 error(s); the database is unchanged."
    assert len(lines) == 3
    assert fingerprint(fresh_db) == before


def test_ingest_problems_in_english(fresh_db, capsys):
    code, _, err = run(capsys, "ingest", FIXTURES / "bad_unknown_status.xlsx", "--db", fresh_db, "--lang", "en")
    assert code == 2 and err.startswith("Pasākumi!H3: Unknown status 'Gandrīz gatavs'.")


def test_report_date_flag_supplies_a_missing_date(fresh_db, capsys):
    code, _, err = run(capsys, "ingest", FIXTURES / "bad_no_report_date.xlsx", "--db", fresh_db)
    assert code == 2 and "ziņojuma datums" in err
    code, out, _ = run(capsys, "ingest", FIXTURES / "bad_no_report_date.xlsx", "--db", fresh_db,
                       "--report-date", "2025-06-30", "--yes")
    assert code == 0 and "  report date  30.06.2025" in out.splitlines()


def test_report_date_flag_must_be_iso(fresh_db, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["ingest", str(FIXTURES / "ok_two_plans.xlsx"), "--db", str(fresh_db),
                  "--report-date", "30.06.2025"])
    assert stop.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_missing_input_file_is_one_line_not_a_traceback(fresh_db, capsys):
    code, _, err = run(capsys, "ingest", "/nav/tada/faila.xlsx", "--db", fresh_db)
    assert code == 2 and len(err.splitlines()) == 1 and "cannot read file" in err


def test_query_table_and_csv(sample_db_file, capsys):
    code, out, _ = run(capsys, "query", "measures", "--db", sample_db_file, "--param", f"plan_id={PLAN5}",
                       "--param", "snapshot_id=1")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["plan_id", "commitment_no", "commitment_title"]
    assert len(out.splitlines()) == 1 + 26

    code = cli.main(["query", "status_counts", "--db", str(sample_db_file), "--param", "snapshot_id=1",
                     "--param", f"plan_id={PLAN5}", "--format", "csv"])
    raw = capsys.readouterr().out
    assert code == 0 and raw.startswith("\ufeff")  # the dashboard's CSV: BOM, ';'
    frame = pd.read_csv(io.StringIO(raw.lstrip("\ufeff")), sep=";")
    assert dict(zip(frame["status_group"], frame["n_measures"])) == {
        "advanced": 11, "in_progress": 12, "not_started": 3}


def test_query_errors_are_one_line(sample_db_file, capsys):
    code, _, err = run(capsys, "query", "nav_tada", "--db", sample_db_file)
    assert code == 2 and "unknown query 'nav_tada'" in err and "measures" in err
    code, _, err = run(capsys, "query", "measures", "--db", sample_db_file, "--param", "plans=1")
    assert code == 2 and "no parameter(s) ['plans']" in err


def test_snapshots_lists_uploads(sample_db_file, capsys):
    code, out, _ = run(capsys, "snapshots", "--db", sample_db_file)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert "ogp_2025-09-29_ilustrativs.xlsx" in lines[1] and "ogp_2025-03-27.xlsx" in lines[2]
    assert "sha256" not in lines[0]


def test_snapshots_on_an_empty_database(empty_db, capsys):
    code, out, _ = run(capsys, "snapshots", "--db", empty_db)
    assert code == 0 and out.strip() == "no snapshots yet"


def test_template_command_writes_a_workbook(tmp_path, capsys):
    out_file = tmp_path / "veidne.xlsx"
    code, out, _ = run(capsys, "template", out_file)
    assert code == 0 and out.strip() == f"wrote {out_file}"
    wb = load_workbook(out_file)
    assert wb.sheetnames[:2] == ["Instrukcija", "Pasākumi"]
    assert wb["Pasākumi"].data_validations.dataValidation  # the status drop-down


def _module(*argv, env):
    return subprocess.run([sys.executable, "-m", "ogp_monitor", *map(str, argv)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_ogp_db_environment_variable_is_the_default_database(tmp_path):
    target = tmp_path / "cits.duckdb"
    env = {**os.environ, "OGP_DB": str(target)}
    done = _module("ingest", FIXTURES / "ok_two_plans.xlsx", env=env)
    assert done.returncode == 0, done.stderr
    assert target.exists()
    listed = _module("snapshots", env=env)
    assert listed.returncode == 0 and "ok_two_plans.xlsx" in listed.stdout
    # --db still wins over the variable.
    other = tmp_path / "otrs.duckdb"
    assert _module("snapshots", "--db", other, env=env).stdout.strip() == "no snapshots yet"


def test_a_database_locked_by_another_process_is_one_clear_line(fresh_db):
    holder = db.connect(fresh_db)  # as a running dashboard would
    try:
        env = {k: v for k, v in os.environ.items() if k != "OGP_DEBUG"}
        done = _module("snapshots", "--db", fresh_db, env=env)
    finally:
        holder.close()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "in use by another process" in done.stderr
