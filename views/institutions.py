"""Iestādes / Institutions: measures per institution as lead and as partner, the load limit,
overdue measures per institution and one institution's measures."""

import streamlit as st

from ogp_monitor.i18n import t
from ogp_monitor.reports import charts, present
from ogp_monitor.web import cache, filters, tables

f = filters.current()
st.title(t("nav.institutions", f.lang))
if not tables.no_data_message(f):
    tables.snapshot_caption(f)
    params = f.query_params()
    limit = st.number_input(t("institutions.limit", f.lang), min_value=1, max_value=100, value=filters.DEFAULT_LOAD_LIMIT, step=1,
                            key="limit", bind="query-params", help=t("institutions.limit_help", f.lang), width=420)
    load = cache.query(f, "institution_load", **params)
    if tables.no_match(load, f):
        st.stop()
    summary = cache.query(f, "institution_summary", limit=int(limit), **params)

    over = summary[summary["is_over_limit"]]
    st.subheader(t("institutions.over_heading", f.lang))
    st.caption(t("institutions.limit_help", f.lang))
    if over.empty:
        st.success(t("institutions.over_none", f.lang, limit=int(limit)))
    else:
        st.warning("\n".join("- " + t("institutions.over_item", f.lang, name=tables.escape_md(r.institution), n=int(r.n_lead),
                                 limit=int(limit)) for r in over.itertuples(index=False)))

    st.caption(t("institutions.chart_hint", f.lang))
    tables.chart(charts.institution_load(load, f.lang, scale=tables.scale(f), limit=int(limit)), "iestades", f,
              table=present.institution_table(summary, f.lang), kind="iestades", key="institutions_chart",
              on_select=filters.set_on_click("institutions_chart", "institution_pick"))

    st.header(t("institutions.overdue_heading", f.lang))
    st.caption(t("institutions.attention_caption", f.lang))
    late = summary[(summary["n_overdue"] > 0) | (summary["n_slipped_lead"] > 0) | (summary["n_stalled_lead"] > 0)]
    if late.empty:
        st.success(t("institutions.overdue_none", f.lang))
    else:
        tables.table_with_downloads(present.institution_table(late, f.lang), "iestades_nokavetie", f,
                                 key="institutions_overdue")

    st.header(t("institutions.drill_heading", f.lang))
    names = summary["institution"].tolist()
    if f.institution in names:
        st.session_state["institution_pick"] = f.institution
    elif st.session_state.get("institution_pick") not in names:
        st.session_state["institution_pick"] = names[0]
    chosen = st.selectbox(t("institutions.drill_pick", f.lang), names, key="institution_pick")
    measures = cache.query(f, "measures", **{**params, "institution": chosen})
    tables.table_with_downloads(present.institution_measures(measures, chosen, f.lang), "iestades_pasakumi", f,
                             key="institution_measures")
