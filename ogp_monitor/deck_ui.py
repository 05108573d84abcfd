"""Streamlit glue for the summary (overview, meeting title slide) and the meeting deck download.

Pages call ``summary_block(f)`` and ``deck_section(f)`` with the shared filters;
the work is in ``summary`` and ``deck``.
"""

from __future__ import annotations

import time

import streamlit as st

from . import deck, summary, web
from .i18n import t
from .render import RenderError

_BUILT = "deck_built"  # session key: the last deck this session built, with what it was built from


@st.cache_data(max_entries=256, show_spinner=False)
def _sentences(version: tuple[int, int], plan: str, snapshot_id: int, lang: str) -> list[str]:
    """Cached per data version (a publish or rollback), plan, snapshot and language."""
    return summary.summary_sentences(web.connection(), plan, snapshot_id, lang)


def summary_sentences(f: web.Filters) -> list[str]:
    if f.snapshot_id is None or f.plan is None:
        return []
    return _sentences(web.data_version(), f.plan, f.snapshot_id, f.lang)


def summary_block(f: web.Filters, border: bool = True) -> None:
    """The plan's state in a few plain sentences (workbook text is shown literally)."""
    sentences = summary_sentences(f)
    if not sentences:
        return
    with st.container(border=border):
        st.markdown(f"**{t('summary.heading', f.lang)}**")
        for sentence in sentences:
            st.markdown(web.escape_md(sentence))
        if f.commitment or f.institution or f.status_group:
            st.caption(t("summary.whole_plan", f.lang))


def deck_section(f: web.Filters) -> None:
    """Build the meeting deck with a progress bar, then offer PowerPoint and (where possible) PDF."""
    st.subheader(t("deck.ui_heading", f.lang))
    if f.snapshot_id is None or f.plan is None:
        st.info(t("deck.ui_no_data", f.lang))
        return
    st.caption(t("deck.ui_intro", f.lang))
    source = (f.plan, f.snapshot_id, f.lang, web.data_version())
    no_pdf = deck.pdf_unavailable_reason(f.lang)
    make_pdf = st.checkbox(t("deck.ui_make_pdf", f.lang), value=no_pdf is None, disabled=no_pdf is not None,
                           key="deck_make_pdf", help=no_pdf)
    if st.button(t("deck.ui_build", f.lang), key="deck_build", type="primary", icon=":material/slideshow:"):
        _build(f, source, make_pdf and no_pdf is None)
    built = st.session_state.get(_BUILT)
    if not built or built["source"] != source:
        if no_pdf:
            st.caption(no_pdf)
        return
    st.success(t("deck.ui_built", f.lang, n=built["slides"], seconds=f"{built['seconds']:.1f}"))
    c1, c2 = st.columns(2)
    c1.download_button(t("deck.ui_download_pptx", f.lang), built["pptx"],
                       file_name=deck.deck_file_name(f.plan, f.report_date, "pptx"),
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       key="deck_download_pptx", icon=":material/download:")
    if built["pdf"] is not None:
        c2.download_button(t("deck.ui_download_pdf", f.lang), built["pdf"],
                           file_name=deck.deck_file_name(f.plan, f.report_date, "pdf"), mime="application/pdf",
                           key="deck_download_pdf", icon=":material/picture_as_pdf:")
    elif built["pdf_error"]:
        c2.warning(t("deck.ui_pdf_failed", f.lang, reason=built["pdf_error"]))
    elif no_pdf:
        c2.info(no_pdf)


def _build(f: web.Filters, source: tuple, make_pdf: bool) -> None:
    bar = st.progress(0.0, text=t("deck.step_data", f.lang))
    started = time.perf_counter()
    share = 0.8 if make_pdf else 1.0  # the PDF conversion takes the last part of the bar

    def progress(fraction: float, text: str) -> None:
        bar.progress(min(1.0, fraction * share), text=text)

    try:
        pptx = deck.build_deck(web.connection(), f.plan, f.snapshot_id, f.lang, progress=progress)
    except (LookupError, RenderError) as exc:
        bar.empty()
        st.error(t("deck.ui_failed", f.lang, reason=str(exc).strip("'\"")))
        return
    pdf, pdf_error = None, None
    if make_pdf:
        bar.progress(share, text=t("deck.step_pdf", f.lang))
        try:
            pdf = deck.to_pdf(pptx)
        except deck.PdfError as exc:
            pdf_error = str(exc)
    bar.empty()
    st.session_state[_BUILT] = {"source": source, "pptx": pptx, "pdf": pdf, "pdf_error": pdf_error,
                                "slides": deck.slide_count(pptx), "seconds": time.perf_counter() - started}
