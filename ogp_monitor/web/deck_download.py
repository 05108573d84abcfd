"""The meeting page's deck download: build the PowerPoint (and PDF) with a progress bar, then offer both.

The work is in ``reports.deck``; this is only its Streamlit glue.
"""

from __future__ import annotations

import time

import streamlit as st

from ..i18n import t
from ..reports.deck import pdf, powerpoint
from ..reports.render import RenderError
from . import cache
from .filters import Filters

_BUILT = "deck_built"  # session key: the last deck this session built, with what it was built from


def deck_section(f: Filters) -> None:
    """Build the meeting deck with a progress bar, then offer PowerPoint and (where possible) PDF."""
    st.subheader(t("deck.ui_heading", f.lang))
    if f.snapshot_id is None or f.plan is None:
        st.info(t("deck.ui_no_data", f.lang))
        return
    st.caption(t("deck.ui_intro", f.lang))
    source = (f.plan, f.snapshot_id, f.lang, cache.data_version())
    no_pdf = pdf.pdf_unavailable_reason(f.lang)
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
                       file_name=powerpoint.deck_file_name(f.plan, f.report_date, "pptx"),
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       key="deck_download_pptx", icon=":material/download:")
    if built["pdf"] is not None:
        c2.download_button(t("deck.ui_download_pdf", f.lang), built["pdf"],
                           file_name=powerpoint.deck_file_name(f.plan, f.report_date, "pdf"), mime="application/pdf",
                           key="deck_download_pdf", icon=":material/picture_as_pdf:")
    elif built["pdf_error"]:
        c2.warning(t("deck.ui_pdf_failed", f.lang, reason=built["pdf_error"]))
    elif no_pdf:
        c2.info(no_pdf)


def _build(f: Filters, source: tuple, make_pdf: bool) -> None:
    bar = st.progress(0.0, text=t("deck.step_data", f.lang))
    started = time.perf_counter()
    share = 0.8 if make_pdf else 1.0  # the PDF conversion takes the last part of the bar

    def progress(fraction: float, text: str) -> None:
        bar.progress(min(1.0, fraction * share), text=text)

    try:
        pptx = powerpoint.build_deck(cache.connection(), f.plan, f.snapshot_id, f.lang, progress=progress)
    except (LookupError, RenderError) as exc:
        bar.empty()
        st.error(t("deck.ui_failed", f.lang, reason=str(exc).strip("'\"")))
        return
    pdf_bytes, pdf_error = None, None
    if make_pdf:
        bar.progress(share, text=t("deck.step_pdf", f.lang))
        try:
            pdf_bytes = pdf.to_pdf(pptx)
        except pdf.PdfError as exc:
            pdf_error = str(exc)
    bar.empty()
    st.session_state[_BUILT] = {"source": source, "pptx": pptx, "pdf": pdf_bytes, "pdf_error": pdf_error,
                                "slides": powerpoint.slide_count(pptx), "seconds": time.perf_counter() - started}
