"""Open the sample's minutes and check their structure, text and Decree 30 format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from pipeline.build import build_campaign
from pipeline.metrics import text_width_cm

from .conftest import SAMPLE, edit_workbook
from .docx_tools import effective, find, paragraphs, parts, plain, table_rows

UNITS = ["pl", "vh", "dg", "gb", "pd"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    outcome = build_campaign(SAMPLE, out, ["bien-ban-kiem-tra", "bien-ban-hop-cum"])
    assert outcome.warnings == []
    return out / SAMPLE.name


def all_documents(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.docx"))


def test_one_inspection_minutes_per_unit_and_the_meeting(built):
    names = sorted(p.name for p in all_documents(built))
    assert names == sorted([f"bien-ban-kiem-tra-{u}.docx" for u in UNITS] + ["bien-ban-hop-cum.docx"])


def test_no_template_tag_left(built):
    for path in all_documents(built):
        for name, xml in parts(path).items():
            text = re.sub(r"<[^>]+>", "", xml)
            assert "{{" not in text and "{%" not in text and "}}" not in text, (path.name, name)


def test_page_is_a4_with_decree_margins_and_page_numbers_from_page_two(built):
    for path in all_documents(built):
        doc = Document(str(path))
        (section,) = doc.sections
        assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
        assert 1134 <= section.top_margin.twips <= 1418
        assert 1134 <= section.bottom_margin.twips <= 1418
        assert 1701 <= section.left_margin.twips <= 1985
        assert 850 <= section.right_margin.twips <= 1134
        assert section.different_first_page_header_footer
        assert section.first_page_header.paragraphs[0].text == ""
        header = section.header.paragraphs[0]
        assert header.alignment == 1  # centred
        assert "PAGE" in "".join(t.text or "" for t in header._p.iter(qn("w:instrText")))


def test_every_run_is_times_new_roman(built):
    for path in all_documents(built):
        xml = parts(path)
        fonts = set(re.findall(r'w:(?:ascii|hAnsi|cs)="([^"]+)"', xml["word/document.xml"]))
        assert fonts <= {"Times New Roman"}, path.name
        styles = xml["word/styles.xml"]
        defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
        assert 'w:ascii="Times New Roman"' in defaults and "asciiTheme" not in defaults


def test_quoc_hieu_fits_on_one_line_in_its_cell(built):
    for path in all_documents(built):
        p = find(path, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        size, bold = effective(p, "size").pt, effective(p, "bold")
        assert 12 <= size <= 13 and bold
        cell_cm = int(p._p.getparent().find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) / 566.93
        assert text_width_cm(p.text, size, True) < cell_cm - 0.4
        motto = find(path, "Độc lập - Tự do - Hạnh phúc")
        assert 13 <= effective(motto, "size").pt <= 14 and effective(motto, "bold")


def test_header_and_number_line(built):
    path = built / "bien-ban-hop-cum.docx"
    texts = paragraphs(path)
    assert texts[:3] == ["UBND QUẬN LONG BIÊN", "CỤM THI ĐUA SỐ 1", ""]
    assert "Số:      /BB-CTĐ" in texts
    title = texts.index("BIÊN BẢN")
    assert texts[title + 1] == ("Họp cụm chấm điểm, bình xét thi đua công tác văn thư, lưu trữ năm 2020")


def test_meeting_minutes_fields_in_decree_order(built):
    texts = paragraphs(built / "bien-ban-hop-cum.docx")
    order = [
        "Thời gian bắt đầu: 14 giờ 00 phút, ngày 17 tháng 8 năm 2020.",
        "Địa điểm: Trụ sở UBND phường Phúc Lợi.",
        "Thành phần tham dự:",
        "- Đồng chí Phạm Hoài Nam, Phó Chủ tịch UBND phường Phúc Lợi - Chủ trì;",
        "- Đồng chí Giáp Thị Thanh Nhàn, Phó Chủ tịch UBND phường Việt Hưng;",
        "- Đồng chí Nguyễn Thị Thuần, Phó Chủ tịch UBND phường Đức Giang;",
        # the chair's unit once: it is the cluster leader
        "Chủ trì: Đồng chí Phạm Hoài Nam, Phó Chủ tịch UBND phường Phúc Lợi, đại diện đơn vị cụm trưởng.",
        "Nội dung:",
        (
            "- Kế hoạch số 127/KH-UBND ngày 27/3/2020 của UBND quận Long Biên về việc kiểm tra "
            "chéo công tác văn thư, lưu trữ năm 2020;"
        ),
        "- Kết quả kiểm tra thực tế tại các đơn vị vào chiều ngày 14/8/2020.",
        "Kết quả: 5/5 phường đạt loại A.",
        "a) Tập thể:",
        "- UBND phường Đức Giang: Giấy khen của Chủ tịch UBND quận Long Biên.",
        "b) Cá nhân:",
        "Cuộc họp kết thúc vào hồi 16 giờ 30 phút cùng ngày./.",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ]
    positions = [texts.index(line) for line in order]
    assert positions == sorted(positions)
    secretary = next(t for t in texts if t.startswith("Thư ký: "))
    assert secretary.startswith("Thư ký: Đồng chí ")
    assert texts.index(secretary) < texts.index("Nội dung:")


def test_meeting_results_table_ranked(built):
    rows = table_rows(built / "bien-ban-hop-cum.docx", 1)
    assert rows[0] == ["Xếp hạng", "Đơn vị", "Tự chấm", "Cụm chấm", "Xếp loại"]
    assert rows[1:] == [
        ["1", "UBND phường Đức Giang", "96,5", "95,5", "A (Xuất sắc)"],
        ["2", "UBND phường Phúc Lợi", "95", "93", "A (Xuất sắc)"],
        ["3", "UBND phường Phúc Đồng", "93,5", "91,5", "A (Xuất sắc)"],
        ["4", "UBND phường Việt Hưng", "92", "90", "A (Xuất sắc)"],
        ["5", "UBND phường Giang Biên", "89", "89", "A (Xuất sắc)"],
    ]


def test_meeting_signatures_secretary_left_chair_right(built):
    doc = Document(str(built / "bien-ban-hop-cum.docx"))
    signature = doc.tables[-1]
    titles, names = ([plain(c.text) for c in row.cells] for row in signature.rows)
    assert titles == ["THƯ KÝ", "CHỦ TRÌ"]
    assert names == ["Nguyễn Thị Thu Trang", "Phạm Hoài Nam"]


def test_inspection_minutes_of_phuc_loi(built):
    path = built / "bien-ban-kiem-tra-pl.docx"
    texts = paragraphs(path)
    assert texts[texts.index("BIÊN BẢN") + 1 : texts.index("BIÊN BẢN") + 3] == [
        "Kiểm tra chéo công tác văn thư, lưu trữ",
        "năm 2020 tại UBND phường Phúc Lợi",
    ]
    assert next(t for t in texts if t.startswith("Vào hồi")).startswith(
        "Vào hồi 14 giờ 00 phút, ngày 14 tháng 8 năm 2020, tại trụ sở UBND phường Phúc Lợi, "
    )
    assert "1. Đoàn kiểm tra (UBND phường Việt Hưng):" in texts
    assert "- Đồng chí Giáp Thị Thanh Nhàn, Phó Chủ tịch UBND phường Việt Hưng - Trưởng đoàn;" in texts
    assert "2. Đại diện UBND phường Phúc Lợi:" in texts
    assert (
        "Đoàn kiểm tra thống nhất chấm UBND phường Phúc Lợi đạt 93 (Chín mươi ba) điểm "
        "trên tổng số 100 điểm, xếp loại A (Xuất sắc)." in texts
    )
    closing = next(t for t in texts if t.startswith("Buổi kiểm tra kết thúc"))
    assert closing.startswith("Buổi kiểm tra kết thúc vào hồi 16 giờ 00 phút cùng ngày.")
    assert closing.endswith("./.")
    for heading in ("a) Ưu điểm:", "b) Hạn chế:", "c) Kiến nghị:"):
        assert heading in texts
    assert ("- Bố trí kho lưu trữ bảo đảm diện tích rộng, thoáng và tương đối đầy đủ trang thiết bị;") in texts


def test_inspection_criteria_table(built):
    rows = table_rows(built / "bien-ban-kiem-tra-pl.docx", 1)
    assert rows[0] == ["Mã", "Nội dung tiêu chí", "Điểm tối đa", "Tự chấm", "Đoàn chấm", "Ghi chú"]
    codes = [r[0] for r in rows[1:-1]]
    assert codes == [
        "1",
        "1.1",
        "1.2",
        "2",
        "2.1",
        "2.2",
        "3",
        "3.1",
        "3.2",
        "4",
        "4.1",
        "4.2",
        "5",
        "5.1",
        "5.2",
        "6",
        "6.1",
        "6.2",
        "7",
        "7.1",
        "7.2",
    ]
    assert rows[-1] == ["", "Tổng cộng", "100", "95", "93", ""]
    group = Document(str(built / "bien-ban-kiem-tra-pl.docx")).tables[1].rows[1]
    assert all(r.bold for r in group.cells[1].paragraphs[0].runs if r.text)


def test_inspection_signatures(built):
    doc = Document(str(built / "bien-ban-kiem-tra-dg.docx"))
    titles, names = ([plain(c.text) for c in row.cells] for row in doc.tables[-1].rows)
    assert titles == ["ĐẠI DIỆN UBND\nPHƯỜNG ĐỨC GIANG", "TRƯỞNG ĐOÀN KIỂM TRA"]
    # Đức Giang is inspected by Giang Biên's team (the rotation of `Lịch kiểm tra`).
    assert names == ["Ngô Văn Sơn", "Đỗ Mạnh Cường"]


@pytest.mark.slow
def test_special_characters_in_data_reach_word(campaign_dir, tmp_path):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Đơn vị", "B2"): 'UBND phường <Phúc> & "Lợi"'})
    build_campaign(campaign_dir, tmp_path / "out", ["bien-ban-hop-cum", "bien-ban-kiem-tra"])
    texts = paragraphs(tmp_path / "out" / campaign_dir.name / "bien-ban-kiem-tra-pl.docx")
    assert '2. Đại diện UBND phường <Phúc> & "Lợi":' in texts


def test_mixed_grades_outcome_sentence(campaign_dir, tmp_path):
    # Drop Giang Biên's cluster score for 1.1 from 5 to 0 and 2.1 to 0: 89 - 5 - 9 = 75, grade B.
    from pipeline.load import load_campaign
    from pipeline.validate import validate
    from pipeline.documents import meeting
    from pipeline import score

    campaign = validate(load_campaign(campaign_dir))
    frame = campaign.scores
    frame.loc[(frame["unit"] == "GB") & frame["criterion"].isin(["1.1", "2.1"]), "cluster"] = 0
    assert meeting.outcome(campaign, score.compute(campaign)) == "Kết quả: 4/5 phường đạt loại A, 1 phường đạt loại B."


def _without_roles(folder: Path, roles: set[str]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(folder / "du-lieu.xlsx")
    sheet = book["Người"]
    for row in range(sheet.max_row, 1, -1):
        if sheet.cell(row, 4).value in roles:
            sheet.delete_rows(row)
    book.save(folder / "du-lieu.xlsx")


@pytest.mark.slow
def test_a_workbook_naming_no_inspection_signers_builds_every_document(campaign_dir, tmp_path):
    from pipeline.kinds import SLUGS

    _without_roles(campaign_dir, {"trưởng đoàn", "đoàn kiểm tra", "đại diện"})
    outcome = build_campaign(campaign_dir, tmp_path, list(SLUGS))
    assert len(outcome.written) == 13
    leaders = [w for w in outcome.warnings if '"trưởng đoàn"' in w]
    hosts = [w for w in outcome.warnings if '"đại diện"' in w]
    assert len(leaders) == len(hosts) == 5
    assert leaders[0] == (
        'Trang "Người" chưa có người vai trò "trưởng đoàn" của UBND phường Việt '
        "Hưng (VH): biên bản kiểm tra UBND phường Phúc Lợi để trống tên trưởng "
        'đoàn để viết tay; thêm một dòng vai trò "trưởng đoàn" để in tên.'
    )
    texts = paragraphs(tmp_path / campaign_dir.name / "bien-ban-kiem-tra-pl.docx")
    blank = "Đồng chí …………………………, chức vụ …………………………"
    assert f"- {blank} - Trưởng đoàn." in texts or f"{blank} - Trưởng đoàn." in texts
    assert "TRƯỞNG ĐOÀN KIỂM TRA" in texts and "ĐẠI DIỆN UBND" in " ".join(texts)
    # the name lines under the titles are left empty for handwriting
    assert "Nguyễn Thị Thuần" not in " ".join(texts)


def test_meeting_without_a_secretary_leaves_the_line_and_warns(campaign_dir, tmp_path):
    _without_roles(campaign_dir, {"thư ký"})
    outcome = build_campaign(campaign_dir, tmp_path, ["bien-ban-hop-cum", "ke-hoach"])
    assert outcome.warnings == [
        'Trang "Người" chưa có người vai trò "thư ký" của cuộc họp cụm: biên bản họp cụm để '
        'trống tên để viết tay; thêm một dòng vai trò "thư ký" để in tên.'
    ]
    texts = paragraphs(tmp_path / campaign_dir.name / "bien-ban-hop-cum.docx")
    assert "Thư ký: Đồng chí …………………………, chức vụ …………………………." in texts
    assert "THƯ KÝ" in texts


def test_plan_alone_needs_no_meeting_people(campaign_dir, tmp_path):
    _without_roles(campaign_dir, {"thư ký", "chủ trì", "trưởng đoàn", "đại diện"})
    outcome = build_campaign(campaign_dir, tmp_path, ["ke-hoach"])
    assert outcome.warnings == []
