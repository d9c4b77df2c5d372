"""Issue 19 in Chromium: what a ward clerk meets on the page.

Photos that never block the rest, old documents shown as old (page, zip, index.html),
documents by title, feedback while waiting, a way back (earlier workbooks, the bin),
a phone's width. Same browser and server as tests/test_browser.py; screenshots go to
$VANBAN_SCREENSHOTS when set (desktop and phone width).
"""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.pregenerate import Background

from .conftest import SAMPLE, edit_workbook
from .test_browser import PHOTOS, TITLES, Server, browser, page, server, shot, upload  # noqa: F401

pytestmark = pytest.mark.slow  # a real browser

PHONE = {"width": 390, "height": 844}


def both_widths(page, name: str) -> None:
    """The page as a screenshot at desktop width, then at a phone's (390 px): no sideways
    scrolling on the phone."""
    shot(page, f"{name}-may-tinh")
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= PHONE["width"], f"{name}: {wide} px wide on a 390 px phone"
        shot(page, f"{name}-dien-thoai")
    finally:
        page.set_viewport_size(size)


def bad_copy(tmp_path: Path) -> Path:
    bad = tmp_path / "sai" / "du-lieu.xlsx"
    bad.parent.mkdir(exist_ok=True)
    shutil.copy(SAMPLE / "du-lieu.xlsx", bad)
    edit_workbook(bad, {("Chấm điểm", "D14"): 12})
    return bad


def test_a_workbook_without_its_photos_builds_every_document(server, page):
    page.goto(server.url)
    upload(page, SAMPLE / "du-lieu.xlsx", campaign="cum-1-2020")  # no photo at all
    page.wait_for_url(re.compile(r"/dot/cum-1-2020\?tai-len=1$"))
    assert page.inner_text("#trang-thai") == "có cảnh báo"
    assert page.locator("#van-ban tbody tr td:first-child").all_inner_texts() == TITLES
    warnings = page.locator("#canh-bao li").all_inner_texts()
    photos = [w for w in warnings if "tin bài được tạo không có các ảnh này" in w]
    assert len(photos) == 1 and '"hop-cum.jpg"' in photos[0] and "ô A2, A3, A4" in photos[0]
    assert not [
        n
        for n in zipfile.ZipFile(server.outputs / "cum-1-2020" / "tin-bai.docx").namelist()
        if n.startswith("word/media/")
    ]
    both_widths(page, "8-khong-anh")


def test_old_documents_after_a_failed_upload_are_marked_old_everywhere(server, page, tmp_path):
    """A score out of range holds back what needs the meeting's scores: those rows (and only
    those) are greyed and marked old on the page, in index.html and in the zip."""
    page.goto(server.url)
    upload(page, SAMPLE / "du-lieu.xlsx", PHOTOS, campaign="cum-1-2020")
    page.wait_for_url(re.compile(r"/dot/cum-1-2020"))
    assert page.locator("#ban-cu").count() == 0
    upload(page, bad_copy(tmp_path))
    page.wait_for_url(re.compile(r"/dot/cum-1-2020\?tai-len=1$"))
    assert page.inner_text("#ban-cu").startswith("BẢN CŨ – dữ liệu mới có lỗi, chưa tạo lại: 8 văn bản")
    assert "ban-cu" not in (page.get_attribute("#phan-van-ban", "class") or "")
    old = page.locator("#van-ban tbody tr.ban-cu td:first-child").all_inner_texts()
    assert [t.removeprefix("BẢN CŨ ") for t in old] == [t for t in TITLES if t not in CURRENT]
    assert all(t.startswith("BẢN CŨ ") for t in old)
    new = page.locator("#van-ban tbody tr:not(.ban-cu) td:first-child").all_inner_texts()
    assert [t.removeprefix("mới ") for t in new] == [t for t in TITLES if t in CURRENT]
    grey = page.eval_on_selector("#van-ban tr.ban-cu td", "e => getComputedStyle(e).color")
    black = page.eval_on_selector("#van-ban tbody tr:not(.ban-cu) td", "e => getComputedStyle(e).color")
    assert grey == "rgb(119, 119, 119)" and black != grey  # only the old rows greyed out
    assert page.evaluate("() => document.activeElement.id") == "vua-tai-len"  # role=alert
    assert page.get_attribute("#vua-tai-len", "role") == "alert"
    both_widths(page, "9-ban-cu-mot-phan")

    with page.expect_download() as waiting:
        page.click("#tai-zip")
    assert waiting.value.suggested_filename == "cum-1-2020.zip"  # not all of it is old
    saved = tmp_path / "cu.zip"
    waiting.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        note = archive.read("BAN-CU/BAN-CU.txt").decode("utf-8-sig")
    assert names[0] == "BAN-CU/BAN-CU.txt"
    assert "BAN-CU/bien-ban-hop-cum.docx" in names and "bien-ban-hop-cum.docx" not in names
    assert "ke-hoach.docx" in names and "BAN-CU/ke-hoach.docx" not in names
    assert note.startswith("BẢN CŨ – DỮ LIỆU MỚI CÓ LỖI, CHƯA TẠO LẠI")
    assert "- Biên bản họp cụm\r\n" in note and "Kế hoạch kiểm tra chéo" not in note

    page.goto(f"file://{server.outputs / 'index.html'}")  # the offline listing
    row = page.inner_text("#dot-cum-1-2020")
    assert "BẢN CŨ – dữ liệu mới có lỗi, chưa tạo lại: 8 văn bản có nhãn «bản cũ»" in row
    assert "cột bên phải" in row and "dưới đây" not in row
    assert "Cụm thi đua số 1 – công tác văn thư, lưu trữ – 2020" in row
    marked = page.locator("#dot-cum-1-2020 li.ban-cu").all_inner_texts()
    assert len(marked) == 8 and all(
        t.startswith("bản cũ Biên bản") or t.startswith(("bản cũ Tờ trình", "bản cũ Tin bài")) for t in marked
    )
    assert page.locator("#dot-cum-1-2020 li:not(.ban-cu)").count() == 4
    both_widths(page, "10-index-html-ban-cu-mot-phan")


CURRENT = (
    "Kế hoạch kiểm tra chéo",
    "Quyết định khen thưởng",
    "Giấy khen in trên phôi",
    "Giấy khen – bản in thử có khung",
)


def test_the_button_cannot_be_pressed_twice_and_says_it_is_working(browser, tmp_path):
    builds = []

    def slow_build(folder, outputs, **kw):
        builds.append(folder.name)
        time.sleep(1.5)
        return runner.build_and_record(folder, outputs, **kw)

    running = Server(tmp_path, build=slow_build)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(running.url)
        upload(page, SAMPLE / "du-lieu.xlsx", campaign="cum-cho", submit=False)
        # What the page shows once the button is pressed (the form held back here, so
        # that the page can be read before the server answers).
        page.evaluate("""() => document.addEventListener("submit", e => e.preventDefault())""")
        page.click("#nut-tai-len")
        seen = page.evaluate("""() => {
            const b = document.getElementById("nut-tai-len"), w = document.getElementById("dang-cho");
            return {disabled: b.disabled, text: b.textContent, shown: !w.hidden,
                    says: w.textContent};
        }""")
        assert seen == {
            "disabled": True,
            "text": "Đang tải lên và tạo văn bản…",
            "shown": True,
            "says": "Đang tạo văn bản… Xin chờ, trang sẽ tự chuyển khi xong.",
        }
        shot(page, "11-dang-tao")
        assert builds == []

        # Two presses in a row: one upload, one build.
        page.goto(running.url)
        upload(page, SAMPLE / "du-lieu.xlsx", campaign="cum-cho", submit=False)
        page.evaluate("""() => { const b = document.getElementById("nut-tai-len");
                                 b.click(); b.click(); b.form.requestSubmit(); }""")
        page.wait_for_url(re.compile(r"/dot/cum-cho\?tai-len=1$"), timeout=30_000)
        assert builds == ["cum-cho"]
    finally:
        context.close()
        running.stop()


def test_an_earlier_workbook_is_downloaded_and_made_current_again(server, page, tmp_path):
    page.goto(server.url)
    upload(page, SAMPLE / "du-lieu.xlsx", campaign="cum-1-2020")
    page.wait_for_url(re.compile(r"/dot/cum-1-2020"))
    renamed = tmp_path / "moi" / "du-lieu.xlsx"
    renamed.parent.mkdir()
    shutil.copy(SAMPLE / "du-lieu.xlsx", renamed)
    edit_workbook(renamed, {("Chung", "B2"): "Cụm thi đua số 7"})
    upload(page, renamed)
    page.wait_for_url(re.compile(r"/dot/cum-1-2020\?tai-len=1$"))
    assert page.inner_text("h1").startswith("Cụm thi đua số 7")
    rows = page.locator("#cac-bang-tinh tbody tr")
    assert rows.count() == 2 and rows.first.inner_text().startswith("Đang dùng")
    with page.expect_download() as waiting:
        page.click("#cac-bang-tinh a:has-text('tải về') >> nth=1")
    assert waiting.value.suggested_filename.startswith("cum-1-2020-du-lieu-")
    saved = tmp_path / "truoc.xlsx"
    waiting.value.save_as(saved)
    assert saved.read_bytes() == (SAMPLE / "du-lieu.xlsx").read_bytes()
    both_widths(page, "12-bang-tinh")

    page.click("text=Dùng lại bảng tính này")
    page.wait_for_url(re.compile(r"/dot/cum-1-2020\?dung-lai="))
    assert "Đã dùng lại bảng tính trước đây" in page.inner_text("#da-dung-lai")
    assert page.inner_text("h1").startswith("Cụm thi đua số 1 –")  # rebuilt from it
    current = server.inputs / "cum-1-2020" / "du-lieu.xlsx"
    assert current.read_bytes() == (SAMPLE / "du-lieu.xlsx").read_bytes()
    assert page.locator("#cac-bang-tinh tbody tr").count() == 3  # nothing lost
    assert renamed.read_bytes() in [p.read_bytes() for p in (server.inputs / "cum-1-2020" / ".truoc").iterdir()]


def test_a_campaign_is_removed_after_a_confirmation_and_restored(server, page):
    page.goto(server.url)
    upload(page, SAMPLE / "du-lieu.xlsx", campaign="cum-nham")
    page.wait_for_url(re.compile(r"/dot/cum-nham"))
    page.click("#xoa-dot")
    page.wait_for_url(re.compile(r"/dot/cum-nham/xoa$"))
    assert (server.inputs / "cum-nham").is_dir()  # nothing moved before the confirmation
    both_widths(page, "13-xac-nhan-xoa")
    page.click("#xac-nhan-xoa")
    page.wait_for_url(re.compile(r"/\?da-xoa=cum-nham$"))
    assert page.locator("#dot-cum-nham").count() == 0
    assert "cum-nham" in page.inner_text("#thung-rac")
    for root in (server.inputs, server.outputs):
        assert not (root / "cum-nham").exists()
        kept = list((root / ".thung-rac").iterdir())
        assert len(kept) == 1 and kept[0].name.startswith("cum-nham~")
    assert (server.inputs / ".thung-rac" / kept[0].name / "du-lieu.xlsx").is_file()
    assert "cum-nham" not in (server.outputs / "index.html").read_text(encoding="utf-8")
    both_widths(page, "14-thung-rac")

    page.click("#thung-rac button:has-text('Khôi phục')")
    page.wait_for_url(re.compile(r"/dot/cum-nham\?khoi-phuc=1$"))
    assert page.is_visible("#da-khoi-phuc")
    assert page.locator("#van-ban tbody tr").count() == 12
    assert (server.inputs / "cum-nham" / "du-lieu.xlsx").is_file()
    assert not list((server.inputs / ".thung-rac").iterdir())


def test_a_phone_sees_every_page_without_scrolling_sideways(server, page, tmp_path):
    page.goto(server.url)
    both_widths(page, "15-trang-dau")
    upload(page, SAMPLE / "du-lieu.xlsx", campaign="cum-1-2020")
    page.wait_for_url(re.compile(r"/dot/cum-1-2020"))
    upload(page, bad_copy(tmp_path))
    page.wait_for_url(re.compile(r"/dot/cum-1-2020\?tai-len=1$"))
    assert page.locator("#bang-loi tbody tr").count() == 1
    both_widths(page, "16-bang-loi")
    page.goto(server.url)
    wrong = tmp_path / "du-lieu.xlsx"
    wrong.write_bytes(PHOTOS[0].read_bytes())  # a photo named as a workbook
    upload(page, wrong, campaign="cum-khac")
    page.wait_for_selector("#loi-tai-len")
    assert page.evaluate("() => document.activeElement.id") == "loi-tai-len"
    both_widths(page, "17-tep-sai")


@pytest.mark.usefixtures("soffice")
def test_pdfs_and_previews_are_ready_a_few_seconds_after_the_build(browser, tmp_path):
    background = Background()
    running = Server(tmp_path, background=background)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(running.url)
        upload(page, SAMPLE / "du-lieu.xlsx", PHOTOS, campaign="cum-1-2020")
        page.wait_for_url(re.compile(r"/dot/cum-1-2020"))
        assert page.is_visible("#dang-tao-pdf") or background.wait(0)
        assert background.wait(300)
        folder = running.outputs / "cum-1-2020"
        assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(p.stem for p in folder.glob("*.docx"))
        start = time.monotonic()
        page.click("#van-ban tr:has-text('Biên bản họp cụm') >> text=xem trang")
        page.wait_for_selector("img.trang")
        assert time.monotonic() - start < 1.0
        page.go_back()
        page.reload()
        assert page.locator("#dang-tao-pdf").count() == 0
        with page.expect_download() as waiting:  # every PDF at once
            page.click("#tai-pdf")
        assert waiting.value.suggested_filename == "cum-1-2020-pdf.zip"
        saved = tmp_path / "pdf.zip"
        waiting.value.save_as(saved)
        with zipfile.ZipFile(saved) as archive:
            names = archive.namelist()
        assert len(names) == 12 and all(n.endswith(".pdf") for n in names)
    finally:
        background.stop()
        context.close()
        running.stop()


def test_a_preview_link_says_it_is_working_while_the_server_draws_the_pages(server, page):
    page.goto(server.url)
    upload(page, SAMPLE / "du-lieu.xlsx", campaign="cum-1-2020")
    page.wait_for_url(re.compile(r"/dot/cum-1-2020"))
    # the link held back here, so that the page can be read before the server answers
    page.evaluate("() => document.addEventListener('click', e => e.preventDefault())")
    link = page.locator("#van-ban a:has-text('xem trang')").first
    link.click()
    assert link.inner_text() == "xem trang – đang tạo…"
    assert link.get_attribute("aria-busy") == "true"
    assert page.inner_text("#dang-cho") == "Đang tạo… Lần đầu có thể mất vài giây."
