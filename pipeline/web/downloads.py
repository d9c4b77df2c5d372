"""Downloads: a document (a PDF made from an earlier version of it is made again first), a
campaign as a zip (old documents set apart), the self-scoring forms, the blank and the
example workbooks."""

import io
import zipfile
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from .. import listing, pregenerate, runner
from ..errors import PipelineError, ValidationError
from . import requestguard
from .site import DOWNLOADABLE, HERE, Site, page


async def download(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    path = site.document(name, request.path_params["file"])
    docx = path.with_suffix(".docx")
    if path.suffix == ".pdf" and docx.is_file() and pregenerate.stale(docx):
        # made from an earlier version of its document: the current one is made first
        return RedirectResponse(f"/dot/{quote(name)}/pdf/{quote(docx.name)}", status_code=303)
    inline = path.suffix in (".html", ".pdf", ".txt")
    return FileResponse(path, filename=path.name, content_disposition_type="inline" if inline else "attachment")


def _outdated_pdf(path: Path) -> bool:
    """A PDF made from an earlier version of the Word document beside it (never zipped)."""
    docx = path.with_suffix(".docx")
    return path.suffix == ".pdf" and docx.is_file() and pregenerate.stale(docx)


def _zip(paths: list[Path], notes: dict[str, str] | None = None, old: frozenset[str] = frozenset()) -> bytes:
    """The files as a zip, `notes` first; the files named in `old` go into OLD_FOLDER."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (notes or {}).items():  # read first: at the top of the list
            archive.writestr(name, ("\r\n".join(text.splitlines()) + "\r\n").encode("utf-8-sig"))
        for path in paths:
            archive.write(path, f"{OLD_FOLDER}/{path.name}" if path.name in old else path.name)
    return buffer.getvalue()


OLD_NOTE = "BAN-CU.txt"
OLD_FOLDER = "BAN-CU"  # a zip of a partly rebuilt campaign: its old documents, set apart


def _partly_old_note(entry: listing.Entry, only_pdf: bool) -> str:
    """Why the documents in OLD_FOLDER are old, and which they are (for Notepad)."""
    rows = [d for d in entry.rows if entry.is_old(d)]
    kind = "tệp PDF" if only_pdf else "văn bản"
    newest = max(
        p.stat().st_mtime
        for d in rows
        for p in d.files  # not a PDF made later
        if p.suffix != ".pdf" or len(d.files) == 1
    )
    return (
        f"{listing.OLD_BANNER.upper()}\n\n"
        f"Các {kind} trong thư mục {OLD_FOLDER} này là BẢN CŨ, của lần tạo thành công trước "
        f"(tạo lúc {datetime.fromtimestamp(newest).strftime('%d/%m/%Y %H:%M')} "
        "hoặc trước đó).\n"
        f"Lần tạo lại lúc {entry.when}, dữ liệu mới có lỗi nên chưa tạo lại được các văn bản "
        "này; số liệu trong đó có thể không còn đúng: đừng gửi đi.\n"
        f"Các {kind} ở ngoài thư mục {OLD_FOLDER} vừa được tạo lại từ dữ liệu mới.\n\n"
        "Văn bản cũ:\n"
        + "".join(f"- {d.title}\n" for d in rows)
        + f"\nXem lỗi trên trang của đợt {entry.name} (hoặc trong tệp LOI.txt), sửa bảng tính, "
        "tải lên lại, rồi tải tệp nén mới.\n"
    )


def _old_note(entry: listing.Entry) -> str:
    """Why the documents of a zip are old (BAN-CU.txt, for Notepad)."""
    return (
        f"{listing.OLD_BANNER.upper()}\n\n"
        f"Các văn bản trong tệp nén này là BẢN CŨ, tạo lúc {entry.built_at}.\n"
        f"Lần tạo lại lúc {entry.when}, dữ liệu mới có lỗi nên chưa tạo lại được văn bản; "
        "số liệu trong các văn bản này có thể không còn đúng.\n"
        f"Xem lỗi trên trang của đợt {entry.name} (hoặc trong tệp LOI.txt), sửa bảng tính, "
        "tải lên lại, rồi tải tệp nén mới.\n"
    )


async def campaign_zip(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    entry = listing.entry(site.outputs, name, site.inputs)
    only_pdf = request.url.path.endswith("/tat-ca-pdf.zip")
    files = [p for p in entry.files if p.suffix in ((".pdf",) if only_pdf else DOWNLOADABLE) and not _outdated_pdf(p)]
    if only_pdf:
        missing = [p for p in entry.files if p.suffix == ".docx" and pregenerate.stale(p)]
        if missing:
            try:
                await run_in_threadpool(pregenerate.ensure_pdfs, site.outputs, name, missing)
            except PipelineError as error:
                return page(request, "error.html", 503, message=str(error))
            entry = listing.entry(site.outputs, name, site.inputs)
            files = [p for p in entry.files if p.suffix == ".pdf" and not _outdated_pdf(p)]
    if not files:
        return page(request, "error.html", 404, message=f"Đợt {name} chưa có văn bản nào.")
    notes = {OLD_NOTE: _old_note(entry)} if entry.old else None
    old = frozenset(entry.old_names) if entry.partly_old else frozenset()
    if old & {p.name for p in files}:
        notes = {f"{OLD_FOLDER}/{OLD_NOTE}": _partly_old_note(entry, only_pdf)}
    data = await run_in_threadpool(_zip, files, notes, old)
    stem = f"{name}-pdf" if only_pdf else name
    filename = f"{stem}-ban-cu.zip" if entry.old else f"{stem}.zip"
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": requestguard.content_disposition("attachment", filename)},
    )


def _write_forms(site: Site, campaign: str) -> list[Path]:
    from ..forms.writer import write_forms
    from ..load import load_campaign
    from ..validate import validate_for_forms

    with runner.campaign_lock(site.outputs, campaign):
        basis = validate_for_forms(load_campaign(site.inputs / campaign, photos=False))
        return write_forms(basis, site.outputs / campaign)


async def forms_zip(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    try:
        written = await run_in_threadpool(_write_forms, site, name)
    except ValidationError as error:
        return page(
            request,
            "error.html",
            400,
            problems=error.problems,
            message=f"Dữ liệu của đợt {name} có {len(error.problems)} lỗi, chưa tạo biểu tự chấm nào:",
        )
    except PipelineError as error:
        return page(request, "error.html", 400, message=str(error))
    data = await run_in_threadpool(_zip, written)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": requestguard.content_disposition("attachment", f"bieu-tu-cham-{name}.zip")},
    )


def _blank(site: Site) -> Path:
    from ..blank import write_blank_workbook

    path = site.outputs / "du-lieu-trong.xlsx"
    if _older_than_its_code(path, "blank.py", "contract.py", "kinds.py"):
        write_blank_workbook(path)
    return path


def _older_than_its_code(path: Path, *modules: str) -> bool:
    """A workbook written once is kept; a newer version of the program writes it again."""
    if not path.is_file():
        return True
    code = HERE.parent
    return any(path.stat().st_mtime < (code / m).stat().st_mtime for m in modules)


async def blank(request: Request) -> Response:
    path = await run_in_threadpool(_blank, request.app.state.site)
    return FileResponse(path, filename=path.name)


def _example(site: Site) -> Path:
    from ..example import write_example_workbook

    path = site.outputs / "du-lieu-mau.xlsx"
    if _older_than_its_code(path, "example.py", "blank.py", "contract.py", "kinds.py"):
        write_example_workbook(path)
    return path


async def example(request: Request) -> Response:
    path = await run_in_threadpool(_example, request.app.state.site)
    return FileResponse(path, filename=path.name)
