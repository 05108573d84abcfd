"""The meeting page's slides: the key charts, one per slide, drawn for the room.

Each slide is a title and a function that builds its figure from the cached queries for the
shared filters (None when the filters leave nothing to show). A chart with many rows is split
over slides of at most ``ROWS_PER_SLIDE`` rows (``Iestādes (2/2)``), so every bar stays thick
enough to see from the back of the room. The figures carry no title of their own (the page writes
the slide's title across the full width) and are drawn for the screen they are shown on
(``viewport.size()``): as tall as the screen below the slide's controls, with type that grows
with the screen, and as many rows per slide as fit without one label touching another.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Callable

import plotly.graph_objects as go

from ..i18n import t
from ..reports import charts, present
from . import cache
from .filters import DEFAULT_LOAD_LIMIT, Filters

ROWS_PER_SLIDE = 10  # at most, on any screen
CHROME_PX = 272  # the slide's controls and title above the chart (meeting mode's type)
MAX_SCALE, MIN_SCALE = 1.6, 1.0


@dataclass(frozen=True)
class Screen:
    """How a slide is drawn for one window: the chart's height in pixels and the type scale."""

    height_px: int
    scale: float
    width_px: int = 1280

    @classmethod
    def of(cls, size: tuple[int, int]) -> Screen:
        width, height = size
        scale = max(MIN_SCALE, min(MAX_SCALE, height / 1080 * MAX_SCALE, width / 1920 * MAX_SCALE * 1.1))
        return cls(max(300, height - CHROME_PX), round(scale, 2), width)

    def rows(self, label_lines: int, legend_rows: int = 2, bars_per_row: int = 1) -> int:
        """How many rows fit, each as tall as its label's lines and with bars at least 14 px thick."""
        font = 14 * self.scale
        row = max(label_lines * font * 1.3 + 12 * self.scale, bars_per_row * 14 / 0.75)
        plot = self.height_px - (18 + legend_rows * 27) * self.scale - 70 * self.scale
        return max(2, min(ROWS_PER_SLIDE, int(plot // row)))


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    build: Callable[[], go.Figure | None]


def _lines(labels) -> int:
    return max([str(lb).count("<br>") + 1 for lb in labels] or [1])


def chunks(items: list, size: int = ROWS_PER_SLIDE) -> list[list]:
    """Equal pages of at most ``size`` items, in order (16 -> 8 + 8, not 10 + 6)."""
    if not items:
        return []
    pages = math.ceil(len(items) / size)
    step = math.ceil(len(items) / pages)
    return [items[i:i + step] for i in range(0, len(items), step)]


def _paged(title: str, n: int, i: int) -> str:
    return title if n == 1 else f"{title} ({i}/{n})"


def slides(f: Filters, size: tuple[int, int] = (1280, 720)) -> list[Slide]:
    params = f.query_params()
    lang = f.lang
    screen = Screen.of(size)
    scale = screen.scale

    def fit(fig: go.Figure) -> go.Figure:
        return charts.for_slide(fig, scale, screen.height_px, screen.width_px)

    out = [Slide("title", t("meeting.slide_title", lang), lambda: None)]

    counts = cache.query(f, "status_counts", **params)
    out.append(Slide("status", t("meeting.slide_status", lang), lambda: None if counts["n_measures"].sum() == 0
                     else fit(charts.status_bar(counts, lang, scale))))

    progress = cache.query(f, "commitment_progress", **params)
    numbers = list(dict.fromkeys(progress["commitment_no"]))
    titles = [charts.wrap(f"{n}. {ti}", 44, 2) for n, ti in progress.drop_duplicates("commitment_no")[
        ["commitment_no", "commitment_title"]].itertuples(index=False)]
    pages = chunks(numbers, screen.rows(_lines(titles)))
    for i, page in enumerate(pages or [[]], start=1):
        part = progress[progress["commitment_no"].isin(page)]
        out.append(Slide("commitments", _paged(t("meeting.slide_commitments", lang), len(pages), i),
                         lambda part=part: None if part.empty
                         else fit(charts.commitment_progress(part, lang, scale))))

    load = cache.query(f, "institution_load", **params)
    names = list(load.groupby("institution", sort=False)["n_measures"].sum().sort_values(ascending=False).index)
    pages = chunks(names, screen.rows(1, legend_rows=3, bars_per_row=2))
    for i, page in enumerate(pages or [[]], start=1):
        part = load[load["institution"].isin(page)]
        out.append(Slide("institutions", _paged(t("meeting.slide_institutions", lang), len(pages), i),
                         lambda part=part: None if part.empty else fit(
                             charts.institution_load(part, lang, scale, limit=DEFAULT_LOAD_LIMIT))))

    timeline = cache.query(f, "measure_timeline", **params)
    timeline = timeline.dropna(subset=["deadline_date"]).reset_index(drop=True)
    labels = [charts.wrap(f"{n} {ti}", 44, 2) for n, ti in zip(timeline["measure_no"], timeline["measure_title"])]
    pages = chunks(list(timeline.index), screen.rows(_lines(labels), legend_rows=3))
    for i, page in enumerate(pages or [[]], start=1):
        part = timeline.loc[page] if page else timeline.iloc[0:0]
        out.append(Slide("timeline", _paged(t("meeting.slide_timeline", lang), len(pages), i),
                         lambda part=part: None if part.empty else fit(
                             charts.gantt(part, lang, scale, today=dt.date.today()))))

    history = cache.query(f, "status_history", **params)
    out.append(Slide("history", t("meeting.slide_history", lang), lambda: None if history.empty
                     else fit(charts.status_history(history, lang, scale))))

    gap = present.gap_frame(cache.query(f, "trust_gap"), lang)
    gap_labels = [charts.wrap(i, charts.GAP_LABEL_CHARS, 6) for i in gap["indicator"]] if not gap.empty else []
    pages = chunks(list(gap.index), screen.rows(_lines(gap_labels), legend_rows=1))
    for i, page in enumerate(pages or [[]], start=1):
        part = gap.loc[page] if page else gap.iloc[0:0]
        out.append(Slide("trust", _paged(t("meeting.slide_trust", lang), len(pages), i),
                         lambda part=part: None if part.empty
                         else fit(charts.trust_gap(part, lang, scale))))
    return out

