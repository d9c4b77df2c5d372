"""PDFs and page previews, made in the background after a build, or on request.

After a build on the web page or by the watcher that wrote documents, the Word
documents of the campaign whose PDF is missing or older are converted: first those a
clerk opens first (the meeting minutes and the proposal, FIRST), then all the others,
in one LibreOffice run; each PDF is put in place as soon as LibreOffice has written it,
and its pages are drawn as PNG images (`outputs/<campaign>/.xem/<document>/trang-N.png`)
while the run goes on, so that a clerk who opens a preview or a PDF a few seconds later
waits under a second. The same functions serve a request that comes first; a request
for a document that a conversion under way is making waits for it instead of starting
LibreOffice again.

`_convert` is the one place that starts LibreOffice for the web page and the watcher
(pipeline/export.py limits how many run at once on the machine). It converts copies in
a temporary folder, outside the campaign's lock (a build is never kept waiting for
LibreOffice); a PDF is put beside its document, under the lock, only when the document
did not change meanwhile, with the fingerprint of the Word file it came from
(`.xem/<document>/.pdf-nguon`): a PDF or a page image never shows other figures than
its Word file, even where two writes fall in one tick of the file system's clock.

While the background work runs, `outputs/<campaign>/.vanban-dang-tao-pdf` exists
(the campaign's page says "Đang tạo sẵn PDF…"), holding the id of the process doing it:
a request of the web page waits for the watcher's background too.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from . import kinds as registry
from . import listing, runner
from .errors import ExportError, PipelineError
from .files import write_atomic

PREVIEW_DPI = 90
PREVIEWS = ".xem"
MARK = ".vanban-dang-tao-pdf"
SOURCE = ".pdf-nguon"  # in .xem/<document>/: the Word file the PDF beside it was made from
STAMP = ".nguon"  # in .xem/<document>/: the PDF its page images were drawn from
FIRST = (registry.MEETING, registry.PROPOSAL)  # kinds a clerk opens first after a build

_STATE = threading.Condition()
_MAKING: dict[Path, object] = {}  # documents a conversion under way makes -> which one
_REQUESTS = [0]  # requests waiting for a conversion: the background lets them go first
CONVERSIONS = [0]  # LibreOffice runs started here (for tests)


def _fingerprint(path: Path) -> str:
    """Which file this is: a build replaces a document with a new file (os.replace)."""
    info = path.stat()
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def _cache(docx: Path) -> Path:
    return docx.parent / PREVIEWS / docx.stem


def stale(docx: Path) -> bool:
    """Whether the PDF beside `docx` is missing or was made from another version of it."""
    pdf = docx.with_suffix(".pdf")
    try:
        if pdf.stat().st_mtime_ns < docx.stat().st_mtime_ns:
            return True
        source = (_cache(docx) / SOURCE).read_text().split("|")
    except FileNotFoundError:
        return not pdf.exists() or not docx.exists()
    try:  # recorded for this very PDF (not one `make pdf` wrote since): it must match
        return source[1] == _fingerprint(pdf) and source[0] != _fingerprint(docx)
    except (IndexError, FileNotFoundError):
        return True


def _convert(outputs: Path, campaign: str, documents: list[Path], ready: Callable[[Path], None] | None = None) -> None:
    """PDFs of `documents` (Word files of one campaign) beside them; ExportError on failure.
    A document that another conversion under way is making is waited for, not converted
    twice (converted here after all when that one did not make it). `ready(document)`: as
    each PDF this conversion makes is in place, while the run goes on."""
    while True:
        token = object()
        with _STATE:
            wanted = [d for d in documents if d.is_file() and stale(d)]
            mine = [d for d in wanted if d.absolute() not in _MAKING]
            theirs = [d for d in wanted if d.absolute() in _MAKING]
            for document in mine:
                _MAKING[document.absolute()] = token
        if mine:
            try:
                _run(outputs, campaign, mine, token, ready)
            finally:
                _done(mine, token)
        if not theirs:
            return
        with _STATE:
            _STATE.wait_for(lambda theirs=theirs: not any(d.absolute() in _MAKING for d in theirs))
        documents = theirs


def _done(documents: list[Path], token: object) -> None:
    """The conversion that `token` names no longer makes `documents`: who waits, goes on."""
    with _STATE:
        for document in documents:
            if _MAKING.get(document.absolute()) is token:
                del _MAKING[document.absolute()]
        _STATE.notify_all()


_PROFILES: list[Path] = []  # LibreOffice profiles kept between runs, one per run at once
_HOME: list[Path] = []


def _profile() -> Path:
    """A LibreOffice profile folder no run uses now (a new one starts 0.3 s slower)."""
    import atexit

    with _STATE:
        if _PROFILES:
            return _PROFILES.pop()
        if not _HOME:
            _HOME.append(Path(tempfile.mkdtemp(prefix="vanban-xem-lo-")))
            atexit.register(shutil.rmtree, _HOME[0], True)
        return _HOME[0] / f"profile-{len(list(_HOME[0].iterdir()))}-{os.urandom(4).hex()}"


def _run(
    outputs: Path, campaign: str, documents: list[Path], token: object, ready: Callable[[Path], None] | None = None
) -> None:
    """One LibreOffice run over copies of `documents`; each PDF put beside its document as
    it is done, when the document is still the one converted."""
    from . import export
    from .formatcheck.rendered import stranded_headings

    with tempfile.TemporaryDirectory(prefix="vanban-xem-") as work:
        seen, of_copy = {}, {}
        for document in documents:
            seen[document] = _fingerprint(document)
            copy = Path(work) / document.name
            shutil.copyfile(document, copy)
            of_copy[copy] = document

        def arrived(copy: Path) -> None:
            document = of_copy.pop(copy)
            try:
                placed = _place(outputs, campaign, document, copy.with_suffix(".pdf"), seen[document])
            except OSError:  # said by the request that finds it missing
                placed = False
            _done([document], token)
            if placed and ready:
                ready(document)

        CONVERSIONS[0] += 1
        profile = _profile()
        export.convert(list(of_copy), jobs=1, arrived=arrived, profile=profile, stranded=stranded_headings)
        for copy in [c for c in of_copy if c.with_suffix(".pdf").is_file()]:
            arrived(copy)  # any the run did not hand over as it went
        with _STATE:
            _PROFILES.append(profile)  # not after a failure: that one may be broken


def _place(outputs: Path, campaign: str, document: Path, made: Path, seen: str) -> bool:
    """The PDF `made` from `document` as it was (`seen`) beside it, unless it changed."""
    with runner.campaign_lock(outputs, campaign):
        try:
            unchanged = _fingerprint(document) == seen
        except FileNotFoundError:
            unchanged = False
        if not unchanged or not made.is_file():
            return False
        target = document.with_suffix(".pdf")
        temporary = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(made, temporary)
        written = max(temporary.stat().st_mtime_ns, document.stat().st_mtime_ns)
        os.utime(temporary, ns=(written, written))  # never older than its source
        os.replace(temporary, target)  # a download under way keeps the old file
        _cache(document).mkdir(parents=True, exist_ok=True)
        write_atomic(_cache(document) / SOURCE, f"{seen}|{_fingerprint(target)}".encode())
        return True


def _elsewhere(outputs: Path, campaign: str) -> bool:
    """Whether another process's background (the watcher's, beside the web page) is making
    the campaign's PDFs now."""
    try:
        pid = int((Path(outputs) / campaign / MARK).read_text() or 0)
        if pid in (0, os.getpid()) or not busy(outputs, campaign):
            return False
        os.kill(pid, 0)  # still running
        return True
    except (OSError, ValueError):
        return False


def _wait_elsewhere(outputs: Path, campaign: str, documents: list[Path], timeout: float = 120.0) -> None:
    """Until the other process's background has made these PDFs, or stopped."""
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end and _elsewhere(outputs, campaign) and any(d.is_file() and stale(d) for d in documents):
        time.sleep(0.1)


def ensure_pdfs(outputs: Path, campaign: str, documents: list[Path]) -> None:
    """A request's PDFs, made now in one run where missing or older than their documents
    (before the background's next run; those a run under way makes are waited for, in
    this process or in the watcher's)."""
    if any(stale(d) for d in documents):
        with _STATE:
            _REQUESTS[0] += 1
        try:
            _wait_elsewhere(outputs, campaign, documents)
            _convert(outputs, campaign, documents)
        finally:
            with _STATE:
                _REQUESTS[0] -= 1
                _STATE.notify_all()


def ensure_pdf(outputs: Path, campaign: str, docx: Path) -> Path:
    """The PDF of `docx`, made now if it is missing or older than the document."""
    ensure_pdfs(outputs, campaign, [docx])
    return docx.with_suffix(".pdf")


def _after_requests(timeout: float = 300.0) -> None:
    """The background waits while a request waits for its own PDF."""
    with _STATE:
        _STATE.wait_for(lambda: not _REQUESTS[0], timeout=timeout)


def current_pages(docx: Path) -> bool:
    """Whether the page images in the cache were drawn from the current PDF of `docx`."""
    try:
        return not stale(docx) and (_cache(docx) / STAMP).read_text() == _fingerprint(docx.with_suffix(".pdf"))
    except FileNotFoundError:
        return False


def _draw(pdf: Path, cache: Path) -> None:
    """The pages of `pdf` as cache/trang-N.png: drawn by pdftoppm as raw images, written
    as PNG at the fastest compression (pdftoppm's own PNG takes six times as long)."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="vanban-trang-", dir=cache) as work:
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(PREVIEW_DPI), str(pdf), str(Path(work) / "trang")],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except FileNotFoundError:
            raise ExportError(
                "Máy chưa có công cụ poppler-utils (pdftoppm) để xem trước trang; hãy báo người quản trị cài thêm."
            ) from None
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            raise ExportError(f"Không dựng được hình các trang của {pdf.name}.") from None
        for raw in Path(work).glob("trang-*.ppm"):
            number = int(raw.stem.rsplit("-", 1)[1])  # pdftoppm pads: trang-01, trang-001
            with Image.open(raw) as image:
                image.save(cache / f"trang-{number}.png", compress_level=1)


def page_images(outputs: Path, campaign: str, docx: Path) -> list[Path]:
    """The pages of a document as PNG images (cached, redone when the PDF changes)."""
    made = ensure_pdf(outputs, campaign, docx)
    cache = _cache(docx)
    stamp = cache / STAMP
    with runner.campaign_lock(outputs, campaign):
        mark = _fingerprint(made)
        if not stamp.is_file() or stamp.read_text() != mark:
            for old in cache.glob("trang-*.png"):
                old.unlink()
            cache.mkdir(parents=True, exist_ok=True)
            _draw(made, cache)
            stamp.write_text(mark)
    return sorted(cache.glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def campaign_documents(outputs: Path, campaign: str) -> list[Path]:
    return [p for p in listing.documents(Path(outputs) / campaign) if p.suffix == ".docx"]


def _first(docx: Path) -> bool:
    from . import catalogue

    found = catalogue._kind_of(docx.name)
    return found is not None and found[1].slug in FIRST


def everything(outputs: Path, campaign: str) -> None:
    """Every PDF and page preview of a campaign, in one LibreOffice run: those a clerk opens
    first (FIRST), then the others in the order of the work; each PDF's pages are drawn as
    soon as it is there, while the run goes on (one run, not one per few documents: each
    start of LibreOffice costs a second or more). A clerk's request waiting for another
    document goes first. The first error is raised once the rest is done."""
    from . import catalogue

    entry = listing.entry(outputs, campaign)
    documents = [d.docx for d in catalogue.documents(entry.files, entry.names) if d.docx]
    documents = [d for d in documents if _first(d)] + [d for d in documents if not _first(d)]
    errors: list[PipelineError] = []

    def draw(docx: Path) -> None:
        if docx.is_file() and not stale(docx):
            try:
                page_images(outputs, campaign, docx)
            except PipelineError as error:
                errors.append(error)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vanban-trang") as drawing:
        _after_requests()
        try:
            _convert(outputs, campaign, documents, ready=lambda docx: drawing.submit(draw, docx))
        except PipelineError as error:
            errors.append(error)
        for docx in documents:  # those made by a request meanwhile, or there before
            drawing.submit(draw, docx)
    if errors:
        raise errors[0]


def busy(outputs: Path, campaign: str) -> bool:
    """Whether the background work on the campaign's PDFs is running."""
    return listing.building(Path(outputs) / campaign, MARK)


# --------------------------------------------------------------------------- the worker


class Background:
    """One thread that makes the PDFs and previews of the campaigns it is given, in turn."""

    def __init__(self, log=None):
        self.jobs: queue.Queue[tuple[Path, str] | None] = queue.Queue()
        self.log = log
        self.thread: threading.Thread | None = None
        self._start = threading.Lock()

    def after_build(self, outputs: Path, campaign: str) -> None:
        """Queue a campaign whose build wrote documents."""
        if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
            return  # nothing to make them with; a request then says so in Vietnamese
        mark = Path(outputs) / campaign / MARK
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.write_text(str(os.getpid()))  # whose background: see _elsewhere
        with self._start:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="vanban-pdf", daemon=True)
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
