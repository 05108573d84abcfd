"""The meeting page's slides: the key charts, one per slide, in large type.

Each slide is a title and a function that builds its figure from the cached
queries (``web.query``) for the shared filters, or returns None when the
filters leave nothing to show. The first slide is the title slide (drawn by
the page itself).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import plotly.graph_objects as go

from ..i18n import t
from ..reports import charts, present
from . import cache
from .filters import DEFAULT_LOAD_LIMIT, Filters

SLIDE_SCALE = 1.6
SLIDE_HEIGHT = 660


@dataclass(frozen=True)
class Slide:
    key: str
    build: Callable[[], go.Figure | None]

    def title(self, lang: str) -> str:
        return t(f"meeting.slide_{self.key}", lang)


def _fit(fig: go.Figure, height: int = SLIDE_HEIGHT) -> go.Figure:
    """One chart filling the screen (a projector's 16:9 at about 1280 x 800, below the slide controls)."""
    fig.update_layout(height=height)
    return fig


def slides(f: Filters, scale: float = SLIDE_SCALE) -> list[Slide]:
    params = f.query_params()

    def status() -> go.Figure | None:
        counts = cache.query(f, "status_counts", **params)
        if counts["n_measures"].sum() == 0:
            return None
        return _fit(charts.status_bar(counts, f.lang, scale))

    def commitments() -> go.Figure | None:
        frame = cache.query(f, "commitment_progress", **params)
        return None if frame.empty else _fit(charts.commitment_progress(frame, f.lang, scale))

    def institutions() -> go.Figure | None:
        frame = cache.query(f, "institution_load", **params)
        if frame.empty:
            return None
        # Smaller type than the other slides: every institution's name must fit on the axis.
        return _fit(charts.institution_load(frame, f.lang, scale * 0.75, limit=DEFAULT_LOAD_LIMIT))

    def timeline() -> go.Figure | None:
        frame = cache.query(f, "measure_timeline", **params)
        if frame.empty or frame["deadline_date"].isna().all():
            return None
        # One bar per measure: the type is smaller so that every measure keeps its label.
        rows = int(frame["deadline_date"].notna().sum())
        return _fit(charts.gantt(frame, f.lang, scale * (0.65 if rows > 20 else 0.8), today=dt.date.today()),
                    max(SLIDE_HEIGHT, 22 * rows + 260))

    def history() -> go.Figure | None:
        frame = cache.query(f, "status_history", **params)
        return None if frame.empty else _fit(charts.status_history(frame, f.lang, scale))

    def trust() -> go.Figure | None:
        frame = cache.query(f, "trust_gap")
        return None if frame.empty else _fit(charts.trust_gap(present.gap_frame(frame, f.lang), f.lang, scale))

    return [Slide("title", lambda: None), Slide("status", status), Slide("commitments", commitments),
            Slide("institutions", institutions), Slide("timeline", timeline), Slide("history", history),
            Slide("trust", trust)]
