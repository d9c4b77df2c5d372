"""The format checker on what real offices' files hold (issue 18): legal normative
documents, grouped findings, the căn cứ block and attached texts, signing authority,
and the same verdict with and without the rendered check. The one-change fixtures
themselves are in formatcheck_fixtures.FIXTURES (tested in test_formatcheck.py)."""

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from . import formatcheck_fixtures as fx
from pipeline.cli import main as vanban
from pipeline.formatcheck import Finding, check_docx, group_findings, group_line, report_json, report_text

NEEDED = [
    "hop-le",
    "lap-lai-50-doan",
    "hop-le-dau-hai-dong",
    "hop-le-chu-ky-tab",
    "hop-le-quoc-hieu-dau-trang",
    "cong-van-chua-co-so",
    "hop-le-can-cu-khong-chu-can-cu",
    "hop-le-quy-dinh-kem-theo",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formatcheck-real")
    out = {name: fx.build(fx.FIXTURES[name][0], folder / f"{name}.docx") for name in NEEDED}
    out.update({f"legal-{name}": fx.build(spec, folder / f"legal-{name}.docx") for name, spec in fx.LEGAL.items()})
    return out


def check_format(*args):
    result = CliRunner().invoke(vanban, ["check-format", *map(str, args)])
    return result.exit_code, result.stdout


# ---------------------------------------------------------------------------- legal normative documents


@pytest.mark.parametrize("name", list(fx.LEGAL))
def test_a_legal_normative_document_gets_one_verdict_naming_its_rules(files, name):
    path = files[f"legal-{name}"]
    found = check_docx(path)
    assert found == [] and "văn bản quy phạm pháp luật" in found.verdict
    assert "78/2025/NĐ-CP" in found.verdict and "34/2016/NĐ-CP" in found.verdict
    code, out = check_format(path)
    assert (code, out.splitlines()) == (1, [f"{path}: {found.verdict}"])


def test_kind_still_forces_a_decree_30_check_and_the_year_is_told_apart(files):
    found = check_docx(files["legal-quyet-dinh-quy-pham"], kind="quyet-dinh")
    assert found.verdict is None
    assert [f.rule for f in found] == ["so-ky-hieu-nam"]
    message = found[0].message
    assert '"Số: 15/QĐ-UBND"' in message and "15/2010/QĐ-UBND" in message
    assert "không phải chữ viết tắt" not in message  # the year is no type abbreviation


def test_legal_types_and_numbers_are_recognised():
    from pipeline.formatcheck.locate import LEGAL_NUMBER, legal_type_of
    from pipeline.formatcheck.rulekit import bare

    assert legal_type_of("NGHỊ ĐỊNH") == "NGHỊ ĐỊNH" and legal_type_of("THÔNG TƯ:") == "THÔNG TƯ"
    assert legal_type_of("LUẬT THANH TRA") == "LUẬT" and legal_type_of("THÔNG TƯ LIÊN TỊCH") == "THÔNG TƯ LIÊN TỊCH"
    for text in ("QUYẾT ĐỊNH", "THÔNG BÁO", "Nghị định", "LUẬT SƯ NGUYỄN VĂN AN", "LỆNH ĐIỀU ĐỘNG"):
        assert legal_type_of(text) is None, text
    for text in ("Số: 15/2010/QĐ-UBND", "Luật số: 56/2010/QH12", "Số: 03/2018/TT-BNG"):
        assert LEGAL_NUMBER.match(bare(text)), text
    for text in ("Số: 127/KH-UBND", "Số:      /QĐ-UBND", "Số: 2010/UBND-VP"):
        assert not LEGAL_NUMBER.match(bare(text)), text


# ---------------------------------------------------------------------------- grouped findings


def test_a_defect_on_fifty_paragraphs_is_one_line_with_its_count(files):
    path = files["lap-lai-50-doan"]
    found = check_docx(path)
    groups = group_findings(found)
    assert [(g.rule, g.count) for g in groups] == [("noi-dung-co-chu", 50)]
    lines = report_text({"a.docx": found}).splitlines()
    assert len(lines) == 2 and lines[-1] == "a.docx: 50 lỗi thể thức"
    assert lines[0].startswith("a.docx: Nội dung văn bản phải cỡ chữ 13–14") and "(50 chỗ, từ " in lines[0]
    assert lines[0].count('đoạn "Các đơn vị rà soát') == fx_shown() and lines[0].endswith("; …)")
    data = json.loads(report_json({"a.docx": found}))
    assert len(data[0]["findings"]) == 50  # --json keeps every place
    code, out = check_format(path)
    assert code == 1 and len(out.splitlines()) == 2


def fx_shown():
    from pipeline.formatcheck import SHOWN_PLACES

    return SHOWN_PLACES


def test_group_line_of_one_place_is_the_finding_itself():
    one = [Finding("so-ky-hieu-so-0", 'đoạn "Số: 5/KH-UBND"', "Số văn bản nhỏ hơn 10 phải có số 0 phía trước.")]
    assert [group_line(g) for g in group_findings(one)] == [
        'đoạn "Số: 5/KH-UBND": Số văn bản nhỏ hơn 10 phải có số 0 phía trước.'
    ]
    two = one + [Finding("so-ky-hieu-so-0", "ô", "Khác.")]
    assert group_line(group_findings(two)[0]) == (
        'Số văn bản nhỏ hơn 10 phải có số 0 phía trước. (2 chỗ, từ đoạn "Số: 5/KH-UBND"; ô)'
    )


# ---------------------------------------------------------------------------- reading real layouts


def test_tab_gaps_inside_the_number_and_the_date_are_one_element():
    from pipeline.formatcheck.rulekit import columns

    def split(raw):
        return [(c, raw[a:b]) for c, a, b in columns(raw)]

    assert split("Số:      /QĐ-UBND") == [(0, "Số:      /QĐ-UBND")]
    assert split("\tSố:\t/QĐ-UBND\tQuảng Bình, ngày\ttháng 10 năm 2022") == [
        (0, "Số:\t/QĐ-UBND"),
        (1, "Quảng Bình, ngày\ttháng 10 năm 2022"),
    ]
    assert split("Quảng Bình, ngày   05  tháng 10 năm 2022") == [(0, "Quảng Bình, ngày   05  tháng 10 năm 2022")]
    assert split("UBND HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == [
        (0, "UBND HUYỆN"),
        (1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ]


def test_layouts_of_real_offices_are_found(files):
    from pipeline.formatcheck.locate import locate
    from pipeline.formatcheck.document import load

    lay = locate(load(files["hop-le-quoc-hieu-dau-trang"]))
    assert lay.header_in_margin and lay.quoc_hieu.para.order == -1  # read from the header part
    assert [ln.text for ln in lay.issuer] == ["ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"]
    lay = locate(load(files["hop-le-chu-ky-tab"]))
    assert lay.signature_table is None
    assert [ln.text for ln in lay.signature_lines] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Phạm Hoài Nam",
    ]
    assert [e[0].text for e in lay.noi_nhan_entries] == list(fx.CONFORMANT.noi_nhan)
    lay = locate(load(files["cong-van-chua-co-so"]))
    assert lay.official and lay.so is None and lay.is_cong_van


def test_the_can_cu_block_and_an_attached_title_are_not_body_text(files):
    from pipeline.formatcheck.locate import locate
    from pipeline.formatcheck.document import load
    from pipeline.formatcheck.rules_body import _kinds

    lay = locate(load(files["hop-le-can-cu-khong-chu-can-cu"]))
    kinds = dict(zip((p.text[:20] for p in lay.body), _kinds(lay.body)))
    assert kinds["Thực hiện Kế hoạch s"] == "can-cu" and kinds["Theo đề nghị của Trư"] == "can-cu"
    assert kinds["Điều 1. Tặng Giấy kh"] != "can-cu"  # after `QUYẾT ĐỊNH:`
    # a QUY ĐỊNH file of its own: its `(Ban hành kèm theo …)` line is a title, not the trích yếu
    from pipeline.formatcheck.rules_body import ATTACHED
    from pipeline.formatcheck.rulekit import bare

    assert ATTACHED.match(bare(fx.REGULATION[2][0]))
    lay = locate(load(files["hop-le-quy-dinh-kem-theo"]))
    assert not any(p.text.startswith("(Ban hành kèm theo") for p in lay.body)


def test_signing_authority_is_judged_with_the_documents_table():
    from pipeline import signing

    assert signing.problems(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", signing.INDIVIDUAL)
    assert not signing.problems(
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", None
    )


# ---------------------------------------------------------------------------- plain and rendered


@pytest.mark.slow  # LibreOffice converts three documents
def test_plain_and_rendered_give_the_same_verdict_when_the_pages_raise_nothing(files, soffice):
    names = ["hop-le-dau-hai-dong", "hop-le-chu-ky-tab", "hop-le-quoc-hieu-dau-trang"]
    paths = [files[n] for n in names] + [files["legal-thong-tu"]]
    plain = check_format(*paths)
    rendered = check_format("--render", *paths)
    assert rendered == plain
    assert plain[1].splitlines()[:3] == [f"{files[n]}: đạt thể thức" for n in names]


def test_an_unmerged_field_typed_as_text_is_found(tmp_path):
    def typed(doc):
        run = fx._find(doc, "Thông qua").runs[0]
        run.text = run.text.replace("cuối năm", "cuối năm tại «dia_diem»")

    path = fx.build(replace(fx.CONFORMANT, tweak=typed), tmp_path / "tron-thu.docx")
    found = check_docx(path)
    assert [f.rule for f in found] == ["tron-thu-con-sot"] and "«dia_diem»" in found[0].message
