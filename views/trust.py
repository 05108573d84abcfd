"""Uzticēšanās rādītāji / Trust indicators: each indicator over the years, Latvia against the
OECD / EU average, and the latest gap in percentage points. The source under every chart.

A report can hold thousands of areas (regions, age groups, countries): the charts show the chosen
indicators (a few at first) for the chosen areas (Latvia and the averages at first), both kept in
the URL; the full table is on the Data page. Figures are cached per data version and choice.
"""

import streamlit as st

from ogp_monitor.i18n import t
from ogp_monitor.reports import charts, present
from ogp_monitor.web import cache, filters, tables

DEFAULT_INDICATORS = 4  # charts shown at first; the rest are one choice away
MAX_AREAS = len(charts.SERIES_COLOURS)  # lines per chart, each with its own colour

f = filters.current()
st.title(t("nav.trust", f.lang))
indicators = cache.query(f, "trust_indicators")  # the current indicators, whatever plan is chosen
if indicators.empty:
    st.info(t("trust.none" if not cache.snapshots().empty else "empty.no_data", f.lang))
    st.stop()
tables.indicators_caption(f)
st.caption(t("trust.intro", f.lang))

gap = cache.query(f, "trust_gap")
if not gap.empty:
    gap_figure = cache.cached_figure("trust_gap", (), f, tables.scale(f), lambda: charts.trust_gap(present.gap_frame(gap, f.lang), f.lang,
                                                                                 scale=tables.scale(f)))
    tables.chart(gap_figure, "uzticesanas_starpiba", f, table=present.gap_table(gap, f.lang), kind="uzticesanas_starpiba",
              key="trust_gap")
    st.caption(t("trust.gap_caption", f.lang))
    sources = sorted(set(gap["latvia_source"]) | set(gap["average_source"]))
    st.caption(t("trust.source", f.lang, source=tables.escape_md("; ".join(sources))))

st.header(t("trust.series_heading", f.lang))
labels = {row.indicator: present.indicator_name(row.indicator, row.indicator_en, f.lang)
          for row in indicators.itertuples(index=False)}
areas = cache.query(f, "trust_areas")
c1, c2 = st.columns(2)
with c1:
    chosen = filters.coded_multiselect(t("trust.pick_indicators", f.lang), list(labels), "raditajs",
                                   list(labels)[:DEFAULT_INDICATORS], f.lang, labels.get)
with c2:
    chosen_areas = filters.coded_multiselect(t("trust.pick_areas", f.lang), areas["area"].tolist(), "teritorija",
                                         areas.loc[areas["is_default"], "area"].tolist(), f.lang,
                                         lambda a: present.area_name(a, f.lang), max_selections=MAX_AREAS)
    st.caption(t("trust.pick_areas_help", f.lang, max=MAX_AREAS))
st.caption(t("trust.shown", f.lang, n=len(chosen), total=len(labels)))
if not chosen or not chosen_areas:
    st.info(t("trust.choose", f.lang))
    st.stop()

series = cache.query(f, "trust_series", indicators=chosen, areas=chosen_areas)
frame = present.trust_frame(series, f.lang)
for indicator in chosen:
    number = list(labels).index(indicator) + 1  # the indicator's place in the sheet names its PNG
    part = frame[frame["indicator"] == indicator]
    if part.empty:
        st.subheader(tables.escape_md(labels[indicator]))
        st.info(t("trust.no_values", f.lang))
        continue
    figure = cache.cached_figure("trust_series", (indicator, tuple(chosen_areas)), f, tables.scale(f),
                               lambda: charts.trust_series(part, labels[indicator], f.lang, scale=tables.scale(f)))
    tables.chart(figure, f"uzticesanas_{number}", f, table=present.trust_table(series[series["indicator"] == indicator], f.lang),
              kind="uzticesanas", key=f"trust_series_{number}")
    st.caption(t("trust.source", f.lang, source=tables.escape_md("; ".join(dict.fromkeys(part["source"])))))
