"""The shipped sample: the council's numbers of 27 March 2025 come back out of the database."""

from ogp_monitor.store import db

PLAN5 = "5. plāns 2022–2025"
PLAN6 = "6. plāns 2026–2027"


def test_march_snapshot_matches_council_totals(con):
    counts = db.run_query(con, "status_counts", snapshot_id=1, plan_id=PLAN5)
    got = dict(zip(counts["status_group"], counts["n_measures"]))
    # Slide of 27.03.2025: 26 measures; 3 not started, 11 completed or substantial progress, 12 in progress.
    assert got == {"advanced": 11, "in_progress": 12, "not_started": 3}


def test_sample_has_six_commitments_26_measures_and_four_directions(con):
    measures = db.run_query(con, "measures")
    plan5 = measures[measures["plan_id"] == PLAN5]
    assert len(plan5) == 26
    assert sorted(plan5["commitment_no"].unique()) == ["1", "2", "3", "4", "5", "6"]
    assert plan5["measure_no"].iloc[0] == "1.1" and "6.3" in set(plan5["measure_no"])
    assert sorted(measures.loc[measures["plan_id"] == PLAN6, "commitment_no"].unique()) == ["1", "2", "3", "4"]


def test_measure_numbers_stay_text_and_latvian_letters_survive(con):
    measures = db.run_query(con, "measures", plan_id=PLAN5)
    assert not measures["measure_no"].str.contains("0000").any()
    assert "Līdzdalības labās prakses pēcpusdienas" in set(measures["measure_title"])


def test_current_snapshot_is_latest_and_illustrative_changes_are_labelled(con):
    snaps = db.run_query(con, "snapshots")
    assert snaps.loc[snaps["is_current"], "snapshot_id"].tolist() == [2]
    measures = db.run_query(con, "measures", plan_id=PLAN5)
    note = measures.loc[measures["measure_no"] == "3.5", "progress_note"].iloc[0]
    assert "ilustratīvi" in note


def test_trust_figures_are_the_published_ones(con):
    cur = con.cursor()
    rows = cur.execute("select value from indicator where snapshot_id = 2 and indicator = 'Uzticēšanās valdībai' "
                       "and area = 'Latvija' order by year").fetchall()
    assert [r[0] for r in rows] == [25.0, 29.0]
