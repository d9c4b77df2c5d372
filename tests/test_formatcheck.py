"""The Decree 30 format checker against fixtures built by formatcheck_fixtures.py."""

import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from . import formatcheck_fixtures as fx
from click.testing import CliRunner

from pipeline.cli import main as vanban
from pipeline.errors import PipelineError
from pipeline.formatcheck import UnreadableDocx, check_docx, report_json, report_text
from pipeline.formatcheck.styles import StyleSheet

ROOT = Path(__file__).resolve().parents[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


@pytest.fixture(scope="session")
def built(once_per_run):
    return once_per_run("formatcheck", fx.build_all)


# ---------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("name", list(fx.FIXTURES))
@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_fixture_reports_exactly_its_defect(built, name):
    spec, expected = fx.FIXTURES[name]
    found = check_docx(built[name], kind=spec.kind, final=spec.final)
    assert found.verdict is None
    assert [f.rule for f in found] == expected, report_text({name: found})


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_conformant_document_passes(built):
    assert check_docx(built["hop-le"]) == []


def test_old_tone_placement_is_the_same_text():
    from pipeline.formatcheck.rulekit import modern

    assert modern("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert modern("Khánh Hoà, THUỶ LỢI, Thuỷ, hoá") == "Khánh Hòa, THỦY LỢI, Thủy, hóa"
    assert modern("CỘNG HÒA") == "CỘNG HÒA"
    # only an open syllable: before another letter both placements write the same
    assert modern("Phạm Hoài Nam, hoàn thành, khuỷu tay") == "Phạm Hoài Nam, hoàn thành, khuỷu tay"


def test_text_typed_without_diacritics_is_told_from_other_text():
    from pipeline.formatcheck.rules_extra import _typed_bare

    for text in ("BO TAI CHINH", "Ha Noi, ngay 05 thang 01 nam 2021", "QUAN LONG BIEN", "Noi nhan:"):
        assert _typed_bare(text), text
    for text in ("Bộ Tài chính", "To do list", "UBND", "Email: vanthu@longbien.gov.vn", "KH-UBND", "Phụ lục"):
        assert not _typed_bare(text), text


def test_header_columns_and_type_names():
    from pipeline.formatcheck.rulekit import columns
    from pipeline.formatcheck.locate import type_name_of

    raw = "\tUBND QUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert [(c, raw[a:b]) for c, a, b in columns(raw)] == [(0, "UBND QUẬN"), (1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    assert [c for c, _a, _b in columns("\t\t_______")] == [1]
    assert [c for c, _a, _b in columns("    ____")] == [0]
    assert type_name_of("BIÊN BẢN LÀM VIỆC") == "BIÊN BẢN"
    assert type_name_of("BÁO CÁO THÀNH TÍCH") == "BÁO CÁO"
    assert type_name_of("KE HOACH") == "KẾ HOẠCH"
    assert type_name_of("QUYẾT ĐỊNH:") == "QUYẾT ĐỊNH"
    assert type_name_of("KẾ HOẠCHX") is None and type_name_of("Kế hoạch") is None
    assert type_name_of("QUY ĐỊNH") == "QUY ĐỊNH"


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_a_blank_number_is_fine_until_final(built):
    """Without --final a blank number or date is room left for the clerk."""
    for name in ("so-trong-du-thao", "ngay-trong-du-thao"):
        assert check_docx(built[name]) == []
    assert [f.rule for f in check_docx(built["so-trong-du-thao"], final=True)] == ["so-ky-hieu-trong"]
    assert [f.rule for f in check_docx(built["ngay-trong-du-thao"], final=True)] == ["ngay-thang-trong"]


# ---------------------------------------------------------------------------- not an administrative document


@pytest.fixture(scope="session")
def not_official(once_per_run):
    return once_per_run(
        "not-official",
        lambda folder: {name: fx.build(spec, folder / f"{name}.docx") for name, spec in fx.NOT_OFFICIAL.items()},
    )


@pytest.mark.parametrize("name", list(fx.NOT_OFFICIAL))
@pytest.mark.slow
def test_a_file_that_is_not_an_administrative_document_gets_one_verdict(not_official, name):
    found = check_docx(not_official[name])
    assert found == [] and found.verdict and "không phải văn bản hành chính" in found.verdict
    code, out, _err = check_format(not_official[name])
    assert code == 1
    assert out.splitlines() == [f"{not_official[name]}: {found.verdict}"]
    assert json.loads(check_format("--json", not_official[name])[1])[0]["ok"] is False


def test_kind_makes_the_checker_check_it_anyway(not_official):
    path = not_official["huong-dan-su-dung"]
    found = check_docx(path, kind="ke-hoach")
    assert found.verdict is None
    rules = {f.rule for f in found}
    assert {"quoc-hieu-thieu", "ten-loai-khong-khop", "so-ky-hieu-thieu"} <= rules  # its title: HƯỚNG DẪN
    code, out, _err = check_format("--kind", "ke-hoach", path)
    assert code == 1 and out.splitlines()[-1] == f"{path}: {len(found)} lỗi thể thức"
    code, _out, err = check_format("--kind", "khong-co-loai-nay", path)
    assert code == 2 and "khong-co-loai-nay" in err


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_findings_say_where_and_what_in_vietnamese(built):
    for name, (spec, _expected) in fx.FIXTURES.items():
        for f in check_docx(built[name], kind=spec.kind, final=spec.final):
            assert f.rule.isascii() and f.rule == f.rule.lower()
            assert f.where and f.message.endswith(".")
            assert any(ch in f.message for ch in "ảạăâđêôơưếềệốộớờợứừựắằặấầậịọụ"), f.message


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_named_defects_are_explained(built):
    qh = check_docx(built["quoc-hieu-xuong-dong"])[0]
    assert qh.where.startswith('bảng 1, ô (1,2): "CỘNG HÒA')
    assert "một dòng" in qh.message and "8,8 cm" in qh.message
    so = check_docx(built["so-thieu-so-0"])[0]
    assert so.where == 'bảng 1, ô (1,1): "Số: 5/KH-UBND"'
    assert '"Số: 05/KH-UBND"' in so.message
    month = check_docx(built["ngay-thang-03"])[0]
    assert '"tháng 3"' in month.message
    font = check_docx(built["phong-chu-theo-kieu"])[0]
    assert font.where.startswith('đoạn "Thông qua') and "Arial" in font.message


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_news_article_is_skipped_not_checked(built, tmp_path):
    result = check_docx(built["tin-bai"])
    assert result == [] and "tin bài" in result.skipped
    assert report_text({"tin-bai.docx": result}) == f"tin-bai.docx: bỏ qua: {result.skipped}"
    # the same document without the category is checked, and fails
    same = fx.build(replace(fx.FIXTURES["tin-bai"][0], category=""), tmp_path / "khong-nhan.docx")
    assert check_docx(same)


# ---------------------------------------------------------------------------- property resolution


def test_theme_font_is_resolved(tmp_path):
    """Nothing names a font but the theme: docDefaults say asciiTheme="minorHAnsi",
    which python-docx's template theme maps to Cambria."""
    path = fx.build(replace(fx.CONFORMANT, font_source="theme"), tmp_path / "theme.docx")
    found = check_docx(path)
    assert found and {f.rule for f in found} == {"phong-chu"}
    assert all("đang dùng Cambria." in f.message for f in found)
    # one finding per paragraph with text: the header's page number and every body paragraph
    assert len(found) == 1 + sum(1 for p in _texts(path) if p)


def _texts(path):
    import docx

    document = docx.Document(str(path))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in document.paragraphs] + cells


def _sheet(styles: str, theme: str = None) -> StyleSheet:
    styles_el = etree.fromstring(f"<w:styles {W}>{styles}</w:styles>")
    theme_el = etree.fromstring(theme) if theme else None
    return StyleSheet(styles_el, theme_el)


def _rpr(xml: str):
    return etree.fromstring(f"<w:rPr {W}>{xml}</w:rPr>")


def test_run_inherits_font_size_and_bold_through_styles():
    sheet = _sheet("""
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>
        <w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
        <w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/>
        <w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>""")
    plain = sheet.run_props(None, "Body")
    assert (plain.font_for("a"), plain.font_for("ư"), plain.size, plain.bold) == (
        "Times New Roman",
        "Times New Roman",
        14,
        False,
    )
    styled = sheet.run_props(_rpr('<w:rStyle w:val="Strong"/><w:i/>'), "Body")
    assert (styled.bold, styled.italic, styled.size) == (True, True, 14)
    in_normal = sheet.run_props(None, None)  # no pStyle: the default paragraph style
    assert (in_normal.font_for("a"), in_normal.size) == ("Times New Roman", 11)
    para = sheet.para_props(etree.fromstring(f'<w:pPr {W}><w:pStyle w:val="Body"/></w:pPr>'))
    assert (para.alignment, para.first_line) == ("both", 720)


def test_theme_fonts_and_per_slot_fonts():
    theme = f"""<a:theme {A}><a:themeElements><a:fontScheme name="x">
      <a:majorFont><a:latin typeface="Cambria"/></a:majorFont>
      <a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"""
    sheet = _sheet(
        """
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>
      </w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
      <w:style w:type="paragraph" w:styleId="Mixed">
        <w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:style>""",
        theme,
    )
    assert sheet.run_props(None, None).font_for("a") == "Calibri"
    mixed = sheet.run_props(None, "Mixed")  # ascii overridden, hAnsi still from the theme
    assert mixed.font_names("Việt") == {"Times New Roman", "Calibri"}
    direct = sheet.run_props(_rpr('<w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/>'), "Mixed")
    assert direct.font_names("Việt") == {"Cambria"}


def test_table_style_and_hanging_indent():
    sheet = _sheet("""
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:pPr><w:ind w:firstLine="720"/></w:pPr></w:style>
      <w:style w:type="table" w:styleId="Grid"><w:pPr><w:jc w:val="center"/></w:pPr>
        <w:rPr><w:sz w:val="26"/></w:rPr></w:style>""")
    assert sheet.run_props(None, None, "Grid", in_table=True).size == 13
    assert sheet.para_props(None, "Grid", in_table=True).alignment == "center"
    hanging = sheet.para_props(etree.fromstring(f'<w:pPr {W}><w:ind w:hanging="360"/></w:pPr>'))
    assert hanging.first_line == -360


# ---------------------------------------------------------------------------- unreadable files


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_unreadable_files_raise_with_a_vietnamese_reason(built, tmp_path):
    with pytest.raises(UnreadableDocx, match="không phải tệp Word"):
        check_docx(built[fx.UNREADABLE])
    with pytest.raises(UnreadableDocx, match="không tìm thấy tệp"):
        check_docx(tmp_path / "khong-co.docx")
    other_zip = tmp_path / "bang-tinh.docx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "xin chào")
    with pytest.raises(UnreadableDocx, match="không mở được như văn bản Word .docx: tệp nén bị hỏng"):
        check_docx(other_zip)
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(built["hop-le"]) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    with pytest.raises(UnreadableDocx, match="nội dung XML của tệp bị hỏng"):
        check_docx(broken)
    with pytest.raises(UnreadableDocx, match="thư mục"):
        check_docx(tmp_path)


# ---------------------------------------------------------------------------- reports and exit codes


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_text_report_one_line_per_finding_then_a_summary(built):
    results = {
        "a.docx": check_docx(built["hop-le"]),
        "b.docx": check_docx(built["le-trai-hep"]),
        "c.docx": UnreadableDocx("không tìm thấy tệp"),
    }
    lines = report_text(results).splitlines()
    assert lines[0] == "a.docx: đạt thể thức"
    assert lines[1].startswith("b.docx: lề trang: Lề trên và lề dưới phải từ 20 đến 25 mm")
    assert lines[1].endswith("đang: lề trái 25 mm.")
    assert lines[2] == "b.docx: 1 lỗi thể thức"
    assert lines[3] == "c.docx: không đọc được: không tìm thấy tệp."


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_json_report_shape(built):
    results = {
        "a.docx": check_docx(built["hop-le"]),
        "b.docx": check_docx(built["giay-letter"]),
        "c.docx": UnreadableDocx("không tìm thấy tệp"),
        "d.docx": check_docx(built["tin-bai"]),
    }
    data = json.loads(report_json(results))
    assert [set(d) for d in data] == [{"file", "ok", "error", "skipped", "verdict", "findings"}] * 4
    assert [d["verdict"] for d in data] == [None] * 4
    assert [(d["file"], d["ok"]) for d in data] == [
        ("a.docx", True),
        ("b.docx", False),
        ("c.docx", False),
        ("d.docx", True),
    ]
    assert data[1]["findings"] == [
        {"rule": "kho-giay", "where": "khổ giấy", "message": data[1]["findings"][0]["message"]}
    ]
    assert "A4" in data[1]["findings"][0]["message"]
    assert data[2]["error"] == "không tìm thấy tệp" and data[3]["skipped"]
    assert "Khổ giấy" in report_json(results)  # ensure_ascii=False


def check_format(*args):
    """`vanban check-format ARGS…`: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(vanban, ["check-format", *map(str, args)])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_cli_exit_codes(built):
    assert check_format(built["hop-le"])[0] == 0
    assert check_format(built["hop-le"], built["tin-bai"])[0] == 0
    assert check_format(built["giay-letter"])[0] == 1
    assert check_format(built["giay-letter"], built[fx.UNREADABLE])[0] == 2
    assert check_format()[0] == 2  # no file: click's usage error
    assert check_format("--bogus", built["hop-le"])[0] == 2
    code, out, _err = check_format("--help")
    assert code == 0 and "--render" in out and "--final" in out and "--kind" in out


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_cli_json(built):
    code, out, _err = check_format("--json", built["hop-le"], built["so-thieu-so-0"])
    assert code == 1
    data = json.loads(out)
    assert [d["ok"] for d in data] == [True, False]
    assert data[1]["findings"][0]["rule"] == "so-ky-hieu-so-0"


def test_unreadable_is_a_pipeline_error():
    assert issubclass(UnreadableDocx, PipelineError)


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_python_dash_m_runs_the_same_command(built):
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.formatcheck", str(built[fx.UNREADABLE]), str(built["hop-le"])],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[-1].endswith("hop-le.docx: đạt thể thức")


# ---------------------------------------------------------------------------- written by another program

ROUND_TRIP = ["hop-le", "hop-le-gach-hinh-ve", "phong-chu-theo-kieu", "quoc-hieu-xuong-dong", "so-trang-trang-1"]


# ---------------------------------------------------------------------------- the rendered page


@pytest.fixture(scope="session")
def rendered_pdfs(built, once_per_run, soffice):
    """The RENDERED fixtures converted by the project's exporter (once per run)."""
    from pipeline import export

    def convert(folder: Path) -> dict[str, Path]:
        docs = [Path(shutil.copy(built[name], folder)) for name in fx.RENDERED]
        export.convert(docs, jobs=2, timeout=240)
        return {d.stem: d.with_suffix(".pdf") for d in docs}

    return once_per_run("rendered", convert)


@pytest.mark.parametrize("name", list(fx.RENDERED))
@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_rendered_fixture_reports_exactly_its_defect(built, rendered_pdfs, name):
    from pipeline.formatcheck.rendered import rendered_findings

    found = rendered_findings(rendered_pdfs[name], docx_path=built[name])
    assert [f.rule for f in found] == fx.RENDERED[name], report_text({name: found})
    for f in found:
        assert f.where.startswith("trang ") and f.message.endswith(".")


def test_rendered_checks_read_the_pdf_alone(rendered_pdfs):
    """Without the .docx the elements are recognised by their text."""
    from pipeline.formatcheck.rendered import rendered_findings

    assert rendered_findings(rendered_pdfs["hop-le"]) == []
    assert [f.rule for f in rendered_findings(rendered_pdfs["quoc-hieu-xuong-dong"])] == ["trang-mot-dong"]
    assert [f.rule for f in rendered_findings(rendered_pdfs["phu-luc-chung-phan"])] == ["trang-so-trang"]


def _page(number, *lines, height=842.0):
    from pipeline.formatcheck.rendered import Page, PLine

    page = Page(number, 595.0, height)
    page.lines = [PLine(number, text, x0, y0, x0 + 8 * len(text), y0 + 15) for text, x0, y0 in lines]
    return page


def test_a_document_number_broken_across_lines_is_found():
    from pipeline.formatcheck.rendered import _check_broken_numbers

    pages = [
        _page(
            1,
            ("căn cứ Kế hoạch số 127/KH-", 85, 300),
            ("UBND ngày 27/3/2020 của", 85, 318),
            ("theo Nghị định số 30/2020/NĐ-CP ngày", 85, 336),
        )
    ]
    found = list(_check_broken_numbers(pages))
    assert [f.rule for f in found] == ["trang-so-hieu-ngat"] and '"127/KH-…"' in found[0].message


def test_a_table_group_row_at_a_page_foot_is_stranded():
    from pipeline.formatcheck.rendered import Expect, _check_stranded

    group = "Thể thức và kỹ thuật trình bày văn bản"
    first = _page(
        1, ("Ban hành Quy chế công tác văn thư", 150, 700), ("2", 95, 760), (group, 150, 760), ("20", 480, 760)
    )
    second = _page(2, ("2", 300, 30), ("2.1", 95, 60), ("Văn bản hành chính trình bày đúng thể thức", 150, 60))
    found = list(_check_stranded([first, second], Expect(headings=[group])))
    assert [(f.rule, f.where) for f in found] == [("trang-de-muc-cuoi-trang", f'trang 1: "{group}"')]
    # the same row in the middle of the page is no problem
    first.lines.append(first.lines[0].__class__(1, "2.1 Văn bản hành chính", 95, 776, 300, 791))
    assert list(_check_stranded([first, second], Expect(headings=[group]))) == []


def test_noi_nhan_alone_at_a_page_foot_is_found():
    """Below the signatures of a biên bản: `Nơi nhận:` at a page foot, its list on the next."""
    from pipeline.formatcheck.rendered import Expect, _check_stranded

    first = _page(1, ("Cuộc họp kết thúc vào hồi 16 giờ 00 phút cùng ngày./.", 85, 600), ("Nơi nhận:", 85, 760))
    second = _page(2, ("2", 301, 30), ("- UBND tỉnh Bắc Ninh;", 85, 60), ("- Lưu: VT.", 85, 75))
    found = list(_check_stranded([first, second], Expect(noi_nhan="Nơi nhận:")))
    assert [(f.rule, f.where) for f in found] == [("trang-noi-nhan-cuoi-trang", 'trang 1: "Nơi nhận:"')]
    # the whole block on the next page is no problem
    first.lines.pop()
    second.lines.insert(1, second.lines[0].__class__(2, "Nơi nhận:", 85, 45, 160, 58))
    assert list(_check_stranded([first, second], Expect(noi_nhan="Nơi nhận:"))) == []


def test_a_page_of_only_noi_nhan_has_its_number_over_the_middle_of_the_margins():
    """The last page of a long biên bản holds only `Nơi nhận` at the left margin: its page
    number, centred over the text area (read from the other pages), is where it should be."""
    from pipeline.formatcheck.rendered import Expect, PLine, _check_page_numbers

    text = "Căn cứ các nội dung trên, Cụm thi đua đã tiến hành chấm"  # x 85 to 525
    first = _page(1, (text, 85, 100))
    second = _page(2, ("2", 301, 30), (text, 85, 100))
    third = _page(3, ("3", 301, 30), ("Nơi nhận:", 85, 60), ("- Lưu: VT.", 85, 75))
    assert list(_check_page_numbers([first, second, third], Expect())) == []
    # a number at the left margin is still found
    third.lines[0] = PLine(3, "3", 85, 30, 93, 45)
    found = list(_check_page_numbers([first, second, third], Expect()))
    assert [(f.rule, f.where) for f in found] == [("trang-so-trang", "trang 3")]


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_cli_render(built, soffice, tmp_path):
    spaced = tmp_path / "văn bản có dấu cách.docx"
    shutil.copy(built["noi-nhan-thap"], spaced)
    code, out, _err = check_format("--render", built["hop-le"], spaced)
    assert code == 1
    assert out.splitlines() == [
        f"{built['hop-le']}: đạt thể thức",
        f'{spaced}: trang 2: "Nơi nhận:": "Nơi nhận:" phải ngang hàng với dòng quyền hạn, chức vụ của '
        "người ký (bên phải).",
        f"{spaced}: 1 lỗi thể thức",
    ]
    assert not list(tmp_path.glob("*.pdf")) and not list(Path(built["hop-le"]).parent.glob("*.pdf"))


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_cli_render_without_libreoffice_or_poppler(built, monkeypatch):
    which = shutil.which
    monkeypatch.setattr("shutil.which", lambda name: None if name in ("soffice", "libreoffice") else which(name))
    code, out, err = check_format("--render", built["hop-le"])
    assert code == 2 and out == "" and err.startswith("Lỗi: Chưa có LibreOffice") and len(err.splitlines()) == 1
    monkeypatch.setattr("shutil.which", lambda name: None if name == "pdftotext" else which(name))
    code, out, err = check_format("--render", built["hop-le"])
    assert code == 2 and err.startswith("Lỗi: Chưa có pdftotext") and len(err.splitlines()) == 1


@pytest.mark.slow  # the `built` fixture lays out every fixture document first
def test_same_findings_after_a_libreoffice_round_trip(built, tmp_path, soffice):
    """LibreOffice writes styles, defaults and tables its own way: docx → odt → docx."""
    for name in ROUND_TRIP:
        shutil.copy(built[name], tmp_path)
    docs = [str(tmp_path / f"{n}.docx") for n in ROUND_TRIP]
    soffice = [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to"]
    odt, back = tmp_path / "odt", tmp_path / "back"
    subprocess.run([*soffice, "odt", "--outdir", str(odt), *docs], check=True, capture_output=True, timeout=180)
    subprocess.run(
        [*soffice, "docx:MS Word 2007 XML", "--outdir", str(back), *[str(odt / f"{n}.odt") for n in ROUND_TRIP]],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for name in ROUND_TRIP:
        assert [f.rule for f in check_docx(back / f"{name}.docx")] == fx.FIXTURES[name][1], name


# ---------------------------------------------------------------------------- the project's own documents


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Every document of the sample campaign, freshly built."""
    from pipeline.build import build_campaign
    from pipeline.kinds import SLUGS

    from .conftest import SAMPLE

    out = tmp_path_factory.mktemp("generated")
    outcome = build_campaign(SAMPLE, out, list(SLUGS))
    return {p.name: p for p in outcome.written if p.suffix == ".docx"}


GENERATED = [
    "bien-ban-hop-cum.docx",
    *(f"bien-ban-kiem-tra-{c}.docx" for c in ("dg", "gb", "pd", "pl", "vh")),
    "ke-hoach.docx",
    "to-trinh-khen-thuong.docx",
    "tin-bai.docx",
    "quyet-dinh-khen-thuong.docx",
    "giay-khen.docx",
    "giay-khen-in-thu.docx",
]
NOT_ADMINISTRATIVE = ("tin-bai.docx", "giay-khen.docx", "giay-khen-in-thu.docx")


@pytest.mark.slow
def test_the_sample_makes_twelve_documents(generated):
    assert sorted(generated) == sorted(GENERATED)


@pytest.mark.parametrize("name", GENERATED)
@pytest.mark.slow
def test_every_generated_official_document_passes(generated, name):
    found = check_docx(generated[name])
    assert found == [], report_text({name: found})
    if name in NOT_ADMINISTRATIVE:
        assert found.skipped
    else:
        assert not found.skipped and not found.verdict, name


RENDERED_GENERATED = [name for name in GENERATED if name not in NOT_ADMINISTRATIVE]


@pytest.fixture(scope="module")
def generated_pdfs(generated, soffice, tmp_path_factory):
    from pipeline import export

    folder = tmp_path_factory.mktemp("generated-pdf")
    docs = [Path(shutil.copy(path, folder)) for name, path in generated.items() if name not in NOT_ADMINISTRATIVE]
    export.convert(docs, jobs=2, timeout=240)
    return {d.name: d.with_suffix(".pdf") for d in docs}


def test_group_rows_of_the_generated_plan_are_watched(generated):
    """What the rendered check looks for at a page foot, read from the .docx."""
    from pipeline.formatcheck.rendered import _expect_from_docx

    exp = _expect_from_docx(generated["ke-hoach.docx"], None)
    assert "Thể thức và kỹ thuật trình bày văn bản" in exp.headings  # a group row of the criteria table
    assert "I. MỤC ĐÍCH, YÊU CẦU" in exp.headings and "1. Mục đích" in exp.headings
    assert "Tổng cộng" not in exp.headings  # the last row may close a page
    assert ("Quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True) in exp.one_line
    assert exp.appendix_titles == ["Phụ lục"]


@pytest.mark.parametrize("name", RENDERED_GENERATED)
def test_every_generated_document_passes_on_the_rendered_page(generated, generated_pdfs, name):
    """The same code as `make check-format RENDER=1`, on the sample's documents."""
    from pipeline.formatcheck.rendered import rendered_findings

    found = rendered_findings(generated_pdfs[name], docx_path=generated[name])
    assert found == [], report_text({name: found})
