"""Self-score collection without a browser: key, link secrets, generations, deadline, checks.

The browser side (drops, a unit's link at phone width, 20 units at once) is in
tests/test_browser_collect.py.
"""

from __future__ import annotations

import dataclasses
import html
import io
import os
import re
import shutil
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from pipeline import listing, status
from pipeline.collect import arrivals, check, links, state_folder
from pipeline.collect.linkbook import link_workbook
from pipeline.collect.waiting import buildable, waiting_for
from pipeline.errors import InputError, Problem
from pipeline.forms.reader import Place, merge_self_scores
from pipeline.load import load_campaign
from pipeline.validate import validate
from pipeline.web import create_app

from .conftest import ROOT, SAMPLE

LEAVES = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2", "7.1", "7.2"]
ROWS = {
    "1.1": 7,
    "1.2": 8,
    "2.1": 10,
    "2.2": 11,
    "3.1": 13,
    "3.2": 14,
    "4.1": 16,
    "4.2": 17,
    "5.1": 19,
    "5.2": 20,
    "6.1": 22,
    "6.2": 23,
    "7.1": 25,
    "7.2": 26,
}


# --------------------------------------------------------------------------- key and links


def test_the_key_is_made_once_with_mode_600_and_read_back(tmp_path):
    key = links.load_key(tmp_path)
    path = tmp_path / links.KEY_FILE
    assert len(key) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert links.load_key(tmp_path) == key
    os.chmod(path, 0o644)  # opened up by hand: closed again on the next start
    assert links.load_key(tmp_path) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_state_folder_is_never_inside_inputs_or_outputs(tmp_path, monkeypatch):
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    monkeypatch.delenv("VANBAN_STATE", raising=False)
    folder = state_folder(inputs, outputs)
    assert folder == (tmp_path / ".vanban").resolve()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for inside in (inputs / "x", outputs, outputs / "khoa"):
        monkeypatch.setenv("VANBAN_STATE", str(inside))
        with pytest.raises(InputError, match="không được nằm trong"):
            state_folder(inputs, outputs)


def test_a_secret_depends_on_key_campaign_unit_and_generation():
    key, other = b"k" * 32, b"o" * 32
    base = links.secret(key, "cum-1-2020", "PL", 0)
    assert re.fullmatch(r"[a-z2-7]{26}", base)
    assert base == links.secret(key, "cum-1-2020", "PL", 0)
    variants = {
        links.secret(other, "cum-1-2020", "PL", 0),
        links.secret(key, "cum-1-2021", "PL", 0),
        links.secret(key, "cum-1-2020", "VH", 0),
        links.secret(key, "cum-1-2020", "PL", 1),
        # the fields cannot be shifted into one another
        links.secret(key, "cum-1-2020P", "L", 0),
    }
    assert base not in variants and len(variants) == 5
    assert links.matches(key, "cum-1-2020", "PL", 0, base)
    assert not links.matches(key, "cum-1-2020", "PL", 1, base)
    assert not links.matches(key, "cum-1-2020", "PL", 0, base[:-1])
    assert not links.matches(key, "cum-1-2020", "PL", 0, "đ" * 26)  # non-ASCII: no error


def test_replacing_a_link_bumps_only_that_units_generation(tmp_path):
    store = links.Store(tmp_path, "cum-1-2020")
    assert store.generation("PL") == 0 and store.generations() == {}
    assert store.replace("PL") == 1 and store.replace("PL") == 2
    assert store.generation("PL") == 2 and store.generation("VH") == 0
    assert links.Store(tmp_path, "cum-1-2020").generations() == {"PL": 2}  # kept on disk
    assert links.Store(tmp_path, "cum-2-2020").generation("PL") == 0


def test_the_deadline_set_on_the_page_wins_and_passes(tmp_path):
    store = links.Store(tmp_path, "cum-1-2020")
    assert store.deadline() is None
    workbook = datetime(2020, 8, 10, 17, 0)
    assert links.effective_deadline(store.deadline(), workbook) == workbook
    store.set_deadline(datetime(2020, 8, 12, 11, 30))
    assert links.effective_deadline(store.deadline(), workbook) == datetime(2020, 8, 12, 11, 30)
    assert store.generations() == {}  # the deadline does not touch the generations
    store.set_deadline(None)
    assert store.deadline() is None
    day = datetime(2020, 8, 10)  # a date alone: to the end of that day
    assert links.effective_deadline(None, day) == datetime(2020, 8, 10, 23, 59, 59)
    assert links.passed(workbook, now=workbook + timedelta(minutes=1))
    assert not links.passed(workbook, now=workbook)
    assert not links.passed(None)


# --------------------------------------------------------------------------- the log


def test_the_units_table_follows_the_latest_arrival(tmp_path):
    def arrival(unit, accepted, minute, total=None):
        return arrivals.Arrival(
            f"2020-08-10T09:{minute:02d}:00",
            unit,
            arrivals.LINK,
            "10.0.0.9",
            accepted,
            total=total,
            errors=[] if accepted else [["D7", "sai"]],
        )

    for a in (arrival("PL", True, 1, 40.0), arrival("VH", False, 2), arrival("PL", False, 3), arrival(None, False, 4)):
        arrivals.append(tmp_path, "c", a)
    (tmp_path / "c" / arrivals.LOG_FILE).open("a").write('{"torn')  # a crash mid-line
    rows = arrivals.table(
        [("PL", "Phúc Lợi"), ("VH", "Việt Hưng"), ("DG", "Đức Giang"), ("GB", "Giang Biên")],
        arrivals.read(tmp_path, "c"),
        {"GB": datetime(2020, 8, 9, 8, 0), "PL": datetime(2020, 8, 1)},
        {"GB", "DG", "VH"},
    )
    assert [(r.code, r.state) for r in rows] == [
        ("PL", "có lỗi"),
        ("VH", "có lỗi"),
        ("DG", "đã có điểm trong bảng tính"),
        ("GB", "đã gửi lúc 08:00 09/08/2020"),
    ]
    assert rows[0].good.total == 40.0 and rows[0].last.errors == [["D7", "sai"]]
    assert rows[0].by_hand is None  # its accepted arrival is what tu-cham/ holds


# --------------------------------------------------------------------------- checking a form


@pytest.fixture(scope="module")
def basis():
    return check.basis(SAMPLE)


def filled(basis_, unit="PL", scores=None, **changes) -> bytes:
    """The unit's form as `make forms` writes it, filled with `scores` (3 everywhere)."""
    from pipeline.forms.writer import form_workbook
    import pandas as pd

    scores = scores or {c: 3 for c in LEAVES}
    frame = pd.DataFrame(
        [{"unit": unit, "criterion": c, "self": v} for c, v in scores.items()], columns=["unit", "criterion", "self"]
    )
    made = dataclasses.replace(basis_, scores=frame, **changes)
    book = form_workbook(made, next(u for u in basis_.units if u.code == unit))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def edited(data: bytes, edits: dict) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for cell, value in edits.items():
        book["Tự chấm"][cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_good_form_gives_its_unit_scores_and_total(basis):
    verdict = check.check(basis, filled(basis, scores={**{c: 3 for c in LEAVES}, "2.1": 9.5}))
    assert verdict.accepted and verdict.unit == "PL" and verdict.errors == []
    assert verdict.scores["2.1"] == 9.5 and verdict.total == 3 * 13 + 9.5


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            {"name": "cum-2-2020"},
            [
                (
                    "D3",
                    'biểu này là của đợt "cum-2-2020", không phải của đợt '
                    '"cum-1-2020": hãy gửi biểu tự chấm của đợt này.',
                )
            ],
        ),
        (
            {"year": 2019},
            [("D2", "biểu này là của năm 2019, không phải năm 2020 của đợt này: hãy gửi biểu tự chấm năm 2020.")],
        ),
    ],
    ids=["another-campaign", "last-year"],
)
def test_a_form_of_another_campaign_or_year_is_refused_at_its_cell(basis, change, expected):
    verdict = check.check(basis, filled(basis, **change))
    assert not verdict.accepted and verdict.errors == expected and verdict.unit == "PL"


def test_a_form_without_the_year_label_is_dated_by_its_title(basis):
    old = edited(
        filled(basis),
        {"C2": None, "D2": None, "C3": None, "D3": None, "A1": "BIỂU TỰ CHẤM ĐIỂM CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2019"},
    )
    assert check.check(basis, old).errors == [
        ("dòng 1", "biểu này là của năm 2019, không phải năm 2020 của đợt này: hãy gửi biểu tự chấm năm 2020.")
    ]
    same_year = edited(old, {"A1": "BIỂU TỰ CHẤM ĐIỂM CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2020"})
    assert check.check(basis, same_year).accepted


def test_each_error_of_a_form_names_its_cell(basis):
    data = edited(filled(basis), {"D7": 12, "D13": "tám", "D26": None, "D11": "=4+5"})
    verdict = check.check(basis, data)
    assert not verdict.accepted and verdict.total is None and verdict.scores == {}
    assert verdict.errors == [
        ("D7", "điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.1."),
        ("D13", '"tám" không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 9,5).'),
        (
            "D11",
            "ô điểm của tiêu chí 2.2 là công thức chưa có giá trị: ghi thẳng số điểm vào ô, "
            "hoặc mở biểu bằng Excel và lưu lại.",
        ),
        ("D26", "chưa ghi điểm tự chấm của tiêu chí 7.2."),
    ]


def test_wrong_files_are_refused_before_reading(basis):
    assert check.check(basis, b"\x89PNG\r\n\x1a\n...", "anh.xlsx").errors == [
        ("", "nội dung tệp không phải bảng tính Excel (.xlsx).")
    ]
    assert check.check(basis, filled(basis), "bieu.xls").errors == [
        ("", "chỉ nhận biểu tự chấm dạng bảng tính Excel (.xlsx).")
    ]
    big = check.check(basis, b"PK\x03\x04" + b"0" * check.MAX_FORM, "bieu.xlsx")
    assert big.errors[0][1].endswith("quá giới hạn 2 MB của một biểu tự chấm.")
    broken = check.check(basis, b"PK\x03\x04 not really a zip", "bieu.xlsx")
    assert not broken.accepted and broken.errors[0][0] == ""


def test_a_unit_cannot_send_another_units_form_through_its_link(basis):
    verdict = check.check(basis, filled(basis, unit="VH"), expected_unit="PL")
    assert verdict.errors == [
        ("B3", "biểu này là của đơn vị VH, không phải của đơn vị PL: hãy gửi biểu của chính đơn vị mình.")
    ]


def test_the_entry_form_names_its_fields_then_writes_a_form_the_build_reads(basis, tmp_path):
    typed = {c: "3" for c in LEAVES} | {"1.1": "12", "1.2": "", "2.1": "9,5", "3.1": "abc"}
    data, errors = check.entry_form(basis, "PL", typed, {})
    assert data is None and errors == [
        ("Tiêu chí 1.1", "điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.1."),
        ("Tiêu chí 1.2", "chưa ghi điểm tự chấm của tiêu chí 1.2."),
        ("Tiêu chí 3.1", '"abc" không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 9,5).'),
    ]
    typed |= {"1.1": "4", "1.2": "5", "3.1": "8"}
    data, errors = check.entry_form(basis, "PL", typed, {"2.1": "=cmd|' /C calc'!A0"})
    assert errors == []
    verdict = check.check(basis, data)
    assert verdict.accepted and verdict.scores["2.1"] == 9.5 and verdict.total == 4 + 5 + 9.5 + 8 + 3 * 10
    note = openpyxl.load_workbook(io.BytesIO(data))["Tự chấm"]["E10"]
    assert note.value == "=cmd|' /C calc'!A0" and note.data_type == "s"  # text, not a formula


def test_storing_keeps_the_previous_form_and_one_file_per_unit(basis, tmp_path):
    folder = tmp_path / "cum-1-2020"
    (folder / "tu-cham").mkdir(parents=True)
    first, second = filled(basis), filled(basis, scores={c: 4 for c in LEAVES})
    (folder / "tu-cham" / "PL tu cham (1).xlsx").write_bytes(first)  # dropped by hand earlier
    check.store(folder, basis, "PL", second, datetime(2020, 8, 10, 9, 0))
    assert sorted(p.name for p in (folder / "tu-cham").iterdir()) == ["bieu-tu-cham-pl.xlsx"]
    assert [p.read_bytes() for p in (folder / ".truoc").iterdir()] == [first]
    check.store(folder, basis, "PL", first, datetime(2020, 8, 10, 9, 5))
    assert len(list((folder / ".truoc").iterdir())) == 2
    assert (folder / "tu-cham" / "bieu-tu-cham-pl.xlsx").read_bytes() == first
    assert set(check.by_hand(folder, basis)) == {"PL"}


# --------------------------------------------------------------------------- the build's side


def test_a_newer_form_wins_over_the_workbook_with_a_warning_naming_both_cells():
    workbook = {("PL", "7.1"): (4.0, Place("du-lieu.xlsx", "Chấm điểm", 14, "Tự chấm"))}
    forms = check.reader.FormScores()
    forms[("PL", "7.1")] = (4.5, Place("bieu-tu-cham-pl.xlsx", "Tự chấm", 25, "Tự chấm"))
    forms.files["PL"], forms.times["PL"] = "bieu-tu-cham-pl.xlsx", 2000.0
    warnings: list[str] = []
    merged, problems = merge_self_scores(workbook, forms, 1000.0, warnings)
    assert merged == {("PL", "7.1"): 4.5} and problems == []
    assert warnings == [
        "điểm tự chấm của đơn vị PL, tiêu chí 7.1: dùng điểm 4,5 của biểu tự chấm "
        'bieu-tu-cham-pl.xlsx (trang "Tự chấm" dòng 25, cột "Tự chấm"), gửi sau bảng tính, thay '
        'cho điểm 4 ở du-lieu.xlsx (trang "Chấm điểm" dòng 14, cột "Tự chấm").'
    ]
    # a workbook saved after the form: still an error, staff decide
    merged, problems = merge_self_scores(workbook, forms, 3000.0, [])
    assert merged == {("PL", "7.1"): 4.0} and len(problems) == 1


def test_validate_uses_a_newer_form_and_warns(campaign_dir, basis):
    (campaign_dir / "tu-cham").mkdir()
    form = campaign_dir / "tu-cham" / "bieu-tu-cham-pl.xlsx"
    sample = validate(load_campaign(SAMPLE))
    mine = sample.scores[sample.scores["unit"] == "PL"]
    scores = dict(zip(mine["criterion"], mine["self"])) | {"7.1": 1.0}
    form.write_bytes(filled(basis, scores=scores))
    later = time.time() + 60
    os.utime(form, (later, later))
    campaign = validate(load_campaign(campaign_dir))
    row = campaign.scores[(campaign.scores["unit"] == "PL") & (campaign.scores["criterion"] == "7.1")]
    assert float(row["self"].iloc[0]) == 1.0
    assert any("tiêu chí 7.1: dùng điểm 1 của biểu tự chấm bieu-tu-cham-pl.xlsx" in w for w in campaign.warnings)


def test_waiting_facts_are_told_apart_from_errors():
    def failed(*problems):
        return status.Status("c", status.FAILED, datetime.now(), problems=list(problems))

    meeting = Problem("du-lieu.xlsx", 'mục "Bắt đầu họp" chưa có giá trị.', "Chung", 10, "Giá trị")
    cluster = Problem(
        "du-lieu.xlsx",
        "chưa có điểm cụm chấm của đơn vị PL, tiêu chí 1.1; biên bản họp cụm cần điểm này.",
        "Chấm điểm",
        2,
        "Cụm chấm",
    )
    unsent = Problem(
        "du-lieu.xlsx",
        "chưa có điểm tự chấm của đơn vị VH, tiêu chí 1.1: ghi ở ô này, hoặc chép biểu…",
        "Chấm điểm",
        16,
        "Tự chấm",
    )
    wrong = Problem(
        "du-lieu.xlsx", "điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 7.1.", "Chấm điểm", 14, "Cụm chấm"
    )
    assert waiting_for(failed(meeting, cluster, unsent)) == [
        '"Bắt đầu họp"',
        "điểm cụm chấm",
        "biểu tự chấm của các đơn vị chưa gửi",
    ]
    assert waiting_for(failed(cluster, wrong)) is None
    assert waiting_for(failed()) is None  # a failure that is not about cells
    assert waiting_for(status.Status("c", status.BUILT, datetime.now())) is None
    assert buildable(["điểm cụm chấm"]) == ["ke-hoach", "quyet-dinh", "giay-khen"]
    assert buildable(['"Bắt đầu họp"', "điểm cụm chấm"]) == []
    entry = listing.Entry("c", failed(meeting), [])
    assert entry.label == "chờ số liệu" and entry.css == "canh-bao"


def test_the_link_workbook_keeps_formula_like_names_as_text(tmp_path):
    data = link_workbook(
        "cum-1-2020",
        [("PL", '=HYPERLINK("http://x","bấm")', "https://a/nop/1"), ("VH", "+84 phường", "https://a/nop/2")],
        datetime(2020, 8, 10, 17, 0),
    )
    ws = openpyxl.load_workbook(io.BytesIO(data))["Đường dẫn"]
    assert [c.value for c in ws[2]] == ["PL", '=HYPERLINK("http://x","bấm")', "https://a/nop/1", "17:00 10/08/2020"]
    assert ws["B2"].data_type == "s" and ws["B3"].data_type == "s"
    path = tmp_path / "duong-dan.xlsx"
    path.write_bytes(data)
    checker = ROOT.parent / "shared" / "tools" / "ooxml-check"
    if checker.is_file():
        import subprocess
        import sys

        done = subprocess.run([sys.executable, str(checker), str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and "errors: 0" in done.stdout, done.stdout + done.stderr


# --------------------------------------------------------------------------- the routes


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_PUBLIC_URL", "https://thi-dua.example.vn")
    monkeypatch.delenv("VANBAN_STATE", raising=False)
    folder = tmp_path / "inputs" / "cum-1-2020"
    shutil.copytree(SAMPLE, folder)
    built = []

    def build(folder, outputs, **kw):  # the real build is covered elsewhere; keep this fast
        built.append(kw.get("kinds"))
        return status.record_success(outputs, Path(folder).name, 0, [])

    app = create_app(tmp_path / "inputs", tmp_path / "outputs", build=build)
    client = TestClient(app, follow_redirects=False)
    collector = app.state.collect
    yield client, collector, built
    collector.rebuilds.wait()


def link_of(collector, unit):
    return collector.link("cum-1-2020", unit).removeprefix("https://thi-dua.example.vn")


def test_a_link_reaches_its_unit_and_nothing_else(served):
    client, collector, _ = served
    mine = link_of(collector, "PL")
    page = client.get(mine)
    assert page.status_code == 200 and "UBND phường Phúc Lợi" in page.text
    assert "/dot/" not in page.text and "Việt Hưng" not in page.text
    base = mine.rsplit("/", 1)[0]
    for path in (
        base + "/" + "a" * 26,
        mine.replace("/PL/", "/VH/"),
        mine.replace("cum-1-2020", "cum-2-2020"),
        mine + "/../../VH",
        mine + "/tep/../../../../dot/cum-1-2020",
        "/nop/cum-1-2020/PL",
    ):
        assert client.get(path).status_code == 404, path
    for staff in ("/", "/dot/cum-1-2020", "/dot/cum-1-2020/tai-ve.zip"):
        assert client.get(staff).status_code in (200, 404)  # staff pages: not via /nop/
    assert (
        client.get(mine + "/bieu.xlsx").headers["content-disposition"] == 'attachment; filename="bieu-tu-cham-pl.xlsx"'
    )


def test_a_replaced_link_stops_at_once_and_guesses_are_slowed(served):
    client, collector, _ = served
    old = link_of(collector, "PL")
    assert client.post("/dot/cum-1-2020/nop/doi/PL").status_code == 303
    new = link_of(collector, "PL")
    assert new != old and client.get(new).status_code == 200
    refused = client.get(old)
    assert refused.status_code == 404 and "đã được thay" in refused.text
    assert collector.throttle.failures("testclient") == 1
    for _ in range(collector.throttle.limit):
        collector.throttle.failed("testclient")
    assert client.get(new).status_code == 429  # blocked before anything is checked


def test_an_expired_link_says_so_and_takes_nothing(served, basis):
    client, collector, built = served
    collector.store("cum-1-2020", write=True).set_deadline(datetime.now() - timedelta(minutes=1))
    mine = link_of(collector, "PL")
    page = client.get(mine)
    assert page.status_code == 200 and "Đã hết hạn gửi biểu tự chấm" in page.text
    assert 'action="' + mine + '/tep"' not in page.text
    sent = client.post(mine + "/tep", files={"bieu": ("b.xlsx", filled(basis))})
    assert sent.status_code == 403 and not (collector.folder("cum-1-2020") / "tu-cham").exists()
    assert arrivals.read(collector.state, "cum-1-2020") == [] and built == []


def test_staff_drop_on_the_campaign_page_logs_every_file(served, basis):
    client, collector, built = served
    files = [
        ("bieu", ("a.xlsx", filled(basis, unit="VH"))),
        ("bieu", ("b.xlsx", filled(basis, unit="DG", name="cum-9-2020"))),
        ("bieu", ("anh.png", b"\x89PNG\r\n\x1a\n")),
    ]
    answer = client.post("/dot/cum-1-2020/nop/tha", files=files)
    assert answer.status_code == 303
    logged = arrivals.read(collector.state, "cum-1-2020")
    assert [(a.file, a.unit, a.accepted, a.via) for a in logged] == [
        ("a.xlsx", "VH", True, "staff"),
        ("b.xlsx", "DG", False, "staff"),
        ("anh.png", None, False, "staff"),
    ]
    collector.rebuilds.wait()
    assert built == [None]  # one rebuild for the drop
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "a.xlsx: đã nhận biểu của đơn vị VH, tổng tự chấm 42" in text
    assert 'b.xlsx: không nhận (đơn vị DG): ô D3: biểu này là của đợt "cum-9-2020"' in text
    assert "anh.png: không nhận: chỉ nhận biểu tự chấm dạng bảng tính Excel (.xlsx)." in text


def test_a_public_address_needs_the_staff_password_even_on_loopback(tmp_path, monkeypatch):
    from pipeline.web import serve

    monkeypatch.delenv("VANBAN_PASSWORD", raising=False)
    monkeypatch.setenv("VANBAN_PUBLIC_URL", "https://thidua.example.gov.vn")
    with pytest.raises(InputError, match="phải đặt cả mật khẩu"):
        serve(tmp_path / "i", tmp_path / "o", host="127.0.0.1")


def test_the_forms_name_their_campaign_and_year_and_stay_valid(basis, tmp_path):
    from pipeline.forms.writer import write_forms

    written = write_forms(basis, tmp_path)
    ws = openpyxl.load_workbook(written[0])["Tự chấm"]
    assert [ws[c].value for c in ("C2", "D2", "C3", "D3")] == ["Năm", 2020, "Mã đợt", "cum-1-2020"]
    checker = ROOT.parent / "shared" / "tools" / "ooxml-check"
    if checker.is_file():
        import subprocess
        import sys

        done = subprocess.run([sys.executable, str(checker), str(written[0])], capture_output=True, text=True)
        assert done.returncode == 0 and "errors: 0" in done.stdout, done.stdout + done.stderr


def test_the_workbooks_deadline_shows_and_closes_the_links(served, basis):
    from .conftest import edit_workbook

    client, collector, _ = served
    workbook = collector.folder("cum-1-2020") / "du-lieu.xlsx"
    edit_workbook(workbook, {("Chung", "append"): ["Hạn nộp tự chấm", "10/8/2020 17:00"]})
    page = client.get(link_of(collector, "PL"))
    assert "17:00 ngày 10/08/2020" in page.text and "Đã hết hạn gửi biểu tự chấm" in page.text
    sent = client.post(link_of(collector, "PL") + "/nhap", data={f"diem-{c}": "1" for c in LEAVES})
    assert sent.status_code == 403
    staff = html.unescape(client.get("/dot/cum-1-2020").text)
    assert 'Hạn nộp: <strong id="han-nop">17:00 10/08/2020</strong> <span class="loi">(đã hết hạn)</span>.' in staff
    later = datetime.now() + timedelta(days=1)  # the page's deadline wins
    collector.store("cum-1-2020", write=True).set_deadline(later)
    assert client.post(link_of(collector, "PL") + "/nhap", data={f"diem-{c}": "1" for c in LEAVES}).status_code == 200


def test_the_client_is_the_forwarded_one_only_behind_a_local_proxy():
    from starlette.requests import Request

    from pipeline.web.collector import client_of

    def request(peer, forwarded=None):
        headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
        return Request({"type": "http", "client": (peer, 5000), "headers": headers})

    assert client_of(request("127.0.0.1", "1.2.3.4, 10.0.0.7")) == "10.0.0.7"  # Caddy's entry
    assert client_of(request("10.0.0.9", "1.2.3.4")) == "10.0.0.9"  # not ours to trust
    assert client_of(request("10.0.0.9")) == "10.0.0.9"
