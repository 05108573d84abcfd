"""Augšupielāde / Upload: check an export, preview what would change, then publish or discard."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, t
from ogp_monitor.ingest import template
from ogp_monitor.ingest.problems import problems_frame
from ogp_monitor.reports import exports
from ogp_monitor.store import publishing
from ogp_monitor.web import auth, cache, filters

STAGE, FLASH, ROUND = "_upload_stage", "_upload_flash", "_upload_round"
lang = filters.lang()
analyst = auth.require_analyst(lang)
con = cache.connection()
limit_mb = publishing.upload_limit_mb(st.get_option("server.maxUploadSize"))

st.title(t("nav.upload", lang))
st.write(t("upload.intro", lang, mb=limit_mb))
st.download_button(t("upload.template", lang), key="template", icon=":material/download:",
                   data=lambda: template.build_template(publishing.current_institutions(con)),
                   file_name="ogp_eksporta_veidne.xlsx", mime=exports.XLSX_MIME, help=t("upload.template_help", lang))

flash = st.session_state.pop(FLASH, None)
if flash:
    getattr(st, flash[0])(flash[1])
    if flash[0] == "success":
        st.page_link("views/overview.py", label=t("upload.open_overview", lang), icon=":material/dashboard:")

# A new key after publish/discard gives an empty uploader for the next file.
upload_key = f"upload_file_{st.session_state.get(ROUND, 0)}"
uploaded = st.file_uploader(t("upload.file", lang), type=["xlsx"], max_upload_size=limit_mb, key=upload_key)
held = st.session_state.get(STAGE)  # (file id, Stage) of this session's last file
if uploaded is None or uploaded.size > limit_mb * publishing.MB:
    if held:
        publishing.abandon(con, held[1])  # a preview nobody published goes with its file
        del st.session_state[STAGE]
    if uploaded is not None:
        st.error(t("upload.too_large", lang, size=f"{uploaded.size / publishing.MB:.1f}", mb=limit_mb))
    st.stop()


def check(report_date=None, needs_date=False) -> publishing.Stage:
    with st.status(t("upload.checking", lang)) as status:
        stage = publishing.check_and_stage(con, uploaded.getvalue(), uploaded.name, analyst,
                                           report_date=report_date, needs_date=needs_date,
                                           max_bytes=limit_mb * publishing.MB)
        status.update(label=t("upload.checked_bad" if stage.errors else "upload.checked_ok", lang),
                      state="error" if stage.errors else "complete", expanded=False)
    st.session_state[STAGE] = (uploaded.file_id, stage)
    return stage


if held is None or held[0] != uploaded.file_id:
    publishing.abandon(con, held[1] if held else None)
    stage = check()
else:
    stage = held[1]

if stage.needs_date and (stage.blocked_only_by_missing_date or stage.report_date):
    st.info(t("upload.need_date", lang))
    chosen = st.date_input(t("upload.date_label", lang), value=None, format="DD.MM.YYYY",
                           key=f"report_date_{uploaded.file_id}")
    if chosen != stage.report_date:
        publishing.abandon(con, stage)
        stage = check(report_date=chosen, needs_date=True)

if stage.errors:
    if not stage.blocked_only_by_missing_date:
        st.error(t("upload.errors", lang, n=len(stage.errors)), icon=":material/block:")
        st.dataframe(problems_frame(stage.errors + stage.notices, lang), hide_index=True, width="stretch")
    st.stop()
if stage.notices:
    st.subheader(t("upload.notices", lang))
    st.dataframe(problems_frame(stage.notices, lang), hide_index=True, width="stretch")

if stage.identical_to_published:
    info = publishing.snapshot_info(con, stage.snapshot_id)
    key = "upload.identical_current" if info["is_current"] else "upload.identical_old"
    st.info(t(key, lang, sid=stage.snapshot_id, date=fmt_date(info["report_date"], lang)))
    st.stop()


def finish(message: tuple[str, str]) -> None:
    st.session_state[FLASH] = message
    st.session_state.pop(STAGE, None)
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def on_publish(sid: int, base: int | None, report: str) -> None:
    try:
        publishing.publish(con, sid, analyst, expected_base=base)
    except publishing.StalePreview:
        st.session_state[FLASH] = ("warning", t("upload.stale", lang))
        return
    finish(("success", t("upload.published", lang, sid=sid, date=report)))


def on_discard(sid: int) -> None:
    publishing.discard(con, sid)
    finish(("info", t("upload.discarded", lang)))


pv = publishing.preview(con, stage.snapshot_id)
report = fmt_date(pv.info["report_date"], lang)
st.subheader(t("upload.preview_title", lang))
cols = st.columns(4)
cols[0].metric(t("upload.m_report", lang), report)
cols[1].metric(t("upload.m_measures", lang), int(pv.info["n_measures"]))
cols[2].metric(t("upload.m_indicators", lang), int(pv.info["n_indicators"]))
cols[3].metric(t("upload.m_schedule", lang), int(pv.info["n_schedule"]))
if pv.base_info is None:
    st.info(t("upload.first", lang))
else:
    st.caption(t("upload.compared_with", lang, date=fmt_date(pv.base_info["report_date"], lang),
                 sid=pv.base_snapshot_id))
if pv.older_than_current:
    st.warning(t("upload.older", lang, date=report, current=fmt_date(pv.base_info["report_date"], lang)))

counts = pv.counts()
n_ind = sum(counts[f"indicators_{k}"] for k in publishing.INDICATOR_KINDS)
kinds = [k for k in publishing.MEASURE_KINDS if counts[k]]
if not kinds and not n_ind:
    st.success(t("upload.no_changes", lang))
else:
    labels = [t(f"upload.kind.{k}", lang, n=counts[k]) for k in kinds]
    tabs = st.tabs(labels + ([t("upload.kind.indicators", lang, n=n_ind)] if n_ind else []))
    for tab, kind in zip(tabs, kinds):
        tab.dataframe(publishing.measure_changes_frame(pv.measures, kind, lang), hide_index=True, width="stretch")
    if n_ind:
        tabs[-1].dataframe(publishing.indicator_changes_frame(pv.indicators, lang), hide_index=True,
                           width="stretch")

c1, c2 = st.columns(2)
c1.button(t("upload.publish", lang), type="primary", key="publish", icon=":material/publish:",
          on_click=on_publish, args=(stage.snapshot_id, pv.base_snapshot_id, report), width="stretch")
c2.button(t("upload.discard", lang), key="discard", icon=":material/delete:", on_click=on_discard,
          args=(stage.snapshot_id,), width="stretch")
