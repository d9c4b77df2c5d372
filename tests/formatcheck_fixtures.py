"""Small .docx fixtures for the Decree 30 format checker, built from code.

One conformant document per sample form of Phụ lục III of Nghị định
30/2020/NĐ-CP (Mẫu 1.2 quyết định, 1.4 kế hoạch and tờ trình, 1.5 công văn, 1.9
biên bản, 2.1 phụ lục), and one fixture per defect (or per layout the Decree
itself uses) that differs from one of them by exactly one thing; FIXTURES names
each with the rule ids the checker must report. NOT_OFFICIAL holds files that are
not administrative documents at all.

    python tests/formatcheck_fixtures.py OUTDIR     # write them all to OUTDIR
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor, Twips

from pipeline.metrics import text_twips

CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
TNR = "Times New Roman"

KH_BODY = [
    ("I. MỤC ĐÍCH, YÊU CẦU", "heading"),
    ("1. Mục đích", "heading"),
    (
        "Đánh giá đúng thực trạng công tác văn thư, lưu trữ của các phường trong Cụm thi đua số 1; "
        "kịp thời phát hiện, biểu dương những cách làm hay, đồng thời chấn chỉnh những tồn tại, "
        "hạn chế trong việc soạn thảo, ban hành và quản lý văn bản.",
        "text",
    ),
    (
        "Thông qua kiểm tra chéo, các đơn vị học tập kinh nghiệm lẫn nhau, nâng cao chất lượng "
        "công tác văn thư, lưu trữ và làm căn cứ để bình xét thi đua cuối năm.",
        "text",
    ),
    ("2. Yêu cầu", "heading"),
    ("- Kiểm tra đúng nội dung, tiêu chí và thời gian theo Kế hoạch;", "item"),
    ("- Đánh giá khách quan, công khai, chính xác; không gây khó khăn cho đơn vị được kiểm tra.", "item"),
    ("II. NỘI DUNG, THỜI GIAN KIỂM TRA", "heading"),
    ("1. Nội dung kiểm tra", "heading"),
    (
        "Kiểm tra việc ban hành và quản lý văn bản đi, văn bản đến; lập hồ sơ và giao nộp hồ sơ, "
        "tài liệu vào lưu trữ cơ quan; quản lý và sử dụng con dấu; cơ sở vật chất phục vụ công tác "
        "văn thư, lưu trữ theo các tiêu chí tại Phụ lục kèm theo Kế hoạch này.",
        "text",
    ),
    ("2. Thời gian kiểm tra", "heading"),
    ("Các đoàn kiểm tra tiến hành kiểm tra chéo vào ngày 14 tháng 8 năm 2020 theo lịch dưới đây:", "text"),
    ("SCHEDULE", "table"),
    ("III. TỔ CHỨC THỰC HIỆN", "heading"),
    (
        "Các phường hoàn thành báo cáo tự chấm điểm, gửi về phường cụm trưởng trước ngày "
        "10 tháng 8 năm 2020. Phường Phúc Lợi (cụm trưởng) chủ trì tổ chức họp cụm chấm điểm, bình "
        "xét thi đua vào ngày 17 tháng 8 năm 2020 và báo cáo kết quả về Ủy ban nhân dân quận.",
        "text",
    ),
    (
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị phản ánh về Phòng Nội vụ "
        "quận để được hướng dẫn, giải quyết. Yêu cầu Chủ tịch Ủy ban nhân dân các phường trong cụm "
        "nghiêm túc triển khai thực hiện Kế hoạch này./.",
        "text",
    ),
]
SCHEDULE = [
    ("TT", "Đơn vị được kiểm tra", "Đơn vị kiểm tra", "Thời gian"),
    ("1", "Phường Phúc Lợi", "Phường Phúc Đồng", "8 giờ 00 phút, ngày 14/8/2020"),
    ("2", "Phường Phúc Đồng", "Phường Phúc Lợi", "14 giờ 00 phút, ngày 14/8/2020"),
]
BB_BODY = [
    (
        "Vào hồi 14 giờ 00 phút, ngày 17 tháng 8 năm 2020, tại trụ sở Ủy ban nhân dân phường Phúc Lợi, "
        "Cụm thi đua số 1 họp chấm điểm, bình xét thi đua công tác văn thư, lưu trữ năm 2020.",
        "text",
    ),
    ("I. THÀNH PHẦN THAM DỰ", "heading"),
    ("- Chủ trì: Bà Nguyễn Thị Hà, Phó Chủ tịch Ủy ban nhân dân phường Phúc Lợi;", "item"),
    ("- Thư ký: Ông Trần Văn Minh, công chức Văn phòng - Thống kê phường Phúc Lợi.", "item"),
    ("II. NỘI DUNG", "heading"),
    (
        "Các thành viên thống nhất kết quả chấm điểm: 2/2 phường đạt loại A. Cuộc họp kết thúc vào "
        "hồi 16 giờ 30 phút cùng ngày./.",
        "text",
    ),
]
TTR_BODY = [
    ("Kính gửi:", "text"),
    ("- Hội đồng Thi đua - Khen thưởng quận Long Biên;", "text"),
    ("- Phòng Nội vụ quận Long Biên.", "text"),
    ("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;", "can-cu"),
    ("Căn cứ Kế hoạch số 127/KH-UBND ngày 27 tháng 3 năm 2020 của Ủy ban nhân dân quận Long Biên.", "can-cu"),
    (
        "Ủy ban nhân dân phường Phúc Lợi kính trình Hội đồng Thi đua - Khen thưởng quận xem xét, "
        "tặng Giấy khen cho 01 tập thể và 02 cá nhân có thành tích xuất sắc trong công tác văn thư, "
        "lưu trữ năm 2020 (có danh sách kèm theo)./.",
        "text",
    ),
]


# Mẫu 1.2: quyết định (cá biệt) quy định trực tiếp
QD_BODY = [
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", "center"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "can-cu"),
    ("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;", "can-cu"),
    ("Theo đề nghị của Trưởng phòng Nội vụ quận.", "can-cu"),
    ("QUYẾT ĐỊNH:", "center"),
    (
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân quận cho 01 tập thể và 02 cá nhân đã có "
        "thành tích xuất sắc trong công tác văn thư, lưu trữ năm 2020 (có danh sách kèm theo).",
        "article",
    ),
    (
        "Điều 2. Mỗi tập thể được thưởng 1.000.000 đồng, mỗi cá nhân được thưởng 500.000 đồng từ "
        "nguồn kinh phí thi đua, khen thưởng của quận năm 2020.",
        "article",
    ),
    (
        "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận, Trưởng phòng Nội vụ, "
        "Trưởng phòng Tài chính - Kế hoạch và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm "
        "thi hành Quyết định này./.",
        "article",
    ),
]
# Mẫu 1.5: công văn
CV_BODY = [
    ("Kính gửi:", "text"),
    ("- Ủy ban nhân dân các phường Phúc Lợi, Phúc Đồng;", "text"),
    ("- Phòng Nội vụ quận Long Biên.", "text"),
    (
        "Thực hiện Kế hoạch số 127/KH-UBND ngày 27 tháng 3 năm 2020 của Ủy ban nhân dân quận về kiểm "
        "tra chéo công tác văn thư, lưu trữ năm 2020, Ủy ban nhân dân quận đề nghị các phường hoàn "
        "thành báo cáo tự chấm điểm, gửi về phường cụm trưởng trước ngày 10 tháng 8 năm 2020.",
        "text",
    ),
    ("Đề nghị các đơn vị quan tâm, phối hợp thực hiện./.", "text"),
]
# Mẫu 1.9: biên bản, fields in the form's order
BB19_BODY = [
    ("Thời gian bắt đầu: 14 giờ 00 phút, ngày 17 tháng 8 năm 2020.", "text"),
    ("Địa điểm: Trụ sở Ủy ban nhân dân phường Phúc Lợi.", "text"),
    ("Thành phần tham dự: lãnh đạo và công chức văn phòng các phường trong Cụm thi đua số 1.", "text"),
    ("Chủ trì (chủ tọa): Bà Nguyễn Thị Hà, Phó Chủ tịch Ủy ban nhân dân phường Phúc Lợi.", "text"),
    ("Thư ký (người ghi biên bản): Ông Trần Văn Minh, công chức Văn phòng - Thống kê phường.", "text"),
    ("Nội dung (theo diễn biến cuộc họp):", "text"),
    ("Các thành viên thống nhất kết quả chấm điểm: 2/2 phường đạt loại A.", "text"),
    ("Cuộc họp kết thúc vào 16 giờ 30 phút, ngày 17 tháng 8 năm 2020./.", "text"),
]
# Mẫu 2.1: the Phụ lục of a kế hoạch
APPENDIX = (
    "Phụ lục",
    "TIÊU CHÍ CHẤM ĐIỂM CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2020",
    "(Kèm theo Kế hoạch số 127/KH-UBND ngày 27 tháng 3 năm 2020 của Ủy ban nhân dân quận Long Biên)",
)
APPENDIX_ROWS = [
    ("Mã", "Nội dung tiêu chí", "Điểm tối đa"),
    ("1", "Ban hành văn bản hướng dẫn về văn thư, lưu trữ", "10"),
    ("2", "Thể thức và kỹ thuật trình bày văn bản", "20"),
    ("", "Tổng cộng", "30"),
]


@dataclass(frozen=True)
class Spec:
    """Everything that varies between fixtures; the defaults make a conformant KẾ HOẠCH."""

    type_name: str = "KẾ HOẠCH"
    trich_yeu: str = "Kiểm tra chéo công tác văn thư, lưu trữ năm 2020"
    trich_yeu_rule_cm: float = 4.5
    so: str = "Số: 127/KH-UBND"
    date_line: str = "Long Biên, ngày 27 tháng 3 năm 2020"
    date_italic: bool = True
    quoc_hieu: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    tieu_ngu_rule: str = "border"  # border, none, vml, drawing
    header_rows: int = 1  # 2: Số and the date in a second row, Quốc hiệu and Tiêu ngữ in one
    #                       paragraph split by a line break, the Tiêu ngữ underlined as its rule
    issuer_rule: bool = True
    type_bold: bool = True
    left_cm: float = 6.5
    right_cm: float = 10.0
    page: tuple = (11906, 16838)
    margins: tuple = (1134, 1134, 1701, 850)  # top, bottom, left, right, twips
    title_page: bool = True
    page_number_at: str = "header"  # header, footer, none
    page_number_align: object = CENTER
    font_source: str = "style"  # style: Normal says TNR; docdefaults; theme: nothing says it
    body: tuple = tuple(KH_BODY)
    arial_run: bool = False  # one body run with a direct Arial font
    arial_style: bool = False  # one body paragraph whose style (based on the body style) says Arial
    red_run: bool = False
    left_aligned_para: bool = False
    unindented_para: bool = False
    signers: tuple = (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "Phạm Hoài Nam")
    second_signer: tuple = ()  # for a biên bản: (title lines, name) on the left
    signer_name_align: object = CENTER
    noi_nhan: tuple = ("- Như trên;", "- Các phường trong Cụm thi đua số 1;", "- Lưu: VT, NV.")
    noi_nhan_plain: bool = False
    category: str = ""
    vv: str = ""  # công văn: the trích yếu `V/v …` under the number
    noi_nhan_below: bool = False  # biên bản (Mẫu 1.9): Nơi nhận under the signatures, at the left margin
    appendix: str = ""  # "": none; "section": in its own section, numbered anew; "same": no new
    #                     section; "continued": a new section that goes on numbering; "alone": a
    #                     file holding only the Phụ lục (Mẫu 2.2)
    appendix_names: tuple = ("Phụ lục",)  # one Phụ lục after the other, each in its own section
    header_layout: str = "table"  # table; tabs: lines laid out with tab stops, rules as underscores;
    #                               spaces: the same lines laid out with runs of spaces
    typed_rules: bool = False  # the rules under the issuer, Tiêu ngữ and trích yếu typed as "____"
    manual: str = ""  # not an administrative document: huong-dan (a software manual), luat, don
    final: bool = False  # checked with --final
    kind: object = None  # checked with --kind
    attached_to: str = ""  # a text issued with a decision (the form after Mẫu 1.3): its `(Kèm theo …)` line
    signature_layout: str = "table"  # table; tabs or spaces: body lines, Nơi nhận left, signature right
    tweak: object = None  # a function(document) making one small change before saving


CONFORMANT = Spec()
BIEN_BAN = Spec(
    type_name="BIÊN BẢN",
    trich_yeu="Họp cụm chấm điểm, bình xét thi đua năm 2020",
    so="Số: 05/BB-UBND",
    date_line="",
    body=tuple(BB_BODY),
    noi_nhan=(),
    signers=(("CHỦ TRÌ",), "Nguyễn Thị Hà"),
    second_signer=(("THƯ KÝ",), "Trần Văn Minh"),
)

TO_TRINH = Spec(
    type_name="TỜ TRÌNH",
    so="Số: 45/TTr-UBND",
    trich_yeu="Về việc đề nghị khen thưởng công tác văn thư, lưu trữ năm 2020",
    body=tuple(TTR_BODY),
    noi_nhan=("- Như trên;", "- Lưu: VT."),
)
QUYET_DINH = Spec(
    type_name="QUYẾT ĐỊNH",
    so="Số: 215/QĐ-UBND",
    trich_yeu="Về việc khen thưởng công tác văn thư, lưu trữ năm 2020",
    body=tuple(QD_BODY),
    signers=(("CHỦ TỊCH",), "Phạm Hoài Nam"),
    noi_nhan=("- Như Điều 3;", "- Thường trực Quận ủy (để b/c);", "- Lưu: VT, NV."),
)
CONG_VAN = Spec(
    type_name="",
    so="Số: 125/UBND-NV",
    vv="V/v kiểm tra chéo công tác văn thư, lưu trữ",
    body=tuple(CV_BODY),
    signers=(("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "Phạm Hoài Nam"),
    noi_nhan=("- Như trên;", "- Lưu: VT, NV."),
)
BIEN_BAN_19 = Spec(
    type_name="BIÊN BẢN",
    trich_yeu="Họp cụm chấm điểm, bình xét thi đua năm 2020",
    so="Số: 05/BB-UBND",
    date_line="",
    body=tuple(BB19_BODY),
    noi_nhan_below=True,
    noi_nhan=("- Các phường trong Cụm thi đua số 1;", "- Lưu: VT, Hồ sơ."),
    signers=(("CHỦ TỌA",), "Nguyễn Thị Hà"),
    second_signer=(("THƯ KÝ",), "Trần Văn Minh"),
)
PHU_LUC = replace(CONFORMANT, appendix="section")


# ---------------------------------------------------------------------------- one-change tweaks


def _paragraphs(doc):
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return list(doc.paragraphs) + cells


def _find(doc, start: str):
    return next(p for p in _paragraphs(doc) if p.text.startswith(start))


def _runs(doc, start: str, **fmt):
    for run in _find(doc, start).runs:
        for name, value in fmt.items():
            if name == "size":
                run.font.size = Pt(value)
            else:
                setattr(run, name, value)


def _quoc_hieu_not_bold(doc):
    _runs(doc, "CỘNG HÒA", bold=False)


def _tieu_ngu_en_dash(doc):
    _find(doc, "Độc lập").runs[0].text = "Độc lập – Tự do – Hạnh phúc"


def _tieu_ngu_12pt(doc):
    _runs(doc, "Độc lập", size=12)


def _so_italic(doc):
    _runs(doc, "Số:", italic=True)


def _no_trich_yeu(doc):
    p = _find(doc, "Kiểm tra chéo")._p
    p.getparent().remove(p)


def _long_trich_yeu_rule(doc):
    rule = _find(doc, "Kiểm tra chéo")._p.getnext()
    for side in ("w:left", "w:right"):
        rule.find(qn("w:pPr")).find(qn("w:ind")).set(qn(side), "200")


def _no_tieu_ngu(doc):
    _find(doc, "Độc lập").runs[0].text = ""


def _no_type_name(doc):
    p = _find(doc, "KẾ HOẠCH")._p
    p.getparent().remove(p)


def _managing_14pt(doc):
    _runs(doc, "UBND THÀNH PHỐ", size=14)


def _issuer_14pt(doc):
    _runs(doc, "QUẬN LONG BIÊN", size=14)


def _issuer_lower_case(doc):
    _find(doc, "QUẬN LONG BIÊN").runs[0].text = "Quận Long Biên"


def _trich_yeu_italic(doc):
    _runs(doc, "Kiểm tra chéo", italic=True)


def _kinh_gui_italic(doc):
    _runs(doc, "Kính gửi", italic=True)


def _heading_not_bold(doc):
    _runs(doc, "II. NỘI DUNG", bold=False)


def _body_12pt(doc):
    _runs(doc, "Thông qua", size=12)


def _body_no_spacing(doc):
    _find(doc, "Thông qua").paragraph_format.space_before = Pt(0)


def _body_double_spaced(doc):
    _find(doc, "Thông qua").paragraph_format.line_spacing = 2.0


def _body_italic(doc):
    _runs(doc, "Thông qua", italic=True)


def _body_not_closed(doc):
    run = _find(doc, "Trong quá trình").runs[0]
    run.text = run.text.replace("./.", ".")


def _signature_cramped(doc):
    cell = doc.tables[-1].rows[0].cells[1]
    for p in [p for p in cell.paragraphs if not p.text]:
        p._p.getparent().remove(p._p)


def _entries_12pt(doc):
    for p in doc.tables[-1].rows[0].cells[0].paragraphs[1:]:
        for run in p.runs:
            run.font.size = Pt(12)


def _page_number_10pt(doc):
    for run in doc.sections[0].header.paragraphs[0].runs:
        run.font.size = Pt(10)


def _kinh_gui_comma(doc):
    run = _find(doc, "- Hội đồng").runs[0]
    run.text = run.text.replace(";", ",")


def _noi_nhan_wraps(doc):
    """An entry that does not fit one line is typed on two (Enter, no dash)."""
    entry = _find(doc, "- Các phường")
    entry.runs[0].text = "- Các phường trong Cụm thi đua số 1"
    rest = parse_xml(entry._p.xml)
    rest.find(f"{qn('w:r')}/{qn('w:t')}").text = "(Phúc Lợi, Phúc Đồng);"
    entry._p.addnext(rest)


def _issuer_bare(doc):
    _find(doc, "QUẬN LONG BIÊN").runs[0].text = "QUAN LONG BIEN"


def _article_not_bold(doc):
    _find(doc, "Điều 1.").runs[0].bold = None


def _article_left(doc):
    _find(doc, "Điều 2.").alignment = LEFT


def _clause_unindented(doc):
    _find(doc, "1. Mục đích").paragraph_format.first_line_indent = Twips(0)


def _can_cu_comma(doc):
    run = _find(doc, "Căn cứ Luật Tổ chức").runs[0]
    run.text = run.text.replace(";", ",")


def _xet_de_nghi(doc):
    _find(doc, "Theo đề nghị").runs[0].text = "Xét đề nghị của Trưởng phòng Nội vụ quận."


def _can_cu_last_semicolon(doc):
    _find(doc, "Theo đề nghị").runs[0].text = "Theo đề nghị của Trưởng phòng Nội vụ quận;"


def _luu_vt_last(doc):
    _find(doc, "- Lưu: VT").runs[0].text = "- Lưu: NV, VT."


def _template_tag(doc):
    run = _find(doc, "Thông qua").runs[0]
    run.text = run.text.replace("cuối năm", "cuối năm {{ nam_binh_xet }}")


def _appendix_upper(doc):
    _find(doc, "Phụ lục").runs[0].text = "PHỤ LỤC"


def _appendix_note_upright(doc):
    _runs(doc, "(Kèm theo", italic=False)


def _appendix_no_note(doc):
    p = _find(doc, "(Kèm theo")._p
    p.getparent().remove(p)


def _heading_at_page_foot(doc):
    """The paragraph after a heading starts a new page: the heading ends the page before."""
    _find(doc, "Các phường hoàn thành").paragraph_format.page_break_before = True


def _noi_nhan_low(doc):
    _find(doc, "Nơi nhận:").paragraph_format.space_before = Pt(60)


# name: (spec, the rule ids the checker must report, in order)
FIXTURES = {
    "hop-le": (CONFORMANT, []),
    "hop-le-bien-ban": (BIEN_BAN, []),
    "hop-le-phong-mac-dinh": (replace(CONFORMANT, font_source="docdefaults"), []),
    "hop-le-gach-vml": (replace(CONFORMANT, tieu_ngu_rule="vml"), []),
    "hop-le-gach-hinh-ve": (replace(CONFORMANT, tieu_ngu_rule="drawing"), []),
    "hop-le-dau-hai-dong": (replace(CONFORMANT, header_rows=2), []),
    "phong-chu-truc-tiep": (replace(CONFORMANT, arial_run=True), ["phong-chu"]),
    "phong-chu-theo-kieu": (replace(CONFORMANT, arial_style=True), ["phong-chu"]),
    "mau-chu-do": (replace(CONFORMANT, red_run=True), ["mau-chu"]),
    "quoc-hieu-xuong-dong": (replace(CONFORMANT, left_cm=8.5, right_cm=8.0), ["quoc-hieu-mot-dong"]),
    "quoc-hieu-chu-thuong": (replace(CONFORMANT, quoc_hieu="Cộng hòa xã hội chủ nghĩa Việt Nam"), ["quoc-hieu-chu"]),
    # 1. what the Decree itself does is no defect
    "hop-le-hoa-cu": (replace(CONFORMANT, quoc_hieu="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), []),
    "hop-le-gach-go-tay": (replace(CONFORMANT, typed_rules=True), []),
    "hop-le-dau-tab": (replace(CONFORMANT, header_layout="tabs"), []),
    "hop-le-dau-dau-cach": (replace(CONFORMANT, header_layout="spaces"), []),
    "hop-le-cong-van-dau-tab": (replace(CONG_VAN, header_layout="tabs"), []),
    "dau-tab-quoc-hieu-thuong": (
        replace(CONFORMANT, header_layout="tabs", quoc_hieu="Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ["quoc-hieu-chu"],
    ),
    "dau-tab-ngay-dung": (replace(CONFORMANT, header_layout="tabs", date_italic=False), ["ngay-thang-dinh-dang"]),
    "hop-le-noi-nhan-hai-dong": (replace(CONFORMANT, tweak=_noi_nhan_wraps), []),
    "hop-le-ten-loai-dai": (replace(BIEN_BAN, type_name="BIÊN BẢN LÀM VIỆC"), []),
    "hop-le-bao-cao-thanh-tich": (replace(CONFORMANT, type_name="BÁO CÁO THÀNH TÍCH", so="Số: 12/BC-UBND"), []),
    # the Decree's sample forms (Phụ lục III)
    "hop-le-quyet-dinh": (QUYET_DINH, []),  # `Theo đề nghị của …` italic, as in Mẫu 1.2
    "hop-le-xet-de-nghi": (replace(QUYET_DINH, tweak=_xet_de_nghi), []),
    "hop-le-cong-van": (CONG_VAN, []),
    "hop-le-bien-ban-mau-1-9": (BIEN_BAN_19, []),
    "hop-le-phu-luc": (PHU_LUC, []),
    # 2. what a văn thư sends back
    "khong-dau-co-quan": (replace(CONFORMANT, tweak=_issuer_bare), ["chu-khong-dau"]),
    "khong-dau-so": (replace(CONFORMANT, so="So: 127/KH-UBND"), ["chu-khong-dau"]),
    "khong-dau-ngay": (replace(CONFORMANT, date_line="Long Bien, ngay 27 thang 3 nam 2020"), ["chu-khong-dau"]),
    "dieu-khong-dam": (replace(QUYET_DINH, tweak=_article_not_bold), ["dieu-dinh-dang"]),
    "dieu-can-trai": (replace(QUYET_DINH, tweak=_article_left), ["dieu-khoan-can-deu"]),
    "khoan-khong-thut": (replace(CONFORMANT, tweak=_clause_unindented), ["dieu-khoan-thut-dau-dong"]),
    "can-cu-dau-phay": (replace(QUYET_DINH, tweak=_can_cu_comma), ["can-cu-dau-cau"]),
    "can-cu-cuoi-cham-phay": (replace(QUYET_DINH, tweak=_can_cu_last_semicolon), ["can-cu-dau-cau"]),
    "noi-nhan-luu-vt-sau": (replace(CONFORMANT, tweak=_luu_vt_last), ["noi-nhan-luu"]),
    "the-mau-con-sot": (replace(CONFORMANT, tweak=_template_tag), ["the-mau-con-sot"]),
    "so-trong-du-thao": (replace(CONFORMANT, so="Số:      /KH-UBND"), []),
    "so-trong-ban-hanh": (replace(CONFORMANT, so="Số:      /KH-UBND", final=True), ["so-ky-hieu-trong"]),
    "ngay-trong-du-thao": (replace(CONFORMANT, date_line="Long Biên, ngày    tháng    năm 2020"), []),
    "ngay-trong-ban-hanh": (
        replace(CONFORMANT, date_line="Long Biên, ngày    tháng    năm 2020", final=True),
        ["ngay-thang-trong"],
    ),
    "phu-luc-in-hoa": (replace(PHU_LUC, tweak=_appendix_upper), ["phu-luc-dinh-dang"]),
    "phu-luc-chi-dan-dung": (replace(PHU_LUC, tweak=_appendix_note_upright), ["phu-luc-chi-dan-dinh-dang"]),
    "phu-luc-thieu-chi-dan": (replace(PHU_LUC, tweak=_appendix_no_note), ["phu-luc-chi-dan"]),
    "phu-luc-chung-phan": (replace(PHU_LUC, appendix="same"), ["phu-luc-so-trang"]),
    "phu-luc-so-trang-noi-tiep": (replace(PHU_LUC, appendix="continued"), ["phu-luc-so-trang"]),
    "hop-le-phu-luc-tep-rieng": (replace(CONFORMANT, appendix="alone", page_number_at="none"), []),
    "phu-luc-tep-rieng-in-hoa": (
        replace(CONFORMANT, appendix="alone", page_number_at="none", tweak=_appendix_upper),
        ["phu-luc-dinh-dang"],
    ),
    "hop-le-hai-phu-luc": (replace(PHU_LUC, appendix_names=("Phụ lục I", "Phụ lục II")), []),
    "hai-phu-luc-so-a-rap": (replace(PHU_LUC, appendix_names=("Phụ lục 1", "Phụ lục 2")), ["phu-luc-so-thu-tu"] * 2),
    # 3. --kind: staff say what the document is
    "cong-van-dung-loai": (replace(CONG_VAN, kind="cong-van"), []),
    "sai-loai": (replace(CONFORMANT, kind="bien-ban"), ["ten-loai-khong-khop"]),
    "tieu-ngu-khong-gach": (replace(CONFORMANT, tieu_ngu_rule="none"), ["tieu-ngu-gach-duoi"]),
    "co-quan-khong-gach": (replace(CONFORMANT, issuer_rule=False), ["co-quan-ban-hanh-gach-duoi"]),
    "ky-hieu-thieu-co-quan": (replace(CONFORMANT, so="Số: 127/KH"), ["so-ky-hieu-dang"]),
    "ky-hieu-loai-la": (replace(CONFORMANT, so="Số: 127/KHX-UBND"), ["so-ky-hieu-loai"]),
    "so-thieu-so-0": (replace(CONFORMANT, so="Số: 5/KH-UBND"), ["so-ky-hieu-so-0"]),
    "ngay-thang-03": (replace(CONFORMANT, date_line="Long Biên, ngày 27 tháng 03 năm 2020"), ["ngay-thang-so-0"]),
    "ngay-thieu-so-0": (replace(CONFORMANT, date_line="Long Biên, ngày 5 tháng 3 năm 2020"), ["ngay-thang-so-0"]),
    "thang-1-thieu-so-0": (replace(CONFORMANT, date_line="Long Biên, ngày 27 tháng 1 năm 2020"), ["ngay-thang-so-0"]),
    "ngay-khong-nghieng": (replace(CONFORMANT, date_italic=False), ["ngay-thang-dinh-dang"]),
    "ten-loai-khong-dam": (replace(CONFORMANT, type_bold=False), ["ten-loai-dinh-dang"]),
    "giay-letter": (replace(CONFORMANT, page=(12240, 15840)), ["kho-giay"]),
    "le-trai-hep": (replace(CONFORMANT, margins=(1134, 1134, 1417, 850)), ["le-trang"]),
    "noi-dung-can-trai": (replace(CONFORMANT, left_aligned_para=True), ["noi-dung-can-deu"]),
    "noi-dung-khong-thut": (replace(CONFORMANT, unindented_para=True), ["noi-dung-thut-dau-dong"]),
    "ngay-khong-co-that": (
        replace(
            CONFORMANT,
            body=tuple((t.replace("ngày 14 tháng 8 năm 2020", "ngày 31 tháng 02 năm 2020"), k) for t, k in KH_BODY),
        ),
        ["ngay-thang-khong-hop-le"],
    ),
    "so-trang-trang-1": (replace(CONFORMANT, title_page=False), ["so-trang-trang-dau"]),
    "so-trang-thieu": (replace(CONFORMANT, page_number_at="none"), ["so-trang-thieu"]),
    "hop-le-mot-trang": (replace(BIEN_BAN, page_number_at="none"), []),
    "so-trang-can-trai": (replace(CONFORMANT, page_number_align=LEFT), ["so-trang-can-giua"]),
    "so-trang-chan-trang": (replace(CONFORMANT, page_number_at="footer"), ["so-trang-vi-tri"]),
    "chu-ky-can-trai": (replace(CONFORMANT, signer_name_align=LEFT), ["chu-ky-dinh-dang"]),
    "noi-nhan-khong-dam": (replace(CONFORMANT, noi_nhan_plain=True), ["noi-nhan-dinh-dang"]),
    "noi-nhan-dau-cau": (
        replace(CONFORMANT, noi_nhan=("- Như trên", "- Các phường trong Cụm thi đua số 1;", "- Lưu: VT, NV.")),
        ["noi-nhan-muc-dau-cau"],
    ),
    "tin-bai": (replace(CONFORMANT, category="tin-bai", font_source="theme"), []),
    "hop-le-to-trinh": (TO_TRINH, []),
    "kinh-gui-dau-cau": (replace(TO_TRINH, tweak=_kinh_gui_comma), ["kinh-gui-dau-cau"]),
    "quoc-hieu-khong-dam": (replace(CONFORMANT, tweak=_quoc_hieu_not_bold), ["quoc-hieu-dinh-dang"]),
    "tieu-ngu-gach-ngang-dai": (replace(CONFORMANT, tweak=_tieu_ngu_en_dash), ["tieu-ngu-chu"]),
    "tieu-ngu-co-12": (replace(CONFORMANT, tweak=_tieu_ngu_12pt), ["tieu-ngu-dinh-dang"]),
    "so-nghieng": (replace(CONFORMANT, tweak=_so_italic), ["so-ky-hieu-dinh-dang"]),
    "ngay-viet-tat": (replace(CONFORMANT, date_line="Long Biên, ngày 27/3/2020"), ["ngay-thang-dang"]),
    "thieu-ngay-thang": (replace(CONFORMANT, date_line=""), ["ngay-thang-thieu"]),
    "thieu-trich-yeu": (replace(CONFORMANT, tweak=_no_trich_yeu), ["trich-yeu-thieu"]),
    "trich-yeu-gach-dai": (replace(CONFORMANT, tweak=_long_trich_yeu_rule), ["trich-yeu-gach-duoi"]),
    "thieu-tieu-ngu": (replace(CONFORMANT, tweak=_no_tieu_ngu), ["tieu-ngu-thieu"]),
    "thieu-so": (replace(CONFORMANT, so=""), ["so-ky-hieu-thieu"]),
    "thieu-ten-loai": (replace(CONFORMANT, tweak=_no_type_name), ["ten-loai-thieu"]),
    "co-quan-chu-quan-co-14": (replace(CONFORMANT, tweak=_managing_14pt), ["co-quan-chu-quan-dinh-dang"]),
    "co-quan-co-14": (replace(CONFORMANT, tweak=_issuer_14pt), ["co-quan-ban-hanh-dinh-dang"]),
    "co-quan-chu-thuong": (replace(CONFORMANT, tweak=_issuer_lower_case), ["co-quan-ban-hanh-chu-hoa"]),
    "trich-yeu-nghieng": (replace(CONFORMANT, tweak=_trich_yeu_italic), ["trich-yeu-dinh-dang"]),
    "kinh-gui-nghieng": (replace(TO_TRINH, tweak=_kinh_gui_italic), ["kinh-gui-dinh-dang"]),
    "de-muc-khong-dam": (replace(CONFORMANT, tweak=_heading_not_bold), ["de-muc-dinh-dang"]),
    "noi-dung-co-12": (replace(CONFORMANT, tweak=_body_12pt), ["noi-dung-co-chu"]),
    "noi-dung-sat-nhau": (replace(CONFORMANT, tweak=_body_no_spacing), ["noi-dung-khoang-cach"]),
    "noi-dung-gian-dong-doi": (replace(CONFORMANT, tweak=_body_double_spaced), ["noi-dung-gian-dong"]),
    "noi-dung-nghieng": (replace(CONFORMANT, tweak=_body_italic), ["noi-dung-nghieng"]),
    "noi-dung-khong-ket-thuc": (replace(CONFORMANT, tweak=_body_not_closed), ["noi-dung-ket-thuc"]),
    "chu-ky-khong-cho-ky": (replace(CONFORMANT, tweak=_signature_cramped), ["chu-ky-khoang-trong"]),
    "noi-nhan-muc-co-12": (replace(CONFORMANT, tweak=_entries_12pt), ["noi-nhan-muc-dinh-dang"] * 3),
    "noi-nhan-thieu-luu": (
        replace(CONFORMANT, noi_nhan=("- Như trên;", "- Các phường trong Cụm thi đua số 1.")),
        ["noi-nhan-luu"],
    ),
    "thieu-noi-nhan": (replace(CONFORMANT, noi_nhan=()), ["noi-nhan-thieu"]),
    "so-trang-co-10": (replace(CONFORMANT, tweak=_page_number_10pt), ["so-trang-dinh-dang"]),
    "thieu-quoc-hieu": (replace(CONFORMANT, quoc_hieu="Ủy ban nhân dân quận"), ["quoc-hieu-thieu"]),
}
# Not administrative documents: one verdict, no findings (unless --kind says otherwise).
NOT_OFFICIAL = {
    "huong-dan-su-dung": replace(CONFORMANT, manual="huong-dan"),
    "luat": replace(CONFORMANT, manual="luat"),
    "don-de-nghi": replace(CONFORMANT, manual="don"),
}
# Fixtures converted with LibreOffice: what only the rendered page shows.
RENDERED = {
    "hop-le": [],
    "hop-le-quyet-dinh": [],
    "hop-le-cong-van": [],
    "hop-le-bien-ban-mau-1-9": [],
    "hop-le-phu-luc": [],
    "hop-le-to-trinh": [],
    "hop-le-dau-tab": [],
    "hop-le-hai-phu-luc": [],
    "quoc-hieu-xuong-dong": ["trang-mot-dong"],
    "so-trang-chan-trang": ["trang-so-trang"],
    "phu-luc-chung-phan": ["trang-so-trang"],
    "de-muc-cuoi-trang": ["trang-de-muc-cuoi-trang"],
    "noi-nhan-thap": ["trang-noi-nhan-vi-tri"],
}
FIXTURES.update(
    {
        "de-muc-cuoi-trang": (replace(CONFORMANT, tweak=_heading_at_page_foot), []),  # only the page shows it
        "noi-nhan-thap": (replace(CONFORMANT, tweak=_noi_nhan_low), []),
    }
)


# ---------------------------------------------------------------------------- real offices' files (issue 18)


def _header_in_margin(doc):
    """Quốc hiệu and issuer typed in the first page's header part (the header table moved there)."""
    table = doc.tables[0]._tbl
    table.getparent().remove(table)
    header = doc.sections[0].first_page_header
    header.is_linked_to_previous = False
    header._element.insert(0, table)


def _issuer_rule_after_break(doc):
    """`QUẬN LONG BIÊN⏎______`: the rule under the issuer typed after a line break."""
    para = _find(doc, "QUẬN LONG BIÊN")
    para.runs[0].add_break()
    para.add_run("_" * round(text_twips("ỦY BAN NHÂN DÂN", 13, True) * 0.42 / text_twips("_", 13, False)))


def _tab_title_not_bold(doc):
    for run in _find(doc, "- Các phường").runs:
        if run.text == "PHÓ CHỦ TỊCH":
            run.bold = None


def _dashed_rules(doc):
    """The rules typed as hyphens (`-------`), as many .doc files do, not underscores."""
    for para in _paragraphs(doc):
        if para.text and set(para.text) == {"_"}:
            para.runs[0].text = "-" * round(len(para.text) * text_twips("_", 13, False) / text_twips("-", 13, False))


def _auto_numbered(doc):
    """A heading numbered by Word's list numbering (the number is not in its text), with
    the list's hanging indent: a list item, not a paragraph of text."""
    para = _find(doc, "1. Mục đích")
    para.runs[0].text = "Mục đích"
    para.style = doc.styles["List Number"]
    para.paragraph_format.space_before = Pt(6)
    para.paragraph_format.alignment = JUSTIFY


def _attached_upright(doc):
    _runs(doc, "(Kèm theo Quyết định", italic=None)


FIFTY = (
    "Các đơn vị rà soát hồ sơ, tài liệu của năm, lập danh mục hồ sơ và giao nộp vào lưu trữ "
    "cơ quan đúng thời hạn theo quy định."
)


def _fifty_12pt(doc):
    """The same defect on 50 paragraphs: each in 12 pt."""
    for para in _paragraphs(doc):
        if para.text == FIFTY:
            for run in para.runs:
                run.font.size = Pt(12)


def _merge_field(doc):
    """A MERGEFIELD left unmerged in the text: its result «dia_diem»."""
    para = _find(doc, "Thông qua")
    for xml in (
        '<w:r {ns}><w:t xml:space="preserve"> tại </w:t></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> MERGEFIELD dia_diem </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>«dia_diem»</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        para._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


REGULATION = [
    ("QUY ĐỊNH", 14, True, False, CENTER),
    ("Về khen thưởng công tác văn thư, lưu trữ trên địa bàn quận", 14, True, False, CENTER),
    (
        "(Ban hành kèm theo Quyết định số 215/QĐ-UBND ngày 17 tháng 8 năm 2020 của Chủ tịch Ủy ban nhân "
        "dân quận Long Biên)",
        14,
        False,
        True,
        CENTER,
    ),
]


def _attached_regulation(doc):
    """The regulation a decision issues, after the signature on a new page."""
    first = None
    for text, size, bold, italic, align in REGULATION:
        p = _para(doc, text, size, bold=bold, italic=italic, align=align)
        first = first or p
    first.paragraph_format.page_break_before = True
    _rule(doc, 9355, 4.0)
    for text in ("Điều 1. Phạm vi điều chỉnh",):
        p = doc.add_paragraph(style="Noi dung")
        p.add_run(text).bold = True
    p = doc.add_paragraph(style="Noi dung")
    p.add_run("Quy định này quy định việc khen thưởng công tác văn thư, lưu trữ của các phường./.")


def _examples_table(doc):
    """A table of examples in a Phụ lục, as the Decree's own Phụ lục I has: the elements
    shown, not a header or a signature block."""
    rows = [
        ("Thành phần", "Ví dụ"),
        ("Quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Tiêu ngữ", "Độc lập - Tự do - Hạnh phúc"),
        ("Số, ký hiệu", "Số: 15/QĐ-BNV"),
        ("Quyền hạn ký", "TM. ỦY BAN NHÂN DÂN"),
        ("Nơi nhận", "Nơi nhận:"),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for r, (a, b) in enumerate(rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, (a, b)):
            run = cell.paragraphs[0].add_run(text)
            run.font.size, run.bold = Pt(13), (r == 0 or b.isupper()) or None


QD_NO_AUTHORITY = tuple(x for x in QD_BODY if x[1] != "center" or x[0].startswith("QUYẾT"))
QD_NO_CAN_CU = tuple(x for x in QD_BODY if x[1] != "can-cu")
QD_CAN_CU_OTHER = (
    tuple(QD_BODY[:3])
    + (("Thực hiện Kế hoạch số 127/KH-UBND ngày 27 tháng 3 năm 2020 của Ủy ban nhân dân quận;", "can-cu"),)
    + tuple(QD_BODY[3:])
)

FIXTURES.update(
    {
        # 1. no real document dismissed
        "cong-van-chua-co-so": (replace(CONG_VAN, so=""), ["so-ky-hieu-thieu"]),
        "hop-le-quoc-hieu-dau-trang": (replace(CONFORMANT, tweak=_header_in_margin), []),
        # 2. tab- and space-laid forms
        "hop-le-dau-tab-so-trong": (replace(CONFORMANT, header_layout="tabs", so="Số:      /KH-UBND"), []),
        "hop-le-dau-tab-ngay-tab": (
            replace(CONFORMANT, header_layout="tabs", date_line="Long Biên, ngày\ttháng 3 năm 2020"),
            [],
        ),
        "hop-le-dau-cach-ngay-trong": (
            replace(
                CONFORMANT,
                header_layout="spaces",
                so="Số:      /KH-UBND",
                date_line="Long Biên, ngày      tháng 3 năm 2020",
            ),
            [],
        ),
        "hop-le-chu-ky-tab": (replace(CONFORMANT, signature_layout="tabs"), []),
        "hop-le-chu-ky-dau-cach": (replace(CONFORMANT, signature_layout="spaces"), []),
        "hop-le-chu-ky-tren-noi-nhan": (replace(QUYET_DINH, signature_layout="above"), []),
        "hop-le-gach-dau-tru": (replace(CONFORMANT, typed_rules=True, tweak=_dashed_rules), []),
        "chu-ky-tab-noi-nhan-thieu-luu": (
            replace(
                CONFORMANT, signature_layout="tabs", noi_nhan=("- Như trên;", "- Các phường trong Cụm thi đua số 1.")
            ),
            ["noi-nhan-luu"],
        ),
        "chu-ky-tab-khong-dam": (
            replace(CONFORMANT, signature_layout="tabs", tweak=_tab_title_not_bold),
            ["chu-ky-dinh-dang"],
        ),
        # 3. --kind forces a Decree 30 check of a legal normative document: the year is told apart
        "ky-hieu-co-nam-kind": (replace(QUYET_DINH, so="Số: 15/2010/QĐ-UBND", kind="quyet-dinh"), ["so-ky-hieu-nam"]),
        # 4. the same defect on 50 paragraphs
        "lap-lai-50-doan": (
            replace(
                CONFORMANT, body=tuple(KH_BODY[:3]) + ((FIFTY, "text"),) * 50 + tuple(KH_BODY[3:]), tweak=_fifty_12pt
            ),
            ["noi-dung-co-chu"] * 50,
        ),
        # 5. still wrong before
        "hop-le-danh-so-tu-dong": (replace(CONFORMANT, tweak=_auto_numbered), []),
        "hop-le-gach-sau-xuong-dong": (replace(CONFORMANT, issuer_rule=False, tweak=_issuer_rule_after_break), []),
        "hop-le-can-cu-khong-chu-can-cu": (replace(QUYET_DINH, body=QD_CAN_CU_OTHER), []),
        "hop-le-quy-dinh-kem-theo": (replace(QUYET_DINH, tweak=_attached_regulation), []),
        "hop-le-phu-luc-bang-vi-du": (
            replace(CONFORMANT, appendix="alone", page_number_at="none", tweak=_examples_table),
            [],
        ),
        # 6. missed before
        "tron-thu-con-sot": (replace(CONFORMANT, tweak=_merge_field), ["tron-thu-con-sot"]),
        "quyet-dinh-thieu-tham-quyen": (replace(QUYET_DINH, body=QD_NO_AUTHORITY), ["quyet-dinh-tham-quyen"]),
        "quyet-dinh-thieu-can-cu": (replace(QUYET_DINH, body=QD_NO_CAN_CU), ["quyet-dinh-can-cu"]),
        "quyet-dinh-ca-nhan-ky-tm": (
            replace(QUYET_DINH, signers=(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Phạm Hoài Nam")),
            ["chu-ky-tham-quyen"],
        ),
        "ky-thay-truoc-ten-co-quan": (
            replace(CONFORMANT, signers=(("KT. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"), "Phạm Hoài Nam")),
            ["chu-ky-tham-quyen"],
        ),
        "ky-thay-chuc-vu-co-quan-khac": (
            replace(CONFORMANT, signers=(("TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Phạm Hoài Nam")),
            ["chu-ky-tham-quyen"],
        ),
        "thua-lenh-truoc-cap-pho": (
            replace(
                CONFORMANT, signers=(("TM. ỦY BAN NHÂN DÂN", "TL. PHÓ CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), "Phạm Hoài Nam")
            ),
            ["chu-ky-tham-quyen"],
        ),
    }
)


def _one_table(doc):
    """The whole document re-laid in one table, as real offices do: the header's row, then
    a row of one cell (spanning both columns) holding type name, trích yếu and body, then
    the Nơi nhận beside the signature in the last row."""
    body = doc.element.body
    tables = body.findall(qn("w:tbl"))
    head, sign = tables[0], tables[-1]
    span = sum(int(col.get(qn("w:w"))) for col in head.find(qn("w:tblGrid")).findall(qn("w:gridCol")))
    tr = parse_xml(
        f'<w:tr {nsdecls("w")}><w:tc><w:tcPr><w:tcW w:w="{span}" w:type="dxa"/>'
        f'<w:gridSpan w:val="2"/></w:tcPr></w:tc></w:tr>'
    )
    tc = tr.find(qn("w:tc"))
    for el in list(head.itersiblings()):
        if el is sign:
            break
        tc.append(el)
    if tc[-1].tag != qn("w:p"):  # a cell ends with a paragraph
        tc.append(parse_xml(f"<w:p {nsdecls('w')}/>"))
    head.append(tr)
    for row in sign.findall(qn("w:tr")):
        head.append(row)
    body.remove(sign)
    head.addnext(parse_xml(f"<w:p {nsdecls('w')}/>"))  # Word ends a document with a paragraph


def _regrid(tbl):
    """tblGrid and gridSpan made to agree with the cells' widths (tcW) of every row."""
    rows = [
        [(tc, int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")))) for tc in tr.findall(qn("w:tc"))]
        for tr in tbl.findall(qn("w:tr"))
    ]
    edges = sorted({sum(w for _tc, w in row[:n]) for row in rows for n in range(len(row) + 1)})
    grid = tbl.find(qn("w:tblGrid"))
    for col in list(grid):
        grid.remove(col)
    for a, b in zip(edges, edges[1:]):
        grid.append(parse_xml(f'<w:gridCol {nsdecls("w")} w:w="{b - a}"/>'))
    for row in rows:
        x = 0
        for tc, width in row:
            tc_pr = tc.find(qn("w:tcPr"))
            for old in tc_pr.findall(qn("w:gridSpan")):
                tc_pr.remove(old)
            span = edges.index(x + width) - edges.index(x)
            if span > 1:
                tc_pr.find(qn("w:tcW")).addnext(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="{span}"/>'))
            x += width


def _one_table_cell_rules(doc, issuer_share: float = 0.42):
    """The whole document in one table, with the header laid out as offices' .doc files do:
    the rules under the issuer and the Tiêu ngữ are the top borders of cells as wide as
    the rules, in a row of their own, and `Số:` and the date in the row under it."""
    _one_table(doc)
    tbl = doc.element.body.find(qn("w:tbl"))
    first = tbl.find(qn("w:tr"))
    left_tc, right_tc = first.findall(qn("w:tc"))
    left_w, right_w = (int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for tc in (left_tc, right_tc))
    issuer_rule = round(text_twips("ỦY BAN NHÂN DÂN", 13, True) * issuer_share)
    motto_rule = round(text_twips("Độc lập - Tự do - Hạnh phúc", 13, True))

    def cell(width, border=False):
        top = (
            '<w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>' if border else ""
        )
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{top}</w:tcPr>'
            '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            "</w:pPr></w:p></w:tc>"
        )

    pad_l, pad_r = (left_w - issuer_rule) // 2, (right_w - motto_rule) // 2
    cells = [
        cell(pad_l),
        cell(issuer_rule, True),
        cell(left_w - pad_l - issuer_rule),
        cell(pad_r),
        cell(motto_rule, True),
        cell(right_w - pad_r - motto_rule),
    ]
    rule_row = parse_xml(f"<w:tr {nsdecls('w')}>{''.join(cells)}</w:tr>")
    so_row = parse_xml(
        f'<w:tr {nsdecls("w")}><w:tc><w:tcPr><w:tcW w:w="{left_w}" w:type="dxa"/></w:tcPr></w:tc>'
        f'<w:tc><w:tcPr><w:tcW w:w="{right_w}" w:type="dxa"/></w:tcPr></w:tc></w:tr>'
    )
    for source, target in zip((left_tc, right_tc), so_row.findall(qn("w:tc"))):
        paras = source.findall(qn("w:p"))
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paras]
        last = max(n for n, t in enumerate(texts) if t.strip())  # `Số:` / the date line
        for p, text in zip(paras[:last], texts[:last]):
            if not text.strip() and p is not paras[0]:  # the empty lines that held no rule
                source.remove(p)
        target.append(paras[last])
    first.addnext(rule_row)
    rule_row.addnext(so_row)
    _regrid(tbl)


FIXTURES.update(
    {
        "hop-le-mot-bang": (replace(CONFORMANT, tweak=_one_table), []),
        "mot-bang-ngay-khong-nghieng": (
            replace(CONFORMANT, date_italic=False, tweak=_one_table),
            ["ngay-thang-dinh-dang"],
        ),
        "hop-le-mot-bang-gach-vien-o": (
            replace(CONFORMANT, issuer_rule=False, tieu_ngu_rule="none", tweak=_one_table_cell_rules),
            [],
        ),
        # the rule under the issuer as long as the text (a cell as wide as it)
        "mot-bang-gach-vien-o-dai": (
            replace(
                CONFORMANT, issuer_rule=False, tieu_ngu_rule="none", tweak=lambda doc: _one_table_cell_rules(doc, 1.0)
            ),
            ["co-quan-ban-hanh-gach-duoi"],
        ),
    }
)
RENDERED.update({"hop-le-mot-bang": [], "hop-le-mot-bang-gach-vien-o": []})


def _retype(doc, encode):
    """Every run with text re-typed in a legacy font: `encode(ch)` gives (font, the
    characters stored for it); a run is split where the font changes."""
    import copy

    for r in list(doc.element.iter(qn("w:r"))):
        texts = r.findall(qn("w:t"))
        if len(texts) != 1 or not texts[0].text:
            continue
        pieces = []
        for ch in texts[0].text:
            font, stored = encode(ch)
            if pieces and pieces[-1][0] == font:
                pieces[-1][1] += stored
            else:
                pieces.append([font, stored])
        for font, stored in pieces:
            new = copy.deepcopy(r)
            rpr = new.find(qn("w:rPr"))
            if rpr is None:
                rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
                new.insert(0, rpr)
            for old in rpr.findall(qn("w:rFonts")):
                rpr.remove(old)
            rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'))
            t = new.find(qn("w:t"))
            t.text = stored
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.addprevious(new)
        r.getparent().remove(r)


def _legacy_table(name: str) -> dict:
    """Unicode letter → the characters a .docx stores for it, from pipeline/data/<name>."""
    from pipeline.formatcheck import legacy

    return {uni: stored for stored, uni in legacy.table(legacy.TCVN3 if name == "tcvn3" else legacy.VNI).items()}


def _tcvn3(doc):
    """Typed in TCVN3 (ABC): .VnTime, and .VnTimeH for the capitals VN3 has no place for."""
    table = _legacy_table("tcvn3")

    def encode(ch):
        if ch in table:
            return ".VnTime", table[ch]
        if ch.lower() in table:  # Ủ, Ấ…: the .VnTimeH font draws ủ, ấ as capitals
            return ".VnTimeH", table[ch.lower()]
        return ".VnTime", ch

    _retype(doc, encode)


def _vni(doc):
    """Typed in VNI Windows (VNI-Times)."""
    table = _legacy_table("vni")
    _retype(doc, lambda ch: ("VNI-Times", table.get(ch, ch)))


FIXTURES.update(
    {
        "bang-ma-tcvn3": (replace(CONFORMANT, tweak=_tcvn3), ["bang-ma-cu"]),
        "bang-ma-vni": (replace(QUYET_DINH, tweak=_vni), ["bang-ma-cu"]),
        # Unicode text left in a .VnTime font: read as it is, the font is the defect
        "unicode-phong-vntime": (
            replace(CONFORMANT, tweak=lambda doc: _retype(doc, lambda ch: (".VnTime", ch))),
            ["phong-chu"] * 44,
        ),  # one per paragraph
    }
)


# A4 laid across (Phụ lục I, I.2): allowed for a text whose body holds a table not made an
# appendix (the kế hoạch's schedule); without the table it is the wrong sheet.
ACROSS = (16838, 11906)
FIXTURES.update(
    {
        "hop-le-kho-ngang-co-bang": (replace(CONFORMANT, page=ACROSS), []),
        "kho-ngang-khong-bang": (
            replace(CONFORMANT, page=ACROSS, body=tuple(b for b in KH_BODY if b[1] != "table")),
            ["kho-giay"],
        ),
    }
)


# The form of a text issued with a decision (Phụ lục III, after Mẫu 1.3): header, type name,
# trích yếu, `(Kèm theo Quyết định số …)`, body; no number, date, signature or Nơi nhận.
ATTACHED_BODY = (
    ("Chương I", "heading"),
    ("QUY ĐỊNH CHUNG", "heading"),
    (
        "Điều 1. Quy định này quy định việc khen thưởng công tác văn thư, lưu trữ của các phường thuộc quận Long Biên.",
        "article",
    ),
    (
        "Điều 2. Quy định này áp dụng đối với tập thể, cá nhân làm công tác văn thư, lưu trữ tại "
        "Ủy ban nhân dân các phường./.",
        "article",
    ),
)
QUY_DINH_KEM_THEO = Spec(
    type_name="QUY ĐỊNH",
    so="",
    date_line="",
    body=ATTACHED_BODY,
    trich_yeu="Về khen thưởng công tác văn thư, lưu trữ",
    attached_to="(Kèm theo Quyết định số 215/QĐ-UBND ngày 17 tháng 8 năm 2020 của Chủ tịch "
    "Ủy ban nhân dân quận Long Biên)",
    page_number_at="none",
)
FIXTURES.update(
    {
        "hop-le-van-ban-kem-theo": (QUY_DINH_KEM_THEO, []),
        "van-ban-kem-theo-dung": (replace(QUY_DINH_KEM_THEO, tweak=_attached_upright), ["kem-theo-dinh-dang"]),
    }
)
# Legal normative documents (văn bản quy phạm pháp luật): one verdict naming their rules.
LEGAL = {
    "luat": replace(CONFORMANT, manual="luat"),
    "quyet-dinh-quy-pham": replace(QUYET_DINH, so="Số: 15/2010/QĐ-UBND"),
    "thong-tu": replace(
        CONFORMANT, type_name="THÔNG TƯ", so="Số: 03/2018/TT-BNG", trich_yeu="Hướng dẫn dịch Quốc hiệu, tên các cơ quan"
    ),
    "nghi-dinh": replace(CONFORMANT, type_name="NGHỊ ĐỊNH", so="Số: 30/NĐ-CP", trich_yeu="Về công tác văn thư"),
}
del NOT_OFFICIAL["luat"]
RENDERED.update({"hop-le-dau-hai-dong": [], "hop-le-chu-ky-tab": [], "hop-le-quoc-hieu-dau-trang": []})
UNREADABLE = "khong-phai-docx.docx"


# ---------------------------------------------------------------------------- building


def build(spec: Spec, path: Path) -> Path:
    doc = docx.Document()
    _styles(doc, spec)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(spec.page[0]), Twips(spec.page[1])
    top, bottom, left, right = spec.margins
    section.top_margin, section.bottom_margin = Twips(top), Twips(bottom)
    section.left_margin, section.right_margin = Twips(left), Twips(right)
    section.header_distance = Cm(1)
    text_width = spec.page[0] - left - right

    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph
        body.remove(p)
    if spec.manual:
        _manual(doc, spec.manual)
    elif spec.appendix == "alone":  # Mẫu 2.2: a Phụ lục in a file of its own
        for name in spec.appendix_names:
            _one_appendix(doc, spec, name)
    else:
        _header_table(doc, spec)
        _title(doc, spec)
        _body(doc, spec, text_width)
        if not spec.attached_to:  # a text issued with a decision is signed on the decision
            _signature(doc, spec)
        _appendix(doc, spec)
    _page_number(doc, spec)
    if spec.tweak is not None:
        spec.tweak(doc)
    doc.core_properties.category = spec.category
    doc.core_properties.title = f"{spec.type_name} {spec.trich_yeu}"
    doc.save(path)
    return path


def _styles(doc, spec: Spec) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    if spec.font_source == "style":
        normal.font.name = TNR
    elif spec.font_source == "docdefaults":
        rfonts = (
            doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
        )
        for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(name), None)
        for name in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(name), TNR)
    normal.font.size = Pt(14)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0

    body = styles.add_style("Noi dung", 1)  # 1: paragraph style
    body.base_style = normal
    fmt = body.paragraph_format
    fmt.alignment = JUSTIFY
    fmt.first_line_indent = Cm(1.27)
    fmt.space_before, fmt.space_after = Pt(6), Pt(0)

    arial = styles.add_style("Noi dung Arial", 1)
    arial.base_style = body
    arial.font.name = "Arial"


def _para(
    container,
    text: str = "",
    size: float = 14,
    bold=False,
    italic=False,
    align=CENTER,
    before: float = 0,
    after: float = 0,
    style=None,
):
    p = container.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(before), Pt(after)
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic = bold or None, italic or None
    else:
        _mark_size(p, size)
    return p


_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:bidi",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:jc",
    "w:outlineLvl",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _mark_size(p, size: float) -> None:
    """Size of an empty paragraph (its paragraph mark), which sets its height."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{int(size * 2)}"/>'))


def _rule(container, width_twips: float, length_cm: float):
    """An empty hairline paragraph whose top border, indented from both sides, is the rule."""
    p = _para(container, size=1, before=3)
    side = (width_twips - Cm(length_cm).twips) / 2
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Twips(side)
    p.paragraph_format.line_spacing = Pt(1)
    p._p.get_or_add_pPr().insert_element_before(
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'),
        *_AFTER_PBDR,
    )
    return p


def _fresh_cell(cell, width):
    cell.width = width
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def _table(doc, widths_cm: tuple):
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = []
    for col, cell, width in zip(table.columns, table.rows[0].cells, widths_cm):
        col.width = Cm(width)
        cells.append(_fresh_cell(cell, Cm(width)))
    return table, cells


def _underscores(container, width_twips: float, size: float = 13, align=CENTER):
    """A rule typed as underscores, about `width_twips` long, as the Decree's .doc files do."""
    n = max(3, round(width_twips / text_twips("_", size, False)))
    return _para(container, "_" * n, size, align=align)


def _header_tabs(doc, spec: Spec) -> None:
    """The header as lines of the body laid out with centred tab stops (no table),
    rules typed as underscores."""
    left_c, right_c = Cm(spec.left_cm / 2), Cm(spec.left_cm + spec.right_cm / 2 - 0.3)
    issuer_w = text_twips("ỦY BAN NHÂN DÂN", 13, True)
    motto_w = text_twips("Độc lập - Tự do - Hạnh phúc", 13, True)
    rows = [
        (("UBND THÀNH PHỐ HÀ NỘI", 13, False, False), (spec.quoc_hieu, 12, True, False)),
        (("ỦY BAN NHÂN DÂN", 13, True, False), ("Độc lập - Tự do - Hạnh phúc", 13, True, False)),
        (("QUẬN LONG BIÊN", 13, True, False), ("_" * round(motto_w / text_twips("_", 13, False)), 13, False, False)),
        (("_" * round(issuer_w * 0.42 / text_twips("_", 13, False)), 13, False, False), None),
        ((spec.so, 13, False, False), (spec.date_line, 14, False, spec.date_italic) if spec.date_line else None),
    ]
    if spec.vv:
        rows.append(((spec.vv, 12, False, False), None))
    spaces = spec.header_layout == "spaces"  # typed with runs of spaces, as on a typewriter
    for left, right in rows:
        p = _para(doc, align=LEFT, before=6 if left[0] == spec.so else 0)
        for stop in (left_c, right_c):
            p.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.CENTER)
        for n, piece in enumerate((left, right)):
            if piece is None:
                continue
            text, size, bold, italic = piece
            p.add_run(("    " if n == 0 else " " * max(4, 34 - len(left[0]))) if spaces else "\t")
            run = p.add_run(text)
            run.font.size, run.bold, run.italic = Pt(size), bold or None, italic or None


def _header_table(doc, spec: Spec) -> None:
    if spec.header_layout in ("tabs", "spaces"):
        return _header_tabs(doc, spec)
    if spec.header_rows == 2:
        return _header_two_rows(doc, spec)
    _table_el, (left, right) = _table(doc, (spec.left_cm, spec.right_cm))
    inner_left = Cm(spec.left_cm).twips - 216
    inner_right = Cm(spec.right_cm).twips - 216
    _para(left, "UBND THÀNH PHỐ HÀ NỘI", 13)
    _para(left, "ỦY BAN NHÂN DÂN", 13, bold=True)
    _para(left, "QUẬN LONG BIÊN", 13, bold=True)
    if spec.issuer_rule and spec.typed_rules:
        _underscores(left, text_twips("ỦY BAN NHÂN DÂN", 13, True) * 0.42)
    elif spec.issuer_rule:
        _rule(left, inner_left, 1.8)  # "ỦY BAN NHÂN DÂN" in 13 pt bold is about 4.2 cm wide
    else:
        _para(left, size=1)
    _para(left, spec.so, 13, before=6)
    if spec.vv:
        _para(left, spec.vv, 12, before=6)

    _para(right, spec.quoc_hieu, 12, bold=True)
    tn = _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    if spec.tieu_ngu_rule == "border" and spec.typed_rules:
        _underscores(right, text_twips("Độc lập - Tự do - Hạnh phúc", 13, True))
    elif spec.tieu_ngu_rule == "border":
        _rule(right, inner_right, 5.6)  # the Tiêu ngữ in 13 pt bold is about 5.6 cm wide
    elif spec.tieu_ngu_rule == "vml":
        tn.add_run()._r.append(parse_xml(_VML_LINE.format(end=57 + 159)))
    elif spec.tieu_ngu_rule == "drawing":
        tn.add_run()._r.append(parse_xml(_DRAWING_LINE.format(cx=int(Cm(5.6)))))
    _para(right, size=13)
    if spec.date_line:
        _para(right, spec.date_line, 14, italic=spec.date_italic, before=6)


def _header_two_rows(doc, spec: Spec) -> None:
    table, (left, right) = _table(doc, (spec.left_cm, spec.right_cm))
    _para(left, "UBND THÀNH PHỐ HÀ NỘI", 13)
    _para(left, "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", 13, bold=True)
    _rule(left, Cm(spec.left_cm).twips - 216, 2.4)  # the issuer wraps to a 5.8 cm line
    qh_tn = _para(right, spec.quoc_hieu, 12, bold=True)
    qh_tn.runs[0].add_break()
    tn = qh_tn.add_run("Độc lập - Tự do - Hạnh phúc")
    tn.font.size, tn.bold, tn.underline = Pt(13), True, True
    row = table.add_row()
    for cell, width, text, italic in (
        (row.cells[0], spec.left_cm, spec.so, False),
        (row.cells[1], spec.right_cm, spec.date_line, spec.date_italic),
    ):
        _para(_fresh_cell(cell, Cm(width)), text, 13 if not italic else 14, italic=italic, before=6)


_VML_LINE = (
    '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><v:line from="57pt,18pt" to="{end}pt,18pt" strokeweight=".5pt" '
    'style="position:absolute;z-index:1"/></w:pict>'
)
_DRAWING_LINE = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
    'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>720000</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>215000</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="10" name="Tieu ngu"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
    '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
    "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:line from="0,0" to="159pt,0" strokeweight=".5pt"/></w:pict></mc:Fallback>'
    "</mc:AlternateContent>"
)


def _title(doc, spec: Spec) -> None:
    if not spec.type_name:  # công văn: its trích yếu is the V/v line of the header
        _para(doc, size=14)
        return
    _para(doc, spec.type_name, 14, bold=spec.type_bold, before=18)
    _para(doc, spec.trich_yeu, 14, bold=True)
    if spec.attached_to:
        _para(doc, spec.attached_to, 14, italic=True)
    if spec.typed_rules:
        _underscores(doc, Cm(spec.trich_yeu_rule_cm).twips, 14)
    else:
        _rule(doc, Twips(spec.page[0] - spec.margins[2] - spec.margins[3]).twips, spec.trich_yeu_rule_cm)


def _body(doc, spec: Spec, text_width: int) -> None:
    texts = [i for i, (_t, kind) in enumerate(spec.body) if kind == "text"]
    for i, (text, kind) in enumerate(spec.body):
        if kind == "table":
            _schedule(doc)
            continue
        style = "Noi dung Arial" if spec.arial_style and i == texts[1] else "Noi dung"
        p = doc.add_paragraph(style=style)
        if kind == "heading":
            p.add_run(text).bold = True
        elif kind == "center":  # the issuing authority and `QUYẾT ĐỊNH:` of Mẫu 1.2
            p.add_run(text).bold = True
            p.alignment = CENTER
            p.paragraph_format.first_line_indent = Twips(0)
        elif kind == "article":  # `Điều N.` bold, then the article's text
            head, tail = text.split(". ", 1)
            p.add_run(head + ".").bold = True
            p.add_run(" " + tail)
        elif kind == "can-cu":
            p.add_run(text).italic = True
        elif spec.arial_run and i == texts[0]:
            head, tail = text.split(" ", 1)
            p.add_run(head + " ")
            p.add_run(tail).font.name = "Arial"
        elif spec.red_run and i == texts[0]:
            p.add_run(text).font.color.rgb = RGBColor(0xC0, 0, 0)
        else:
            p.add_run(text)
        if spec.left_aligned_para and i == texts[1]:
            p.alignment = LEFT
        if spec.unindented_para and i == texts[1]:
            p.paragraph_format.first_line_indent = Twips(0)


def _schedule(doc) -> None:
    table = doc.add_table(rows=0, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(SCHEDULE):
        cells = table.add_row().cells
        for cell, text, width in zip(cells, row, (1.2, 4.5, 4.5, 5.5)):
            cell.width = Cm(width)
            p = cell.paragraphs[0]
            p.alignment = CENTER
            run = p.add_run(text)
            run.font.size, run.bold = Pt(13), (r == 0) or None
    _para(doc, size=6)


def _signature(doc, spec: Spec) -> None:
    if spec.signature_layout in ("tabs", "spaces", "above"):
        return _signature_laid_out(doc, spec)
    _para(doc, size=6)
    _table_el, (left, right) = _table(doc, (8.0, 8.5))
    if spec.noi_nhan and not spec.noi_nhan_below:
        _noi_nhan(left, spec)
    elif spec.second_signer:
        _signer(left, spec.second_signer, CENTER)
    _signer(right, spec.signers, spec.signer_name_align)
    if spec.noi_nhan_below:  # Mẫu 1.9: under the signatures, at the left margin
        _para(doc, size=6)
        _noi_nhan(doc, spec)


def _signature_laid_out(doc, spec: Spec) -> None:
    """Nơi nhận and the signature side by side in lines of the body, the signature placed
    by a centred tab stop (or typed after runs of spaces), as .doc files converted from
    old offices do."""
    titles, name = spec.signers
    left = [("Nơi nhận:", 12, True, True)] + [(e, 11, False, False) for e in spec.noi_nhan]
    right = [(t, 14, True, False) for t in titles]
    if spec.signature_layout == "above":  # the titles alone above the Nơi nhận, as in a Quảng Bình .doc
        left = [None] * len(right) + left
        right += [None] * (len(left) - len(right))
    rows = max(len(left), len(right))
    left += [None] * (rows - len(left) + 4)
    right += [None] * (rows - len(right)) + [None, None, None, (name, 14, True, False)]
    spaces = spec.signature_layout in ("spaces", "above")
    _para(doc, size=6)
    for lpiece, rpiece in zip(left, right):
        p = _para(doc, align=LEFT, before=6 if lpiece and lpiece[0] == "Nơi nhận:" else 0)
        if spec.signature_layout == "tabs":
            p.paragraph_format.tab_stops.add_tab_stop(Cm(12.0), WD_TAB_ALIGNMENT.CENTER)
        if lpiece is not None:
            text, size, bold, italic = lpiece
            run = p.add_run(text)
            run.font.size, run.bold, run.italic = Pt(size), bold or None, italic or None
        if rpiece is not None:
            text, size, bold, italic = rpiece
            lead = " " * max(4, 44 - (len(lpiece[0]) if lpiece else 0)) if spaces else "\t"
            if spec.signature_layout == "above" and text in titles:
                lead = "    " + "\t" * 7 + " " * 6  # default tab stops, as the Quảng Bình file has
            p.add_run(lead).font.size = Pt(size)
            run = p.add_run(text)
            run.font.size, run.bold = Pt(size), bold or None
        if lpiece is None and rpiece is None:
            _mark_size(p, 14)


def _noi_nhan(container, spec: Spec) -> None:
    plain = spec.noi_nhan_plain
    _para(container, "Nơi nhận:", 12, bold=not plain, italic=not plain, align=LEFT, before=6)
    for entry in spec.noi_nhan:
        _para(container, entry, 11, align=LEFT)


def _appendix(doc, spec: Spec) -> None:
    """Mẫu 2.1: the Phụ lục on a new page, in its own section numbered from 1."""
    if not spec.appendix:
        return
    for name in spec.appendix_names:
        _one_appendix(doc, spec, name)


def _one_appendix(doc, spec: Spec, name: str) -> None:
    if spec.appendix == "alone":
        _para(doc, name, 14, bold=True)
    elif spec.appendix == "same":
        first = _para(doc, name, 14, bold=True)
        first.paragraph_format.page_break_before = True
    else:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = True
        if spec.appendix == "section":
            section._sectPr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
        _para(doc, name, 14, bold=True)
    _para(doc, APPENDIX[1], 14, bold=True)
    _para(doc, APPENDIX[2], 14, italic=True)
    _rule(doc, Twips(spec.page[0] - spec.margins[2] - spec.margins[3]).twips, 4.0)
    table = doc.add_table(rows=0, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, (1.5, 11.0, 3.0)):
        column.width = Cm(width)
    for r, row in enumerate(APPENDIX_ROWS):
        cells = table.add_row().cells
        for cell, text, width in zip(cells, row, (1.5, 11.0, 3.0)):
            cell.width = Cm(width)
            p = cell.paragraphs[0]
            p.alignment = CENTER if width < 5 else LEFT
            run = p.add_run(text)
            run.font.size, run.bold = Pt(13), (r in (0, len(APPENDIX_ROWS) - 1)) or None


MANUALS = {
    "huong-dan": [  # a software manual whose title begins with a type name
        ("HƯỚNG DẪN SỬ DỤNG PHẦN MỀM QUẢN LÝ VĂN BẢN", 16, True, CENTER),
        ("Phiên bản 2.1", 12, False, CENTER),
        ("1. Đăng nhập", 12, True, LEFT),
        ("Mở trình duyệt, nhập địa chỉ của phần mềm, gõ tên đăng nhập và mật khẩu.", 12, False, LEFT),
        ("2. Tạo văn bản đi", 12, True, LEFT),
        ("Chọn Văn bản đi, bấm Thêm mới, điền các trường và bấm Lưu.", 12, False, LEFT),
    ],
    "luat": [  # a law as published: Quốc hiệu, but `Luật số:` and no type name of Phụ lục III
        ("QUỐC HỘI", 13, True, CENTER),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, CENTER),
        ("Độc lập - Tự do - Hạnh phúc", 14, True, CENTER),
        ("Luật số: 06/2022/QH15", 13, False, CENTER),
        ("LUẬT THI ĐUA, KHEN THƯỞNG", 14, True, CENTER),
        ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", 14, False, LEFT),
        ("Chương I", 14, True, CENTER),
        ("NHỮNG QUY ĐỊNH CHUNG", 14, True, CENTER),
        ("Điều 1. Phạm vi điều chỉnh", 14, True, LEFT),
    ],
    "don": [  # a citizen's application form
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, CENTER),
        ("Độc lập - Tự do - Hạnh phúc", 14, True, CENTER),
        ("ĐƠN ĐỀ NGHỊ CẤP BẢN SAO", 14, True, CENTER),
        ("Kính gửi: Ủy ban nhân dân phường Phúc Lợi.", 14, False, LEFT),
        ("Họ và tên: ....................................................", 14, False, LEFT),
        ("Người làm đơn", 14, True, CENTER),
    ],
}


def _manual(doc, which: str) -> None:
    """A file that is not an administrative document."""
    for text, size, bold, align in MANUALS[which]:
        _para(doc, text, size, bold=bold, align=align, after=6)


def _signer(cell, signer, name_align) -> None:
    titles, name = signer
    for i, title in enumerate(titles):
        _para(cell, title, 14, bold=True, before=6 if i == 0 else 0)
    for _ in range(4):
        _para(cell, size=14)
    _para(cell, name, 14, bold=True, align=name_align)


def _page_number(doc, spec: Spec) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = spec.title_page
    if spec.page_number_at == "none":
        return
    part = section.header if spec.page_number_at == "header" else section.footer
    p = part.paragraphs[0]
    p.alignment = spec.page_number_align
    for xml in (
        '<w:fldChar {ns} w:fldCharType="begin"/>',
        '<w:instrText {ns} xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar {ns} w:fldCharType="separate"/>',
        None,
        '<w:fldChar {ns} w:fldCharType="end"/>',
    ):
        run = p.add_run("2" if xml is None else None)
        run.font.size = Pt(14)
        if xml:
            run._r.append(parse_xml(xml.format(ns=nsdecls("w"))))


def build_all(folder) -> dict:
    """Write every fixture (and the unreadable file) into `folder`; name → path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: build(spec, folder / f"{name}.docx") for name, (spec, _rules) in FIXTURES.items()}
    bad = folder / UNREADABLE
    bad.write_text("Đây là tệp văn bản thường, không phải tệp Word.\n", encoding="utf-8")
    paths[UNREADABLE] = bad
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Cách dùng: python tests/formatcheck_fixtures.py THƯ_MỤC_ĐÍCH")
    for path in build_all(sys.argv[1]).values():
        print(path)
