"""Text typed in the legacy Vietnamese fonts, read as Unicode.

Before Unicode (TCVN 6909:2001) Vietnamese was typed in 8-bit fonts: TCVN3 (ABC:
.VnTime, .VnArial, and the capitals-only .VnTimeH…) and VNI Windows (VNI-Times,
VNI-Helve…). A .docx converted from such an old .doc keeps the bytes as Latin-1
characters in runs of those fonts (`LÖ Thuû, ngµy` for `Lệ Thủy, ngày`), which
no rule can read. `decode(text, font)` gives the Unicode text; the code tables
are pipeline/data/tcvn3.csv and vni.csv (their sources are in their heads).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA = Path(__file__).resolve().parents[1] / "data"

TCVN3, VNI = "TCVN3", "VNI"


def encoding_of(font: str) -> Optional[str]:
    """TCVN3 for the .Vn… fonts, VNI for the VNI-… fonts, None for any other."""
    name = (font or "").strip()
    if name[:3].casefold() == ".vn":
        return TCVN3
    if name[:4].casefold() == "vni-":
        return VNI
    return None


def _capitals(font: str) -> bool:
    """.VnTimeH, .VnArialH…: a TCVN3 font that draws every letter as a capital."""
    name = font.strip()
    return encoding_of(name) == TCVN3 and name.endswith("H")


def _rows(name: str):
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(line for line in f if not line.startswith("#"))


@lru_cache(maxsize=None)
def table(encoding: str) -> dict:
    """Legacy character sequence (as stored in a .docx) → Unicode letter."""
    if encoding == TCVN3:
        return {chr(int(r["code"], 16)): r["unicode"] for r in _rows("tcvn3.csv")}
    return {"".join(chr(int(c, 16)) for c in r["codes"].split()): r["unicode"] for r in _rows("vni.csv")}


@lru_cache(maxsize=None)
def _pattern(encoding: str):
    keys = sorted(table(encoding), key=len, reverse=True)  # two-byte VNI sequences first
    return re.compile("|".join(map(re.escape, keys)))


_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u0300-\u0323\u1ea0-\u1ef9]")


def is_unicode_vietnamese(text: str) -> bool:
    """A Vietnamese letter only Unicode has (ă, đ, ơ, ư, ạ…): the text is Unicode already."""
    return _UNICODE_VIETNAMESE.search(text) is not None


def decode(text: str, font: str) -> str:
    """`text` of a run in `font` as Unicode (unchanged when the font is not a legacy one)."""
    encoding = encoding_of(font)
    if encoding is None:
        return text
    mapping = table(encoding)
    out = _pattern(encoding).sub(lambda m: mapping[m.group(0)], text)
    return out.upper() if _capitals(font) else out
