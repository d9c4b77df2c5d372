"""Times New Roman advance widths: to lay out text, and to tell whether a line fits.

The numbers are advance widths in 1/1000 em of Liberation Serif Regular and
Bold, which is metric-compatible with Times New Roman. They were read once with
fontTools from /usr/share/fonts/truetype/liberation2/LiberationSerif-*.ttf and
written here, so fontTools is not needed at run time. A Vietnamese letter takes
the width of its base letter (NFD, marks dropped): `Ộ` is as wide as `O`; this
is within a fraction of a percent for the Quốc hiệu. Italic is measured with the
upright widths.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_CHARS = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 "
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~Đđ–—‘’“”…°§"
)
_REGULAR_WIDTHS = (
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556,
    722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 444, 500, 444, 500, 444, 333,
    500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500,
    722, 500, 500, 444, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 250, 333,
    408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 278, 278,
    564, 564, 564, 444, 921, 333, 278, 333, 469, 500, 333, 480, 200, 480, 541, 722,
    500, 500, 1000, 333, 333, 444, 444, 1000, 400, 500,
)
_BOLD_WIDTHS = (
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611,
    778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 500, 556, 444, 556, 444, 333,
    500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500,
    722, 500, 500, 444, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 250, 333,
    555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 333, 333,
    570, 570, 570, 500, 930, 333, 278, 333, 581, 500, 333, 394, 220, 394, 520, 722,
    556, 500, 1000, 333, 333, 500, 500, 1000, 400, 500,
)
REGULAR = dict(zip(_CHARS, _REGULAR_WIDTHS))
BOLD = dict(zip(_CHARS, _BOLD_WIDTHS))
for _table in (REGULAR, BOLD):  # no-break space and hyphen: as wide as their ordinary twins
    _table["\u00a0"], _table["\u2011"] = _table[" "], _table["-"]
_UNKNOWN = 500  # an average letter, for characters outside the table


def base_letter(ch: str) -> str:
    """`Ộ` → `O`, `ư` → `u`; characters without marks are returned unchanged."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return stripped[:1] or ch


def char_units(ch: str, bold: bool) -> int:
    """Advance width of one character in 1/1000 em."""
    table = BOLD if bold else REGULAR
    if ch in table:
        return table[ch]
    return table.get(base_letter(ch), _UNKNOWN)


def text_twips(text: str, size_pt: float, bold: bool, spacing: int = 0, scale: int = 100) -> float:
    """Width of `text` in twips at `size_pt`, with `spacing` twips added after
    every character (w:spacing) and horizontal scaling `scale` percent (w:w)."""
    units = sum(char_units(ch, bold) for ch in text if unicodedata.category(ch) != "Mn")
    return units / 1000 * size_pt * 20 * scale / 100 + spacing * len(text)


TWIPS_PER_CM = 566.93


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of text set in Times New Roman at `size_pt`."""
    return text_twips(text, size_pt, bold) / TWIPS_PER_CM


@lru_cache(maxsize=4096)  # titles and signature lines repeat across documents
def _balanced(text: str, size_pt: float, bold: bool, width_cm: float) -> tuple[str, ...]:
    return tuple(balanced_lines_uncached(text, size_pt, bold, width_cm))


def balanced_lines(text: str, size_pt: float, bold: bool, width_cm: float) -> list[str]:
    """Split text into as few lines as fit `width_cm`, as even as possible (cached)."""
    return list(_balanced(text, size_pt, bold, width_cm))


def balanced_lines_uncached(text: str, size_pt: float, bold: bool, width_cm: float) -> list[str]:
    """Split text into as few lines as fit `width_cm`, as even as possible.

    Office names are set this way ("ỦY BAN NHÂN DÂN" over "PHƯỜNG PHÚC LỢI")
    rather than filled greedily.
    """
    words = text.split()
    if text_width_cm(text, size_pt, bold) <= width_cm or len(words) < 2:
        return [text]
    best: tuple[float, list[str]] | None = None
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(text_width_cm(line, size_pt, bold) for line in lines)
        if best is None or widest < best[0]:
            best = (widest, lines)
    assert best is not None
    if best[0] <= width_cm:
        return best[1]
    head = balanced_lines_uncached(best[1][0], size_pt, bold, width_cm)
    return head + balanced_lines_uncached(best[1][1], size_pt, bold, width_cm)

