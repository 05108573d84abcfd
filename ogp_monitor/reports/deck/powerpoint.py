"""The council's meeting deck as a 16:9 PowerPoint file: draws the slides ``plan`` lays out.

Charts are rendered to PNG with one kaleido browser per deck (``reports.render``);
tables are native, editable PowerPoint tables; the summary and the data behind
every chart are in the slide notes. ``overflowing_shapes`` re-checks a finished
deck with the same text estimates the plan used (``text_fit``).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Callable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ...i18n import fmt_date, fmt_pct, status_label, t
from ...ingest.textnorm import fold
from .. import charts
from ..render import Renderer
from .plan import (
    ACCENT,
    BODY_BOTTOM_IN,
    BODY_TOP_IN,
    CELL_MARGIN_X_IN,
    CELL_MARGIN_Y_IN,
    CONTENT_W_IN,
    DARK,
    FONT,
    FOOTER_TOP_IN,
    MARGIN_IN,
    MARK_FONT,
    MUTED,
    SLIDE_H_IN,
    STRIPE,
    TABLE_FONT_PT,
    TITLE_H_IN,
    TITLE_TOP_IN,
    WHITE,
    DeckData,
    SlideSpec,
    collect,
    plan_slides,
)
from .text_fit import LINE_SPACING, count_lines, fit_font, text_height_pt

Progress = Callable[[float, str], None]

# ---- drawing -------------------------------------------------------------------------------

def _hex(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _run(paragraph, text: str, size: float, bold: bool = False, colour: RGBColor = DARK):
    run = paragraph.add_run()
    run.text = text
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    return run


def _textbox(slide, left_in, top_in, width_in, height_in, paragraphs: list[tuple[str, float, bool, RGBColor]],
             anchor=MSO_ANCHOR.TOP, space_after_pt: float = 0, align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(Inches(left_in), Inches(top_in), Inches(width_in), Inches(height_in))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = None
    frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.05))
    for i, (text, size, bold, colour) in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        p.line_spacing = LINE_SPACING * 0.85  # PowerPoint's "1.0" is ~1.2 em of Arial already
        p.space_after = Pt(space_after_pt)
        _run(p, text, size, bold, colour)
    return box


def _title(slide, text: str) -> None:
    text, size = fit_font(text, CONTENT_W_IN - 0.1, 2, (28, 26, 24, 22, 20), bold=True)
    _textbox(slide, MARGIN_IN, TITLE_TOP_IN, CONTENT_W_IN, TITLE_H_IN, [(text, size, True, ACCENT)],
             anchor=MSO_ANCHOR.MIDDLE)
    line = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(MARGIN_IN), Inches(TITLE_TOP_IN + TITLE_H_IN + 0.02),
                                  Inches(CONTENT_W_IN), Inches(0.04))
    line.fill.solid()
    line.fill.fore_color.rgb = ACCENT
    line.line.fill.background()


def _paragraph_slide(slide, paragraphs: list[str]) -> None:
    width = CONTENT_W_IN
    available = (BODY_BOTTOM_IN - BODY_TOP_IN) * 72
    size = 24
    for size in (24, 22, 20, 18, 16, 14):
        needed = sum(text_height_pt(count_lines(p, (width - 0.1) * 72, size), size) + size * 0.6 for p in paragraphs)
        if needed <= available:
            break
    _textbox(slide, MARGIN_IN, BODY_TOP_IN + 0.1, width, BODY_BOTTOM_IN - BODY_TOP_IN - 0.1,
             [(p, size, False, DARK) for p in paragraphs], space_after_pt=size * 0.6)


def _table(slide, spec: SlideSpec, top_in: float = BODY_TOP_IN) -> None:
    rows, cols = len(spec.rows), len(spec.columns)
    height = Pt(sum(spec.row_heights_pt))
    shape = slide.shapes.add_table(rows, cols, Inches(MARGIN_IN), Inches(top_in), Inches(CONTENT_W_IN), height)
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for j, col in enumerate(spec.columns):
        table.columns[j].width = Inches(col.width_in)
    for i, (cells, h) in enumerate(zip(spec.rows, spec.row_heights_pt)):
        table.rows[i].height = Pt(h)
        for j, cell in enumerate(cells):
            target = table.cell(i, j)
            target.margin_left = target.margin_right = Inches(CELL_MARGIN_X_IN)
            target.margin_top = target.margin_bottom = Inches(CELL_MARGIN_Y_IN)
            target.vertical_anchor = MSO_ANCHOR.TOP
            target.fill.solid()
            target.fill.fore_color.rgb = ACCENT if i == 0 else cell.fill or (STRIPE if i % 2 == 0 else WHITE)
            frame = target.text_frame
            frame.word_wrap = True
            lines = cell.text.split("\n")
            for k, line in enumerate(lines):
                p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
                p.alignment = spec.columns[j].align
                if i == 0:
                    _run(p, line, TABLE_FONT_PT, True, WHITE)
                    continue
                if k == 0 and cell.mark:
                    mark = _run(p, cell.mark + " ", TABLE_FONT_PT, True, _hex(cell.mark_colour or "#1a1a1a"))
                    mark.font.name = MARK_FONT
                _run(p, line, TABLE_FONT_PT, cell.bold, cell.colour or DARK)


def _picture(slide, png: bytes, left_in: float, top_in: float, width_in: float, height_in: float):
    return slide.shapes.add_picture(io.BytesIO(png), Inches(left_in), Inches(top_in), Inches(width_in),
                                    Inches(height_in))


def _status_numbers(slide, d: DeckData, left_in: float, width_in: float) -> None:
    lang = d.lang
    counts = d.facts.counts
    top = BODY_TOP_IN + 0.2
    _textbox(slide, left_in, top, width_in, 1.0, [(t("deck.total", lang), 16, False, MUTED),
                                                  (str(d.facts.total), 40, True, DARK)])
    top += 1.25
    for r in counts.itertuples(index=False):
        box = slide.shapes.add_textbox(Inches(left_in), Inches(top), Inches(width_in), Inches(1.0))
        frame = box.text_frame
        frame.word_wrap = True
        p = frame.paragraphs[0]
        mark = _run(p, charts.STATUS_MARKS.get(r.status_group, "") + " ", 30, True, DARK)
        mark.font.name = MARK_FONT
        _run(p, str(int(r.n_measures)), 30, True, DARK)
        _run(p, f"  {fmt_pct(r.share_pct, lang, 0)}", 18, False, MUTED)
        q = frame.add_paragraph()
        _run(q, status_label(r.status_group, lang), 16, False, DARK)
        top += 1.1


def _footer(slide, text: str) -> None:
    _textbox(slide, MARGIN_IN, FOOTER_TOP_IN, CONTENT_W_IN, 0.35, [(text, 11, False, MUTED)], align=PP_ALIGN.RIGHT)


def _notes(slide, text: str) -> None:
    if text:
        slide.notes_slide.notes_text_frame.text = text


def _draw(prs, spec: SlideSpec, d: DeckData, images: dict[str, bytes]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    if spec.kind == "title":
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35), prs.slide_height)
        band.fill.solid()
        band.fill.fore_color.rgb = ACCENT
        band.line.fill.background()
        head, size = fit_font(spec.title, CONTENT_W_IN - 0.5, 3, (36, 32, 28), bold=True)
        _textbox(slide, 1.0, 1.5, CONTENT_W_IN - 0.5, 2.0, [(head, size, True, ACCENT)], anchor=MSO_ANCHOR.BOTTOM)
        plan, report, made = spec.paragraphs
        plan_text, plan_size = fit_font(plan, CONTENT_W_IN - 0.5, 2, (30, 26, 22), bold=True)
        _textbox(slide, 1.0, 3.75, CONTENT_W_IN - 0.5, 2.4,
                 [(plan_text, plan_size, True, DARK), (report, 24, False, DARK), (made, 14, False, MUTED)],
                 space_after_pt=10)
    else:
        _title(slide, spec.title)
        if spec.kind == "status" and spec.chart is not None:
            _picture(slide, images[spec.chart.key], MARGIN_IN, BODY_TOP_IN, spec.chart.width_in, spec.chart.height_in)
            _status_numbers(slide, d, MARGIN_IN + spec.chart.width_in + 0.4, CONTENT_W_IN - spec.chart.width_in - 0.4)
        elif spec.chart is not None:
            _picture(slide, images[spec.chart.key], MARGIN_IN, BODY_TOP_IN, spec.chart.width_in, spec.chart.height_in)
        elif spec.rows:
            _table(slide, spec)
        elif spec.paragraphs:
            _paragraph_slide(slide, spec.paragraphs)
        if spec.below:
            size = 10 if spec.chart is not None else 14
            lines = count_lines(spec.below, (CONTENT_W_IN - 0.1) * 72, size)
            height = (text_height_pt(lines, size) + 8) / 72
            top = (BODY_TOP_IN + spec.chart.height_in if spec.chart is not None
                   else BODY_TOP_IN + sum(spec.row_heights_pt) / 72 + 0.1)
            _textbox(slide, MARGIN_IN, top, CONTENT_W_IN, height, [(spec.below, size, False, MUTED)])
    _notes(slide, spec.notes)


def build_deck(con, plan_id: str | None, snapshot_id: int | None = None, lang: str = "lv",
               progress: Progress | None = None) -> bytes:
    """The meeting deck of one plan in one snapshot (default: the current one) as PPTX bytes."""
    report = progress or (lambda fraction, text: None)
    report(0.02, t("deck.step_data", lang))
    d = collect(con, plan_id, snapshot_id, lang)
    specs = plan_slides(d)
    chart_specs = [s.chart for s in specs if s.chart is not None]
    images: dict[str, bytes] = {}
    if chart_specs:
        report(0.1, t("deck.step_charts", lang, i=0, n=len(chart_specs)))
        with Renderer() as renderer:
            for i, spec in enumerate(chart_specs, start=1):
                images[spec.key] = renderer.png(spec.figure, spec.width_in, spec.height_in)
                report(0.1 + 0.75 * i / len(chart_specs), t("deck.step_charts", lang, i=i, n=len(chart_specs)))
    report(0.9, t("deck.step_slides", lang))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # PowerPoint's own 16:9 (13.333 x 7.5 in)
    prs.core_properties.title = f"{t('deck.council_meeting', lang)} — {d.plan_id}"
    prs.core_properties.language = "lv-LV" if lang == "lv" else "en-GB"
    for spec in specs:
        _draw(prs, spec, d, images)
    date = fmt_date(d.report_date, lang)
    total = len(prs.slides)
    for i, slide in enumerate(prs.slides, start=1):
        if i > 1:
            _footer(slide, t("deck.footer", lang, plan=d.plan_id, date=date, page=f"{i}/{total}"))
    out = io.BytesIO()
    prs.save(out)
    report(1.0, t("deck.step_done", lang))
    return out.getvalue()


def slide_count(pptx_bytes: bytes) -> int:
    return len(Presentation(io.BytesIO(pptx_bytes)).slides)


def deck_file_name(plan_id: str | None, report_date: dt.date | None, ext: str = "pptx") -> str:
    """``sede_5-plans-2022-2025_2025-09-29.pptx``: ASCII, safe in every browser and file system."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in fold(plan_id or "plans")).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    when = report_date.isoformat() if report_date else "bez-datuma"
    return f"sede_{slug}_{when}.{ext}"


# ---- checking a finished deck ----------------------------------------------------------------

def overflowing_shapes(pptx_bytes: bytes) -> list[str]:
    """Shapes whose text, by this module's estimate, does not fit: text boxes taller than their box,
    tables reaching below the body area. Empty when every slide fits."""
    prs = Presentation(io.BytesIO(pptx_bytes))
    problems = []
    bottom = Inches(BODY_BOTTOM_IN + 0.05)
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.has_table:
                table = shape.table
                needed = 0.0
                for row in table.rows:
                    tallest = 0.0
                    for j, cell in enumerate(row.cells):
                        width = Emu(table.columns[j].width).inches
                        sizes = [r.font.size.pt for p in cell.text_frame.paragraphs for r in p.runs if r.font.size]
                        size = max(sizes) if sizes else 18
                        lines = sum(count_lines("".join(r.text for r in p.runs),
                                                (width - 2 * CELL_MARGIN_X_IN) * 72, size,
                                                any(r.font.bold for r in p.runs))
                                    for p in cell.text_frame.paragraphs)
                        tallest = max(tallest, text_height_pt(lines, size) + 2 * CELL_MARGIN_Y_IN * 72)
                    needed += max(tallest, Emu(row.height).pt)
                if shape.top + Pt(needed) > bottom:
                    problems.append(f"slide {n}: table needs {needed:.0f} pt, reaches below the slide body")
            elif shape.has_text_frame and shape.text_frame.text.strip():
                frame = shape.text_frame
                width_pt = Emu(shape.width).pt - 7.2
                needed = 0.0
                for p in frame.paragraphs:
                    sizes = [r.font.size.pt for r in p.runs if r.font.size]
                    size = max(sizes) if sizes else 18
                    text = "".join(r.text for r in p.runs)
                    needed += text_height_pt(count_lines(text, width_pt, size, any(r.font.bold for r in p.runs)), size)
                    needed += p.space_after.pt if p.space_after is not None else 0
                if needed > Emu(shape.height).pt + 1:
                    problems.append(f"slide {n}: text {frame.text[:40]!r} needs {needed:.0f} pt, "
                                    f"box is {Emu(shape.height).pt:.0f} pt")
                if shape.top + shape.height > Inches(SLIDE_H_IN):
                    problems.append(f"slide {n}: text box {frame.text[:40]!r} ends below the slide")
    return problems

