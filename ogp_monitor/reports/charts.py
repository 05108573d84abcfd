"""Pure chart functions: a DataFrame in, a Plotly figure out.

One template for the whole app (and the meeting deck): readable fonts for a
projector, Okabe-Ito colours that stay distinct for colour-blind viewers,
and a pattern plus a written label for every status so colour is never the
only cue. Numbers use the Latvian decimal comma when ``lang="lv"``.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_date, fmt_number, fmt_pct, status_label, t

STATUS_ORDER = ("advanced", "in_progress", "not_started", "withdrawn")
# Okabe-Ito: blue / orange / grey / reddish purple — distinct under all common colour-vision deficiencies.
STATUS_COLOURS = {"advanced": "#0072B2", "in_progress": "#E69F00", "not_started": "#8C8C8C",
                  "withdrawn": "#CC79A7"}
STATUS_PATTERNS = {"advanced": "", "in_progress": "/", "not_started": "x", "withdrawn": "."}
# ◉ (a ring with a dot), not ◐: at text sizes the half-filled circle's thin outline disappears in the
# app's fonts and LibreOffice, leaving a half disc that reads as another shape. ◉ matches the
# charts' "circle-open-dot" marker for the same status.
STATUS_MARKS = {"advanced": "●", "in_progress": "◉", "not_started": "○", "withdrawn": "⊘"}
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
AREA_SYMBOLS = ["circle", "diamond", "square", "triangle-up", "x"]
TRUST_LABELLED_YEARS = 8  # a trust line with more years has only its latest value written on it
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TEXT_COLOUR = "#1a1a1a"


def template(lang: str = "lv", scale: float = 1.0) -> go.layout.Template:
    """The shared look. ``scale`` > 1 enlarges type for meeting mode and slides."""
    size = round(16 * scale)
    return go.layout.Template(layout=go.Layout(
        font=dict(family=FONT, size=size, color=TEXT_COLOUR),
        # The title at the very top of the figure; the legend between it and the plot (``_finish``
        # makes room for as many legend rows as the entries need).
        title=dict(font=dict(size=round(22 * scale)), x=0, xanchor="left", xref="container",
                   y=1, yanchor="top", yref="container", pad=dict(t=round(8 * scale), l=round(8 * scale))),
        paper_bgcolor="white", plot_bgcolor="white",
        colorway=SERIES_COLOURS,
        separators=", " if lang == "lv" else ".,",
        margin=dict(l=10, r=20, t=round(84 * scale), b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, traceorder="normal",
                    font=dict(size=round(15 * scale))),
        xaxis=dict(gridcolor="#e0e0e0", zerolinecolor="#bdbdbd", automargin=True,
                   tickfont=dict(size=round(14 * scale))),
        yaxis=dict(gridcolor="#e0e0e0", zerolinecolor="#bdbdbd", automargin=True,
                   tickfont=dict(size=round(14 * scale))),
        hoverlabel=dict(font=dict(size=size)),
    ), data=dict(bar=[go.Bar(marker=dict(pattern=dict(fillmode="overlay", size=10, solidity=0.2)))]))
    # fillmode "overlay": without it plotly.js replaces the bar colour by the pattern (white on transparent).


LEGEND_WIDTH_PX = 450  # the plot width a legend row can count on (a horizontal legend wraps at the plot's width)


def _legend_rows(fig: go.Figure, scale: float, width_px: float = LEGEND_WIDTH_PX) -> int:
    """How many rows the horizontal legend takes (greedy, as plotly.js wraps it), estimated from the names."""
    font = 15 * scale
    names = [tr.name for tr in fig.data if tr.name and tr.showlegend is not False]
    rows, used = (1 if names else 0), 0.0
    for name in names:
        width = len(str(name)) * 0.6 * font + 45 * scale
        if used and used + width > width_px:
            rows, used = rows + 1, 0.0
        used += width
    return rows


TITLE_CHARS = 72  # a title wraps past this many characters (the figure is at least ~900 px wide on a page)


def _finish(fig: go.Figure, title: str, lang: str, scale: float, height: int | None = None) -> go.Figure:
    """Apply the template; give the title and the legend above the plot the room they need, so
    neither is drawn over the other or over the plot."""
    rows = _legend_rows(fig, scale)
    title = wrap(title, TITLE_CHARS, 3) if title else ""
    lines = title.count("<br>") + 1 if title else 0
    title_line = 22 * scale * 1.3
    # plotly.js anchors a multi-line title by its first line: the extra lines would rise above the
    # figure, so the padding pushes the whole block down by their height.
    pad = 8 * scale + max(0, lines - 1) * title_line
    top = round(pad + lines * title_line + 10 * scale + rows * 27 * scale + 6 * scale) if title else \
        round(12 * scale + rows * 27 * scale + 6 * scale)
    if rows:  # plotly hides a one-entry legend; a lone status must still be named, not only coloured
        fig.update_layout(showlegend=True)
    fig.update_layout(template=template(lang, scale), margin=dict(t=top),
                      title=dict(text=title, pad=dict(t=round(pad))))
    if height:
        fig.update_layout(height=height + max(0, lines - 1) * round(title_line) + max(0, rows - 1) * round(27 * scale))
    return fig


def for_slide(fig: go.Figure, scale: float, height: int, width: int = 1280) -> go.Figure:
    """A page's figure for a meeting slide: no title of its own (the slide writes one across the whole
    width), room above the plot for the legend only (its rows counted for the screen's width), and
    the height the screen has for it."""
    rows = _legend_rows(fig, scale, width * 0.6)
    fig.update_layout(title=dict(text=""), height=height,
                      margin=dict(t=round(12 * scale + rows * 27 * scale + 6 * scale), b=10))
    return fig


def pct_suffix(lang: str) -> str:
    """The percent sign as each language writes it after a number: ``50 %`` (lv), ``50%`` (en)."""
    return "\u00a0%" if lang == "lv" else "%"


def _status_text(group: str, lang: str) -> str:
    return f"{STATUS_MARKS.get(group, '')} {status_label(group, lang)}"


status_text = _status_text


def esc(text: object) -> str:
    """Data text in a figure stays literal: Plotly reads ``<b>``, ``<a href>`` etc. in labels."""
    return html.escape(str(text), quote=False)


def wrap(text: str, width: int = 38, max_lines: int = 3) -> str:
    """Break a long label into lines (``<br>``) for axis ticks; the text itself is escaped."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "<br>".join(esc(part) for part in lines)


def status_bar(counts: pd.DataFrame, lang: str = "lv", scale: float = 1.0) -> go.Figure:
    """Measures per status group (columns: status_group, n_measures, share_pct): one bar each."""
    frame = counts.set_index("status_group").reindex(
        [g for g in STATUS_ORDER if g in set(counts["status_group"])]).reset_index()
    fig = go.Figure()
    for row in frame.itertuples(index=False):
        label = _status_text(row.status_group, lang)
        fig.add_bar(
            x=[row.n_measures], y=[label], orientation="h", name=label,
            marker=dict(color=STATUS_COLOURS[row.status_group],
                        pattern=dict(shape=STATUS_PATTERNS[row.status_group], fgcolor="white", fillmode="overlay"),
                        line=dict(color=TEXT_COLOUR, width=1)),
            text=[f"{row.n_measures} ({fmt_pct(row.share_pct, lang, 0)})"], textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{label}: %{{x}}<extra></extra>", showlegend=False)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("chart.n_measures", lang), rangemode="tozero",
                     range=[0, max(1, frame["n_measures"].max()) * 1.25])
    return _finish(fig, t("chart.status_title", lang), lang, scale, height=round(300 * scale))


def commitment_progress(frame: pd.DataFrame, lang: str = "lv", scale: float = 1.0) -> go.Figure:
    """Stacked bars per commitment (columns: commitment_no, commitment_title, status_group,
    n_measures, share_advanced_pct). The commitment number is in ``customdata`` for click-through."""
    fig = go.Figure()
    order = (frame.drop_duplicates("commitment_no")[["commitment_no", "commitment_title",
                                                     "share_advanced_pct"]])
    labels = {r.commitment_no: wrap(f"{r.commitment_no}. {r.commitment_title}", 44, 2)
              for r in order.itertuples(index=False)}
    for group in STATUS_ORDER:
        part = frame[frame["status_group"] == group]
        if part.empty:
            continue
        name = _status_text(group, lang)
        fig.add_bar(
            y=part["commitment_no"].map(labels), x=part["n_measures"], orientation="h", name=name,
            customdata=part["commitment_no"],
            marker=dict(color=STATUS_COLOURS[group], pattern=dict(shape=STATUS_PATTERNS[group], fgcolor="white", fillmode="overlay"),
                        line=dict(color=TEXT_COLOUR, width=1)),
            text=part["n_measures"], textposition="inside", insidetextanchor="middle", textangle=0,
            textfont=dict(size=round(17 * scale)),
            hovertemplate=f"%{{y}}<br>{name}: %{{x}}<extra></extra>")
    annotations = [dict(x=1.0, xref="paper", xanchor="left", y=labels[r.commitment_no], yref="y",
                        text=f" {fmt_pct(r.share_advanced_pct, lang, 0)}", showarrow=False,
                        font=dict(size=round(15 * scale)))
                   for r in order.itertuples(index=False)]
    fig.update_layout(barmode="stack", annotations=annotations, margin=dict(r=round(70 * scale)),
                      uniformtext=dict(minsize=round(12 * scale), mode="hide"))
    fig.update_yaxes(autorange="reversed", title=None, categoryorder="array",
                     categoryarray=list(labels.values()))
    fig.update_xaxes(title=t("chart.n_measures", lang), dtick=1 if frame["n_measures"].max() < 12 else None)
    height = max(320, 70 * len(labels) + 140)
    return _finish(fig, t("chart.commitment_title", lang), lang, scale, height=round(height * scale))


def institution_load(frame: pd.DataFrame, lang: str = "lv", scale: float = 1.0,
                     limit: int | None = None) -> go.Figure:
    """Measures per institution (columns: institution, role, status_group, n_measures), stacked by
    status; lead and partner roles side by side. ``limit`` draws the load limit line."""
    fig = go.Figure()
    totals = frame.groupby("institution")["n_measures"].sum().sort_values(ascending=False)
    order = list(totals.index)
    for group in STATUS_ORDER:
        for role in ("lead", "partner"):
            part = frame[(frame["status_group"] == group) & (frame["role"] == role)]
            if part.empty:
                continue
            name = f"{_status_text(group, lang)} — {t('chart.role_' + role, lang)}"
            # The legend names the statuses once (lead bars); the partner bars' look is one extra entry below.
            fig.add_bar(
                y=part["institution"].map(esc), x=part["n_measures"], orientation="h",
                name=_status_text(group, lang) if role == "lead" else name, showlegend=role == "lead",
                customdata=part["institution"], offsetgroup=role, legendgroup=group,
                marker=dict(color=STATUS_COLOURS[group],
                            pattern=dict(shape=STATUS_PATTERNS[group] if role == "lead" else "-",
                                         fgcolor="white", fillmode="overlay"),
                            opacity=1.0 if role == "lead" else 0.55, line=dict(color=TEXT_COLOUR, width=1)),
                hovertemplate=f"%{{y}}<br>{name}: %{{x}}<extra></extra>")
    if (frame["role"] == "partner").any():
        fig.add_bar(x=[None], y=[None], orientation="h", name=t("chart.partner_legend", lang), showlegend=True,
                    marker=dict(color="#8C8C8C", opacity=0.55, line=dict(color=TEXT_COLOUR, width=1),
                                pattern=dict(shape="-", fgcolor="white", fillmode="overlay")), hoverinfo="skip")
    if limit:
        # named in the legend, never written over a bar
        fig.add_vline(x=limit, line=dict(color="#D55E00", width=3, dash="dash"))
        fig.add_scatter(x=[None], y=[None], mode="lines", name=t("chart.limit", lang, n=limit), showlegend=True,
                        line=dict(color="#D55E00", width=3, dash="dash"), hoverinfo="skip")
    fig.update_layout(barmode="relative", bargap=0.22, bargroupgap=0.04)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=[esc(o) for o in order], title=None)
    fig.update_xaxes(title=t("chart.n_measures", lang))
    height = max(320, 34 * len(order) + 160)
    return _finish(fig, t("chart.institution_title", lang), lang, scale, height=round(height * scale))


def gantt(frame: pd.DataFrame, lang: str = "lv", scale: float = 1.0, today: dt.date | None = None) -> go.Figure:
    """Measures from start to deadline (columns: measure_no, measure_title, status_group, start_date,
    deadline_date, is_overdue; optional bar_start_date / is_start_assumed, first_deadline_date /
    is_slipped from measure_timeline.sql), coloured and patterned by status, overdue marked, a today
    line. A measure with no start date is drawn from its plan's start in a lighter fill; a slipped one
    shows its original deadline as a hollow mark with an arrow to the current one."""
    today = today or dt.date.today()
    data = frame.dropna(subset=["deadline_date"]).copy()
    starts = data["bar_start_date"] if "bar_start_date" in data else data["start_date"]
    data["start"] = pd.to_datetime(starts.fillna(data["deadline_date"]))
    data["end"] = pd.to_datetime(data["deadline_date"]) + pd.Timedelta(days=1)
    assumed = data["is_start_assumed"].astype(bool) if "is_start_assumed" in data else pd.Series(False, index=data.index)
    data["label"] = [wrap(f"{n} {ti}", 44, 2) for n, ti in zip(data["measure_no"], data["measure_title"])]
    fig = go.Figure()
    for group in STATUS_ORDER:
        part = data[data["status_group"] == group]
        if part.empty:
            continue
        name = _status_text(group, lang)
        light = assumed[part.index]
        fig.add_bar(
            base=part["start"], x=(part["end"] - part["start"]).dt.total_seconds() * 1000, y=part["label"],
            orientation="h", name=name, customdata=part["measure_no"],
            marker=dict(color=STATUS_COLOURS[group], opacity=[0.4 if a else 1.0 for a in light],
                        pattern=dict(shape=STATUS_PATTERNS[group], fgcolor="white", fillmode="overlay"),
                        line=dict(color=TEXT_COLOUR, width=1)),
            hovertext=[f"{n} {esc(ti)}" for n, ti in zip(part["measure_no"], part["measure_title"])],
            hovertemplate=f"%{{hovertext}}<br>{name}<extra></extra>")
    if assumed.any():
        fig.add_bar(x=[None], y=[None], orientation="h", name=t("chart.start_assumed", lang), showlegend=True,
                    marker=dict(color="#8C8C8C", opacity=0.4, line=dict(color=TEXT_COLOUR, width=1)), hoverinfo="skip")
    slipped = data[data["is_slipped"].astype(bool)] if "is_slipped" in data else data.iloc[0:0]
    if not slipped.empty:
        first = pd.to_datetime(slipped["first_deadline_date"]) + pd.Timedelta(days=1)
        fig.add_scatter(x=first, y=slipped["label"], mode="markers", name=t("chart.first_deadline", lang),
                        marker=dict(symbol="diamond-open", size=round(15 * scale), color=TEXT_COLOUR,
                                    line=dict(width=2)),
                        hovertemplate="%{y}<br>" + t("chart.first_deadline", lang) + ": %{x|%d.%m.%Y}<extra></extra>")
        for row, start in zip(slipped.itertuples(index=False), first):
            fig.add_annotation(x=row.end, y=row.label, ax=start, ay=row.label, xref="x", yref="y", axref="x",
                               ayref="y", showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=2,
                               arrowcolor=TEXT_COLOUR, text="")
    overdue = data[data["is_overdue"].astype(bool)]
    if not overdue.empty:
        fig.add_scatter(x=overdue["end"], y=overdue["label"], mode="markers+text", name=t("chart.overdue", lang),
                        marker=dict(symbol="triangle-left", size=round(14 * scale), color="#D55E00",
                                    line=dict(color=TEXT_COLOUR, width=1)),
                        text=["  " + t("chart.overdue_short", lang)] * len(overdue), textposition="middle right",
                        hovertemplate="%{y}<extra></extra>")
    # the today line is named in the legend, not written where a bar or its label could be
    fig.add_vline(x=pd.Timestamp(today).value / 1e6, line=dict(color=TEXT_COLOUR, width=2, dash="dot"))
    fig.add_scatter(x=[None], y=[None], mode="lines", name=t("chart.today", lang, date=fmt_date(today, lang)),
                    line=dict(color=TEXT_COLOUR, width=2, dash="dot"), hoverinfo="skip", showlegend=True)
    fig.update_xaxes(type="date", tickformat="%m.%Y" if lang == "lv" else "%b %Y")
    fig.update_yaxes(autorange="reversed", title=None, categoryorder="array", categoryarray=list(data["label"]))
    fig.update_layout(barmode="overlay")
    lines = max([lb.count("<br>") + 1 for lb in data["label"]] or [1])
    height = max(320, (22 + 17 * lines) * len(data) + 170)
    return _finish(fig, t("chart.gantt_title", lang), lang, scale, height=round(height * scale))


STEP_LEVELS = ("not_started", "in_progress", "advanced")  # bottom to top; withdrawn drawn above, apart


def measure_steps(history: pd.DataFrame, lang: str = "lv", scale: float = 1.0) -> go.Figure:
    """One measure's status report by report (columns: report_date, status_group), as steps: every
    report a point with the status's mark and colour, the label written on the axis."""
    data = history.dropna(subset=["status_group"]).copy()
    levels = list(STEP_LEVELS) + (["withdrawn"] if (data["status_group"] == "withdrawn").any() else [])
    data["when"] = [fmt_date(d, lang) for d in data["report_date"]]
    data["level"] = data["status_group"].map({g: i for i, g in enumerate(levels)})
    fig = go.Figure()
    fig.add_scatter(x=data["when"], y=data["level"], mode="lines", line=dict(shape="hv", color="#8C8C8C", width=3),
                    showlegend=False, hoverinfo="skip")
    symbols = {"advanced": "circle", "in_progress": "circle-open-dot", "not_started": "circle-open",
               "withdrawn": "x"}
    for group in levels:
        part = data[data["status_group"] == group]
        if part.empty:
            continue
        name = _status_text(group, lang)
        fig.add_scatter(x=part["when"], y=part["level"], mode="markers", name=name,
                        marker=dict(symbol=symbols[group], size=round(20 * scale), color=STATUS_COLOURS[group],
                                    line=dict(color=STATUS_COLOURS[group] if group != "advanced" else TEXT_COLOUR,
                                              width=3)),
                        hovertemplate=f"%{{x}}<br>{name}<extra></extra>")
    fig.update_xaxes(type="category", title=t("chart.report_date", lang))
    fig.update_yaxes(tickvals=list(range(len(levels))), ticktext=[wrap(_status_text(g, lang), 18, 2) for g in levels],
                     range=[-0.5, len(levels) - 0.5], title=None)
    return _finish(fig, t("measure.step_title", lang), lang, scale, height=round(340 * scale))


def status_history(frame: pd.DataFrame, lang: str = "lv", scale: float = 1.0) -> go.Figure:
    """Status distribution across snapshots (columns: report_date, status_group, n_measures)."""
    fig = go.Figure()
    data = frame.copy()
    data["when"] = [fmt_date(d, lang) for d in data["report_date"]]
    for group in STATUS_ORDER:
        part = data[data["status_group"] == group]
        if part.empty:
            continue
        name = _status_text(group, lang)
        fig.add_bar(x=part["when"], y=part["n_measures"], name=name, text=part["n_measures"],
                    textposition="inside", textangle=0, insidetextanchor="middle", textfont=dict(size=round(17 * scale)),
                    marker=dict(color=STATUS_COLOURS[group], pattern=dict(shape=STATUS_PATTERNS[group], fgcolor="white", fillmode="overlay"),
                                line=dict(color=TEXT_COLOUR, width=1)),
                    hovertemplate=f"%{{x}}<br>{name}: %{{y}}<extra></extra>")
    # a number that does not fit its segment is left to the hover and the table, never turned on its side
    fig.update_layout(barmode="stack", uniformtext=dict(minsize=round(12 * scale), mode="hide"))
    fig.update_xaxes(title=t("chart.report_date", lang), type="category")
    fig.update_yaxes(title=t("chart.n_measures", lang))
    return _finish(fig, t("chart.history_title", lang), lang, scale, height=round(420 * scale))


def schedule(frame: pd.DataFrame, lang: str = "lv", scale: float = 1.0, today: dt.date | None = None) -> go.Figure:
    """Schedule milestones (columns: activity, start_date, end_date)."""
    data = frame.copy()
    data["start"] = pd.to_datetime(data["start_date"])
    data["end"] = pd.to_datetime(data["end_date"].fillna(data["start_date"])) + pd.Timedelta(days=1)
    data["label"] = [wrap(a, 40, 2) for a in data["activity"]]
    fig = go.Figure()
    fig.add_bar(base=data["start"], x=(data["end"] - data["start"]).dt.total_seconds() * 1000, y=data["label"],
                orientation="h", marker=dict(color="#56B4E9", line=dict(color=TEXT_COLOUR, width=1)),
                text=[f"{fmt_date(s, lang)} – {fmt_date(e, lang)}" if s != e else fmt_date(s, lang)
                      for s, e in zip(data["start_date"], data["end_date"].fillna(data["start_date"]))],
                textposition="outside", cliponaxis=False, showlegend=False,
                hovertemplate="%{y}<br>%{text}<extra></extra>")
    today = today or dt.date.today()
    fig.add_vline(x=pd.Timestamp(today).value / 1e6, line=dict(color=TEXT_COLOUR, width=2, dash="dot"))
    fig.update_xaxes(type="date", tickformat="%m.%Y" if lang == "lv" else "%b %Y")
    fig.update_yaxes(autorange="reversed", title=None)
    height = max(300, 60 * len(data) + 140)
    return _finish(fig, t("chart.schedule_title", lang), lang, scale, height=round(height * scale))


CLOSE_PP = 9  # values of one year closer than this (percentage points) get their labels on opposite sides


def _label_positions(frame: pd.DataFrame) -> dict[tuple[str, int], str]:
    """(area, year) -> "top center" / "bottom center" / "" (no label: the value is in the hover and
    the table), so the labels of one year never sit on each other."""
    out: dict[tuple[str, int], str] = {}
    for year, part in frame.groupby("year"):
        ordered = part.sort_values("value", ascending=False)
        values, areas = ordered["value"].tolist(), ordered["area"].tolist()
        for k, (area, value) in enumerate(zip(areas, values)):
            near_above = k > 0 and values[k - 1] - value < CLOSE_PP
            near_below = k + 1 < len(values) and value - values[k + 1] < CLOSE_PP
            if near_above and near_below:
                out[(area, year)] = ""  # squeezed between two close values
            elif near_above:
                out[(area, year)] = "bottom center"
            else:
                out[(area, year)] = "top center"
    return out


def trust_series(frame: pd.DataFrame, indicator: str, lang: str = "lv", scale: float = 1.0) -> go.Figure:
    """One indicator over the years (columns: area, year, value), one line + marker symbol per area.
    Close values of one year are labelled on opposite sides of their marks; a third one in between
    keeps its value in the hover and the table."""
    fig = go.Figure()
    areas = list(dict.fromkeys(frame["area"]))
    positions = _label_positions(frame)
    for i, area in enumerate(areas):
        part = frame[frame["area"] == area].sort_values("year")
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        # Every value written on its point while that stays legible; on a long series only the latest.
        shown = [True] * len(part) if len(part) <= TRUST_LABELLED_YEARS else [False] * (len(part) - 1) + [True]
        where = [positions.get((area, y), "top center") for y in part["year"]]
        text = [fmt_pct(v, lang, 0) if ok and pos else "" for v, ok, pos in zip(part["value"], shown, where)]
        fig.add_scatter(x=part["year"], y=part["value"], name=esc(area), mode="lines+markers+text",
                        line=dict(color=colour, width=3, dash="solid" if i == 0 else "dash"),
                        marker=dict(symbol=AREA_SYMBOLS[i % len(AREA_SYMBOLS)], size=round(12 * scale), color=colour),
                        text=text, textposition=[pos or "top center" for pos in where],
                        hovertemplate=f"{esc(area)} %{{x}}: %{{y}}<extra></extra>")
    years = frame["year"].nunique() if not frame.empty else 0
    fig.update_xaxes(title=t("chart.year", lang), dtick=1 if years <= 12 else 5, tickformat="d")
    fig.update_yaxes(title=t("chart.share_pct", lang), range=[0, 100], ticksuffix=pct_suffix(lang))
    return _finish(fig, indicator, lang, scale, height=round(380 * scale))


# Each kind of average its own mark and colour (never one marker for both), Latvia always the blue circle.
AVERAGE_STYLES = (("oecd", "diamond", "#E69F00"), ("eu", "square", "#009E73"), ("other", "triangle-up", "#CC79A7"))
GAP_LABEL_CHARS = 30  # row labels wrap at this many characters; a row is as tall as its label needs


def _average_kind(area: str) -> str:
    folded = str(area).lower()
    if "esao" in folded or "oecd" in folded:
        return "oecd"
    if folded.startswith(("es ", "eu ")) or folded in ("es", "eu") or "eiropas" in folded or "european" in folded:
        return "eu"
    return "other"


def trust_gap(frame: pd.DataFrame, lang: str = "lv", scale: float = 1.0) -> go.Figure:
    """Latest Latvia value vs the average (columns: indicator, latvia_pct, average_pct, average_area,
    gap_pp), as paired markers with the gap written in percentage points.

    No label sits on another: each row is as tall as its wrapped label needs, Latvia's value is
    written on the side away from the average and the average's on the other side (so 35 % and
    37 % never meet), and the OECD and EU averages have marks and legend entries of their own."""
    data = frame.dropna(subset=["latvia_pct", "average_pct"]).reset_index(drop=True).copy()
    data["label"] = [wrap(i, GAP_LABEL_CHARS, 6) for i in data["indicator"]]
    data["kind"] = data["average_area"].map(_average_kind)
    lines = max([lb.count("<br>") + 1 for lb in data["label"]] or [1])
    fig = go.Figure()
    for row in data.itertuples(index=False):
        fig.add_shape(type="line", x0=row.latvia_pct, x1=row.average_pct, y0=row.label, y1=row.label,
                      line=dict(color="#8C8C8C", width=4))
    latvia_left = data["latvia_pct"] <= data["average_pct"]
    fig.add_scatter(x=data["latvia_pct"], y=data["label"], mode="markers+text", name=t("chart.latvia", lang),
                    marker=dict(symbol="circle", size=round(16 * scale), color="#0072B2"),
                    text=[fmt_pct(v, lang) for v in data["latvia_pct"]],
                    textposition=["middle left" if left else "middle right" for left in latvia_left],
                    cliponaxis=False, hovertemplate="%{y}: %{x}<extra></extra>")
    for kind, symbol, colour in AVERAGE_STYLES:
        part = data[data["kind"] == kind]
        if part.empty:
            continue
        left = latvia_left[part.index]
        fig.add_scatter(x=part["average_pct"], y=part["label"], mode="markers+text",
                        name=esc(part["average_area"].iloc[0]) if part["average_area"].nunique() == 1
                        else t("chart.average", lang),
                        marker=dict(symbol=symbol, size=round(16 * scale), color=colour,
                                    line=dict(color=TEXT_COLOUR, width=1)),
                        text=[fmt_pct(v, lang) for v in part["average_pct"]],
                        textposition=["middle right" if lft else "middle left" for lft in left],
                        cliponaxis=False, hovertemplate="%{y}: %{x}<extra></extra>")
    for row in data.itertuples(index=False):
        sign = "+" if row.gap_pp > 0 else ""
        fig.add_annotation(x=1.0, xref="paper", xanchor="left", y=row.label, showarrow=False,
                           text=f" {sign}{fmt_number(row.gap_pp, lang)} {t('chart.pp', lang)}")
    low = min(data["latvia_pct"].min(), data["average_pct"].min()) if not data.empty else 0
    high = max(data["latvia_pct"].max(), data["average_pct"].max()) if not data.empty else 100
    # room for a value label beside the outermost marks, inside the plot
    fig.update_xaxes(range=[max(0, low - 16), min(100, high + 16)] if high - low < 60 else [0, 100],
                     ticksuffix=pct_suffix(lang), title=t("chart.share_pct", lang))
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(margin=dict(r=round(90 * scale)))
    row_px = max(56, lines * 20 + 22)
    height = max(320, row_px * len(data) + 170)
    return _finish(fig, t("chart.gap_title", lang), lang, scale, height=round(height * scale))


def plotly_config(file_name: str) -> dict:
    """Chart toolbar: PNG download in the browser, nothing else distracting."""
    return {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
            "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2}}
