"""Pārskats / Overview: status of the selected plan and snapshot, progress per commitment,
what needs attention (slipped, went backwards, stalled, overdue, no information) and what changed
since the previous report."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, fmt_pct, t
from ogp_monitor.reports import charts, present
from ogp_monitor.web import cache, filters, summary_box, tables

f = filters.current()
st.title(t("nav.overview", f.lang))
if not tables.no_data_message(f):
    tables.snapshot_caption(f)
    params = f.query_params()

    summary_box.summary_block(f)

    counts = cache.query(f, "status_counts", **params)
    total = int(counts["n_measures"].sum())
    if total == 0:
        st.info(t("empty.no_match", f.lang))
        st.stop()

    cols = st.columns(len(counts) + 1)
    cols[0].metric(t("overview.total", f.lang), total)
    for col, row in zip(cols[1:], counts.itertuples(index=False)):
        col.metric(present.status_text(row.status_group, f.lang), int(row.n_measures),
                   delta=fmt_pct(row.share_pct, f.lang, 0), delta_color="off", delta_arrow="off",
                   help=t("overview.share_help", f.lang, pct=fmt_pct(row.share_pct, f.lang, 1)))
    tables.chart(charts.status_bar(counts, f.lang, scale=tables.scale(f)), "statusi", f,
              table=present.status_table(counts, f.lang), kind="statusi", key="overview_status")

    st.header(t("overview.progress_heading", f.lang))
    st.caption(t("overview.progress_hint", f.lang))
    progress = cache.query(f, "commitment_progress", **params)
    tables.chart(charts.commitment_progress(progress, f.lang, scale=tables.scale(f)), "apnemsanas", f,
              table=present.commitment_table(progress, f.lang), kind="apnemsanas", key="overview_commitments",
              on_select=filters.open_commitment_on_click("overview_commitments"))

    st.header(t("attention.heading", f.lang))
    st.caption(t("attention.caption", f.lang))
    attention = cache.query(f, "attention", **params)
    if attention.empty:
        st.success(t("attention.none", f.lang))
    else:
        n = present.attention_counts(attention)
        shown = [r for r in present.REASONS if n[r] or r != "carried_forward"]
        for col, reason in zip(st.columns(len(shown)), shown):
            col.metric(t(f"reason.{reason}", f.lang), n[reason], help=t(f"reason.{reason}_help", f.lang))
        tables.table_with_downloads(present.attention_table(attention, f.lang), "uzmanibai", f, key="overview_attention")

    st.header(t("overview.changes_heading", f.lang))
    changes = cache.query(f, "changes", to_snapshot_id=f.snapshot_id, **params)
    if f.previous_snapshot_id is None:
        st.info(t("overview.changes_first", f.lang))
    else:
        st.caption(t("overview.changes_caption", f.lang, before=fmt_date(f.previous_report_date, f.lang),
                     after=fmt_date(f.report_date, f.lang)))
        n = present.change_counts(changes)
        c1, c2, c3 = st.columns(3)
        c1.metric(t("overview.n_status_changed", f.lang), n["status_changed"])
        c2.metric(t("overview.n_added", f.lang), n["added"])
        c3.metric(t("overview.n_removed", f.lang), n["removed"])
        shown = present.changes_table(changes, f.lang)
        if shown.empty:
            st.info(t("overview.changes_none", f.lang))
        else:
            tables.table_with_downloads(shown, "izmainas", f, key="overview_changes")
