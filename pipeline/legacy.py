"""Legacy 8-bit Vietnamese text (TCVN3/ABC, VNI-Windows) read back as mojibake.

Old workbooks were typed with 8-bit Vietnamese fonts. Opened without those
fonts, a cell holds the Latin-1/cp1252 characters of the font's bytes:

* TCVN3 (ABC, TCVN 5712:1993 "VN3"; fonts .VnTime, .VnArial): one byte per
  letter, ``Ph¹m Hoµi Nam`` = ``Phạm Hoài Nam``. VN3 has no code for a capital
  letter with a tone mark: those are typed with the lowercase code in the
  all-caps font .VnTimeH (``ñY BAN NH¢N D¢N`` = ``ỦY BAN NHÂN DÂN``); only
  Ă Â Ê Ô Ơ Ư Đ have capital codes (``¡ ¢ £ ¤ ¥ ¦ §``). Decoding therefore
  guesses the case of those letters from the word and its neighbours, see
  `_decode_tcvn3`. The VN1 capitals in 0x80-0x9F and 0xAF-0xFF (à, º, ¿...) of the
  full standard are NOT decoded: offices used VN3 and cp1252 mangles 0x80-0x9F.
* VNI-Windows (VNI-Times): base letter + one or two mark bytes,
  ``Phaïm Hoaøi Nam`` = ``Phạm Hoài Nam``, ``phöôøng`` = ``phường``; capitals
  have capital marks (``AÙ`` = ``Á``).

The tables below are the Unikey/xvnkb ones (TCVN3 checked against glibc's
TCVN5712-1 converter, VNI against xvnkb's vni.h); `encode_tcvn3`/`encode_vni`
are their inverses (Unikey's choices: capitals with tone -> lowercase code).

`detect` is conservative: it needs words that are not Vietnamese as they
stand but become plausible Vietnamese syllables once decoded (`is_syllable`),
and gives None for any text holding a letter only Unicode Vietnamese has
(ă ơ ư đ ạ ... or combining marks), for ASCII and for anything ambiguous.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "TCVN3",
    "VNI",
    "detect",
    "to_unicode",
    "decode",
    "encode_tcvn3",
    "encode_vni",
    "is_syllable",
    "control_characters",
    "zero_width",
]

TCVN3 = "TCVN3"
VNI = "VNI"

# --------------------------------------------------------------------------- tables

# Tones in table order: none, sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng (dot).
_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VOWELS = "aăâeêioôơuưy"

# One row per vowel, six codes each in the tone order above.
_TCVN3_ROWS = {
    "a": "a¸µ¶·¹",
    "ă": "¨¾»¼½Æ",
    "â": "©ÊÇÈÉË",
    "e": "eÐÌÎÏÑ",
    "ê": "ªÕÒÓÔÖ",
    "i": "iÝ×ØÜÞ",
    "o": "oãßáâä",
    "ô": "«èåæçé",
    "ơ": "¬íêëìî",
    "u": "uóïñòô",
    "ư": "\xadøõö÷ù",
    "y": "yýúûüþ",
}
_TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

_VNI_ROWS = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}


def _letter(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONE_MARKS[tone])


# Unicode letter -> TCVN3 code (lowercase letters, the seven capitals).
TCVN3_ENCODE: dict[str, str] = {"đ": "®", **_TCVN3_CAPITALS}
for _v, _row in _TCVN3_ROWS.items():
    for _t, _code in enumerate(_row):
        TCVN3_ENCODE[_letter(_v, _t)] = _code
TCVN3_DECODE: dict[str, str] = {c: u for u, c in TCVN3_ENCODE.items() if not c.isascii()}

# Unicode letter -> VNI sequence; capitals are the uppercased sequence (AÙ, Æ, Ñ).
VNI_ENCODE: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
for _v, _row in _VNI_ROWS.items():
    for _t, _seq in enumerate(_row):
        VNI_ENCODE[_letter(_v, _t)] = _seq
        VNI_ENCODE[_letter(_v, _t).upper()] = _seq.upper()
VNI_DECODE: dict[str, str] = {s: u for u, s in VNI_ENCODE.items() if not s.isascii()}
# Lenient: a capital base with lowercase marks (``Aù``) decodes like ``AÙ``.
for _u, _s in list(VNI_ENCODE.items()):
    if _u.isupper() and len(_s) > 1 and not _s.isascii():
        VNI_DECODE.setdefault(_s[0] + _s[1:].lower(), _u)
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI_DECODE), key=len, reverse=True)))

# Vietnamese letters that are in Latin-1 and so also occur in legacy mojibake.
_VIET_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Legacy characters that never occur in Unicode Vietnamese ("strong" evidence).
_STRONG = {
    TCVN3: frozenset(TCVN3_DECODE) - _VIET_LATIN1,
    VNI: frozenset(c for c in "".join(VNI_DECODE) if not c.isascii()) - _VIET_LATIN1,
}
_ALL_VIET = {_letter(v, t) for v in _VOWELS for t in range(6)} | {"đ"}
_ALL_VIET |= {c.upper() for c in _ALL_VIET}
# Letters only Unicode Vietnamese has (ă ơ ư đ ĩ ũ ạ ả ...) and combining marks.
_UNICODE_ONLY_RE = re.compile("[" + "".join(sorted(c for c in _ALL_VIET if ord(c) > 0xFF)) + "\u0300-\u036f]")

# --------------------------------------------------------------------------- syllables

_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Nuclei ending in a glide (or ia/ua/ưa) take no final consonant; the others may.
_OPEN = (
    r"iêu|yêu|oai|oay|oao|oeo|uây|uôi|uya|uyu|ươi|ươu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu"
)
_CLOSED = r"uyê|iê|yê|oa|oă|oe|oo|uâ|uê|uô|uơ|uy|ươ|[aăâeêioôơuưy]"
_FINAL = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE_RE = re.compile(f"{_INITIAL}(?:{_OPEN}|(?:{_CLOSED}){_FINAL})")
_TONE_SET = frozenset(_TONE_MARKS[1:])


def is_syllable(word: str) -> bool:
    """Plausible Vietnamese syllable: initial, vowel nucleus, final, <= 1 tone.

    Deliberately permissive (no spelling rules): it only has to tell decoded
    legacy words from noise, case-insensitively. One phonotactic rule holds
    without exception and tells many misreadings apart: a syllable closed by
    p, t, c or ch carries the sắc or nặng tone only (`mát`, `mạt`, never `mãt`).
    """
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in nfd if c in _TONE_SET]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_SET))
    if tones and bare.endswith(("p", "t", "c", "ch")) and tones[0] not in _STOP_TONES:
        return False
    return _SYLLABLE_RE.fullmatch(bare) is not None


_STOP_TONES = ("\u0301", "\u0323")  # sắc, nặng: the only tones of a syllable closed by p t c ch


# --------------------------------------------------------------------------- encode


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 mojibake; capitals with a tone get the lowercase code (.VnTimeH)."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        code = TCVN3_ENCODE.get(c)
        if code is None and c != c.lower():
            low = TCVN3_ENCODE.get(c.lower())
            code = low if low is not None and not low.isascii() else None
        out.append(code if code is not None else c)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode -> VNI-Windows mojibake (characters outside the table unchanged)."""
    return "".join(VNI_ENCODE.get(c, c) for c in unicodedata.normalize("NFC", text))


# --------------------------------------------------------------------------- decode

_TCVN3_TOKEN_RE = re.compile("(?:[^\\W\\d_]|[" + re.escape("".join(TCVN3_DECODE)) + "])+")
_VNI_TOKEN_RE = re.compile(r"[^\W\d_]+")
_CASE_KNOWN = frozenset(_TCVN3_CAPITALS.values())  # plus ASCII letters


def _tcvn3_letters(word: str) -> str:
    """TCVN3 codes -> lowercase letters (capitals only for ¡-§), case not yet fixed."""
    return "".join(TCVN3_DECODE.get(c, c) for c in word)


def _tcvn3_shape(token: str) -> str:
    """Case class of a TCVN3 word from its letters of known case.

    ASCII letters and ¡-§ have a known case; every other code is a lowercase
    letter in .VnTime but a capital in .VnTimeH. Returns 'lower' (known
    lowercase letters, first letter known), 'upper', 'title?' (one known
    capital, first, rest unknown: "X·" is Xã or XÃ), 'first?' (first letter
    unknown, then lowercase: "ñy" is ủy or Ủy) or '?' (nothing known).
    """
    known = [(i, c) for i, c in enumerate(token) if c.isascii() or c in _CASE_KNOWN]
    if not known:
        return "?"
    lower = sum(c.islower() for _, c in known)
    upper = len(known) - lower
    if lower:
        return "lower" if known[0][0] == 0 else "first?"
    if upper >= 2 or known[0][0] != 0:
        return "upper"
    return "title?"


def _decode_tcvn3(text: str) -> str:
    """Decode TCVN3, choosing the case of letters whose code does not tell it.

    A word is in capitals if its known letters are (``CéNG`` CỘNG, ``ñY`` ỦY),
    or, with only its first letter or no letter known (``X·``, ``ë``), if its
    line or the next word (else the previous one, when it is last) is
    Vietnamese in capitals (a syllable with a legacy code: not ``UBND``,
    ``Q§``). A word whose first letter is unknown and the rest lowercase
    (``ñy``, ``¸nh``, ``ë``) is capitalised at the start of the text or of a
    sentence, or inside a run of capitalised words (a name: ``NguyÔn ThÞ
    ¸nh`` Nguyễn Thị Ánh); ¨ © ª « ¬ ­ ® never are, since their capitals have
    codes of their own. Neighbours are words with only blanks between.
    """
    tokens = list(_TCVN3_TOKEN_RE.finditer(text))
    words = [m.group() for m in tokens]
    shapes = [_tcvn3_shape(w) for w in words]
    lines = [text.count("\n", 0, m.start()) for m in tokens]
    # Vietnamese in capitals: a syllable in capitals with a legacy code (not "UBND", "Q§").
    vn_caps = [
        shape == "upper" and not word.isascii() and is_syllable(_tcvn3_letters(word))
        for word, shape in zip(words, shapes)
    ]
    caps_lines = {lines[k] for k in range(len(words)) if vn_caps[k]} - {
        lines[k] for k in range(len(words)) if shapes[k] in ("lower", "first?")
    }

    def joined(k: int) -> bool:  # words k and k + 1 are separated by blanks only
        return k + 1 < len(tokens) and not text[tokens[k].end() : tokens[k + 1].start()].strip(" \t")

    def caps(k: int | None) -> bool:
        return k is not None and vn_caps[k]

    def capitalised(k: int | None) -> bool:
        return (
            k is not None
            and shapes[k] in ("lower", "upper", "title?")
            and (words[k][0] in _CASE_KNOWN or words[k][0].isupper())
        )

    out, pos = [], 0
    for i, m in enumerate(tokens):
        word, shape = words[i], shapes[i]
        plain = _tcvn3_letters(word)
        prev = i - 1 if i and joined(i - 1) else None
        nxt = i + 1 if joined(i) else None
        start = i == 0 or any(c in ".!?\n" for c in text[tokens[i - 1].end() : m.start()])
        in_caps = lines[i] in caps_lines or caps(nxt) or (nxt is None and caps(prev))
        in_name = capitalised(prev) and (nxt is None or capitalised(nxt))
        if shape == "upper" or (shape in ("title?", "?") and in_caps):
            plain = plain.upper()
        elif shape in ("first?", "?") and (start or in_name) and word[0] not in "¨©ª«¬\xad®":
            plain = plain[0].upper() + plain[1:]
        out += [text[pos : m.start()], plain]
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _decode_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: VNI_DECODE[m.group()], text)


def decode(text: str, encoding: str) -> str:
    """Decode `text` as `encoding` ("TCVN3" or "VNI") unconditionally, NFC."""
    if encoding == TCVN3:
        text = _decode_tcvn3(text)
    elif encoding == VNI:
        text = _decode_vni(text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- detect

# TCVN3 lowercase letters are often Latin-1 capitals: "chÊm", "thÕ" (chấm, thế).
_MIXED_CASE_RE = re.compile(r"[a-z][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")
_HAS_VOWEL_RE = re.compile("[" + "".join(sorted(c for c in _ALL_VIET if c not in "đĐ")) + "]")


def _score(text: str, encoding: str) -> tuple[int, int, int, int]:
    """(evidence, strong evidence, changed, implausible) words for `encoding`."""
    token_re = _TCVN3_TOKEN_RE if encoding == TCVN3 else _VNI_TOKEN_RE
    single = _tcvn3_letters if encoding == TCVN3 else _decode_vni
    evidence = strong = changed = bad = 0
    for m in token_re.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        decoded = single(word)
        if decoded == word or not _HAS_VOWEL_RE.search(decoded):
            continue  # unchanged, or an abbreviation such as QĐ, HĐND
        changed += 1
        if not is_syllable(decoded):
            bad += 1
            continue
        mixed = encoding == TCVN3 and _MIXED_CASE_RE.search(word) is not None
        if (mixed or not is_syllable(word)) and any(c.isascii() for c in word):
            evidence += 1
            # "µm", "µg": a micro sign before a unit is not TCVN3 "à".
            unit = word[0] == "µ" and word[1:].isascii()
            strong += mixed or (not unit and any(c in _STRONG[encoding] for c in word))
    return evidence, strong, changed, bad


def detect(text: str) -> str | None:
    """ "TCVN3", "VNI" or None (plain Unicode, ASCII, or not sure).

    An encoding is detected when at least 80 % of the words it would change
    decode to plausible syllables, and at least one word that is not
    Vietnamese as it stands becomes a syllable and holds a character no
    Unicode Vietnamese text has, or for TCVN3 a capital after a lowercase
    letter (``chÊm``). For VNI, two such words without that character also
    do: ``Nguyeãn Thò`` uses only Latin-1 Vietnamese letters. Words that are
    valid either way (TCVN3 ``sè`` for số) give no evidence: a lone ``Sè 5``
    or ``Tù do`` stays undetected.
    """
    if text.isascii() or _UNICODE_ONLY_RE.search(text):
        return None
    found = []
    for encoding in (TCVN3, VNI):
        evidence, strong, changed, bad = _score(text, encoding)
        enough = strong >= 1 or (encoding == VNI and evidence >= 2)
        if enough and bad * 5 <= changed:
            found.append((evidence - bad, encoding))
    if not found:
        return None
    found.sort(reverse=True)
    if len(found) == 2 and found[0][0] == found[1][0]:
        return None
    return found[0][1]


def to_unicode(text: str) -> tuple[str, str | None]:
    """(NFC Unicode text, encoding) for legacy text, else (text unchanged, None)."""
    encoding = detect(text)
    if encoding is None:
        return text, None
    return decode(text, encoding), encoding


# --------------------------------------------------------------------------- invisible characters

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _described(text: str, wanted) -> list[str]:
    seen: dict[str, None] = {}
    for c in text:
        if wanted(c):
            seen.setdefault(f"U+{ord(c):04X}")
    return list(seen)


def control_characters(text: str) -> list[str]:
    """Distinct C0/C1 controls (and DEL) other than \\n and \\t, e.g. ['U+0007'], in order;
    also noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF) and lone surrogates, which no
    document can hold."""
    return _described(text, lambda c: (c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cs")) or _noncharacter(c))


def _noncharacter(c: str) -> bool:
    code = ord(c)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def zero_width(text: str) -> list[str]:
    """Distinct zero-width characters (U+200B/C/D, U+2060, U+FEFF), in order of appearance."""
    return _described(text, lambda c: c in _ZERO_WIDTH)
