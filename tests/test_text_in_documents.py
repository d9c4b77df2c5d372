"""Text as it really arrives, and arbitrary text, through to every document."""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import legacy
from pipeline.build import build_campaign
from pipeline.kinds import KINDS
from pipeline.score import compute
from pipeline.errors import ValidationError
from pipeline.load import load_campaign
from pipeline.model import Unit
from pipeline.render import render_output
from pipeline.validate import validate

from .conftest import SAMPLE, edit_workbook
from .docx_tools import paragraphs
from .test_load import write_sample_as_csv

# ---------------------------------------------------------------- as it arrives


def test_legacy_tcvn3_cell_is_converted_with_a_warning(campaign_dir, tmp_path):
    typed = legacy.encode_tcvn3("Nguyễn Thị Thu Trang")
    assert typed != "Nguyễn Thị Thu Trang"
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Người", "A9"): typed})
    outcome = build_campaign(campaign_dir, tmp_path, ["bien-ban-hop-cum"])
    assert outcome.warnings == [
        'du-lieu.xlsx › Người › dòng 9 › cột "Họ tên": chữ gõ bằng bảng mã TCVN3 (ABC, phông '
        '.VnTime) đã được chuyển sang Unicode: "Nguyễn Thị Thu Trang"; hãy kiểm tra lại.'
    ]
    texts = paragraphs(tmp_path / campaign_dir.name / "bien-ban-hop-cum.docx")
    assert "Nguyễn Thị Thu Trang" in texts


def test_legacy_vni_cell_is_converted_with_a_warning(campaign_dir):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Đơn vị", "B3"): legacy.encode_vni("UBND phường Việt Hưng")})
    campaign = validate(load_campaign(campaign_dir))
    assert campaign.unit("VH").name == "UBND phường Việt Hưng"
    assert campaign.warnings == [
        'du-lieu.xlsx › Đơn vị › dòng 3 › cột "Tên đơn vị": chữ gõ bằng bảng mã VNI-Windows đã '
        'được chuyển sang Unicode: "UBND phường Việt Hưng"; hãy kiểm tra lại.'
    ]


def test_decomposed_unicode_is_normalised_silently(campaign_dir):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Đơn vị", "C3"): unicodedata.normalize("NFD", "Việt Hưng")})
    campaign = validate(load_campaign(campaign_dir))
    assert campaign.unit("VH").short == unicodedata.normalize("NFC", "Việt Hưng")
    assert campaign.warnings == []


def test_zero_width_characters_are_removed_and_reported(campaign_dir):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Đơn vị", "C3"): "Việt\u200b Hưng"})
    campaign = validate(load_campaign(campaign_dir))
    assert campaign.unit("VH").short == "Việt Hưng"
    assert campaign.warnings == ['du-lieu.xlsx › Đơn vị › dòng 3 › cột "Tên ngắn": đã xóa ký tự vô hình (U+200B).']


def test_control_characters_are_rejected(tmp_path):
    # Excel will not save a bell character, but a CSV exported by another program can.
    folder = tmp_path / "cum-csv"
    write_sample_as_csv(folder)
    path = folder / "don-vi.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("Việt Hưng", "Việt\x07Hưng", 1), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        validate(load_campaign(folder))
    assert [str(p) for p in info.value.problems] == [
        'don-vi.csv › Đơn vị › dòng 3 › cột "Tên đơn vị": ô có ký tự điều khiển không in được '
        "(U+0007), thường do dán từ phần mềm khác; hãy xóa nội dung ô và gõ lại."
    ]


# ---------------------------------------------------------------- any text at all

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
LETTERS = VIETNAMESE + VIETNAMESE.upper() + "bcdghklmnpqrstvx"
text = (
    st.text(alphabet=LETTERS + " &<>\"'-–,.;:/()%$#@!?*+=[]{}|\\~^_`0123456789", min_size=1, max_size=300)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@pytest.fixture(scope="module")
def sample():
    return validate(load_campaign(SAMPLE))


def _contexts(campaign):
    results = compute(campaign)
    for kind in KINDS:
        yield from kind.build(campaign, results).outputs


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "article",
    "h1",
    "p",
    "figure",
    "img",
    "figcaption",
    "div",
    "span",
    "em",
    "strong",
    "br",
    "time",
    "header",
    "section",
    "footer",
}


def _html_text_and_tags(page: str) -> tuple[str, set[str]]:
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.text, self.tags = [], set()

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)

        def handle_data(self, data):
            self.text.append(data)

    parser = Collect()
    parser.feed(page)
    return "".join(parser.text), parser.tags


def _docx_text(data: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


@pytest.fixture(scope="module")
def naming_dg(sample) -> set[str]:
    """The outputs that print Đức Giang's full name in the sample."""
    return {
        o.name
        for o in _contexts(sample)
        if "UBND phường Đức Giang"
        in (render_output(o).decode("utf-8") if o.name.endswith(".html") else _docx_text(render_output(o)))
    }


@pytest.mark.slow
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(name=text, short=text)
def test_any_unit_name_reaches_every_document_intact(sample, naming_dg, name, short):
    assert len(naming_dg) >= 6
    units = [Unit(u.code, name, short) if u.code == "DG" else u for u in sample.units]
    campaign = dataclasses.replace(sample, units=units, warnings=[])
    for output in _contexts(campaign):
        if output.name not in naming_dg:
            continue
        data = render_output(output)
        if output.name.endswith(".html"):
            page = data.decode("utf-8")
            text, tags = _html_text_and_tags(page)
            assert name in text
            assert tags <= ALLOWED_TAGS  # data never becomes markup
        else:
            body = _docx_text(data)
            assert name in body, output.name


def test_adversarial_text_still_opens_in_libreoffice(campaign_dir, tmp_path, soffice):
    nasty = 'UBND phường <Đức> & "Giang" ' + "Ẩ" * 150 + " ]]> &amp; {{ x }} {% if %}"
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Đơn vị", "B4"): nasty})
    outcome = build_campaign(campaign_dir, tmp_path / "out", ["bien-ban-hop-cum", "to-trinh", "tin-bai"])
    docs = [p for p in outcome.written if p.suffix == ".docx"]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for doc in docs:
        pdf = tmp_path / "pdf" / f"{doc.stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "{{ x }}" in text and "&amp;" in text and "<Đức>" in text, doc.name
