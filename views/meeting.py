"""Sēde / Meeting: the key charts as slides for projecting, one chart filling the screen, large
type; next/previous buttons and the slide number (``?slide=N`` in the URL)."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, t
from ogp_monitor.reports import charts
from ogp_monitor.web import deck_download, filters, slides, summary_box, tables

f = filters.current()
deck = slides.slides(f)
n = len(deck)
filters.apply_meeting_style()
if st.session_state.get("slide") is not None and not 1 <= st.session_state["slide"] <= n:
    st.session_state["slide"] = 1


def _step(delta: int) -> None:
    st.session_state["slide"] = min(n, max(1, (st.session_state.get("slide") or 1) + delta))


c1, c2, c3, c4 = st.columns([1.5, 1.5, 1, 2.5], vertical_alignment="bottom")
c1.button(t("meeting.prev", f.lang), icon=":material/arrow_back:", on_click=_step, args=(-1,), key="slide_prev",
          width="stretch")
c2.button(t("meeting.next", f.lang), icon=":material/arrow_forward:", on_click=_step, args=(1,), key="slide_next",
          width="stretch", type="primary")
i = int(c3.number_input(t("meeting.slide", f.lang), min_value=1, max_value=n, value=1, step=1, key="slide",
                        bind="query-params"))
c4.caption(t("meeting.of", f.lang, i=i, n=n) + " · " + deck[i - 1].title(f.lang))

if tables.no_data_message(f):
    st.stop()
if i == 1:
    st.title(t("app.title", f.lang))
    st.header(tables.escape_md(f.plan))
    st.subheader(t("meeting.title_date", f.lang, date=fmt_date(f.report_date, f.lang)))
    summary_box.summary_block(f, border=False)
else:
    fig = deck[i - 1].build()
    if fig is None:
        st.info(t("meeting.slide_empty", f.lang))
    else:
        st.plotly_chart(fig, width="stretch", theme=None, config=charts.plotly_config(f"slaids_{i}"), key=f"slide_chart_{i}")

deck_download.deck_section(f)
