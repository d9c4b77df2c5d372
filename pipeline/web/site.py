"""The site every page serves: the folders, the build, the pages' templates and their limits."""

from pathlib import Path
from typing import Callable
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from .. import listing, messages, pregenerate, runner, status
from ..config import TEMPLATES
from . import uploads


HERE = Path(__file__).parent
MAX_UPLOAD = 50 * 1024 * 1024  # bytes in one upload, every file together
MAX_FILES = 200
PASSWORD_VARIABLE = "VANBAN_PASSWORD"
DOWNLOADABLE = (".docx", ".pdf", ".html", ".xlsx")
PREVIEW_DPI = pregenerate.PREVIEW_DPI


def wrote(result) -> bool:
    """Whether a build's recorded state says it wrote documents."""
    return (getattr(result, "written", 0) or 0) > 0


class Site:
    """The folders and settings the pages work on."""

    def __init__(
        self,
        inputs: Path,
        outputs: Path,
        templates: Path = TEMPLATES,
        build: Callable | None = None,
        background: pregenerate.Background | None = None,
    ):
        self.inputs, self.outputs, self.templates = Path(inputs), Path(outputs), Path(templates)
        self.build = build or runner.build_and_record
        self.background = background  # PDFs and previews made after each build (serve)

    def built(self, campaign: str, result) -> None:
        """A build ended: the PDFs and page previews of what it wrote are made in the
        background (a build held back in part wrote the rest; one that wrote nothing, none)."""
        if self.background is not None and wrote(result):
            self.background.after_build(self.outputs, campaign)

    def campaign(self, name: str) -> str:
        """A campaign named in a URL: known, and only ever one folder; else 404."""
        if not uploads.is_campaign_name(name) or not ((self.inputs / name).is_dir() or (self.outputs / name).is_dir()):
            raise HTTPException(404, f"Không có đợt thi đua {name}.")
        return name

    def document(self, campaign: str, name: str) -> Path:
        """A file of the campaign's listing (never any other path); else 404."""
        for path in listing.documents(self.outputs / campaign):
            if path.name == name:
                return path
        if name in (status.ERRORS, status.WARNINGS) and (self.outputs / campaign / name).is_file():
            return self.outputs / campaign / name
        raise HTTPException(404, f"Đợt {campaign} không có tệp {name}.")


def _pages() -> Jinja2Templates:
    pages = Jinja2Templates(directory=str(HERE / "templates"))
    pages.env.globals["q"] = lambda text: quote(str(text), safe="")
    pages.env.globals["old_banner"] = listing.OLD_BANNER
    pages.env.globals["groups"] = messages.groups
    pages.env.globals["shown_name"] = lambda name: name  # the campaign's page says more
    return pages


PAGES = _pages()


def page(request: Request, name: str, status_code: int = 200, **context) -> Response:
    return PAGES.TemplateResponse(request, name, context, status_code=status_code)
