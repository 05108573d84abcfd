"""The shared sidebar (language, meeting mode, plan, report, filters) and the state it leaves for the pages.

Every filter lives in the URL as a language-independent code, so a copied link
reopens the same view in either language. Pages read ``filters.current()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ..i18n import DEFAULT_LANG, fmt_date, status_label, t
from . import cache

DEFAULT_LOAD_LIMIT = 4  # measures one institution leads before it is flagged (institutions page)
FILTER_KEYS = ("lang", "plan", "report", "commitment", "institution", "status")


@dataclass(frozen=True)
class Filters:
    """The sidebar's choice: a plan, one of its reports, and the filters within it.

    ``snapshot_id`` is the upload that holds the chosen report of the plan (its current report
    unless an earlier one is picked); ``previous_*`` is the plan's report before it.
    """

    lang: str
    plan: str | None
    snapshot_id: int | None
    report_date: dt.date | None
    commitment: str | None
    institution: str | None
    status_group: str | None
    meeting: bool
    is_current_report: bool = True
    previous_snapshot_id: int | None = None
    previous_report_date: dt.date | None = None

    def query_params(self) -> dict[str, object]:
        return {"plan_id": self.plan, "commitment_no": self.commitment,
                "institution": self.institution, "status_group": self.status_group}


# A bound radio writes its shown label into the URL (``?lang=English``); codes are accepted too.
_LANG_PARAMS = {"English": "en", "en": "en", "Latviešu": "lv", "lv": "lv"}


def lang() -> str:
    """The language: the sidebar switch, or on a session's first run the ``?lang=`` of the link."""
    value = st.session_state.get("lang") or _LANG_PARAMS.get(st.query_params.get("lang", ""), DEFAULT_LANG)
    return value if value in ("lv", "en") else DEFAULT_LANG


def _language_switch() -> None:
    """Latviešu / English, kept in the session key ``lang`` and in the URL as ``?lang=en``.

    Not a bound widget: a bound radio writes its shown label (``?lang=English``) and ignores
    ``?lang=en``, while app.py must know the language before the sidebar is drawn (to title the
    navigation). The link's code is read once per session; the default (Latvian) leaves the URL clean.
    """
    state = st.session_state
    state["lang"] = lang()
    state["_lang_widget"] = state["lang"]
    st.radio(t("filter.lang"), ("lv", "en"), key="_lang_widget", horizontal=True,
             format_func=lambda code: {"lv": "Latviešu", "en": "English"}[code],
             on_change=_commit_language)
    _language_to_url()


def _commit_language() -> None:
    st.session_state["lang"] = st.session_state.get("_lang_widget", DEFAULT_LANG)
    _language_to_url()


def _language_to_url() -> None:
    if st.session_state.get("lang", DEFAULT_LANG) == DEFAULT_LANG:
        if "lang" in st.query_params:
            del st.query_params["lang"]
    else:
        st.query_params["lang"] = st.session_state["lang"]


def _date(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _iso(value) -> str:
    """A report date as its URL code: ``2025-03-27``."""
    return pd.Timestamp(value).date().isoformat()


def plans() -> pd.DataFrame:
    """The plans with a published report (``plans.sql``), cached per data version."""
    return cache.run("plans")


def reports(plan: str | None) -> pd.DataFrame:
    """A plan's published reports, newest first (``plan_reports.sql``)."""
    return cache.run("plan_reports", plan_id=plan) if plan else cache.run("plan_reports").iloc[0:0]


def _chosen_plan() -> str | None:
    """The plan in the session (the sidebar's widget, or a link's ``?plan=``), else the default one."""
    options = plans()
    names = options["plan_id"].tolist()
    chosen = st.session_state.get("plan") or st.query_params.get("plan")
    if chosen in names:
        return chosen
    default = options.loc[options["is_default"], "plan_id"]
    return str(default.iloc[0]) if not default.empty else None


def current() -> Filters:
    """The shared filters, as the sidebar (app.py) left them this run."""
    state = st.session_state
    plan = _chosen_plan()
    rows = reports(plan)
    picked = state.get("report")
    row = rows[[_iso(d) == picked for d in rows["report_date"]]] if picked else rows[rows["is_current"]]
    if row.empty:
        row = rows[rows["is_current"]]
    sid = report_date = previous_sid = previous_date = None
    is_current = True
    if not row.empty:
        r = row.iloc[0]
        sid, report_date, is_current = int(r["snapshot_id"]), _date(r["report_date"]), bool(r["is_current"])
        previous_sid = None if pd.isna(r["previous_snapshot_id"]) else int(r["previous_snapshot_id"])
        previous_date = _date(r["previous_report_date"])
    return Filters(lang=lang(), plan=plan, snapshot_id=sid, report_date=report_date,
                   commitment=state.get("commitment"), institution=state.get("institution"),
                   status_group=state.get("status"), meeting=bool(state.get("meeting", False)),
                   is_current_report=is_current, previous_snapshot_id=previous_sid,
                   previous_report_date=previous_date)


def sidebar() -> Filters:
    """Draw the shared sidebar filters; every value lives in the URL so links reopen the view.

    The plan comes first, then one of its reports (the current one by default): each plan keeps
    its own current report, so a report of one plan never hides another plan.
    """
    if "meeting" not in st.session_state:
        st.session_state["meeting"] = st.query_params.get("mode") == "meeting"
    if "_pending_commitment" in st.session_state:  # a click in a chart chose a commitment (see follow_link)
        st.session_state["commitment"] = st.session_state.pop("_pending_commitment")
    with st.sidebar:
        _language_switch()
        current_lang = lang()
        st.toggle(t("filter.meeting_mode", current_lang), key="meeting", on_change=_sync_mode)
        _sync_mode()  # ?mode=meeting stays in the URL across page switches
        st.subheader(t("filter.heading", current_lang))
        options = plans()
        if options.empty:
            return current()
        names = options["plan_id"].tolist()
        default = int(options.index[options["is_default"]][0]) if options["is_default"].any() else 0
        st.selectbox(t("filter.plan", current_lang), names, index=default, key="plan", bind="query-params")
        plan = _chosen_plan()
        rows = reports(plan)
        now = rows[rows["is_current"]]
        now_label = fmt_date(now["report_date"].iloc[0], current_lang) if not now.empty else "–"
        earlier = [_iso(d) for d in rows.loc[~rows["is_current"], "report_date"]]
        _coded_selectbox(t("filter.snapshot", current_lang), [None, *earlier], "report", str, current_lang,
                         lambda d: (f"{t('common.latest', current_lang)} ({now_label})" if d is None
                                    else fmt_date(dt.date.fromisoformat(d), current_lang)))
        f = current()
        found = cache.run("filter_options", f.snapshot_id)
        in_plan = found[found["plan_id"] == plan]
        commitments = in_plan.loc[in_plan["kind"] == "commitment", "value"].tolist()
        institutions = sorted(in_plan.loc[in_plan["kind"] == "institution", "value"].unique().tolist())
        all_label = t("filter.all", current_lang)
        _coded_selectbox(t("filter.commitment", current_lang), [None, *commitments], "commitment", str,
                         current_lang, lambda v: all_label if v is None else v)
        _coded_selectbox(t("filter.institution", current_lang), [None, *institutions], "institution", str,
                         current_lang, lambda v: all_label if v is None else v)
        _coded_selectbox(t("filter.status", current_lang), [None, "advanced", "in_progress", "not_started", "withdrawn"],
                         "status", str, current_lang, lambda v: all_label if v is None else status_label(v, current_lang))
    return current()


def measure_choice(numbers: list[str], current_lang: str, format_func) -> str:
    """The measure page's choice, kept in the URL as ``?measure=1.1`` (a link from any table opens it).
    An unknown number (an old link, another plan) says so and falls back to the first measure."""
    state = st.session_state
    linked = st.query_params.get("measure")
    wanted = linked if linked is not None else state.get("measure")  # a link (page_link, a table) wins
    if wanted is not None and wanted not in numbers:
        st.warning(t("measure.none", current_lang, no=wanted))
        wanted = None
    if wanted is None:
        wanted = numbers[0]
    state["measure"] = state["_measure_pick"] = wanted

    def chosen() -> None:
        state["measure"] = state["_measure_pick"]
        st.query_params["measure"] = state["measure"]

    st.selectbox(t("measure.pick", current_lang), numbers, key="_measure_pick", format_func=format_func,
                 on_change=chosen)
    st.query_params["measure"] = state["measure"]
    return state["measure"]


def _coded_selectbox(label: str, options: list, key: str, parse, current_lang: str, format_func) -> None:
    """A filter whose shown labels follow the language but whose value is a code.

    A bound widget writes its shown label into the URL, and a selectbox remembers the label it
    showed, so a language switch would lose the choice. Here the value lives in a plain session
    key (``key``, what ``current()`` reads) and in the URL as its code (``?report=2025-03-27``,
    ``?status=not_started``); the widget itself is keyed per language and seeded from it.
    """
    _from_url(key, options, parse)
    value = st.session_state.get(key)
    if value not in options:
        value = st.session_state[key] = None
    # A selectbox reads None in its state as "nothing chosen", so "all" / "latest" is the sentinel "*" here.
    choices = [_ALL if o is None else o for o in options]
    widget_key = f"_{key}_{current_lang}"
    st.session_state[widget_key] = _ALL if value is None else value
    st.selectbox(label, choices, key=widget_key, format_func=lambda o: format_func(None if o == _ALL else o),
                 on_change=_commit, args=(widget_key, key))
    _to_url(key)


_ALL = "*"


def _commit(widget_key: str, key: str) -> None:
    value = st.session_state.get(widget_key)
    st.session_state[key] = None if value == _ALL else value
    _to_url(key)


def _from_url(key: str, options: list, parse) -> None:
    """A session's first run: take the filter's code from the URL when it is a valid option."""
    if key in st.session_state or key not in st.query_params:
        return
    try:
        value = parse(st.query_params[key])
    except (TypeError, ValueError):
        value = None
    if value in options:
        st.session_state[key] = value


def _to_url(key: str) -> None:
    """Keep the filter's code in the URL (removed at the default, like a bound widget)."""
    value = st.session_state.get(key)
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = str(value)


def coded_multiselect(label: str, options: list[str], key: str, default: list[str], current_lang: str,
                      format_func: Callable[[str], str], max_selections: int | None = None) -> list[str]:
    """A page's multi-choice filter kept in the URL by its codes (``?raditajs=A&raditajs=B``).

    As ``_coded_selectbox``: the value lives in the session key ``key`` and in the URL, the widget
    is keyed per language, so a language switch keeps the choice. Codes not among ``options``
    (an old link, another report) are dropped; the default leaves the URL clean.
    """
    state = st.session_state
    if key not in state and key in st.query_params:
        from_url = [v for v in dict.fromkeys(st.query_params.get_all(key)) if v in options]
        state[key] = from_url[:max_selections] if max_selections else from_url
    value = state.get(key)
    if value is None or any(v not in options for v in value):
        value = [v for v in (value or default) if v in options] or list(default)
        state[key] = value
    widget_key = f"_{key}_{current_lang}"
    state[widget_key] = list(value)
    st.multiselect(label, options, key=widget_key, format_func=format_func, max_selections=max_selections,
                   wrap=True, on_change=_commit_many, args=(widget_key, key, tuple(default)))
    _many_to_url(key, default)
    return list(state[key])


def _commit_many(widget_key: str, key: str, default: tuple[str, ...]) -> None:
    st.session_state[key] = list(st.session_state.get(widget_key) or [])
    _many_to_url(key, list(default))


def _many_to_url(key: str, default: list[str]) -> None:
    value = st.session_state.get(key)
    if not value or list(value) == list(default):
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = list(value)  # repeated parameters: ?key=A&key=B


def _sync_mode() -> None:
    if st.session_state.get("meeting"):
        st.query_params["mode"] = "meeting"
    elif "mode" in st.query_params:
        del st.query_params["mode"]


def apply_base_style() -> None:
    """Every page: a metric's label wraps instead of ending in "…" (``Completed or substantial progr…``)."""
    st.html("""<style>
      [data-testid='stMetricLabel'] [data-testid='stMarkdownContainer'],
      [data-testid='stMetricLabel'] p { white-space: normal !important; overflow: visible !important;
                                         text-overflow: clip !important; }
    </style>""")


def apply_meeting_style() -> None:
    """Large type for projecting; the sidebar collapses (set in app.py's page config). A slide's title
    stays on one line (``web.slides`` keeps titles short and sizes the chart below it)."""
    st.html("""<style>
      html, body, [data-testid='stAppViewContainer'] { font-size: 22px; }
      [data-testid='stMetricValue'] { font-size: 3.2rem; }
      [data-testid='stMetricLabel'] p { font-size: 1.3rem; }
      h1 { font-size: 2.6rem !important; } h2 { font-size: 2.1rem !important; }
      .block-container { max-width: 100%; padding-top: 3.2rem; padding-bottom: 0.5rem; }
      .st-key-slide_title h2 { font-size: 1.75rem !important; padding: 0.2rem 0 0 0 !important;
                                 white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    </style>""")


def _selected(chart_key: str) -> object | None:
    """customdata of the first point clicked in the chart with ``chart_key``."""
    event = st.session_state.get(chart_key)
    points = (getattr(event, "selection", None) or {}).get("points", []) if event is not None else []
    if not points:
        return None
    value = points[0].get("customdata")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value


def open_commitment_on_click(chart_key: str, page: str = "views/commitments.py"):
    """on_select callback: a click on a commitment's bar opens that commitment's page."""
    def callback() -> None:
        value = _selected(chart_key)
        if value is not None:
            st.session_state["_pending_commitment"] = str(value)
            st.session_state["_goto_page"] = page
    return callback


def set_on_click(chart_key: str, state_key: str):
    """on_select callback: a click on a bar puts its customdata into ``state_key`` (a page widget)."""
    def callback() -> None:
        value = _selected(chart_key)
        if value is not None:
            st.session_state[state_key] = str(value)
    return callback


def copy_state(source: str, target: str) -> None:
    """on_change callback: a page's own selector also sets the shared filter (and so the URL)."""
    st.session_state[target] = st.session_state.get(source)


def follow_link() -> None:
    """Switch page when a chart click asked for it (called by app.py before the page runs)."""
    target = st.session_state.pop("_goto_page", None)
    if target:
        # query_params={}: the default would clear the URL, which Streamlit refuses while widgets are bound
        # to it; the bound filters and the coded ones (sidebar) write themselves back on the next run.
        st.switch_page(target, query_params={})

