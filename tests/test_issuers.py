"""Issuers and signers derived from the facts (issue 17, items 1, 2, 3, 5 and 10's căn cứ):
each derivation step, the geography at the document's date, names never doubled, one basis;
and two workbooks of other offices built whole (tests/issuer_campaigns.py)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline import geography as geo
from pipeline import issuers, legal
from pipeline.build import build_campaign
from pipeline.documents.common import compose_position, position_parts
from pipeline.documents.common import achievement, authority
from pipeline.errors import ValidationError
from pipeline.kinds import SLUGS
from pipeline.load import load_campaign
from pipeline.validate import validate

from .conftest import SAMPLE, edit_workbook
from .issuer_campaigns import (
    CHU_TICH_TP,
    PLAN_BASIS,
    SO_NOI_VU,
    wards_under_a_city_2025,
    wards_under_a_district_2018,
)

X = "du-lieu.xlsx"


def campaign_of(folder: Path):
    return validate(load_campaign(folder))


def texts(path: Path) -> list[str]:
    """Every paragraph's text of a .docx (body, tables), no-break characters made plain."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    xml = xml.replace("<w:noBreakHyphen/>", "<w:t>-</w:t>")
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    out = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)).replace("\u00a0", " ") for p in paras]
    return [t for t in out if t.strip()]


# ---------------------------------------------------------------- item 3: names from parts


@pytest.mark.parametrize(
    "position",
    [
        "Phó Chủ tịch",
        "Phó Chủ tịch UBND phường",
        "Phó Chủ tịch phường",
        "Phó Chủ tịch UBND phường Phúc Lợi",
        "Phó Chủ tịch phường Phúc Lợi",
    ],
)
def test_a_title_with_or_without_its_unit_reads_once(position):
    assert compose_position(position, "UBND phường Phúc Lợi", "Phúc Lợi") == "Phó Chủ tịch UBND phường Phúc Lợi"


@pytest.mark.parametrize(
    "position, parts",
    [
        ("Phó Chủ tịch HĐND & UBND", ("Phó Chủ tịch HĐND & UBND", "phường Phúc Lợi")),
        ("Phó Chủ tịch HĐND & UBND phường", ("Phó Chủ tịch HĐND & UBND", "phường Phúc Lợi")),
        ("Công chức Văn phòng - Thống kê", ("Công chức Văn phòng - Thống kê", "UBND phường Phúc Lợi")),
        ("Bí thư Đảng ủy phường", ("Bí thư Đảng ủy", "phường Phúc Lợi")),
        ("", ("", "UBND phường Phúc Lợi")),
    ],
)
def test_position_parts(position, parts):
    assert position_parts(position, "UBND phường Phúc Lợi", "Phúc Lợi") == parts


def test_an_achievement_names_the_field_and_the_year(campaign_dir):
    campaign = campaign_of(campaign_dir)
    award = campaign.awards[0]
    assert (
        achievement(campaign, replace(award, achievement="Dẫn đầu cụm"))
        == "Dẫn đầu Cụm thi đua số 1 về công tác văn thư, lưu trữ năm 2020"
    )
    assert (
        achievement(campaign, replace(award, achievement="Hoàn thành xuất sắc nhiệm vụ"))
        == "Hoàn thành xuất sắc nhiệm vụ trong công tác văn thư, lưu trữ năm 2020"
    )


# ---------------------------------------------------------------- item 2: geography


def test_the_units_of_2025_are_a_table_with_codes():
    units = geo.units()
    assert len(units) == 3321 and len({u.province for u in units}) == 34
    assert {u.kind for u in units} == {"xã", "phường", "đặc khu"}
    phuc_loi = geo.lookup(geo.Place("phường", "Phúc Lợi"))
    assert [(u.code, u.province) for u in phuc_loi] == [("00136", "Hà Nội")]


@pytest.mark.parametrize(
    "name, day, level, place",
    [
        ("UBND phường Phúc Lợi", date(2025, 9, 1), geo.COMMUNE, "Phúc Lợi"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", date(2025, 9, 1), geo.PROVINCE, "Hà Nội"),
        ("UBND quận Long Biên", date(2020, 8, 1), geo.DISTRICT, "Long Biên"),
        ("Sở Nội vụ thành phố Hà Nội", date(2025, 9, 1), geo.DEPARTMENT, "Hà Nội"),
        ("UBND thành phố Thủ Đức", date(2024, 1, 1), geo.DISTRICT, "Thủ Đức"),
        ("UBND tỉnh Lào Cai", date(2025, 9, 1), geo.PROVINCE, "Lào Cai"),
    ],
)
def test_a_bodys_level_and_dia_danh(name, day, level, place):
    assert geo.body_of(name, day).level == level
    assert geo.place_name(name, day) == place


def test_after_the_reform_a_district_and_an_unknown_unit_are_named():
    day = date(2025, 9, 1)
    assert "cấp huyện" in geo.unknown_after_reform("UBND quận Long Biên", day)
    assert "không có trong danh mục" in geo.unknown_after_reform("UBND phường Phúc Xá", day)
    assert geo.unknown_after_reform("UBND phường Phúc Lợi", day) is None
    assert geo.unknown_after_reform("UBND quận Long Biên", date(2025, 6, 30)) is None
    assert geo.province_of("UBND phường Phúc Lợi", day) == geo.Place("thành phố", "Hà Nội")


def test_a_district_award_after_the_reform_is_a_warning_naming_the_cell(tmp_path):
    folder = wards_under_a_city_2025(tmp_path / "inputs" / "c")
    edit_workbook(
        folder / X,
        {("Khen thưởng", "E3"): "Giấy khen của Chủ tịch UBND quận Long Biên", ("Đơn vị", "B6"): "UBND phường Phúc Xá"},
    )
    warnings = issuers.geography_warnings(campaign_of(folder), list(SLUGS))
    assert any(
        w.startswith('Trang "Khen thưởng", "Dương Thị Thanh Huyền", cột "Hình thức"') and "cấp huyện" in w
        for w in warnings
    )
    assert any(w.startswith('Trang "Đơn vị", mã "PD"') and "Phúc Xá" in w for w in warnings)


# ---------------------------------------------------------------- item 10: căn cứ thẩm quyền


@pytest.mark.parametrize(
    "day, law",
    [
        (date(2018, 11, 20), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
        (
            date(2020, 8, 28),
            "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa "
            "đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
            "quyền địa phương ngày 22 tháng 11 năm 2019",
        ),
        (date(2025, 4, 1), "Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025"),
        (date(2025, 11, 20), "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"),
    ],
)
def test_the_local_government_law_in_force(day, law):
    assert legal.competence("UBND", day) == [law]


# ---------------------------------------------------------------- item 1: each derivation step


def test_step_1_another_row_of_the_same_issuer(tmp_path):
    """No `quyet-dinh` row: the quận's own plan row gives the abbreviation and địa danh."""
    folder = wards_under_a_district_2018(tmp_path / "inputs" / "c")
    edit_workbook(folder / X, {("Văn bản", "D2"): "UBNDQ", ("Văn bản", "E2"): "Q. Long Biên"})
    (decision,) = issuers.decisions(campaign_of(folder))
    row = decision.row
    assert (row.issuer, row.abbreviation, row.place, row.managing_body) == (
        "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "UBNDQ",
        "Q. Long Biên",
        None,
    )
    assert (row.authority, row.signer_title) == ((), "CHỦ TỊCH")  # the Chủ tịch's Giấy khen
    assert authority(row) == "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"


def test_step_2_the_authority_the_award_names(tmp_path):
    """A Sở director's Giấy khen: issued by the Sở (under its city's People's Committee),
    signed `GIÁM ĐỐC`; a Chủ tịch's Bằng khen: signed `CHỦ TỊCH`, never `TM.`."""
    found = issuers.decisions(campaign_of(wards_under_a_city_2025(tmp_path / "inputs" / "c")))
    by = {d.authority.text: d for d in found}
    assert list(by) == ["Chủ tịch UBND thành phố Hà Nội", "Giám đốc Sở Nội vụ thành phố Hà Nội"]
    so = by["Giám đốc Sở Nội vụ thành phố Hà Nội"].row
    assert (so.managing_body, so.issuer, so.abbreviation, so.place) == (
        "UBND THÀNH PHỐ HÀ NỘI",
        "SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI",
        "SNV",
        "Hà Nội",
    )
    assert (so.authority, so.signer_title) == ((), "GIÁM ĐỐC")
    assert authority(so) == "GIÁM ĐỐC SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI"
    city = by["Chủ tịch UBND thành phố Hà Nội"].row
    assert (city.managing_body, city.issuer, city.abbreviation, city.place) == (
        None,
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "UBND",
        "Hà Nội",
    )
    assert (city.authority, city.signer_title) == ((), "CHỦ TỊCH")
    assert [a.form for a in by["Chủ tịch UBND thành phố Hà Nội"].awards] == [CHU_TICH_TP]
    assert {a.form for a in by["Giám đốc Sở Nội vụ thành phố Hà Nội"].awards} == {SO_NOI_VU}


def test_a_deputy_signs_kt_for_an_individuals_decision(campaign_dir):
    """The row names only the deputy's title: `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`."""
    edit_workbook(campaign_dir / X, {("Văn bản", "H7"): None})
    (decision,) = issuers.decisions(campaign_of(campaign_dir))
    assert list(decision.row.authority) + [decision.row.signer_title] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert decision.warnings == []


def test_an_explicit_thẩm_quyền_is_printed_as_written_with_a_warning(campaign_dir):
    edit_workbook(campaign_dir / X, {("Văn bản", "H7"): "TM. ỦY BAN NHÂN DÂN", ("Văn bản", "I7"): "CHỦ TỊCH"})
    (decision,) = issuers.decisions(campaign_of(campaign_dir))
    assert decision.row.authority == ("TM. ỦY BAN NHÂN DÂN",)
    assert decision.row.signer_title == "CHỦ TỊCH"
    assert decision.warnings == [
        'Dòng "quyet-dinh" của trang "Văn bản", cột "Thẩm quyền" (TM. ỦY BAN NHÂN DÂN / CHỦ '
        "TỊCH): Quyết định của cá nhân người đứng đầu không ký “TM.”: “TM.” đứng trước tên tập "
        "thể lãnh đạo hoặc tên cơ quan, tổ chức khi ký thay mặt tập thể; văn bản in đúng như đã "
        "ghi."
    ]


def test_step_3_what_cannot_be_derived_is_left_blank_and_named(tmp_path):
    """An authority whose place and head title nothing tells: blank địa danh and title, and a
    warning naming the row to add; never a placeholder, never an agency in the date line."""
    folder = wards_under_a_district_2018(tmp_path / "inputs" / "c")
    edit_workbook(folder / X, {("Khen thưởng", f"E{n}"): "Giấy khen của Hiệp hội Văn thư" for n in range(2, 6)})
    out = tmp_path / "outputs"
    outcome = build_campaign(folder, out, ["quyet-dinh", "giay-khen"])
    lines = texts(out / "c" / "quyet-dinh-khen-thuong.docx")
    assert "……, ngày … tháng … năm 2018" in lines
    assert "THỦ TRƯỞNG CƠ QUAN" not in lines
    assert any(
        w.startswith('Chưa xác định được địa danh của Hiệp hội Văn thư: thêm dòng "quyet-dinh"')
        for w in outcome.warnings
    )
    assert any(w.startswith("Chưa xác định được thẩm quyền ký của Hiệp hội Văn thư") for w in outcome.warnings)


def test_several_quyet_dinh_rows_are_told_apart_by_their_issuer(tmp_path):
    folder = wards_under_a_city_2025(tmp_path / "inputs" / "c")
    row = [
        "quyet-dinh",
        "UBND THÀNH PHỐ HÀ NỘI",
        "SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI",
        "SNV",
        "Hà Nội",
        412,
        datetime(2025, 12, 2),
        None,
        "PHÓ GIÁM ĐỐC",
        "Lê Văn Sơn",
        None,
        None,
        "Quyết định số 12/2025/QĐ-UBND ngày 30/6/2025 của UBND thành phố Hà Nội quy định "
        "chức năng, nhiệm vụ của Sở Nội vụ",
    ]
    edit_workbook(
        folder / X,
        {
            ("Văn bản", "M1"): "Căn cứ thẩm quyền",  # added as staff add it
            ("Văn bản", "append"): row,
        },
    )
    campaign = campaign_of(folder)
    so = next(d for d in issuers.decisions(campaign) if d.authority.head == "Giám đốc")
    assert (so.row.number, so.row.authority, so.row.signer_title) == ("412", ("KT. GIÁM ĐỐC",), "PHÓ GIÁM ĐỐC")
    out = tmp_path / "outputs"
    build_campaign(folder, out, ["quyet-dinh"])
    lines = texts(out / "c" / "quyet-dinh-khen-thuong-giam-doc-so-noi-vu-thanh-pho-ha-noi.docx")
    assert lines[lines.index("GIÁM ĐỐC SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI") + 1] == (
        "Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 30/6/2025 của UBND thành phố Hà Nội quy định "
        "chức năng, nhiệm vụ của Sở Nội vụ;"
    )
    edit_workbook(folder / X, {("Văn bản", "append"): row})  # the same issuer twice
    with pytest.raises(ValidationError, match="bị ghi hai lần"):
        campaign_of(folder)


def test_a_so_is_never_printed_above_a_peoples_committee(tmp_path):
    folder = wards_under_a_city_2025(tmp_path / "inputs" / "c")
    out = tmp_path / "outputs"
    outcome = build_campaign(folder, out, ["bien-ban-kiem-tra"])
    lines = texts(out / "c" / "bien-ban-kiem-tra-pl.docx")
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]
    assert not any("SỞ NỘI VỤ" in line for line in lines)
    assert (
        'Dòng "bien-ban-kiem-tra" của trang "Văn bản": cơ quan chủ quản "SỞ NỘI VỤ THÀNH PHỐ '
        'HÀ NỘI" là một sở, không đứng trên "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"; văn bản không '
        "in cơ quan chủ quản."
    ) in outcome.warnings


# ---------------------------------------------------------------- whole campaigns

DOUBLED = re.compile(
    r"\b(UBND|HĐND|phường|xã|quận|huyện)\s+(?:UBND\s+)?\1\b|\bUBND\s+phường\s+"
    r"UBND\b|\bphường\s+phường\b",
    re.IGNORECASE,
)
AGENCY = re.compile(r"\b(UBND|ỦY BAN|Ủy ban|Sở|SỞ|Phòng|Cụm)\b")
DATE_LINE = re.compile(r"^(?P<place>[^,]*), ngày ")


def _invariants(folder: Path) -> dict[str, list[str]]:
    """No doubled name, no placeholder, no agency in a date line in any document; the format
    checker finds nothing in the administrative ones."""
    from pipeline.formatcheck import check_docx

    docs = {p.name: texts(p) for p in sorted(folder.glob("*.docx"))}
    for name in docs:
        if not name.startswith(("giay-khen", "tin-bai")):
            assert [(f.rule, f.message) for f in check_docx(folder / name)] == [], name
    for name, lines in docs.items():
        for line in lines:
            assert not DOUBLED.search(line), (name, line)
            assert "THỦ TRƯỞNG CƠ QUAN" not in line.upper(), (name, line)
            date_line = DATE_LINE.match(line)
            if date_line and len(line) < 60:
                assert not AGENCY.search(date_line["place"]), (name, line)
    return docs


@pytest.fixture(scope="module")
def built_2018(tmp_path_factory):
    base = tmp_path_factory.mktemp("y2018")
    folder = wards_under_a_district_2018(base / "inputs" / "c")
    outcome = build_campaign(folder, base / "outputs", list(SLUGS))
    return base / "outputs" / "c", outcome


@pytest.fixture(scope="module")
def built_2025(tmp_path_factory):
    base = tmp_path_factory.mktemp("y2025")
    folder = wards_under_a_city_2025(base / "inputs" / "c")
    outcome = build_campaign(folder, base / "outputs", list(SLUGS))
    return base / "outputs" / "c", outcome


def test_wards_under_a_district_before_the_reform(built_2018):
    folder, outcome = built_2018
    docs = _invariants(folder)
    decision = docs["quyet-dinh-khen-thuong.docx"]
    assert decision[:2] == ["ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"]
    assert "Long Biên, ngày … tháng … năm 2018" in decision
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN LONG BIÊN" in decision
    assert decision[decision.index("CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN LONG BIÊN") + 1] == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    )
    assert "TM. ỦY BAN NHÂN DÂN" not in decision  # the Chủ tịch's Giấy khen
    signature = decision.index("Nơi nhận:")
    assert "CHỦ TỊCH" in decision[signature:]
    certificates = docs["giay-khen.docx"]
    assert "TM. ỦY BAN NHÂN DÂN" not in certificates and "CHỦ TỊCH" in certificates
    # titles written without the unit read whole, once
    meeting = docs["bien-ban-hop-cum.docx"]
    assert "- Đồng chí Giáp Thị Thanh Nhàn, Phó Chủ tịch UBND phường Việt Hưng;" in meeting
    assert "- Đồng chí Nguyễn Thị Thuần, Phó Chủ tịch UBND phường Đức Giang;" in meeting
    assert (
        'Trang "Văn bản" chưa có dòng "quyet-dinh": dùng cơ quan ban hành "UBND quận Long '
        'Biên", số để trống cho văn thư ghi.'
    ) in outcome.warnings


def test_wards_under_a_city_after_the_reform(built_2025):
    folder, outcome = built_2025
    docs = _invariants(folder)
    assert sorted(n for n in docs if n.startswith(("quyet-dinh", "giay-khen"))) == [
        "giay-khen-chu-tich-ubnd-thanh-pho-ha-noi-in-thu.docx",
        "giay-khen-chu-tich-ubnd-thanh-pho-ha-noi.docx",
        "giay-khen-giam-doc-so-noi-vu-thanh-pho-ha-noi-in-thu.docx",
        "giay-khen-giam-doc-so-noi-vu-thanh-pho-ha-noi.docx",
        "quyet-dinh-khen-thuong-chu-tich-ubnd-thanh-pho-ha-noi.docx",
        "quyet-dinh-khen-thuong-giam-doc-so-noi-vu-thanh-pho-ha-noi.docx",
    ]
    so = docs["quyet-dinh-khen-thuong-giam-doc-so-noi-vu-thanh-pho-ha-noi.docx"]
    assert so[0] == "UBND THÀNH PHỐ HÀ NỘI" and "Số:      /QĐ-SNV" in so
    assert "Về việc tặng Giấy khen cho cá nhân có thành tích trong công tác văn thư, lưu trữ năm 2025" in " ".join(
        so
    )  # only persons: the subject does not speak of collectives
    assert "Hà Nội, ngày … tháng … năm 2025" in so
    assert so[so.index("GIÁM ĐỐC SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI") + 1] == "Căn cứ …………………………………………………………;"
    assert so[-1] == "GIÁM ĐỐC"
    assert any(line.endswith("ý kiến của Hội đồng Thi đua - Khen thưởng Sở Nội vụ.") for line in so)
    city = docs["quyet-dinh-khen-thuong-chu-tich-ubnd-thanh-pho-ha-noi.docx"]
    assert city[:2] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    assert (
        city[city.index("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI") + 1]
        == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    )
    assert city[-1] == "CHỦ TỊCH" and "TM. ỦY BAN NHÂN DÂN" not in city
    so_pages = docs["giay-khen-giam-doc-so-noi-vu-thanh-pho-ha-noi.docx"]
    assert so_pages.count("GIÁM ĐỐC SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI") == 3
    assert "UBND phường Bồ Đề" in docs["giay-khen-chu-tich-ubnd-thanh-pho-ha-noi.docx"]
    assert not any("cấp huyện" in w or "không có trong danh mục" in w for w in outcome.warnings)


def test_every_document_names_the_same_basis(built_2025):
    """Item 5: the cluster's own plan implements `Căn cứ kế hoạch`, which every document
    that cites a plan cites; the plan is the leading unit's and has its `Nơi nhận`."""
    folder, _ = built_2025
    docs = {p.name: texts(p) for p in folder.glob("*.docx")}
    plan = docs["ke-hoach.docx"]
    assert plan[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"] and "Số:      /KH-UBND" in plan
    assert any(
        line.startswith(
            f"Thực hiện {PLAN_BASIS}, UBND phường Phúc Lợi (đơn vị cụm trưởng Cụm thi đua số 1) ban hành Kế hoạch"
        )
        for line in plan
    )
    notes = plan[plan.index("Nơi nhận:") + 1 :]
    assert notes[:2] == ["- UBND thành phố Hà Nội (để b/c);", "- UBND phường Việt Hưng;"]
    assert "- Lưu: VT." in notes
    for name in ("bien-ban-kiem-tra-pl.docx", "bien-ban-hop-cum.docx", "to-trinh-khen-thuong.docx", "tin-bai.docx"):
        assert any(PLAN_BASIS in line for line in docs[name]), name
        assert not any("Kế hoạch của UBND" in line for line in docs[name]), name


def test_the_sample_keeps_its_files_and_issuers(tmp_path):
    out = tmp_path / "outputs"
    outcome = build_campaign(SAMPLE, out, list(SLUGS))
    names = sorted(p.name for p in outcome.written)
    assert "quyet-dinh-khen-thuong.docx" in names and "giay-khen.docx" in names
    decision = texts(out / SAMPLE.name / "quyet-dinh-khen-thuong.docx")
    at = decision.index("KT. CHỦ TỊCH")
    assert decision[at + 1 : at + 3] == ["PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"]
    _invariants(out / SAMPLE.name)


def test_a_yearly_summary_after_the_reform_is_the_provinces(tmp_path):
    """2025, wards under the city: the report is the Sở Nội vụ's, not a district's."""
    from pipeline.summary import build_summary

    wards_under_a_city_2025(tmp_path / "inputs" / "cum-2025")
    outcome = build_summary(tmp_path / "inputs", tmp_path / "outputs", 2025)
    lines = texts(outcome.folder / "bao-cao-tong-hop.docx")
    assert lines[0] == "UBND THÀNH PHỐ HÀ NỘI"
    assert "Số:      /BC-SNV" in lines and "Hà Nội, ngày … tháng … năm 2025" in lines
    notes = lines.index("Nơi nhận:")
    assert lines[notes + 1 : notes + 3] == ["- Lưu: VT.", "GIÁM ĐỐC"]
    assert "TM. ỦY BAN NHÂN DÂN" not in lines


@pytest.mark.parametrize(
    "seen",
    [
        "Phó Chủ tịch UBND phường UBND phường Phúc Lợi",
        "Phó Chủ tịch HĐND & UBND UBND phường Phúc Lợi",
        "Phó Chủ tịch UBND phường phường Phúc Lợi",
    ],
)
def test_the_doubled_phrases_the_issue_saw_are_caught(seen):
    """The invariant above catches each doubled name the issue reports."""
    assert DOUBLED.search(seen)


def test_the_table_builder_reads_the_packages_nested_json():
    from tools.build_admin_units import rows

    nested = [
        {
            "name": "Thành phố Hà Nội",
            "code": 1,
            "division_type": "thành phố trung ương",
            "wards": [{"name": "Phường Phúc Lợi", "code": 136, "division_type": "phường"}],
        },
        {
            "name": "Tỉnh Quảng Ninh",
            "code": 22,
            "division_type": "tỉnh",
            "wards": [{"name": "Đặc khu Cô Tô", "code": 7192, "division_type": "đặc khu"}],
        },
    ]
    assert rows(nested) == [
        ("01", "Hà Nội", "thành phố", "00136", "Phúc Lợi", "phường"),
        ("22", "Quảng Ninh", "tỉnh", "07192", "Cô Tô", "đặc khu"),
    ]
