"""What goes on which slide of the meeting deck (pure: query results in, slide specs out).

The slides the secretariat used to type by hand, in their order: title, summary,
status counts, one slide per commitment with its measures (split when it does not
fit), what changed since the previous report, overdue measures, institutions'
load, the timeline and schedule, and the trust indicators against the OECD / EU
average. Tables are split over slides by estimated text height (``text_fit``);
charts are the dashboard's own figures (``reports.charts``), drawn later by
``powerpoint``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN

from ...i18n import fmt_date, fmt_number, fmt_pct, status_label, t
from ...store import db
from .. import charts, present, summary
from .text_fit import count_lines, shorten, text_height_pt

# Slide geometry (inches), fonts and colours, shared with ``powerpoint``.
FONT = "Arial"
MARK_FONT = "DejaVu Sans"  # has ● ◉ ○ ⊘ (Arial lacks ◉); office suites substitute it where missing
SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
MARGIN_IN = 0.5
CONTENT_W_IN = SLIDE_W_IN - 2 * MARGIN_IN
TITLE_TOP_IN, TITLE_H_IN = 0.3, 1.0
BODY_TOP_IN = 1.45
BODY_BOTTOM_IN = 6.9
FOOTER_TOP_IN = 7.0
CELL_MARGIN_X_IN, CELL_MARGIN_Y_IN = 0.08, 0.04
TABLE_FONT_PT = 13
NOTE_CHARS = 130        # a "short note" on the slide; the full note is in the slide notes
TITLE_CHARS = 220
CHART_FONT_SCALE = 1.25  # charts.template scale at 100 px per slide inch: 20 px = 14.4 pt body text
GANTT_ROWS_PER_SLIDE = 13

DARK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x0B, 0x4F, 0x7C)
MUTED = RGBColor(0x59, 0x59, 0x59)
STRIPE = RGBColor(0xF2, 0xF2, 0xF2)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
OVERDUE = RGBColor(0xB3, 0x3C, 0x00)  # darker than the charts' #D55E00 for text contrast on white

# ---- data ----------------------------------------------------------------------------------

@dataclass
class DeckData:
    plan_id: str | None
    lang: str
    facts: summary.Facts
    sentences: list[str]
    measures: pd.DataFrame
    timeline: pd.DataFrame
    institutions: pd.DataFrame
    schedule: pd.DataFrame
    trust: pd.DataFrame
    attention: pd.DataFrame = field(default_factory=pd.DataFrame)  # attention.sql: what slipped, stalled…

    @property
    def report_date(self) -> dt.date | None:
        return self.facts.report_date


def collect(con, plan_id: str | None, snapshot_id: int | None = None, lang: str = "lv") -> DeckData:
    """Every query result the deck shows, for one plan's report (default: the plan's current report;
    plan default: the one the dashboard opens on). The schedules and trust indicators are the current ones."""
    if plan_id is None:
        plan_id = summary.default_plan(con)
    facts = summary.summary_facts(con, plan_id, snapshot_id) if plan_id is not None else None
    if facts is None or facts.snapshot_id is None:
        raise LookupError(t("deck.ui_no_data", lang))
    snapshot_id = facts.snapshot_id
    schedule = db.run_query(con, "schedule")
    return DeckData(
        plan_id=plan_id, lang=lang, facts=facts, sentences=summary.sentences(facts, lang),
        measures=db.run_query(con, "measures", snapshot_id=snapshot_id, plan_id=plan_id),
        timeline=db.run_query(con, "measure_timeline", snapshot_id=snapshot_id, plan_id=plan_id),
        institutions=db.run_query(con, "institution_load", snapshot_id=snapshot_id, plan_id=plan_id),
        attention=db.run_query(con, "attention", snapshot_id=snapshot_id, plan_id=plan_id),
        schedule=schedule,
        trust=db.run_query(con, "trust_gap"),
    )


# ---- slide plan: what goes on which slide (pure; no rendering) ------------------------------

@dataclass
class Column:
    header: str
    width_in: float
    align: PP_ALIGN = PP_ALIGN.LEFT


@dataclass
class Cell:
    text: str
    mark: str = ""               # a status mark drawn before the text in the status colour
    mark_colour: str | None = None
    bold: bool = False
    colour: RGBColor | None = None
    fill: RGBColor | None = None  # the status cell is tinted with its status colour


@dataclass
class ChartSpec:
    key: str
    figure: object
    width_in: float
    height_in: float
    data_notes: str


@dataclass
class SlideSpec:
    kind: str
    title: str
    columns: list[Column] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    row_heights_pt: list[float] = field(default_factory=list)
    chart: ChartSpec | None = None
    paragraphs: list[str] = field(default_factory=list)
    below: str = ""
    notes: str = ""


def _tint(colour: str, strength: float = 0.22) -> RGBColor:
    """``colour`` mixed into white: a light fill on which dark text keeps its contrast."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return RGBColor(*(round(255 - (255 - c) * strength) for c in rgb))


def _status_cell(group: str, lang: str) -> Cell:
    """The status as a label, a mark (shape) and a tint (colour): never colour alone."""
    colour = charts.STATUS_COLOURS.get(group, "#8C8C8C")
    return Cell(status_label(group, lang), mark=charts.STATUS_MARKS.get(group, ""), mark_colour="#1a1a1a",
                fill=_tint(colour))


def _cell_lines(cell: Cell, width_in: float, size: float) -> int:
    text = f"{cell.mark} {cell.text}" if cell.mark else cell.text
    return count_lines(text, (width_in - 2 * CELL_MARGIN_X_IN) * 72, size, cell.bold)


def row_height_pt(cells: list[Cell], columns: list[Column], size: float = TABLE_FONT_PT, bold: bool = False) -> float:
    lines = max(_cell_lines(Cell(c.text, c.mark, bold=bold or c.bold), col.width_in, size)
                for c, col in zip(cells, columns))
    return text_height_pt(lines, size) + 2 * CELL_MARGIN_Y_IN * 72 + 2


def _greedy(heights: list[float], capacity: float) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if pages[-1] and used + h > capacity:
            pages.append([])
            used = 0.0
        pages[-1].append(i)
        used += h
    return [p for p in pages if p]


def paginate(heights: list[float], available_pt: float) -> list[list[int]]:
    """Split rows, in order, into as few pages as fit ``available_pt``, as evenly filled as possible
    (six rows over two slides become 3 + 3, not 5 + 1)."""
    pages = _greedy(heights, available_pt)
    if len(pages) < 2:
        return pages
    low, high = max(max(heights), sum(heights) / len(pages)), available_pt
    while high - low > 1:  # the smallest capacity that still needs no more pages
        mid = (low + high) / 2
        if len(_greedy(heights, mid)) <= len(pages):
            high = mid
        else:
            low = mid
    return _greedy(heights, high)


def _table_slides(kind: str, title: str, columns: list[Column], rows: list[list[Cell]], lang: str,
                  notes: str = "", top_in: float = BODY_TOP_IN, below: str = "") -> list[SlideSpec]:
    header = [Cell(c.header, bold=True) for c in columns]
    header_h = row_height_pt(header, columns, bold=True)
    heights = [row_height_pt(r, columns) for r in rows]
    below_h = (text_height_pt(count_lines(below, CONTENT_W_IN * 72, 14), 14) + 10) if below else 0
    available = (BODY_BOTTOM_IN - top_in) * 72 - header_h - below_h
    pages = paginate(heights, available)
    out = []
    for n, page in enumerate(pages, start=1):
        page_title = (title if len(pages) == 1 else f"{title} ({n}/{len(pages)})" if n == 1
                      else f"{title} {t('deck.continued', lang, i=n, n=len(pages))}")
        out.append(SlideSpec(kind, page_title, columns, [header] + [rows[i] for i in page],
                             [header_h] + [heights[i] for i in page], notes=notes,
                             below=below if n == len(pages) else ""))
    return out


def _data_notes(lines: list[str], lang: str) -> str:
    return t("deck.notes_data", lang) + ":\n" + "\n".join(lines)


def _chart_box(height_in: float | None = None) -> tuple[float, float]:
    return CONTENT_W_IN, height_in or (BODY_BOTTOM_IN - BODY_TOP_IN)


def _for_slide(fig, legend: bool = True):
    """The page's figure, laid out for a slide: the slide carries the title, so the figure drops its own."""
    fig.update_layout(title=None, margin=dict(t=60 if legend else 20, b=10))
    return fig


def plan_slides(d: DeckData) -> list[SlideSpec]:
    """Every slide of the deck with its content, in the council's order."""
    lang, f = d.lang, d.facts
    date = fmt_date(d.report_date, lang)
    slides: list[SlideSpec] = []
    summary_notes = t("deck.notes_summary", lang) + ":\n" + "\n".join(d.sentences)

    made_from = t("deck.made_from" if f.is_published else "deck.made_from_preview", lang, sid=f.snapshot_id, date=date)
    slides.append(SlideSpec("title", t("deck.council_meeting", lang),
                            paragraphs=[d.plan_id or "", t("deck.report_as_of", lang, date=date), made_from],
                            notes=summary_notes))
    slides.append(SlideSpec("summary", t("deck.summary_title", lang), paragraphs=d.sentences, notes=summary_notes))

    # status counts: chart + numbers
    counts = f.counts
    if f.total:
        lines = [f"{status_label(r.status_group, lang)}: {int(r.n_measures)} ({fmt_pct(r.share_pct, lang, 1)})"
                 for r in counts.itertuples(index=False)]
        lines.append(f"{t('deck.total', lang)}: {f.total}")
        w, h = 7.9, BODY_BOTTOM_IN - BODY_TOP_IN
        fig = _for_slide(charts.status_bar(counts, lang, CHART_FONT_SCALE), legend=False)
        slides.append(SlideSpec("status", t("deck.status_title", lang),
                                chart=ChartSpec("status", fig, w, h, _data_notes(lines, lang)),
                                notes=summary_notes + "\n\n" + _data_notes(lines, lang)))

    # one slide (or more) per commitment
    overdue_nos = set(d.timeline.loc[d.timeline["is_overdue"].astype(bool), "measure_no"]) if not d.timeline.empty else set()
    columns = [Column(t("deck.col_no", lang), 0.6), Column(t("deck.col_measure", lang), 3.7),
               Column(t("deck.col_status", lang), 1.95), Column(t("deck.col_lead", lang), 1.65),
               Column(t("deck.col_deadline", lang), 1.25), Column(t("deck.col_note", lang), CONTENT_W_IN - 9.15)]
    for (no, ctitle), part in d.measures.groupby(["commitment_no", "commitment_title"], sort=False):
        rows, full_notes = [], []
        for m in part.itertuples(index=False):
            overdue = m.measure_no in overdue_nos
            deadline = fmt_date(m.deadline_date, lang) if pd.notna(m.deadline_date) else "–"
            if overdue:
                deadline += "\n" + t("chart.overdue_short", lang)
            status = _status_cell(m.status_group, lang)
            if getattr(m, "carried_forward", False):  # last report's status, never passed off as fresh
                status.text += f"\n({t('status.carried_forward', lang)})"
            if lang == "en" and getattr(m, "ogp_level", None):  # the OGP's own words, for the IRM
                status.text += f"\nOGP: {m.ogp_level}"
            rows.append([Cell(str(m.measure_no), bold=True), Cell(shorten(m.measure_title, TITLE_CHARS)),
                         status, Cell(shorten(m.lead_institution, 80)),
                         Cell(deadline, colour=OVERDUE if overdue else None, bold=overdue),
                         Cell(shorten(m.progress_note, NOTE_CHARS))])
            full_notes.append(f"{m.measure_no} — {m.measure_title}\n{m.progress_note}".strip())
        title = t("deck.commitment_title", lang, no=no, title=" ".join(str(ctitle).split()))
        notes = t("deck.notes_full_notes", lang) + ":\n\n" + "\n\n".join(full_notes)
        slides += _table_slides("commitment", title, columns, rows, lang, notes=notes)

    # what changed since the previous report
    slides += _change_slides(d)
    slides += _since_slides(d)

    # overdue measures
    overdue = f.overdue
    if overdue.empty:
        slides.append(SlideSpec("overdue", t("deck.overdue_title", lang), paragraphs=[summary.overdue_sentence(f, lang)]))
    else:
        cols = [Column(t("deck.col_no", lang), 0.7), Column(t("deck.col_measure", lang), 4.6),
                Column(t("deck.col_status", lang), 2.1), Column(t("deck.col_lead", lang), 2.1),
                Column(t("deck.col_deadline", lang), 1.35),
                Column(t("deck.col_days_overdue", lang), CONTENT_W_IN - 10.85, PP_ALIGN.RIGHT)]
        rows = [[Cell(str(r.measure_no), bold=True), Cell(shorten(r.measure_title, TITLE_CHARS)),
                 _status_cell(r.status_group, lang), Cell(shorten(r.lead_institution, 80)),
                 Cell(fmt_date(r.deadline_date, lang)), Cell(fmt_number(r.days_overdue, lang))]
                for r in overdue.itertuples(index=False)]
        slides += _table_slides("overdue", t("deck.overdue_title", lang), cols, rows, lang,
                                notes=summary.overdue_sentence(f, lang))

    # institutions' load
    if not d.institutions.empty:
        inst = d.institutions
        lines = [f"{r.institution} — {t('chart.role_' + r.role, lang)}, {status_label(r.status_group, lang)}: "
                 f"{int(r.n_measures)}" for r in inst.itertuples(index=False)]
        fig = _for_slide(charts.institution_load(inst, lang, CHART_FONT_SCALE * 0.9))
        fig.update_layout(legend=dict(orientation="v", x=1.01, xanchor="left", y=1.0, yanchor="top"),
                          margin=dict(t=20))
        w, h = _chart_box()
        slides.append(SlideSpec("institutions", t("deck.institutions_title", lang),
                                chart=ChartSpec("institutions", fig, w, h, _data_notes(lines, lang)),
                                notes=_data_notes(lines, lang)))
    slides += _institution_slides(d)

    # timeline of the measures, a dozen rows per slide
    timeline = d.timeline.dropna(subset=["deadline_date"]) if not d.timeline.empty else d.timeline
    if not timeline.empty:
        chunks = _timeline_chunks(timeline)
        for n, chunk in enumerate(chunks, start=1):
            title = t("deck.timeline_title", lang)
            if len(chunks) > 1:
                title += f" ({n}/{len(chunks)})"
            lines = [f"{r.measure_no}: {fmt_date(r.start_date, lang)} – {fmt_date(r.deadline_date, lang)}, "
                     f"{status_label(r.status_group, lang)}"
                     + (f", {t('chart.overdue_short', lang)}" if r.is_overdue else "")
                     for r in chunk.itertuples(index=False)]
            fig = _for_slide(charts.gantt(chunk, lang, CHART_FONT_SCALE, today=d.report_date))
            # the dotted line marks the report date, which is what the deck is "as of"
            today_label = t("chart.today", lang, date=fmt_date(d.report_date, lang))
            fig.for_each_trace(lambda tr: tr.update(name=t("deck.report_as_of", lang, date=date))
                               if tr.name == today_label else None)
            fig.update_layout(legend=dict(orientation="v", x=1.01, xanchor="left", y=1.0, yanchor="top"))
            w, h = _chart_box()
            slides.append(SlideSpec("timeline", title, chart=ChartSpec(f"timeline{n}", fig, w, h,
                                                                       _data_notes(lines, lang)),
                                    notes=_data_notes(lines, lang)))

    # schedules (the selected plan's first; e.g. the next plan's drafting steps)
    if not d.schedule.empty:
        order = sorted(d.schedule["plan_id"].unique(), key=lambda p: (p != d.plan_id, p))
        for plan in order:
            part = d.schedule[d.schedule["plan_id"] == plan].reset_index(drop=True)
            lines = [f"{fmt_date(r.start_date, lang)} – {fmt_date(r.end_date, lang)}: {r.activity} — {r.goal}"
                     for r in part.itertuples(index=False)]
            fig = _for_slide(charts.schedule(part, lang, CHART_FONT_SCALE, today=d.report_date), legend=False)
            first = pd.to_datetime(part["start_date"]).min()
            last = pd.to_datetime(part["end_date"].fillna(part["start_date"])).max()
            # room on the right for the date labels written after the last bars
            fig.update_xaxes(range=[first - pd.Timedelta(days=20), last + (last - first) * 0.35 + pd.Timedelta(days=30)])
            w, h = _chart_box()
            slides.append(SlideSpec("schedule", t("deck.schedule_title", lang, plan=plan),
                                    chart=ChartSpec(f"schedule{len(slides)}", fig, w, h, _data_notes(lines, lang)),
                                    notes=_data_notes(lines, lang)))

    # trust indicators with their sources
    slides.append(_trust_slide(d))
    return slides


def _change_slides(d: DeckData) -> list[SlideSpec]:
    lang, f = d.lang, d.facts
    if f.previous_snapshot_id is None:
        return [SlideSpec("changes", t("deck.changes_title_first", lang), paragraphs=[t("summary.no_previous", lang)])]
    title = t("deck.changes_title", lang, date=fmt_date(f.previous_report_date, lang))
    sentences = summary.change_sentences(f, lang)
    changes = f.changes
    shown = changes[changes["change_kind"].isin(["status_changed", "added", "removed"])] if not changes.empty else changes
    if shown.empty or (not changes.empty and (changes["change_kind"] == "added").sum() == len(changes) == f.total):
        return [SlideSpec("changes", title, paragraphs=sentences, notes="\n".join(sentences))]
    columns = [Column(t("deck.col_no", lang), 0.7), Column(t("deck.col_measure", lang), 4.75),
               Column(t("deck.col_before", lang), 2.3), Column(t("deck.col_after", lang), 2.3),
               Column(t("deck.col_lead", lang), CONTENT_W_IN - 10.05)]
    rows = []
    for r in shown.itertuples(index=False):
        before = (_status_cell(r.status_group_before, lang) if r.change_kind != "added"
                  else Cell(t("deck.change_added", lang)))
        after = (_status_cell(r.status_group_after, lang) if r.change_kind != "removed"
                 else Cell(t("deck.change_removed", lang)))
        rows.append([Cell(str(r.measure_no), bold=True), Cell(shorten(r.measure_title, TITLE_CHARS)), before, after,
                     Cell(shorten(r.lead_institution, 80))])
    notes_only = summary.sort_measure_nos(changes.loc[changes["change_kind"] == "note_changed", "measure_no"])
    below = t("deck.notes_changed_only", lang, nos=summary.measure_list(notes_only, lang)) if notes_only else ""
    return _table_slides("changes", title, columns, rows, lang, notes="\n".join(sentences), below=below)


def _attention_rows(frame: pd.DataFrame, lang: str, with_lead: bool) -> tuple[list[Column], list[list[Cell]]]:
    """The attention list as table rows, grouped by reason (the reason written on its first row)."""
    columns = [Column(t("deck.col_reason", lang), 2.0), Column(t("deck.col_no", lang), 0.7),
               Column(t("deck.col_measure", lang), 4.4 if with_lead else 5.9)]
    if with_lead:
        columns.append(Column(t("deck.col_lead", lang), 1.5))
    columns.append(Column(t("deck.col_detail", lang), CONTENT_W_IN - sum(c.width_in for c in columns)))
    rows, last = [], None
    for r in frame.itertuples(index=False):
        reason = t(f"reason.{r.reason}", lang) if r.reason != last else ""
        last = r.reason
        row = [Cell(reason, bold=True), Cell(str(r.measure_no), bold=True), Cell(shorten(r.measure_title, TITLE_CHARS))]
        if with_lead:
            row.append(Cell(shorten(r.lead_institution, 80)))
        row.append(Cell(present.reason_detail(r, lang)))
        rows.append(row)
    return columns, rows


def _since_slides(d: DeckData) -> list[SlideSpec]:
    """Kopš iepriekšējās sēdes: what slipped, went backwards, stalled, is overdue or has no information."""
    lang, frame = d.lang, d.attention
    title = t("deck.since_title", lang)
    if frame.empty:
        return [SlideSpec("since", title, paragraphs=[t("deck.since_none", lang)])]
    order = {r: i for i, r in enumerate(present.REASONS)}
    frame = frame.assign(_o=frame["reason"].map(order)).sort_values("_o", kind="stable")
    columns, rows = _attention_rows(frame, lang, with_lead=True)
    notes = "\n".join(f"{t(f'reason.{r}', lang)}: {t(f'reason.{r}_help', lang)}" for r in dict.fromkeys(frame["reason"]))
    return _table_slides("since", title, columns, rows, lang, notes=notes)


def _institution_slides(d: DeckData) -> list[SlideSpec]:
    """One slide per lead institution with a slipped or stalled measure: the council's asks."""
    lang, frame = d.lang, d.attention
    if frame.empty:
        return []
    out = []
    asked = frame[frame["reason"].isin(["slipped", "stalled"])]
    for name in sorted(set(asked["lead_institution"]), key=str.casefold):
        mine = frame[frame["lead_institution"] == name]
        order = {r: i for i, r in enumerate(present.REASONS)}
        mine = mine.assign(_o=mine["reason"].map(order)).sort_values(["_o"], kind="stable")
        columns, rows = _attention_rows(mine, lang, with_lead=False)
        out += _table_slides("institution", t("deck.institution_title", lang, name=name), columns, rows, lang)
    return out


def _timeline_chunks(timeline: pd.DataFrame) -> list[pd.DataFrame]:
    """Equal pages of at most GANTT_ROWS_PER_SLIDE measures, in measure order (26 -> 13 + 13)."""
    pages = math.ceil(len(timeline) / GANTT_ROWS_PER_SLIDE)
    size = math.ceil(len(timeline) / pages)
    return [timeline.iloc[i:i + size].reset_index(drop=True) for i in range(0, len(timeline), size)]


def _trust_slide(d: DeckData) -> SlideSpec:
    lang = d.lang
    title = t("deck.trust_title", lang)
    trust = d.trust
    if trust.empty:
        return SlideSpec("trust", title, paragraphs=[t("deck.trust_none", lang)])
    frame = trust.copy()
    if lang == "en":
        frame["indicator"] = frame["indicator_en"].where(frame["indicator_en"].astype(bool), frame["indicator"])
    frame["indicator"] = [f"{name} ({year})" for name, year in zip(frame["indicator"], frame["year"])]
    sources = list(dict.fromkeys([*frame["latvia_source"], *frame["average_source"]]))
    sources = [s for s in sources if s]
    below = t("deck.sources", lang) + ": " + "; ".join(sources)
    below_h = (text_height_pt(count_lines(below, (CONTENT_W_IN - 0.1) * 72, 10), 10) + 10) / 72
    lines = [f"{r.indicator}: {t('chart.latvia', lang)} {fmt_pct(r.latvia_pct, lang)}, {r.average_area} "
             f"{fmt_pct(r.average_pct, lang)}, {fmt_number(r.gap_pp, lang, 1)} {t('chart.pp', lang)}; "
             f"{r.latvia_source} / {r.average_source}" for r in frame.itertuples(index=False)]
    fig = _for_slide(charts.trust_gap(frame, lang, 1.0))  # labels beside their marks, gaps at the right edge
    w, h = _chart_box(BODY_BOTTOM_IN - BODY_TOP_IN - below_h)
    return SlideSpec("trust", title, chart=ChartSpec("trust", fig, w, h, _data_notes(lines, lang)),
                     below=below, notes=_data_notes(lines, lang))

