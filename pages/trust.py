"""Uzticēšanās rādītāji / Trust indicators: each indicator over the years, Latvia against the
OECD / EU average, and the latest gap in percentage points. The source under every chart."""

import streamlit as st

from ogp_monitor import charts, present, web
from ogp_monitor.i18n import t

f = web.filters()
st.title(t("nav.trust", f.lang))
if f.snapshot_id is None:
    st.info(t("empty.no_data", f.lang))
    st.stop()
web.snapshot_caption(f)
series = web.query("trust_series")
if series.empty:
    st.info(t("trust.none", f.lang))
    st.stop()
st.caption(t("trust.intro", f.lang))

gap = web.query("trust_gap")
if not gap.empty:
    web.chart(charts.trust_gap(present.gap_frame(gap, f.lang), f.lang, scale=web.scale(f)), "uzticesanas_starpiba", f,
              table=present.gap_table(gap, f.lang), kind="uzticesanas_starpiba", key="trust_gap")
    st.caption(t("trust.gap_caption", f.lang))
    sources = sorted(set(gap["latvia_source"]) | set(gap["average_source"]))
    st.caption(t("trust.source", f.lang, source=web.escape_md("; ".join(sources))))

st.header(t("trust.series_heading", f.lang))
frame = present.trust_frame(series, f.lang)
for i, (indicator, part) in enumerate(frame.groupby("indicator", sort=False)):
    label = part["label"].iloc[0]
    web.chart(charts.trust_series(part, label, f.lang, scale=web.scale(f)), f"uzticesanas_{i + 1}", f,
              table=present.trust_table(series[series["indicator"] == indicator], f.lang),
              kind="uzticesanas", key=f"trust_series_{i}")
    st.caption(t("trust.source", f.lang, source=web.escape_md("; ".join(dict.fromkeys(part["source"])))))
