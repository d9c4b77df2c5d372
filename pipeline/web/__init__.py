"""`vanban serve`: a small local web page for staff who never see a terminal.

Starlette with server-rendered Jinja pages (a few lines of plain JavaScript say
"Đang tạo…" and keep a button from being pressed twice; every page works without
it): the campaigns and their state, uploads of a workbook, photos and returned
forms, the errors as a table, the documents by title (pipeline/catalogue.py),
old documents marked as old, downloads (documents, PDFs, a campaign as .zip, the
blank and the example workbooks, the self-scoring forms) and each document's
pages as images, made in the background after each build (pipeline/pregenerate.py).
Earlier workbooks: web/history.py; the bin: web/trash.py.

Every build goes through `status.build_and_record` under the campaign's lock,
so two uploads to one campaign are served one after the other, and the web page,
the watcher and `make` record the same state in outputs/.
"""
from __future__ import annotations

import asyncio
import base64
import hmac
import io
import ipaddress
import os
import zipfile
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from .. import messages, pregenerate, status
from ..config import TEMPLATES
from ..errors import InputError, PipelineError, ValidationError
from ..contract import WORKBOOK, is_campaign
from . import history, requestguard, trash, uploads
from .throttle import Throttle

HERE = Path(__file__).parent
MAX_UPLOAD = 50 * 1024 * 1024  # bytes in one upload, every file together
MAX_FILES = 200
PASSWORD_VARIABLE = "VANBAN_PASSWORD"
DOWNLOADABLE = (".docx", ".pdf", ".html", ".xlsx")
PREVIEW_DPI = pregenerate.PREVIEW_DPI


class Site:
    """The folders and settings the pages work on."""

    def __init__(self, inputs: Path, outputs: Path, templates: Path = TEMPLATES,
                 build: Callable | None = None,
                 background: pregenerate.Background | None = None):
        self.inputs, self.outputs, self.templates = Path(inputs), Path(outputs), Path(templates)
        self.build = build or status.build_and_record
        self.background = background  # PDFs and previews made after each build (serve)

    def built(self, campaign: str, result) -> None:
        """A build ended: its PDFs and page previews are made in the background."""
        if self.background is not None and getattr(result, "state", None) == status.BUILT:
            self.background.after_build(self.outputs, campaign)

    def campaign(self, name: str) -> str:
        """A campaign named in a URL: known, and only ever one folder; else 404."""
        if not uploads.is_campaign_name(name) or not (
                (self.inputs / name).is_dir() or (self.outputs / name).is_dir()):
            raise HTTPException(404, f"Không có đợt thi đua {name}.")
        return name

    def document(self, campaign: str, name: str) -> Path:
        """A file of the campaign's listing (never any other path); else 404."""
        for path in status.documents(self.outputs / campaign):
            if path.name == name:
                return path
        if name in (status.ERRORS, status.WARNINGS) and (self.outputs / campaign / name).is_file():
            return self.outputs / campaign / name
        raise HTTPException(404, f"Đợt {campaign} không có tệp {name}.")


def _pages() -> Jinja2Templates:
    pages = Jinja2Templates(directory=str(HERE / "templates"))
    pages.env.globals["q"] = lambda text: quote(str(text), safe="")
    pages.env.globals["old_banner"] = status.OLD_BANNER
    pages.env.globals["groups"] = messages.groups
    pages.env.globals["shown_name"] = lambda name: name  # the campaign's page says more
    return pages


PAGES = _pages()


def page(request: Request, name: str, status_code: int = 200, **context) -> Response:
    return PAGES.TemplateResponse(request, name, context, status_code=status_code)


# --------------------------------------------------------------------------- pages

async def home(request: Request) -> Response:
    site: Site = request.app.state.site
    return page(request, "index.html", entries=status.campaigns(site.outputs, site.inputs),
                removed=trash.removed(site.inputs, site.outputs),
                just_removed=request.query_params.get("da-xoa"))


async def upload(request: Request) -> Response:
    site: Site = request.app.state.site
    async with request.form(max_files=MAX_FILES, max_fields=20) as form:
        typed = str(form.get("dot") or "").strip()
        from_campaign_page = form.get("nguon") == "dot"
        try:
            # An existing folder keeps its name (even one made by hand, such as Cum_1);
            # a new one gets a plain name.
            campaign = typed if uploads.is_campaign_name(typed) and (
                site.inputs / typed).is_dir() else uploads.campaign_slug(typed)
            files = [uploads.workbook(f.filename, await f.read()) for f in _files(form, "du_lieu")]
            files += [uploads.photo(f.filename, await f.read()) for f in _files(form, "anh")]
            files += [uploads.returned_form(f.filename, await f.read())
                      for f in _files(form, "tu_cham")]
            if len(_files(form, "du_lieu")) > 1:
                raise InputError("Mỗi lần chỉ tải lên một bảng tính du-lieu.xlsx.")
            if not files:
                raise InputError("Chưa chọn tệp nào để tải lên.")
            if not is_campaign(site.inputs / campaign) and not any(
                    f.target == WORKBOOK for f in files):
                raise InputError(f"Đợt {campaign} chưa có bảng tính: hãy tải lên {WORKBOOK} "
                                 "cùng với ảnh hoặc biểu tự chấm.")
        except InputError as error:
            entries = status.campaigns(site.outputs, site.inputs)
            if from_campaign_page:
                if any(e.name == typed for e in entries):
                    return page(request, "campaign.html", 400, error=str(error),
                                **_campaign_context(site, typed), uploaded=None)
            return page(request, "index.html", 400, error=str(error), typed=typed,
                        entries=entries)
    await run_in_threadpool(_save_and_build, site, campaign, files)
    return RedirectResponse(f"/dot/{quote(campaign)}?tai-len={len(files)}", status_code=303)


def _files(form, field: str) -> list[UploadFile]:
    return [f for f in form.getlist(field) if isinstance(f, UploadFile) and f.filename]


def _save_and_build(site: Site, campaign: str, files: list[uploads.Incoming]) -> None:
    """One upload: files saved and the campaign built, alone (other uploads wait)."""
    folder = site.inputs / campaign
    with status.campaign_lock(site.outputs, campaign):
        folder.mkdir(parents=True, exist_ok=True)
        uploads.save(folder, files)
        result = site.build(folder, site.outputs, templates=site.templates, inputs=site.inputs,
                            locked=True)
    site.built(campaign, result)


async def campaign_page(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    return page(request, "campaign.html", **_campaign_context(site, name),
                uploaded=request.query_params.get("tai-len"),
                restored=request.query_params.get("dung-lai"),
                back_from_bin=request.query_params.get("khoi-phuc"))


def _campaign_context(site: Site, name: str) -> dict:
    """What the campaign's page shows besides the messages of the moment."""
    names = uploads.original_names(site.inputs / name)
    return {"entry": status.entry(site.outputs, name, site.inputs),
            "workbooks": history.workbooks(site.inputs, name),
            "making_pdfs": pregenerate.busy(site.outputs, name),
            "shown_name": lambda file: f"{names[file]} (lưu thành {file})" if file in names
            else file}


async def download(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    path = site.document(name, request.path_params["file"])
    inline = path.suffix in (".html", ".pdf", ".txt")
    return FileResponse(path, filename=path.name,
                        content_disposition_type="inline" if inline else "attachment")


def _ensure_pdf(site: Site, campaign: str, docx: Path) -> Path:
    return pregenerate.ensure_pdf(site.outputs, campaign, docx)


def _word_document(request: Request) -> tuple[Site, str, Path]:
    """The site, the campaign and the Word document a request names (404 for anything else)."""
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    docx = site.document(name, request.path_params["file"])
    if docx.suffix != ".docx":
        raise HTTPException(404, f"{docx.name} không phải văn bản Word.")
    return site, name, docx


async def pdf(request: Request) -> Response:
    site, name, docx = _word_document(request)
    try:
        made = await run_in_threadpool(_ensure_pdf, site, name, docx)
    except PipelineError as error:
        return page(request, "error.html", 503, message=str(error))
    return FileResponse(made, filename=made.name, content_disposition_type="inline")


def _page_images(site: Site, campaign: str, docx: Path) -> list[Path]:
    """The pages of a document as PNG images (cached beside it, redone when the PDF changes)."""
    return pregenerate.page_images(site.outputs, campaign, docx)


async def preview(request: Request) -> Response:
    site, name, docx = _word_document(request)
    try:
        images = await run_in_threadpool(_page_images, site, name, docx)
    except PipelineError as error:
        return page(request, "error.html", 503, message=str(error))
    entry = status.entry(site.outputs, name, site.inputs)
    row = next((d for d in entry.rows if d.docx == docx), None)
    return page(request, "preview.html", campaign=name, document=docx.name,
                title=row.title if row else docx.name, entry=entry,
                pages=[p.name for p in images])


async def page_image(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    docx = site.document(name, request.path_params["file"])
    image = request.path_params["image"]
    path = site.outputs / name / pregenerate.PREVIEWS / docx.stem / image
    if not (image.startswith("trang-") and image.endswith(".png")) or "/" in image \
            or not path.is_file():
        raise HTTPException(404, f"Không có trang {image}.")
    return FileResponse(path, media_type="image/png")


def _zip(paths: list[Path], notes: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (notes or {}).items():  # read first: at the top of the list
            archive.writestr(name, ("\r\n".join(text.splitlines()) + "\r\n").encode("utf-8-sig"))
        for path in paths:
            archive.write(path, path.name)
    return buffer.getvalue()


OLD_NOTE = "BAN-CU.txt"


def _old_note(entry: status.Entry) -> str:
    """Why the documents of a zip are old (BAN-CU.txt, for Notepad)."""
    return (f"{status.OLD_BANNER.upper()}\n\n"
            f"Các văn bản trong tệp nén này là BẢN CŨ, tạo lúc {entry.built_at}.\n"
            f"Lần tạo lại lúc {entry.when}, dữ liệu mới có lỗi nên chưa tạo lại được văn bản; "
            "số liệu trong các văn bản này có thể không còn đúng.\n"
            f"Xem lỗi trên trang của đợt {entry.name} (hoặc trong tệp LOI.txt), sửa bảng tính, "
            "tải lên lại, rồi tải tệp nén mới.\n")


async def campaign_zip(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    entry = status.entry(site.outputs, name, site.inputs)
    only_pdf = request.url.path.endswith("/tat-ca-pdf.zip")
    files = [p for p in entry.files if p.suffix in ((".pdf",) if only_pdf else DOWNLOADABLE)]
    if only_pdf:
        missing = [p for p in entry.files if p.suffix == ".docx" and pregenerate.stale(p)]
        if missing:
            try:
                await run_in_threadpool(pregenerate.everything, site.outputs, name)
            except PipelineError as error:
                return page(request, "error.html", 503, message=str(error))
            entry = status.entry(site.outputs, name, site.inputs)
            files = [p for p in entry.files if p.suffix == ".pdf"]
    if not files:
        return page(request, "error.html", 404, message=f"Đợt {name} chưa có văn bản nào.")
    notes = {OLD_NOTE: _old_note(entry)} if entry.old else None
    data = await run_in_threadpool(_zip, files, notes)
    stem = f"{name}-pdf" if only_pdf else name
    filename = f"{stem}-ban-cu.zip" if entry.old else f"{stem}.zip"
    return Response(data, media_type="application/zip",
                    headers={"Content-Disposition": requestguard.content_disposition("attachment", filename)})


def _write_forms(site: Site, campaign: str) -> list[Path]:
    from ..forms.writer import write_forms
    from ..load import load_campaign
    from ..validate import validate_for_forms

    with status.campaign_lock(site.outputs, campaign):
        basis = validate_for_forms(load_campaign(site.inputs / campaign))
        return write_forms(basis, site.outputs / campaign)


async def forms_zip(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    try:
        written = await run_in_threadpool(_write_forms, site, name)
    except ValidationError as error:
        return page(request, "error.html", 400, problems=error.problems,
                    message=f"Dữ liệu của đợt {name} có {len(error.problems)} lỗi, chưa tạo "
                            "biểu tự chấm nào:")
    except PipelineError as error:
        return page(request, "error.html", 400, message=str(error))
    data = await run_in_threadpool(_zip, written)
    return Response(data, media_type="application/zip", headers={
        "Content-Disposition": requestguard.content_disposition(
            "attachment", f"bieu-tu-cham-{name}.zip")})


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


async def not_found(request: Request, error: HTTPException) -> Response:
    return page(request, "error.html", error.status_code, message=error.detail)


async def unexpected(request: Request, error: Exception) -> Response:
    """A bug: the server's log has the details; the page says so in Vietnamese."""
    return page(request, "error.html", 500,
                message="Chương trình gặp lỗi ngoài dự kiến; văn bản đã có không bị ảnh hưởng. "
                        "Hãy báo cho người quản trị (chi tiết có trong nhật ký của máy chủ).")


# --------------------------------------------------------------------------- guards

class Guard:
    """Host allowlist, size limit, same-origin forms and (when set) a password slowed per
    client, around the whole app (pipeline/web/requestguard.py). Without a `policy` (an
    app made for tests) any Host is answered and the Origin must name the Host."""

    def __init__(self, app, password: str | None, limit: int = MAX_UPLOAD,
                 policy: requestguard.Policy | None = None, throttle: Throttle | None = None):
        self.app, self.password, self.limit = app, password, limit
        self.policy, self.throttle = policy, throttle or Throttle()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        seen = (self.policy or requestguard.Policy(set(), set())).forwarded(scope, headers)
        if self.policy is not None and not self.policy.host_allowed(seen["host"]):
            return await _plain(send, 400, "Trang này chỉ mở bằng địa chỉ của máy chủ (tên máy "
                                           "lạ trong yêu cầu). Người quản trị có thể thêm tên "
                                           f"vào biến môi trường {requestguard.HOSTS_VARIABLE}.")
        if self.password is not None and not await self._password(seen["client"], headers, send):
            return
        if scope["method"] == "POST":
            origin = headers.get("origin")
            if origin and not (self.policy.origin_allowed(origin) if self.policy else
                               requestguard.same_origin(origin, seen["scheme"], seen["host"])):
                return await _plain(send, 403, "Biểu mẫu phải được gửi từ chính trang này.")
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > self.limit:
                return await _plain(send, 413, self._too_large())
            # The body is read here, up to the limit, then handed on: a larger one is
            # refused before any of it reaches the form parser.
            body, more = [], True
            received = 0
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the browser went away
                body.append(message.get("body", b""))
                received += len(body[-1])
                more = message.get("more_body", False)
                if received > self.limit:
                    return await _plain(send, 413, self._too_large())
            data = b"".join(body)
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": data, "more_body": False}
                return await receive()

            return await self.app(scope, replay, send)
        await self.app(scope, receive, send)

    def _too_large(self) -> str:
        return (f"Tệp tải lên quá lớn: mỗi lần tối đa {self.limit // (1024 * 1024)} MB. "
                "Hãy tải ảnh lên làm nhiều lần hoặc giảm cỡ ảnh.")

    async def _password(self, client: str, headers: dict[str, str], send) -> bool:
        """Whether the request carries the password; else answered here (401, or 429 for a
        client with too many wrong guesses). Each client's guesses are slowed on their own."""
        if self.throttle.blocked(client):
            wait = self.throttle.retry_after(client)
            await _plain(send, 429, f"Nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau {wait} giây.",
                         [(b"retry-after", str(wait).encode())])
            return False
        header = headers.get("authorization", "")
        if header:  # a guess (the browser's first visit carries none): slowed, then checked
            delay = self.throttle.delay(client)
            if delay:
                await asyncio.sleep(delay)
            if self._authorised(header):
                self.throttle.succeeded(client)
                return True
            self.throttle.failed(client)
        await _plain(send, 401, "Cần mật khẩu để mở trang này.",
                     [(b"www-authenticate", b'Basic realm="vanban", charset="UTF-8"')])
        return False

    def _authorised(self, header: str) -> bool:
        if not header.lower().startswith("basic "):
            return False
        try:
            _, _, given = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.password.encode("utf-8"))


async def _plain(send, code: int, text: str, extra: list | None = None) -> None:
    body = (f'<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>Lỗi {code}</title>'
            f"<p>{text}</p><p><a href=\"/\">Về trang đầu</a></p></html>").encode("utf-8")
    await send({"type": "http.response.start", "status": code,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- the app

def create_app(inputs: Path, outputs: Path, templates: Path = TEMPLATES,
               password: str | None = None, limit: int = MAX_UPLOAD,
               build: Callable | None = None, policy: requestguard.Policy | None = None,
               throttle: Throttle | None = None,
               background: pregenerate.Background | None = None):
    app = Starlette(routes=[
        Route("/", home),
        Route("/tai-len", upload, methods=["POST"]),
        Route("/bang-tinh-trong.xlsx", blank),
        Route("/bang-tinh-mau.xlsx", example),
        Route("/dot/{name}", campaign_page),
        Route("/dot/{name}/tai-ve.zip", campaign_zip),
        Route("/dot/{name}/tat-ca-pdf.zip", campaign_zip),
        *history.ROUTES,
        *trash.ROUTES,
        Route("/dot/{name}/bieu-tu-cham.zip", forms_zip),
        Route("/dot/{name}/tep/{file}", download),
        Route("/dot/{name}/pdf/{file}", pdf),
        Route("/dot/{name}/xem/{file}", preview),
        Route("/dot/{name}/xem/{file}/{image}", page_image),
    ], exception_handlers={HTTPException: not_found, Exception: unexpected})
    app.state.site = Site(inputs, outputs, templates, build, background)
    app.state.render = page  # for the pages of the modules beside this one (trash)
    Path(inputs).mkdir(parents=True, exist_ok=True)
    guarded = Guard(app, password, limit, policy, throttle)
    guarded.state = app.state  # for tests
    from . import collect  # the units' table, bulk drop and links (their own door: /nop/)

    return collect.install(app, guarded, Guard, limit, PAGES, policy)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(inputs: Path, outputs: Path, templates: Path = TEMPLATES, host: str = "127.0.0.1",
          port: int = 8000) -> None:
    """Run the page until Ctrl-C; off this machine only with a password from the environment."""
    import uvicorn

    password = os.environ.get(PASSWORD_VARIABLE) or None
    if not is_loopback(host) and password is None:
        raise InputError(f"Không mở trang ở địa chỉ {host} khi chưa đặt mật khẩu: hãy đặt biến "
                         f"môi trường {PASSWORD_VARIABLE} (ví dụ {PASSWORD_VARIABLE}=... "
                         f"make serve HOST={host}), hoặc dùng HOST=127.0.0.1.")
    if os.environ.get("VANBAN_PUBLIC_URL") and password is None:  # behind a reverse proxy
        raise InputError(f"Đã đặt VANBAN_PUBLIC_URL (trang mở cho các đơn vị) nên phải đặt cả "
                         f"mật khẩu cho các trang của cán bộ: biến môi trường {PASSWORD_VARIABLE}.")
    try:
        policy = requestguard.Policy.for_server(host, port)
    except ValueError as error:
        raise InputError(f"Biến môi trường {error} không phải một địa chỉ http:// hoặc "
                         "https:// hợp lệ.") from None
    app = create_app(inputs, outputs, templates, password, policy=policy,
                     background=pregenerate.BACKGROUND)
    status.warm_up(templates)
    shown = f"[{host}]" if ":" in host else host
    print(f"Mở http://{shown}:{port}/ trong trình duyệt. Bấm Ctrl-C để dừng.", flush=True)
    # Forwarded headers are judged by requestguard (VANBAN_TRUSTED_PROXY), not by uvicorn.
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
