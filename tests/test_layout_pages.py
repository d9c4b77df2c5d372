"""Pages as a clerk expects them (issue 17, items 6 and 10): list items with a capital,
table ends kept with their total, signatures kept together and with the text, Phụ lục
columns sized so that no cell runs needlessly tall, header lines broken between names."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.build import build_campaign, expand
from pipeline.documents.common import capital, punctuate
from pipeline.metrics import text_width_cm
from pipeline.pagination import keep_signatures, keep_table_ends
from pipeline.render import CELL_MARGINS_CM, FIT_SAFETY, NS, W, fit_columns

from .conftest import SAMPLE, edit_workbook
from .docx_tools import paragraphs, plain, table_rows

KEEP = f"{{{W}}}keepNext"


def _xml(body: str):
    return etree.fromstring(f'<w:body xmlns:w="{W}">{body}</w:body>')


def _row(text: str, header: bool = False) -> str:
    head = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{head}<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>"


def _kept(tr) -> bool:
    return all(p.find("w:pPr/w:keepNext", NS) is not None for p in tr.iter(f"{{{W}}}p"))


def test_the_last_rows_of_a_data_table_stay_with_its_total():
    root = _xml(
        "<w:tbl>"
        + _row("Mã", header=True)
        + "".join(_row(str(i)) for i in range(6))
        + _row("Tổng cộng")
        + "</w:tbl><w:tbl>"
        + _row("a")
        + _row("b")
        + "</w:tbl>"
    )
    keep_table_ends(root)
    data, layout = root.findall("w:tbl", NS)
    kept = [_kept(tr) for tr in data.findall("w:tr", NS)]
    # header repeats by itself; rows 4 and 5 keep with the total; the total ends the table
    assert kept == [False, False, False, False, False, True, True, False]
    assert not any(_kept(tr) for tr in layout.findall("w:tr", NS))  # not a data table


def test_a_signature_is_kept_in_one_piece_with_the_text_before_it():
    sign = (
        '<w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="VBKy"/></w:pPr><w:r><w:t>CHỦ TRÌ</w:t>'
        '</w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="VBKyten"/>'
        "</w:pPr><w:r><w:t>Phạm Hoài Nam</w:t></w:r></w:p></w:tc></w:tr>"
    )
    root = _xml(
        f"<w:p><w:r><w:t>Đầu</w:t></w:r></w:p><w:p><w:r><w:t>Cuối.</w:t></w:r></w:p><w:p/><w:tbl>{sign}</w:tbl>"
    )
    keep_signatures(root)
    first, last, empty, table = list(root)
    assert first.find("w:pPr/w:keepNext", NS) is None
    assert last.find("w:pPr/w:keepNext", NS) is not None
    assert empty.find("w:pPr/w:keepNext", NS) is not None
    titles, names = table.findall("w:tr", NS)
    assert _kept(titles) and not _kept(names)


def test_list_items_begin_with_a_capital():
    assert [capital(i) for i in ("xây dựng báo cáo", "- quan tâm bố trí", "UBND phường")] == [
        "Xây dựng báo cáo",
        "- Quan tâm bố trí",
        "UBND phường",
    ]
    assert punctuate(["- cum-4-2020: lỗi"]) == ["- cum-4-2020: lỗi."]  # a code stays as written


# ---------------------------------------------------------------- Phụ lục columns

ANNEX = [  # TT, name, position, unit, achievement: the proposal's list of the sample
    ("TT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Thành tích"),
    (
        "1",
        "UBND phường\u00a0Đức\u00a0Giang",
        "",
        "UBND phường\u00a0Đức\u00a0Giang",
        "Dẫn đầu Cụm thi đua số 1 về công tác văn thư, lưu trữ năm 2020",
    ),
] + [
    (
        str(i),
        name,
        "Công chức Văn phòng - Thống kê",
        f"UBND phường\u00a0{unit}",
        "Hoàn thành xuất sắc nhiệm vụ công tác văn thư, lưu trữ năm 2020",
    )
    for i, (name, unit) in enumerate(
        [
            ("Dương\u00a0Thị\u00a0Thanh\u00a0Huyền", "Phúc\u00a0Đồng"),
            ("Nguyễn\u00a0Thị\u00a0Thu\u00a0Trang", "Phúc\u00a0Lợi"),
            ("Vũ\u00a0Thị\u00a0Ngọc\u00a0Ánh", "Giang\u00a0Biên"),
        ],
        1,
    )
]


def _annex_table(widths_twips):
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    rows = []
    for k, row in enumerate(ANNEX):
        head = "<w:trPr><w:tblHeader/></w:trPr>" if k == 0 else ""
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="1" w:type="dxa"/></w:tcPr><w:p><w:r>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'
            for text in row
        )
        rows.append(f"<w:tr>{head}{cells}</w:tr>")
    return _xml(f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def _wrapped(text: str, bold: bool, width_cm: float) -> int:
    """Lines a cell's text takes, filled word by word as Word does (measured widths)."""
    lines, line = 1, ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and text_width_cm(trial, 12.0, bold) * FIT_SAFETY > width_cm:
            lines, line = lines + 1, word
        else:
            line = trial
    return lines


def _lines(root) -> list[list[int]]:
    """Lines of each cell of ANNEX at the table's widths, row by row."""
    cols = [int(c.get(f"{{{W}}}w")) / 566.93 - CELL_MARGINS_CM for c in root.iter(f"{{{W}}}gridCol")]
    return [[_wrapped(text, k == 0, cols[j]) for j, text in enumerate(row)] for k, row in enumerate(ANNEX)]


def test_annex_columns_give_titles_and_achievements_a_few_lines():
    root = _annex_table([680, 2438, 2041, 2041, 2154])  # the template's widths (16.5 cm)
    fit_columns(root)
    widths = [int(c.get(f"{{{W}}}w")) for c in root.iter(f"{{{W}}}gridCol")]
    assert abs(sum(widths) - 9354) <= 5  # the table keeps its width
    lines = _lines(root)
    persons = lines[2:]
    assert all(row[0] == 1 and row[1] == 1 for row in persons)  # numbers and names whole
    assert max(row[2] for row in persons) <= 3  # the title: was 4, a word a line
    assert max(row[4] for row in lines) <= 4  # the achievement: was 7
    assert max(row[3] for row in lines) <= 2 and lines[0][2] == 1  # `Chức vụ` one line


# ---------------------------------------------------------------- the documents


@pytest.fixture(scope="module")
def lowercase(tmp_path_factory) -> Path:
    """The sample with a finding and achievements written in lower case, built."""
    root = tmp_path_factory.mktemp("lowercase")
    folder = root / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    edit_workbook(
        folder / "du-lieu.xlsx",
        {
            ("Nhận xét", "C2"): "xây dựng báo cáo nghiêm túc",
            ("Khen thưởng", "F3"): "hoàn thành xuất sắc nhiệm vụ năm 2020",
            ("Khen thưởng", "C3"): "công chức Văn phòng - Thống kê",
            # the inspection minutes' row: a long managing body and a cluster with a long name
            ("Văn bản", "B3"): "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
            ("Văn bản", "C3"): "CỤM THI ĐUA VĂN THƯ LƯU TRỮ SỐ 3",
        },
    )
    build_campaign(folder, root / "outputs", expand(["all"]))
    return root / "outputs" / SAMPLE.name


def test_lowercase_items_of_the_workbook_print_with_a_capital(lowercase):
    minutes = paragraphs(lowercase / "bien-ban-kiem-tra-pl.docx")
    assert "- Xây dựng báo cáo nghiêm túc;" in minutes
    annex = table_rows(lowercase / "to-trinh-khen-thuong.docx", 2)
    row = next(r for r in annex if r[1] == "Dương Thị Thanh Huyền")
    assert row[2] == "Công chức Văn phòng - Thống kê"
    assert row[4] == "Hoàn thành xuất sắc nhiệm vụ năm 2020"
    certificates = paragraphs(lowercase / "giay-khen.docx")
    # the certificate names the field as well (issue 17, item 3), and begins with a capital
    assert any(p.startswith("Hoàn thành xuất sắc nhiệm vụ") and p.endswith("năm 2020") for p in certificates)


def _document(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_generated_minutes_keep_their_total_and_signatures(lowercase):
    root = _document(lowercase / "bien-ban-kiem-tra-pl.docx")
    scores = next(t for t in root.iter(f"{{{W}}}tbl") if t.find("w:tr/w:trPr/w:tblHeader", NS) is not None)
    rows = scores.findall("w:tr", NS)
    assert plain("".join(rows[-1].itertext())).startswith("Tổng cộng")
    assert _kept(rows[-2]) and _kept(rows[-3]) and not _kept(rows[-1])
    sign = next(
        t for t in root.iter(f"{{{W}}}tbl") if any(p.get(f"{{{W}}}val") == "VBKy" for p in t.iter(f"{{{W}}}pStyle"))
    )
    assert _kept(sign.findall("w:tr", NS)[0])
    before = sign.getprevious()
    while not plain("".join(before.itertext())).strip():
        before = before.getprevious()
    assert before.find("w:pPr/w:keepNext", NS) is not None


def test_header_lines_in_the_documents_break_between_names(lowercase):
    decision = paragraphs(lowercase / "quyet-dinh-khen-thuong.docx")
    assert decision[:2] == ["ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"]
    proposal = paragraphs(lowercase / "to-trinh-khen-thuong.docx")
    assert proposal[1:3] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]


def test_managing_body_and_cluster_name_break_between_names(lowercase):
    from docx import Document

    doc = Document(str(lowercase / "bien-ban-kiem-tra-pl.docx"))
    cell = doc.tables[0].rows[0].cells[0]
    texts = [p.text for p in cell.paragraphs if p.text.strip()]
    # one paragraph that Word can break only between the two names
    assert texts[0] == "ỦY\u00a0BAN\u00a0NHÂN\u00a0DÂN QUẬN\u00a0LONG\u00a0BIÊN"
    assert [plain(t) for t in texts[1:]] == ["CỤM THI ĐUA", "VĂN THƯ LƯU TRỮ SỐ 3"]
