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

# Rows of 16 widths, read against _CHARS (kept as rows, not one number a line).
# fmt: off
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
# fmt: on
REGULAR = dict(zip(_CHARS, _REGULAR_WIDTHS))
BOLD = dict(zip(_CHARS, _BOLD_WIDTHS))
for _table in (REGULAR, BOLD):  # no-break space and hyphen: as wide as their ordinary twins
    _table["\u00a0"], _table["\u2011"] = _table[" "], _table["-"]
_UNKNOWN = 500  # an average letter, for characters outside the table


def base_letter(ch: str) -> str:
    """`Ộ` → `O`, `ư` → `u`; characters without marks are returned unchanged."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return stripped[:1] or ch


@lru_cache(maxsize=8192)
def char_units(ch: str, bold: bool) -> int:
    """Advance width of one character in 1/1000 em (0 for combining marks)."""
    if unicodedata.category(ch) == "Mn":
        return 0
    table = BOLD if bold else REGULAR
    if ch in table:
        return table[ch]
    return table.get(base_letter(ch), _UNKNOWN)


def text_units(text: str, bold: bool) -> int:
    """Width of `text` in 1/1000 em: one look-up per character (cached)."""
    return sum(char_units(ch, bold) for ch in text)


def _twips(units: int, size_pt: float, scale: int = 100) -> float:
    return units / 1000 * size_pt * 20 * scale / 100


def text_twips(text: str, size_pt: float, bold: bool, spacing: int = 0, scale: int = 100) -> float:
    """Width of `text` in twips at `size_pt`, with `spacing` twips added after
    every character (w:spacing) and horizontal scaling `scale` percent (w:w)."""
    return _twips(text_units(text, bold), size_pt, scale) + spacing * len(text)


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
    rather than filled greedily. Each word is measured once: every split of a
    run of words is then priced from prefix sums, so a 32,767-character cell
    is laid out in a fraction of a second.
    """
    words = text.split()
    if text_width_cm(text, size_pt, bold) <= width_cm or len(words) < 2:
        return [text]
    widths = [text_units(word, bold) for word in words]
    space = char_units(" ", bold)

    def cm(units: int) -> float:  # as text_width_cm computes it, for the same units
        return _twips(units, size_pt) / TWIPS_PER_CM

    def split(start: int, end: int) -> list[str]:
        """Balanced lines of words[start:end] (at least two words), as before: the most
        even cut in two, each half split again while it does not fit."""
        prefix = [0]
        for w in widths[start:end]:
            prefix.append(prefix[-1] + w)
        total = prefix[-1] + space * (end - start - 1)
        best_cut, best = 0, None
        for cut in range(1, end - start):
            left = prefix[cut] + space * (cut - 1)
            right = total - left - space
            widest = max(left, right)
            if best is None or widest < best:
                best_cut, best = cut, widest
        lines = []
        for a, b in ((start, start + best_cut), (start + best_cut, end)):
            line = " ".join(words[a:b])
            if b - a < 2 or cm(sum(widths[a:b]) + space * (b - a - 1)) <= width_cm:
                lines.append(line)
            else:
                lines += split(a, b)
        return lines

    return split(0, len(words))
