"""Tables and charts on a page: each chart with its data table, each table with safe CSV and Excel downloads,
and the empty states a page shows when there is nothing to draw."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from ..i18n import fmt_date, fmt_number, t
from ..reports import charts, exports, present
from . import cache
from .filters import Filters

EXCEL_MAX_ROWS = 1_048_575  # an Excel sheet has 1,048,576 rows, one of them the header
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$=:])")


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


def no_match(frame: pd.DataFrame, f: Filters) -> bool:
    """True (and the "no measure matches" message) when the filters left nothing to draw."""
    if frame.empty:
        st.info(t("empty.no_match", f.lang))
        return True
    return False


def scale(f: Filters) -> float:
    """Chart type size: larger in meeting mode."""
    return 1.4 if f.meeting else 1.0


def chart(fig, name: str, f: Filters, table: pd.DataFrame | None = None, kind: str | None = None,
          key: str | None = None, on_select=None) -> object:
    """A chart with its PNG toolbar button and, below it, its data in an expander with downloads."""
    kwargs = {"on_select": on_select, "selection_mode": "points"} if on_select is not None else {}
    # theme=None: the app's own template (charts.template), not Streamlit's, which would recolour the statuses.
    event = st.plotly_chart(fig, width="stretch", theme=None, config=charts.plotly_config(name), key=key, **kwargs)
    if table is not None:
        with st.expander(t("common.table", f.lang), icon=":material/table:"):
            table_with_downloads(table, kind or name, f, key=f"{key or name}_table")
    return event



def snapshot_caption(f: Filters) -> None:
    """Which report the page shows: the plan, its date and the upload (earlier reports say so)."""
    if f.snapshot_id is not None:
        key = "common.snapshot_caption" if f.is_current_report else "common.snapshot_caption_old"
        st.caption(t(key, f.lang, plan=escape_md(f.plan), date=fmt_date(f.report_date, f.lang), sid=f.snapshot_id))


def indicators_caption(f: Filters) -> None:
    """Which upload the trust indicators come from (they arrive in their own file, once a year)."""
    snaps = cache.snapshots()
    held = snaps[[("indicators" in list(parts)) for parts in snaps["current_parts"]]]
    if not held.empty:
        row = held.iloc[0]
        st.caption(t("common.indicators_caption", f.lang, sid=int(row["snapshot_id"]),
                     date=fmt_date(row["uploaded_at"], f.lang), file=escape_md(row["file_name"])))


def measure_url(plan: str | None, measure_no: object, lang: str) -> str:
    """A measure's own page (relative, so it works under any base path): ``pasakums?plan=…&measure=1.1``;
    the fragment repeats the number for the table to show."""
    query = {"plan": plan or "", "measure": str(measure_no)}
    if lang != "lv":
        query["lang"] = lang
    return f"pasakums?{urlencode(query)}#{measure_no}"


LONG_TEXT = 48  # a text column with values longer than this wraps (rows grow to three lines)
WRAP_ROW_PX = 76  # row height at which the grid wraps text (Streamlit wraps above 4 rem)
CHAR_PX = 7.6  # average width of a character in the grid's 14 px font, for sizing columns to content


def _column_widths(shown: pd.DataFrame) -> tuple[dict[str, int], bool]:
    """Each column as wide as its header and its longest value (short ones), or a fixed width in which
    long text wraps: so no cell a reader needs is cut off with "…"."""
    widths, wrap = {}, False
    for col in shown.columns:
        values = shown[col].dropna().astype(str)
        longest = int(values.str.len().max()) if not values.empty else 0
        if longest > LONG_TEXT:
            widths[col], wrap = 300, True
        else:
            widths[col] = int(min(max(longest, len(str(col))) * CHAR_PX + 34, 380))
    return widths, wrap


def show_table(frame: pd.DataFrame, f: Filters, height: int | None = None, column_config: dict | None = None) -> None:
    """A read-only table of the chosen plan: every measure number links to the measure's own page."""
    grid(frame, f.lang, f.plan, height=height, column_config=column_config)


def grid(frame: pd.DataFrame, lang: str, plan: str | None = None, height: int | None = None,
         column_config: dict | None = None) -> None:
    """A read-only table: dates in the reader's format, numbers in their language, columns sized to
    their content (long text wraps); with ``plan``, measure numbers link to their page."""
    # The dataframe's own CSV export is switched off (client.disableDataExport in
    # .streamlit/config.toml): it would bypass the formula neutralising of the downloads.
    shown = present.for_display(frame, lang)
    widths, wrap = _column_widths(shown)
    config = {col: st.column_config.Column(width=width) for col, width in widths.items()}
    config.update({col: st.column_config.DateColumn(format="DD.MM.YYYY." if lang == "lv" else "D MMM YYYY",
                                                    width=max(widths[col], 120))
                   for col in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[col])})
    number = t("col.measure_no", lang)
    if number in shown.columns and plan and t("col.indicator", lang) not in shown.columns:
        shown[number] = [measure_url(plan, no, lang) if isinstance(no, str) and no else no for no in shown[number]]
        config[number] = st.column_config.LinkColumn(number, display_text=r"#(.*)$", width=70,
                                                     help=t("measure.open", lang))
    config.update(column_config or {})
    st.dataframe(shown, hide_index=True, width="stretch", height=height or "auto", column_config=config,
                 row_height=WRAP_ROW_PX if wrap else None)


def table_with_downloads(frame: pd.DataFrame, kind: str, f: Filters, key: str, height: int | None = None,
                         column_config: dict | None = None, export: Callable[[], pd.DataFrame] | None = None,
                         n_rows: int | None = None) -> None:
    """A read-only table (its own unsanitised toolbar download off) with safe CSV and Excel buttons.

    ``frame`` is what the screen shows. When it is only a preview of a larger table, ``export``
    returns the whole table (called on click, outside the script run: it must not use ``st``)
    and ``n_rows`` says how many rows that is.
    """
    show_table(frame, f, height=height, column_config=column_config)
    name = exports.export_name(kind, f.plan, f.report_date, "csv")
    c1, c2 = st.columns(2)
    # Files are built on click (Streamlit calls the function then): building them on every run
    # took minutes per page for a million indicator rows (bench/run.py, size l).
    whole = export or (lambda: frame)
    c1.download_button(t("common.download_csv", f.lang), lambda: exports.to_csv_bytes(whole()), file_name=name,
                       mime=exports.CSV_MIME, key=f"{key}_csv", icon=":material/download:")
    c2.download_button(t("common.download_xlsx", f.lang), lambda: exports.to_xlsx_bytes(excel_sheets(kind, whole())),
                       file_name=name[:-4] + ".xlsx", mime=exports.XLSX_MIME, key=f"{key}_xlsx",
                       icon=":material/table:")
    total = len(frame) if n_rows is None else n_rows
    if total > EXCEL_MAX_ROWS:
        st.caption(t("data.excel_split", f.lang, max=fmt_number(EXCEL_MAX_ROWS, f.lang, 0),
                     n=-(-total // EXCEL_MAX_ROWS)))


def excel_sheets(kind: str, frame: pd.DataFrame, max_rows: int = EXCEL_MAX_ROWS) -> dict[str, pd.DataFrame]:
    """``{kind: frame}``, or consecutive sheets ``kind_1``, ``kind_2``... when the rows do not fit one."""
    if len(frame) <= max_rows:
        return {kind: frame}
    return {f"{kind}_{i + 1}": frame.iloc[start:start + max_rows]
            for i, start in enumerate(range(0, len(frame), max_rows))}

