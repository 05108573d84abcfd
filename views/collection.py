"""Datu vākšana / Collection round: workbooks out to the institutions, their answers back, one merged
report to preview and publish, and who gave no information."""

import streamlit as st

from ogp_monitor.i18n import t
from ogp_monitor.store import rounds
from ogp_monitor.web import auth, cache, filters, open_data, round_page

lang = filters.lang()
analyst = auth.require_analyst(lang)
con = cache.working()  # read-write, under the writers' lock, only while this run needs it

st.title(t("nav.collection", lang))
st.write(t("round.intro", lang))
round_page.show_flash()
open_data.show_problem(lang)
chosen = round_page.choose(con, lang)
if chosen is None:
    round_page.start_form(con, filters.plans()["plan_id"].tolist(), analyst, lang)
    st.stop()

# Not cached: every collected file changes the tracker, and the page is small.
tracker = rounds.status(con, chosen.round_id)
round_page.metrics(con, chosen, tracker, lang)
round_page.collect(con, chosen, analyst, lang)
round_page.tracker(chosen, tracker, lang)
round_page.reminder_texts(con, chosen, tracker, lang)
round_page.history(con, chosen, lang)
round_page.close(con, chosen, analyst, lang)
