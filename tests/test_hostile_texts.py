"""Hostile texts in a valid export: stored as typed, shown as text, inert in every export.

The texts go in as inline strings (exactly as typed; openpyxl would turn
``=1+1`` into a formula). They must be ingested fine, come back unchanged from
the database, be neutralised in the CSV (leading ``'``) and stored as text in
the Excel export — checked with a real client, LibreOffice headless — and
appear literally in the meeting deck. Every page runs on them without an
exception (AppTest); the browser variant checks that nothing executes.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ogp_monitor.reports import exports
from ogp_monitor.store import db, pipeline
from tests.helpers import MEASURE_HEADERS, measure_row
from tests.hostile.make_catalogue import raw_xlsx, rows_xml, sheet_xml

PLAN = "5. plāns 2022–2025"
LONG = ("Ļoti garš apraksts par ūdens kvalitāti un ķīmisko drošību. " * 200)[:9_999] + "Z"  # 10,000 characters
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "markdown": "**bold** [link](http://x) # virsraksts",
    "formula_eq": "=1+1",
    "formula_plus": "+SUM(A1)",
    "formula_minus": "-2",
    "formula_at": "@cmd",
    "rtl": "مرحبا بالعالم — שלום עולם",
    "emoji": "🚀🇱🇻 Ūdens ķīmija 👩‍💻",
    "latvian": "Ķeguma ĢĒŅŠ — čūska, ļoti žēl",
    "long": LONG,
}
FORMULA_LIKE = ("formula_eq", "formula_plus", "formula_minus", "formula_at")


def hostile_export() -> bytes:
    rows = [MEASURE_HEADERS]
    for i, (key, text) in enumerate(HOSTILE.items()):
        rows.append(measure_row(f"1.{i + 1}", ("Nav uzsākts", "Uzsākts", "Pabeigts")[i % 3], commitment="1",
                                commitment_title=HOSTILE["script"] if i == 0 else "Atklātība <b>un</b> =A1",
                                title=text, note=text, plan=PLAN, report="15.12.2025",
                                lead="=HYPERLINK(\"http://x\")" if key == "formula_eq" else "Valsts kanceleja"))
    path = io.BytesIO()
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "naidigi.xlsx"
        raw_xlsx(file, [("Pasākumi", sheet_xml(rows_xml(rows)))])
        path.write(file.read_bytes())
    return path.getvalue()


@pytest.fixture
def hostile_db(fresh_db) -> Path:
    checked = pipeline.check(hostile_export(), "naidigi_teksti.xlsx")
    assert checked.ok, [p.line("en") for p in checked.errors]
    con = db.connect(fresh_db)
    try:
        pipeline.store(con, checked, uploaded_by="tests")
    finally:
        con.close()
    return fresh_db


def _measures(path: Path):
    con = db.connect(path, read_only=True)
    try:
        return db.run_query(con, "measures")
    finally:
        con.close()


def test_hostile_texts_are_stored_exactly_as_typed(hostile_db):
    frame = _measures(hostile_db)
    titles = set(frame["measure_title"])
    for key, text in HOSTILE.items():
        assert text in titles, f"{key} changed on the way in"
    assert HOSTILE["script"] in set(frame["commitment_title"])
    assert (frame["lead_institution"] == '=HYPERLINK("http://x")').sum() == 1


def test_csv_export_keeps_formula_like_text_inert_and_latvian_intact(hostile_db):
    frame = _measures(hostile_db)
    data = exports.to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    titles = {r["measure_title"] for r in rows}
    for key in FORMULA_LIKE:
        assert "'" + HOSTILE[key] in titles, f"{key} is not neutralised in the CSV"
        assert HOSTILE[key] not in titles
    for key in ("script", "img", "markdown", "rtl", "emoji", "latvian", "long"):
        assert HOSTILE[key] in titles, f"{key} was altered in the CSV"
    assert "'=HYPERLINK(\"http://x\")" in {r["lead_institution"] for r in rows}
    assert not any(v.startswith(exports.FORMULA_START) for r in rows for k, v in r.items()
                   if k in ("measure_title", "commitment_title", "lead_institution", "progress_note") and v)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_excel_export_opened_by_libreoffice_gives_back_the_texts_as_typed(hostile_db, tmp_path, artifacts):
    frame = _measures(hostile_db)
    xlsx = tmp_path / "pasakumi.xlsx"
    xlsx.write_bytes(exports.to_xlsx_bytes({"Pasākumi": frame}))
    shutil.copy(xlsx, artifacts / "hostile_texts_export.xlsx")
    profile = tmp_path / "lo_profile"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false', "--outdir", str(tmp_path), str(xlsx)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    out = tmp_path / "pasakumi.csv"
    assert out.exists(), proc.stdout + proc.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    titles = {r["measure_title"] for r in rows}
    for key, text in HOSTILE.items():
        assert text in titles, f"LibreOffice shows {key} differently: evaluated or altered"
    assert "2" not in titles, "=1+1 was evaluated as a formula"
    assert '=HYPERLINK("http://x")' in {r["lead_institution"] for r in rows}

    from openpyxl import load_workbook
    ws = load_workbook(xlsx)["Pasākumi"]
    header = [c.value for c in ws[1]]
    col = header.index("measure_title") + 1
    cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
    assert all(c.data_type == "s" for c in cells), "every title cell is stored as text, never as a formula"


def test_meeting_deck_shows_the_texts_literally(hostile_db):
    powerpoint = pytest.importorskip("ogp_monitor.reports.deck.powerpoint")
    from pptx import Presentation

    con = db.connect(hostile_db, read_only=True)
    try:
        content = powerpoint.build_deck(con, PLAN, lang="lv")
    finally:
        con.close()
    texts, links = [], []
    for slide in Presentation(io.BytesIO(content)).slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if getattr(shape, "has_table", False) and shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                texts.append(frame.text)
                links += [r.hyperlink.address for p in frame.paragraphs for r in p.runs if r.hyperlink.address]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    everything = "\n".join(texts)
    for key in ("script", "img", "markdown", "formula_eq", "formula_plus", "formula_at", "latvian"):
        assert HOSTILE[key] in everything, f"{key} is not shown literally in the deck"
    assert not links, f"text became a hyperlink in the deck: {links}"


def test_every_page_runs_on_hostile_texts_and_renders_them_as_text(hostile_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("OGP_DB", str(hostile_db))
    root = Path(__file__).resolve().parent.parent
    pages = ["overview", "commitments", "institutions", "timeline", "data", "meeting"]
    seen_tables = 0
    for name in pages:
        at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(f"views/{name}.py")
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
        for md in at.markdown:
            value = md.value or ""
            # Markdown from data is escaped: a raw tag or link syntax would render
            assert "<script>" not in value and "<img src=x" not in value, (name, value[:200])
            assert "[link](http://x)" not in value, (name, value[:200])
        seen_tables += len(at.dataframe)
    assert seen_tables > 0
