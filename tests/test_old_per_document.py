"""Issue 19: the old version marked per document, not per campaign.

A failed build that holds back some documents rebuilds the others: the held ones (left
from the last good build) are marked old on the campaign's page, its previews, the zips
and index.html; the rebuilt ones are shown as current. A build that wrote nothing leaves
every document old; a build that waits for the units' self-scores shows what it built as
current.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from pipeline import listing, runner, status
from pipeline.errors import Problem, ValidationError
from pipeline.web import create_app

from .conftest import edit_workbook

pytestmark = pytest.mark.slow  # builds the sample campaign twice

HELD = {
    "bien-ban-hop-cum.docx",
    "to-trinh-khen-thuong.docx",
    "tin-bai.docx",
    "tin-bai.html",
    *(f"bien-ban-kiem-tra-{u}.docx" for u in ("dg", "gb", "pd", "pl", "vh")),
}
REBUILT = {"ke-hoach.docx", "quyet-dinh-khen-thuong.docx", "giay-khen.docx", "giay-khen-in-thu.docx"}


@pytest.fixture
def partly_held(campaign_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The sample built, then a score out of range uploaded: the documents that need the
    scores of the meeting are held back (old), the others rebuilt."""
    out = tmp_path / "outputs"
    assert runner.build_and_record(campaign_dir, out).state == status.BUILT
    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Chấm điểm", "D14"): 12})
    assert runner.build_and_record(campaign_dir, out).state == status.FAILED
    return campaign_dir, out


def test_only_the_held_documents_are_old(partly_held):
    campaign_dir, out = partly_held
    entry = listing.entry(out, campaign_dir.name, campaign_dir.parent)
    assert entry.old_names == HELD
    assert entry.partly_old and not entry.old
    assert entry.old_count == 8  # five inspections, the meeting, the proposal, the news
    rows = {d.title: entry.is_old(d) for d in entry.rows}
    assert rows["Kế hoạch kiểm tra chéo"] is False and rows["Quyết định khen thưởng"] is False
    assert rows["Biên bản họp cụm"] is True and rows["Tờ trình đề nghị khen thưởng"] is True


def test_index_html_marks_each_old_document(partly_held):
    campaign_dir, out = partly_held
    page = (out / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li( class=\"ban-cu\")?>(.*?): <a", page)
    marked = {title.removeprefix('<span class="nhan-ban-cu">bản cũ</span> ') for old, title in items if old}
    plain = {title for old, title in items if not old}
    assert all(t.startswith('<span class="nhan-ban-cu">bản cũ</span> ') for old, t in items if old)
    assert "Biên bản họp cụm" in marked and "Tin bài cho cổng thông tin" in marked
    assert "Biên bản kiểm tra – UBND phường Đức Giang" in marked
    assert plain == {
        "Kế hoạch kiểm tra chéo",
        "Quyết định khen thưởng",
        "Giấy khen in trên phôi",
        "Giấy khen – bản in thử có khung",
    }
    assert f"{listing.OLD_BANNER}: 8 văn bản có nhãn «bản cũ»" in page
    assert "dưới đây" not in page


def test_campaign_page_marks_the_old_rows(partly_held):
    campaign_dir, out = partly_held
    client = TestClient(create_app(campaign_dir.parent, out), follow_redirects=False)
    page = client.get("/dot/cum-1-2020").text
    banner = re.search(r'<p class="nhan-ban-cu" id="ban-cu"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert banner.startswith(f"{listing.OLD_BANNER}: 8 văn bản")
    assert 'id="phan-van-ban" class="ban-cu"' not in page  # not the whole section
    rows = re.findall(r"<tr( class=\"ban-cu\")?>\n<td>(.*?)</td>", page)
    old = [t for cls, t in rows if cls]
    new = [t for cls, t in rows if not cls and "nhan-moi" in t]
    assert len(old) == 8 and all('<span class="nhan-dong nhan-cu">BẢN CŨ</span>' in t for t in old)
    assert len(new) == 4 and any("Kế hoạch kiểm tra chéo" in t for t in new)
    assert "bản cũ để riêng trong thư mục BAN-CU" in page
    home = client.get("/").text
    assert re.search(r'<tr id="dot-cum-1-2020">.*?12 văn bản \(<span class="loi">8 bản cũ</span>\)', home, re.S)


def test_the_zip_sets_the_old_documents_apart(partly_held):
    campaign_dir, out = partly_held
    client = TestClient(create_app(campaign_dir.parent, out), follow_redirects=False)
    answer = client.get("/dot/cum-1-2020/tai-ve.zip")
    assert answer.status_code == 200
    assert 'filename="cum-1-2020.zip"' in answer.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        names = archive.namelist()
        note = archive.read("BAN-CU/BAN-CU.txt").decode("utf-8-sig")
        assert names[0] == "BAN-CU/BAN-CU.txt"
        assert {n.removeprefix("BAN-CU/") for n in names if n.startswith("BAN-CU/")} == HELD | {"BAN-CU.txt"}
        top = {n for n in names if "/" not in n}
        assert REBUILT <= top and not top & HELD
        for name in REBUILT:
            assert archive.read(name) == (out / "cum-1-2020" / name).read_bytes()
        assert (
            archive.read("BAN-CU/bien-ban-hop-cum.docx") == (out / "cum-1-2020" / "bien-ban-hop-cum.docx").read_bytes()
        )
    assert note.startswith(listing.OLD_BANNER.upper()) and "\r\n" in note
    assert "- Biên bản họp cụm\r\n" in note and "- Tờ trình đề nghị khen thưởng\r\n" in note
    assert "Kế hoạch kiểm tra chéo" not in note
    assert "ở ngoài thư mục BAN-CU vừa được tạo lại" in note


def test_a_build_that_wrote_nothing_leaves_every_document_old(campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    assert runner.build_and_record(campaign_dir, out).state == status.BUILT
    status.record_failure(
        out, campaign_dir.name, ValidationError([Problem("du-lieu.xlsx", "thiếu trang tính.", "Đơn vị")])
    )
    entry = listing.entry(out, campaign_dir.name, campaign_dir.parent)
    assert entry.old and not entry.partly_old and entry.old_count == len(entry.rows)
    client = TestClient(create_app(campaign_dir.parent, out), follow_redirects=False)
    answer = client.get("/dot/cum-1-2020/tai-ve.zip")
    assert 'filename="cum-1-2020-ban-cu.zip"' in answer.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        assert archive.namelist()[0] == "BAN-CU.txt"
        assert not [n for n in archive.namelist() if "/" in n]
    page = client.get("/dot/cum-1-2020").text
    assert 'id="phan-van-ban" class="ban-cu"' in page and 'class="nhan-dong nhan-moi"' not in page


def test_waiting_for_self_scores_shows_what_was_built_as_current(campaign_dir, tmp_path):
    out = tmp_path / "outputs"
    book = openpyxl.load_workbook(campaign_dir / "du-lieu.xlsx")
    sheet = book["Chấm điểm"]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == "PD":
            sheet.cell(row, 3).value = None  # PD has not sent its self-scores
    book.save(campaign_dir / "du-lieu.xlsx")
    assert runner.build_and_record(campaign_dir, out).state == status.FAILED
    entry = listing.entry(out, campaign_dir.name, campaign_dir.parent)
    assert entry.label == "chờ số liệu" and entry.files
    assert entry.old_names == set() and not entry.old and not entry.partly_old
    page = (out / "index.html").read_text(encoding="utf-8")
    assert listing.OLD_BANNER not in page and 'class="ban-cu"' not in page


def test_waiting_for_self_scores_names_what_waits_and_calls_nothing_an_error(campaign_dir, tmp_path):
    book = openpyxl.load_workbook(campaign_dir / "du-lieu.xlsx")
    sheet = book["Chấm điểm"]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == "PD":
            sheet.cell(row, 3).value = None  # PD has not sent its self-scores
    book.save(campaign_dir / "du-lieu.xlsx")
    client = TestClient(create_app(campaign_dir.parent, tmp_path / "outputs"), follow_redirects=False)
    answer = client.post(
        "/tai-len",
        data={"dot": campaign_dir.name, "nguon": "dot"},
        files=[("anh", ("a.jpg", next((campaign_dir / "anh").iterdir()).read_bytes(), "image/jpeg"))],
    )
    page = client.get(answer.headers["location"]).text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert (
        "Đã nhận 1 tệp và tạo lại các văn bản đã đủ số liệu; các văn bản khác còn chờ số "
        "liệu, xem mục Biểu tự chấm của các đơn vị bên dưới."
    ) in text
    assert (
        "Đợt này đang chờ số liệu (biểu tự chấm của các đơn vị chưa gửi), nên chưa tạo: "
        "biên bản kiểm tra tại từng đơn vị, biên bản họp cụm, tờ trình đề nghị khen "
        "thưởng, tin bài cho cổng thông tin. Các văn bản khác đã được tạo (mục Văn bản ở "
        "trên). Đây không phải lỗi"
    ) in text
    listing = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get("/").text))
    assert "chờ số liệu" in listing and "lỗi)" not in listing
    index = (tmp_path / "outputs" / "index.html").read_text(encoding="utf-8")
    assert "xem số liệu còn thiếu (LOI.txt)" in index and "xem lỗi" not in index
