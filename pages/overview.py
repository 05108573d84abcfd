"""Pārskats / Overview: status counts of the selected plan and snapshot."""

import streamlit as st

from ogp_monitor import charts, web
from ogp_monitor.i18n import fmt_pct, status_label, t

f = web.filters()
st.title(t("nav.overview", f.lang))
if not web.no_data_message(f):
    web.snapshot_caption(f)
    counts = web.query("status_counts", plan_id=f.plan)
    cols = st.columns(len(counts) + 1)
    cols[0].metric(t("overview.total", f.lang), int(counts["n_measures"].sum()))
    for col, row in zip(cols[1:], counts.itertuples(index=False)):
        col.metric(status_label(row.status_group, f.lang), int(row.n_measures),
                   help=fmt_pct(row.share_pct, f.lang, 1))
    fig = charts.status_bar(counts, f.lang, scale=1.4 if f.meeting else 1.0)
    st.plotly_chart(fig, width="stretch", config=charts.plotly_config("statusi"))
