"""Vēsture / History: every upload, its original file, rollback, and the publication log."""

import streamlit as st

from ogp_monitor.i18n import fmt_date, t
from ogp_monitor.reports import exports
from ogp_monitor.store import db, publishing
from ogp_monitor.web import auth, cache, filters, open_data, tables

FLASH = "_history_flash"
lang = filters.lang()
analyst = auth.require_analyst(lang)
con = cache.working()  # read-write, under the writers' lock, only while this run needs it

st.title(t("nav.history", lang))
st.write(t("history.intro", lang))
flash = st.session_state.pop(FLASH, None)
if flash:
    getattr(st, flash[0])(flash[1])
open_data.show_problem(lang)

# Not cached: deleting an old upload does not change the data version, and this page is small.
snaps = db.run_query(con, "snapshots")
log = db.run_query(con, "publication_log")

st.subheader(t("history.uploads", lang))
if snaps.empty:
    st.info(t("history.empty", lang))
    st.stop()
tables.grid(publishing.history_frame(snaps, lang), lang)

rows = {int(r.snapshot_id): r for r in snaps.itertuples(index=False)}
sid = st.selectbox(t("history.select", lang), list(rows), key="history_snapshot",
                   format_func=lambda s: f"#{s} · {fmt_date(rows[s].report_date, lang)} · {rows[s].file_name}"
                   + (" ✓" if rows[s].is_current else ""))
held, parts = list(rows[sid].current_parts), list(rows[sid].parts)
st.caption(f"sha256 {rows[sid].sha256}")
row = rows[sid]


def on_rollback(target: int) -> None:
    try:
        publishing.rollback(con, target, analyst)
    except (ValueError, KeyError) as exc:  # someone else changed it meanwhile
        st.session_state[FLASH] = ("warning", str(exc))
        return
    open_data.after_publication()
    st.session_state[FLASH] = ("success", t("history.rolled_back", lang, sid=target))


def on_withdraw(target: int) -> None:
    try:
        restored = publishing.withdraw(con, target, analyst)
    except (ValueError, KeyError) as exc:  # someone else changed it meanwhile
        st.session_state[FLASH] = ("warning", str(exc))
        return
    open_data.after_publication()
    st.session_state[FLASH] = ("success", t("history.withdrawn", lang, sid=target,
                                            parts=publishing.restored_text(restored, lang)))


def on_delete(target: int) -> None:
    deleted = publishing.discard(con, target)
    key = "history.deleted" if deleted else "history.not_deleted"
    st.session_state[FLASH] = ("success" if deleted else "warning", t(key, lang, sid=target))
    st.session_state.pop("history_snapshot", None)


c1, c2 = st.columns(2)
c1.download_button(t("history.download", lang), data=cache.with_working(lambda c, s=sid: db.original_file(c, s) or b""),
                   file_name=row.file_name.replace("/", "_").replace("\\", "_"), mime=exports.XLSX_MIME,
                   key="history_download", icon=":material/download:")
if held:
    c2.success(t("history.is_current", lang, parts=publishing.part_names(held, lang)), icon=":material/check_circle:")
    c2.caption(t("history.withdraw_help", lang, parts=publishing.restored_text(publishing.previous_holders(con, sid), lang)))
    c2.button(t("history.withdraw", lang), key="history_withdraw", icon=":material/undo:", on_click=on_withdraw,
              args=(sid,))
if row.is_published and sorted(held) != sorted(parts):
    c2.caption(t("history.rollback_help", lang, parts=publishing.part_names(parts, lang)))
    c2.button(t("history.rollback", lang), type="primary", key="history_rollback", icon=":material/history:",
              on_click=on_rollback, args=(sid,))
elif not row.is_published:
    c2.info(t("history.unpublished", lang))
if not row.is_published and len(rows) > 1:  # never the current one, never the only one
    sure = c2.checkbox(t("history.delete_confirm", lang, sid=sid), key=f"history_delete_sure_{sid}")
    c2.button(t("history.delete", lang), key="history_delete", icon=":material/delete_forever:", disabled=not sure,
              on_click=on_delete, args=(sid,))

st.subheader(t("history.log", lang))
if log.empty:
    st.info(t("history.no_log", lang))
else:
    tables.grid(publishing.log_frame(log, lang), lang)
