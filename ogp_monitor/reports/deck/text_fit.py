"""Text measuring for slides: python-pptx does not measure text, so this module estimates it.

The width of a line comes from per-character widths of Arial (metric-compatible
with Liberation Sans, which LibreOffice uses), lines wrap greedily at spaces like
an office suite, with 1.2 line spacing. ``plan`` splits tables over slides by these
estimates, ``powerpoint`` shrinks titles with ``fit_font`` and re-checks a finished
deck with ``overflowing_shapes``.
"""

from __future__ import annotations

import math

from ..charts import STATUS_MARKS

LINE_SPACING = 1.2

_NARROW = set("fijlrtIJ.,;:!'|()[]{}īļ´`\"") | {"\u00a0"}
_WIDE = set("mwMW%@—…")


def text_width_em(text: str, bold: bool = False) -> float:
    """Estimated width of ``text`` in em of Arial (1 em = the font size)."""
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.278
        elif ch in _NARROW:
            width += 0.30
        elif ch in _WIDE:
            width += 0.86
        elif ch.isdigit():
            width += 0.556
        elif ch.isupper():
            width += 0.68
        elif ch in STATUS_MARKS.values():
            width += 0.80
        else:
            width += 0.50
    return width * (1.08 if bold else 1.0)


def count_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """Lines ``text`` takes in a box ``width_pt`` wide at ``size_pt``, wrapping at spaces like an office suite."""
    usable = max(width_pt * 0.97, 1.0) / size_pt  # in em, with a little slack for renderer differences
    space = text_width_em(" ", bold)
    lines = 0
    for paragraph in str(text).split("\n"):
        words = paragraph.split()
        if not words:
            lines += 1
            continue
        line = 0.0
        lines += 1
        for word in words:
            w = text_width_em(word, bold)
            if w > usable:  # a word longer than the line is broken across lines
                if line > 0:
                    lines += 1
                lines += math.ceil(w / usable) - 1
                line = w - (math.ceil(w / usable) - 1) * usable
            elif line == 0:
                line = w
            elif line + space + w <= usable:
                line += space + w
            else:
                lines += 1
                line = w
    return lines


def text_height_pt(lines: int, size_pt: float) -> float:
    return lines * size_pt * LINE_SPACING


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def fit_font(text: str, width_in: float, max_lines: int, sizes: tuple[int, ...], bold: bool = False) -> tuple[str, int]:
    """The largest size at which ``text`` fits in ``max_lines``; shortened at the smallest size if needed."""
    for size in sizes:
        if count_lines(text, width_in * 72, size, bold) <= max_lines:
            return text, size
    size = sizes[-1]
    limit = len(text)
    while limit > 10 and count_lines(text, width_in * 72, size, bold) > max_lines:
        limit -= 5
        text = shorten(text, limit)
    return text, size
