"""Preview, publish, discard and rollback on the sample database, without Streamlit."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ogp_monitor.ingest import template
from ogp_monitor.store import db, publishing
from tests.conftest import SAMPLE_DIR
from tests.helpers import MEASURE_HEADERS, measure_row, measures_workbook

PLAN5 = "5. plāns 2022–2025"
PLAN6 = "6. plāns 2026–2027"
SEPTEMBER = SAMPLE_DIR / "ogp_2025-09-29_ilustrativs.xlsx"  # snapshot 2, current in the sample


def modified_sample(report: dt.date = dt.date(2025, 12, 15)) -> bytes:
    """The September export as an analyst would edit it for December.

    1.1 goes from "Nav uzsākts" to "Pabeigts vai būtisks progress", 1.3 gets a
    new note, 6.3 is renumbered 6.4 (one removed, one added), one trust value
    changes (Latvia 2021: 25 -> 27) and a 2025 value is added.
    """
    wb = load_workbook(SEPTEMBER)
    ws = wb["Pasākumi"]
    header = next(r for r in range(1, 10) if ws.cell(r, 4).value == "Pasākuma nr.")
    plan = None
    for row in range(header + 1, ws.max_row + 1):
        plan = ws.cell(row, 1).value or plan  # the plan cell is filled only on its first row
        no = str(ws.cell(row, 4).value or "")
        if ws.cell(row, 13).value is not None:
            ws.cell(row, 13).value = dt.datetime(report.year, report.month, report.day)
        if plan != PLAN5:
            continue
        if no == "1.1":
            ws.cell(row, 8).value = "Pabeigts vai būtisks progress"
        elif no == "1.3":
            ws.cell(row, 11).value = "E-kurss publicēts Valsts administrācijas skolas vietnē (decembris)"
        elif no == "6.3":
            ws.cell(row, 4).value = "6.4"
    ind = wb["Rādītāji"]
    assert ind.cell(2, 3).value == "Latvija" and ind.cell(2, 4).value == 2021
    ind.cell(2, 5).value = 27
    ind.append(["Uzticēšanās valdībai", "Trust in national government", "Latvija", 2025, 31, "%",
                "ilustratīvi / illustrative"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def stage(con, content: bytes, name: str = "dec.xlsx", **kw) -> publishing.Stage:
    return publishing.check_and_stage(con, content, name, "Anna Bērziņa", **kw)


def published_ids(con) -> list[int]:
    snaps = db.run_query(con, "snapshots")
    return sorted(snaps.loc[snaps["is_published"], "snapshot_id"].tolist())


def test_valid_file_is_staged_unpublished_and_the_preview_lists_every_change(con):
    before = published_ids(con)
    s = stage(con, modified_sample())
    assert not s.errors and s.created and s.snapshot_id == 3
    assert db.current_snapshot_id(con) == 2  # nothing published yet
    assert published_ids(con) == before  # viewers' list of reports is unchanged

    pv = publishing.preview(con, s.snapshot_id)
    assert pv.base == {("indicators", ""): 2, ("measures", PLAN5): 2, ("measures", PLAN6): 2, ("schedule", PLAN6): 2}
    assert [(p.plan_id, p.base_snapshot_id, p.n_current) for p in pv.plans] == [(PLAN5, 2, 26), (PLAN6, 2, 21)]
    assert pv.info["n_measures"] == 47 and pv.kept == []  # the file holds every part: nothing stays aside
    assert set(pv.measures["plan_id"]) == {PLAN5}
    m = pv.measures.set_index("measure_no")
    assert m.loc["1.1", "change_kind"] == "status_changed"
    assert (m.loc["1.1", "status_group_before"], m.loc["1.1", "status_group_after"]) == ("not_started", "advanced")
    assert m.loc["1.3", "change_kind"] == "note_changed"
    assert m.loc["6.3", "change_kind"] == "removed" and m.loc["6.4", "change_kind"] == "added"
    counts = pv.counts()
    assert counts == {"added": 1, "removed": 1, "status_changed": 1, "note_changed": 1,
                      "indicators_added": 1, "indicators_removed": 0, "indicators_changed": 1}
    changed = pv.indicators[pv.indicators["change_kind"] == "changed"].iloc[0]
    assert (changed["year"], changed["value_before"], changed["value_after"]) == (2021, 25.0, 27.0)

    table = publishing.measure_changes_frame(pv.measures, "status_changed", "lv")
    assert table["Statuss: bija → būs"].tolist() == ["Nav uzsākts → Pabeigts vai būtisks progress"]


def test_publish_makes_it_current_and_rollback_restores_without_deleting(con):
    s = stage(con, modified_sample())
    march = db.run_query(con, "status_counts", plan_id=PLAN5).set_index("status_group")["n_measures"]
    publishing.publish(con, s.snapshot_id, "Anna Bērziņa", expected=publishing.preview(con, s.snapshot_id).base)
    assert db.current_snapshot_id(con) == 3
    after = db.run_query(con, "status_counts", plan_id=PLAN5).set_index("status_group")["n_measures"]
    assert after["advanced"] == march["advanced"] + 1 and after["not_started"] == march["not_started"] - 1

    publishing.rollback(con, 2, "Jānis Ozols")
    assert db.current_snapshot_id(con) == 2
    log = db.run_query(con, "publication_log")
    assert log["action"].tolist()[:2] == ["rollback", "publish"]
    assert log["acted_by"].tolist()[:2] == ["Jānis Ozols", "Anna Bērziņa"]
    assert len(db.run_query(con, "snapshots")) == 3  # nothing deleted

    publishing.rollback(con, 3, "Anna Bērziņa")  # and forward again
    assert db.current_snapshot_id(con) == 3 and len(db.run_query(con, "publication_log")) == 5


def test_rollback_refuses_unpublished_and_current_snapshots(con):
    s = stage(con, modified_sample())
    before = db.table_fingerprint(con)
    with pytest.raises(ValueError, match="never published"):
        publishing.rollback(con, s.snapshot_id, "x")
    with pytest.raises(ValueError, match="already current"):
        publishing.rollback(con, 2, "x")
    assert db.table_fingerprint(con) == before


def test_publishing_a_stale_preview_is_refused(con):
    s = stage(con, modified_sample())
    base = publishing.preview(con, s.snapshot_id).base
    publishing.rollback(con, 1, "someone else")  # the current report changes under the preview
    with pytest.raises(publishing.StalePreview):
        publishing.publish(con, s.snapshot_id, "Anna", expected=base)
    assert db.current_snapshot_id(con) == 1


def test_a_file_with_errors_is_not_stored(con):
    before = db.table_fingerprint(con)
    bad = measures_workbook([measure_row("1.1", status="Varbūt"), measure_row("", title="")])
    s = stage(con, bad)
    assert s.errors and s.snapshot_id is None
    assert db.table_fingerprint(con) == before


def test_identical_file_is_reported_not_duplicated(con):
    before = db.table_fingerprint(con)
    s = stage(con, SEPTEMBER.read_bytes(), name="copy of september.xlsx")
    assert s.identical_to_published and s.snapshot_id == 2 and not s.created
    publishing.abandon(con, s)  # forgetting it must not delete the published snapshot
    assert db.table_fingerprint(con) == before


def test_discard_deletes_only_unpublished_uploads(con):
    before = db.table_fingerprint(con)
    s = stage(con, modified_sample())
    assert publishing.discard(con, s.snapshot_id)
    assert db.table_fingerprint(con) == before
    assert not publishing.discard(con, 1)  # published: refused
    assert db.table_fingerprint(con) == before


def test_first_upload_into_an_empty_database_previews_everything_as_added(empty_db):
    con = db.connect(empty_db)
    try:
        s = stage(con, SEPTEMBER.read_bytes())
        pv = publishing.preview(con, s.snapshot_id)
        assert all(p.base_snapshot_id is None for p in pv.plans) and not pv.kept
        assert pv.counts()["added"] == pv.info["n_measures"] > 0
        assert publishing.measure_changes_frame(pv.measures, "added", "en")["Status"].notna().all()
        assert publishing.discard(con, s.snapshot_id)  # the only snapshot, but never published
        assert db.run_query(con, "snapshots").empty
    finally:
        con.close()


def test_a_file_without_report_date_waits_for_one(con):
    headers = [h for h in MEASURE_HEADERS if h != "Ziņojuma datums"]
    content = measures_workbook([measure_row("1.1")[:-1], measure_row("1.2", "Pabeigts")[:-1]], headers=headers)
    s = stage(con, content)
    assert s.needs_date and s.blocked_only_by_missing_date and s.snapshot_id is None
    s = stage(con, content, report_date=dt.date(2025, 12, 1), needs_date=True)
    assert not s.errors and s.needs_date
    assert publishing.snapshot_info(con, s.snapshot_id)["report_date"].date() == dt.date(2025, 12, 1)


def test_upload_limit_comes_from_the_environment_and_never_exceeds_the_server(monkeypatch):
    monkeypatch.delenv("OGP_MAX_UPLOAD_MB", raising=False)
    assert publishing.upload_limit_mb(25) == 25
    monkeypatch.setenv("OGP_MAX_UPLOAD_MB", "5")
    assert publishing.upload_limit_mb(25) == 5
    monkeypatch.setenv("OGP_MAX_UPLOAD_MB", "100")
    assert publishing.upload_limit_mb(25) == 25
    monkeypatch.setenv("OGP_MAX_UPLOAD_MB", "lots")
    assert publishing.upload_limit_mb(None) == 25


def test_history_tables_speak_the_ui_language(con):
    snaps = db.run_query(con, "snapshots")
    lv = publishing.history_frame(snaps, "lv")
    assert list(lv.columns)[:3] == ["#", "Ziņojums uz", "Augšupielādēts"]
    assert lv["Ziņojums uz"].tolist() == ["29.09.2025.", "27.03.2025."]
    log = publishing.log_frame(db.run_query(con, "publication_log"), "en")
    assert set(log["Action"]) == {"Published"}


def test_template_offers_the_current_institutions_as_a_drop_down(con):
    institutions = publishing.current_institutions(con)
    assert "Valsts kanceleja" in institutions and "Saeima" in institutions
    wb = load_workbook(io.BytesIO(template.build_template(institutions)))
    lists = [dv.formula1 for dv in wb["Pasākumi"].data_validations.dataValidation]
    assert any("$A$" in f for f in lists) and any("$B$" in f for f in lists)  # status and institution
    names = [c.value for c in wb["Saraksti"]["B"][1:] if c.value]
    assert names == sorted(institutions)
