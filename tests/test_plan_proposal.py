"""The plan and the commendation proposal: structure, facts and the legal basis by date."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline import legal
from pipeline.build import build_campaign
from pipeline.errors import ValidationError

from .conftest import SAMPLE, edit_workbook
from .docx_tools import paragraphs, table_rows


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    build_campaign(SAMPLE, out, ["ke-hoach", "to-trinh"])
    return out / SAMPLE.name


def test_plan_header_title_and_sections(built):
    texts = paragraphs(built / "ke-hoach.docx")
    assert texts[:2] == ["ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"]
    assert "Số: 127/KH-UBND" in texts
    assert "Long Biên, ngày 27 tháng 3 năm 2020" in texts
    title = texts.index("KẾ HOẠCH")
    assert texts[title + 1] == "Kiểm tra chéo công tác văn thư, lưu trữ năm 2020"
    sections = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, THỜI GIAN KIỂM TRA", "III. TỔ CHỨC THỰC HIỆN", "Phụ lục"]
    positions = [texts.index(s) for s in sections]
    assert positions == sorted(positions)
    assert (
        "- Tự kiểm tra, chấm điểm theo các tiêu chí; gửi báo cáo và biểu tự chấm điểm về "
        "UBND phường Phúc Lợi trước ngày 14/8/2020;"
    ) in texts
    assert (
        "Cụm thi đua số 1 họp chấm điểm, bình xét thi đua vào hồi 14 giờ 00 phút, ngày "
        "17/8/2020 tại trụ sở UBND phường Phúc Lợi; UBND phường Phúc Lợi (đơn vị cụm "
        "trưởng) chủ trì."
    ) in texts


def test_plan_schedule_table(built):
    rows = table_rows(built / "ke-hoach.docx", 1)
    assert rows == [
        ["TT", "Đơn vị được kiểm tra", "Đơn vị kiểm tra", "Thời gian"],
        ["1", "UBND phường Phúc Lợi", "UBND phường Việt Hưng", "14 giờ 00 phút, ngày 14/8/2020"],
        ["2", "UBND phường Việt Hưng", "UBND phường Đức Giang", "14 giờ 00 phút, ngày 14/8/2020"],
        ["3", "UBND phường Đức Giang", "UBND phường Giang Biên", "14 giờ 00 phút, ngày 14/8/2020"],
        ["4", "UBND phường Giang Biên", "UBND phường Phúc Đồng", "14 giờ 00 phút, ngày 14/8/2020"],
        ["5", "UBND phường Phúc Đồng", "UBND phường Phúc Lợi", "14 giờ 00 phút, ngày 14/8/2020"],
    ]


def test_plan_annex_on_a_new_page_with_the_criteria(built):
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn

    doc = Document(str(built / "ke-hoach.docx"))
    label = next(p for p in doc.paragraphs if p.text == "Phụ lục")
    # a section of its own on a new page, numbering its own pages (Phụ lục I §III.1.đ)
    assert label._p.getprevious().find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
    annex = doc.sections[-1]
    assert len(doc.sections) == 2 and annex.start_type == WD_SECTION.NEW_PAGE
    assert annex._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert annex.different_first_page_header_footer
    texts = paragraphs(built / "ke-hoach.docx")
    start = texts.index("Phụ lục")
    assert texts[start + 1 : start + 3] == [
        "TIÊU CHÍ CHẤM ĐIỂM CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2020",
        "(Kèm theo Kế hoạch số 127/KH-UBND ngày 27 tháng 3 năm 2020 của UBND quận Long Biên)",
    ]
    rows = table_rows(built / "ke-hoach.docx", 3)
    assert rows[0] == ["Mã", "Nội dung tiêu chí", "Điểm tối đa"]
    assert len(rows) == 1 + 21 + 1
    assert rows[-1] == ["", "Tổng cộng", "100"]


def test_plan_signature_and_recipients(built):
    doc = Document(str(built / "ke-hoach.docx"))
    left, right = doc.tables[2].rows[0].cells
    assert [p.text for p in right.paragraphs] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Bình",
    ]
    entries = [p.text for p in left.paragraphs]
    assert entries[0] == "Nơi nhận:"
    assert entries[-1] == "- Lưu: VT, NV."
    assert all(e.startswith("- ") and e.endswith(";") for e in entries[1:-1])


def test_proposal_header_and_addressee(built):
    texts = paragraphs(built / "to-trinh-khen-thuong.docx")
    assert texts[:3] == ["UBND QUẬN LONG BIÊN", "ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]
    assert "Số: 45/TTr-UBND" in texts
    assert "Phúc Lợi, ngày 18 tháng 8 năm 2020" in texts
    title = texts.index("TỜ TRÌNH")
    assert " ".join(texts[title + 1 : title + 3]) == (
        "Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích trong công tác văn thư, lưu trữ năm 2020"
    )
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng quận Long Biên." in texts


def basis_lines(texts: list[str]) -> list[str]:
    """The căn cứ lines: those between the addressee and the first section."""
    end = texts.index("I. KẾT QUẢ CHẤM ĐIỂM, BÌNH XÉT THI ĐUA")
    return [t for t in texts[:end] if t.startswith("Căn cứ ")]


def test_proposal_basis_in_force_in_2020(built):
    texts = paragraphs(built / "to-trinh-khen-thuong.docx")
    basis = basis_lines(texts)
    assert basis == [
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một "
        "số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm "
        "2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Kế hoạch số 127/KH-UBND ngày 27/3/2020 của UBND quận Long Biên về việc kiểm tra "
        "chéo công tác văn thư, lưu trữ năm 2020;",
        "Căn cứ Biên bản họp cụm chấm điểm, bình xét thi đua công tác văn thư, lưu trữ năm 2020 "
        "ngày 17/8/2020 của Cụm thi đua số 1.",
    ]
    doc = Document(str(built / "to-trinh-khen-thuong.docx"))
    first = next(p for p in doc.paragraphs if p.text.startswith("Căn cứ "))
    assert first.style.font.italic


def test_proposal_body_and_annex(built):
    texts = paragraphs(built / "to-trinh-khen-thuong.docx")
    assert "Kết quả: 5/5 phường đạt loại A; UBND phường Đức Giang dẫn đầu cụm với 95,5 điểm." in texts
    # One addressee throughout (Kính gửi), who puts it to the authority the award names.
    assert (
        "Căn cứ kết quả trên, UBND phường Phúc Lợi (đơn vị cụm trưởng) kính đề nghị Hội "
        "đồng Thi đua - Khen thưởng quận Long Biên xem xét, trình Chủ tịch UBND quận Long "
        "Biên quyết định khen thưởng 1 tập thể, 3 cá nhân có thành tích trong công tác văn "
        "thư, lưu trữ năm 2020 (có danh sách kèm theo), cụ thể:"
    ) in texts
    assert (
        "UBND phường Phúc Lợi kính trình Hội đồng Thi đua - Khen thưởng quận Long Biên xem "
        "xét, đề nghị Chủ tịch UBND quận Long Biên quyết định./."
    ) in texts
    assert "- Giấy khen của Chủ tịch UBND quận Long Biên: 1 tập thể, 3 cá nhân." in texts
    assert texts[texts.index("Phụ lục") + 1] == "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    assert texts[texts.index("Phụ lục") + 2] == (
        "(Kèm theo Tờ trình số 45/TTr-UBND ngày 18 tháng 8 năm 2020 của UBND phường Phúc Lợi)"
    )
    rows = table_rows(built / "to-trinh-khen-thuong.docx", 2)
    assert rows[0] == ["TT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Thành tích"]
    assert rows[1][:2] == ["I", "TẬP THỂ: Giấy khen của Chủ tịch UBND quận Long Biên"]
    assert rows[2][:4] == ["1", "UBND phường Đức Giang", "", "UBND phường Đức Giang"]
    assert rows[3][:2] == ["II", "CÁ NHÂN: Giấy khen của Chủ tịch UBND quận Long Biên"]
    assert [r[1] for r in rows[4:]] == ["Dương Thị Thanh Huyền", "Nguyễn Thị Thu Trang", "Vũ Thị Ngọc Ánh"]


@pytest.mark.parametrize(
    "day, law, decree",
    [
        (date(2023, 12, 31), "ngày 26 tháng 11 năm 2003", "91/2017/NĐ-CP"),
        (date(2024, 1, 1), "ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP"),
        (date(2025, 6, 30), "ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP"),
        (date(2025, 7, 1), "ngày 15 tháng 6 năm 2022", "152/2025/NĐ-CP"),
    ],
)
def test_legal_basis_by_date(day, law, decree):
    law_text, decree_text = legal.in_force(day)
    assert law in law_text and decree in decree_text


def test_a_2025_proposal_cites_the_2022_law_not_the_old_decree(campaign_dir, tmp_path):
    edit_workbook(
        campaign_dir / "du-lieu.xlsx",
        {
            ("Chung", "B4"): 2025,
            ("Văn bản", "G5"): datetime(2025, 9, 12),
        },
    )
    build_campaign(campaign_dir, tmp_path, ["to-trinh"])
    texts = paragraphs(tmp_path / campaign_dir.name / "to-trinh-khen-thuong.docx")
    basis = " ".join(basis_lines(texts))
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in basis
    assert "Nghị định số 152/2025/NĐ-CP" in basis
    assert "91/2017" not in basis and "98/2023" not in basis and "năm 2003" not in basis
    assert "Phúc Lợi, ngày 12 tháng 9 năm 2025" in texts


def test_a_cong_van_basis_is_cited_as_given(campaign_dir, tmp_path):
    basis = (
        "Văn bản số 155/NV-VTLT ngày 25/9/2018 của Phòng Nội vụ quận Long Biên về việc "
        "hướng dẫn kiểm tra chéo công tác văn thư, lưu trữ"
    )
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chung", "append"): ["Căn cứ kế hoạch", basis]})
    build_campaign(campaign_dir, tmp_path, ["to-trinh", "bien-ban-hop-cum"])
    proposal = paragraphs(tmp_path / campaign_dir.name / "to-trinh-khen-thuong.docx")
    assert f"Căn cứ {basis};" in proposal
    minutes = paragraphs(tmp_path / campaign_dir.name / "bien-ban-hop-cum.docx")
    assert f"- {basis};" in minutes


def test_proposal_without_awards_sheet_says_what_is_missing(campaign_dir, tmp_path):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("drop", "Khen thưởng"): None})
    with pytest.raises(ValidationError) as info:
        build_campaign(campaign_dir, tmp_path, ["to-trinh"])
    assert [str(p) for p in info.value.problems] == [
        "du-lieu.xlsx › Khen thưởng: tờ trình đề nghị khen thưởng cần danh sách đề nghị khen "
        'thưởng; chưa có trang "Khen thưởng".'
    ]
    assert not (tmp_path / campaign_dir.name).exists()


def test_nominee_whose_unit_is_not_top_grade_is_a_warning(campaign_dir, tmp_path):
    # Giang Biên (89) loses 5 points on 1.1 and 9 on 2.1: 75, grade B.
    rows = {"GB 1.1": None, "GB 2.1": None}
    from openpyxl import load_workbook

    book = load_workbook(campaign_dir / "du-lieu.xlsx")
    sheet = book["Chấm điểm"]
    for row in sheet.iter_rows(min_row=2):
        key = f"{row[0].value} {row[1].value}"
        if key in rows:
            row[3].value = 0
    book.save(campaign_dir / "du-lieu.xlsx")
    outcome = build_campaign(campaign_dir, tmp_path, ["to-trinh"])
    assert outcome.warnings == [
        "Vũ Thị Ngọc Ánh (cá nhân) được đề nghị khen thưởng nhưng đơn vị UBND phường Giang Biên "
        "xếp loại B, không phải loại cao nhất (A)."
    ]
    assert (tmp_path / campaign_dir.name / "to-trinh-khen-thuong.docx").exists()


def test_several_addressees_one_per_line(campaign_dir, tmp_path):
    edit_workbook(
        campaign_dir / "du-lieu.xlsx",
        {("Văn bản", "K5"): "Chủ tịch UBND quận Long Biên\nHội đồng Thi đua - Khen thưởng quận Long Biên"},
    )
    build_campaign(campaign_dir, tmp_path, ["to-trinh"])
    texts = paragraphs(tmp_path / campaign_dir.name / "to-trinh-khen-thuong.docx")
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 3] == [
        "- Chủ tịch UBND quận Long Biên;",
        "- Hội đồng Thi đua - Khen thưởng quận Long Biên.",
    ]


@pytest.mark.parametrize(
    "addressee, forms, proposal, closing",
    [
        # the Hội đồng of the same level: it considers, the Chủ tịch decides
        (
            "Hội đồng Thi đua - Khen thưởng quận Long Biên",
            ["Giấy khen của Chủ tịch UBND quận Long Biên"],
            "trình Chủ tịch UBND quận Long Biên quyết định",
            "đề nghị Chủ tịch UBND quận Long Biên quyết định",
        ),
        # the People's Committee itself
        (
            "UBND quận Long Biên",
            ["Giấy khen của Chủ tịch UBND quận Long Biên"],
            "trình Chủ tịch UBND quận Long Biên quyết định",
            "đề nghị Chủ tịch UBND quận Long Biên quyết định",
        ),
        # the authority itself decides
        ("Chủ tịch UBND quận Long Biên", ["Giấy khen của Chủ tịch UBND quận Long Biên"], "quyết định", "quyết định"),
        # a Sở at province level, for a Bằng khen of the province's Chủ tịch
        (
            "Sở Nội vụ tỉnh Bắc Ninh",
            ["Bằng khen của Chủ tịch UBND tỉnh Bắc Ninh"],
            "trình Chủ tịch UBND tỉnh Bắc Ninh quyết định",
            "đề nghị Chủ tịch UBND tỉnh Bắc Ninh quyết định",
        ),
        # awards of two authorities, or one that does not say whose
        (
            "Hội đồng Thi đua - Khen thưởng quận Long Biên",
            ["Giấy khen của Chủ tịch UBND quận Long Biên", "Bằng khen của Chủ tịch UBND thành phố Hà Nội"],
            "trình cấp có thẩm quyền quyết định",
            "đề nghị cấp có thẩm quyền quyết định",
        ),
        (
            "Hội đồng Thi đua - Khen thưởng quận Long Biên",
            ["Giấy khen"],
            "trình cấp có thẩm quyền quyết định",
            "đề nghị cấp có thẩm quyền quyết định",
        ),
    ],
)
@pytest.mark.slow
def test_proposal_asks_its_addressee_and_names_who_decides(campaign_dir, tmp_path, addressee, forms, proposal, closing):
    book = openpyxl.load_workbook(campaign_dir / "du-lieu.xlsx")
    rows = [r for r in book["Văn bản"].iter_rows(min_row=2) if r[0].value == "to-trinh"]
    header = [c.value for c in book["Văn bản"][1]]
    rows[0][header.index("Kính gửi")].value = addressee
    awards = book["Khen thưởng"]
    form_col = [c.value for c in awards[1]].index("Hình thức")
    for i, row in enumerate(awards.iter_rows(min_row=2)):
        row[form_col].value = forms[i % len(forms)]
    book.save(campaign_dir / "du-lieu.xlsx")
    build_campaign(campaign_dir, tmp_path, ["to-trinh"])
    texts = paragraphs(tmp_path / campaign_dir.name / "to-trinh-khen-thuong.docx")
    assert f"Kính gửi: {addressee}." in texts
    body = next(t for t in texts if t.startswith("Căn cứ kết quả trên"))
    assert f"kính đề nghị {addressee} xem xét, {proposal} khen thưởng " in body
    end = next(t for t in texts if t.endswith("./.") and "kính trình" in t)
    assert end == f"UBND phường Phúc Lợi kính trình {addressee} xem xét, {closing}./."
    # no other body is asked to consider or decide
    others = {"UBND quận Long Biên", "Hội đồng Thi đua - Khen thưởng quận Long Biên"} - {addressee}
    for text in texts:
        if "xem xét" in text:
            assert not any(f"{verb} {o} xem xét" in text for o in others for verb in ("đề nghị", "trình")), text
