"""PDFs and page previews made in the background after a build (pipeline/pregenerate.py):
there soon without any request, the documents a clerk opens first first, one LibreOffice
run; a request during that run waits for it instead of starting LibreOffice again; a PDF
or a page image made from an earlier version of its document is never served."""

from __future__ import annotations

import os
import io
import threading
import time
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pipeline import export, pregenerate, status
from pipeline.web import Site, create_app

from .conftest import SAMPLE


def _upload(client: TestClient) -> None:
    files = [("du_lieu", ("du-lieu.xlsx", (SAMPLE / "du-lieu.xlsx").read_bytes(), "x"))]
    files += [("anh", (p.name, p.read_bytes(), "image/jpeg")) for p in sorted((SAMPLE / "anh").iterdir())]
    answer = client.post("/tai-len", data={"dot": "cum-1-2020"}, files=files)
    assert answer.status_code == 303, answer.text[:300]


@pytest.mark.slow
def test_pdfs_and_previews_are_there_soon_after_a_build_without_any_request(tmp_path, soffice):
    background = pregenerate.Background()
    client = TestClient(create_app(tmp_path / "in", tmp_path / "out", background=background), follow_redirects=False)
    runs = pregenerate.CONVERSIONS[0]
    try:
        _upload(client)
        folder = tmp_path / "out" / "cum-1-2020"
        assert (folder / pregenerate.MARK).exists()  # the page says "Đang tạo PDF…"
        documents = sorted(folder.glob("*.docx"))
        assert len(documents) == 12
        end = time.monotonic() + 120  # seconds on this machine; generous for a busy one
        while not all(pregenerate.current_pages(d) for d in documents):
            assert time.monotonic() < end, [d.name for d in documents if not pregenerate.current_pages(d)]
            time.sleep(0.1)
        assert background.wait(30)
    finally:
        background.stop()
    assert pregenerate.CONVERSIONS[0] - runs == 1  # one LibreOffice run for the campaign
    assert not (folder / pregenerate.MARK).exists()
    made = {d.stem: d.with_suffix(".pdf").stat().st_mtime_ns for d in documents}
    first = max(made["bien-ban-hop-cum"], made["to-trinh-khen-thuong"])
    assert all(first <= when for stem, when in made.items() if stem not in ("bien-ban-hop-cum", "to-trinh-khen-thuong"))
    # a clerk's request now is served from what is there, without LibreOffice
    assert client.get("/dot/cum-1-2020/xem/tin-bai.docx").status_code == 200
    assert client.get("/dot/cum-1-2020/pdf/to-trinh-khen-thuong.docx").content[:5] == b"%PDF-"
    assert pregenerate.CONVERSIONS[0] - runs == 1


def _campaign(outputs: Path, names: list[str]) -> list[Path]:
    folder = outputs / "dot"
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_bytes(f"Word file {name}".encode())
    return [folder / name for name in names]


def test_a_request_during_the_background_run_waits_for_it_instead_of_converting_again(tmp_path, monkeypatch):
    outputs = tmp_path / "out"
    documents = _campaign(
        outputs, ["ke-hoach.docx", "bien-ban-hop-cum.docx", "to-trinh-khen-thuong.docx", "tin-bai.docx"]
    )
    runs: list[list[str]] = []
    started, go_on = threading.Event(), threading.Event()

    def convert(files, jobs=None, arrived=None, profile=None, **_):  # LibreOffice, slowly
        runs.append([f.name for f in files])
        started.set()
        for f in files:
            if f.name == "tin-bai.docx":
                assert go_on.wait(10)
            f.with_suffix(".pdf").write_bytes(b"%PDF- of " + f.read_bytes())
            arrived(f)

    def draw(pdf: Path, cache: Path) -> None:
        (cache / "trang-1.png").write_bytes(b"\x89PNG of " + pdf.read_bytes())

    monkeypatch.setattr(export, "convert", convert)
    monkeypatch.setattr(pregenerate, "_draw", draw)
    background = threading.Thread(target=pregenerate.everything, args=(outputs, "dot"))
    background.start()
    assert started.wait(10)
    answered: list[Path] = []
    request = threading.Thread(target=lambda: answered.extend(pregenerate.page_images(outputs, "dot", documents[3])))
    request.start()
    request.join(0.5)
    assert request.is_alive() and not answered  # waiting for the run that makes it
    go_on.set()
    request.join(10)
    background.join(10)
    assert runs == [
        ["bien-ban-hop-cum.docx", "to-trinh-khen-thuong.docx", "ke-hoach.docx", "tin-bai.docx"]
    ]  # one run, the minutes and the proposal first
    assert [p.read_bytes() for p in answered] == [b"\x89PNG of %PDF- of Word file tin-bai.docx"]
    assert all(pregenerate.current_pages(d) for d in documents)


def test_a_pdf_or_page_made_from_an_earlier_version_is_never_served(tmp_path, monkeypatch):
    outputs = tmp_path / "out"
    client = TestClient(create_app(tmp_path / "in", outputs), follow_redirects=False)
    (docx,) = _campaign(outputs, ["ke-hoach.docx"])
    monkeypatch.setattr(
        export,
        "convert",
        lambda files, arrived=None, **_: [
            f.with_suffix(".pdf").write_bytes(b"%PDF- of " + f.read_bytes()) for f in files
        ],
    )
    monkeypatch.setattr(
        pregenerate, "_draw", lambda pdf, cache: (cache / "trang-1.png").write_bytes(b"\x89PNG of " + pdf.read_bytes())
    )
    pregenerate.page_images(outputs, "dot", docx)
    assert client.get("/dot/dot/tep/ke-hoach.pdf").status_code == 200
    assert client.get("/dot/dot/xem/ke-hoach.docx/trang-1.png").status_code == 200

    # A build replaces the document within one tick of the clock: same time, same size.
    when = docx.stat().st_mtime_ns
    replacement = docx.with_name(".new")
    replacement.write_bytes(b"Word file ke-hoach.docx".replace(b"file", b"FILE"))
    os.utime(replacement, ns=(when, when))
    os.replace(replacement, docx)
    assert docx.with_suffix(".pdf").stat().st_mtime_ns >= docx.stat().st_mtime_ns
    assert pregenerate.stale(docx)
    moved = client.get("/dot/dot/tep/ke-hoach.pdf")
    assert moved.status_code == 303 and moved.headers["location"] == "/dot/dot/pdf/ke-hoach.docx"
    assert client.get("/dot/dot/xem/ke-hoach.docx/trang-1.png").status_code == 404
    with zipfile.ZipFile(io.BytesIO(client.get("/dot/dot/tai-ve.zip").content)) as archive:
        assert archive.namelist() == ["ke-hoach.docx"]
    assert client.get("/dot/dot/pdf/ke-hoach.docx").content == b"%PDF- of Word FILE ke-hoach.docx"
    assert client.get("/dot/dot/xem/ke-hoach.docx/trang-1.png").status_code == 404
    assert client.get("/dot/dot/xem/ke-hoach.docx").status_code == 200  # drawn again
    assert (
        client.get("/dot/dot/xem/ke-hoach.docx/trang-1.png").content == b"\x89PNG of %PDF- of Word FILE ke-hoach.docx"
    )


class _Queued:
    def __init__(self):
        self.campaigns = []

    def after_build(self, outputs, campaign):
        self.campaigns.append(campaign)


def test_every_build_that_wrote_documents_queues_its_pdfs(tmp_path):
    queued = _Queued()
    site = Site(tmp_path / "in", tmp_path / "out", background=queued)
    site.built("a", status.Status("a", status.BUILT, None, written=12))
    site.built("b", status.Status("b", status.FAILED, None, written=9, held=["Tờ trình"]))
    site.built("c", status.Status("c", status.FAILED, None))  # held back whole
    site.built("d", status.Status("d", status.BUILT, None))  # nothing new to write
    assert queued.campaigns == ["a", "b"]


def test_a_request_waits_for_the_watchers_background_instead_of_converting_again(tmp_path, monkeypatch):
    """The watcher, another process, is making the campaign's PDFs: the web page's request
    waits for its PDF; once that process is gone, the request makes the PDF itself."""
    import subprocess

    outputs = tmp_path / "out"
    plan, minutes = _campaign(outputs, ["ke-hoach.docx", "bien-ban-hop-cum.docx"])
    runs: list[list[str]] = []
    monkeypatch.setattr(
        export,
        "convert",
        lambda files, arrived=None, **_: (
            runs.append([f.name for f in files]) or [f.with_suffix(".pdf").write_bytes(b"%PDF-") for f in files]
        ),
    )
    watcher = subprocess.Popen(["sleep", "60"])
    try:
        (outputs / "dot" / pregenerate.MARK).write_text(str(watcher.pid))

        def watcher_makes_it():
            time.sleep(0.5)
            plan.with_suffix(".pdf").write_bytes(b"%PDF- by the watcher")

        threading.Thread(target=watcher_makes_it).start()
        started = time.monotonic()
        assert pregenerate.ensure_pdf(outputs, "dot", plan).read_bytes() == b"%PDF- by the watcher"
        assert 0.4 < time.monotonic() - started < 5 and runs == []
    finally:
        watcher.kill()
        watcher.wait()
    assert pregenerate.ensure_pdf(outputs, "dot", minutes).read_bytes() == b"%PDF-"
    assert runs == [["bien-ban-hop-cum.docx"]]


def test_a_missing_pdftoppm_is_the_machine_s_fault_not_the_input_s(tmp_path, monkeypatch):
    """Without poppler-utils the preview says what to install, as an export error (the page
    answers 503), never as a fault of the clerk's workbook."""
    from pipeline.errors import ExportError, InputError
    from pipeline.pregenerate import _draw

    pdf = tmp_path / "van-ban.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setenv("PATH", str(tmp_path / "khong-co"))
    with pytest.raises(ExportError, match="poppler-utils") as raised:
        _draw(pdf, tmp_path)
    assert not isinstance(raised.value, InputError)
