"""Removing a campaign made by mistake, and bringing it back: nothing is deleted from disk.

A campaign removed from the page (after a confirmation) moves whole:
`inputs/<campaign>/` to `inputs/.thung-rac/<campaign>~<time>/`, and
`outputs/<campaign>/` to `outputs/.thung-rac/<campaign>~<time>/`. Make, the
watcher and the listings skip folders whose name starts with a dot, so a removed
campaign is neither built nor listed. The home page lists what is in the bin, each
with a button that moves it back under its own name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import catalogue, listing, runner, status
from ..errors import InputError
from .uploads import is_campaign_name

BIN = ".thung-rac"
_REMOVED = re.compile(r"^(?P<name>[\w][\w.-]*)~(?P<when>\d{8}-\d{6})(?:-\d+)?$")


@dataclass(frozen=True)
class Removed:
    """A campaign in the bin."""

    folder: str  # its name in the bin: <campaign>~<time>
    name: str  # the campaign's own name
    title: str | None  # Tên cụm – lĩnh vực – năm
    when: str  # when it was removed, dd/mm/yyyy hh:mm


def removed(inputs: Path, outputs: Path) -> list[Removed]:
    """What is in the bin, most recently removed first."""
    found = {}
    for root in (Path(inputs) / BIN, Path(outputs) / BIN):
        if root.is_dir():
            for folder in root.iterdir():
                match = _REMOVED.match(folder.name)
                if folder.is_dir() and match and folder.name not in found:
                    when = datetime.strptime(match.group("when"), "%Y%m%d-%H%M%S")
                    title = catalogue.names(Path(inputs) / BIN, Path(outputs) / BIN, folder.name).title
                    found[folder.name] = Removed(
                        folder.name, match.group("name"), title, when.strftime("%d/%m/%Y %H:%M")
                    )
    return sorted(found.values(), key=lambda r: r.folder.rsplit("~", 1)[1], reverse=True)


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(source, target)  # same file system: whole folder at once, or not at all


def remove(inputs: Path, outputs: Path, campaign: str) -> str:
    """Move a campaign's input and output folders to the bin; its name there."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = f"{campaign}~{stamp}"
    n = 2
    while (Path(inputs) / BIN / folder).exists() or (Path(outputs) / BIN / folder).exists():
        folder = f"{campaign}~{stamp}-{n}"
        n += 1
    with runner.campaign_lock(outputs, campaign):  # not while it is being built
        for root in (Path(inputs), Path(outputs)):
            if (root / campaign).is_dir():
                _move(root / campaign, root / BIN / folder)
    listing.write_index(outputs, inputs)
    return folder


def restore(inputs: Path, outputs: Path, folder: str) -> str:
    """Move a removed campaign back under its own name; the name."""
    match = _REMOVED.match(folder)
    if not match:
        raise InputError("Không có đợt này trong thùng rác.")
    name = match.group("name")
    sources = [
        (root / BIN / folder, root / name) for root in (Path(inputs), Path(outputs)) if (root / BIN / folder).is_dir()
    ]
    if not sources:
        raise InputError("Không có đợt này trong thùng rác.")
    for _, target in sources:
        if target.exists():
            raise InputError(
                f"Đã có một đợt khác tên {name}; hãy đổi tên hoặc chuyển đợt đó vào thùng rác trước khi khôi phục."
            )
    for source, target in sources:
        _move(source, target)
    (Path(outputs) / name / status.LOCK).unlink(missing_ok=True)
    listing.write_index(outputs, inputs)
    return name


# --------------------------------------------------------------------------- pages


async def confirm(request: Request) -> Response:
    site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    entry = listing.entry(site.outputs, name, site.inputs)
    return request.app.state.render(request, "remove.html", entry=entry)


async def remove_page(request: Request) -> Response:
    site = request.app.state.site
    name = site.campaign(request.path_params["name"])
    async with request.form(max_files=0, max_fields=5) as form:
        confirmed = form.get("xac-nhan") == "co"
    if not confirmed:
        return RedirectResponse(f"/dot/{quote(name)}/xoa", status_code=303)
    await run_in_threadpool(remove, site.inputs, site.outputs, name)
    return RedirectResponse(f"/?da-xoa={quote(name)}", status_code=303)


async def restore_page(request: Request) -> Response:
    site = request.app.state.site
    async with request.form(max_files=0, max_fields=5) as form:
        folder = str(form.get("thu-muc") or "")
    try:
        if not _REMOVED.match(folder) or not is_campaign_name(folder.split("~")[0]):
            raise InputError("Không có đợt này trong thùng rác.")
        name = await run_in_threadpool(restore, site.inputs, site.outputs, folder)
    except InputError as error:
        return request.app.state.render(request, "error.html", 409, message=str(error))
    return RedirectResponse(f"/dot/{quote(name)}?khoi-phuc=1", status_code=303)


ROUTES = [
    Route("/dot/{name}/xoa", confirm),
    Route("/dot/{name}/xoa", remove_page, methods=["POST"]),
    Route("/thung-rac/khoi-phuc", restore_page, methods=["POST"]),
]
