"""Lines of office names and titles broken between names, never inside one.

A header line such as `SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI` is several names: the body
(`SỞ NỘI VỤ`) and the place it belongs to (`THÀNH PHỐ HÀ NỘI`). Set in a narrow cell it
must break between them (`SỞ NỘI VỤ` / `THÀNH PHỐ HÀ NỘI`), never inside the place's proper
name (`… HÀ` / `NỘI`). `name_lines` measures the words with the project's font widths
(pipeline.metrics) and chooses, among the ways to cut the text into lines that fit, the one
that cuts only where names meet, in as few lines as possible, as even as possible.

How the gaps between words are priced:
- before an administrative prefix (tỉnh, thành phố, quận, huyện, thị xã, phường, xã, thị
  trấn, đặc khu) and after the head of a body (`ỦY BAN NHÂN DÂN`, `CỤM THI ĐUA`, `UBND` …)
  a new name starts: free;
- before `số 3` or `và`, after a dash: a phrase starts: cheap (a line never starts with
  the dash);
- between the syllables of ordinary words: dear, and dearer inside a two-syllable word
  (Vietnamese words mostly pair syllables: `VĂN THƯ` / `LƯU TRỮ`, not `VĂN` / `THƯ`);
- between an administrative prefix and its proper name: dearer still;
- inside a prefix (`THÀNH` / `PHỐ`), a head (`ỦY BAN` / `NHÂN DÂN`), `SỐ` / `3` or a proper
  name (`HÀ` / `NỘI`): only when nothing else fits.
A text that fits is one line. `prose=True` prices every ordinary gap the same (a sentence
such as the trích yếu: balanced lines), and still keeps names and prefixes whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .metrics import TWIPS_PER_CM, char_units, text_units

NBSP = "\u00a0"
PREFIXES = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "quận", "huyện", "phường", "xã")
HEADS = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "hội đồng nhân dân",
    "hđnd và ubnd",
    "hđnd & ubnd",
    "ubnd",
    "hđnd",
    "cụm thi đua",
    "khối thi đua",
    "hội đồng thi đua - khen thưởng",
    "hội đồng thi đua, khen thưởng",
    "ban thi đua - khen thưởng",
    "ban thi đua, khen thưởng",
)
# Bodies named by a head word and a field (`CHI CỤC` + `VĂN THƯ - LƯU TRỮ`, `PHÒNG` + `TỔ
# CHỨC, BIÊN CHẾ`): a new name starts before the head (free), and a name too long for its
# line breaks after the head (a little cheaper than after a dash: the field's name stays
# whole), never inside the field's words.
AGENCY_HEADS = ("tổng cục", "chi cục", "cục", "văn phòng", "phòng", "trung tâm", "thanh tra", "ban")
# Mid-title words after which a place follows without a prefix: `CHỦ TỊCH UBND` / `…`.
FREE, PHRASE, WORD_PAIR, INSIDE_WORD, PREFIX_NAME, NEVER = 0, 1, 2, 3, 5, 100
AFTER_AGENCY_HEAD = 0.5


@lru_cache(maxsize=8192)  # asked of every word against every phrase: a few hundred words
def _fold(word: str) -> str:
    """A word as compared: composed (NFC, whatever the workbook's form), case folded."""
    return unicodedata.normalize("NFC", word).casefold().replace(NBSP, " ")


@lru_cache(maxsize=None)
def _split_phrases(phrases: tuple) -> tuple:
    return tuple(tuple(phrase.split()) for phrase in phrases)


def _match(words: list[str], i: int, phrases: tuple) -> int:
    """The number of words of the longest phrase of `phrases` starting at words[i]."""
    if i >= len(words):
        return 0
    first, best = _fold(words[i]), 0
    for parts in _split_phrases(phrases):
        if len(parts) > best and parts[0] == first and tuple(_fold(w) for w in words[i : i + len(parts)]) == parts:
            best = len(parts)
    return best


def gap_costs(words: list[str], prose: bool = False) -> list[int]:
    """The price of breaking the line after each word but the last (see the module)."""
    n = len(words)
    cost = [WORD_PAIR if prose else None] * (n - 1)
    i, run = 0, 0  # run: syllables since the last name or phrase boundary
    while i < n:
        prefix = _match(words, i, PREFIXES)
        head = _match(words, i, HEADS)
        if prefix and i + prefix < n and _fold(words[i + prefix]) not in ("-", "–", "và", ","):
            # prefix words, then the proper name up to the next prefix, head or phrase word
            if i > 0:
                cost[i - 1] = FREE
            for k in range(i, i + prefix - 1):
                cost[k] = NEVER
            cost[i + prefix - 1] = PREFIX_NAME
            j = i + prefix
            while j + 1 < n and not (
                _match(words, j + 1, PREFIXES) or _match(words, j + 1, HEADS) or _phrase_start(words, j + 1)
            ):
                cost[j] = NEVER
                j += 1
            i, run = j + 1, 0
            continue
        if head:
            if i > 0:
                cost[i - 1] = FREE
            for k in range(i, i + head - 1):  # a long head breaks after its dash or comma
                cost[k] = PHRASE if head > 4 and words[k].endswith(("-", "–", ",")) else NEVER
            if i + head - 1 < n - 1:
                cost[i + head - 1] = FREE
            i, run = i + head, 0
            continue
        agency = _match(words, i, AGENCY_HEADS)
        if agency and i + agency < n and (i == 0 or cost[i - 1] is None):
            if i > 0:
                cost[i - 1] = FREE
            for k in range(i, i + agency - 1):
                cost[k] = NEVER
            cost[i + agency - 1] = AFTER_AGENCY_HEAD
            i, run = i + agency, 0
            continue
        if i > 0 and cost[i - 1] is None:
            if _phrase_start(words, i):
                cost[i - 1], run = PHRASE, 0
            else:
                cost[i - 1] = WORD_PAIR if run % 2 == 0 else INSIDE_WORD
        if _fold(words[i]) == "số" and i + 1 < n and re.match(r"\d", words[i + 1]):
            cost[i] = NEVER
        run += 1
        i += 1
    if prose:  # a sentence: every ordinary gap alike, names still whole
        cost = [WORD_PAIR if c in (FREE, PHRASE, WORD_PAIR, INSIDE_WORD) else c for c in cost]
    return [WORD_PAIR if c is None else c for c in cost]


def _phrase_start(words: list[str], i: int) -> bool:
    """Whether a phrase starts at words[i]: `và`, `số 3`, or the word after a dash."""
    word = _fold(words[i])
    after_dash = i > 0 and _fold(words[i - 1]) in ("-", "–", "&")
    return word == "và" or after_dash or (word == "số" and i + 1 < len(words) and bool(re.match(r"\d", words[i + 1])))


@lru_cache(maxsize=4096)  # headers and titles repeat across documents
def _name_lines(text: str, size_pt: float, bold: bool, width_cm: float, prose: bool) -> tuple[str, ...]:
    words = text.split()
    if len(words) < 2:
        return (text.strip(),)
    widths = [text_units(w, bold) for w in words]
    space = char_units(" ", bold)
    limit = width_cm * TWIPS_PER_CM * 1000 / (size_pt * 20)  # in 1/1000 em
    if sum(widths) + space * (len(words) - 1) <= limit:
        return (" ".join(words),)
    costs = gap_costs(words, prose)
    n = len(words)
    prefix = [0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    # best[j]: the best (price, lines, widest) of words[:j] cut into lines, and where its last
    # line starts; a line too wide is allowed only as a single word (it cannot be cut). Only
    # lines that fit are tried, so a long text costs words x words-per-line.
    best: list[tuple | None] = [None] * (n + 1)
    start: list[int] = [0] * (n + 1)
    best[0] = (0, 0, 0.0)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            w = prefix[j] - prefix[i] + space * (j - i - 1)
            if w > limit and j - i > 1:
                break
            if best[i] is None:
                continue
            price, lines, widest = best[i]
            candidate = (price + (costs[i - 1] if i else 0), lines + 1, max(widest, w))
            if best[j] is None or candidate < best[j]:
                best[j], start[j] = candidate, i
    out, end = [], n
    while end > 0:
        out.append(" ".join(words[start[end] : end]))
        end = start[end]
    out.reverse()
    return tuple(out)


def name_lines(text: str, size_pt: float, bold: bool, width_cm: float, prose: bool = False) -> list[str]:
    """`text` cut into lines that fit `width_cm`, between names (see the module)."""
    return list(_name_lines(text, size_pt, bold, width_cm, prose))


def unbreakable(lines: list[str]) -> str:
    """Lines as one paragraph that breaks only where they did: each line's spaces made
    no-break, the lines joined by ordinary spaces (for a template field of one paragraph)."""
    return " ".join(line.replace(" ", NBSP) for line in lines)


def keep_names_whole(name: str) -> str:
    """A name with no-break spaces inside each of the names it is made of, and ordinary ones
    where two meet: `UBND phường Đức Giang` may break only after `UBND`; a person's name
    never breaks."""
    words = name.split(" ")
    if len(words) < 2 or not all(words):
        return name.replace(" ", NBSP)
    costs = gap_costs(words)
    return "".join(w + ("" if k == len(words) - 1 else " " if costs[k] == FREE else NBSP) for k, w in enumerate(words))
