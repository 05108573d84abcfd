"""The browser window's size, for the meeting page: only the browser knows it, and a slide has to be
drawn for the screen it is projected on (1920×1080, 1280×720) so that nothing overlaps or is cut.

A tiny Streamlit component (``st.components.v2``, inline JavaScript, no iframe) reports
``innerWidth``/``innerHeight`` when the page loads and again, debounced, when the window is
resized; Streamlit then reruns the page with the new size. Before the first report (and in
AppTest, which runs no JavaScript) the page assumes ``DEFAULT_SIZE``.
"""

from __future__ import annotations

import streamlit as st

DEFAULT_SIZE = (1280, 720)  # a common projector; the smallest screen the slides are designed for
MIN_SIZE = (800, 480)

_JS = """
export default function(component) {
    const { setStateValue } = component;
    let last = "";
    const report = () => {
        const size = `${window.innerWidth}x${window.innerHeight}`;
        if (size !== last) { last = size; setStateValue("size", size); }
    };
    let timer = null;
    const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 250); };
    report();
    window.addEventListener("resize", onResize);
    return () => { window.removeEventListener("resize", onResize); clearTimeout(timer); };
}
"""

_viewport = st.components.v2.component("ogp_viewport", js=_JS)


def size() -> tuple[int, int]:
    """(width, height) of the browser window in CSS pixels (``DEFAULT_SIZE`` until it is known)."""
    result = _viewport(key="viewport", on_size_change=lambda: None)
    value = getattr(result, "size", None) if result is not None else None
    try:
        width, height = (int(v) for v in str(value).split("x"))
    except (TypeError, ValueError):
        return DEFAULT_SIZE
    return max(width, MIN_SIZE[0]), max(height, MIN_SIZE[1])
