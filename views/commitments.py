"""Apņemšanās / Commitments: one commitment at a time, its measures written out as plain text."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, fmt_pct, t
from ogp_monitor.reports import charts, present
from ogp_monitor.web import cache, filters, tables

f = filters.current()
st.title(t("nav.commitments", f.lang))
if not tables.no_data_message(f):
    tables.snapshot_caption(f)
    base = {**f.query_params(), "commitment_no": None}
    progress = cache.query(f, "commitment_progress", **base)
    if tables.no_match(progress, f):
        st.stop()
    titles = dict(zip(progress["commitment_no"], progress["commitment_title"]))
    share = dict(zip(progress["commitment_no"], progress["share_advanced_pct"]))
    options = list(titles)
    if f.commitment in titles:  # the sidebar filter (or a click in the overview chart) chose it
        st.session_state["commitment_pick"] = f.commitment
    elif st.session_state.get("commitment_pick") not in titles:
        st.session_state["commitment_pick"] = options[0]
    chosen = st.selectbox(t("commitments.pick", f.lang), options, key="commitment_pick",
                          format_func=lambda no: f"{no}. {titles[no]}", on_change=filters.copy_state,
                          args=("commitment_pick", "commitment"))

    measures = cache.query(f, "measures", **{**base, "commitment_no": chosen})
    timeline = cache.query(f, "measure_timeline", **{**base, "commitment_no": chosen})
    overdue = set(timeline.loc[timeline["is_overdue"], "measure_no"])
    st.subheader(f"{chosen}. {tables.escape_md(titles[chosen])}")
    st.caption(f"{present.n_measures_text(len(measures), f.lang)} · "
               + t("commitments.share", f.lang, pct=fmt_pct(share[chosen], f.lang, 0)))
    counts = cache.query(f, "status_counts", **{**base, "commitment_no": chosen})
    tables.chart(charts.status_bar(counts, f.lang, scale=tables.scale(f)), f"apnemsanas_{chosen}_statusi", f,
              table=present.status_table(counts, f.lang), kind="apnemsanas_statusi", key="commitment_status")
    none = t("commitments.none", f.lang)
    for m in measures.itertuples(index=False):
        with st.container(border=True):
            st.markdown(f"##### {tables.escape_md(m.measure_no)} {tables.escape_md(m.measure_title)}")
            finer = present.finer_status(m.status_group, m.status_label, f.lang)
            st.markdown(f"**{present.status_text(m.status_group, f.lang)}**"
                        + (f" — {tables.escape_md(finer)}" if finer else ""))
            if m.measure_no in overdue:
                st.warning(t("commitments.overdue", f.lang))
            c1, c2, c3 = st.columns(3)
            c1.markdown(f"**{t('commitments.lead', f.lang)}**  \n{tables.escape_md(m.lead_institution)}")
            c2.markdown(f"**{t('commitments.partners', f.lang)}**  \n"
                        f"{tables.escape_md(m.partner_institutions) if m.partner_institutions else none}")
            c3.markdown(f"**{t('commitments.period', f.lang)}**  \n{fmt_date(m.deadline_date, f.lang)}")
            if m.progress_note:
                st.markdown(f"**{t('commitments.note', f.lang)}:** {tables.escape_md(m.progress_note)}")
            st.page_link("views/measure.py", label=t("measure.open", f.lang), icon=":material/timeline:",
                         query_params={"measure": m.measure_no, "plan": f.plan})
    with st.expander(t("common.table", f.lang), icon=":material/table:"):
        tables.table_with_downloads(present.measures_table(measures, f.lang), "apnemsanas", f, key="commitment_table")
