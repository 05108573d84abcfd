"""AppTest: sign in, upload (bad, identical, good), preview, publish, roll back, all through the pages.

After every step the database itself is checked: row counts, the current
snapshot, and an unchanged fingerprint when a file is refused.
"""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.errors import AppTestError

from ogp_monitor.store import db
from tests.conftest import ROOT
from tests.helpers import MEASURE_HEADERS, measure_row, measures_workbook
from tests.test_publishing import PLAN5, SEPTEMBER, modified_sample

PASSWORD = "Ļoti-slepena parole 7"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIMEOUT = 60  # the machine is shared by several test runs


@pytest.fixture
def app(fresh_db, monkeypatch):
    monkeypatch.setenv("OGP_DB", str(fresh_db))
    monkeypatch.setenv("OGP_ANALYST_PASSWORD", PASSWORD)
    monkeypatch.delenv("OGP_MAX_UPLOAD_MB", raising=False)
    st.cache_resource.clear()  # a fresh lockout and verifier; the connection to this test's file
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    yield at
    st.cache_resource.clear()  # closes the cached connection, releasing the file


def state(path) -> dict:
    con = db.connect(path)
    try:
        snaps = db.run_query(con, "snapshots")
        return {"current": db.current_snapshot_id(con), "snapshots": len(snaps),
                "published": int(snaps["is_published"].sum()),
                "log": db.run_query(con, "publication_log")[["action", "snapshot_id", "acted_by"]]
                .values.tolist(), "fingerprint": db.table_fingerprint(con),
                "plan5": db.run_query(con, "status_counts", plan_id=PLAN5)
                .set_index("status_group")["n_measures"].to_dict()}
    finally:
        con.close()


def sign_in(at: AppTest, password: str = PASSWORD, name: str = "Anna Bērziņa") -> AppTest:
    at.switch_page(str(ROOT / "views/login.py")).run()
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    return at.button(key="FormSubmitter:login-Pierakstīties").click().run()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    return at.file_uploader[0].set_value((name, content, XLSX)).run()


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def test_wrong_password_gives_no_access_and_five_lock_the_form(app, fresh_db):
    sign_in(app, "nepareizi")
    assert "Nepareiza parole" in texts(app.error)
    app.switch_page(str(ROOT / "views/upload.py")).run()  # the address answers, with the sign-in, not the page
    assert not app.file_uploader and "tikai analītiķiem" in texts(app.warning)
    app.switch_page(str(ROOT / "views/login.py")).run()
    for _ in range(4):
        sign_in(app, "vēl nepareizi")
    assert "bloķēta" in texts(app.error)
    app.run()
    assert app.button(key="FormSubmitter:login-Pierakstīties").disabled
    assert app.session_state["login_password"] == ""  # the typed password is not kept
    with pytest.raises(AppTestError, match="disabled"):
        sign_in(app)  # not even the right password gets through while locked
    app.switch_page(str(ROOT / "views/upload.py")).run()
    assert not app.file_uploader


def test_pages_refuse_a_session_that_is_not_signed_in(fresh_db, monkeypatch):
    monkeypatch.setenv("OGP_DB", str(fresh_db))
    st.cache_resource.clear()
    try:
        for page in ("upload.py", "history.py"):
            at = AppTest.from_file(str(ROOT / "views" / page), default_timeout=TIMEOUT).run()
            assert not at.exception
            assert "tikai analītiķiem" in texts(at.warning)
            # only the sign-in form: no uploader, no publish, rollback or delete
            assert not at.file_uploader and [b.label for b in at.button] == ["Pierakstīties"]
    finally:
        st.cache_resource.clear()


def test_upload_journey_bad_identical_good_publish_rollback_republish(app, fresh_db):
    start = state(fresh_db)
    assert start["current"] == 2 and start["snapshots"] == 2
    sign_in(app)
    assert "Anna Bērziņa" in texts(app.success)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    assert not app.exception and app.file_uploader[0].allowed_type == [".xlsx"]

    # 1. a bad file: problems table with places, nothing stored, no publish button
    bad = measures_workbook([measure_row("1.1", status="Varbūt"), measure_row("1.2", lead="")])
    upload(app, "slikts.xlsx", bad)
    assert not app.exception
    assert "nevar publicēt" in texts(app.error)
    problems = app.dataframe[0].value
    assert list(problems.columns) == ["Veids", "Vieta", "Problēma", "Kā labot"]
    assert problems["Vieta"].str.startswith("Pasākumi!").any()
    assert not [b for b in app.button if b.label == "Publicēt"]
    assert state(fresh_db)["fingerprint"] == start["fingerprint"]

    # 2. a file identical to the current snapshot: reported, not duplicated
    upload(app, "septembris.xlsx", SEPTEMBER.read_bytes())
    assert "#2" in texts(app.info) and "pašreizējais" in texts(app.info)
    assert state(fresh_db)["fingerprint"] == start["fingerprint"]

    # 3. a good file: preview only, stored unpublished
    upload(app, "decembris.xlsx", modified_sample())
    assert not app.exception
    assert "Priekšskatījums" in texts(app.subheader)
    assert [m.value for m in app.metric] == ["15.12.2025.", "47", "33", "7"]  # report date, rows per sheet
    tab_labels = [tab.label for tab in app.tabs]
    assert "Mainīts statuss: 1" in tab_labels and "Pievienoti pasākumi: 1" in tab_labels
    staged = state(fresh_db)
    assert staged["snapshots"] == 3 and staged["current"] == 2 and staged["published"] == 2
    assert staged["plan5"] == start["plan5"]  # viewers see no change yet

    # 4. publish: current for everyone, recorded with the analyst's name
    app.button(key="publish").click().run()
    assert not app.exception and "Publicēts" in texts(app.success)
    published = state(fresh_db)
    assert published["current"] == 3 and published["log"][0] == ["publish", 3, "Anna Bērziņa"]
    assert published["plan5"]["advanced"] == start["plan5"]["advanced"] + 1

    # 5. history: roll back to September, then forward again; nothing deleted
    app.switch_page(str(ROOT / "views/history.py")).run()
    assert not app.exception
    assert len(app.dataframe[0].value) == 3
    app.selectbox(key="history_snapshot").set_value(2).run()
    app.button(key="history_rollback").click().run()
    assert not app.exception and "atkal ir pašreizējais" in texts(app.success)
    rolled = state(fresh_db)
    assert rolled["current"] == 2 and rolled["snapshots"] == 3 and rolled["log"][0] == ["rollback", 2, "Anna Bērziņa"]
    assert rolled["plan5"] == start["plan5"]
    app.selectbox(key="history_snapshot").set_value(3).run()
    app.button(key="history_rollback").click().run()
    again = state(fresh_db)
    assert again["current"] == 3 and [row[0] for row in again["log"][:3]] == ["rollback", "rollback", "publish"]
    assert len(app.dataframe[1].value) == 5  # the publication log on the page


def test_discard_removes_the_preview_and_leaves_the_database_as_it_was(app, fresh_db):
    start = state(fresh_db)
    sign_in(app)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    upload(app, "decembris.xlsx", modified_sample())
    assert state(fresh_db)["snapshots"] == 3
    app.button(key="discard").click().run()
    assert not app.exception and "atcelts" in texts(app.info)
    assert state(fresh_db)["fingerprint"] == start["fingerprint"]
    assert not app.file_uploader[0].value  # an empty uploader for the next file

    upload(app, "decembris.xlsx", modified_sample())
    assert state(fresh_db)["snapshots"] == 3
    app.file_uploader[0].set_value(None).run()  # removing the file abandons its preview too
    assert not app.exception and state(fresh_db)["fingerprint"] == start["fingerprint"]


def test_a_file_without_report_date_asks_for_one(app, fresh_db):
    sign_in(app)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    headers = [h for h in MEASURE_HEADERS if h != "Ziņojuma datums"]
    content = measures_workbook([measure_row("1.1")[:-1]], headers=headers)
    upload(app, "bez datuma.xlsx", content)
    assert "nav ziņojuma datuma" in texts(app.info)
    assert state(fresh_db)["snapshots"] == 2
    app.date_input[0].set_value(dt.date(2025, 12, 1)).run()
    assert not app.exception and app.metric[0].value == "01.12.2025."
    assert state(fresh_db)["snapshots"] == 3


def test_a_file_over_the_limit_is_refused_with_a_clear_message(app, fresh_db, monkeypatch):
    monkeypatch.setenv("OGP_MAX_UPLOAD_MB", "1")
    start = state(fresh_db)
    sign_in(app)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    assert "līdz 1 MB" in texts(app.markdown)
    upload(app, "liels.xlsx", b"PK" + b"\0" * (1024 * 1024 + 10))
    assert "atļauts līdz 1 MB" in texts(app.error)
    assert state(fresh_db)["fingerprint"] == start["fingerprint"]


DECEMBER = SEPTEMBER.parent / "tour" / "ogp_5-plans_2025-12-15_ilustrativs.xlsx"
PLAN6 = "6. plāns 2026–2027"


def plan_rows(path, plan: str) -> list:
    con = db.connect(path)
    try:
        return db.run_query(con, "measures", plan_id=plan).astype(str).values.tolist()
    finally:
        con.close()


def test_a_one_plan_report_says_what_stays_and_leaves_it(app, fresh_db):
    plan6 = plan_rows(fresh_db, PLAN6)
    sign_in(app)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    upload(app, DECEMBER.name, DECEMBER.read_bytes())
    assert not app.exception
    captions = texts(app.caption)
    assert f"„{PLAN5}”: salīdzinājums ar plāna pašreizējo ziņojumu uz 29.09.2025. (#2)" in captions
    assert (f"Paliek, kā ir (šajā failā to nav): uzticēšanās rādītāji; „{PLAN6}” pasākumi; „{PLAN6}” grafiks."
            in texts(app.info))
    assert "Noņemti pasākumi" not in " ".join(tab.label for tab in app.tabs)
    app.button(key="publish").click().run()
    assert not app.exception and "Publicēts" in texts(app.success)
    assert plan_rows(fresh_db, PLAN6) == plan6  # the 6th plan, row for row


def test_a_big_removal_needs_the_analysts_confirmation_on_the_page(app, fresh_db):
    start = state(fresh_db)
    sign_in(app)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    upload(app, "tikai_divi.xlsx", measures_workbook([measure_row("1.1", plan=PLAN5, report="15.12.2025"),
                                                     measure_row("1.2", plan=PLAN5, report="15.12.2025")]))
    assert not app.exception
    warning = texts(app.error)
    assert f"no „{PLAN5}” pazudīs 24 no 26 pašreizējiem pasākumiem" in warning and "1.3, 1.4" in warning
    assert app.button(key="publish").disabled
    box = app.checkbox(key=f"confirm_removals_{start['snapshots'] + 1}")
    box.check().run()
    assert not app.button(key="publish").disabled
    app.button(key="publish").click().run()
    assert not app.exception and "Publicēts" in texts(app.success)
    assert len(plan_rows(fresh_db, PLAN5)) == 2 and len(plan_rows(fresh_db, PLAN6)) == 21


def test_a_file_without_a_plan_asks_which_plan_it_is(app, fresh_db):
    sign_in(app)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    headers = [h for h in MEASURE_HEADERS if h != "Plāns"]
    rows = [measure_row("9.1", title="Jauns virziens", report="01.02.2026")[1:],
            measure_row("9.2", title="Vēl viens", report="01.02.2026")[1:]]
    upload(app, "bez_plana.xlsx", measures_workbook(rows, headers=headers))
    assert not app.exception and "Failā nav norādīts plāns" in texts(app.warning)
    assert state(fresh_db)["snapshots"] == 2  # nothing stored until the plan is known
    picker = app.main.selectbox[0]
    assert picker.options[1:3] == [PLAN5, PLAN6]  # existing plans first, then "a new plan"
    picker.set_value("\u0000new").run()
    app.main.text_input[0].input("7. plāns 2028–2029").run()
    assert not app.exception
    assert "„7. plāns 2028–2029”: šim plānam vēl nav publicēta ziņojuma" in texts(app.info)
    app.button(key="publish").click().run()
    con = db.connect(fresh_db)
    try:
        assert sorted(db.run_query(con, "plans")["plan_id"]) == [PLAN5, PLAN6, "7. plāns 2028–2029"]
    finally:
        con.close()


def test_the_date_a_file_states_in_its_title_is_filled_in_and_can_be_changed(app, fresh_db):
    sign_in(app)
    app.switch_page(str(ROOT / "views/upload.py")).run()
    upload(app, DECEMBER.name, DECEMBER.read_bytes())  # date and plan only in its title rows
    assert not app.exception
    field = app.date_input[0]
    assert field.value == dt.date(2025, 12, 15) and "nolasīts failā" in field.label
    assert app.metric[0].value == "15.12.2025."
    field.set_value(dt.date(2025, 12, 12)).run()  # the analyst corrects it
    assert not app.exception and app.metric[0].value == "12.12.2025."
    assert app.date_input[0].value == dt.date(2025, 12, 12)  # the field stays, showing the given date
    assert "Failā minēts datums 15.12.2025." in " ".join(app.dataframe[0].value["Problēma"])
    app.button(key="publish").click().run()
    con = db.connect(fresh_db)
    try:
        reports = db.run_query(con, "plan_reports", plan_id=PLAN5)
        assert str(reports["report_date"].iloc[0])[:10] == "2025-12-12"
    finally:
        con.close()


def test_an_analyst_page_opened_signed_out_signs_in_and_stays_there(app, fresh_db):
    """A reload or a shared link to /augsupielade: the sign-in, in the chosen language, then the page."""
    app.switch_page(str(ROOT / "views/upload.py")).run()
    assert not app.exception and not app.file_uploader
    assert "tikai analītiķiem" in texts(app.warning)
    app.text_input(key="login_name").input("Anna Bērziņa")
    app.text_input(key="login_password").input(PASSWORD)
    app.button(key="FormSubmitter:login-Pierakstīties").click().run()
    assert not app.exception and app.file_uploader  # the upload page itself, no detour
    assert app.title[0].value == "Augšupielāde"


def served_measures(static) -> str:
    return (static / "open-data" / "measures.csv").read_text(encoding="utf-8")


def test_publish_rollback_and_withdraw_on_the_pages_rewrite_the_open_data(fresh_db, monkeypatch, tmp_path):
    static = tmp_path / "static"
    monkeypatch.setenv("OGP_STATIC_DIR", str(static))
    monkeypatch.setenv("OGP_DB", str(fresh_db))
    monkeypatch.setenv("OGP_ANALYST_PASSWORD", PASSWORD)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
        september = served_measures(static)  # written when the server started
        assert "2025-09-29" in september and "2025-12-15" not in september
        sign_in(at)
        at.switch_page(str(ROOT / "views/upload.py")).run()
        upload(at, "decembris.xlsx", modified_sample())
        at.button(key="publish").click().run()
        assert not at.exception and "Publicēts" in texts(at.success) and not at.warning
        assert "2025-12-15" in served_measures(static)
        assert "Anna" not in served_measures(static)

        at.switch_page(str(ROOT / "views/history.py")).run()
        at.selectbox(key="history_snapshot").set_value(2).run()
        at.button(key="history_rollback").click().run()
        assert not at.exception and served_measures(static) == september

        at.selectbox(key="history_snapshot").set_value(3).run()
        at.button(key="history_rollback").click().run()
        assert "2025-12-15" in served_measures(static)
        at.button(key="history_withdraw").click().run()
        assert not at.exception and served_measures(static) == september
    finally:
        st.cache_resource.clear()


def test_a_publish_stands_when_the_open_data_cannot_be_written(fresh_db, monkeypatch, tmp_path):
    """The publication commits first; a package that cannot be written is said once, not raised, and
    the package served before stays (tests/test_open_data.py checks a half-written build itself)."""
    static = tmp_path / "static"
    monkeypatch.setenv("OGP_STATIC_DIR", str(static))
    monkeypatch.setenv("OGP_DB", str(fresh_db))
    monkeypatch.setenv("OGP_ANALYST_PASSWORD", PASSWORD)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
        before = served_measures(static)  # written when the server started
        monkeypatch.setenv("OGP_OPEN_DATA_FREQUENCY", "sometimes")  # from now on it cannot be written
        sign_in(at)
        at.switch_page(str(ROOT / "views/upload.py")).run()
        upload(at, "decembris.xlsx", modified_sample())
        at.button(key="publish").click().run()
        assert not at.exception and "Publicēts" in texts(at.success)
        warning = texts(at.warning).replace("\\", "")  # the error is shown Markdown-escaped
        assert "atvērto datu paketi neizdevās atjaunināt" in warning and "OGP_OPEN_DATA_FREQUENCY" in warning
        assert state(fresh_db)["current"] == 3
        assert served_measures(static) == before
        at.run()
        assert not at.warning, "said once, under the publication's own message"
    finally:
        st.cache_resource.clear()
