"""Plotly figures to PNG on the server with kaleido: one Chromium for a whole deck.

kaleido's sync server is a process-wide singleton that is not safe to drive
from two threads, and every Streamlit session is a thread. So a deck holds the
renderer for its whole build (``with Renderer() as r: r.png(fig, ...)``) and a
second build in the same process waits for the first instead of fighting over
the same browser. Starting Chromium once per deck instead of once per chart is
what keeps a deck within seconds.
"""

from __future__ import annotations

import shutil
import threading

import plotly.graph_objects as go

PIXELS_PER_INCH = 100  # layout pixels per slide inch; fonts in charts.template are sized for this
DEFAULT_SCALE = 2      # physical pixels per layout pixel: sharp on a projector, ~200-400 kB per chart
_LOCK = threading.Lock()


class RenderError(RuntimeError):
    """A chart could not be drawn (no Chromium, or the browser failed)."""


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Renderer:
    """Hold the one kaleido browser for the duration of a ``with`` block."""

    def __init__(self, scale: float = DEFAULT_SCALE, timeout: float = 60):
        self.scale = scale
        self.timeout = timeout
        self._started = False

    def __enter__(self) -> "Renderer":
        import kaleido

        _LOCK.acquire()
        try:
            # mathjax=False: no request to a CDN (the server has no network); plotly.js is bundled.
            kaleido.start_sync_server(n=1, timeout=self.timeout, mathjax=False, silence_warnings=True)
            self._started = True
        except Exception as exc:  # noqa: BLE001 - any failure to start is reported the same way
            _LOCK.release()
            raise RenderError(f"cannot start the chart renderer (Chromium): {exc}") from exc
        return self

    def __exit__(self, *exc_info) -> None:
        import kaleido

        try:
            if self._started:
                kaleido.stop_sync_server(silence_warnings=True)
        finally:
            self._started = False
            _LOCK.release()

    def png(self, fig: go.Figure, width_in: float, height_in: float) -> bytes:
        """The figure as PNG, laid out for a box of ``width_in`` x ``height_in`` slide inches."""
        import kaleido

        if not self._started:
            raise RenderError("the renderer is not running (use it inside 'with Renderer()')")
        width, height = round(width_in * PIXELS_PER_INCH), round(height_in * PIXELS_PER_INCH)
        fig = go.Figure(fig).update_layout(width=width, height=height)  # a copy: the caller's figure is untouched
        try:
            return kaleido.calc_fig_sync(fig.to_dict(), opts=dict(format="png", width=width, height=height,
                                                                  scale=self.scale))
        except Exception as exc:  # noqa: BLE001
            raise RenderError(f"a chart could not be drawn: {exc}") from exc
