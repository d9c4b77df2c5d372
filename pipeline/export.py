"""Word -> PDF through LibreOffice (headless), in batches.

One soffice process per core converts a share of the files, each with its own
profile directory (two processes sharing one profile block each other). A
process that hangs is killed at its timeout and its files are tried once more
in a fresh process. A PDF counts only when it really appeared: LibreOffice can
exit 0 without writing one.

Every soffice process of this program starts through `slot()`: at most one per core at
once on the machine, whoever asks (`make pdf`, the web page's PDFs and previews, builds in
the background, in one process or several); the others queue. Within a process the queue
is a semaphore; between processes each place is a lock file of the user's
(`vanban-lo-<uid>/cho-N` in the runtime or temporary folder).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import fcntl
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import ExportError
from .files import WriteError

INSTALL_HINT = (
    "Chưa có LibreOffice để tạo PDF. Trên Debian/Ubuntu chạy `make system-deps` "
    "(cài libreoffice-writer-nogui, fonts-liberation2, poppler-utils)."
)
FONT_HINT = (
    "Máy chưa có phông Liberation Serif 2 (cùng cỡ chữ với Times New Roman, đủ dấu "
    "tiếng Việt); PDF sẽ bị thay phông. Chạy `make system-deps` để cài fonts-liberation2."
)


MAX_PROCESSES = max(1, os.cpu_count() or 1)  # LibreOffice processes at once, all callers
_slots = threading.Semaphore(MAX_PROCESSES)
_running = 0
_counter = threading.Lock()


def _places() -> Path | None:
    """The folder of the machine-wide places (None when it cannot be made private)."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"vanban-lo-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
        return None
    return folder


@contextmanager
def _machine_place():
    """One of MAX_PROCESSES lock files, held while a LibreOffice process runs."""
    folder = _places()
    if folder is None:  # only this process's limit then
        yield
        return
    while True:
        for n in range(MAX_PROCESSES):
            handle = open(folder / f"cho-{n}", "a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        time.sleep(0.1)  # every place taken by other processes: wait for one


@contextmanager
def slot():
    """Hold one of the MAX_PROCESSES places for a LibreOffice process (waits for one)."""
    global _running
    with _slots, _machine_place():
        with _counter:
            _running += 1
        try:
            yield
        finally:
            with _counter:
                _running -= 1


def running() -> int:
    """LibreOffice processes running now (for tests and the status of the page)."""
    return _running


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ExportError(INSTALL_HINT)
    return found


def check_fonts() -> None:
    """Times New Roman must resolve to a font with every Vietnamese glyph (Liberation Serif 2)."""
    if not shutil.which("fc-list"):
        return
    listed = subprocess.run(["fc-list", ":lang=vi", "family"], capture_output=True, text=True)
    if "Liberation Serif" not in listed.stdout and "Times New Roman" not in listed.stdout:
        raise ExportError(FONT_HINT)


def stale(docx: Path) -> bool:
    """Whether the PDF beside `docx` is missing or older than it."""
    pdf = docx.with_suffix(".pdf")
    return not pdf.exists() or pdf.stat().st_mtime < docx.stat().st_mtime


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-" and path.stat().st_size > 500
    except OSError:
        return False


CHUNK = 25  # files per soffice run: progress moves at least this often


@dataclass
class _Held:
    """PDFs kept back from delivery for `_repair`: docx -> (PDF in `folder`, headings)."""

    folder: Path
    check: Callable[[Path, Path], list[str]]
    pdfs: dict[Path, tuple[Path, list[str]]] = field(default_factory=dict)


def _put(made: Path, docx: Path, arrived: Callable[[Path], None] | None) -> None:
    """The PDF `made` put beside `docx` whole (never a half-written PDF there), then said."""
    tmp = docx.with_name(f".{docx.stem}.pdf.tmp")
    shutil.move(str(made), tmp)
    os.replace(tmp, docx.with_suffix(".pdf"))
    if arrived:
        arrived(docx)


def _complete(made: Path, later: list[Path]) -> bool:
    """Whether LibreOffice has finished writing `made` while its run goes on: it converts
    the files in the order given, so a later file's PDF has begun; and the PDF is whole."""
    if not any(n.exists() for n in later) or not _is_pdf(made):
        return False
    with made.open("rb") as handle:
        handle.seek(max(0, made.stat().st_size - 32))
        return b"%%EOF" in handle.read()


def _run_batch(
    binary: str,
    files: list[Path],
    timeout: float,
    profile: Path,
    arrived: Callable[[Path], None] | None = None,
    held: _Held | None = None,
) -> list[Path]:
    """Convert `files` in one soffice process; return those whose PDF did not appear.
    `arrived(docx)`: called as each PDF is put beside its file, while the run goes on.
    `held`: when given, a PDF whose pages leave a heading alone at a page foot is not put
    beside its file but kept there, with those headings, for `_repair`."""
    with tempfile.TemporaryDirectory(prefix="vanban-pdf-") as work:
        outdir = Path(work)
        # Same-named files from different campaigns go to separate sub-folders.
        by_name: dict[str, list[Path]] = {}
        for f in files:
            by_name.setdefault(f.name, []).append(f)
        rounds = max(len(v) for v in by_name.values())
        failed: list[Path] = []
        for i in range(rounds):
            chunk = [v[i] for v in by_name.values() if len(v) > i]
            target = outdir / str(i)
            command = [
                binary,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                "--convert-to",
                "pdf",
                "--outdir",
                str(target),
                *map(str, chunk),
            ]
            made = [target / f"{docx.stem}.pdf" for docx in chunk]
            delivered: set[int] = set()

            def deliver(n: int, chunk=chunk, made=made, delivered=delivered) -> None:
                docx = chunk[n]
                stranded = _headings_left(held.check, made[n], docx) if held is not None else []
                if stranded:
                    kept = held.folder / f"{len(held.pdfs)}" / made[n].name
                    kept.parent.mkdir(parents=True)
                    shutil.move(str(made[n]), kept)
                    held.pdfs[docx] = (kept, stranded)
                    delivered.add(n)
                    return
                _put(made[n], docx, arrived)
                delivered.add(n)

            with slot():
                process = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
                )
                deadline = time.monotonic() + timeout
                try:
                    while arrived and process.poll() is None:  # each PDF as it is done
                        if time.monotonic() > deadline:
                            raise subprocess.TimeoutExpired(command, timeout)
                        for n in range(len(chunk)):
                            if n not in delivered and _complete(made[n], made[n + 1 :]):
                                deliver(n)
                        time.sleep(0.1)
                    process.wait(timeout=max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                except BaseException:  # never leave LibreOffice running behind
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                    raise
            for n, docx in enumerate(chunk):
                if n in delivered:
                    continue
                if _is_pdf(made[n]):
                    deliver(n)
                else:
                    failed.append(docx)
        return failed


def convert(
    files: list[Path],
    jobs: int | None = None,
    timeout: float = 300.0,
    progress: Callable[[int], None] | None = None,
    arrived: Callable[[Path], None] | None = None,
    profile: Path | None = None,
    stranded: Callable[[Path, Path], list[str]] | None = None,
) -> None:
    """Convert every .docx in `files` to a PDF beside it; raise ExportError naming failures.
    `arrived(docx)`: called as each PDF is ready, before the run that made it ends.
    `profile`: LibreOffice's profile folder to use and keep (one job only: two processes
    sharing one block each other); a new one in a temporary folder otherwise.
    `stranded(pdf, docx)`: for the program's own documents, the headings a PDF leaves alone
    at a page foot (pipeline.formatcheck.rendered.stranded_headings); where there are any,
    the PDF is made again with a page break before them (`_repair`)."""
    if not files:
        return
    binary = soffice()
    check_fonts()
    jobs = max(1, min(jobs or MAX_PROCESSES, MAX_PROCESSES, len(files)))
    shares = [files[i::jobs] for i in range(jobs)]

    def work(share: list[Path]) -> list[Path]:
        failed: list[Path] = []
        with tempfile.TemporaryDirectory(prefix="vanban-lo-") as home:
            kept = profile if profile is not None and jobs == 1 else Path(home) / "profile"
            for start in range(0, len(share), CHUNK):
                chunk = share[start : start + CHUNK]
                held = _Held(Path(home) / f"held-{start}", stranded) if stranded else None
                missed = _run_batch(binary, chunk, timeout + 10 * len(chunk), kept, arrived, held)
                # A hung or crashed run: each file once more, alone, with a fresh profile.
                failed += [
                    f for f in missed if _run_batch(binary, [f], timeout, Path(home) / f"retry-{f.stem}", arrived, held)
                ]
                for docx, (pdf, headings) in (held.pdfs if held else {}).items():
                    _repair(binary, docx, pdf, headings, timeout, kept, arrived, held.check)
                if progress:
                    progress(len(chunk))
        return failed

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        failed = [f for result in pool.map(work, shares) for f in result]
    if failed:
        names = ", ".join(str(f) for f in failed)
        raise ExportError(f"LibreOffice không chuyển được sang PDF: {names}.")


# ------------------------------------------------------------ headings LibreOffice strands

REPAIR_ROUNDS = 3  # conversions of one document at most, each with one more page break


def _headings_left(check: Callable[[Path, Path], list[str]], pdf: Path, docx: Path) -> list[str]:
    """The headings `pdf`'s pages leave alone at a page foot ([] when it cannot tell)."""
    try:
        return check(pdf, docx)
    except Exception:  # noqa: BLE001 - a PDF the check cannot read is delivered as made
        return []


def _with_breaks(docx: Path, copy: Path, headings: set[str]) -> bool:
    """`docx` written to `copy` with a page break before each of `headings`; whether any
    was found (pipeline.pagination.break_before). False too when the document cannot be
    read or the copy written (gone meanwhile, a full disk): the first PDF then stands."""
    from lxml import etree

    from .ooxml import schema_order
    from .pagination import break_before

    try:
        with zipfile.ZipFile(docx) as source:
            root = etree.fromstring(source.read("word/document.xml"))
            if not break_before(root, sorted(headings)):
                return False
            schema_order(root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    data = source.read(item.filename)
                    if item.filename == "word/document.xml":
                        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                    target.writestr(item, data)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return False
    return True


def _repair(
    binary: str,
    docx: Path,
    pdf: Path,
    stranded: list[str],
    timeout: float,
    profile: Path,
    arrived: Callable[[Path], None] | None,
    check: Callable[[Path, Path], list[str]],
) -> None:
    """Put beside `docx` a PDF without the headings `stranded` alone at a page foot.

    LibreOffice (7.4) leaves a heading that keeps with the next paragraph (`w:keepNext`,
    in its style and on the paragraph) alone at the foot of a page in some layouts, and
    which layouts depends on how many paragraphs come before it, not on the room left (the
    generated campaigns found it; issue 17). Word keeps it. A copy of the document with a
    page break before each such heading is converted instead, as many times as new ones
    appear (REPAIR_ROUNDS at most); the PDF with the fewest is delivered. The .docx is
    never changed."""
    best, fewest = pdf, len(stranded)
    headings = set(stranded)
    for attempt in range(REPAIR_ROUNDS):
        copy = pdf.parent / f"{pdf.stem}-{attempt}" / docx.name
        if not _with_breaks(docx, copy, headings):
            break
        if _run_batch(binary, [copy], timeout, profile):
            break  # the copy did not convert: the first PDF stands
        made = copy.with_suffix(".pdf")
        left = _headings_left(check, made, copy)
        if len(left) < fewest:
            best, fewest = made, len(left)
        if not left or set(left) <= headings:
            break
        headings |= set(left)
    _put(best, docx, arrived)


# ------------------------------------------------------------ what pdf and check-format read


def generated_documents(outputs: Path) -> list[Path]:
    """The .docx files of every campaign folder of `outputs` (not hidden, not Word's locks)."""
    outputs = Path(outputs)
    if not outputs.is_dir():
        return []
    return [
        f
        for folder in sorted(p for p in outputs.iterdir() if p.is_dir())
        for f in sorted(folder.glob("*.docx"))
        if not f.name.startswith((".", "~$"))
    ]


def pdf_sources(outputs: Path, campaigns: tuple[str, ...] = ()) -> list[Path]:
    """The documents `make pdf` converts; PipelineError when there is nothing to convert."""
    outputs = Path(outputs)
    if campaigns:
        found = []
        for raw in campaigns:
            name = raw.strip().rstrip("/\\")
            folder = outputs / name
            if not name or not folder.is_dir():
                raise WriteError(
                    f'Chưa có văn bản nào của đợt "{raw}" trong {outputs}/: hãy kiểm '
                    f"tra tên đợt (CAMPAIGN=) và chạy make all CAMPAIGN={name or raw} "
                    "trước khi tạo PDF."
                )
            documents = [f for f in sorted(folder.glob("*.docx")) if not f.name.startswith((".", "~$"))]
            if not documents:
                raise WriteError(
                    f"Thư mục {folder}/ chưa có văn bản .docx nào để chuyển sang PDF: "
                    f"hãy chạy make all CAMPAIGN={name} trước."
                )
            found += documents
        return found
    found = generated_documents(outputs)
    if not found:
        raise WriteError(f"Chưa có văn bản .docx nào trong {outputs}/ để chuyển sang PDF: hãy chạy make all trước.")
    return found
