"""Signing authority (Phụ lục I §II.7.b of Nghị định 30/2020/NĐ-CP): one table, read by the
documents (to compose a signature block) and by the format checker (to judge one).

Plain data and standard library only.

The Decree's rules, one row each in `RULES`:
- `TM.` before the name of a collective body (tập thể lãnh đạo) or of the organisation, when
  one signs on behalf of that collective: `TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`.
- `Q.` before the head's title, for one given the head's powers (quyền cấp trưởng).
- `KT.` before the head's title, when a deputy signs for the head (also a deputy put in
  charge): `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`.
- `TL.` before the head's title, signing by order (thừa lệnh).
- `TUQ.` before the head's title, signing by delegation (thừa ủy quyền).

A decision the law gives to an individual (the Chủ tịch's or the Giám đốc's Giấy khen) is
signed with that title alone, or `KT. <title>` by a deputy; never `TM.` above it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Who decides what a document decides.
COLLECTIVE = "collective"  # a collective body (Ủy ban nhân dân, Hội đồng, Ban Thường vụ…)
INDIVIDUAL = "individual"  # the head as an individual (Chủ tịch UBND, Giám đốc Sở…)

# How the signer stands to the head.
HEAD = "head"  # the head signs
DEPUTY = "deputy"  # a deputy signs for the head (or a deputy put in charge)
ACTING = "acting"  # one given the head's powers
BY_ORDER = "by-order"  # thừa lệnh
DELEGATED = "delegated"  # thừa ủy quyền


@dataclass(frozen=True)
class Rule:
    prefix: str  # "TM.", "Q.", "KT.", "TL.", "TUQ."
    before: str  # what the prefix stands before: "body" (the collective's name) or "head-title"
    signer: str  # HEAD, DEPUTY, … (for TM.: who signs for the collective, head or deputy)
    decides: tuple[str, ...]  # who may decide in a document signed this way
    text: str  # the Decree's words, in Vietnamese, for messages


RULES: tuple[Rule, ...] = (
    Rule(
        "TM.",
        "body",
        HEAD,
        (COLLECTIVE,),
        "“TM.” đứng trước tên tập thể lãnh đạo hoặc tên cơ quan, tổ chức khi ký thay mặt tập thể",
    ),
    Rule(
        "Q.",
        "head-title",
        ACTING,
        (COLLECTIVE, INDIVIDUAL),
        "“Q.” đứng trước chức vụ của người đứng đầu khi được giao quyền cấp trưởng",
    ),
    Rule(
        "KT.",
        "head-title",
        DEPUTY,
        (COLLECTIVE, INDIVIDUAL),
        "“KT.” đứng trước chức vụ của người đứng đầu khi cấp phó ký thay",
    ),
    Rule(
        "TL.",
        "head-title",
        BY_ORDER,
        (COLLECTIVE, INDIVIDUAL),
        "“TL.” đứng trước chức vụ của người đứng đầu khi ký thừa lệnh",
    ),
    Rule(
        "TUQ.",
        "head-title",
        DELEGATED,
        (COLLECTIVE, INDIVIDUAL),
        "“TUQ.” đứng trước chức vụ của người đứng đầu khi ký thừa ủy quyền",
    ),
)
BY_PREFIX: dict[str, Rule] = {r.prefix: r for r in RULES}
PREFIX = re.compile(r"^(TM|Q|KT|TL|TUQ)\.\s*", re.IGNORECASE)

# Heads' titles, upper case, as printed (ô 7a): the head of a People's Committee, a Sở, a
# Phòng, a Hội đồng; a deputy's title is the head's with `PHÓ `.
HEAD_TITLES = (
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "TRƯỞNG PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "TRƯỞNG BAN",
    "THỦ TRƯỞNG",
    "CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "BỘ TRƯỞNG",
    "HIỆU TRƯỞNG",
    "TỔNG GIÁM ĐỐC",
    "VIỆN TRƯỞNG",
    "CHÁNH THANH TRA",
    "TRƯỞNG ĐOÀN",
)

# Bodies that decide as a collective, by the start of their name (upper case).
COLLECTIVE_BODIES = (
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "UBND",
    "HỘI ĐỒNG NHÂN DÂN",
    "THƯỜNG TRỰC HỘI ĐỒNG",
    "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH",
    "HỘI ĐỒNG",
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().upper()


def head_title_of(body: str) -> str | None:
    """The head's title of a body, upper case: `ỦY BAN NHÂN DÂN …` -> `CHỦ TỊCH`,
    `SỞ NỘI VỤ …` -> `GIÁM ĐỐC`; None when unknown."""
    b = _norm(body)
    if b.startswith(("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG")):
        return "CHỦ TỊCH"
    if b.startswith(("SỞ ", "BAN QUẢN LÝ")):
        return "GIÁM ĐỐC" if b.startswith("SỞ ") else "TRƯỞNG BAN"
    if b.startswith("PHÒNG "):
        return "TRƯỞNG PHÒNG"
    if b.startswith("VĂN PHÒNG"):
        return "CHÁNH VĂN PHÒNG"
    if b.startswith("CỤC "):
        return "CỤC TRƯỞNG"
    if b.startswith("CHI CỤC "):
        return "CHI CỤC TRƯỞNG"
    if b.startswith("BỘ "):
        return "BỘ TRƯỞNG"
    return None


def is_collective_body(body: str) -> bool:
    return _norm(body).startswith(COLLECTIVE_BODIES)


def collective_name(body: str) -> str:
    """The collective's name after `TM.`: `ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI` -> `ỦY BAN NHÂN DÂN`
    (the Decree's own samples name the collective without its place)."""
    b = _norm(body)
    for start in COLLECTIVE_BODIES:
        if b.startswith(start):
            return "ỦY BAN NHÂN DÂN" if start in ("UỶ BAN NHÂN DÂN", "UBND") else start
    return b


def block(issuer: str, decides: str, signer: str, signer_title: str | None = None) -> list[str]:
    """The signing-authority and title lines (ô 7a), upper case.

    issuer: the issuing body as printed (`ỦY BAN NHÂN DÂN QUẬN LONG BIÊN`, `SỞ NỘI VỤ …`).
    decides: COLLECTIVE or INDIVIDUAL.
    signer: HEAD, DEPUTY, ACTING, BY_ORDER, DELEGATED.
    signer_title: the signer's own title for the last line (`PHÓ CHỦ TỊCH`); by default the
    head's title, or `PHÓ <head>` for a deputy.
    Raises ValueError when the head's title cannot be told from the issuer and none is given.
    """
    head = head_title_of(issuer)
    if head is None and signer_title is None:
        raise ValueError(f"unknown head title for {issuer!r}")
    head = head or _norm(signer_title or "")
    own = _norm(signer_title) if signer_title else (f"PHÓ {head}" if signer == DEPUTY else head)
    lines: list[str] = []
    if decides == COLLECTIVE and is_collective_body(issuer):
        lines.append(f"TM. {collective_name(issuer)}")
        if signer == DEPUTY:
            lines.append(f"KT. {head}")
        elif signer in (ACTING, BY_ORDER, DELEGATED):
            lines.append(f"{_prefix(signer)} {head}")
        if signer != ACTING:  # `Q. CHỦ TỊCH` is the acting head's whole title
            lines.append(own if signer == DEPUTY else head if signer == HEAD else own)
        return lines
    if signer == HEAD:
        return [head]
    lines.append(f"{_prefix(signer)} {head}")
    if signer != ACTING:
        lines.append(own)
    return lines


def _prefix(signer: str) -> str:
    return next(r.prefix for r in RULES if r.signer == signer and r.before == "head-title")


def problems(lines: list[str], issuer: str, decides: str | None) -> list[str]:
    """What is wrong with a signature's authority lines against the issuer and who decides,
    in Vietnamese, for the checker and for a `Thẩm quyền` the workbook writes by hand.

    lines: ô 7a as printed (authority lines, then the title); decides: COLLECTIVE, INDIVIDUAL,
    or None when unknown (then only what holds either way is checked).
    """
    out: list[str] = []
    norm = [_norm(line) for line in lines if line.strip()]
    prefixed = [(m.group(1).upper() + ".", line[m.end() :].strip()) for line in norm if (m := PREFIX.match(line))]
    head = head_title_of(issuer)
    for prefix, rest in prefixed:
        if prefix == "TM.":
            if decides == INDIVIDUAL:
                out.append("Quyết định của cá nhân người đứng đầu không ký “TM.”: " + BY_PREFIX["TM."].text)
            elif rest.startswith(HEAD_TITLES) or rest.startswith("PHÓ "):
                out.append(f"“TM.” đứng trước chức vụ “{rest}”: " + BY_PREFIX["TM."].text)
        else:
            if rest and not rest.startswith(HEAD_TITLES) and not (head and rest.startswith(head)):
                if is_collective_body(rest) or rest.startswith(("SỞ ", "PHÒNG ")):
                    out.append(f"“{prefix}” đứng trước tên cơ quan “{rest}”: " + BY_PREFIX[prefix].text)
            if rest.startswith("PHÓ "):
                out.append(f"“{prefix}” đứng trước chức vụ cấp phó “{rest}”: " + BY_PREFIX[prefix].text)
    if len([p for p, _ in prefixed if p != "TM."]) > 1:
        out.append("Mỗi khối chữ ký chỉ một quyền hạn ký thay (KT., Q., TL., TUQ.)")
    return out
