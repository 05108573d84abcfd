"""Streamlit glue shared by app.py and the pages: connection, cached queries, filters.

Pages stay thin: ``f = web.filters()`` then ``web.query("name", ...)`` then a
chart from ``charts`` and ``web.table_with_downloads(...)``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from . import db, exports
from .i18n import DEFAULT_LANG, fmt_date, status_label, t

FILTER_KEYS = ("lang", "plan", "snap", "commitment", "institution", "status")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$=:])")


@st.cache_resource(show_spinner=False, on_release=lambda con: con.close())
def _connection(path: str):
    return db.connect(path)


def connection():
    """The process's one DuckDB connection (each query runs on its own cursor)."""
    return _connection(str(db.db_path()))


def data_version() -> tuple[int, int]:
    """(latest publication id, latest snapshot id): changes with every publish or rollback."""
    cur = connection().cursor()
    try:
        row = cur.execute("select (select coalesce(max(publication_id), 0) from publication), "
                          "(select coalesce(max(snapshot_id), 0) from snapshot)").fetchone()
        return int(row[0]), int(row[1])
    finally:
        cur.close()


@st.cache_data(max_entries=512, show_spinner=False)
def _cached_query(name: str, version: tuple[int, int], snapshot_id: int | None,
                  params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    kwargs = dict(params)
    if "snapshot_id" in db.query_parameters(name):
        kwargs["snapshot_id"] = snapshot_id
    return db.run_query(connection(), name, **kwargs)


def query(name: str, snapshot_id: int | None = None, **params: object) -> pd.DataFrame:
    """Run a named query, cached per data version and snapshot; None params mean "all"."""
    f = filters()
    sid = snapshot_id if snapshot_id is not None else f.snapshot_id
    wanted = set(db.query_parameters(name))
    items = tuple(sorted((k, v) for k, v in params.items() if k in wanted))
    return _cached_query(name, data_version(), sid, items)


@dataclass(frozen=True)
class Filters:
    lang: str
    plan: str | None
    snapshot_id: int | None
    report_date: dt.date | None
    commitment: str | None
    institution: str | None
    status_group: str | None
    meeting: bool

    def query_params(self) -> dict[str, object]:
        return {"plan_id": self.plan, "commitment_no": self.commitment,
                "institution": self.institution, "status_group": self.status_group}


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in ("lv", "en") else DEFAULT_LANG


def filters() -> Filters:
    """The shared filters, as the sidebar (app.py) left them this run."""
    state = st.session_state
    snaps = snapshots()
    sid = state.get("snap")
    if sid is None and not snaps.empty:
        sid = int(snaps.loc[snaps["is_current"], "snapshot_id"].iloc[0]) if snaps["is_current"].any() else None
    report = None
    if sid is not None and not snaps.empty:
        match = snaps.loc[snaps["snapshot_id"] == sid, "report_date"]
        report = pd.Timestamp(match.iloc[0]).date() if not match.empty else None
    return Filters(lang=lang(), plan=state.get("plan"), snapshot_id=sid, report_date=report,
                   commitment=state.get("commitment"), institution=state.get("institution"),
                   status_group=state.get("status"), meeting=bool(state.get("meeting", False)))


def snapshots() -> pd.DataFrame:
    """Published snapshots only (an upload awaiting review is not shown to viewers)."""
    snaps = _cached_query("snapshots", data_version(), None, ())
    return snaps[snaps["is_published"]].reset_index(drop=True)


def sidebar() -> Filters:
    """Draw the shared sidebar filters; every value lives in the URL so links reopen the view."""
    if "meeting" not in st.session_state:
        st.session_state["meeting"] = st.query_params.get("mode") == "meeting"
    with st.sidebar:
        st.radio(t("filter.lang"), ("lv", "en"), key="lang", horizontal=True, bind="query-params",
                 format_func=lambda code: {"lv": "Latviešu", "en": "English"}[code])
        current_lang = lang()
        st.toggle(t("filter.meeting_mode", current_lang), key="meeting", on_change=_sync_mode)
        st.subheader(t("filter.heading", current_lang))
        snaps = snapshots()
        if snaps.empty:
            return filters()
        current_sid = int(snaps.loc[snaps["is_current"], "snapshot_id"].iloc[0]) if snaps["is_current"].any() else None
        labels = {int(r.snapshot_id): f"{fmt_date(r.report_date, 'lv')} · #{int(r.snapshot_id)}"
                  + (" ✓" if r.is_current else "") for r in snaps.itertuples(index=False)}
        st.selectbox(t("filter.snapshot", current_lang), [None, *labels], key="snap", bind="query-params",
                     format_func=lambda s: (f"{t('common.latest', current_lang)} ({labels[current_sid]})"
                                            if s is None and current_sid in labels else labels.get(s, "–")))
        sid = st.session_state.get("snap") or current_sid
        options = query("filter_options", snapshot_id=sid)
        plans = sorted(options.loc[options["kind"] == "plan", "value"].tolist())
        st.selectbox(t("filter.plan", current_lang), plans, index=_default_plan_index(plans), key="plan",
                     bind="query-params")
        plan = st.session_state.get("plan")
        in_plan = options[(options["plan_id"] == plan) | (options["kind"] == "plan")]
        commitments = in_plan.loc[in_plan["kind"] == "commitment", "value"].tolist()
        institutions = sorted(in_plan.loc[in_plan["kind"] == "institution", "value"].unique().tolist())
        all_label = t("filter.all", current_lang)
        st.selectbox(t("filter.commitment", current_lang), [None, *commitments], key="commitment",
                     bind="query-params", format_func=lambda v: all_label if v is None else v)
        st.selectbox(t("filter.institution", current_lang), [None, *institutions], key="institution",
                     bind="query-params", format_func=lambda v: all_label if v is None else v)
        st.selectbox(t("filter.status", current_lang), [None, "advanced", "in_progress", "not_started", "withdrawn"],
                     key="status", bind="query-params",
                     format_func=lambda v: all_label if v is None else status_label(v, current_lang))
    return filters()


def _default_plan_index(plans: list[str]) -> int:
    """The first plan in order (the council's running plan sorts first: "5. plāns" < "6. plāns")."""
    return 0


def _sync_mode() -> None:
    if st.session_state.get("meeting"):
        st.query_params["mode"] = "meeting"
    elif "mode" in st.query_params:
        del st.query_params["mode"]


def apply_meeting_style() -> None:
    """Large type for projecting; the sidebar collapses (set in app.py's page config)."""
    st.html("""<style>
      html, body, [data-testid='stAppViewContainer'] { font-size: 22px; }
      [data-testid='stMetricValue'] { font-size: 3.2rem; }
      [data-testid='stMetricLabel'] p { font-size: 1.3rem; }
      h1 { font-size: 2.6rem !important; } h2 { font-size: 2.1rem !important; }
      .block-container { max-width: 100%; padding-top: 2rem; }
    </style>""")


def escape_md(text: object) -> str:
    """Data shown through Markdown must stay literal: escape every Markdown/HTML character."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def no_data_message(f: Filters) -> bool:
    """Show the right empty state and return True when there is nothing to draw."""
    if f.snapshot_id is None:
        st.info(t("empty.no_data", f.lang))
        return True
    if f.plan is None:
        st.info(t("empty.no_plan_data", f.lang))
        return True
    return False


def snapshot_caption(f: Filters) -> None:
    if f.snapshot_id is not None:
        st.caption(t("common.snapshot_caption", f.lang, date=fmt_date(f.report_date, f.lang), sid=f.snapshot_id))


def table_with_downloads(frame: pd.DataFrame, kind: str, f: Filters, key: str, height: int | None = None,
                         column_config: dict | None = None) -> None:
    """A read-only table (its own unsanitised toolbar download off) with safe CSV and Excel buttons."""
    # The dataframe's own CSV export is switched off (client.disableDataExport in
    # .streamlit/config.toml): it would bypass the formula neutralising below.
    st.dataframe(frame, hide_index=True, width="stretch", height=height or "auto",
                 column_config=column_config)
    name = exports.export_name(kind, f.plan, f.report_date, "csv")
    c1, c2 = st.columns(2)
    c1.download_button(t("common.download_csv", f.lang), exports.to_csv_bytes(frame), file_name=name,
                       mime=exports.CSV_MIME, key=f"{key}_csv", icon=":material/download:")
    c2.download_button(t("common.download_xlsx", f.lang), exports.to_xlsx_bytes({kind: frame}),
                       file_name=name[:-4] + ".xlsx", mime=exports.XLSX_MIME, key=f"{key}_xlsx",
                       icon=":material/table:")

