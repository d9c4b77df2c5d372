"""Advance widths of Times New Roman, to lay out text without a renderer.

Units per 1000 em, read from Liberation Serif 2 (metric-compatible with Times
New Roman). Vietnamese letters take their base letter's width (combining marks
have no advance); unknown characters count as an average lower-case letter.
"""
from __future__ import annotations

import unicodedata

_REGULAR = {
    'a': 444, 'b': 500, 'c': 444, 'd': 500, 'e': 444, 'f': 333, 'g': 500, 'h': 500,
    'i': 278, 'j': 278, 'k': 500, 'l': 278, 'm': 778, 'n': 500, 'o': 500, 'p': 500,
    'q': 500, 'r': 333, 's': 389, 't': 278, 'u': 500, 'v': 500, 'w': 722, 'x': 500,
    'y': 500, 'z': 444, 'A': 722, 'B': 667, 'C': 667, 'D': 722, 'E': 611, 'F': 556,
    'G': 722, 'H': 722, 'I': 333, 'J': 389, 'K': 722, 'L': 611, 'M': 889, 'N': 722,
    'O': 722, 'P': 556, 'Q': 722, 'R': 667, 'S': 556, 'T': 611, 'U': 722, 'V': 722,
    'W': 944, 'X': 722, 'Y': 722, 'Z': 611, '0': 500, '1': 500, '2': 500, '3': 500,
    '4': 500, '5': 500, '6': 500, '7': 500, '8': 500, '9': 500, ' ': 250, '!': 333,
    '"': 408, '#': 500, '$': 500, '%': 833, '&': 778, "'": 180, '(': 333, ')': 333,
    '*': 500, '+': 564, ',': 250, '-': 333, '.': 250, '/': 278, ':': 278, ';': 278,
    '<': 564, '=': 564, '>': 564, '?': 444, '@': 921, '[': 333, '\\': 278, ']': 333,
    '^': 469, '_': 500, '`': 333, '{': 480, '|': 200, '}': 480, '~': 541, 'Đ': 722,
    'đ': 500, 'Ơ': 722, 'ơ': 529, 'Ư': 776, 'ư': 542, '–': 500, '…': 1000, '“': 444,
    '”': 444, '‘': 333, '’': 333,
}

_BOLD = {
    'a': 500, 'b': 556, 'c': 444, 'd': 556, 'e': 444, 'f': 333, 'g': 500, 'h': 556,
    'i': 278, 'j': 333, 'k': 556, 'l': 278, 'm': 833, 'n': 556, 'o': 500, 'p': 556,
    'q': 556, 'r': 444, 's': 389, 't': 333, 'u': 556, 'v': 500, 'w': 722, 'x': 500,
    'y': 500, 'z': 444, 'A': 722, 'B': 667, 'C': 722, 'D': 722, 'E': 667, 'F': 611,
    'G': 778, 'H': 778, 'I': 389, 'J': 500, 'K': 778, 'L': 667, 'M': 944, 'N': 722,
    'O': 778, 'P': 611, 'Q': 778, 'R': 722, 'S': 556, 'T': 667, 'U': 722, 'V': 722,
    'W': 1000, 'X': 722, 'Y': 722, 'Z': 667, '0': 500, '1': 500, '2': 500, '3': 500,
    '4': 500, '5': 500, '6': 500, '7': 500, '8': 500, '9': 500, ' ': 250, '!': 333,
    '"': 555, '#': 500, '$': 500, '%': 1000, '&': 833, "'": 278, '(': 333, ')': 333,
    '*': 500, '+': 570, ',': 250, '-': 333, '.': 250, '/': 278, ':': 333, ';': 333,
    '<': 570, '=': 570, '>': 570, '?': 500, '@': 930, '[': 333, '\\': 278, ']': 333,
    '^': 581, '_': 500, '`': 333, '{': 394, '|': 220, '}': 394, '~': 520, 'Đ': 722,
    'đ': 556, 'Ơ': 778, 'ơ': 554, 'Ư': 796, 'ư': 600, '–': 500, '…': 1000, '“': 500,
    '”': 500, '‘': 333, '’': 333,
}

_DEFAULT = 480
TWIPS_PER_CM = 566.93


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of text set in Times New Roman at `size_pt`."""
    table = _BOLD if bold else _REGULAR
    units = 0
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        units += table.get(ch, table.get(unicodedata.normalize("NFC", ch), _DEFAULT))
    return units / 1000 * size_pt / 72 * 2.54


def balanced_lines(text: str, size_pt: float, bold: bool, width_cm: float) -> list[str]:
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
    head = balanced_lines(best[1][0], size_pt, bold, width_cm)
    return head + balanced_lines(best[1][1], size_pt, bold, width_cm)

