"""The plan's state in a few plain sentences, at the top of the overview and on the meeting's title slide."""

from __future__ import annotations

import streamlit as st

from ..i18n import t
from ..reports import summary
from . import cache
from .filters import Filters
from .tables import escape_md


@st.cache_data(max_entries=256, show_spinner=False)
def _sentences(version: tuple[int, int], plan: str, snapshot_id: int, lang: str) -> list[str]:
    """Cached per data version (a publish or rollback), plan, snapshot and language."""
    return summary.summary_sentences(cache.connection(), plan, snapshot_id, lang)


def summary_sentences(f: Filters) -> list[str]:
    if f.snapshot_id is None or f.plan is None:
        return []
    return _sentences(cache.data_version(), f.plan, f.snapshot_id, f.lang)


def summary_block(f: Filters, border: bool = True) -> None:
    """The plan's state in a few plain sentences (workbook text is shown literally)."""
    sentences = summary_sentences(f)
    if not sentences:
        return
    with st.container(border=border):
        st.markdown(f"**{t('summary.heading', f.lang)}**")
        for sentence in sentences:
            st.markdown(escape_md(sentence))
        if f.commitment or f.institution or f.status_group:
            st.caption(t("summary.whole_plan", f.lang))
