"""The meeting deck, built from the sample and read back: slides, pictures, every measure, Latvian
letters, nothing overflowing (by the deck's estimate and in LibreOffice's real layout), the PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from ogp_monitor import cli
from ogp_monitor.i18n import status_label
from ogp_monitor.reports import charts, render
from ogp_monitor.reports.deck import pdf as deck_pdf
from ogp_monitor.reports.deck import plan, powerpoint, text_fit
from ogp_monitor.store import db, pipeline
from tests.helpers import measure_row, measures_workbook

PLAN5 = "5. plāns 2022–2025"
CHART_TITLES = ("Pasākumu izpilde pēc statusa", "Iestāžu noslodze", "Pasākumu laika grafiks", "Grafiks:",
                "Uzticēšanās rādītāji")
needs_chromium = pytest.mark.skipif(render.chromium_path() is None, reason="Chromium is needed to draw the charts")
needs_soffice = pytest.mark.skipif(deck_pdf.soffice_path() is None or shutil.which("pdftotext") is None,
                                   reason="LibreOffice and poppler-utils are needed for the PDF")


def slide_title(slide) -> str:
    """The slide heading: the first text box (the title is drawn first on every slide)."""
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            return shape.text_frame.text
    return ""


def table_rows(slide) -> list[list[str]]:
    rows = []
    for shape in slide.shapes:
        if shape.has_table:
            rows += [[cell.text for cell in row.cells] for row in shape.table.rows]
    return rows


@pytest.fixture(scope="module")
def built(sample_db_file, artifacts):
    if render.chromium_path() is None:
        pytest.skip("Chromium is needed to draw the charts")
    con = db.connect(sample_db_file, read_only=True)
    steps = []
    try:
        started = time.perf_counter()
        content = powerpoint.build_deck(con, PLAN5, lang="lv", progress=lambda f, text: steps.append((f, text)))
        seconds = time.perf_counter() - started
        measures = db.run_query(con, "measures", plan_id=PLAN5)
    finally:
        con.close()
    out = artifacts / "deck"
    out.mkdir(exist_ok=True)
    (out / "deck_lv.pptx").write_bytes(content)
    print(f"deck of {PLAN5}: {len(content) // 1024} kB in {seconds:.1f} s")
    return {"pptx": content, "prs": Presentation(io.BytesIO(content)), "steps": steps, "measures": measures,
            "dir": out}


@needs_chromium
def test_slides_in_the_councils_order(built):
    prs = built["prs"]
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000  # 16:9 (13.333 x 7.5 in)
    titles = [slide_title(s) for s in prs.slides]
    assert titles[0].startswith("Atvērtās pārvaldības rīcības plāna uzraudzības padomes sēde")
    title_text = " ".join(sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame)
    assert PLAN5 in title_text and "Stāvoklis uz 29.09.2025." in title_text
    assert titles[1] == "Kopsavilkums"
    assert titles[2] == "Pasākumu izpilde pēc statusa"
    commitments = [i for i, title in enumerate(titles) if re.match(r"\d+\. apņemšanās:", title)]
    numbers = [int(titles[i].split(".")[0]) for i in commitments]
    assert numbers == sorted(numbers) and set(numbers) == {1, 2, 3, 4, 5, 6}
    assert commitments == list(range(3, 3 + len(commitments)))  # one after another, right after the status
    rest = titles[commitments[-1] + 1:]
    order = ["Kas mainījies kopš 27.03.2025.", "Pasākumi ar nokavētu izpildes termiņu", "Iestāžu noslodze",
             "Pasākumu laika grafiks", "Grafiks: 6. plāns 2026–2027", "Uzticēšanās rādītāji"]
    positions = [next(i for i, title in enumerate(rest) if title.startswith(o)) for o in order]
    assert positions == sorted(positions)
    assert len(prs.slides) == len(titles) >= 17
    # the progress indicator got steps, ending at 100 %
    assert built["steps"][-1][0] == 1.0 and len(built["steps"]) >= 5


@needs_chromium
def test_every_chart_slide_has_a_sharp_picture_and_its_data_in_the_notes(built):
    chart_slides = [s for s in built["prs"].slides if slide_title(s).startswith(CHART_TITLES)]
    assert len(chart_slides) >= 6
    for slide in chart_slides:
        pictures = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1, slide_title(slide)
        image = Image.open(io.BytesIO(pictures[0].image.blob))
        assert image.format == "PNG" and image.width >= 1500
        assert image.convert("L").getextrema()[0] < 60  # not blank: there is dark ink (text, axes)
        notes = slide.notes_slide.notes_text_frame.text
        assert "Dati diagrammā:" in notes
    status_notes = chart_slides[0].notes_slide.notes_text_frame.text
    assert "Pabeigts vai būtisks progress: 13" in status_notes and "Kopā: 26" in status_notes
    assert "Kopš 27.03.2025. divi pasākumi (3.5, 5.1)" in status_notes  # the summary is in the notes too


@needs_chromium
def test_every_commitments_measures_are_in_native_tables(built):
    measures = built["measures"]
    found = {}
    for slide in built["prs"].slides:
        title = slide_title(slide)
        match = re.match(r"(\d+)\. apņemšanās:", title)
        if not match:
            continue
        for row in table_rows(slide)[1:]:
            found[row[0]] = (match.group(1), row)
    assert sorted(found) == sorted(measures["measure_no"])
    for m in measures.itertuples(index=False):
        commitment, row = found[m.measure_no]
        assert commitment == m.commitment_no
        assert row[1].startswith(m.measure_title[:40])        # title (shortened only when very long)
        assert row[2] == f"{charts.STATUS_MARKS[m.status_group]} {status_label(m.status_group, 'lv')}"
        assert row[3] == m.lead_institution
    row_35 = found["3.5"][1]
    assert "Pabeigts vai būtisks progress" in row_35[2] and row_35[4] == "31.12.2025."
    assert "nokavēts" in found["1.1"][1][4]                     # the overdue deadline says so


@needs_chromium
def test_latvian_letters_survive(built):
    text = " ".join(sh.text_frame.text for s in built["prs"].slides for sh in s.shapes if sh.has_text_frame)
    cells = " ".join(c for s in built["prs"].slides for r in table_rows(s) for c in r)
    for word in ("Atvērtās pārvaldības", "Stāvoklis uz", "Kopsavilkums", "trīs pasākumi"):
        assert word in text
    for word in ("Līdzdalības labās prakses pēcpusdienas", "Finanšu ministrija", "Atbildīgā iestāde",
                 "Termiņš", "Uzsākts, izpilde procesā"):
        assert word in cells
    assert "\ufffd" not in text + cells


@needs_chromium
def test_no_text_frame_overflows_by_the_estimate(built):
    assert powerpoint.overflowing_shapes(built["pptx"]) == []


def test_estimate_splits_tables_evenly_and_catches_overflow():
    assert plan.paginate([100] * 6, 450) == [[0, 1, 2], [3, 4, 5]]
    assert plan.paginate([100] * 4, 450) == [[0, 1, 2, 3]]
    assert text_fit.count_lines("vārds " * 40, 200, 12) > text_fit.count_lines("vārds " * 10, 200, 12) >= 1
    assert text_fit.shorten("Pasākums " * 50, 60).endswith("…") and len(text_fit.shorten("Pasākums " * 50, 60)) <= 60
    # a deck whose text box is far too small is reported
    from pptx import Presentation as New
    from pptx.util import Inches, Pt
    prs = New()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(0.3))
    run = box.text_frame.paragraphs[0].add_run()
    run.text, run.font.size = "Ļoti gara piezīme " * 20, Pt(14)
    buffer = io.BytesIO()
    prs.save(buffer)
    assert powerpoint.overflowing_shapes(buffer.getvalue())


def _pdf_words(pdf_path):
    """Every word LibreOffice placed, with its page and box (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, check=True,
                          text=True).stdout
    pages = re.split(r"<page ", html)[1:]
    out = []
    for n, page in enumerate(pages, start=1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                             page):
            out.append((n, width, height, *map(float, m.groups()[:4]), m.group(5)))
    return len(pages), out


@needs_chromium
@needs_soffice
def test_pdf_has_one_page_per_slide_and_libreoffice_keeps_text_on_the_slides(built):
    pdf = deck_pdf.to_pdf(built["pptx"])
    path = built["dir"] / "deck_lv.pdf"
    path.write_bytes(pdf)
    n_pages, words = _pdf_words(path)
    assert n_pages == len(built["prs"].slides)
    footer_top = plan.FOOTER_TOP_IN * 72
    for page, width, height, x0, y0, x1, y1, word in words:
        assert x1 <= width + 0.5 and y1 <= height + 0.5, (page, word)
        if y0 < footer_top - 2:  # body text must end above the footer line, tables included
            assert y1 <= footer_top + 1, (page, word, y1)
    text = " ".join(w[-1] for w in words)
    for word in ("Atvērtās", "pārvaldības", "Kopsavilkums", "apņemšanās", "Līdzdalības", "nokavētu"):
        assert word in text
    # pages as PNG for a person to look at
    for old in built["dir"].glob("deck_lv-*.png"):
        old.unlink()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(built["dir"] / "deck_lv")], check=True)
        assert len(list(built["dir"].glob("deck_lv-*.png"))) == n_pages


def test_english_slide_plan_speaks_english(sample_db_file):
    con = db.connect(sample_db_file, read_only=True)
    try:
        specs = plan.plan_slides(plan.collect(con, PLAN5, lang="en"))
    finally:
        con.close()
    titles = [s.title for s in specs]
    assert titles[:3] == ["Open government action plan monitoring council meeting", "Summary",
                          "Measures by implementation status"]
    assert "Commitment 1: Stiprināt sabiedrības līdzdalības ietvaru un vairot izpratni par efektīvu līdzdalības procesu" in titles
    headers = next(s.rows[0] for s in specs if s.rows)
    assert [c.text for c in headers][:3] == ["No.", "Measure", "Status"]
    assert any(t.startswith("What changed since 27 Mar 2025") for t in titles)


def test_deck_refuses_an_empty_database(empty_db, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert cli.main(["deck", str(out), "--db", str(empty_db)]) == cli.EXIT_REFUSED
    assert not out.exists()
    assert "Nav datu" in capsys.readouterr().err


@needs_chromium
def test_hostile_texts_stay_literal_and_fit(tmp_path, artifacts):
    """Script tags, formulas and a 10,000-character note: literal text, shortened on the slide, whole in the notes."""
    path = tmp_path / "hostile.duckdb"
    con = db.connect(path)
    long_note = "Ļoti gara piezīme ar garumzīmēm. " * 310
    rows = [measure_row("1.1", "Uzsākts", title="<script>alert(1)</script> pasākums", note=long_note,
                        deadline="31.12.2024", report="29.09.2025"),
            measure_row("1.2", "Nav uzsākts", title="+SUM(1;2) -pasākums", lead="@iestāde",
                        note="<img src=x onerror=alert(1)>", report="29.09.2025")]
    checked = pipeline.check(measures_workbook(rows), "hostile.xlsx")
    assert checked.ok, [p.line("en") for p in checked.errors]
    pipeline.store(con, checked, uploaded_by="test")
    con.close()
    out = tmp_path / "hostile.pptx"
    assert cli.main(["deck", str(out), "--db", str(path)]) == 0
    content = out.read_bytes()
    (artifacts / "deck").mkdir(exist_ok=True)
    (artifacts / "deck" / "deck_hostile.pptx").write_bytes(content)
    prs = Presentation(io.BytesIO(content))
    cells = [c for s in prs.slides for r in table_rows(s) for c in r]
    assert "<script>alert(1)</script> pasākums" in cells
    assert "+SUM(1;2) -pasākums" in cells and "@iestāde" in cells
    shortened = [c for c in cells if c.startswith("Ļoti gara piezīme")]
    assert shortened and all(len(c) <= plan.NOTE_CHARS for c in shortened)
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    assert long_note.strip() in notes
    assert powerpoint.overflowing_shapes(content) == []
