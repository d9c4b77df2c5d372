"""The signing-authority table of Phụ lục I §II.7.b (pipeline/signing.py): one test per row of
`RULES`, each composing a block and judging a wrong one."""

from __future__ import annotations

import pytest

from pipeline import signing
from pipeline.signing import ACTING, BY_ORDER, COLLECTIVE, DELEGATED, DEPUTY, HEAD, INDIVIDUAL

UBND = "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"
SO = "SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI"

# prefix -> (a block the rule composes, as the Decree's samples print it; a block it forbids)
CASES = {
    "TM.": (
        signing.block(UBND, COLLECTIVE, HEAD),
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        (["TM. CHỦ TỊCH", "CHỦ TỊCH"], UBND, COLLECTIVE),
    ),
    "Q.": (signing.block(SO, INDIVIDUAL, ACTING), ["Q. GIÁM ĐỐC"], (["Q. PHÓ GIÁM ĐỐC"], SO, INDIVIDUAL)),
    "KT.": (
        signing.block(UBND, INDIVIDUAL, DEPUTY),
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        (["KT. SỞ NỘI VỤ", "PHÓ GIÁM ĐỐC"], SO, INDIVIDUAL),
    ),
    "TL.": (
        signing.block(SO, INDIVIDUAL, BY_ORDER, "CHÁNH VĂN PHÒNG"),
        ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
        (["TL. PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"], SO, INDIVIDUAL),
    ),
    "TUQ.": (
        signing.block(UBND, COLLECTIVE, DELEGATED, "CHÁNH VĂN PHÒNG"),
        ["TM. ỦY BAN NHÂN DÂN", "TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        (["TUQ. ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", "CHÁNH VĂN PHÒNG"], UBND, COLLECTIVE),
    ),
}


def test_every_rule_has_its_case():
    assert set(CASES) == {rule.prefix for rule in signing.RULES}


@pytest.mark.parametrize("prefix", [rule.prefix for rule in signing.RULES])
def test_each_rule_composes_and_judges(prefix):
    composed, expected, (wrong, issuer, decides) = CASES[prefix]
    assert composed == expected
    assert (
        signing.problems(
            expected,
            UBND if prefix in ("TM.", "KT.", "TUQ.") else SO,
            COLLECTIVE if prefix in ("TM.", "TUQ.") else INDIVIDUAL,
        )
        == []
    )
    found = signing.problems(wrong, issuer, decides)
    assert found and all(signing.BY_PREFIX[prefix].text in f for f in found)


def test_an_individuals_decision_is_never_signed_on_behalf_of_the_collective():
    """The Chủ tịch's Giấy khen: `CHỦ TỊCH` or `KT. CHỦ TỊCH`, never `TM. ỦY BAN NHÂN DÂN`."""
    assert signing.block(UBND, INDIVIDUAL, HEAD) == ["CHỦ TỊCH"]
    assert signing.block(SO, INDIVIDUAL, HEAD) == ["GIÁM ĐỐC"]
    found = signing.problems(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], UBND, INDIVIDUAL)
    assert found == ["Quyết định của cá nhân người đứng đầu không ký “TM.”: " + signing.BY_PREFIX["TM."].text]


def test_one_signing_power_per_block():
    found = signing.problems(["KT. CHỦ TỊCH", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], UBND, None)
    assert "Mỗi khối chữ ký chỉ một quyền hạn ký thay (KT., Q., TL., TUQ.)" in found


def test_a_body_whose_head_is_unknown_cannot_be_composed():
    with pytest.raises(ValueError):
        signing.block("CỤM THI ĐUA SỐ 1", COLLECTIVE, HEAD)
