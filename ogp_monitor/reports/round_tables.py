"""A collection round's tables in words: the tracker (who has answered) and the files collected."""

from __future__ import annotations

import pandas as pd

from ..i18n import fmt_datetime, t

TRACKER = ("institution", "state", "n_measures", "n_answered", "n_no_information", "measures_not_answered",
           "returned_at", "returned_by", "n_problems")
RETURNS = ("collected_at", "institution", "file_name", "accepted", "current", "collected_by", "n_problems", "sha256")


def tracker_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """round_status.sql as the page shows it: the state in words (an overdue institution marked, never by
    colour alone), the columns named in ``lang``."""
    out = frame.copy()
    out["state"] = [t(f"round.tracker_state.{s}", lang) + (f" · {t('round.overdue_mark', lang)}" if late else "")
                    for s, late in zip(frame["state"], frame["is_overdue"])]
    out["returned_by"] = out["returned_by"].fillna("")
    out["returned_at"] = [fmt_datetime(v, lang) if pd.notna(v) else "" for v in frame["returned_at"]]
    return out[list(TRACKER)].rename(columns={c: t(f"round.col.{c}", lang) for c in TRACKER})


def returns_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """round_returns.sql: every file collected, newest first; sha256 shortened (the whole in the CSV)."""
    out = frame.copy()
    yes = t("upload.yes", lang)
    out["accepted"] = frame["is_accepted"].map(lambda v: yes if v else "")
    out["current"] = frame["is_current"].map(lambda v: yes if v else "")
    out["sha256"] = frame["sha256"].str[:12] + "…"
    out["institution"] = out["institution"].fillna("")
    out["collected_at"] = [fmt_datetime(v, lang) for v in frame["collected_at"]]
    return out[list(RETURNS)].rename(columns={c: t(f"round.col.{c}", lang) for c in RETURNS})
