"""Laika grafiks / Timeline: measures from start to deadline, statuses across reports and the
schedule milestones."""

import datetime as dt

import streamlit as st

from ogp_monitor.i18n import fmt_date, t
from ogp_monitor.reports import charts, present
from ogp_monitor.web import cache, filters, tables

f = filters.current()
st.title(t("nav.timeline", f.lang))
if not tables.no_data_message(f):
    tables.snapshot_caption(f)
    params = f.query_params()
    rows = cache.query(f, "measure_timeline", **params)
    if not tables.no_match(rows, f):
        if rows["deadline_date"].isna().all():
            st.info(t("timeline.no_dates", f.lang))
        else:
            st.caption(t("timeline.gantt_caption", f.lang, date=fmt_date(f.report_date, f.lang)))
            tables.chart(charts.gantt(rows, f.lang, scale=tables.scale(f), today=dt.date.today()), "laika_grafiks", f,
                      table=present.measures_table(rows, f.lang), kind="laika_grafiks", key="timeline_gantt")

        st.header(t("timeline.history_heading", f.lang))
        history = cache.query(f, "status_history", **params)
        tables.chart(charts.status_history(history, f.lang, scale=tables.scale(f)), "statusi_pa_zinojumiem", f,
                  table=present.history_table(history, f.lang), kind="statusi_pa_zinojumiem", key="timeline_history")

    schedule = cache.query(f, "schedule")
    if schedule.empty:
        st.info(t("timeline.schedule_none", f.lang))
    for plan, part in schedule.groupby("plan_id", sort=True):
        st.header(t("timeline.schedule_heading", f.lang, plan=tables.escape_md(plan)))
        tables.chart(charts.schedule(part, f.lang, scale=tables.scale(f), today=dt.date.today()), "grafiks", f,
                  table=present.schedule_table(part, f.lang), kind="grafiks", key=f"timeline_schedule_{plan}")
