"""Dati / Data & export: the filtered measures table and the trust indicators, each with safe CSV
and Excel downloads (file names carry the plan and the report date)."""

import streamlit as st

from ogp_monitor import present, web
from ogp_monitor.i18n import t

f = web.filters()
st.title(t("nav.data", f.lang))
if not web.no_data_message(f):
    web.snapshot_caption(f)
    st.caption(t("data.export_note", f.lang))
    st.header(t("data.measures_heading", f.lang))
    measures = web.query("measures", **f.query_params())
    if not web.no_match(measures, f):
        st.caption(t("data.n_rows", f.lang, n=len(measures)))
        web.table_with_downloads(present.measures_table(measures, f.lang, with_plan=True), "pasakumi", f,
                                 key="data_measures", height=520)

    st.header(t("data.indicators_heading", f.lang))
    indicators = web.query("trust_series")
    if indicators.empty:
        st.info(t("trust.none", f.lang))
    else:
        st.caption(t("data.n_rows", f.lang, n=len(indicators)))
        web.table_with_downloads(present.trust_table(indicators, f.lang), "raditaji", f, key="data_indicators")
