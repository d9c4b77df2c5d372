"""A way back: the workbook in use and each earlier one, downloadable; an earlier one made
current again (which rebuilds the campaign).

Earlier workbooks are those the page kept in `inputs/<campaign>/.truoc/` whenever an
upload replaced `du-lieu.xlsx` (pipeline/web/uploads.py). Making one current keeps the
one in use there too: nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from ..contract import WORKBOOK
from .uploads import BACKUPS, Incoming, save

_STAMP = re.compile(r"^du-lieu-(\d{8}-\d{6})(?:-(\d+))?\.xlsx$")


@dataclass(frozen=True)
class Workbook:
    """One workbook of a campaign: the one in use, or an earlier one."""

    path: Path
    current: bool

    @property
    def when(self) -> str:
        """When it stopped being used (an earlier one) or was last written (the one in use)."""
        match = _STAMP.match(self.path.name)
        if match and not self.current:
            moment = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        else:
            moment = datetime.fromtimestamp(self.path.stat().st_mtime)
        return moment.strftime("%d/%m/%Y %H:%M:%S")

    @property
    def size(self) -> str:
        return f"{max(1, round(self.path.stat().st_size / 1024))} KB"


def workbooks(inputs: Path, campaign: str) -> list[Workbook]:
    """The workbook in use, then the earlier ones, newest first."""
    folder = Path(inputs) / campaign
    found = []
    if (folder / WORKBOOK).is_file():
        found.append(Workbook(folder / WORKBOOK, True))
    earlier = (
        [p for p in (folder / BACKUPS).glob("du-lieu-*.xlsx") if _STAMP.match(p.name) and p.is_file()]
        if (folder / BACKUPS).is_dir()
        else []
    )
    earlier.sort(key=lambda p: (_STAMP.match(p.name).group(1), int(_STAMP.match(p.name).group(2) or 1)), reverse=True)
    return found + [Workbook(p, False) for p in earlier]


def _earlier(inputs: Path, campaign: str, name: str) -> Path:
    for workbook in workbooks(inputs, campaign):
        if not workbook.current and workbook.path.name == name:
            return workbook.path
    raise HTTPException(404, f"Đợt {campaign} không có bảng tính trước đây tên {name}.")


async def download_current(request: Request) -> Response:
    site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    path = Path(site.inputs) / name / WORKBOOK
    if not path.is_file():
        raise HTTPException(404, f"Đợt {name} chưa có bảng tính {WORKBOOK}.")
    return FileResponse(path, filename=f"{name}-du-lieu.xlsx")


async def download_earlier(request: Request) -> Response:
    site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    path = _earlier(site.inputs, name, request.path_params["file"])
    return FileResponse(path, filename=f"{name}-{path.name}")


def _restore(site, campaign: str, earlier: Path) -> None:
    """Make `earlier` the workbook in use (the one in use is kept) and rebuild."""
    from .. import runner

    folder = Path(site.inputs) / campaign
    with runner.campaign_lock(site.outputs, campaign):
        save(folder, [Incoming(WORKBOOK, earlier.read_bytes(), WORKBOOK)])
        result = site.build(folder, site.outputs, templates=site.templates, inputs=site.inputs, locked=True)
    site.built(campaign, result)


async def restore(request: Request) -> Response:
    site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    async with request.form(max_files=0, max_fields=5) as form:
        chosen = str(form.get("tep") or "")
    earlier = _earlier(site.inputs, name, chosen)
    await run_in_threadpool(_restore, site, name, earlier)
    return RedirectResponse(f"/dot/{quote(name)}?dung-lai={quote(chosen)}", status_code=303)


ROUTES = [
    Route("/dot/{name}/bang-tinh/du-lieu.xlsx", download_current),
    Route("/dot/{name}/bang-tinh/truoc/{file}", download_earlier),
    Route("/dot/{name}/bang-tinh/dung-lai", restore, methods=["POST"]),
]
