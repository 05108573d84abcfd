"""What a report does not contain stays: each plan keeps its own current report, and the trust
indicators and each plan's schedule stay until an upload that has them replaces them.

On the shipped sample (the 5th and 6th plan, 16 trust indicators, the 6th plan's drafting schedule):
a December report of the 5th plan alone, a trust-only file, files that name no plan, the guard on
big removals, and withdrawing a publication, each checked row for row against the database.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from ogp_monitor import cli
from ogp_monitor.store import db, pipeline, publishing
from tests.conftest import SAMPLE_DIR
from tests.helpers import MEASURE_HEADERS, measure_row, measures_workbook

PLAN5, PLAN6 = "5. plāns 2022–2025", "6. plāns 2026–2027"
DECEMBER = SAMPLE_DIR / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"


def world(con) -> dict[str, object]:
    """Everything a viewer sees, as plain rows: each plan's measures, the indicators, the schedules."""
    def rows(name, **params):
        frame = db.run_query(con, name, **params)
        return [tuple(str(v) for v in r) for r in frame.itertuples(index=False)]
    return {"plan5": rows("measures", plan_id=PLAN5), "plan6": rows("measures", plan_id=PLAN6),
            "indicators": rows("trust_series"), "gap": rows("trust_gap"), "schedule": rows("schedule"),
            "plans": rows("plans")}


def ingest(con, content: bytes, name: str, by: str = "Anna", **kw) -> pipeline.Checked:
    checked = pipeline.check(content, name, known=pipeline.known_measures(con), **kw)
    assert checked.ok, [p.line("en") for p in checked.errors]
    pipeline.store(con, checked, uploaded_by=by)
    return checked


def test_a_one_plan_report_replaces_that_plan_only(con):
    before = world(con)
    assert len(before["plan5"]) == 26 and len(before["plan6"]) == 21
    assert len({r[0] for r in before["indicators"]}) == 16 and len(before["schedule"]) == 7
    ingest(con, DECEMBER.read_bytes(), DECEMBER.name)
    after = world(con)
    assert after["plan6"] == before["plan6"]            # the other plan, row for row
    assert after["indicators"] == before["indicators"]  # every trust value
    assert after["gap"] == before["gap"]
    assert after["schedule"] == before["schedule"]      # the 6th plan's drafting steps
    assert after["plan5"] != before["plan5"] and len(after["plan5"]) == 26
    status = {r[3]: r[7] for r in after["plan5"]}  # measure_no -> status_group
    assert status["1.1"] == "in_progress" and status["4.3"] == "advanced"
    plans = db.run_query(con, "plans").set_index("plan_id")
    assert plans.loc[PLAN5, "is_default"] and str(plans.loc[PLAN5, "report_date"])[:10] == "2025-12-15"
    assert str(plans.loc[PLAN6, "report_date"])[:10] == "2025-09-29"  # the 6th plan keeps its own report


def test_the_plans_history_and_changes_follow_its_own_reports(con):
    ingest(con, DECEMBER.read_bytes(), DECEMBER.name)
    reports = db.run_query(con, "plan_reports", plan_id=PLAN5)
    assert [str(d)[:10] for d in reports["report_date"]] == ["2025-12-15", "2025-09-29", "2025-03-27"]
    changes = db.run_query(con, "changes", plan_id=PLAN5)  # the current report against the one before it
    moved = changes[changes["change_kind"] == "status_changed"].set_index("measure_no")
    assert sorted(moved.index) == ["1.1", "1.2", "3.6", "4.3"]
    assert moved.loc["1.2", "status_label_after"] == "Pabeigts"  # "PABEIGTS" refines the same group
    assert changes.set_index("measure_no").loc["6.1", "change_kind"] == "note_changed"  # a new note, same status
    assert moved.loc["4.3", "status_group_before"] == "in_progress"  # as published on 29.09.2025
    assert db.run_query(con, "changes", plan_id=PLAN6).empty  # the 6th plan has one report: nothing to compare
    history = db.run_query(con, "status_history", plan_id=PLAN5)
    assert history.groupby("report_date")["n_measures"].sum().tolist() == [26, 26, 26]


def test_a_trust_only_file_updates_the_indicators_and_nothing_else(con):
    before = world(con)
    wb = Workbook()
    ws = wb.active
    ws.title = "Rādītāji"
    ws.append(["Rādītājs", "Rādītājs (angliski)", "Teritorija", "Gads", "Vērtība", "Avots"])
    ws.append(["Uzticēšanās valdībai", "Trust in national government", "Latvija", 2025, 31, "ilustratīvi"])
    ws.append(["Uzticēšanās valdībai", "Trust in national government", "ESAO vidēji", 2025, 39, "ilustratīvi"])
    buffer = io.BytesIO()
    wb.save(buffer)
    checked = ingest(con, buffer.getvalue(), "uzticesanas_2025.xlsx")
    assert "no_measures" in {p.code for p in checked.problems}  # says what it will and will not update
    after = world(con)
    assert after["plan5"] == before["plan5"] and after["plan6"] == before["plan6"]
    assert after["schedule"] == before["schedule"]
    assert [(r[0], r[2], r[3], r[4]) for r in after["indicators"]] == [
        ("Uzticēšanās valdībai", "Latvija", "2025", "31.0"), ("Uzticēšanās valdībai", "ESAO vidēji", "2025", "39.0")]
    gap = db.run_query(con, "trust_gap")
    assert gap[["latvia_pct", "average_pct", "gap_pp"]].values.tolist() == [[31.0, 39.0, -8.0]]


def _no_plan_file(rows: list[list]) -> bytes:
    headers = [h for h in MEASURE_HEADERS if h != "Plāns"]
    return measures_workbook([r[1:] for r in rows], headers=headers)


def test_a_file_that_names_no_plan_is_filed_where_its_measures_match(con):
    current = db.run_query(con, "measures", plan_id=PLAN5)
    rows = [measure_row(r.measure_no, "Pabeigts", commitment=r.commitment_no, title=f"  {r.measure_title.upper()} ",
                        commitment_title=r.commitment_title, report="15.12.2025")
            for r in current.itertuples(index=False)]
    checked = ingest(con, _no_plan_file(rows), "bez_plana.xlsx")
    notice = next(p for p in checked.problems if p.code == "plan_matched")
    assert PLAN5 in notice.message_lv and "26 no 26" in notice.message_lv
    assert set(db.run_query(con, "measures", plan_id=PLAN5)["status_group"]) == {"advanced"}
    assert sorted(db.run_query(con, "plans")["plan_id"]) == [PLAN5, PLAN6]  # no generic plan appeared


def test_a_file_that_names_no_plan_and_matches_none_is_refused_until_a_plan_is_given(con, fresh_db, tmp_path,
                                                                                   capsys):
    path = tmp_path / "jauns.xlsx"
    path.write_bytes(_no_plan_file([measure_row("9.1", title="Kaut kas cits"), measure_row("9.2", title="Vēl")]))
    before = db.table_fingerprint(con)
    con.close()
    code = cli.main(["ingest", str(path), "--db", str(fresh_db)])
    err = capsys.readouterr().err
    assert code == 2 and "--plan" in err and "neatbilst nevienam zināmam plānam" in err
    con2 = db.connect(fresh_db)
    try:
        assert db.table_fingerprint(con2) == before
    finally:
        con2.close()
    code = cli.main(["ingest", str(path), "--db", str(fresh_db), "--plan", "7. plāns 2028–2029"])
    assert code == 0, capsys.readouterr().err
    con2 = db.connect(fresh_db)
    try:
        assert sorted(db.run_query(con2, "plans")["plan_id"]) == [PLAN5, PLAN6, "7. plāns 2028–2029"]
    finally:
        con2.close()


def test_the_cli_needs_yes_to_remove_more_than_a_third_of_a_plan(fresh_db, tmp_path, capsys):
    path = tmp_path / "dalejs.xlsx"
    path.write_bytes(measures_workbook([measure_row("1.1", plan=PLAN5, report="15.12.2025"),
                                        measure_row("1.2", plan=PLAN5, report="15.12.2025")]))
    con = db.connect(fresh_db)
    before = db.table_fingerprint(con)
    con.close()
    code = cli.main(["ingest", str(path), "--db", str(fresh_db)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{PLAN5}: publishing would remove 24 of its 26 current measures" in err and "--yes" in err
    con = db.connect(fresh_db)
    try:
        assert db.table_fingerprint(con) == before
    finally:
        con.close()
    assert cli.main(["ingest", str(path), "--db", str(fresh_db), "--yes"]) == 0
    con = db.connect(fresh_db)
    try:
        assert len(db.run_query(con, "measures", plan_id=PLAN5)) == 2
        assert len(db.run_query(con, "measures", plan_id=PLAN6)) == 21
    finally:
        con.close()


def test_the_guard_counts_a_third_of_the_plans_current_measures():
    assert pipeline.big_removals({"P": ["1", "2", "3"]}, {"P": 9}) == []  # exactly a third: allowed
    found = pipeline.big_removals({"P": ["1", "2", "3", "4"]}, {"P": 9})
    assert [(r.plan_id, r.n_removed, r.n_current) for r in found] == [("P", 4, 9)]
    assert pipeline.big_removals({"New": []}, {"New": 0}) == []


def test_publishing_a_big_removal_needs_a_confirmation(con):
    s = publishing.check_and_stage(con, measures_workbook([measure_row("1.1", plan=PLAN5, report="15.12.2025")]),
                                   "viens.xlsx", "Anna")
    pv = publishing.preview(con, s.snapshot_id)
    assert [(r.plan_id, r.n_removed, r.n_current) for r in pv.removals] == [(PLAN5, 25, 26)]
    before = world(con)
    with pytest.raises(publishing.NeedsConfirmation):
        publishing.publish(con, s.snapshot_id, "Anna", expected=pv.base)
    assert world(con) == before
    publishing.publish(con, s.snapshot_id, "Anna", expected=pv.base, confirm_removals=True)
    assert len(db.run_query(con, "measures", plan_id=PLAN5)) == 1


def test_withdrawing_the_one_plan_publication_restores_the_previous_state_exactly(con):
    before = world(con)
    s = publishing.check_and_stage(con, DECEMBER.read_bytes(), DECEMBER.name, "Anna")
    pv = publishing.preview(con, s.snapshot_id)
    assert [part for part, _ in pv.kept] == [("indicators", ""), ("measures", PLAN6), ("schedule", PLAN6)]
    publishing.publish(con, s.snapshot_id, "Anna", expected=pv.base)
    assert world(con) != before
    restored = publishing.withdraw(con, s.snapshot_id, "Jānis")
    assert restored == {("measures", PLAN5): 2}  # exactly the part it replaced
    assert world(con) == before
    log = db.run_query(con, "publication_log")
    assert log["action"].tolist()[:2] == ["withdraw", "publish"]
    assert len(db.run_query(con, "snapshots")) == 3  # nothing deleted
    with pytest.raises(ValueError, match="holds no part"):
        publishing.withdraw(con, s.snapshot_id, "Jānis")


def test_withdrawing_a_plans_first_report_empties_that_plan_only(con):
    before = world(con)
    checked = ingest(con, measures_workbook([measure_row("1.1", plan="7. plāns", report="01.02.2026")]), "7.xlsx")
    sid = db.snapshot_by_sha(con, checked.sha256)
    assert publishing.withdraw(con, sid, "Anna") == {("measures", "7. plāns"): None}
    assert world(con) == before


def test_a_database_from_before_parts_reads_the_same(fresh_db):
    """A file written when a publication made one whole snapshot current gets its parts on connect."""
    con = db.connect(fresh_db)
    try:
        expected = world(con)
        con.execute("delete from publication_part")
    finally:
        con.close()
    con = db.connect(fresh_db)  # the schema fills publication_part from publication
    try:
        assert world(con) == expected
        assert len(db.run_query(con, "publication_log")) == 2
    finally:
        con.close()


def test_snapshots_and_the_log_say_which_parts_each_upload_replaced(con):
    ingest(con, DECEMBER.read_bytes(), DECEMBER.name)
    snaps = db.run_query(con, "snapshots").set_index("snapshot_id")
    assert list(snaps.loc[3, "parts"]) == [f"measures:{PLAN5}"]
    assert list(snaps.loc[2, "current_parts"]) == ["indicators", f"measures:{PLAN6}", f"schedule:{PLAN6}"]
    assert list(snaps.loc[1, "current_parts"]) == []
    table = publishing.history_frame(snaps.reset_index(), "lv")
    assert table.loc[0, "Saturs"] == f"„{PLAN5}” pasākumi"
    assert table.loc[1, "Pašreizējais"] == f"uzticēšanās rādītāji; „{PLAN6}” pasākumi; „{PLAN6}” grafiks"
    log = publishing.log_frame(db.run_query(con, "publication_log"), "en")
    assert log.loc[0, "What became current"] == f"measures of '{PLAN5}' → #3"


def test_the_cli_lists_each_uploads_parts(fresh_db, capsys):
    assert cli.main(["ingest", str(DECEMBER), "--db", str(fresh_db)]) == 0
    capsys.readouterr()
    assert cli.main(["snapshots", "--db", str(fresh_db)]) == 0
    out = capsys.readouterr().out
    first = next(line for line in out.splitlines() if line.strip().startswith("3 "))
    assert f"measures:{PLAN5}" in first
