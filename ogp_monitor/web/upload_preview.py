"""The upload page's parts: what the analyst still has to give (a date, a plan), and the preview of
what publishing would change, plan by plan, with what stays as it is said in words."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..i18n import fmt_date, t
from ..ingest.problems import problems_frame
from ..store import pipeline, publishing
from .tables import grid

NEW_PLAN = "\u0000new"  # the plan chooser's "a new plan" option (never a plan's name)


def steps(status, size: int, lang: str):
    """A callback for ``pipeline``'s steps: the status box names the step, a bar shows how far it is,
    so an analyst with a 20 MB export never stares at a frozen page."""
    bar = status.progress(0.0)
    steps = pipeline.STEPS

    def step(name: str) -> None:
        i = steps.index(name)
        text = t(f"upload.step.{name}", lang, mb=f"{size / publishing.MB:.1f}", i=i + 1, n=len(steps))
        status.update(label=text)
        bar.progress(i / len(steps), text=text)
    return step


def report_date_input(stage: publishing.Stage, lang: str, key: str) -> dt.date | None:
    """The report date field: empty when the file gives no date, filled in with the date its title or
    name states (the analyst can change it), absent when a report-date column states it."""
    if stage.stated_source in ("title", "file_name"):
        chosen = st.date_input(t("upload.date_detected", lang), value=stage.report_date or stage.stated_date,
                               format="DD.MM.YYYY", key=key, help=t("upload.date_help", lang))
        return None if chosen in (None, stage.stated_date) else chosen
    if not (stage.needs_date and (stage.blocked_only_by_missing_date or stage.report_date)):
        return stage.report_date
    st.info(t("upload.need_date", lang))
    return st.date_input(t("upload.date_label", lang), value=stage.report_date, format="DD.MM.YYYY", key=key,
                         help=t("upload.date_help", lang))


def plan_input(stage: publishing.Stage, plans: list[str], lang: str, key: str) -> str | None:
    """The plan chooser, shown when the file names no plan its measures match: an existing plan
    (listed first) or a new name. Never a plan invented without the analyst."""
    if not (stage.needs_plan and (stage.blocked_only_by_missing_plan or stage.plan_id)):
        return stage.plan_id
    st.warning(t("upload.need_plan", lang), icon=":material/help:")
    options = [None, *plans, NEW_PLAN]
    given = stage.plan_id if stage.plan_id in plans else (NEW_PLAN if stage.plan_id else None)
    choice = st.selectbox(t("upload.plan_label", lang), options, index=options.index(given), key=f"{key}_pick",
                          format_func=lambda p: (t("upload.plan_choose", lang) if p is None
                                                 else t("upload.plan_new", lang) if p == NEW_PLAN else p))
    if choice != NEW_PLAN:
        return choice
    name = st.text_input(t("upload.plan_new_name", lang), value=stage.plan_id or "", max_chars=120,
                         key=f"{key}_new", placeholder="7. plāns 2028–2029")
    return " ".join(name.split()) or None


def problems(stage: publishing.Stage, lang: str) -> None:
    """Errors (the file cannot be published) and notices, each with its cell."""
    blocking = [p for p in stage.errors if p.code not in ("no_report_date", "no_plan")]
    if blocking:
        st.error(t("upload.errors", lang, n=len(stage.errors)), icon=":material/block:")
        grid(problems_frame(stage.errors + stage.notices, lang), lang)
    elif stage.notices and not stage.errors:
        st.subheader(t("upload.notices", lang))
        grid(problems_frame(stage.notices, lang), lang)


def preview(pv: publishing.Preview, lang: str) -> bool:
    """Show what publishing would change; returns whether big removals are confirmed (or none)."""
    report = fmt_date(pv.info["report_date"], lang)
    st.subheader(t("upload.preview_title", lang))
    cols = st.columns(4)
    cols[0].metric(t("upload.m_report", lang), report)
    cols[1].metric(t("upload.m_measures", lang), int(pv.info["n_measures"]))
    cols[2].metric(t("upload.m_indicators", lang), int(pv.info["n_indicators"]))
    cols[3].metric(t("upload.m_schedule", lang), int(pv.info["n_schedule"]))
    for plan in pv.plans:
        if plan.base_snapshot_id is None:
            st.info(t("upload.plan_is_new", lang, plan=plan.plan_id))
        else:
            st.caption(t("upload.compared_with", lang, plan=plan.plan_id, sid=plan.base_snapshot_id,
                         date=fmt_date(plan.base_report_date, lang)))
    if pv.kept:
        st.info(t("upload.kept", lang, parts="; ".join(publishing.part_name(part, lang) for part, _ in pv.kept)),
                icon=":material/lock:")
    for plan in pv.older_than_current:
        st.warning(t("upload.older", lang, plan=plan.plan_id, date=report,
                     current=fmt_date(plan.base_report_date, lang)))
    _changes(pv, lang)
    confirmed = True
    for removal in pv.removals:
        st.error(t("upload.removal_warning", lang, plan=removal.plan_id, n=removal.n_removed, total=removal.n_current,
                   nos=", ".join(removal.measure_nos[:15]) + (" …" if len(removal.measure_nos) > 15 else "")),
                 icon=":material/warning:")
    if pv.removals:
        confirmed = st.checkbox(t("upload.removal_confirm", lang), key=f"confirm_removals_{pv.snapshot_id}")
    return confirmed


def _changes(pv: publishing.Preview, lang: str) -> None:
    counts = pv.counts()
    n_ind = sum(counts[f"indicators_{k}"] for k in publishing.INDICATOR_KINDS)
    kinds = [k for k in publishing.MEASURE_KINDS if counts[k]]
    if not kinds and not n_ind:
        st.success(t("upload.no_changes", lang))
        return
    labels = [t(f"upload.kind.{k}", lang, n=counts[k]) for k in kinds]
    tabs = st.tabs(labels + ([t("upload.kind.indicators", lang, n=n_ind)] if n_ind else []))
    for tab, kind in zip(tabs, kinds):
        with tab:
            grid(publishing.measure_changes_frame(pv.measures, kind, lang), lang)
    if n_ind:
        with tabs[-1]:
            grid(publishing.indicator_changes_frame(pv.indicators, lang), lang)
