"""Column widths of a data table that keep its tallest row short.

pipeline.render.fit_columns measures each column's text; when the text cannot all stand on
one line, the table's width is shared here so that no cell runs much taller than it must:
the fewest lines L such that every cell of every column fits in L lines at widths that sum
to the table's width, then what is left over goes to the columns that still wrap. A title
(`Công chức Văn phòng - Thống kê`) then takes two lines, not one word per line, and an
achievement three or four, not seven, while names and numbers keep one line.

Widths are in cm; a cell is the list of its paragraphs as (text, bold); the text's
unbreakable pieces are its words (no-break spaces join a name into one piece).
"""
from __future__ import annotations

from functools import lru_cache

from .metrics import text_width_cm

STEP_CM = 0.05  # widths are searched in steps of half a millimetre


@lru_cache(maxsize=65536)
def _piece_widths(text: str, size_pt: float, bold: bool) -> tuple[tuple[float, ...], float]:
    pieces = [p for p in text.split(" ") if p]
    return tuple(text_width_cm(p, size_pt, bold) for p in pieces), text_width_cm(" ", size_pt, bold)


@lru_cache(maxsize=262144)
def line_count(text: str, size_pt: float, bold: bool, steps: int, scale: float) -> int:
    """Lines a paragraph takes, filled greedily, in a text width of `steps` × STEP_CM
    (the measured widths times `scale`, which allows for what measuring misses)."""
    pieces, space = _piece_widths(text, size_pt, bold)
    if not pieces:
        return 1
    width = steps * STEP_CM
    lines, used = 1, 0.0
    for w in pieces:
        w *= scale
        if used == 0.0:
            used = w
        elif used + space * scale + w <= width:
            used += space * scale + w
        else:
            lines, used = lines + 1, w
    return lines


def cell_lines(cell, size_pt: float, steps: int, scale: float) -> int:
    return sum(line_count(text, size_pt, bold, steps, scale) for text, bold in cell) or 1


def _needed(cell, size_pt: float, lines: int, low: int, high: int, scale: float) -> int:
    """The fewest steps (between low and high) at which the cell takes at most `lines`
    lines; high when even that is not enough."""
    if cell_lines(cell, size_pt, high, scale) > lines:
        return high
    while low < high:
        mid = (low + high) // 2
        if cell_lines(cell, size_pt, mid, scale) <= lines:
            high = mid
        else:
            low = mid + 1
    return low


def share_width(columns: list[list], total_cm: float, least: list[float], want: list[float],
                margin_cm: float, size_pt: float, scale: float) -> list[float]:
    """Widths (cm) of the columns, summing to total_cm: least[j] at the least (the widest
    piece fits), the fewest lines for the tallest cell, the rest to the columns that wrap.

    `columns[j]` holds the cells of column j; `want[j]` is the width at which all of
    column j's cells stand on one line.
    """
    n = len(columns)
    lows = [max(1, int((least[j] - margin_cm) / STEP_CM)) for j in range(n)]
    highs = [max(lows[j], int((want[j] - margin_cm) / STEP_CM) + 1) for j in range(n)]

    def widths_for(lines: int) -> list[float]:
        out = []
        for j in range(n):
            steps = max((_needed(c, size_pt, lines, lows[j], highs[j], scale)
                         for c in columns[j]), default=lows[j])
            out.append(max(least[j], steps * STEP_CM + margin_cm))
        return out

    tallest = max((cell_lines(c, size_pt, lows[j], scale) for j in range(n) for c in columns[j]),
                  default=1)
    low, high = 1, max(tallest, 1)
    while low < high:  # the fewest lines whose widths fit the table
        mid = (low + high) // 2
        if sum(widths_for(mid)) <= total_cm:
            high = mid
        else:
            low = mid + 1
    widths = widths_for(low)
    if sum(widths) > total_cm:  # cannot do better than the least widths
        widths = list(least)
    else:  # then the cheapest line saved in a column, while the width lasts
        widths = _fewer_lines(columns, widths, total_cm, lows, highs, margin_cm, size_pt, scale)
    spare = total_cm - sum(widths)
    wraps = [max(w - x, 0.0) for w, x in zip(want, widths)]
    weights = wraps if sum(wraps) > 0 else widths
    return [x + spare * w / sum(weights) for x, w in zip(widths, weights)]


def _fewer_lines(columns, widths, total_cm, lows, highs, margin_cm, size_pt, scale):
    """Widths widened, one column at a time, to take one line fewer in the column's tallest
    cell, the cheapest first, while the table's width allows."""
    widths = list(widths)
    while True:
        spare = total_cm - sum(widths)
        best = None
        for j, cells in enumerate(columns):
            steps = max(lows[j], int(round((widths[j] - margin_cm) / STEP_CM)))
            tallest = max((cell_lines(c, size_pt, steps, scale) for c in cells), default=1)
            if tallest <= 1:
                continue
            need = max(_needed(c, size_pt, tallest - 1, steps, highs[j], scale) for c in cells)
            extra = need * STEP_CM + margin_cm - widths[j]
            if max(cell_lines(c, size_pt, need, scale) for c in cells) < tallest \
                    and 0 < extra <= spare and (best is None or extra < best[1]):
                best = (j, extra)
        if best is None:
            return widths
        widths[best[0]] += best[1]
