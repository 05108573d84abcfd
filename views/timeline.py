"""Laika grafiks / Timeline: measures from start to deadline, statuses across reports and the
schedule milestones."""

import datetime as dt

import streamlit as st

from ogp_monitor import charts, present, web
from ogp_monitor.i18n import fmt_date, t

f = web.filters()
st.title(t("nav.timeline", f.lang))
if not web.no_data_message(f):
    web.snapshot_caption(f)
    params = f.query_params()
    rows = web.query("measure_timeline", **params)
    if not web.no_match(rows, f):
        if rows["deadline_date"].isna().all():
            st.info(t("timeline.no_dates", f.lang))
        else:
            st.caption(t("timeline.gantt_caption", f.lang, date=fmt_date(f.report_date, f.lang)))
            web.chart(charts.gantt(rows, f.lang, scale=web.scale(f), today=dt.date.today()), "laika_grafiks", f,
                      table=present.measures_table(rows, f.lang), kind="laika_grafiks", key="timeline_gantt")

        st.header(t("timeline.history_heading", f.lang))
        history = web.query("status_history", **params)
        web.chart(charts.status_history(history, f.lang, scale=web.scale(f)), "statusi_pa_zinojumiem", f,
                  table=present.history_table(history, f.lang), kind="statusi_pa_zinojumiem", key="timeline_history")

    schedule = web.query("schedule")
    if schedule.empty:
        st.info(t("timeline.schedule_none", f.lang))
    for plan, part in schedule.groupby("plan_id", sort=True):
        st.header(t("timeline.schedule_heading", f.lang, plan=web.escape_md(plan)))
        web.chart(charts.schedule(part, f.lang, scale=web.scale(f), today=dt.date.today()), "grafiks", f,
                  table=present.schedule_table(part, f.lang), kind="grafiks", key=f"timeline_schedule_{plan}")
