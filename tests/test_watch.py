"""The watched folder: complete copies only, lock files ignored, bursts debounced, one build
of a campaign at a time, and a real workbook dropped in producing documents or LOI.txt."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline import status
from pipeline.watch import Watcher, campaign_of, ignored

from .conftest import ROOT, SAMPLE

QUIET = 0.3

pytestmark = pytest.mark.slow  # the watcher waits out its quiet periods


class Recorder:
    """A stand-in build: records what it saw, can be slowed, checks nothing overlaps."""

    def __init__(self, seconds: float = 0.0):
        self.seconds = seconds
        self.calls: list[tuple[str, bytes]] = []
        self.running = 0
        self.overlapped = False
        self.lock = threading.Lock()

    def __call__(self, folder: Path):
        with self.lock:
            self.running += 1
            self.overlapped |= self.running > 1
        try:
            workbook = folder / "du-lieu.xlsx"
            self.calls.append((folder.name, workbook.read_bytes() if workbook.exists() else b""))
            time.sleep(self.seconds)
            return status.Status(folder.name, status.BUILT, status.datetime.now(), written=1)
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def watched(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    lines: list[str] = []
    started: list[Watcher] = []

    def start(build=None, catch_up=True) -> Watcher:
        watcher = Watcher(inputs, tmp_path / "outputs", quiet=QUIET, settle=0.2, build=build, log=lines.append)
        watcher.start(catch_up=catch_up)
        started.append(watcher)
        return watcher

    yield inputs, start, lines
    for watcher in started:
        watcher.stop()


def wait_until(condition, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def save(path: Path, data: bytes) -> None:
    """Save as Excel does, whole or not at all (a temporary file renamed over the old one):
    a build started under load never reads a file caught between truncation and write."""
    temp = path.with_name(f"~{path.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def settle(watcher: Watcher, seconds: float = 1.5) -> None:
    """Wait until nothing is due and no event came for a while."""
    time.sleep(seconds)
    wait_until(watcher.idle)
    time.sleep(QUIET + 0.5)


def test_what_is_ignored(tmp_path):
    inputs = tmp_path / "inputs"
    for name in (
        "~$du-lieu.xlsx",
        ".~lock.du-lieu.xlsx#",
        "du-lieu.xlsx.tmp",
        "~WRL0001.tmp",
        "anh.jpg.crdownload",
        ".truoc",
        "tai.part",
        "du-lieu.xlsx~",
    ):
        assert ignored(name), name
    for name in ("du-lieu.xlsx", "chung.csv", "hop-cum.jpg", "tu-cham", "bieu-tu-cham-pl.xlsx"):
        assert not ignored(name), name
    assert campaign_of(inputs / "cum-1" / "anh" / "a.jpg", inputs) == "cum-1"
    assert campaign_of(inputs / "cum-1", inputs) == "cum-1"
    assert campaign_of(inputs / "cum-1" / ".truoc" / "du-lieu-1.xlsx", inputs) is None
    assert campaign_of(inputs / "cum-1" / "~$du-lieu.xlsx", inputs) is None
    assert campaign_of(tmp_path / "elsewhere" / "du-lieu.xlsx", inputs) is None


def test_a_slowly_copied_workbook_is_built_once_when_complete(watched):
    inputs, start, lines = watched
    recorder = Recorder()
    watcher = start(recorder)
    data = (SAMPLE / "du-lieu.xlsx").read_bytes()
    folder = inputs / "cum-moi"
    folder.mkdir()
    with open(folder / "du-lieu.xlsx", "wb") as handle:  # 8 pieces over ~1.6 s (> QUIET)
        step = len(data) // 8 + 1
        for start_at in range(0, len(data), step):
            handle.write(data[start_at : start_at + step])
            handle.flush()
            time.sleep(0.2)
    settle(watcher)
    assert recorder.calls == [("cum-moi", data)]
    assert lines == [f"cum-moi: đã tạo 1 văn bản trong {watcher.outputs}/cum-moi/"]


def test_a_copy_that_stalls_without_events_is_not_built_half_done(watched, tmp_path):
    """The listing is taken twice: a file that grew between the looks waits again."""
    inputs, start, _ = watched
    recorder = Recorder()
    watcher = Watcher(
        inputs, tmp_path / "outputs", quiet=QUIET, settle=0.2, build=recorder, log=lambda line: None
    )  # driven by hand, no observer
    folder = inputs / "cum-moi"
    folder.mkdir()
    (folder / "du-lieu.xlsx").write_bytes(b"PK half")
    watcher.step("cum-moi")  # first look
    (folder / "du-lieu.xlsx").write_bytes(b"PK half and more")
    watcher.step("cum-moi")  # it grew: wait again
    assert recorder.calls == []
    watcher.step("cum-moi")  # unchanged since the last look: build
    assert recorder.calls == [("cum-moi", b"PK half and more")]
    watcher.step("cum-moi")  # nothing changed since that build
    assert len(recorder.calls) == 1


def test_lock_and_temporary_files_do_not_build(watched):
    inputs, start, _ = watched
    folder = inputs / "cum-1-2020"
    shutil.copytree(SAMPLE, folder)
    recorder = Recorder()
    watcher = start(recorder, catch_up=False)
    (folder / "~$du-lieu.xlsx").write_bytes(b"\x00" * 165)  # Excel opened the workbook
    (folder / ".~lock.du-lieu.xlsx#").write_text("x")  # LibreOffice did
    (folder / "du-lieu.xlsx.tmp").write_bytes(b"PK")
    (folder / ".truoc").mkdir()
    (folder / ".truoc" / "du-lieu-1.xlsx").write_bytes(b"PK")
    with open(folder / "du-lieu.xlsx", "rb") as handle:  # reading is no change
        handle.read()
    settle(watcher)
    assert recorder.calls == []
    (folder / "~$du-lieu.xlsx").unlink()  # Excel closed it
    settle(watcher)
    assert recorder.calls == []


def test_a_burst_of_saves_is_one_build_of_the_last_save(watched):
    inputs, start, _ = watched
    folder = inputs / "cum-1-2020"
    shutil.copytree(SAMPLE, folder)
    recorder = Recorder()
    watcher = start(recorder, catch_up=False)
    for n in range(10):  # like Excel: a temporary file, then renamed over the workbook
        temp = folder / f"A1B2C3D{n}"
        temp.write_bytes(b"PK save %d" % n)
        os.replace(temp, folder / "du-lieu.xlsx")
        time.sleep(0.05)
    settle(watcher)
    assert recorder.calls == [("cum-1-2020", b"PK save 9")]


def test_never_two_builds_of_a_campaign_at_once_and_changes_during_a_build_are_built(watched):
    inputs, start, _ = watched
    folder = inputs / "cum-1-2020"
    shutil.copytree(SAMPLE, folder)
    recorder = Recorder(seconds=1.5)
    watcher = start(recorder, catch_up=False)
    save(folder / "du-lieu.xlsx", b"PK first")
    wait_until(lambda: recorder.running == 1)
    save(folder / "du-lieu.xlsx", b"PK second")  # saved during the build
    (inputs / "cum-khac").mkdir()
    (inputs / "cum-khac" / "chung.csv").write_text("Mục,Giá trị\n", encoding="utf-8")
    settle(watcher, 3.5)
    assert not recorder.overlapped
    assert sorted(recorder.calls) == [("cum-1-2020", b"PK first"), ("cum-1-2020", b"PK second"), ("cum-khac", b"")]


def test_catch_up_at_start_builds_what_changed_while_stopped(watched, tmp_path):
    inputs, start, _ = watched
    shutil.copytree(SAMPLE, inputs / "cum-1-2020")
    shutil.copytree(SAMPLE, inputs / "cum-da-tao")
    status.record_success(tmp_path / "outputs", "cum-da-tao", 1, [])  # recorded after its files
    recorder = Recorder()
    watcher = start(recorder)
    settle(watcher)
    assert [name for name, _ in recorder.calls] == ["cum-1-2020"]


def test_a_workbook_dropped_in_gives_documents_then_loi_txt_and_the_watcher_goes_on(watched, tmp_path):
    inputs, start, lines = watched
    watcher = start()  # the real build
    out = tmp_path / "outputs"
    folder = inputs / "cum-2-2021"
    (folder / "anh").mkdir(parents=True)
    for photo in (SAMPLE / "anh").iterdir():
        shutil.copy(photo, folder / "anh" / photo.name)
    shutil.copy(SAMPLE / "du-lieu.xlsx", folder / "du-lieu.xlsx")
    wait_until(lambda: (out / "cum-2-2021" / "tin-bai.html").exists(), 20)
    settle(watcher)
    docs = sorted(p.name for p in (out / "cum-2-2021").glob("*.docx"))
    assert len(docs) == 12 and "ke-hoach.docx" in docs
    before = {p.name: p.read_bytes() for p in (out / "cum-2-2021").glob("*.docx")}
    assert "đã tạo" in (out / "index.html").read_text(encoding="utf-8")

    (folder / "du-lieu.xlsx").write_bytes(b"PK not really")  # a bad workbook
    wait_until(lambda: (out / "cum-2-2021" / "LOI.txt").exists(), 20)
    settle(watcher)
    assert (
        (out / "cum-2-2021" / "LOI.txt")
        .read_bytes()
        .decode("utf-8-sig")
        .startswith("Lỗi: cum-2-2021: du-lieu.xlsx: không đọc được tệp này")
    )
    assert {p.name: p.read_bytes() for p in (out / "cum-2-2021").glob("*.docx")} == before
    assert "có lỗi" in (out / "index.html").read_text(encoding="utf-8")

    shutil.copy(SAMPLE / "du-lieu.xlsx", folder / "du-lieu.xlsx")  # still watching
    wait_until(lambda: not (out / "cum-2-2021" / "LOI.txt").exists(), 20)
    settle(watcher)
    assert lines == [
        f"cum-2-2021: đã tạo 13 văn bản trong {out}/cum-2-2021/",
        f"cum-2-2021: lỗi, chưa tạo văn bản; xem {out}/cum-2-2021/LOI.txt",
        f"cum-2-2021: đã tạo 13 văn bản trong {out}/cum-2-2021/",
    ]


def test_vanban_watch_stops_cleanly_on_ctrl_c(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "watch", "--inputs", str(inputs), "--outputs", str(tmp_path / "outputs")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()
        assert "Đang theo dõi" in first and "Ctrl-C" in first
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert out.strip().endswith("Đã dừng theo dõi.")
    assert "Traceback" not in err


def test_vanban_watch_on_a_missing_folder_is_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "watch", "--inputs", str(tmp_path / "khong-co")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == f"Lỗi: Không tìm thấy thư mục dữ liệu {tmp_path / 'khong-co'}.\n"


def test_photos_and_returned_forms_rebuild_their_campaign(watched):
    inputs, start, _ = watched
    folder = inputs / "cum-1-2020"
    shutil.copytree(SAMPLE, folder)
    recorder = Recorder()
    watcher = start(recorder, catch_up=False)
    shutil.copy(sorted((SAMPLE / "anh").iterdir())[0], folder / "anh" / "moi.jpg")
    settle(watcher)
    assert len(recorder.calls) == 1
    (folder / "tu-cham").mkdir()
    settle(watcher)
    assert len(recorder.calls) == 1  # an empty folder changes nothing
    (folder / "tu-cham" / "bieu-tu-cham-pl.xlsx").write_bytes(b"PK form")
    settle(watcher)
    assert len(recorder.calls) == 2
    (folder / "anh" / "moi.jpg").unlink()  # a photo taken away
    settle(watcher)
    assert len(recorder.calls) == 3


def test_a_folder_that_cannot_be_read_is_logged_and_watching_goes_on(watched, monkeypatch):
    inputs, start, lines = watched
    recorder = Recorder()
    watcher = start(recorder, catch_up=False)
    real = __import__("pipeline.watch", fromlist=["snapshot"]).snapshot

    def snapshot(folder):
        if folder.name == "cum-hong":
            raise PermissionError(13, "Permission denied")
        return real(folder)

    monkeypatch.setattr("pipeline.watch.snapshot", snapshot)
    (inputs / "cum-hong").mkdir()
    settle(watcher)
    assert lines == ["cum-hong: không đọc được thư mục của đợt: PermissionError: [Errno 13] Permission denied"]
    shutil.copytree(SAMPLE, inputs / "cum-1-2020")
    settle(watcher)
    assert [name for name, _ in recorder.calls] == ["cum-1-2020"]
