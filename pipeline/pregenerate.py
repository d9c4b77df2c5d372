"""PDFs and page previews, made in the background after a build, or on request.

After a build on the web page or by the watcher, every Word document of the
campaign whose PDF is missing or older is converted in one LibreOffice run, then
its pages are drawn as PNG images (`outputs/<campaign>/.xem/<document>/trang-N.png`),
so that a clerk who opens a preview or a PDF a few seconds later waits under a
second. The same functions serve a request that comes first.

`_convert` is the one place that starts LibreOffice for the web page and the
watcher (pipeline/export.py limits how many run at once). It converts copies in a
temporary folder, outside the campaign's lock (a build is never kept waiting for
LibreOffice); a PDF is put beside its document, under the lock, only when the
document did not change meanwhile: a PDF never shows other figures than its
Word file.

While the background work runs, `outputs/<campaign>/.vanban-dang-tao-pdf` exists
(the campaign's page says "Đang tạo PDF…").
"""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from . import status
from .errors import InputError, PipelineError

PREVIEW_DPI = 90
PREVIEWS = ".xem"
MARK = ".vanban-dang-tao-pdf"

_CONVERTING = threading.Lock()  # one LibreOffice conversion at a time in this process
_REQUESTS = [0]  # requests waiting for a conversion: the background lets them go first
_COUNT = threading.Lock()
CHUNK = 3  # documents per background LibreOffice run: a request waits one run at most


def stale(docx: Path) -> bool:
    pdf = docx.with_suffix(".pdf")
    try:
        return pdf.stat().st_mtime_ns < docx.stat().st_mtime_ns
    except FileNotFoundError:
        return True


def _convert(outputs: Path, campaign: str, documents: list[Path]) -> None:
    """PDFs of `documents` (Word files of one campaign) beside them; ExportError on failure."""
    from . import export

    with _CONVERTING:
        documents = [d for d in documents if d.is_file() and stale(d)]
        if not documents:
            return
        with tempfile.TemporaryDirectory(prefix="vanban-xem-") as work:
            copies, seen = [], {}
            for document in documents:
                seen[document] = document.stat().st_mtime_ns
                copy = Path(work) / document.name
                shutil.copyfile(document, copy)
                copies.append(copy)
            export.convert(copies, jobs=1)
            with status.campaign_lock(outputs, campaign):
                for document, copy in zip(documents, copies):
                    try:
                        unchanged = document.stat().st_mtime_ns == seen[document]
                    except FileNotFoundError:
                        unchanged = False
                    made = copy.with_suffix(".pdf")
                    if unchanged and made.is_file():
                        target = document.with_suffix(".pdf")
                        shutil.copyfile(made, target)
                        written = max(target.stat().st_mtime_ns, seen[document])
                        os.utime(target, ns=(written, written))  # never older than its source


def ensure_pdf(outputs: Path, campaign: str, docx: Path) -> Path:
    """The PDF of `docx`, made now if it is missing or older than the document (before the
    background's next run, when one is under way)."""
    if stale(docx):
        with _COUNT:
            _REQUESTS[0] += 1
        try:
            _convert(outputs, campaign, [docx])
        finally:
            with _COUNT:
                _REQUESTS[0] -= 1
    return docx.with_suffix(".pdf")


def _after_requests(timeout: float = 300.0) -> None:
    """The background waits while a request waits for its own PDF."""
    import time

    end = time.monotonic() + timeout
    while _REQUESTS[0] and time.monotonic() < end:
        time.sleep(0.05)


def page_images(outputs: Path, campaign: str, docx: Path) -> list[Path]:
    """The pages of a document as PNG images (cached, redone when the PDF changes)."""
    made = ensure_pdf(outputs, campaign, docx)
    cache = Path(outputs) / campaign / PREVIEWS / docx.stem
    stamp = cache / ".nguon"
    with status.campaign_lock(outputs, campaign):
        mark = str(made.stat().st_mtime_ns)
        if not stamp.is_file() or stamp.read_text() != mark:
            for old in cache.glob("trang-*.png"):
                old.unlink()
            cache.mkdir(parents=True, exist_ok=True)
            try:
                subprocess.run(["pdftoppm", "-r", str(PREVIEW_DPI), "-png", str(made),
                                str(cache / "trang")], check=True, capture_output=True,
                               timeout=120)
            except FileNotFoundError:
                raise InputError("Máy chưa có công cụ poppler-utils (pdftoppm) để xem trước "
                                 "trang; hãy báo người quản trị cài thêm.") from None
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                raise InputError(f"Không dựng được hình các trang của {made.name}.") from None
            stamp.write_text(mark)
    return sorted(cache.glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def campaign_documents(outputs: Path, campaign: str) -> list[Path]:
    return [p for p in status.documents(Path(outputs) / campaign) if p.suffix == ".docx"]


def everything(outputs: Path, campaign: str) -> None:
    """Every PDF and page preview of a campaign, in the order of the campaign's work, a few
    documents per LibreOffice run (a clerk's own request goes before the next run)."""
    from . import catalogue

    entry = status.entry(outputs, campaign)
    documents = [d.docx for d in catalogue.documents(entry.files, entry.names) if d.docx]
    for start in range(0, len(documents), CHUNK):
        chunk = documents[start:start + CHUNK]
        _after_requests()
        _convert(outputs, campaign, chunk)
        for docx in chunk:
            if docx.is_file() and not stale(docx):
                page_images(outputs, campaign, docx)


def busy(outputs: Path, campaign: str) -> bool:
    """Whether the background work on the campaign's PDFs is running."""
    return status.building(Path(outputs) / campaign, MARK)


# --------------------------------------------------------------------------- the worker

class Background:
    """One thread that makes the PDFs and previews of the campaigns it is given, in turn."""

    def __init__(self, log=None):
        self.jobs: queue.Queue[tuple[Path, str] | None] = queue.Queue()
        self.log = log
        self.thread: threading.Thread | None = None
        self._start = threading.Lock()

    def after_build(self, outputs: Path, campaign: str) -> None:
        """Queue a campaign just built (a failed build changed nothing: call only on success)."""
        if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
            return  # nothing to make them with; a request then says so in Vietnamese
        mark = Path(outputs) / campaign / MARK
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
        with self._start:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="vanban-pdf",
                                               daemon=True)
                self.thread.start()
        self.jobs.put((Path(outputs), campaign))

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            if job is None:
                return
            outputs, campaign = job
            try:
                everything(outputs, campaign)
            except PipelineError as error:  # the request for that PDF will say so
                if self.log:
                    self.log(f"{campaign}: chưa tạo được PDF, hình xem trước: {error}")
            except Exception as error:  # never let one campaign stop the others
                if self.log:
                    self.log(f"{campaign}: lỗi khi tạo PDF, hình xem trước: {error!r}")
            finally:
                if not any(j is not None and j[1] == campaign for j in list(self.jobs.queue)):
                    (outputs / campaign / MARK).unlink(missing_ok=True)
                self.jobs.task_done()

    def wait(self, timeout: float = 120.0) -> bool:
        """For tests: until every queued campaign is done."""
        import time

        end = time.monotonic() + timeout
        while self.jobs.unfinished_tasks:
            if time.monotonic() > end:
                return False
            time.sleep(0.05)
        return True

    def stop(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            self.jobs.put(None)


BACKGROUND = Background()
