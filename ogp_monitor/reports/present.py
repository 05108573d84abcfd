"""Pure helpers for the view pages: query frames in, tables and texts a person reads out.

No Streamlit here. Column headers, statuses (always a mark and a label, never
colour alone), roles and area names follow the language; numbers keep their
type so the exports stay numeric (``for_display`` formats them for the screen).
"""

from __future__ import annotations

import pandas as pd

from ..i18n import STRINGS, fmt_date, fmt_number, plural_lv, status_label, t
from ..ingest.spec import LABEL_EN
from .charts import STATUS_MARKS


def status_text(group: str, lang: str) -> str:
    """``● Pabeigts vai būtisks progress``: the mark and the label, as in every chart legend."""
    mark = STATUS_MARKS.get(group, "")
    return f"{mark} {status_label(group, lang)}".strip()


def area_name(area: str, lang: str) -> str:
    """Known areas translated (``ESAO vidēji`` -> ``OECD average``); others as written."""
    key = f"area.{str(area).strip().lower()}"
    return t(key, lang) if key in STRINGS else str(area)


def indicator_name(row_lv: str, row_en: str | None, lang: str) -> str:
    return row_en if lang == "en" and row_en else row_lv


def n_measures_text(n: int, lang: str) -> str:
    """``1 pasākums``, ``3 pasākumi``, ``11 pasākumu`` / ``1 measure``, ``3 measures``."""
    if lang == "en":
        word = t("commitments.measure_one", lang) if n == 1 else t("commitments.measure_many", lang)
    else:
        word = plural_lv(n, t("commitments.measure_one"), t("commitments.measure_many"),
                         t("commitments.measure_gen"))
    return t("commitments.n_measures", lang, n=n, word=word)


def finer_status(group: object, label: object, lang: str) -> str:
    """The report's finer label (``Pabeigts``, ``Būtisks progress``) where it says more than the group
    (``Pabeigts vai būtisks progress``); "" where it would only repeat it."""
    if not isinstance(label, str) or not label or not isinstance(group, str):
        return ""
    shown = LABEL_EN.get(label, label) if lang == "en" else label
    return "" if shown == status_label(group, lang) else shown


def _rename(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """Keep ``columns`` (source -> i18n key) in that order, headers in ``lang``."""
    kept = [c for c in columns if c in frame.columns]
    return frame[kept].rename(columns={c: t(columns[c], lang) for c in kept})


def _statuses(frame: pd.DataFrame, lang: str, column: str = "status_group") -> pd.Series:
    """Each row's status in words; a status carried forward by a collection round says so, never
    passing for a fresh one: ``Uzsākts, izpilde procesā — nav jaunas informācijas``."""
    words = frame[column].map(lambda g: status_text(g, lang) if isinstance(g, str) else "")
    if "carried_forward" in frame:
        carried = frame["carried_forward"].fillna(False).astype(bool)
        words = words.where(~carried, words + " — " + t("status.carried_forward", lang))
    return words


def measures_table(frame: pd.DataFrame, lang: str, with_plan: bool = False) -> pd.DataFrame:
    """The measures query as a readable table (status written out once, headers in ``lang``); the
    report's finer label gets its own column only when some measure has one."""
    out = frame.copy()
    out["status_group"] = _statuses(out, lang)
    columns = {"plan_id": "col.plan"} if with_plan else {}
    columns.update({"commitment_no": "col.commitment_no", "measure_no": "col.measure_no",
                    "measure_title": "col.measure", "status_group": "col.status"})
    if "status_label" in out:
        out["status_label"] = [finer_status(g, lb, lang) for g, lb in zip(frame["status_group"], frame["status_label"])]
        if (out["status_label"] != "").any():
            columns["status_label"] = "col.status_report"
    if lang == "en" and "ogp_level" in out:  # the OGP's own vocabulary, for the self-assessment and the IRM
        columns["ogp_level"] = "col.ogp_level"
    columns.update({"lead_institution": "col.lead", "partner_institutions": "col.partners",
                    "start_date": "col.start", "deadline_date": "col.deadline",
                    "progress_pct": "col.progress_pct", "progress_note": "col.note"})
    if "ogp_id" in out and out["ogp_id"].notna().any():
        columns["ogp_id"] = "col.ogp_id"
    if "progress_pct" in out and out["progress_pct"].isna().all():
        columns.pop("progress_pct")
    return _rename(out, columns, lang)


def overdue_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["status_group"] = _statuses(out, lang)
    return _rename(out, {"measure_no": "col.measure_no", "measure_title": "col.measure",
                         "lead_institution": "col.lead", "status_group": "col.status",
                         "deadline_date": "col.deadline", "days_overdue": "col.days_overdue"}, lang)


def change_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["change_kind"].value_counts() if not frame.empty else pd.Series(dtype=int)
    return {k: int(counts.get(k, 0)) for k in ("status_changed", "added", "removed", "note_changed")}


def changes_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Status changes (from -> to), additions and removals; note-only edits are left out."""
    out = frame[frame["change_kind"].isin(["status_changed", "added", "removed"])].copy()
    out["change_kind"] = out["change_kind"].map(lambda k: t(f"change.{k}", lang))
    out["status_group_before"] = _statuses(out, lang, "status_group_before")
    out["status_group_after"] = _statuses(out, lang, "status_group_after")
    return _rename(out, {"change_kind": "col.change", "measure_no": "col.measure_no", "measure_title": "col.measure",
                         "status_group_before": "col.status_before", "status_group_after": "col.status_after",
                         "lead_institution": "col.lead"}, lang)


def commitment_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per commitment and status (the progress chart's data)."""
    out = frame.copy()
    out["status_group"] = _statuses(out, lang)
    return _rename(out, {"commitment_no": "col.commitment_no", "commitment_title": "col.commitment",
                         "status_group": "col.status", "n_measures": "col.n_measures",
                         "share_advanced_pct": "col.share_advanced"}, lang)


def status_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["status_group"] = _statuses(out, lang)
    return _rename(out, {"status_group": "col.status", "n_measures": "col.n_measures",
                         "share_pct": "col.share_pct"}, lang)


def institution_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per institution; over the limit is written out (``⚠ virs robežas``), never only coloured."""
    out = frame.copy()
    out["is_over_limit"] = out["is_over_limit"].map(lambda v: t("institutions.flag", lang) if v else "")
    return _rename(out, {"institution": "col.institution", "n_lead": "col.n_lead", "n_partner": "col.n_partner",
                         "n_total": "col.n_total", "is_over_limit": "col.load",
                         "n_overdue_lead": "col.n_overdue_lead", "n_overdue": "col.n_overdue",
                         "n_slipped_lead": "col.n_slipped_lead", "n_stalled_lead": "col.n_stalled_lead"}, lang)


def institution_measures(frame: pd.DataFrame, institution: str, lang: str) -> pd.DataFrame:
    """One institution's measures with its role in each."""
    out = frame.copy()
    out["role"] = [t("chart.role_lead" if lead == institution else "chart.role_partner", lang)
                   for lead in out["lead_institution"]]
    out["status_group"] = _statuses(out, lang)
    return _rename(out, {"measure_no": "col.measure_no", "measure_title": "col.measure", "role": "col.role",
                         "status_group": "col.status", "lead_institution": "col.lead",
                         "deadline_date": "col.deadline", "progress_note": "col.note"}, lang)


def history_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["status_group"] = _statuses(out, lang)
    return _rename(out, {"report_date": "col.report_date", "status_group": "col.status",
                         "n_measures": "col.n_measures"}, lang)


def schedule_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _rename(frame, {"activity": "col.activity", "start_date": "col.start", "end_date": "col.end",
                           "goal": "col.goal"}, lang)


def trust_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The trust query with ``label`` (indicator in ``lang``) and ``area`` translated, for charts."""
    out = frame.copy()
    out["label"] = [indicator_name(lv, en, lang) for lv, en in zip(out["indicator"], out["indicator_en"])]
    out["area"] = out["area"].map(lambda a: area_name(a, lang))
    return out


def trust_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = trust_frame(frame, lang)
    return _rename(out, {"label": "col.indicator", "area": "col.area", "year": "col.year", "value": "col.value",
                         "unit": "col.unit", "source": "col.source"}, lang)


def gap_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The trust_gap query ready for ``charts.trust_gap``: label in ``lang`` with the year."""
    out = frame.copy()
    out["indicator"] = [f"{indicator_name(lv, en, lang)} ({year})"
                        for lv, en, year in zip(out["indicator"], out["indicator_en"], out["year"])]
    out["average_area"] = out["average_area"].map(lambda a: area_name(a, lang))
    return out


def gap_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["label"] = [indicator_name(lv, en, lang) for lv, en in zip(out["indicator"], out["indicator_en"])]
    out["average_area"] = out["average_area"].map(lambda a: area_name(a, lang))
    return _rename(out, {"label": "col.indicator", "year": "col.year", "latvia_pct": "col.latvia",
                         "average_pct": "col.average", "average_area": "col.average_area",
                         "gap_pp": "col.gap_pp"}, lang)


def for_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Fractional numbers as text in ``lang`` (``42,3`` in Latvian) for the screen; exports keep numbers."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_float_dtype(series):
            values = series.dropna()
            if values.empty or (values == values.round()).all():
                out[col] = series.round().astype("Int64")
            else:
                out[col] = series.map(lambda v: "" if pd.isna(v) else fmt_number(v, lang, 1))
    return out


REASONS = ("slipped", "regressed", "stalled", "overdue", "no_information", "carried_forward")


def reason_detail(row, lang: str) -> str:
    """One attention row's facts in words: ``31.12.2024. → 30.06.2026. (pārcelts 1×)``."""
    reason = row.reason
    if reason == "slipped":
        return t("detail.slipped", lang, first=fmt_date(row.first_deadline_date, lang),
                 now=fmt_date(row.deadline_date, lang), n=int(row.n_reschedulings or 0))
    if reason == "regressed":
        return t("detail.regressed", lang, before=status_text(row.previous_status_group, lang),
                 after=status_text(row.status_group, lang), date=fmt_date(row.previous_report_date, lang))
    if reason == "stalled":
        return t("detail.stalled", lang, date=fmt_date(row.unchanged_since_date, lang), n=int(row.n_reports_unchanged))
    if reason == "overdue":
        return t("detail.overdue", lang, date=fmt_date(row.deadline_date, lang), n=int(row.days_overdue))
    if reason == "no_information":
        return t("detail.no_information", lang)
    if reason == "carried_forward":
        return t("detail.carried_forward", lang, date=fmt_date(row.previous_report_date, lang))
    return str(getattr(row, "detail", "") or "")


def attention_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["reason"].value_counts() if not frame.empty else pd.Series(dtype=int)
    return {r: int(counts.get(r, 0)) for r in REASONS}


def attention_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The attention list: measure, lead, status, the reason and its facts in words."""
    out = frame.copy()
    out["detail"] = [reason_detail(r, lang) for r in frame.itertuples(index=False)]
    out["reason"] = frame["reason"].map(lambda r: t(f"reason.{r}", lang))
    out["status_group"] = _statuses(out, lang)
    return _rename(out, {"measure_no": "col.measure_no", "reason": "col.reason", "detail": "col.detail",
                         "measure_title": "col.measure", "lead_institution": "col.lead",
                         "status_group": "col.status"}, lang)


def measure_history_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A measure report by report: status (and the text as written where it differs), deadline (moved
    later or not), progress and the whole note."""
    out = frame.copy()
    out["status_group"] = _statuses(out, lang)
    out["status_as_written"] = [w if isinstance(w, str) and w != lb else ""
                                for w, lb in zip(frame["status_as_written"], frame["status_label"])]
    out["is_rescheduled"] = frame["is_rescheduled"].map(lambda v: t("upload.yes", lang) if v else "")
    columns = {"report_date": "col.report_date", "status_group": "col.status", "status_as_written": "col.status_written",
               "ogp_level": "col.ogp_level", "deadline_date": "col.deadline", "is_rescheduled": "col.rescheduled",
               "progress_pct": "col.progress_pct", "progress_note": "col.note"}
    if not (out["status_as_written"] != "").any():
        columns.pop("status_as_written")
    if out["progress_pct"].isna().all():
        columns.pop("progress_pct")
    return _rename(out, columns, lang)


def open_data_files(descriptor: dict, sizes: dict[str, int], base_url: str, lang: str) -> pd.DataFrame:
    """The served open data package as a table: each file's address, what it holds, rows and size.
    ``datapackage.json`` and ``dcat.jsonld`` first, then the data files in the package's order."""
    rows = [(name, t(f"od.res.{key}.title", lang), None) for name, key in
            (("datapackage.json", "datapackage"), ("dcat.jsonld", "dcat"))]
    rows += [(r["path"], r.get("title_en") if lang == "en" else r.get("title"), r.get("rows"))
             for r in descriptor.get("resources", [])]
    return pd.DataFrame({
        t("od.col.file", lang): [base_url + name for name, _, _ in rows],
        t("od.col.content", lang): [title or "" for _, title, _ in rows],
        t("od.col.rows", lang): pd.array([n for _, _, n in rows], dtype="Int64"),
        t("od.col.size", lang): [f"{fmt_number(sizes.get(name, 0) / 1024, lang, 1)} kB" for name, _, _ in rows],
    })


def open_data_fields(descriptor: dict, path: str, lang: str) -> pd.DataFrame:
    """The fields of one file of the package (its Table Schema) in the reader's language."""
    resource = next((r for r in descriptor.get("resources", []) if r["path"] == path), None)
    schema = (resource or {}).get("schema", {"fields": []})
    key = set(schema.get("primaryKey", []))
    suffix = "_en" if lang == "en" else ""

    def allowed(field: dict) -> str:
        c = field.get("constraints", {})
        if "enum" in c:
            return " | ".join(c["enum"])
        if "minimum" in c or "maximum" in c:
            return f"{fmt_number(c.get('minimum'), lang)}–{fmt_number(c.get('maximum'), lang)}"
        return ""

    fields = schema["fields"]
    return pd.DataFrame({
        t("od.col.field", lang): [f["name"] for f in fields],
        t("od.col.type", lang): [f["type"] for f in fields],
        t("od.col.title", lang): [f.get("title" + suffix, "") for f in fields],
        t("od.col.description", lang): [f.get("description" + suffix, "") for f in fields],
        t("od.col.allowed", lang): [allowed(f) for f in fields],
        t("od.col.key", lang): ["✓" if f["name"] in key else "" for f in fields],
    })
