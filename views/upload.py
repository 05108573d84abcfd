"""Augšupielāde / Upload: check an export, preview what would change, then publish or discard."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, t
from ogp_monitor.ingest import template
from ogp_monitor.reports import exports
from ogp_monitor.store import publishing
from ogp_monitor.web import auth, cache, filters, open_data, upload_preview

STAGE, FLASH, ROUND = "_upload_stage", "_upload_flash", "_upload_round"
lang = filters.lang()
analyst = auth.require_analyst(lang)
con = cache.working()  # read-write, under the writers' lock, only while this run needs it
limit_mb = publishing.upload_limit_mb(st.get_option("server.maxUploadSize"))

st.title(t("nav.upload", lang))
st.write(t("upload.intro", lang, mb=limit_mb))
st.download_button(t("upload.template", lang), key="template", icon=":material/download:",
                   data=lambda: template.build_template(publishing.current_institutions(cache.connection())),
                   file_name="ogp_eksporta_veidne.xlsx", mime=exports.XLSX_MIME, help=t("upload.template_help", lang))

flash = st.session_state.pop(FLASH, None)
if flash:
    getattr(st, flash[0])(flash[1])
    if flash[0] == "success":
        st.page_link("views/overview.py", label=t("upload.open_overview", lang), icon=":material/dashboard:")
open_data.show_problem(lang)

# A new key after publish/discard gives an empty uploader for the next file.
upload_key = f"upload_file_{st.session_state.get(ROUND, 0)}"
uploaded = st.file_uploader(t("upload.file", lang, mb=limit_mb), type=["xlsx"], max_upload_size=limit_mb, key=upload_key)
held = st.session_state.get(STAGE)  # (file id, Stage) of this session's last file
if uploaded is None or uploaded.size > limit_mb * publishing.MB:
    if held:
        publishing.abandon(con, held[1])  # a preview nobody published goes with its file
        del st.session_state[STAGE]
    if uploaded is not None:
        st.error(t("upload.too_large", lang, size=f"{uploaded.size / publishing.MB:.1f}", mb=limit_mb))
    st.stop()


def check(report_date=None, plan_id=None, needs_date=False) -> publishing.Stage:
    with st.status(t("upload.checking", lang)) as status:
        stage = publishing.check_and_stage(con, uploaded.getvalue(), uploaded.name, analyst,
                                           report_date=report_date, plan_id=plan_id, needs_date=needs_date,
                                           max_bytes=limit_mb * publishing.MB,
                                           progress=upload_preview.steps(status, uploaded.size, lang))
        status.update(label=t("upload.checked_bad" if stage.errors else "upload.checked_ok", lang),
                      state="error" if stage.errors else "complete", expanded=False)
    st.session_state[STAGE] = (uploaded.file_id, stage)
    return stage


if held is None or held[0] != uploaded.file_id:
    publishing.abandon(con, held[1] if held else None)
    stage = check()
else:
    stage = held[1]

chosen_date = upload_preview.report_date_input(stage, lang, key=f"report_date_{uploaded.file_id}")
chosen_plan = upload_preview.plan_input(stage, filters.plans()["plan_id"].tolist(), lang,
                                        key=f"plan_{uploaded.file_id}")
if (chosen_date, chosen_plan) != (stage.report_date, stage.plan_id):
    publishing.abandon(con, stage)
    stage = check(report_date=chosen_date, plan_id=chosen_plan, needs_date=stage.needs_date)

upload_preview.problems(stage, lang)
if stage.errors:
    st.stop()
if stage.identical_to_published:
    info = publishing.snapshot_info(con, stage.snapshot_id)
    key = "upload.identical_current" if info["is_current"] else "upload.identical_old"
    st.info(t(key, lang, sid=stage.snapshot_id, date=fmt_date(info["report_date"], lang)))
    st.stop()


def finish(message: tuple[str, str]) -> None:
    st.session_state[FLASH] = message
    st.session_state.pop(STAGE, None)
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def on_publish(sid: int, base: dict, confirmed: bool, report: str) -> None:
    try:
        publishing.publish(con, sid, analyst, expected=base, confirm_removals=confirmed)
    except publishing.StalePreview:
        st.session_state[FLASH] = ("warning", t("upload.stale", lang))
        return
    except publishing.NeedsConfirmation:
        st.session_state[FLASH] = ("warning", t("upload.removal_unconfirmed", lang))
        return
    open_data.after_publication()  # the open data files follow; a failure there leaves this publication
    finish(("success", t("upload.published", lang, sid=sid, date=report)))


def on_discard(sid: int) -> None:
    publishing.discard(con, sid)
    finish(("info", t("upload.discarded", lang)))


pv = publishing.preview(con, stage.snapshot_id)
confirmed = upload_preview.preview(pv, lang)
report = fmt_date(pv.info["report_date"], lang)
c1, c2 = st.columns(2)
c1.button(t("upload.publish", lang), type="primary", key="publish", icon=":material/publish:", disabled=not confirmed,
          on_click=on_publish, args=(stage.snapshot_id, pv.base, bool(pv.removals) and confirmed, report),
          width="stretch")
c2.button(t("upload.discard", lang), key="discard", icon=":material/delete:", on_click=on_discard,
          args=(stage.snapshot_id,), width="stretch")
