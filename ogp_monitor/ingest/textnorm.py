"""Text normalisation shared by header, sheet-name and status matching."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z%]+")


def fold(text: object) -> str:
    """Lower-case, strip diacritics and punctuation, collapse spaces.

    ``"  Apņemšanās Nr. "`` and ``"apnemsanas nr"`` fold to the same key, so an
    analyst's spelling of a header or status does not matter.
    """
    if text is None:
        return ""
    s = str(text)
    if not s.isascii():  # ASCII has no decompositions and no combining marks
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.lower()
    return _NON_WORD.sub(" ", s).strip()
