"""The commendation decision (Mẫu 1.2) and the certificates typed onto pre-printed paper."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm

from pipeline.build import build_campaign
from pipeline.errors import ValidationError
from pipeline.formatcheck import check_docx

from .conftest import SAMPLE, edit_workbook
from .docx_tools import paragraphs, parts, plain, table_rows

pytestmark = pytest.mark.slow  # builds whole campaigns

X = "du-lieu.xlsx"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("outputs")
    outcome = build_campaign(SAMPLE, out, ["quyet-dinh", "giay-khen"])
    return out / SAMPLE.name, outcome.warnings


def test_the_sample_decision_as_mau_1_2(built):
    folder, warnings = built
    path = folder / "quyet-dinh-khen-thuong.docx"
    texts = [t for t in paragraphs(path) if t]
    assert texts[:2] == ["ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"]
    assert "Số:      /QĐ-UBND" in texts
    assert "Long Biên, ngày 28 tháng 8 năm 2020" in texts
    title = texts.index("QUYẾT ĐỊNH")
    assert texts[title + 1 : title + 4] == [
        "Về việc tặng Giấy khen cho tập thể, cá nhân có",
        "thành tích trong công tác văn thư, lưu trữ năm 2020",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
    ]
    basis = texts[title + 4 : title + 8]
    assert basis == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
        "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
        "22 tháng 11 năm 2019;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một "
        "số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm "
        "2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        "Theo đề nghị của UBND phường Phúc Lợi tại Tờ trình số 45/TTr-UBND ngày 18/8/2020 và ý "
        "kiến của Hội đồng Thi đua - Khen thưởng quận Long Biên.",
    ]
    assert texts[title + 8] == "QUYẾT ĐỊNH:"
    articles = [t for t in texts if re.match(r"Điều \d\.", t)]
    assert articles == [
        "Điều 1. Tặng Giấy khen của Chủ tịch UBND quận Long Biên cho 1 tập thể và 3 cá nhân đã "
        "có thành tích trong công tác văn thư, lưu trữ năm 2020 (có danh sách kèm theo).",
        "Điều 2. Kèm theo Giấy khen là tiền thưởng: mỗi tập thể 894.000 đồng, mỗi cá nhân "
        "447.000 đồng. Tổng số tiền thưởng là 2.235.000 đồng (Bằng chữ: Hai triệu hai trăm ba "
        "mươi lăm nghìn đồng), chi từ nguồn kinh phí thi đua, khen thưởng theo quy định.",
        "Điều 3. Thủ trưởng các cơ quan, đơn vị có liên quan, Chủ tịch UBND phường Đức Giang, "
        "Chủ tịch UBND phường Phúc Đồng, Chủ tịch UBND phường Phúc Lợi, Chủ tịch UBND phường "
        "Giang Biên và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết "
        "định này./.",
    ]
    assert ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"] == texts[
        texts.index("KT. CHỦ TỊCH") : texts.index("KT. CHỦ TỊCH") + 3
    ]
    assert texts[texts.index("Nơi nhận:") + 1 : texts.index("Nơi nhận:") + 5] == [
        "- Như Điều 3;",
        "- Chủ tịch UBND quận (để b/c);",
        "- Phòng Nội vụ quận;",
        "- Lưu: VT, NV.",
    ]
    assert not [w for w in warnings if "quyết định" in w.lower()]


def test_the_sample_decision_lists_the_awards_in_a_phu_luc_with_the_money(built):
    folder, _ = built
    path = folder / "quyet-dinh-khen-thuong.docx"
    texts = [t for t in paragraphs(path) if t]
    start = texts.index("Phụ lục")
    assert texts[start + 1 : start + 3] == [
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số      /QĐ-UBND ngày 28 tháng 8 năm 2020 của Chủ tịch UBND quận Long Biên)",
    ]
    doc = Document(str(path))
    label = next(p for p in doc.paragraphs if p.text == "Phụ lục")
    # a section of its own on a new page, numbering its own pages (Phụ lục I §III.1.đ)
    assert label._p.getprevious().find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
    assert len(doc.sections) == 2 and doc.sections[-1].start_type == WD_SECTION.NEW_PAGE
    assert doc.sections[-1]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    rows = table_rows(path, len(doc.tables) - 1)
    assert rows[0] == ["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Mức thưởng (đồng)"]
    assert rows[1][:2] == ["I", "TẬP THỂ: Giấy khen của Chủ tịch UBND quận Long Biên"]
    assert rows[2] == ["1", "UBND phường Đức Giang", "", "894.000"]
    assert rows[3][:2] == ["II", "CÁ NHÂN: Giấy khen của Chủ tịch UBND quận Long Biên"]
    assert [r[1:3] for r in rows[4:7]] == [
        ["Dương Thị Thanh Huyền", "Công chức Văn phòng - Thống kê UBND phường Phúc Đồng"],
        ["Nguyễn Thị Thu Trang", "Công chức Văn phòng - Thống kê UBND phường Phúc Lợi"],
        ["Vũ Thị Ngọc Ánh", "Công chức Văn phòng - Thống kê UBND phường Giang Biên"],
    ]
    assert [r[3] for r in rows[4:7]] == ["447.000"] * 3
    assert rows[7][1] == "Tổng cộng" and rows[7][3] == "2.235.000"


def test_the_decision_passes_the_format_checker(built):
    folder, _ = built
    found = check_docx(folder / "quyet-dinh-khen-thuong.docx")
    assert list(found) == [] and found.skipped is None


def test_a_short_list_granted_in_part_is_written_in_dieu_1(campaign_dir):
    """`Quyết định` = không leaves a proposal out; no `Mức thưởng`: no money article."""
    edit_workbook(
        campaign_dir / X,
        {
            ("Khen thưởng", "H3"): "không",
            ("Khen thưởng", "H5"): "Không",
            ("Khen thưởng", "G2"): None,
            ("Khen thưởng", "G3"): None,
            ("Khen thưởng", "G4"): None,
            ("Khen thưởng", "G5"): None,
            ("Văn bản", "G7"): date(2024, 3, 5),
        },
    )
    out = campaign_dir.parent.parent / "outputs"
    outcome = build_campaign(campaign_dir, out, ["quyet-dinh", "giay-khen"])
    path = out / SAMPLE.name / "quyet-dinh-khen-thuong.docx"
    texts = [t for t in paragraphs(path) if t]
    assert "Phụ lục" not in texts and len(Document(str(path)).sections) == 1
    assert texts[texts.index("QUYẾT ĐỊNH:") - 3 : texts.index("QUYẾT ĐỊNH:")] == [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        "Theo đề nghị của UBND phường Phúc Lợi tại Tờ trình số 45/TTr-UBND ngày 18/8/2020 và ý "
        "kiến của Hội đồng Thi đua - Khen thưởng quận Long Biên.",
    ]
    start = texts.index("QUYẾT ĐỊNH:")
    assert texts[start + 1 : start + 5] == [
        "Điều 1. Tặng Giấy khen của Chủ tịch UBND quận Long Biên cho 1 tập thể và 1 cá nhân sau "
        "đây đã có thành tích trong công tác văn thư, lưu trữ năm 2020:",
        "1. UBND phường Đức Giang: Dẫn đầu Cụm thi đua số 1 về công tác văn thư, lưu trữ năm 2020;",
        "2. Nguyễn Thị Thu Trang, công chức Văn phòng - Thống kê UBND phường Phúc Lợi: Hoàn "
        "thành xuất sắc nhiệm vụ công tác văn thư, lưu trữ năm 2020.",
        "Điều 2. Thủ trưởng các cơ quan, đơn vị có liên quan, Chủ tịch UBND phường Đức Giang, "
        "Chủ tịch UBND phường Phúc Lợi và các tập thể, cá nhân có tên tại Điều 1 chịu trách "
        "nhiệm thi hành Quyết định này./.",
    ]
    assert "Long Biên, ngày 05 tháng 3 năm 2024" in texts
    assert (
        'Quyết định khen thưởng không gồm Dương Thị Thanh Huyền và Vũ Thị Ngọc Ánh (ghi "không" ở cột "Quyết định").'
    ) in outcome.warnings
    assert list(check_docx(path)) == []
    pages = _certificate_pages(out / SAMPLE.name / "giay-khen.docx")
    assert [p[2] for p in pages] == ["UBND phường Đức Giang", "Nguyễn Thị Thu Trang"]


def test_no_quyet_dinh_row_leaves_the_date_blank_and_says_so(campaign_dir):
    edit_workbook(campaign_dir / X, {("Văn bản", "delete"): 7})
    out = campaign_dir.parent.parent / "outputs"
    outcome = build_campaign(campaign_dir, out, ["quyet-dinh", "giay-khen"])
    texts = paragraphs(out / SAMPLE.name / "quyet-dinh-khen-thuong.docx")
    assert "Long Biên, ngày … tháng … năm 2020" in texts
    assert "Số:      /QĐ-UBND" in texts
    assert "- Như Điều 3;" in texts and "- Lưu: VT." in texts
    assert (
        'Trang "Văn bản" chưa có dòng "quyet-dinh": dùng cơ quan ban hành "UBND quận Long '
        'Biên", số để trống cho văn thư ghi.'
    ) in outcome.warnings
    assert (
        'Quyết định khen thưởng chưa có ngày (trang "Văn bản", dòng "quyet-dinh"): chừa chỗ '
        "để ghi ngày; căn cứ pháp lý lấy theo ngày của tờ trình (18/8/2020), cần xem lại nếu "
        "luật đổi trước ngày ký quyết định."
    ) in outcome.warnings
    assert len([w for w in outcome.warnings if "chưa có dòng" in w]) == 1  # once for both kinds


@pytest.mark.parametrize(
    "edits,expected",
    [
        (
            {("Khen thưởng", "H3"): "chưa"},
            [
                f'{X} › Khen thưởng › dòng 3 › cột "Quyết định": "chưa" không hợp lệ; ghi "có", "không" '
                "(để trống là có)."
            ],
        ),
        (
            {("Khen thưởng", "G4"): "năm trăm nghìn"},
            [
                f'{X} › Khen thưởng › dòng 4 › cột "Mức thưởng": "năm trăm nghìn" không phải là số tiền '
                "(ghi số đồng, ví dụ 500.000)."
            ],
        ),
        (
            {("Khen thưởng", f"H{r}"): "không" for r in range(2, 6)},
            [
                f"{X} › Khen thưởng: quyết định khen thưởng và giấy khen in trên phôi cần ít nhất một tập "
                'thể, cá nhân được khen thưởng; mọi dòng đều ghi "không" ở cột "Quyết định".'
            ],
        ),
    ],
)
def test_award_columns_are_checked(campaign_dir, edits, expected):
    edit_workbook(campaign_dir / X, edits)
    with pytest.raises(ValidationError) as info:
        build_campaign(campaign_dir, campaign_dir.parent.parent / "outputs", ["quyet-dinh", "giay-khen"])
    assert [str(p) for p in info.value.problems] == expected


def test_amounts_as_staff_type_them(campaign_dir):
    edit_workbook(campaign_dir / X, {("Khen thưởng", "G2"): "1.000.000 đồng", ("Khen thưởng", "G3"): "500 000"})
    out = campaign_dir.parent.parent / "outputs"
    build_campaign(campaign_dir, out, ["quyet-dinh"])
    texts = paragraphs(out / SAMPLE.name / "quyet-dinh-khen-thuong.docx")
    article = next(t for t in texts if t.startswith("Điều 2."))
    assert article == (
        "Điều 2. Kèm theo khen thưởng là tiền thưởng theo mức của từng tập thể, cá nhân ghi trong "
        "danh sách kèm theo. Tổng số tiền thưởng là 2.394.000 đồng (Bằng chữ: Hai triệu ba trăm "
        "chín mươi bốn nghìn đồng), chi từ nguồn kinh phí thi đua, khen thưởng theo quy định."
    )


# ---------------------------------------------------------------- certificates


def _certificate_pages(path: Path) -> list[list[str]]:
    """The non-empty texts of each certificate (one layout table per page)."""
    doc = Document(str(path))
    pages = []
    for table in doc.tables:
        seen, texts = [], []  # the cell elements themselves: a merged cell repeats
        for row in table.rows:
            for cell in row.cells:
                if not any(tc is cell._tc for tc in seen):
                    seen.append(cell._tc)
                    texts += [plain(p.text) for p in cell.paragraphs if p.text]
        pages.append(texts)
    return pages


def test_one_certificate_per_award_on_a4_landscape(built):
    folder, _ = built
    path = folder / "giay-khen.docx"
    doc = Document(str(path))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)
    assert doc.core_properties.category == "giay-khen"
    pages = _certificate_pages(path)
    assert len(pages) == 4
    assert pages[0] == [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "TẶNG",
        "UBND phường Đức Giang",
        "Dẫn đầu Cụm thi đua số 1 về công tác văn thư, lưu trữ năm 2020",
        "Quyết định số      /QĐ-UBND ngày 28/8/2020",
        "Số sổ vàng: ……………",
        "Long Biên, ngày 28 tháng 8 năm 2020",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Bình",
    ]
    assert pages[2][2:4] == ["Nguyễn Thị Thu Trang", "Công chức Văn phòng - Thống kê UBND phường Phúc Lợi"]
    body = parts(path)["word/document.xml"]
    assert body.count('<w:br w:type="page"/>') == 3
    assert "GIẤY KHEN" not in body and "CỘNG HÒA" not in body and "<wp:anchor" not in body
    skipped = check_docx(path)
    assert list(skipped) == [] and "giấy khen" in skipped.skipped


def test_every_row_has_an_exact_height_staff_can_shift(built):
    folder, _ = built
    doc = Document(str(folder / "giay-khen.docx"))
    heights = [row.height for row in doc.tables[0].rows]
    assert all(h is not None for h in heights)
    assert sum(h for h in heights) <= Cm(21.0 - 2.0 - 1.0)  # fits between the margins
    xml = parts(folder / "giay-khen.docx")["word/document.xml"]
    assert xml.count('w:hRule="exact"') == len(heights) * 4


def test_the_proof_draws_the_frame_and_the_printed_parts_in_the_same_places(built):
    folder, _ = built
    real, proof = _certificate_pages(folder / "giay-khen.docx"), _certificate_pages(folder / "giay-khen-in-thu.docx")
    assert len(proof) == len(real)
    for r, p in zip(real, proof):
        assert (
            p == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] + r[:2] + ["GIẤY KHEN"] + r[2:]
        )
    xml = parts(folder / "giay-khen-in-thu.docx")["word/document.xml"]
    assert xml.count("<wp:anchor") == 4 and xml.count('relativeFrom="page"') == 8


@pytest.mark.libreoffice
def test_certificates_print_one_landscape_page_each_and_the_proof_matches(built, soffice, tmp_path):
    folder, _ = built
    for name in ("giay-khen.docx", "giay-khen-in-thu.docx"):
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(folder / name)],
            check=True,
            capture_output=True,
            timeout=240,
        )
    places = {}
    for name in ("giay-khen", "giay-khen-in-thu"):
        pdf = tmp_path / f"{name}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"Pages:\s+4\n", info)
        assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts", info)  # A4 landscape
        bbox = subprocess.run(
            ["pdftotext", "-bbox", "-f", "3", "-l", "3", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<', bbox)
        places[name] = {w: (float(x), float(y)) for x, y, w in words}
    real, proof = places["giay-khen"], places["giay-khen-in-thu"]
    for word in ("Trang", "TẶNG", "Nguyễn", "PHÓ", "Bình"):
        assert abs(real[word][0] - proof[word][0]) < 0.5 and abs(real[word][1] - proof[word][1]) < 0.5, word
    assert "KHEN" in proof and "KHEN" not in real


def test_a_collective_within_a_unit_is_named_with_its_unit(campaign_dir):
    edit_workbook(campaign_dir / X, {("Khen thưởng", "B2"): "Bộ phận Văn phòng - Thống kê"})
    out = campaign_dir.parent.parent / "outputs"
    build_campaign(campaign_dir, out, ["giay-khen"])
    first = _certificate_pages(out / SAMPLE.name / "giay-khen.docx")[0]
    assert first[2:4] == ["Bộ phận Văn phòng - Thống kê", "UBND phường Đức Giang"]
