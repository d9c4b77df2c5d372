"""The pages: the campaigns, an upload, a campaign's own page, the error pages."""

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .. import listing, pregenerate, runner
from ..errors import InputError
from ..contract import WORKBOOK
from ..contract import is_campaign
from . import history, trash, uploads
from .site import MAX_FILES, Site, page


# --------------------------------------------------------------------------- pages


async def home(request: Request) -> Response:
    site: Site = request.app.state.site
    return page(
        request,
        "index.html",
        entries=listing.campaigns(site.outputs, site.inputs),
        removed=trash.removed(site.inputs, site.outputs),
        just_removed=request.query_params.get("da-xoa"),
    )


async def upload(request: Request) -> Response:
    site: Site = request.app.state.site
    async with request.form(max_files=MAX_FILES, max_fields=20) as form:
        typed = str(form.get("dot") or "").strip()
        from_campaign_page = form.get("nguon") == "dot"
        try:
            # An existing folder keeps its name (even one made by hand, such as Cum_1);
            # a new one gets a plain name.
            campaign = (
                typed
                if uploads.is_campaign_name(typed) and (site.inputs / typed).is_dir()
                else uploads.campaign_slug(typed)
            )
            files = [uploads.workbook(f.filename, await f.read()) for f in _files(form, "du_lieu")]
            files += [uploads.photo(f.filename, await f.read()) for f in _files(form, "anh")]
            files += [uploads.returned_form(f.filename, await f.read()) for f in _files(form, "tu_cham")]
            if len(_files(form, "du_lieu")) > 1:
                raise InputError("Mỗi lần chỉ tải lên một bảng tính du-lieu.xlsx.")
            if not files:
                raise InputError("Chưa chọn tệp nào để tải lên.")
            if not is_campaign(site.inputs / campaign) and not any(f.target == WORKBOOK for f in files):
                raise InputError(
                    f"Đợt {campaign} chưa có bảng tính: hãy tải lên {WORKBOOK} cùng với ảnh hoặc biểu tự chấm."
                )
        except InputError as error:
            entries = listing.campaigns(site.outputs, site.inputs)
            if from_campaign_page:
                if any(e.name == typed for e in entries):
                    return page(
                        request, "campaign.html", 400, error=str(error), **_campaign_context(site, typed), uploaded=None
                    )
            return page(request, "index.html", 400, error=str(error), typed=typed, entries=entries)
    await run_in_threadpool(_save_and_build, site, campaign, files)
    return RedirectResponse(f"/dot/{quote(campaign)}?tai-len={len(files)}", status_code=303)


def _files(form, field: str) -> list[UploadFile]:
    return [f for f in form.getlist(field) if isinstance(f, UploadFile) and f.filename]


def _save_and_build(site: Site, campaign: str, files: list[uploads.Incoming]) -> None:
    """One upload: files saved and the campaign built, alone (other uploads wait)."""
    folder = site.inputs / campaign
    with runner.campaign_lock(site.outputs, campaign):
        folder.mkdir(parents=True, exist_ok=True)
        uploads.save(folder, files)
        result = site.build(folder, site.outputs, templates=site.templates, inputs=site.inputs, locked=True)
    site.built(campaign, result)


async def campaign_page(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    return page(
        request,
        "campaign.html",
        **_campaign_context(site, name),
        uploaded=request.query_params.get("tai-len"),
        restored=request.query_params.get("dung-lai"),
        back_from_bin=request.query_params.get("khoi-phuc"),
    )


def _campaign_context(site: Site, name: str) -> dict:
    """What the campaign's page shows besides the messages of the moment."""
    names = uploads.original_names(site.inputs / name)
    return {
        "entry": listing.entry(site.outputs, name, site.inputs),
        "workbooks": history.workbooks(site.inputs, name),
        "making_pdfs": pregenerate.busy(site.outputs, name),
        "shown_name": lambda file: f"{names[file]} (lưu thành {file})" if file in names else file,
    }


async def not_found(request: Request, error: HTTPException) -> Response:
    return page(request, "error.html", error.status_code, message=error.detail)


async def unexpected(request: Request, error: Exception) -> Response:
    """A bug: the server's log has the details; the page says so in Vietnamese."""
    return page(
        request,
        "error.html",
        500,
        message="Chương trình gặp lỗi ngoài dự kiến; văn bản đã có không bị ảnh hưởng. "
        "Hãy báo cho người quản trị (chi tiết có trong nhật ký của máy chủ).",
    )
