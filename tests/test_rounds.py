"""A collection round over the shipped sample: the workbooks it sends, the files that come back (good,
foreign, repeated, hostile, re-saved by LibreOffice), the tracker, the merge, and that a crash at any
step leaves the round as it was."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ogp_monitor.ingest import round_book
from ogp_monitor.ingest.reader import read_workbook
from ogp_monitor.ingest.validate import validate
from ogp_monitor.reports import reminders
from ogp_monitor.store import db, pipeline, publishing, rounds
from tests.helpers import fill_round_workbook
from tests.hostile.make_catalogue import entity_bomb, zip_bomb_lying

ROOT = Path(__file__).resolve().parent.parent
PLAN5 = "5. plāns 2022–2025"
AS_OF, DUE = dt.date(2026, 3, 31), dt.date(2026, 3, 20)
VK, VARAM, FM = "Valsts kanceleja", "VARAM", "Finanšu ministrija"
FORMULA = '=HYPERLINK("http://example.com","klikšķis")'


def start(con, partners: bool = False) -> rounds.Round:
    return rounds.start(con, plan_id=PLAN5, as_of=AS_OF, due=DUE, by="Anna Bērziņa", include_partners=partners)


def book_of(con, r: rounds.Round, institution: str) -> bytes:
    return rounds.workbooks(con, r.round_id)[round_book.file_name(AS_OF, institution)]


def round_tables(con) -> dict[str, tuple]:
    """Row counts and content hashes of every round table: equal means the round did not change."""
    return {table: con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {table} as t").fetchone()
            for table in ("collection_round", "round_recipient", "round_return", "round_answer", "round_event")}


# ---- start -------------------------------------------------------------------

def test_a_round_writes_one_workbook_per_lead_institution_with_exactly_its_measures(con):
    r = start(con)
    base = db.run_query(con, "measures", plan_id=PLAN5)
    books = rounds.workbooks(con, r.round_id)
    leads = sorted(base["lead_institution"].unique())
    assert len(books) == len(leads)
    for lead in leads:
        content = books[round_book.file_name(AS_OF, lead)]
        checked = pipeline.check(content, "renamed.xlsx", known=pipeline.known_measures(con))
        assert checked.ok, [p.line("en") for p in checked.errors]
        clean = checked.clean
        mine = base[base["lead_institution"] == lead]
        assert sorted(clean.measures["measure_no"]) == sorted(mine["measure_no"])  # exactly its own
        assert clean.report_date == AS_OF and clean.report_date_source == "title"  # read from the title row
        assert set(clean.measures["plan_id"]) == {PLAN5}
        tag = round_book.read_tag(clean.round_tag)
        assert (tag.round_id, tag.institution, tag.plan_id, tag.as_of) == (r.round_id, lead, PLAN5, AS_OF)
        assert sorted(tag.lead_measures) == sorted(mine["measure_no"]) and tag.partner_measures == ()
        # pre-filled from the current report: status, deadline, the previous note read-only beside an empty one
        got = clean.measures.set_index("measure_no")
        want = mine.set_index("measure_no")
        assert (got["status_label"] == want.loc[got.index, "status_label"]).all()
        assert (got["progress_note"] == "").all()


def test_the_workbook_locks_identity_offers_statuses_and_explains_itself(con):
    r = start(con)
    wb = load_workbook(io.BytesIO(book_of(con, r, VK)))
    ws = wb["Pasākumi"]
    assert ws.protection.sheet and not ws.protection.password  # a hint, not security
    head = {c.value: c.column for c in ws[round_book.HEADER_ROW] if c.value}
    first = round_book.HEADER_ROW + 1
    for header in ("Pasākuma nr.", "Pasākums", "Apņemšanās nr.", "Atbildīgā iestāde", "Plāns"):
        assert ws.cell(first, head[header]).protection.locked, header
    for header in ("Statuss", "Izpilde, %", "Izpildes termiņš", "Izpildes informācija"):
        assert not ws.cell(first, head[header]).protection.locked, header
    previous = next(h for h in head if str(h).startswith(round_book.PREVIOUS_HEADER))
    assert "29.09.2025." in previous and ws.cell(first, head[previous]).protection.locked
    assert [c.value for c in ws["A"][:3]] == [f"{PLAN5}: izpildes informācija / implementation report",
                                             f"Iestāde: {VK}", "Stāvoklis uz 2026. gada 31. martu"]
    assert "līdz 2026. gada 20. martam" in ws["A4"].value
    statuses = ws.data_validations.dataValidation
    assert any(v.formula1.startswith("Saraksti!") for v in statuses)
    assert wb["Saraksti"].sheet_state == "hidden" and wb[round_book.ROUND_SHEET].sheet_state == "hidden"
    text = " ".join(str(c.value) for c in wb["Instrukcija"]["A"] if c.value)
    assert "Kā aizpildīt šo failu" in text and "How to fill in this file" in text


def test_partners_get_their_own_workbook_when_asked(con):
    r = start(con, partners=True)
    base = db.run_query(con, "measures", plan_id=PLAN5)
    partners = {p for v in base["partner_institutions"] for p in str(v).split("; ") if p}
    books = rounds.workbooks(con, r.round_id)
    assert len(books) == len(set(base["lead_institution"]) | partners)
    tag = round_book.read_tag(validate(read_workbook(books[round_book.file_name(AS_OF, "Saeima")]))[0].round_tag)
    held = base[base["partner_institutions"].str.contains("Saeima")]["measure_no"]
    assert set(tag.partner_measures) == set(held)


def test_a_round_is_refused_for_an_old_date_an_unknown_plan_or_a_second_open_round(con):
    with pytest.raises(rounds.RoundError, match="after the plan's current report"):
        rounds.start(con, plan_id=PLAN5, as_of=dt.date(2025, 9, 29), due=None, by="x")
    with pytest.raises(rounds.RoundError, match="no published report"):
        rounds.start(con, plan_id="9. plāns", as_of=AS_OF, due=None, by="x")
    start(con)
    with pytest.raises(rounds.RoundError, match="already has an unfinished round"):
        start(con)


# ---- collect, the tracker, close: the whole round, row by row ---------------

def test_a_round_collected_and_closed_checked_row_for_row(con):
    r = start(con)
    base = db.run_query(con, "measures", plan_id=PLAN5).set_index("measure_no")
    vk = fill_round_workbook(book_of(con, r, VK), {
        "4.3": {"Statuss": "Pabeigts", "Izpilde, %": 100, "Izpildes informācija": "Nozaru dialogi notikuši."},
        "1.1": {"Izpildes termiņš": dt.date(2026, 12, 31), "Izpildes informācija": FORMULA},
    })
    varam = fill_round_workbook(book_of(con, r, VARAM), {"6.1": {"Izpildes informācija": "Vadlīnijas publicētas."}})
    # FM also returns a measure it does not hold (1.1 is the State Chancellery's)
    fm = fill_round_workbook(book_of(con, r, FM), {"3.3": {"Izpildes informācija": "FM ziņo."}},
                             extra_rows=[["Atbildīgā / Lead", PLAN5, "1", "x", "1.1", "Svešs pasākums", FM, "",
                                          None, "Nav uzsākts", None, "", "nav mūsu"]])
    results = rounds.collect(con, [("vk.xlsx", vk), ("varam atbilde.xlsx", varam), ("fm.xlsx", fm)], by="Anna")
    by_file = {x.file_name: x for x in results}
    assert by_file["vk.xlsx"].accepted and by_file["varam atbilde.xlsx"].accepted  # the others still go in
    bad = by_file["fm.xlsx"]
    assert not bad.accepted and bad.institution == FM and bad.return_id is not None  # kept in the history
    foreign = [p for p in bad.errors if p.code == "foreign_measure"]
    assert len(foreign) == 1 and foreign[0].place == f"Pasākumi!E{round_book.HEADER_ROW + 1 + 2}"  # its cell
    assert "1.1" in foreign[0].message_lv and "3.3, 5.3" in foreign[0].message_lv

    tracker = rounds.status(con, r.round_id, today=dt.date(2026, 3, 25)).set_index("institution")
    assert tracker.loc[VK, "state"] == "returned" and tracker.loc[VK, "returned_by"] == "Anna"
    assert tracker.loc[FM, "state"] == "needs_fix" and tracker.loc[FM, "n_problems"] == 1
    assert tracker.loc[FM, "n_answered"] == 0 and tracker.loc["Saeima", "state"] == "not_returned"
    assert tracker.loc[VARAM, "n_answered"] == 1 and tracker.loc[VARAM, "n_no_information"] == 2
    order = rounds.status(con, r.round_id, today=dt.date(2026, 3, 25))["institution"].tolist()
    assert order == ["Delna", FM, "Ministrijas", "Saeima", VK, VARAM]  # after the due date: the silent first
    assert rounds.status(con, r.round_id, today=dt.date(2026, 3, 1))["institution"].tolist() == sorted(order, key=str.casefold)
    assert rounds.status(con, r.round_id, today=dt.date(2026, 3, 1))["is_overdue"].sum() == 0  # not due yet

    closed = rounds.close(con, r.round_id, by="Anna")
    assert not closed.already
    merged = db.run_query(con, "measures", snapshot_id=closed.snapshot_id, plan_id=PLAN5).set_index("measure_no")
    assert sorted(merged.index) == sorted(base.index)  # every measure of the plan, none lost
    # new values where the lead answered
    assert merged.loc["4.3", "status_label"] == "Pabeigts" and merged.loc["4.3", "progress_pct"] == 100
    assert merged.loc["4.3", "progress_note"] == "Nozaru dialogi notikuši." and not merged.loc["4.3", "carried_forward"]
    assert merged.loc["1.1", "progress_note"] == FORMULA  # a formula-like note stays text, exactly
    assert pd.Timestamp(merged.loc["1.1", "deadline_date"]).date() == dt.date(2026, 12, 31)
    assert merged.loc["1.1", "status_label"] == base.loc["1.1", "status_label"]
    assert merged.loc["6.1", "progress_note"] == "Vadlīnijas publicētas."
    # carried forward where nobody answered: FM's file was refused, Ministrijas were silent
    for no in ("3.3", "5.3", "2.2", "6.2"):
        assert merged.loc[no, "carried_forward"], no
        for key in ("status_label", "progress_note", "progress_pct", "deadline_date"):
            a, b = merged.loc[no, key], base.loc[no, key]
            assert (pd.isna(a) and pd.isna(b)) or a == b, (no, key)
    # a completed measure the lead returned unchanged is confirmed, its note kept
    assert not merged.loc["1.2", "carried_forward"] and merged.loc["1.2", "progress_note"] == base.loc["1.2", "progress_note"]
    assert not publishing.snapshot_info(con, closed.snapshot_id)["is_published"]  # nothing published by closing
    assert db.current_parts(con)[("measures", PLAN5)] != closed.snapshot_id

    rounds.publish(con, r.round_id, by="Anna")
    assert rounds.get(con, r.round_id).state == rounds.PUBLISHED
    now = db.run_query(con, "measures", plan_id=PLAN5).set_index("measure_no")
    assert now.loc["2.2", "carried_forward"]
    attention = db.run_query(con, "attention", plan_id=PLAN5)
    counted = set(attention.loc[attention["reason"] == "carried_forward", "measure_no"])
    assert {"2.2", "3.3", "6.2"} <= counted and "1.2" not in counted and "4.3" not in counted


def test_a_second_file_replaces_the_first_and_both_stay_in_the_history(con):
    r = start(con)
    first = fill_round_workbook(book_of(con, r, VARAM), {"6.1": {"Izpildes informācija": "Pirmā versija"}})
    second = fill_round_workbook(book_of(con, r, VARAM), {"6.1": {"Izpildes informācija": "Labotā versija"}})
    assert all(x.accepted for x in rounds.collect(con, [("a.xlsx", first)], by="Anna"))
    assert all(x.accepted for x in rounds.collect(con, [("b.xlsx", second)], by="Jānis"))
    again = rounds.collect(con, [("b kopija.xlsx", second)], by="Jānis")[0]
    assert again.duplicate and again.accepted  # the same bytes: nothing new recorded
    history = rounds.returns(con, r.round_id)
    assert history["file_name"].tolist() == ["b.xlsx", "a.xlsx"]
    assert history["collected_by"].tolist() == ["Jānis", "Anna"] and history["is_current"].tolist() == [True, False]
    assert history["sha256"].tolist() == [db.sha256(second), db.sha256(first)]
    merged = rounds.merged_report(con, r.round_id).set_index("measure_no")
    assert merged.loc["6.1", "progress_note"] == "Labotā versija"


def test_a_partner_note_follows_the_leads_and_the_status_stays_the_leads(con):
    r = start(con, partners=True)
    vk = fill_round_workbook(book_of(con, r, VK), {"3.5": {"Statuss": "Uzsākts, izpilde procesā",
                                                            "Izpildes informācija": "VK: metodika gatavota."}})
    providus = fill_round_workbook(book_of(con, r, "Providus"), {
        "3.5": {"Statuss": "Nav uzsākts",  # locked for a partner; even when changed it is ignored
                "Izpildes informācija": "Providus vadīja divus seminārus."}})
    assert all(x.accepted for x in rounds.collect(con, [("vk.xlsx", vk), ("p.xlsx", providus)], by="Anna"))
    row = rounds.merged_report(con, r.round_id).set_index("measure_no").loc["3.5"]
    assert row["status_label"] == "Uzsākts, izpilde procesā"
    assert row["progress_note"] == "VK: metodika gatavota.\n\nProvidus: Providus vadīja divus seminārus."


def test_files_that_do_not_belong_are_told_so_and_give_no_answers(con):
    r = start(con)
    vk = book_of(con, r, VK)
    retitled = fill_round_workbook(vk, {"1.1": {"Pasākums": "Cits nosaukums"}})
    wb = load_workbook(io.BytesIO(vk))
    wb[round_book.ROUND_SHEET]["B2"] = "2026-03-31-ffffff"  # the round id of a round that does not exist
    other = io.BytesIO()
    wb.save(other)
    before = round_tables(con)
    results = rounds.collect(con, [("title.xlsx", retitled), ("other.xlsx", other.getvalue()),
                                   ("plain.xlsx", (ROOT / "data/sample/ogp_2025-03-27.xlsx").read_bytes())], by="Anna")
    assert [{p.code for p in x.errors} for x in results] == [
        {"changed_measure_title"}, {"other_round"}, {"not_a_round_file"}]
    assert results[0].errors[0].place == f"Pasākumi!F{round_book.HEADER_ROW + 1}"  # the title's own cell
    after = round_tables(con)
    assert after["round_answer"] == before["round_answer"]  # no answer from any of them
    assert after["round_return"][0] == before["round_return"][0] + 1  # only the one matched to VK is kept, refused
    assert rounds.returns(con, r.round_id)["institution"].tolist() == [VK]


def test_hostile_files_among_the_returns_are_refused_and_the_round_untouched(con, tmp_path):
    r = start(con)
    good = fill_round_workbook(book_of(con, r, VARAM), {"6.1": {"Izpildes informācija": "Darīts."}})
    zip_bomb_lying(tmp_path / "bumba.xlsx")
    entity_bomb(tmp_path / "entities.xlsx")
    before = round_tables(con)
    results = rounds.collect(con, [("bumba.xlsx", (tmp_path / "bumba.xlsx").read_bytes()),
                                   ("entities.xlsx", (tmp_path / "entities.xlsx").read_bytes())], by="Anna")
    for result in results:
        assert result.errors and not result.accepted and result.return_id is None and result.institution is None
    assert {p.code for x in results for p in x.errors} == {"zip_bomb", "xml_entities"}
    assert round_tables(con) == before  # nothing about the round changed
    assert rounds.collect(con, [("varam.xlsx", good)], by="Anna")[0].accepted  # and the good one still goes in


def test_closing_twice_does_nothing_the_second_time_and_reopen_discards(con):
    r = start(con)
    first = rounds.close(con, r.round_id, by="Anna")
    fingerprint = (db.table_fingerprint(con), round_tables(con))
    second = rounds.close(con, r.round_id, by="Anna")
    assert second.already and second.snapshot_id == first.snapshot_id
    assert (db.table_fingerprint(con), round_tables(con)) == fingerprint
    late = fill_round_workbook(book_of(con, r, VARAM), {"6.1": {"Izpildes informācija": "Vēlu."}})
    refused = rounds.collect(con, [("late.xlsx", late)], by="Anna")[0]
    assert {p.code for p in refused.errors} == {"round_not_open"}
    rounds.reopen(con, r.round_id, by="Anna")
    assert rounds.get(con, r.round_id).state == rounds.OPEN
    assert first.snapshot_id not in set(db.run_query(con, "snapshots")["snapshot_id"])  # the merged report is gone
    assert rounds.collect(con, [("late.xlsx", late)], by="Anna")[0].accepted
    again = rounds.close(con, r.round_id, by="Anna")
    assert rounds.merged_report(con, r.round_id).set_index("measure_no").loc["6.1", "progress_note"] == "Vēlu."
    assert not again.already


def test_the_merged_report_downloads_as_a_standard_workbook_that_reads_back(con):
    r = start(con)
    vk = fill_round_workbook(book_of(con, r, VK), {"1.1": {"Izpildes informācija": FORMULA}})
    rounds.collect(con, [("vk.xlsx", vk)], by="Anna")
    closed = rounds.close(con, r.round_id, by="Anna")
    content = db.original_file(con, closed.snapshot_id)
    clean, problems = validate(read_workbook(content), file_name="apvienots.xlsx")
    assert clean is not None, [p.line("en") for p in problems]
    assert clean.report_date == AS_OF and len(clean.measures) == 26
    assert clean.measures["carried_forward"].sum() == closed.n_carried_forward
    cell = next(c for row in load_workbook(io.BytesIO(content))["Pasākumi"].iter_rows() for c in row
                if c.value == FORMULA)
    assert cell.data_type == "s"  # text in the file, never a formula Excel would run


def test_reminders_name_the_measures_the_due_date_and_how_to_return(con):
    r = start(con)
    measures = rounds.silent_measures(con, r.round_id, VARAM)
    lv = reminders.reminder(r, VARAM, measures, "lv")
    en = reminders.reminder(r, VARAM, measures, "en")
    for no in ("6.1", "6.2", "6.3"):
        assert f"• {no} — " in lv and f"• {no} — " in en
    assert "līdz 2026. gada 20. martam" in lv and "20 March 2026" in en
    assert "ogp_karta_2026-03-31_VARAM.xlsx" in lv and "replying to this e-mail" in en


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_file_saved_again_by_libreoffice_is_still_recognised(con, tmp_path):
    r = start(con)
    filled = fill_round_workbook(book_of(con, r, VARAM), {"6.2": {"Izpildes informācija": "Saglabāts LibreOffice."}})
    source = tmp_path / "in" / "varam.xlsx"
    source.parent.mkdir()
    source.write_bytes(filled)
    out = tmp_path / "out"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    resaved = (out / "varam.xlsx").read_bytes()
    assert resaved != filled
    result = rounds.collect(con, [("VARAM atbilde (LibreOffice).xlsx", resaved)], by="Anna")[0]
    assert result.accepted, [p.line("en") for p in result.errors]
    assert result.institution == VARAM and result.round_id == r.round_id
    assert rounds.merged_report(con, r.round_id).set_index("measure_no").loc["6.2", "progress_note"] == \
        "Saglabāts LibreOffice."


def test_the_page_zip_holds_every_workbook(con):
    r = start(con)
    archive = zipfile.ZipFile(io.BytesIO(rounds.workbooks_zip(con, r.round_id)))
    assert sorted(archive.namelist()) == sorted(rounds.workbooks(con, r.round_id))
    assert all(name.isascii() for name in archive.namelist())


# ---- the CLI and kill -9 -----------------------------------------------------

def cli(*args: str, db_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ogp_monitor", *args, "--db", str(db_file)], cwd=ROOT,
                          capture_output=True, text=True, timeout=180, check=False)


def test_the_whole_round_from_the_command_line(fresh_db, tmp_path):
    out = tmp_path / "books"
    started = cli("round", "start", "--plan", PLAN5, "--as-of", "2026-03-31", "--due", "2026-03-20", "--out", str(out),
                  db_file=fresh_db)
    assert started.returncode == 0, started.stderr
    assert "wrote 6 workbook(s)" in started.stdout
    varam = out / round_book.file_name(AS_OF, VARAM)
    varam.write_bytes(fill_round_workbook(varam.read_bytes(), {"6.1": {"Izpildes informācija": "CLI atbilde"}}))
    collected = cli("round", "collect", str(varam), db_file=fresh_db)
    assert collected.returncode == 0 and "collected, 1 of 3 measures answered" in collected.stdout
    status = cli("round", "status", "--format", "csv", "--today", "2026-03-25", db_file=fresh_db)
    frame = pd.read_csv(io.StringIO(status.stdout.lstrip("\ufeff")))
    assert {"institution", "n_measures", "n_answered", "returned_at", "returned_by", "n_problems"} <= set(frame.columns)
    assert frame.set_index("institution").loc[VARAM, ["n_answered", "n_measures"]].tolist() == [1, 3]
    remind = cli("round", "remind", "--today", "2026-03-25", db_file=fresh_db)
    assert "Labdien, Delna kolēģi!" in remind.stdout and "VARAM kolēģi" not in remind.stdout
    closed = cli("round", "close", "--publish", db_file=fresh_db)
    assert closed.returncode == 0 and "published snapshot" in closed.stdout, closed.stderr
    listed = cli("round", "list", db_file=fresh_db)
    round_id = listed.stdout.split()[0]
    assert "published" in listed.stdout
    twice = cli("round", "close", "--round", round_id, db_file=fresh_db)
    assert twice.returncode == 0 and "was already closed" in twice.stdout


CRASH_CHILD = r"""
import sys, time
from ogp_monitor import cli
from ogp_monitor.store import db
real_tx, real_load = db.in_transaction, db.load

def pause():
    print("PAUSED", flush=True)
    time.sleep(600)

def in_transaction(con, work):
    def paused(cur):
        result = work(cur)
        pause()  # inside the transaction, every row written, before COMMIT
        return result
    return real_tx(con, paused)

def load(*args, also=None, **kwargs):
    def paused(cur, sid):
        also(cur, sid)
        pause()
    return real_load(*args, also=paused if also else None, **kwargs)

db.in_transaction, db.load = in_transaction, load
sys.exit(cli.main(sys.argv[1:]))
"""


def kill_inside(db_file: Path, *args: str) -> None:
    """Run the CLI, wait until it is inside its write transaction, SIGKILL it there."""
    proc = subprocess.Popen([sys.executable, "-c", CRASH_CHILD, *args, "--db", str(db_file)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "PAUSED", proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)


def test_kill_9_during_collect_or_close_leaves_the_round_as_it_was(fresh_db, tmp_path):
    con = db.connect(fresh_db)
    try:
        r = start(con)
        varam = tmp_path / "varam.xlsx"
        varam.write_bytes(fill_round_workbook(book_of(con, r, VARAM), {"6.1": {"Izpildes informācija": "x"}}))
        before = (db.table_fingerprint(con), round_tables(con))
    finally:
        con.close()
    kill_inside(fresh_db, "round", "collect", str(varam))
    con = db.connect(fresh_db)
    try:
        assert (db.table_fingerprint(con), round_tables(con)) == before
        assert rounds.collect(con, [("varam.xlsx", varam.read_bytes())], by="Anna")[0].accepted  # not a duplicate
        before = (db.table_fingerprint(con), round_tables(con))
    finally:
        con.close()
    kill_inside(fresh_db, "round", "close")
    con = db.connect(fresh_db)
    try:
        assert (db.table_fingerprint(con), round_tables(con)) == before
        assert rounds.get(con, r.round_id).state == rounds.OPEN
        assert not rounds.close(con, r.round_id, by="Anna").already
    finally:
        con.close()


def test_problems_are_kept_as_json_for_the_history(con):
    r = start(con)
    bad = fill_round_workbook(book_of(con, r, VARAM), {"6.1": {"Statuss": "Gandrīz"}})
    result = rounds.collect(con, [("bad.xlsx", bad)], by="Anna")[0]
    assert [p.code for p in result.errors] == ["unknown_status"] and result.return_id is not None
    stored = json.loads(rounds.returns(con, r.round_id)["problems"].iloc[0])
    assert stored[0]["code"] == "unknown_status" and stored[0]["place"].startswith("Pasākumi!J")
