"""Sēde / Meeting: the key charts as slides for projecting — one slide at a time filling the screen,
its title across the full width, large type; previous/next and the slide number (``?slide=N``).
The deck download waits in the sidebar, off the slide."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, t
from ogp_monitor.reports import charts
from ogp_monitor.web import (
    deck_download,
    filters,
    slides,
    summary_box,
    tables,
    viewport,
)

f = filters.current()
screen = viewport.size()
deck = slides.slides(f, screen)
n = len(deck)
filters.apply_meeting_style()
state = st.session_state
wanted = st.query_params.get("slide", "1")
# A link's ?slide=N wins over the slide this session last showed (a link pasted into an open tab
# reconnects to the same session); the address written below does not count as a new link.
if "slide" not in state or wanted != state.get("_slide_in_url"):
    state["slide"] = int(wanted) if str(wanted).isdigit() else 1
if not 1 <= state["slide"] <= n:
    state["slide"] = 1


def _step(delta: int) -> None:
    state["slide"] = min(n, max(1, (state.get("slide") or 1) + delta))


# One row sized by its content: in fixed columns "Iepriekšējais" was cut to "Iepri…" at 1280×720
# with the sidebar open; here the buttons keep their whole label and the row wraps when narrow.
with st.container(horizontal=True, vertical_alignment="center", key="slide_nav"):
    st.button(t("meeting.prev", f.lang), icon=":material/arrow_back:", on_click=_step, args=(-1,), key="slide_prev",
              width="content")
    st.button(t("meeting.next", f.lang), icon=":material/arrow_forward:", on_click=_step, args=(1,), key="slide_next",
              width="content", type="primary")
    i = int(st.number_input(t("meeting.slide", f.lang), min_value=1, max_value=n, step=1, key="slide",
                            label_visibility="collapsed", width=130))
    with st.container(key=f"slides_for_{screen[0]}x{screen[1]}", width="content"):  # the screen drawn for
        st.caption(t("meeting.of", f.lang, i=i, n=n))
st.query_params["slide"] = state["_slide_in_url"] = str(i)
with st.sidebar:
    deck_download.deck_section(f)

if tables.no_data_message(f):
    st.stop()
slide = deck[i - 1]
if i == 1:
    st.title(t("app.title", f.lang))
    st.header(tables.escape_md(f.plan))
    st.subheader(t("meeting.title_date", f.lang, date=fmt_date(f.report_date, f.lang)))
    summary_box.summary_block(f, border=False)
else:
    with st.container(key="slide_title"):
        st.header(tables.escape_md(slide.title), anchor=False)
    fig = slide.build()
    if fig is None:
        st.info(t("meeting.slide_empty", f.lang))
    else:
        st.plotly_chart(fig, width="stretch", theme=None, config=charts.plotly_config(f"slaids_{i}"),
                        key=f"slide_chart_{i}")
