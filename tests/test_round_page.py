"""AppTest: the collection round page, signed in — start a round, drop two returned files at once (one
of them with a foreign measure), read the tracker, close, see the merged report's preview, publish."""

from __future__ import annotations

import datetime as dt

from ogp_monitor.ingest import round_book
from ogp_monitor.store import db, rounds
from tests.conftest import ROOT
from tests.helpers import fill_round_workbook
from tests.test_upload_pages import XLSX, app, sign_in  # noqa: F401  (app is a fixture)

PLAN5 = "5. plāns 2022–2025"
AS_OF = dt.date(2026, 3, 31)


def open_page(at):
    return at.switch_page(str(ROOT / "views/collection.py")).run()


def texts(at) -> str:
    return " ".join(str(e.value) for kind in ("success", "error", "info", "warning") for e in getattr(at, kind))


def test_a_round_on_the_page_from_start_to_publish(app, fresh_db):
    at = open_page(sign_in(app))
    assert not at.exception
    assert "Vēl nav nevienas kārtas." in texts(at)
    at.date_input(key="round_as_of").set_value(AS_OF)
    at.date_input(key="round_due").set_value(dt.date(2026, 3, 20))
    at = at.button(key="FormSubmitter:round_start-Sākt kārtu").click().run()
    assert not at.exception
    assert "sākta: 6 darbgrāmatas" in texts(at)
    assert [m.value for m in at.metric][:3] == ["atvērta", "6", "0"]

    con = db.connect(fresh_db)
    try:
        r = rounds.rounds(con)[0]
        books = rounds.workbooks(con, r.round_id)
    finally:
        con.close()
    varam = fill_round_workbook(books[round_book.file_name(AS_OF, "VARAM")],
                                {"6.1": {"Izpildes informācija": "Vadlīnijas publicētas."}})
    fm = fill_round_workbook(books[round_book.file_name(AS_OF, "Finanšu ministrija")], {},
                             extra_rows=[["Atbildīgā / Lead", PLAN5, "1", "x", "1.1", "Svešs", "FM", "", None,
                                          "Nav uzsākts", None, "", "nav mūsu"]])
    at.file_uploader[0].set_value([("varam.xlsx", varam, XLSX), ("fm.xlsx", fm, XLSX)])
    at = at.run()
    assert not at.exception
    said = texts(at)
    assert "varam.xlsx: VARAM — pieņemts, atbildēts: 1 no 3." in said
    assert "fm.xlsx: Finanšu ministrija — nav pieņemts (1 kļūdas)" in said
    problems = at.dataframe[0].value
    assert problems["Vieta"].tolist() == [f"Pasākumi!E{round_book.HEADER_ROW + 3}"]  # the foreign row's cell
    tracker = next(d.value for d in at.dataframe if "Iestāde" in d.value.columns)
    states = dict(zip(tracker["Iestāde"], tracker["Stāvoklis"]))
    assert states["VARAM"] == "atsūtīts" and states["Finanšu ministrija"].startswith("jālabo")

    at = at.button(key="round_close").click().run()
    assert not at.exception
    assert "Kārta aizvērta. Pasākumi ar jaunu informāciju: 1; bez jaunas informācijas: 25." in texts(at)
    assert any("Bez jaunas informācijas paliks" in i.value for i in at.info)
    at = at.button(key="round_publish").click().run()
    assert not at.exception
    assert f"Publicēts: „{PLAN5}” ziņojums uz 31.03.2026." in texts(at)
    con = db.connect(fresh_db)
    try:
        assert rounds.get(con, r.round_id).state == rounds.PUBLISHED
        now = db.run_query(con, "measures", plan_id=PLAN5).set_index("measure_no")
        assert now.loc["6.1", "progress_note"] == "Vadlīnijas publicētas." and now.loc["6.2", "carried_forward"]
    finally:
        con.close()


def test_the_page_is_for_analysts_only(fresh_db, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("OGP_DB", str(fresh_db))
    monkeypatch.setenv("OGP_ANALYST_PASSWORD", "x")
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at = at.switch_page(str(ROOT / "views/collection.py")).run()
    assert not at.exception
    assert at.text_input(key="login_password") is not None and not at.file_uploader
    assert not any("Jauna kārta" in s.value for s in at.subheader)
    st.cache_resource.clear()
