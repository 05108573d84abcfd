"""The collection round page's parts: start a round, collect the returned files, the tracker and the
reminders, close, preview and publish. The work itself is ``store.rounds``; this is the glue."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..i18n import fmt_date, t
from ..ingest.problems import problems_frame
from ..reports import exports, reminders, round_tables, summary
from ..store import db, publishing, rounds
from . import cache, open_data, upload_preview
from .tables import grid

NEW = "\u0000new"  # the round chooser's "start a new round" option
FLASH, RESULTS, UPLOADS = "_round_flash", "_round_results", "_round_uploads"


def flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        getattr(st, message[0])(message[1])


def choose(con, lang: str) -> rounds.Round | None:
    """The round chooser (unfinished rounds first); None: start a new one."""
    found = rounds.rounds(con)
    found.sort(key=lambda r: r.state not in (rounds.OPEN, rounds.CLOSED))
    if not found:
        st.info(t("round.none", lang))
        return None
    by_id = {r.round_id: r for r in found}
    options = [*by_id, NEW]
    wanted = st.session_state.pop("_round_pick", None)
    if wanted in by_id:
        st.session_state["round_pick"] = wanted
    picked = st.selectbox(t("round.choose", lang), options, key="round_pick",
                          format_func=lambda rid: t("round.new", lang) if rid == NEW else t(
                              "round.option", lang, plan=by_id[rid].plan_id, as_of=fmt_date(by_id[rid].as_of, lang),
                              rid=rid))
    return None if picked == NEW else by_id[picked]


def start_form(con, plans: list[str], analyst: str, lang: str) -> None:
    st.subheader(t("round.start_heading", lang))
    with st.form("round_start", border=True):
        plan = st.selectbox(t("round.plan", lang), plans, key="round_plan")
        c1, c2 = st.columns(2)
        as_of = c1.date_input(t("round.as_of", lang), value=None, format="DD.MM.YYYY", key="round_as_of")
        due = c2.date_input(t("round.due", lang), value=None, format="DD.MM.YYYY", key="round_due")
        partners = st.checkbox(t("round.partners", lang), key="round_partners", help=t("round.partners_help", lang))
        submitted = st.form_submit_button(t("round.start", lang), type="primary", icon=":material/send:")
    if not submitted:
        return
    if as_of is None:
        st.error(t("round.need_as_of", lang))
        return
    try:
        r = rounds.start(con, plan_id=plan, as_of=as_of, due=due, by=analyst, include_partners=partners)
    except rounds.RoundError as exc:
        st.error(exc.text(lang))
        return
    n = len(rounds.status(con, r.round_id))
    flash("success", t("round.started", lang, rid=r.round_id, n=n))
    st.session_state["_round_pick"] = r.round_id
    st.rerun()


def metrics(con, r: rounds.Round, tracker, lang: str) -> None:
    cols = st.columns(5)
    cols[0].metric(t("round.m_state", lang), t(f"round.state.{r.state}", lang))
    cols[1].metric(t("round.m_institutions", lang), len(tracker))
    cols[2].metric(t("round.m_returned", lang), int(tracker["returned_at"].notna().sum()))
    cols[3].metric(t("round.m_answered", lang), f"{int(tracker['n_answered'].sum())} / {int(tracker['n_measures'].sum())}")
    cols[4].metric(t("round.m_due", lang), fmt_date(r.due, lang) if r.due else "–")
    if r.state == rounds.OPEN:
        st.download_button(t("round.download_zip", lang), data=cache.with_working(lambda c: rounds.workbooks_zip(c, r.round_id)),
                           file_name=f"ogp_karta_{r.as_of.isoformat()}.zip", mime="application/zip",
                           icon=":material/folder_zip:", key="round_zip",
                           help=t("round.download_zip_help", lang, date=fmt_date(r.base_report_date, lang)))


def collect(con, r: rounds.Round, analyst: str, lang: str) -> None:
    """Several returned files at once; each is checked on its own and said what became of it."""
    st.subheader(t("round.collect_heading", lang))
    for kind, text, problems in st.session_state.pop(RESULTS, []):
        getattr(st, kind)(text)
        if problems:
            grid(problems_frame(problems, lang), lang)
    if r.state != rounds.OPEN:
        return
    limit_mb = publishing.upload_limit_mb(st.get_option("server.maxUploadSize"))
    n = st.session_state.get(UPLOADS, 0)
    files = st.file_uploader(t("round.collect_files", lang), type=["xlsx"], accept_multiple_files=True,
                             max_upload_size=limit_mb, key=f"round_files_{n}")
    if not files:
        return
    results = rounds.collect(con, [(f.name, f.getvalue()) for f in files], by=analyst,
                             max_bytes=limit_mb * publishing.MB)
    st.session_state[RESULTS] = [_said(result, lang) for result in results]
    st.session_state[UPLOADS] = n + 1  # an empty uploader for the next files
    st.rerun()


def _said(result: rounds.Collected, lang: str) -> tuple[str, str, list]:
    institution = result.institution or "–"
    if result.duplicate and not result.errors:
        return "info", t("round.duplicate", lang, file=result.file_name, institution=institution), []
    if result.accepted:
        notices = [p for p in result.problems if not p.is_error]
        return "success", t("round.collected", lang, file=result.file_name, institution=institution,
                            n=result.n_answered, total=result.n_rows), notices
    key = "round.refused_kept" if result.return_id else "round.refused"
    return "error", t(key, lang, file=result.file_name, institution=institution, n=len(result.errors)), result.problems


def tracker(r: rounds.Round, frame, lang: str) -> None:
    st.subheader(t("round.tracker_heading", lang))
    if r.due and dt.date.today() > r.due and frame["is_overdue"].any():
        st.warning(t("round.tracker_overdue", lang, date=fmt_date(r.due, lang)), icon=":material/schedule:")
    grid(round_tables.tracker_table(frame, lang), lang)
    st.caption(t("round.no_information_help", lang))
    st.download_button("CSV", data=exports.to_csv_bytes(frame), icon=":material/download:", key="round_tracker_csv",
                       file_name=f"ogp_karta_{r.as_of.isoformat()}_atbildes.csv", mime=exports.CSV_MIME)


def reminder_texts(con, r: rounds.Round, frame, lang: str) -> None:
    """After the due date: a reminder for each institution that has answered nothing, in both languages."""
    if r.state != rounds.OPEN:
        return
    st.subheader(t("round.reminders_heading", lang))
    if not r.due or dt.date.today() <= r.due:
        st.caption(t("round.reminders_wait", lang, date=fmt_date(r.due, lang) if r.due else "–"))
        return
    late = frame[frame["is_overdue"]]
    if late.empty:
        return
    st.caption(t("round.reminders_intro", lang))
    for institution in late["institution"]:
        measures = rounds.silent_measures(con, r.round_id, institution)
        with st.expander(t("round.reminder_for", lang, institution=institution,
                           what=summary.measures(len(measures), lang, words=False)),
                         icon=":material/mail:"):
            lv_tab, en_tab = st.tabs(["Latviski", "English"])
            lv_tab.code(reminders.reminder(r, institution, measures, "lv"), language=None, wrap_lines=True)
            en_tab.code(reminders.reminder(r, institution, measures, "en"), language=None, wrap_lines=True)


def history(con, r: rounds.Round, lang: str) -> None:
    frame = rounds.returns(con, r.round_id)
    if frame.empty:
        return
    with st.expander(t("round.history_heading", lang), icon=":material/history:"):
        grid(round_tables.returns_table(frame, lang), lang)


def close(con, r: rounds.Round, analyst: str, lang: str) -> None:
    """Close (merge) an open round; then the merged report's preview, publish or reopen."""
    if r.state == rounds.OPEN:
        st.subheader(t("round.close_heading", lang))
        st.write(t("round.close_intro", lang, date=fmt_date(r.as_of, lang)))
        if st.button(t("round.close", lang), type="primary", icon=":material/merge:", key="round_close"):
            try:
                closed = rounds.close(con, r.round_id, by=analyst)
            except rounds.RoundError as exc:
                st.error(exc.text(lang))
                return
            flash("success", t("round.closed", lang, n=closed.n_answered, m=closed.n_carried_forward))
            st.rerun()
        with st.expander(t("round.cancel_heading", lang), icon=":material/cancel:"):
            st.caption(t("round.cancel_intro", lang))
            if st.button(t("round.cancel", lang), key="round_cancel"):
                rounds.cancel(con, r.round_id, by=analyst)
                flash("info", t("round.cancelled", lang))
                st.rerun()
        return
    if r.state == rounds.PUBLISHED:
        st.success(t("round.published_state", lang, sid=r.merged_snapshot_id))
        st.page_link("views/overview.py", label=t("round.open_overview", lang), icon=":material/dashboard:")
        return
    if r.state != rounds.CLOSED:
        return
    st.subheader(t("round.merged_heading", lang))
    sid = int(r.merged_snapshot_id)
    st.download_button(t("round.download_merged", lang), data=cache.with_working(lambda c: db.original_file(c, sid) or b""),
                       file_name=f"ogp_karta_{r.as_of.isoformat()}_apvienots.xlsx", mime=exports.XLSX_MIME,
                       icon=":material/download:", key="round_merged")
    pv = publishing.preview(con, sid)
    confirmed = upload_preview.preview(pv, lang)
    merged = db.run_query(con, "measures", snapshot_id=sid, plan_id=r.plan_id)
    carried = summary.sort_measure_nos(merged.loc[merged["carried_forward"], "measure_no"])
    if carried:
        st.info(t("round.carried_note", lang, what=summary.measures(len(carried), lang, words=False),
                  nos=", ".join(carried)), icon=":material/hourglass_empty:")
    c1, c2 = st.columns(2)
    if c1.button(t("round.publish", lang), type="primary", icon=":material/publish:", disabled=not confirmed,
                 key="round_publish", width="stretch"):
        try:
            publishing.publish(con, sid, analyst, expected=pv.base, confirm_removals=bool(pv.removals) and confirmed)
        except (publishing.StalePreview, publishing.NeedsConfirmation):
            flash("warning", t("upload.stale", lang))
        else:
            flash("success", t("round.published", lang, plan=r.plan_id, date=fmt_date(r.as_of, lang)))
            open_data.after_publication()  # the open data files follow the new report
        st.rerun()
    if c2.button(t("round.reopen", lang), icon=":material/undo:", key="round_reopen", width="stretch"):
        rounds.reopen(con, r.round_id, by=analyst)
        flash("info", t("round.reopened", lang))
        st.rerun()
