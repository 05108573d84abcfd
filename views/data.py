"""Dati / Data & export: the filtered measures table and the trust indicators, each with safe CSV
and Excel downloads (file names carry the plan and the report date).

The indicators can run to a million rows: the screen shows one page of them (read from the
database a page at a time), while both downloads hold every row.
"""

import streamlit as st

from ogp_monitor.i18n import fmt_number, t
from ogp_monitor.reports import present
from ogp_monitor.web import cache, filters, tables

PREVIEW_ROWS = 1_000  # indicator rows per page on screen
LARGE_DOWNLOAD_ROWS = 100_000  # above this, say that the files take a while to build

f = filters.current()
st.title(t("nav.data", f.lang))
if not tables.no_data_message(f):
    tables.snapshot_caption(f)
    st.caption(t("data.export_note", f.lang))
    st.header(t("data.measures_heading", f.lang))
    measures = cache.query(f, "measures", **f.query_params())
    if not tables.no_match(measures, f):
        st.caption(t("data.n_rows", f.lang, n=len(measures)))
        tables.table_with_downloads(present.measures_table(measures, f.lang, with_plan=True), "pasakumi", f,
                                 key="data_measures", height=520)

    st.header(t("data.indicators_heading", f.lang))
    n_rows = int(cache.query(f, "trust_indicators")["n_values"].sum())
    if n_rows == 0:
        st.info(t("trust.none", f.lang))
    else:
        n_pages = -(-n_rows // PREVIEW_ROWS)
        page = st.pagination(n_pages, key="data_indicators_page") if n_pages > 1 else 1
        first = (page - 1) * PREVIEW_ROWS
        preview = cache.query(f, "indicator_rows", limit=PREVIEW_ROWS, offset=first)
        if n_pages > 1:
            st.caption(t("data.preview", f.lang, first=fmt_number(first + 1, f.lang),
                         last=fmt_number(first + len(preview), f.lang), n=fmt_number(n_rows, f.lang)))
        else:
            st.caption(t("data.n_rows", f.lang, n=n_rows))
        every_row, lang = cache.uncached_query("indicator_rows", None), f.lang
        tables.table_with_downloads(present.trust_table(preview, f.lang), "raditaji", f, key="data_indicators",
                                 export=lambda: present.trust_table(every_row(), lang), n_rows=n_rows)
        if n_rows > LARGE_DOWNLOAD_ROWS:
            st.caption(t("data.large_download", f.lang))
