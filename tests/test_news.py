"""The news article: every fact of the real portal article, in the project's own words,
in Word and in self-contained HTML; and prose that still reads right when facts differ."""

from __future__ import annotations

import base64
import dataclasses
import html
import io
import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from PIL import Image

from pipeline.documents import news
from pipeline.images import web_image
from pipeline.render import render_html, render_output
from pipeline.score import compute
from pipeline.load import load_campaign
from pipeline.model import Award, Unit
from pipeline.validate import validate

from .conftest import ROOT, SAMPLE, edit_workbook
from .docx_tools import find, paragraphs

REFERENCE = ROOT.parent / "shared" / "reference" / "tin-bai-cum-1-2020.txt"

# Every fact of the reference article, as the generated article must carry it.
FACTS = [
    # title
    "Cụm thi đua số 1",
    "họp cụm chấm điểm, bình xét thi đua",
    "văn thư, lưu trữ năm 2020",
    # posting date and time
    "18/08/2020",
    "16:17",
    # the plan cited
    "Kế hoạch số 127/KH-UBND ngày 27/3/2020 của UBND quận Long Biên về việc kiểm tra chéo "
    "công tác văn thư, lưu trữ năm 2020",
    # when and where the meeting was held, the units
    "chiều ngày 17/8/2020",
    "trụ sở UBND phường Phúc Lợi",
    "5 đơn vị",
    "UBND các phường: Phúc Lợi, Việt Hưng, Đức Giang, Giang Biên và Phúc Đồng",
    # the chair and the attendees with their positions
    "Phạm Hoài Nam, Phó Chủ tịch UBND phường Phúc Lợi",
    "đại diện đơn vị cụm trưởng",
    "Giáp Thị Thanh Nhàn, Phó Chủ tịch UBND phường Việt Hưng",
    "Nguyễn Thị Thuần, Phó Chủ tịch UBND phường Đức Giang",
    "các đồng chí công chức Văn phòng - Thống kê của 5 đơn vị",
    # basis of scoring and the inspection date
    "tiêu chí",
    "biểu tự chấm điểm",
    "kiểm tra thực tế",
    "chiều ngày 14/8/2020",
    # outcome and commendations
    "5/5 phường đạt loại A",
    "1 tập thể",
    "3 cá nhân",
    "UBND phường Đức Giang",
    "công chức Văn phòng - Thống kê các phường Phúc Đồng, Phúc Lợi và Giang Biên",
    # the general assessment, with the shared findings grouped by unit
    "bài bản",
    "đúng kế hoạch",
    "hướng dẫn của cấp trên",
    "tiến độ",
    "lãnh đạo UBND các phường đã quan tâm",
    "Các phường đều xây dựng báo cáo nghiêm túc, chuẩn bị đầy đủ hồ sơ, tài liệu minh chứng",
    "bố trí kinh phí cho việc chỉnh lý tài liệu như Phúc Đồng, Việt Hưng, Giang Biên",
    "diện tích rộng, thoáng và tương đối đầy đủ trang thiết bị như Đức Giang, Phúc Lợi",
    "các phường đều ban hành đầy đủ các văn bản chỉ đạo, điều hành, hồ sơ được lưu đầy đủ, khoa học",
    "học hỏi kinh nghiệm",
    "những mặt còn tồn tại",
    "./.",
    # the photo section
    "Một số hình ảnh",
]
CAPTIONS = [
    "Đoàn kiểm tra làm việc tại UBND phường Phúc Lợi (ảnh minh họa)",
    "Đoàn kiểm tra làm việc tại UBND phường Đức Giang (ảnh minh họa)",
    ("Cụm thi đua số 1 họp chấm điểm, bình xét thi đua năm 2020 tại UBND phường Phúc Lợi (ảnh minh họa)"),
]
BASIS = (
    "Việc chấm điểm được thực hiện trên cơ sở bộ tiêu chí thi đua, báo cáo và biểu tự "
    "chấm điểm do các đơn vị gửi về, đối chiếu với kết quả kiểm tra thực tế tại từng đơn "
    "vị vào chiều ngày 14/8/2020."
)
FORM = "Giấy khen của Chủ tịch UBND quận Long Biên"
OUTCOME = "Theo kết quả chấm điểm, 5/5 phường đạt loại A."
COMMENDATION = (
    f"Trên cơ sở đó, Cụm đã thống nhất đề nghị tặng {FORM} cho 1 tập thể và 3 cá nhân có thành "
    "tích tiêu biểu. Tập thể được đề nghị là UBND phường Đức Giang; các cá nhân được đề nghị là "
    "3 công chức Văn phòng - Thống kê các phường Phúc Đồng, Phúc Lợi và Giang Biên."
)


class Page(HTMLParser):
    """Text, tags and attributes of an HTML page."""

    def __init__(self, source: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.chunks))

    def all(self, tag: str) -> list[dict]:
        return [attrs for t, attrs in self.tags if t == tag]


def load(folder: Path = SAMPLE):
    return validate(load_campaign(folder), ["tin-bai"])


def article(campaign) -> dict:
    return news.article(campaign, compute(campaign))


def write(campaign, folder: Path) -> tuple[dict[str, Path], list[str]]:
    """Render the article's files into `folder`: (name -> path, the module's warnings)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    built = news.build(campaign, compute(campaign))
    for output in built.outputs:
        (folder / output.name).write_bytes(render_output(output))
        written[output.name] = folder / output.name
    return written, built.warnings


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    campaign = load()
    files, warnings = write(campaign, tmp_path_factory.mktemp("news"))
    assert campaign.warnings == [] and warnings == []
    return files


@pytest.fixture(scope="module")
def docx_text(built) -> str:
    return "\n".join(paragraphs(built["tin-bai.docx"]))


@pytest.fixture(scope="module")
def page(built) -> Page:
    return Page(built["tin-bai.html"].read_text("utf-8"))


def reference_sentences() -> list[str]:
    if not REFERENCE.exists():
        # The project's shared/ folder stands beside the checkout (CI lays it there too).
        if os.environ.get("CI"):
            pytest.fail(f"{REFERENCE} is missing")
        pytest.skip("the reference article (../shared/reference) is not beside this checkout")
    text = REFERENCE.read_text("utf-8")
    sentences = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+|\s*;\s*", line.strip()):
            sentence = re.sub(r"\s+", " ", sentence).strip()
            if len(sentence) > 40:
                sentences.append(sentence)
    return sentences


# ---------------------------------------------------------------- the sample


def test_both_files_are_written(built):
    assert sorted(built) == ["tin-bai.docx", "tin-bai.html"]


FACT_IDS = [f"fact-{i}" for i in range(len(FACTS + CAPTIONS))]


@pytest.mark.parametrize("fact", FACTS + CAPTIONS, ids=FACT_IDS)
def test_every_reference_fact_is_in_the_word_article(docx_text, fact):
    assert fact in docx_text


@pytest.mark.parametrize("fact", FACTS + CAPTIONS, ids=FACT_IDS)
def test_every_reference_fact_is_in_the_html_article(page, fact):
    assert fact in page.text


def test_title_and_posting_line(built, page):
    texts = paragraphs(built["tin-bai.docx"])
    title = "Cụm thi đua số 1 họp cụm chấm điểm, bình xét thi đua công tác văn thư, lưu trữ năm 2020"
    assert texts[:2] == [title, "Ngày đăng 18/08/2020 | 16:17"]
    assert [t for t, _ in page.tags if t == "h1"] == ["h1"]
    assert page.text.count(title) == 2  # <title> and <h1>


def test_no_sentence_of_the_reference_is_copied(docx_text, page):
    sentences = reference_sentences()
    assert len(sentences) >= 10
    ours = re.sub(r"\s+", " ", docx_text)
    for sentence in sentences:
        assert sentence not in ours, sentence
        assert sentence not in page.text, sentence


def test_sample_scoring_paragraph_exact():
    assert article(load())["paragraphs"][2] == f"{BASIS} {OUTCOME} {COMMENDATION}"


def test_docx_layout(built):
    path = built["tin-bai.docx"]
    doc = Document(str(path))
    assert doc.core_properties.category == "tin-bai"
    (section,) = doc.sections
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    texts = paragraphs(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    title = doc.paragraphs[0]
    assert title.style.font.bold and title.style.font.size.pt == 16
    assert find(path, "Ngày đăng 18/08/2020 | 16:17").style.font.italic
    body = find(path, article(load())["paragraphs"][0])
    assert body.style.paragraph_format.alignment == 3  # justified
    for caption in CAPTIONS:
        p = find(path, caption)
        assert p.style.font.italic and p.style.paragraph_format.alignment == 1
    byline = find(path, "Phường Phúc Lợi")
    assert texts[-1] == "Phường Phúc Lợi"
    assert byline.style.font.bold and byline.style.paragraph_format.alignment == 2
    fonts = set(re.findall(r'w:(?:ascii|hAnsi|cs)="([^"]+)"', zipfile.ZipFile(path).read("word/document.xml").decode()))
    assert fonts <= {"Times New Roman"}


def test_docx_holds_three_inline_photos_14_cm_wide(built):
    path = built["tin-bai.docx"]
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert xml.count("<wp:inline") == 3
    widths = {int(w) for w in re.findall(r'<wp:extent cx="(\d+)"', xml)}
    assert widths == {14 * 360000}
    media = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]
    assert len(media) == 3
    texts = paragraphs(path)
    # each photo sits right above its caption
    for caption in CAPTIONS:
        assert texts[texts.index(caption) - 1] == ""
    assert "{{" not in xml and "{%" not in xml


def test_html_is_self_contained(built, page):
    source = built["tin-bai.html"].read_text("utf-8")
    assert '<meta charset="utf-8">' in source
    assert "http" not in source
    assert not [a for t, a in page.tags if "href" in a or t in ("link", "script", "iframe")]
    assert len(page.all("article")) == 1
    images = page.all("img")
    assert len(images) == 3 and len(page.all("figure")) == 3
    assert source.count("<figcaption") == 3
    for image, caption in zip(images, CAPTIONS):
        assert image["alt"] == caption
        prefix = "data:image/jpeg;base64,"
        assert image["src"].startswith(prefix)
        with Image.open(io.BytesIO(base64.b64decode(image["src"][len(prefix) :]))) as picture:
            assert picture.format == "JPEG"
            assert picture.width <= 1024
            assert int(image["width"]) == picture.width
    assert len(source.encode()) < 1_000_000


@pytest.mark.slow
def test_special_characters_escaped_in_html_intact_in_word(campaign_dir, tmp_path):
    edit_workbook(
        campaign_dir / "du-lieu.xlsx",
        {
            ("Đơn vị", "B3"): 'UBND phường Việt <Hưng> & "Co"',
            ("Đơn vị", "C3"): 'Việt <Hưng> & "Co"',
            ("Ảnh", "B2"): 'Ảnh <minh họa> & "chú thích"',
        },
    )
    files, _ = write(load(campaign_dir), tmp_path / "out")
    source = files["tin-bai.html"].read_text("utf-8")
    assert "Việt &lt;Hưng&gt; &amp; &#34;Co&#34;" in source
    assert "<Hưng>" not in source and '& "Co"' not in source
    assert 'alt="Ảnh &lt;minh họa&gt; &amp; &#34;chú thích&#34;"' in source
    assert Page(source).all("img")[0]["alt"] == 'Ảnh <minh họa> & "chú thích"'
    text = "\n".join(paragraphs(files["tin-bai.docx"]))
    assert 'UBND các phường: Phúc Lợi, Việt <Hưng> & "Co", Đức Giang' in text
    assert 'Ảnh <minh họa> & "chú thích"' in text


# ---------------------------------------------------------------- other campaigns


def six_units_mixed_grades():
    campaign = load()
    campaign.units.append(Unit("NT", "UBND phường Ngọc Thụy", "Ngọc Thụy"))
    frame = campaign.scores
    extra = frame[frame["unit"] == "GB"].assign(unit="NT")
    frame = pd.concat([frame, extra], ignore_index=True)
    # 89 - 5 - 9 = 75: grade B for Giang Biên and Ngọc Thụy
    frame.loc[frame["unit"].isin(["GB", "NT"]) & frame["criterion"].isin(["1.1", "2.1"]), "cluster"] = 0
    campaign.scores = frame
    return campaign


def test_mixed_grades_with_six_units():
    text = article(six_units_mixed_grades())
    lead, attendance, scoring, assessment, _ = text["paragraphs"]
    assert lead.endswith(
        "Cụm có 6 đơn vị thành viên, gồm UBND các phường: Phúc Lợi, Việt Hưng, "
        "Đức Giang, Giang Biên, Phúc Đồng và Ngọc Thụy."
    )
    assert scoring == (f"{BASIS} Theo kết quả chấm điểm, 4/6 phường đạt loại A, 2 phường đạt loại B. {COMMENDATION}")
    # The staff of five of the six units attended: they are named by ward.
    assert attendance.endswith(
        "cùng các đồng chí công chức Văn phòng - Thống kê các phường "
        "Phúc Lợi, Việt Hưng, Đức Giang, Giang Biên và Phúc Đồng."
    )
    # A finding of five wards out of six is no longer "every ward".
    assert (
        "Nhiều phường xây dựng báo cáo nghiêm túc, chuẩn bị đầy đủ hồ sơ, tài liệu minh "
        "chứng phục vụ kiểm tra như Phúc Lợi, Việt Hưng, Đức Giang, Giang Biên, Phúc Đồng; "
        "một số phường quan tâm bố trí kinh phí cho việc chỉnh lý tài liệu như Phúc Đồng, "
        "Việt Hưng, Giang Biên. Đáng chú ý, một số phường bố trí kho lưu trữ" in assessment
    )
    assert "các phường đều" not in assessment


def test_several_collectives_and_position_groups():
    campaign = load()
    first = campaign.awards[0]
    campaign.awards += [
        dataclasses.replace(first, name="UBND phường Phúc Lợi", unit="PL"),
        Award("cá nhân", "Giáp Thị Thanh Nhàn", "Phó Chủ tịch UBND phường Việt Hưng", "VH", FORM, None),
    ]
    scoring = article(campaign)["paragraphs"][2]
    assert scoring == (
        f"{BASIS} Theo kết quả chấm điểm, 5/5 phường đạt loại A. Trên cơ sở đó, Cụm đã thống "
        f"nhất đề nghị tặng {FORM} cho 2 tập thể và 4 cá nhân có thành tích tiêu biểu. Các tập "
        "thể được đề nghị là UBND phường Đức Giang và UBND phường Phúc Lợi; các cá nhân được đề "
        "nghị gồm 3 công chức Văn phòng - Thống kê các phường Phúc Đồng, Phúc Lợi và Giang "
        "Biên, 1 Phó Chủ tịch phường Việt Hưng."
    )


def test_collectives_only_with_different_forms():
    campaign = load()
    first = campaign.awards[0]
    campaign.awards = [
        first,
        dataclasses.replace(
            first, name="UBND phường Phúc Lợi", unit="PL", form="Bằng khen của Chủ tịch UBND thành phố"
        ),
    ]
    scoring = article(campaign)["paragraphs"][2]
    assert scoring.endswith(
        "Trên cơ sở đó, Cụm đã thống nhất đề nghị UBND quận Long Biên khen thưởng 2 tập thể có "
        "thành tích tiêu biểu. Các tập thể được đề nghị là UBND phường Đức Giang và UBND phường "
        "Phúc Lợi."
    )


def test_one_individual_only():
    campaign = load()
    campaign.awards = campaign.awards[1:2]
    scoring = article(campaign)["paragraphs"][2]
    assert scoring.endswith(
        f"Trên cơ sở đó, Cụm đã thống nhất đề nghị tặng {FORM} cho 1 cá nhân có thành tích "
        "tiêu biểu. Cá nhân được đề nghị là công chức Văn phòng - Thống kê phường Phúc Đồng."
    )


@pytest.mark.slow
def test_no_awards_sheet_says_nothing_about_commendations(campaign_dir):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("drop", "Khen thưởng"): None})
    text = article(load(campaign_dir))
    assert text["paragraphs"][2] == f"{BASIS} Theo kết quả chấm điểm, 5/5 phường đạt loại A."
    whole = " ".join(text["paragraphs"])
    assert "khen" not in whole.lower() and "tập thể" not in whole


def test_no_photos_no_photo_section(campaign_dir, tmp_path):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("drop", "Ảnh"): None})
    campaign = load(campaign_dir)
    assert article(campaign)["paragraphs"][2] == f"{BASIS} {OUTCOME} {COMMENDATION}"
    files, _ = write(campaign, tmp_path / "out")
    texts = paragraphs(files["tin-bai.docx"])
    assert not any(t.startswith("Một số hình ảnh") for t in texts)
    assert texts[-1] == "Phường Phúc Lợi" and texts[-2].endswith("./.")
    assert not [n for n in zipfile.ZipFile(files["tin-bai.docx"]).namelist() if n.startswith("word/media/")]
    source = files["tin-bai.html"].read_text("utf-8")
    assert "<img" not in source and "<figure" not in source and "Một số hình ảnh" not in source


@pytest.mark.parametrize(
    "basis, opening",
    [
        (
            "Công văn số 155/NV-VTLT ngày 25/9/2018 của Phòng Nội vụ quận Long Biên về việc hướng dẫn "
            "kiểm tra chéo công tác văn thư, lưu trữ.",
            "Theo hướng dẫn tại Công văn số 155/NV-VTLT ngày 25/9/2018 của Phòng Nội vụ quận Long "
            "Biên về việc hướng dẫn kiểm tra chéo công tác văn thư, lưu trữ, vào chiều ngày 17/8/2020, "
            "Cụm thi đua số 1 đã tổ chức họp tại trụ sở UBND phường Phúc Lợi để chấm điểm, bình xét "
            "thi đua công tác văn thư, lưu trữ năm 2020.",
        ),
        (
            "Văn bản số 155/NV-VTLT ngày 25/9/2018 của Phòng Nội vụ quận Long Biên",
            "Theo hướng dẫn tại Văn bản số 155/NV-VTLT ngày 25/9/2018 của Phòng Nội vụ quận Long Biên, "
            "vào chiều ngày 17/8/2020, Cụm thi đua số 1 đã tổ chức họp",
        ),
    ],
)
@pytest.mark.slow
def test_dispatch_basis_reads_naturally(campaign_dir, basis, opening):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chung", "append"): ["Căn cứ kế hoạch", basis]})
    text = article(load(campaign_dir))
    lead = text["paragraphs"][0]
    assert lead.startswith(opening)
    assert "Kế hoạch số 127" not in lead
    assert text["paragraphs"][2] == f"{BASIS} {OUTCOME} {COMMENDATION}"


def test_communes():
    campaign = load()
    campaign.unit_kind = "xã"
    campaign.units = [dataclasses.replace(u, name=u.name.replace("phường", "xã")) for u in campaign.units]
    text = article(campaign)
    lead, attendance, scoring, assessment, closing = text["paragraphs"]
    assert lead.endswith("gồm UBND các xã: Phúc Lợi, Việt Hưng, Đức Giang, Giang Biên và Phúc Đồng.")
    assert scoring == (
        f"{BASIS} Theo kết quả chấm điểm, 5/5 xã đạt loại A. {COMMENDATION.replace('các phường', 'các xã')}"
    )
    assert "lãnh đạo UBND các xã đã quan tâm" in assessment
    assert "Các xã đều xây dựng báo cáo" in assessment
    assert (
        "một số xã quan tâm bố trí kinh phí cho việc chỉnh lý tài liệu như Phúc Đồng, "
        "Việt Hưng, Giang Biên" in assessment
    )
    assert "để các xã nhìn lại" in closing


def test_default_unit_kind():
    campaign = load()
    campaign.unit_kind = "đơn vị"
    lead, _, scoring, assessment, _ = article(campaign)["paragraphs"]
    assert lead.endswith(
        "gồm UBND phường Phúc Lợi, UBND phường Việt Hưng, UBND phường Đức "
        "Giang, UBND phường Giang Biên và UBND phường Phúc Đồng."
    )
    assert scoring == (
        f"{BASIS} Theo kết quả chấm điểm, 5/5 đơn vị đạt loại A. "
        + COMMENDATION.replace(
            "các phường Phúc Đồng, Phúc Lợi và Giang Biên",
            "UBND phường Phúc Đồng, UBND phường Phúc Lợi và UBND phường Giang Biên",
        )
    )
    assert "lãnh đạo các đơn vị đã quan tâm" in assessment
    assert "Các đơn vị đều xây dựng" in assessment


@pytest.mark.parametrize(
    "value, line",
    [
        (None, "Ngày đăng 17/08/2020"),  # no date: the meeting's end date, no time
        ("18/8/2020", "Ngày đăng 18/08/2020"),  # a date without a time
        ("5/9/2020 08:05", "Ngày đăng 05/09/2020 | 08:05"),
    ],
)
@pytest.mark.slow
def test_posting_line(campaign_dir, value, line):
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Văn bản", "G6"): value})
    assert article(load(campaign_dir))["posted"] == line


def test_morning_meeting_and_no_limitations():
    campaign = load()
    campaign.meeting_start = campaign.meeting_start.replace(hour=8, minute=30)
    campaign.findings = [f for f in campaign.findings if f.kind != "hạn chế"]
    text = article(campaign)
    assert "vào sáng ngày 17/8/2020," in text["paragraphs"][0]
    assert text["paragraphs"][4].startswith("Đợt kiểm tra chéo là dịp")


def test_embed_lowers_only_ordinary_words():
    assert news.embed("Quan tâm bố trí kinh phí.") == "quan tâm bố trí kinh phí"
    assert news.embed("UBND phường chưa lập danh mục;") == "UBND phường chưa lập danh mục"
    assert news.embed("Đôn đốc nộp lưu") == "đôn đốc nộp lưu"


@pytest.mark.slow
def test_photos_are_scaled_for_the_web(tmp_path):
    big = tmp_path / "big.png"
    Image.new("RGBA", (3000, 1500), (200, 30, 30, 128)).save(big)
    image = web_image(big)
    assert (image.width, image.height) == (1024, 512)
    with Image.open(io.BytesIO(image.data)) as picture:
        assert picture.format == "JPEG" and picture.mode == "RGB"
    small = tmp_path / "small.jpg"
    Image.new("RGB", (640, 480), "white").save(small)
    assert web_image(small).width == 640


def test_html_escapes_every_value_once():
    text = article(load())
    text["paragraphs"] = ["a < b & c &amp; d"]
    source = render_html("tin-bai.html", text | {"photos": []}).decode()
    assert '<p style="text-align:justify;margin:0 0 .8em">a &lt; b &amp; c &amp;amp; d</p>' in source
    assert html.unescape(source).count("a < b & c &amp; d") == 1


def test_unreadable_photo_is_a_warning_and_the_article_is_built_without_it(campaign_dir, tmp_path):
    (campaign_dir / "anh" / "hop-cum.jpg").write_bytes(b"not a picture")
    campaign = load(campaign_dir)
    assert [w for w in campaign.warnings if "Ảnh" in w] == [
        'du-lieu.xlsx › Ảnh › dòng 4 › cột "Tệp" › ô A4: không đọc được ảnh "anh/hop-cum.jpg": '
        "tệp hỏng hoặc không phải ảnh JPEG/PNG; tin bài được tạo không có ảnh này."
    ]
    files, _ = write(campaign, tmp_path / "out")
    media = [n for n in zipfile.ZipFile(files["tin-bai.docx"]).namelist() if n.startswith("word/media/")]
    assert len(media) == 2
    assert files["tin-bai.html"].read_text("utf-8").count("<img") == 2


def test_no_photo_files_at_all_the_article_has_no_photo_block(campaign_dir, tmp_path):
    for photo in (campaign_dir / "anh").iterdir():
        photo.unlink()
    campaign = load(campaign_dir)
    assert campaign.photos == []
    assert [w for w in campaign.warnings if "Ảnh" in w] == [
        'du-lieu.xlsx › Ảnh › dòng 2, 3, 4 › cột "Tệp" › ô A2, A3, A4: không thấy 3 tệp ảnh '
        '"kiem-tra-phuc-loi.jpg", "kiem-tra-duc-giang.jpg", "hop-cum.jpg" trong thư mục anh/ của '
        "đợt thi đua; tin bài được tạo không có các ảnh này. Tải ảnh lên (hoặc chép vào thư mục "
        "anh/) rồi tạo lại để có ảnh trong tin bài."
    ]
    files, _ = write(campaign, tmp_path / "out")
    assert not any(t.startswith("Một số hình ảnh") for t in paragraphs(files["tin-bai.docx"]))
    assert "<img" not in files["tin-bai.html"].read_text("utf-8")
