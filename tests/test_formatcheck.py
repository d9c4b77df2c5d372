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
from pipeline.formatcheck import UnreadableDocx, check_docx, main, report_json, report_text
from pipeline.formatcheck.styles import StyleSheet

ROOT = Path(__file__).resolve().parents[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return fx.build_all(tmp_path_factory.mktemp("formatcheck"))


# ---------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("name", list(fx.FIXTURES))
def test_fixture_reports_exactly_its_defect(built, name):
    _spec, expected = fx.FIXTURES[name]
    found = check_docx(built[name])
    assert [f.rule for f in found] == expected, report_text({name: found})


def test_conformant_document_passes(built):
    assert check_docx(built["hop-le"]) == []


def test_findings_say_where_and_what_in_vietnamese(built):
    for name, (_spec, expected) in fx.FIXTURES.items():
        for f in check_docx(built[name]):
            assert f.rule.isascii() and f.rule == f.rule.lower()
            assert f.where and f.message.endswith(".")
            assert any(ch in f.message for ch in "ảạăâđêôơưếềệốộớờợứừựắằặấầậịọụ"), f.message


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
    assert (plain.font_for("a"), plain.font_for("ư"), plain.size, plain.bold) == ("Times New Roman", "Times New Roman", 14, False)
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
    sheet = _sheet("""
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>
      </w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
      <w:style w:type="paragraph" w:styleId="Mixed">
        <w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:style>""", theme)
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


def test_text_report_one_line_per_finding_then_a_summary(built):
    results = {"a.docx": check_docx(built["hop-le"]), "b.docx": check_docx(built["le-trai-hep"]),
               "c.docx": UnreadableDocx("không tìm thấy tệp")}
    lines = report_text(results).splitlines()
    assert lines[0] == "a.docx: đạt thể thức"
    assert lines[1].startswith("b.docx: lề trang: Lề trên và lề dưới phải từ 20 đến 25 mm")
    assert lines[1].endswith("đang: lề trái 25 mm.")
    assert lines[2] == "b.docx: 1 lỗi thể thức"
    assert lines[3] == "c.docx: không đọc được: không tìm thấy tệp."


def test_json_report_shape(built):
    results = {"a.docx": check_docx(built["hop-le"]), "b.docx": check_docx(built["giay-letter"]),
               "c.docx": UnreadableDocx("không tìm thấy tệp"), "d.docx": check_docx(built["tin-bai"])}
    data = json.loads(report_json(results))
    assert [set(d) for d in data] == [{"file", "ok", "error", "skipped", "findings"}] * 4
    assert [(d["file"], d["ok"]) for d in data] == [("a.docx", True), ("b.docx", False),
                                                    ("c.docx", False), ("d.docx", True)]
    assert data[1]["findings"] == [{"rule": "kho-giay", "where": "khổ giấy", "message": data[1]["findings"][0]["message"]}]
    assert "A4" in data[1]["findings"][0]["message"]
    assert data[2]["error"] == "không tìm thấy tệp" and data[3]["skipped"]
    assert "Khổ giấy" in report_json(results)  # ensure_ascii=False


def test_main_exit_codes(built, capsys):
    assert main([str(built["hop-le"])]) == 0
    assert main([str(built["hop-le"]), str(built["tin-bai"])]) == 0
    assert main([str(built["giay-letter"])]) == 1
    assert main([str(built["giay-letter"]), str(built[fx.UNREADABLE])]) == 2
    assert main([]) == 2
    assert main(["--bogus", str(built["hop-le"])]) == 2
    assert main(["--help"]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err


def test_main_json(built, capsys):
    assert main(["--json", str(built["hop-le"]), str(built["so-thieu-so-0"])]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["ok"] for d in data] == [True, False]
    assert data[1]["findings"][0]["rule"] == "so-ky-hieu-so-0"


def test_python_dash_m_runs_without_traceback(built):
    proc = subprocess.run([sys.executable, "-m", "pipeline.formatcheck", str(built[fx.UNREADABLE]),
                           str(built["hop-le"])], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[-1].endswith("hop-le.docx: đạt thể thức")


# ---------------------------------------------------------------------------- written by another program

ROUND_TRIP = ["hop-le", "hop-le-gach-hinh-ve", "phong-chu-theo-kieu", "quoc-hieu-xuong-dong", "so-trang-trang-1"]


def test_same_findings_after_a_libreoffice_round_trip(built, tmp_path, soffice):
    """LibreOffice writes styles, defaults and tables its own way: docx → odt → docx."""
    for name in ROUND_TRIP:
        shutil.copy(built[name], tmp_path)
    docs = [str(tmp_path / f"{n}.docx") for n in ROUND_TRIP]
    soffice = [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to"]
    odt, back = tmp_path / "odt", tmp_path / "back"
    subprocess.run([*soffice, "odt", "--outdir", str(odt), *docs], check=True, capture_output=True, timeout=180)
    subprocess.run([*soffice, "docx:MS Word 2007 XML", "--outdir", str(back),
                    *[str(odt / f"{n}.odt") for n in ROUND_TRIP]], check=True, capture_output=True, timeout=180)
    for name in ROUND_TRIP:
        assert [f.rule for f in check_docx(back / f"{name}.docx")] == fx.FIXTURES[name][1], name


# ---------------------------------------------------------------------------- the project's own documents


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Every document of the sample campaign, freshly built."""
    from pipeline.build import build_campaign
    from pipeline.kinds import SLUGS as KINDS

    from .conftest import SAMPLE

    out = tmp_path_factory.mktemp("generated")
    outcome = build_campaign(SAMPLE, out, list(KINDS))
    return {p.name: p for p in outcome.written if p.suffix == ".docx"}


def test_every_generated_official_document_passes(generated):
    assert len(generated) == 12  # 5 inspections, the meeting, plan, proposal, news, decision,
    # and the certificates with their proof
    for name, path in sorted(generated.items()):
        found = check_docx(path)
        assert found == [], report_text({name: found})
        if name in ("tin-bai.docx", "giay-khen.docx", "giay-khen-in-thu.docx"):
            assert found.skipped
        else:
            assert not getattr(found, "skipped", None), name
