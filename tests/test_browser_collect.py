"""Self-scores collected, as staff and units use it: Debian's chromium through Playwright.

Staff drop five returned forms at once; a unit opens its link, downloads its form, fills
it (openpyxl), sends a wrong one then the right one; a unit answers from a phone (390 px);
the leader's table and the documents follow; replaced and expired links are refused; a
link reaches nothing else; twenty units answer at once. Screenshots go to
$VANBAN_SCREENSHOTS when set. The seconds from a unit's upload to its state on the leader's
page are printed (run with -s to see them).
"""

from __future__ import annotations

import html
import io
import re
import shutil
import socket
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from pipeline import runner
from pipeline.collect import arrivals, check
from pipeline.web import create_app

from .conftest import SAMPLE
from .test_browser import browser, shot  # noqa: F401  (the module's chromium fixture)
from .test_collect import LEAVES, ROWS, filled

pytestmark = pytest.mark.slow  # a real browser
PHONE = {"width": 390, "height": 844}


class Server:
    """The app under uvicorn on a free loopback port, reachable by the units at its own
    address (VANBAN_PUBLIC_URL), optionally behind a password."""

    def __init__(self, root: Path, monkeypatch, password: str | None = None):
        import uvicorn

        self.inputs, self.outputs = root / "inputs", root / "outputs"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        monkeypatch.setenv("VANBAN_PUBLIC_URL", self.url)
        monkeypatch.delenv("VANBAN_STATE", raising=False)
        self.app = create_app(self.inputs, self.outputs, password=password)
        self.collect = self.app.state.collect
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        end = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < end, "the server did not start"
            time.sleep(0.05)

    def link(self, unit: str, campaign: str = "cum-1-2020") -> str:
        return self.collect.link(campaign, unit)

    def stop(self):
        self.collect.rebuilds.wait()
        self.server.should_exit = True
        self.thread.join(timeout=20)


def early_campaign(inputs: Path, blank_units=("PL", "VH", "DG", "GB", "PD"), name: str = "cum-1-2020") -> Path:
    """The sample as it is at self-scoring time: `Tự chấm` blank for `blank_units`."""
    folder = inputs / name
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / "du-lieu.xlsx")
    ws = book["Chấm điểm"]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value in blank_units:
            ws.cell(row, 3).value = None
    book.save(folder / "du-lieu.xlsx")
    return folder


def edited(data: bytes, edits: dict) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for cell, value in edits.items():
        book["Tự chấm"][cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):  # noqa: F811
    context = browser.new_context(
        accept_downloads=True, viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def score(code: str) -> str:
    """The score-entry field of a criterion."""
    return f"[name='diem-{code}']"


def states(page) -> dict[str, str]:
    rows = page.locator("#bang-don-vi tbody tr")
    return {
        rows.nth(i).locator("td").first.inner_text(): rows.nth(i)
        .locator("td.trang-thai-nop")
        .inner_text()
        .split("\n")[0]
        for i in range(rows.count())
    }


def test_staff_drop_five_forms_at_once_each_checked_and_marked(page, tmp_path, monkeypatch):
    early_campaign(tmp_path / "inputs")
    server = Server(tmp_path, monkeypatch)
    try:
        server.collect.rebuild("cum-1-2020")  # as after staff uploaded the workbook
        basis = check.basis(server.inputs / "cum-1-2020")
        sent = tmp_path / "zalo"
        sent.mkdir()
        forms = {  # file names say nothing: each is recognised by what it contains
            "IMG_2041.xlsx": filled(basis, unit="VH"),
            "tu cham (2).xlsx": filled(basis, unit="DG", scores={c: 4 for c in LEAVES}),
            "bieu-cum-khac.xlsx": filled(basis, unit="GB", name="cum-3-2020"),
            "nam-ngoai.xlsx": filled(basis, unit="PL", year=2019),
            "qua-diem.xlsx": edited(filled(basis, unit="PD"), {"D13": 12}),
        }
        for name, data in forms.items():
            (sent / name).write_bytes(data)
        page.goto(f"{server.url}/dot/cum-1-2020")
        assert states(page) == dict.fromkeys(("PL", "VH", "DG", "GB", "PD"), "chưa gửi")
        assert "biểu tự chấm của các đơn vị chưa gửi" in page.inner_text("#cho-so-lieu")
        assert page.inner_text("#trang-thai") == "chờ số liệu"
        assert page.locator("#bang-loi").count() == 0  # no error table, no old-version banner
        page.set_input_files("#tha-bieu", [str(sent / n) for n in forms])
        page.click("#nut-tha")
        page.wait_for_url(re.compile(r"/dot/cum-1-2020\?tha=\w+#nop$"))
        results = page.locator("#ket-qua-tha li").all_inner_texts()
        assert results == [
            "IMG_2041.xlsx: đã nhận biểu của đơn vị VH, tổng tự chấm 42",
            "tu cham (2).xlsx: đã nhận biểu của đơn vị DG, tổng tự chấm 56",
            'bieu-cum-khac.xlsx: không nhận (đơn vị GB): ô D3: biểu này là của đợt "cum-3-2020", '
            'không phải của đợt "cum-1-2020": hãy gửi biểu tự chấm của đợt này.',
            "nam-ngoai.xlsx: không nhận (đơn vị PL): ô D2: biểu này là của năm 2019, không phải "
            "năm 2020 của đợt này: hãy gửi biểu tự chấm năm 2020.",
            "qua-diem.xlsx: không nhận (đơn vị PD): ô D13: điểm 12 nằm ngoài khoảng 0 đến điểm "
            "tối đa 8 của tiêu chí 3.1.",
        ]
        got = states(page)
        assert got["PL"] == got["GB"] == got["PD"] == "có lỗi"
        assert got["VH"].startswith("đã gửi lúc ") and got["DG"].startswith("đã gửi lúc ")
        assert page.inner_text("#don-vi-DG td.tong") == "56"
        assert "ô D13: điểm 12 nằm ngoài" in page.inner_text("#don-vi-PD td.loi-bieu")
        shot(page, "nop-1-tha-nam-bieu")
        page.set_viewport_size(PHONE)  # the leader checks from a phone too
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        shot(page, "nop-1b-tha-nam-bieu-dien-thoai")
        stored = sorted(p.name for p in (server.inputs / "cum-1-2020" / "tu-cham").iterdir())
        assert stored == ["bieu-tu-cham-dg.xlsx", "bieu-tu-cham-vh.xlsx"]  # nothing of the rest
        assert not (server.inputs / "cum-1-2020" / ".truoc").exists()
    finally:
        server.stop()


def test_a_unit_downloads_fills_sends_a_wrong_form_then_the_right_one(
    page,
    browser,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    early_campaign(tmp_path / "inputs")
    server = Server(tmp_path, monkeypatch)
    unit = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{server.url}/dot/cum-1-2020")
        link = page.input_value("#don-vi-PL td.lien-ket input")
        assert link == server.link("PL") and link.startswith(f"{server.url}/nop/cum-1-2020/PL/")
        shot(page, "nop-2-bang-don-vi-co-duong-dan")
        mine = unit.new_page()
        mine.goto(link)
        assert mine.inner_text("#ten-don-vi") == "UBND phường Phúc Lợi"
        assert "công tác văn thư, lưu trữ năm 2020" in mine.inner_text("main")
        with mine.expect_download() as waiting:
            mine.click("#tai-bieu")
        assert waiting.value.suggested_filename == "bieu-tu-cham-pl.xlsx"
        form = tmp_path / "bieu-tu-cham-pl.xlsx"
        waiting.value.save_as(form)
        book = openpyxl.load_workbook(form)
        ws = book["Tự chấm"]
        for code, row in ROWS.items():
            ws.cell(row, 4).value = 5 if code != "2.1" else 9.5
        ws["D7"], ws["D13"], ws["D26"] = 12, "tám", None
        wrong = tmp_path / "sai.xlsx"
        book.save(wrong)
        mine.set_input_files("#bieu", str(wrong))
        mine.click("#nut-gui-tep")
        mine.wait_for_load_state()
        mine.wait_for_selector("#bang-loi-nop")
        rows = [r.locator("td").all_inner_texts() for r in mine.locator("#bang-loi-nop tbody tr").all()]
        assert rows == [
            ["D7", "điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.1."],
            ["D13", '"tám" không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 9,5).'],
            ["D26", "chưa ghi điểm tự chấm của tiêu chí 7.2."],
        ]
        shot(mine, "nop-3-don-vi-gui-bieu-sai")
        page.reload()
        assert states(page)["PL"] == "có lỗi"
        ws["D7"], ws["D13"], ws["D26"] = 4, 7.5, 5
        book.save(form)
        mine.set_input_files("#bieu", str(form))
        started = time.monotonic()
        mine.click("#nut-gui-tep")
        mine.wait_for_selector("#tong-diem")
        while not states(page)["PL"].startswith("đã gửi lúc"):
            assert time.monotonic() - started < 30
            page.reload()
        seen = time.monotonic() - started
        print(f"\nfrom a unit's upload to its state on the leader's page: {seen:.2f} s")
        expected = 4 + 5 + 9.5 + 5 + 7.5 + 5 + 5 + 5 + 5 + 5 + 5 + 5 + 5 + 5
        assert mine.inner_text("#tong-diem") == f"{expected:g}".replace(".", ",")
        assert mine.locator("#diem-da-nhan tbody tr").count() == 14
        shot(mine, "nop-4-don-vi-da-nhan")
        assert page.inner_text("#don-vi-PL td.tong") == f"{expected:g}".replace(".", ",")
        assert "đơn vị gửi tệp qua đường dẫn" in page.inner_text("#don-vi-PL")
        logged = [a for a in arrivals.read(server.collect.state, "cum-1-2020")]
        assert [(a.unit, a.accepted, a.via, a.client) for a in logged] == [
            ("PL", False, "link", "127.0.0.1"),
            ("PL", True, "link", "127.0.0.1"),
        ]
        assert (server.inputs / "cum-1-2020" / "tu-cham" / "bieu-tu-cham-pl.xlsx").read_bytes() == form.read_bytes()
    finally:
        unit.close()
        server.stop()


def test_a_unit_answers_from_a_phone_through_the_score_entry_form(phone, page, tmp_path, monkeypatch):
    early_campaign(tmp_path / "inputs")
    server = Server(tmp_path, monkeypatch)
    try:
        phone.goto(server.link("VH"))
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(phone, "nop-5-dien-thoai-trang-don-vi")
        for code in LEAVES:
            phone.fill(score(code), "3")
        phone.fill(score("1.1"), "7")  # over the maximum 5
        phone.fill(score("2.1"), "")
        phone.click("#nut-gui-diem")
        phone.wait_for_selector("#bang-loi-nop")
        rows = [r.locator("td").all_inner_texts() for r in phone.locator("#bang-loi-nop tbody tr").all()]
        assert rows == [
            ["Tiêu chí 1.1", "điểm 7 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.1."],
            ["Tiêu chí 2.1", "chưa ghi điểm tự chấm của tiêu chí 2.1."],
        ]
        assert phone.input_value(score("1.2")) == "3"  # what was typed stays
        shot(phone, "nop-6-dien-thoai-loi")
        phone.fill(score("1.1"), "4,5")
        phone.fill(score("2.1"), "9")
        phone.fill("input[name='ghi-chu-2.1']", "Có sổ theo dõi")
        phone.click("#nut-gui-diem")
        assert phone.inner_text("#tong-diem") == "49,5"  # 4,5 + 9 + 12 × 3
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(phone, "nop-7-dien-thoai-da-nhan")
        saved = openpyxl.load_workbook(server.inputs / "cum-1-2020" / "tu-cham" / "bieu-tu-cham-vh.xlsx")["Tự chấm"]
        assert saved["D7"].value == 4.5 and saved["E10"].value == "Có sổ theo dõi"
        page.goto(f"{server.url}/dot/cum-1-2020")
        assert "đơn vị nhập điểm qua đường dẫn" in page.inner_text("#don-vi-VH")
    finally:
        server.stop()


def test_the_last_unit_sends_and_the_documents_are_made(page, tmp_path, monkeypatch):
    early_campaign(tmp_path / "inputs", blank_units=("PD",))
    server = Server(tmp_path, monkeypatch)
    try:
        server.collect.rebuild("cum-1-2020")
        page.goto(f"{server.url}/dot/cum-1-2020")
        assert page.inner_text("#trang-thai") == "chờ số liệu"
        # Only what does not need the scores is made while they come in.
        rows = page.locator("#van-ban tbody tr td:first-child").all_inner_texts()
        assert rows == [
            "Kế hoạch kiểm tra chéo",
            "Quyết định khen thưởng",
            "Giấy khen in trên phôi",
            "Giấy khen – bản in thử có khung",
        ]
        assert states(page) == {
            "PL": "đã có điểm trong bảng tính",
            "VH": "đã có điểm trong bảng tính",
            "DG": "đã có điểm trong bảng tính",
            "GB": "đã có điểm trong bảng tính",
            "PD": "chưa gửi",
        }
        assert page.inner_text("#nop-tom-tat").startswith("Đã có điểm tự chấm của 4/5 đơn vị.")
        page.goto(f"file://{server.outputs / 'index.html'}")
        assert "chờ số liệu" in page.inner_text("#dot-cum-1-2020")
        unit = page.context.browser.new_context(viewport=PHONE)
        mine = unit.new_page()
        mine.goto(server.link("PD"))
        for code in LEAVES:
            mine.fill(score(code), "5")
        mine.click("#nut-gui-diem")
        assert mine.inner_text("#tong-diem") == "70"
        unit.close()
        assert server.collect.rebuilds.wait(120)
        page.goto(f"{server.url}/dot/cum-1-2020")
        assert page.inner_text("#trang-thai") in ("đã tạo", "có cảnh báo")
        assert page.locator("#van-ban tbody tr").count() == 12  # one row per document (its .docx, PDF and preview)
        assert states(page)["PD"].startswith("đã gửi lúc")
        shot(page, "nop-8-du-bieu-da-tao-van-ban")
        page.goto(f"file://{server.outputs / 'index.html'}")
        assert "chờ số liệu" not in page.inner_text("#dot-cum-1-2020")
        assert "13 tệp" in page.inner_text("#dot-cum-1-2020") or page.locator("#dot-cum-1-2020 a").count() >= 13
    finally:
        server.stop()


def test_replaced_and_expired_links_are_refused(page, tmp_path, monkeypatch):
    early_campaign(tmp_path / "inputs")
    server = Server(tmp_path, monkeypatch)
    try:
        old = server.link("PL")
        page.goto(f"{server.url}/dot/cum-1-2020")
        page.click("#don-vi-PL td.lien-ket button")
        page.wait_for_url(re.compile(r"thay=PL#don-vi-PL$"))
        new = page.input_value("#don-vi-PL td.lien-ket input")
        assert new != old and new == server.link("PL")
        answer = page.goto(old)
        assert answer.status == 404 and "đã được thay" in page.inner_text("#thong-bao")
        shot(page, "nop-9-duong-dan-cu")
        assert page.goto(new).status == 200
        page.goto(f"{server.url}/dot/cum-1-2020")
        past = (datetime.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        page.fill("#han", past)
        page.click("form.han button[type=submit]:not([name])")
        page.wait_for_url(re.compile(r"#nop$"))
        assert "(đã hết hạn)" in page.inner_text("#nop-tom-tat")
        answer = page.goto(new)
        assert answer.status == 200 and "Đã hết hạn gửi biểu tự chấm" in page.inner_text("#het-han")
        assert page.locator("#bieu").count() == 0 and page.locator("#nut-gui-diem").count() == 0
        shot(page, "nop-10-het-han")
    finally:
        server.stop()


def test_a_units_link_opens_nothing_else(browser, tmp_path, monkeypatch):  # noqa: F811
    from playwright.sync_api import Error as PlaywrightError

    early_campaign(tmp_path / "inputs")
    server = Server(tmp_path, monkeypatch, password="mat-khau-cum")
    runner.build_and_record(server.inputs / "cum-1-2020", server.outputs)
    unit = browser.new_context()
    try:
        mine = unit.new_page()
        link = server.link("PL")
        assert mine.goto(link).status == 200  # no password for the unit's own page
        other = server.link("VH")
        secret = link.rsplit("/", 1)[1]
        for url in (
            other.rsplit("/", 1)[0] + "/" + secret,  # VH's page with PL's secret
            f"{link}/../../VH/{secret}",
            f"{server.url}/nop/cum-1-2020/VH",
        ):
            assert mine.goto(url).status == 404, url
            assert "Đường dẫn không đúng" in mine.inner_text("#thong-bao") or "Not Found" in mine.content()
        for url in (
            f"{server.url}/",
            f"{server.url}/dot/cum-1-2020",
            f"{server.url}/dot/cum-1-2020/tep/LOI.txt",
            f"{server.url}/dot/cum-1-2020/nop/duong-dan.xlsx",
        ):
            # headless chromium turns the password prompt into a navigation error
            fresh = unit.new_page()
            with pytest.raises(PlaywrightError, match="ERR_INVALID_AUTH_CREDENTIALS"):
                fresh.goto(url)
            fresh.close()
            assert unit.request.get(url).status == 401, url
        mine.goto(link)
        text = html.unescape(mine.content())
        assert "Việt Hưng" not in text and other not in text
    finally:
        unit.close()
        server.stop()


def test_twenty_units_answer_at_once_and_all_land(page, tmp_path, monkeypatch):
    folder = early_campaign(tmp_path / "inputs")
    book = openpyxl.load_workbook(folder / "du-lieu.xlsx")
    for n in range(1, 16):
        book["Đơn vị"].append([f"X{n:02d}", f"UBND xã Thử {n}", f"Thử {n}"])
    book.save(folder / "du-lieu.xlsx")
    server = Server(tmp_path, monkeypatch)
    try:
        units = ["PL", "VH", "DG", "GB", "PD"] + [f"X{n:02d}" for n in range(1, 16)]
        targets = [server.link(u).removeprefix(server.url) + "/nhap" for u in units]
        page.goto(server.link("PL"))  # same origin for the requests
        codes = page.evaluate(
            """async ([targets, leaves]) => {
            const answers = await Promise.all(targets.map((target, i) => {
                const body = new FormData();
                for (const code of leaves) body.append('diem-' + code, String((i % 5) + 1));
                return fetch(target, {method: 'POST', body});
            }));
            return answers.map(a => a.status);
        }""",
            [targets, LEAVES],
        )
        assert codes == [200] * 20
        logged = arrivals.read(server.collect.state, "cum-1-2020")
        assert sorted(a.unit for a in logged if a.accepted) == sorted(units)
        stored = sorted(p.name for p in (folder / "tu-cham").iterdir())
        assert stored == sorted(f"bieu-tu-cham-{u.lower()}.xlsx" for u in units)
        page.goto(f"{server.url}/dot/cum-1-2020")
        assert all(s.startswith("đã gửi lúc") for s in states(page).values())
        assert page.inner_text("#nop-tom-tat").startswith("Đã có điểm tự chấm của 20/20 đơn vị.")
        assert page.inner_text("#don-vi-X03 td.tong") == str(14 * ((7 % 5) + 1))
    finally:
        server.stop()
