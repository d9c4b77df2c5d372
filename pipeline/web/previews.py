"""A document's PDF and its pages as images, made in the background after each build
(pipeline/pregenerate.py): what a request finds made, or waits for."""

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import listing, pregenerate
from ..errors import PipelineError
from .site import Site, page


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
    entry = listing.entry(site.outputs, name, site.inputs)
    row = next((d for d in entry.rows if d.docx == docx), None)
    return page(
        request,
        "preview.html",
        campaign=name,
        document=docx.name,
        title=row.title if row else docx.name,
        entry=entry,
        old=entry.old or docx.name in entry.old_names,
        pages=[p.name for p in images],
    )


async def page_image(request: Request) -> Response:
    site: Site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    docx = site.document(name, request.path_params["file"])
    image = request.path_params["image"]
    path = site.outputs / name / pregenerate.PREVIEWS / docx.stem / image
    if not (image.startswith("trang-") and image.endswith(".png")) or "/" in image or not path.is_file():
        raise HTTPException(404, f"Không có trang {image}.")
    if not pregenerate.current_pages(docx):  # drawn from an earlier version of the document
        raise HTTPException(404, f"{docx.name} vừa được tạo lại: hãy mở lại trang xem trước.")
    return FileResponse(path, media_type="image/png")
