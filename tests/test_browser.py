"""The web page as a person uses it: Debian's chromium, headless, driven by Playwright.

The browser is the system's (/usr/bin/chromium); Playwright never downloads one.
These tests skip where chromium or Playwright is missing, unless REQUIRE_BROWSER=1
(set by .ci/run) makes that a failure. Screenshots go to $VANBAN_SCREENSHOTS when set.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline import runner
from pipeline.web import create_app

from .conftest import SAMPLE, edit_workbook
from .docx_tools import plain

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.slow  # a real browser


def _missing(why: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{why}, but REQUIRE_BROWSER=1 requires the browser tests to run")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright (pip install -e '.[test]') is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Server:
    """The app under uvicorn on a free loopback port, in a thread, stopped by the test."""

    def __init__(self, root: Path, build=None, background=None):
        import uvicorn

        self.inputs, self.outputs = root / "inputs", root / "outputs"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        app = create_app(self.inputs, self.outputs, build=build, background=background)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        end = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < end, "the server did not start"
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900}, locale="vi-VN")
    yield context.new_page()
    context.close()


def shot(page, name: str) -> None:
    folder = os.environ.get("VANBAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def upload(page, workbook: Path, photos=(), campaign: str | None = None, submit=True):
    if campaign is not None:
        page.fill("#dot", campaign)
    page.set_input_files("#du_lieu", str(workbook))
    if photos:
        page.set_input_files("#anh", [str(p) for p in photos])
    if submit:
        page.click("button[type=submit]")


PHOTOS = sorted((SAMPLE / "anh").iterdir())
# The sample's documents as the campaign's page lists them: in the order of the work.
TITLES = [
    "Kế hoạch kiểm tra chéo",
    "Biên bản kiểm tra – UBND phường Phúc Lợi",
    "Biên bản kiểm tra – UBND phường Việt Hưng",
    "Biên bản kiểm tra – UBND phường Đức Giang",
    "Biên bản kiểm tra – UBND phường Giang Biên",
    "Biên bản kiểm tra – UBND phường Phúc Đồng",
    "Biên bản họp cụm",
    "Tờ trình đề nghị khen thưởng",
    "Quyết định khen thưởng",
    "Giấy khen in trên phôi",
    "Giấy khen – bản in thử có khung",
    "Tin bài cho cổng thông tin (và bản trang web)",
]


def test_upload_the_sample_see_the_documents_download_the_zip_open_a_docx(server, page, tmp_path):
    page.goto(server.url)
    assert page.inner_text("h1") == "Các đợt thi đua"
    shot(page, "1-trang-dau-trong")
    upload(page, SAMPLE / "du-lieu.xlsx", PHOTOS, campaign="Cụm 2 – 2021")
    page.wait_for_url(re.compile(r"/dot/cum-2-2021\?tai-len=4$"))
    assert page.inner_text("#vua-tai-len") == "Đã nhận 4 tệp và tạo lại văn bản."
    assert page.inner_text("#trang-thai") == "đã tạo"
    listed = page.locator("#van-ban tbody tr td:first-child").all_inner_texts()
    written = sorted(p.name for p in (server.outputs / "cum-2-2021").iterdir() if p.suffix in (".docx", ".html"))
    assert listed == TITLES and len(written) == 13
    shot(page, "2-dot-da-tao")

    with page.expect_download() as waiting:
        page.click("#tai-zip")
    saved = tmp_path / "dot.zip"
    waiting.value.save_as(saved)
    assert waiting.value.suggested_filename == "cum-2-2021.zip"
    with zipfile.ZipFile(saved) as archive:
        assert sorted(archive.namelist()) == written
        minutes = docx.Document(io.BytesIO(archive.read("bien-ban-hop-cum.docx")))
    text = "\n".join(plain(p.text) for p in minutes.paragraphs)
    assert "BIÊN BẢN" in text and "Phúc Lợi" in text

    page.goto(server.url)
    row = page.inner_text("#dot-cum-2-2021")
    assert "cum-2-2021" in row and "đã tạo" in row and "12 văn bản" in row
    assert "Cụm thi đua số 1 – công tác văn thư, lưu trữ – 2020" in row
    shot(page, "3-trang-dau-mot-dot")


def test_a_bad_workbook_shows_the_row_of_its_error_and_keeps_the_documents(server, page, tmp_path):
    page.goto(server.url)
    upload(page, SAMPLE / "du-lieu.xlsx", PHOTOS, campaign="cum-1-2020")
    page.wait_for_url(re.compile(r"/dot/cum-1-2020"))
    before = {p.name: p.read_bytes() for p in (server.outputs / "cum-1-2020").glob("*.docx")}
    bad = tmp_path / "du-lieu.xlsx"
    shutil.copy(SAMPLE / "du-lieu.xlsx", bad)
    edit_workbook(bad, {("Chấm điểm", "D14"): 12})
    upload(page, bad)  # the campaign's own page: the campaign is already chosen
    page.wait_for_url(re.compile(r"/dot/cum-1-2020\?tai-len=1$"))
    assert "dữ liệu còn lỗi" in page.inner_text("#vua-tai-len")
    cells = page.locator("#bang-loi tbody tr").first.locator("td").all_inner_texts()
    assert cells == [
        "du-lieu.xlsx",
        "Chấm điểm",
        "14",
        "Cụm chấm",
        "D14",
        "điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 7.1.",
    ]
    assert page.locator("#van-ban tbody tr").count() == 12  # the last good documents
    shot(page, "4-dot-co-loi")
    after = {p.name: p.read_bytes() for p in (server.outputs / "cum-1-2020").glob("*.docx")}
    assert after.keys() == before.keys()
    # The error holds back what needs the scores, kept byte for byte; the plan, the
    # decision and the certificates do not need them and are written again.
    held = {name for name in before if name.startswith(("bien-ban-", "to-trinh", "tin-bai"))}
    assert len(held) == 8, sorted(before)
    assert {name: after[name] for name in held} == {name: before[name] for name in held}
    page.goto(server.url)
    assert "có lỗi" in page.inner_text("#dot-cum-1-2020")
    page.goto(f"file://{server.outputs / 'index.html'}")  # the offline listing
    assert "có lỗi" in page.inner_text("#dot-cum-1-2020")
    shot(page, "5-index-html-ngoai-tuyen")


def test_a_wrong_file_is_refused_on_the_page(server, page, tmp_path):
    page.goto(server.url)
    wrong = tmp_path / "du-lieu.xlsx"
    wrong.write_bytes(PHOTOS[0].read_bytes())
    upload(page, wrong, campaign="cum-1-2020")
    assert "nội dung không phải bảng tính Excel (.xlsx)" in page.inner_text("#loi-tai-len")
    assert page.input_value("#dot") == "cum-1-2020"
    shot(page, "6-tep-sai")
    assert not (server.inputs / "cum-1-2020").exists()


def test_two_uploads_at_once_are_both_served_one_after_the_other(browser, tmp_path):
    running, overlapped = [0], [False]
    lock = threading.Lock()

    def watched_build(folder, outputs, **kw):
        with lock:
            running[0] += 1
            overlapped[0] |= running[0] > 1
        try:
            time.sleep(0.3)  # widen the window two builds could share
            return runner.build_and_record(folder, outputs, **kw)
        finally:
            with lock:
                running[0] -= 1

    server = Server(tmp_path, build=watched_build)
    resaved = tmp_path / "resaved" / "du-lieu.xlsx"  # same data, other bytes
    resaved.parent.mkdir()
    shutil.copy(SAMPLE / "du-lieu.xlsx", resaved)
    edit_workbook(resaved, {})
    contexts = [browser.new_context() for _ in range(2)]
    try:
        pages = [c.new_page() for c in contexts]
        for p, workbook in zip(pages, (SAMPLE / "du-lieu.xlsx", resaved)):
            p.goto(server.url)
            upload(p, workbook, PHOTOS, campaign="cum-doi", submit=False)
        for p in pages:  # both sent before either answer
            p.click("button[type=submit]", no_wait_after=True)
        for p in pages:
            p.wait_for_url(re.compile(r"/dot/cum-doi\?tai-len=4$"), timeout=60_000)
            assert p.inner_text("#vua-tai-len") == "Đã nhận 4 tệp và tạo lại văn bản."
            assert p.locator("#van-ban tbody tr").count() == 12
    finally:
        for c in contexts:
            c.close()
        server.stop()
    assert not overlapped[0]
    folder = server.inputs / "cum-doi"
    kept = list((folder / ".truoc").iterdir())
    assert len(kept) == 1  # the first workbook, kept when the second replaced it
    assert {kept[0].read_bytes(), (folder / "du-lieu.xlsx").read_bytes()} == {
        (SAMPLE / "du-lieu.xlsx").read_bytes(),
        resaved.read_bytes(),
    }


def test_page_images_of_a_document(server, page, soffice):
    page.goto(server.url)
    upload(page, SAMPLE / "du-lieu.xlsx", PHOTOS, campaign="cum-1-2020")
    page.wait_for_url(re.compile(r"/dot/cum-1-2020"))
    page.click("#van-ban tr:has-text('Tờ trình đề nghị khen thưởng') >> text=xem trang")
    page.wait_for_url(re.compile(r"/xem/to-trinh-khen-thuong.docx$"), timeout=120_000)
    assert page.inner_text("h1") == "Tờ trình đề nghị khen thưởng"  # its title, not its file
    images = page.locator("img.trang")
    assert images.count() >= 2
    page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert images.first.evaluate("i => i.naturalWidth") > 600  # A4 at 90 dpi: 744 px
    shot(page, "7-xem-trang")
