"""The web page without a browser: uploads, their limits and names, downloads, guards."""

from __future__ import annotations

import base64
import io
import re
import threading
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from pipeline import listing, runner, status
from pipeline.cli import main
from pipeline.web import create_app, is_loopback, serve, uploads

from .conftest import SAMPLE, edit_workbook

pytestmark = pytest.mark.slow  # builds and serves whole campaigns

WORKBOOK = (SAMPLE / "du-lieu.xlsx").read_bytes()
PHOTOS = sorted((SAMPLE / "anh").iterdir())


@pytest.fixture
def site(tmp_path):
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    client = TestClient(create_app(inputs, outputs), follow_redirects=False)
    return client, inputs, outputs


def send(client, campaign="cum-1-2020", workbook=WORKBOOK, photos=PHOTOS, forms=(), **kw):
    files = []
    if workbook is not None:
        files.append(("du_lieu", ("du-lieu.xlsx", workbook, "application/octet-stream")))
    files += [("anh", (p.name, p.read_bytes(), "image/jpeg")) if isinstance(p, Path) else ("anh", p) for p in photos]
    files += [("tu_cham", f) for f in forms]
    return client.post("/tai-len", data={"dot": campaign}, files=files, **kw)


def documents(outputs: Path, campaign: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (outputs / campaign).glob("*.docx")}


def test_upload_builds_and_lists_the_documents(site):
    client, inputs, outputs = site
    answer = send(client, "Cụm 2 – 2021")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/dot/cum-2-2021?tai-len=4"
    assert (inputs / "cum-2-2021" / "du-lieu.xlsx").read_bytes() == WORKBOOK
    assert sorted(p.name for p in (inputs / "cum-2-2021" / "anh").iterdir()) == [p.name for p in PHOTOS]
    assert len(documents(outputs, "cum-2-2021")) == 12
    page = client.get(answer.headers["location"]).text
    assert "Đã nhận 4 tệp và tạo lại văn bản." in page
    for name in documents(outputs, "cum-2-2021"):
        assert f'href="/dot/cum-2-2021/tep/{name}"' in page
        assert f'href="/dot/cum-2-2021/pdf/{name}"' in page
    assert 'href="/dot/cum-2-2021/tep/tin-bai.html"' in page
    home = client.get("/").text
    assert re.search(r'<tr id="dot-cum-2-2021">.*?đã tạo.*?12 văn bản', home, re.S)
    assert "đã tạo" in (outputs / "index.html").read_text(encoding="utf-8")
    mode = (inputs / "cum-2-2021" / "du-lieu.xlsx").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044 & ~_umask()  # readable by others as the umask allows


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_new_workbook_keeps_the_previous_one_and_a_bad_one_keeps_the_documents(site, tmp_path):
    client, inputs, outputs = site
    assert send(client).status_code == 303
    good = documents(outputs, "cum-1-2020")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(WORKBOOK)
    edit_workbook(bad, {("Chấm điểm", "D14"): 12})
    answer = send(client, workbook=bad.read_bytes(), photos=())
    assert answer.status_code == 303
    kept = list((inputs / "cum-1-2020" / ".truoc").iterdir())
    assert len(kept) == 1 and re.fullmatch(r"du-lieu-\d{8}-\d{6}\.xlsx", kept[0].name)
    assert kept[0].read_bytes() == WORKBOOK
    now = documents(outputs, "cum-1-2020")
    # what prints the scores keeps its last good version; what does not (the plan, the
    # decision, its certificates) is built from the new workbook
    rebuilt = {"ke-hoach.docx", "quyet-dinh-khen-thuong.docx", "giay-khen.docx", "giay-khen-in-thu.docx"}
    assert {n: v for n, v in now.items() if n not in rebuilt} == {n: v for n, v in good.items() if n not in rebuilt}
    assert set(now) == set(good)
    page = client.get(answer.headers["location"]).text
    assert "dữ liệu còn lỗi" in page
    assert "chưa tạo biên bản kiểm tra tại từng đơn vị, biên bản họp cụm" in page
    rows = re.findall(
        r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>"
        r"<td>(.*?)</td></tr>",
        page,
    )
    assert rows == [
        (
            "du-lieu.xlsx",
            "Chấm điểm",
            "14",
            "Cụm chấm",
            "D14",
            "điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 7.1.",
        )
    ]
    assert "BẢN CŨ – dữ liệu mới có lỗi, chưa tạo lại" in page and 'class="ban-cu"' in page

    assert send(client, photos=()).status_code == 303  # the good one again: built again
    assert len(list((inputs / "cum-1-2020" / ".truoc").iterdir())) == 2
    assert not (outputs / "cum-1-2020" / "LOI.txt").exists()


@pytest.mark.parametrize(
    "field, name, data, message",
    [
        ("du_lieu", "du-lieu.xls", b"\xd0\xcf\x11\xe0old excel", "chỉ nhận tệp .xlsx"),
        ("du_lieu", "du-lieu.xlsx", b"\xff\xd8\xff not a workbook", "không phải bảng tính Excel"),
        ("du_lieu", "du-lieu.xlsx", b"", "tệp rỗng"),
        ("anh", "anh.gif", b"GIF89a", "chỉ nhận tệp .jpg, .jpeg, .png"),
        ("anh", "anh.jpg", b"PK\x03\x04", "không phải ảnh JPEG"),
        ("anh", "~$anh.jpg", b"\xff\xd8\xff", "tên tệp chỉ nên gồm"),
        ("anh", "a;b.jpg", b"\xff\xd8\xff", "tên tệp chỉ nên gồm"),
        ("tu_cham", "bieu.exe", b"MZ", "chỉ nhận tệp .xlsx"),
    ],
)
def test_only_the_expected_files_are_accepted(site, field, name, data, message):
    client, inputs, outputs = site
    answer = client.post(
        "/tai-len",
        data={"dot": "cum-1-2020"},
        files=[("du_lieu", ("du-lieu.xlsx", WORKBOOK))] * (field != "du_lieu") + [(field, (name, data))],
    )
    assert answer.status_code == 400
    assert message in answer.text and 'id="loi-tai-len"' in answer.text
    assert not (inputs / "cum-1-2020").exists() and not outputs.exists()


def test_names_never_leave_inputs(site):
    client, inputs, outputs = site
    photo = PHOTOS[0].read_bytes()
    answer = send(client, "../../etc", photos=[("../../../evil.jpg", photo), ("..\\..\\win.jpg", photo)])
    assert answer.headers["location"] == "/dot/etc?tai-len=3"
    assert sorted(p.name for p in (inputs / "etc" / "anh").iterdir()) == ["evil.jpg", "win.jpg"]
    assert sorted(p.name for p in inputs.parent.iterdir()) == ["inputs", "outputs"]
    for url in (
        "/dot/..%2F..%2Fetc",
        "/dot/.hidden",
        "/dot/etc/tep/..%2F..%2Finputs%2Fetc%2Fdu-lieu.xlsx",
        "/dot/etc/tep/.vanban-manifest.json",
        "/dot/khong-co",
        "/dot/etc/xem/ke-hoach.docx/..%2F..%2Fke-hoach.docx",
    ):
        answer = client.get(url)
        assert answer.status_code == 404, url
    assert "Không có đợt thi đua khong-co." in client.get("/dot/khong-co").text
    for typed in ("", "   ", "///", "ạ" * 70):
        answer = send(client, typed)
        assert answer.status_code == 400, typed
    assert uploads.campaign_slug("Cụm Đông Anh – 2021") == "cum-dong-anh-2021"


def test_a_campaign_needs_a_workbook_and_one_upload_one_workbook(site):
    client, inputs, _ = site
    answer = send(client, workbook=None)
    assert answer.status_code == 400
    assert "Đợt cum-1-2020 chưa có bảng tính" in answer.text
    two = client.post(
        "/tai-len",
        data={"dot": "cum-1-2020"},
        files=[("du_lieu", ("a.xlsx", WORKBOOK)), ("du_lieu", ("b.xlsx", WORKBOOK))],
    )
    assert two.status_code == 400 and "Mỗi lần chỉ tải lên một bảng tính" in two.text
    assert not (inputs / "cum-1-2020").exists()
    assert send(client, workbook=None, photos=[]).status_code == 400


def test_uploads_are_size_limited(tmp_path):
    inputs = tmp_path / "inputs"
    client = TestClient(create_app(inputs, tmp_path / "outputs", limit=1024 * 1024))
    big = b"\xff\xd8\xff" + b"\0" * (1024 * 1024)
    answer = send(client, photos=[("to.jpg", big)])
    assert answer.status_code == 413
    assert "Tệp tải lên quá lớn: mỗi lần tối đa 1 MB." in answer.text
    assert list(inputs.iterdir()) == []

    def chunks():  # no Content-Length: counted as it arrives
        yield b"x" * (600 * 1024)
        yield b"x" * (600 * 1024)

    answer = client.post("/tai-len", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert answer.status_code == 413


def test_two_uploads_to_one_campaign_are_served_one_after_the_other(tmp_path):
    running, overlapped, order = [0], [False], []
    lock = threading.Lock()

    def slow_build(folder, outputs, **kw):
        with lock:
            running[0] += 1
            overlapped[0] |= running[0] > 1
        order.append((folder / "du-lieu.xlsx").read_bytes())
        time.sleep(0.5)
        try:
            return runner.build_and_record(folder, outputs, **kw)
        finally:
            with lock:
                running[0] -= 1

    app = create_app(tmp_path / "inputs", tmp_path / "outputs", build=slow_build)
    resaved = tmp_path / "resaved.xlsx"  # the same data, other bytes
    resaved.write_bytes(WORKBOOK)
    edit_workbook(resaved, {})
    second = resaved.read_bytes()
    assert second != WORKBOOK
    answers = []

    def upload(data):
        answers.append(send(TestClient(app, follow_redirects=False), workbook=data))

    threads = [threading.Thread(target=upload, args=(d,)) for d in (WORKBOOK, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [303, 303]
    assert not overlapped[0] and len(order) == 2
    folder = tmp_path / "inputs" / "cum-1-2020"
    kept = list((folder / ".truoc").iterdir())  # the first workbook; photos were the same
    assert len(kept) == 1 and kept[0].read_bytes() == order[0]
    assert (folder / "du-lieu.xlsx").read_bytes() == order[1] and set(order) == {WORKBOOK, second}
    assert len(documents(tmp_path / "outputs", "cum-1-2020")) == 12


def test_downloads_zip_forms_blank_workbook(site):
    client, inputs, outputs = site
    send(client)
    answer = client.get("/dot/cum-1-2020/tai-ve.zip")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="cum-1-2020.zip"'
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert sorted(archive.namelist()) == sorted(p.name for p in listing.documents(outputs / "cum-1-2020"))
    plan = docx.Document(io.BytesIO(archive.read("ke-hoach.docx")))
    assert any(p.text == "KẾ HOẠCH" for p in plan.paragraphs)

    one = client.get("/dot/cum-1-2020/tep/ke-hoach.docx")
    assert one.content == (outputs / "cum-1-2020" / "ke-hoach.docx").read_bytes()
    assert one.headers["content-disposition"].startswith("attachment;")

    forms = client.get("/dot/cum-1-2020/bieu-tu-cham.zip")
    assert forms.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(forms.content)).namelist()
    assert sorted(names) == sorted(f"bieu-tu-cham-{u}.xlsx" for u in ("dg", "gb", "pd", "pl", "vh"))

    blank = client.get("/bang-tinh-trong.xlsx")
    assert blank.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(blank.content))
    assert book.sheetnames[0] == "Hướng dẫn" and "Chấm điểm" in book.sheetnames


def test_forms_of_a_campaign_with_bad_data_show_the_problems(site, tmp_path):
    client, inputs, _ = site
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(WORKBOOK)
    edit_workbook(bad, {("Tiêu chí", "C3"): "x"})
    send(client, workbook=bad.read_bytes(), photos=())
    answer = client.get("/dot/cum-1-2020/bieu-tu-cham.zip")
    assert answer.status_code == 400
    assert "chưa tạo biểu tự chấm nào" in answer.text
    assert "<td>Tiêu chí</td><td>3</td><td>Điểm tối đa</td>" in answer.text


def test_page_previews_and_pdf_on_request(site, soffice):
    client, _, outputs = site
    send(client)
    page = client.get("/dot/cum-1-2020/xem/ke-hoach.docx").text
    images = re.findall(r'src="(/dot/cum-1-2020/xem/ke-hoach.docx/trang-\d+\.png)"', page)
    assert len(images) >= 2 and f"{len(images)} trang" in page
    png = client.get(images[0])
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    pdf = client.get("/dot/cum-1-2020/pdf/ke-hoach.docx")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert (outputs / "cum-1-2020" / "ke-hoach.pdf").read_bytes() == pdf.content


def test_a_password_guards_every_page(tmp_path):
    app = create_app(tmp_path / "inputs", tmp_path / "outputs", password="mật-khẩu")
    client = TestClient(app)
    assert client.get("/").status_code == 401
    assert client.get("/", auth=("ai", "sai")).status_code == 401
    assert client.get("/bang-tinh-trong.xlsx").status_code == 401
    token = base64.b64encode("vanphong:mật-khẩu".encode()).decode()
    assert client.get("/", headers={"Authorization": f"Basic {token}"}).status_code == 200


def test_forms_from_another_site_are_refused(site):
    client, inputs, _ = site
    answer = send(client, headers={"Origin": "http://example.invalid"})
    assert answer.status_code == 403
    assert not inputs.exists() or not any(inputs.iterdir())
    assert send(client, headers={"Origin": "http://testserver"}).status_code == 303


def test_no_password_no_address_but_this_machine(tmp_path, monkeypatch):
    monkeypatch.delenv("VANBAN_PASSWORD", raising=False)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    result = CliRunner().invoke(
        main, ["serve", "--host", "0.0.0.0", "--inputs", str(tmp_path / "i"), "--outputs", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: Không mở trang ở địa chỉ 0.0.0.0 khi chưa đặt mật khẩu: hãy đặt biến môi trường "
        "VANBAN_PASSWORD (ví dụ VANBAN_PASSWORD=... make serve HOST=0.0.0.0), hoặc dùng "
        "HOST=127.0.0.1.\n"
    )
    monkeypatch.setenv("VANBAN_PASSWORD", "")  # empty is no password
    with pytest.raises(Exception, match="chưa đặt mật khẩu"):
        serve(tmp_path / "i", tmp_path / "o", host="10.0.0.1")


def test_what_staff_typed_is_shown_as_text(site, tmp_path):
    client, _, _ = site
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(WORKBOOK)
    edit_workbook(bad, {("Người", "D2"): "<b>chủ tọa</b>"})
    answer = send(client, workbook=bad.read_bytes())
    page = client.get(answer.headers["location"]).text
    assert "vai trò &#34;&lt;b&gt;chủ tọa&lt;/b&gt;&#34;" in page and "<b>chủ" not in page


def test_a_bug_is_a_vietnamese_page_not_a_trace(tmp_path):
    def broken(*args, **kwargs):
        raise KeyError("lỗi lập trình")

    client = TestClient(
        create_app(tmp_path / "inputs", tmp_path / "outputs", build=broken), raise_server_exceptions=False
    )
    answer = send(client)
    assert answer.status_code == 500
    assert "Chương trình gặp lỗi ngoài dự kiến" in answer.text
    assert "Traceback" not in answer.text and "KeyError" not in answer.text


def test_a_folder_made_by_hand_keeps_its_name_and_errors_stay_on_its_page(site):
    client, inputs, outputs = site
    (inputs / "Cum_1").mkdir(parents=True)
    (inputs / "Cum_1" / "du-lieu.xlsx").write_bytes(WORKBOOK)
    answer = send(client, "Cum_1")
    assert answer.headers["location"] == "/dot/Cum_1?tai-len=4"
    assert sorted(p.name for p in inputs.iterdir()) == ["Cum_1"]
    assert len(documents(outputs, "Cum_1")) == 12
    wrong = client.post("/tai-len", data={"dot": "Cum_1", "nguon": "dot"}, files=[("anh", ("a.gif", b"GIF89a"))])
    assert wrong.status_code == 400
    assert "<h1>Cụm thi đua số 1 – công tác văn thư, lưu trữ – 2020</h1>" in wrong.text
    assert "Thư mục của đợt: Cum_1" in wrong.text
    assert "Chưa tải lên được: Ảnh &#34;a.gif&#34;: chỉ nhận tệp .jpg, .jpeg, .png." in wrong.text


def test_warnings_are_listed_after_the_upload(site, tmp_path):
    client, _, outputs = site
    warned = tmp_path / "warned.xlsx"
    warned.write_bytes(WORKBOOK)
    edit_workbook(warned, {("Văn bản", "delete"): 4})  # no row for bien-ban-hop-cum
    answer = send(client, workbook=warned.read_bytes())
    page = client.get(answer.headers["location"]).text
    assert "Đã nhận 4 tệp và tạo lại văn bản." in page and "có cảnh báo" in page
    items = re.findall(r"<li>(.*?)</li>", re.search(r'<ul id="canh-bao">(.*?)</ul>', page, re.S).group(1))
    assert len(items) == 1 and items[0].startswith("Trang &#34;Văn bản&#34; chưa có dòng &#34;bien-ban-hop-cum&#34;")
    assert (outputs / "cum-1-2020" / "CANH-BAO.txt").exists()
    assert len(documents(outputs, "cum-1-2020")) == 12


def test_messages_name_the_uploaded_file_one_line_per_cause_with_its_cells(site, tmp_path):
    client, inputs, outputs = site
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(WORKBOOK)
    edit_workbook(bad, {("Người", "B3"): None, ("Người", "B5"): None, ("Người", "B9"): None})
    files = [("du_lieu", ("Bao cao cum 1 (sua).xlsx", bad.read_bytes(), "application/octet-stream"))]
    answer = client.post("/tai-len", data={"dot": "cum-1-2020"}, files=files)
    page = client.get(answer.headers["location"]).text
    rows = re.findall(
        r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>"
        r"<td>(.*?)</td></tr>",
        page,
    )
    assert rows == [
        (
            "Bao cao cum 1 (sua).xlsx (lưu thành du-lieu.xlsx)",
            "Người",
            "3, 5, 9",
            "Chức vụ",
            "B3, B5, B9",
            "ô bị bỏ trống; cột này bắt buộc.",
        )
    ]
    assert "`" not in page
    loi = (outputs / "cum-1-2020" / "LOI.txt").read_text(encoding="utf-8-sig").splitlines()
    assert loi[1] == (
        '  du-lieu.xlsx › Người › dòng 3, 5, 9 › cột "Chức vụ" › ô B3, B5, B9: ô bị bỏ trống; cột này bắt buộc.'
    )
    again = client.post(
        "/tai-len", data={"dot": "cum-1-2020"}, files=[("du_lieu", ("du-lieu.xlsx", bad.read_bytes(), "x"))]
    )
    assert "(lưu thành" not in client.get(again.headers["location"]).text


@pytest.mark.parametrize("name", ["du-lieu.xls", "du-lieu.ods"])
def test_an_old_or_libreoffice_spreadsheet_says_how_to_save_it_as_xlsx(site, name):
    client, inputs, outputs = site
    answer = client.post(
        "/tai-len", data={"dot": "cum-1-2020"}, files=[("du_lieu", (name, b"\xd0\xcf\x11\xe0 old", "x"))]
    )
    assert answer.status_code == 400
    assert "chỉ nhận tệp .xlsx" in answer.text
    assert "Lưu thành (File › Save As)" in answer.text and "Sổ làm việc Excel (.xlsx)" in answer.text


def test_the_filled_example_workbook_is_offered_beside_the_blank_one(site):
    client, inputs, outputs = site
    assert 'href="/bang-tinh-mau.xlsx"' in client.get("/").text
    answer = client.get("/bang-tinh-mau.xlsx")
    assert answer.status_code == 200 and 'filename="du-lieu-mau.xlsx"' in answer.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book["Chung"]["B2"].value == "Cụm thi đua số 4"
    assert openpyxl.load_workbook(io.BytesIO(client.get("/bang-tinh-trong.xlsx").content))["Chung"]["B2"].value is None


def test_pages_refresh_themselves_while_a_build_runs(site):
    client, inputs, outputs = site
    assert send(client).status_code == 303
    assert 'http-equiv="refresh"' not in client.get("/dot/cum-1-2020").text
    (outputs / "cum-1-2020" / status.BUILDING).touch()  # the watcher building it now
    for url in ("/", "/dot/cum-1-2020"):
        text = client.get(url).text
        assert '<meta http-equiv="refresh" content="3">' in text and 'id="dang-tao"' in text
