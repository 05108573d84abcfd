"""Pasākums / Measure: one measure across its plan's reports — how it got where it is: status step by
step, the deadline's path (original, current, how often it moved), every note in full, and why it
needs attention. ``?measure=1.1`` opens it; the plan is the sidebar's."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, t
from ogp_monitor.reports import charts, present
from ogp_monitor.web import cache, filters, tables

f = filters.current()
st.title(t("nav.measure", f.lang))
if not tables.no_data_message(f):
    tables.snapshot_caption(f)
    measures = cache.query(f, "measures", plan_id=f.plan)
    titles = dict(zip(measures["measure_no"], measures["measure_title"]))
    no = filters.measure_choice(list(titles), f.lang, lambda n: f"{n} {titles[n]}")
    m = measures[measures["measure_no"] == no].iloc[0]
    history = cache.query(f, "measure_history", plan_id=f.plan, measure_no=no)
    reasons = cache.query(f, "attention", plan_id=f.plan)
    reasons = reasons[reasons["measure_no"] == no]

    st.header(f"{tables.escape_md(no)} {tables.escape_md(m.measure_title)}")
    c1, c2, c3 = st.columns(3)
    c1.markdown(f"**{t('measure.commitment', f.lang)}**  \n{tables.escape_md(m.commitment_no)}. "
                f"{tables.escape_md(m.commitment_title)}")
    c2.markdown(f"**{t('measure.lead', f.lang)}**  \n{tables.escape_md(m.lead_institution)}  \n"
                f"**{t('measure.partners', f.lang)}**  \n{tables.escape_md(m.partner_institutions or '–')}")
    c3.markdown(f"**{present.status_text(m.status_group, f.lang)}**  \n"
                f"**{t('measure.ogp_level', f.lang)}:** {m.ogp_level or '–'}"
                + (f"  \n**{t('measure.ogp_id', f.lang)}:** {tables.escape_md(m.ogp_id)}" if m.ogp_id else ""))

    dated = history.dropna(subset=["deadline_date"])
    d1, d2, d3 = st.columns(3)
    d1.metric(t("measure.deadline_first", f.lang), fmt_date(dated["deadline_date"].iloc[0] if not dated.empty else None,
                                                            f.lang))
    d2.metric(t("measure.deadline_now", f.lang), fmt_date(m.deadline_date, f.lang))
    d3.metric(t("measure.reschedulings", f.lang), int(history["is_rescheduled"].sum()),
              help=t("measure.reschedulings_help", f.lang))

    st.subheader(t("measure.attention_heading", f.lang))
    if reasons.empty:
        st.success(t("measure.no_attention", f.lang))
    for r in reasons.itertuples(index=False):
        st.warning(f"**{t(f'reason.{r.reason}', f.lang)}** — {present.reason_detail(r, f.lang)}", icon=":material/flag:")

    st.subheader(t("measure.history_heading", f.lang))
    st.caption(t("measure.history_caption", f.lang, n=len(history)))
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(charts.measure_steps(history, f.lang, scale=tables.scale(f)), width="stretch", theme=None,
                        config=charts.plotly_config(f"pasakums_{no}"), key="measure_steps")
    table = present.measure_history_table(history, f.lang)
    with right:
        compact = [t("col.report_date", f.lang), t("col.status", f.lang), t("col.deadline", f.lang)]
        tables.show_table(table[compact], f)
    for r in history.iloc[::-1].itertuples(index=False):  # every note in full, newest first
        with st.container(border=True):
            st.markdown(f"**{fmt_date(r.report_date, f.lang)}** · {present.status_text(r.status_group, f.lang)}"
                        + (f" · „{tables.escape_md(r.status_as_written)}”"
                           if r.status_as_written and r.status_as_written != r.status_label else ""))
            st.markdown(tables.escape_md(r.progress_note) if r.progress_note else f"*{t('detail.no_information', f.lang)}*")
    with st.expander(t("common.table", f.lang), icon=":material/table:"):
        tables.table_with_downloads(table, f"pasakums_{no}", f, key="measure_history")
