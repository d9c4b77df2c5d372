"""What staff who never see a terminal read: the state of each campaign, in outputs/.

After every build of a campaign:

- it failed: `outputs/<campaign>/LOI.txt` holds the terminal's messages (UTF-8
  with a BOM and CRLF line ends, so Notepad shows Vietnamese); the documents
  already there are not touched;
- it succeeded: `LOI.txt` is removed, `CANH-BAO.txt` lists the warnings (or is
  removed when there are none).

Each campaign's state is also kept as `.vanban-trang-thai.json` (for the web
page's error table), and `outputs/index.html` lists every campaign, its state,
the time of its last build and links to every document, readable offline.

The listing (`index.html`, and what the web page shows) is pipeline.listing; building
a campaign and recording it, the one way for the command line, the watcher and the web
page, is pipeline.runner.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path


from . import messages
from .errors import PipelineError, Problem, ValidationError
from .files import write_atomic

ERRORS = "LOI.txt"
WARNINGS = "CANH-BAO.txt"
INDEX = "index.html"
RECORD = ".vanban-trang-thai.json"
LOCK = ".vanban-khoa"
BUILDING = ".vanban-dang-tao"  # present while a build of the campaign runs
STALE_MARK = 15 * 60  # seconds after which a building mark is a crashed build's leftover
BUILT, FAILED = "da-tao", "loi"

# What a campaign's output folder offers staff, in this order on the pages.
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".html", ".xlsx")


def failure_lines(campaign: str | None, error: PipelineError, made: str = "văn bản") -> list[str]:
    """The terminal's lines for a failure (cli.py prints exactly these)."""
    where = f"{campaign}: " if campaign else ""
    if isinstance(error, ValidationError):
        count = len(error.problems)
        return [
            f"Lỗi: {where}dữ liệu có {count} lỗi, chưa tạo {made} nào của đợt này:",
            *(f"  {line}" for line in messages.lines(error.problems)),
        ]
    return [f"Lỗi: {where}{error}"]


def held_back(outcome) -> list[str]:
    """The documents an outcome (pipeline.build.Outcome) held back, as staff name them."""
    from . import kinds as registry

    out = []
    for state in outcome.held:
        if state.state == "held":
            out.append(registry.kind(state.kind).label)
        else:
            out += state.held_files
    return out


def partial_lines(campaign: str, outcome) -> list[str]:
    """The terminal's lines for a build that wrote some documents and held others back."""
    held = held_back(outcome)
    count = len(outcome.problems)
    if held:
        head = (
            f"Lỗi: {campaign}: dữ liệu có {count} lỗi; chưa tạo {', '.join(held)} (cần sửa "
            "các lỗi dưới đây), các văn bản khác đã được tạo:"
        )
    else:
        head = (
            f"Lỗi: {campaign}: dữ liệu có {count} lỗi (không văn bản nào được yêu cầu cần "
            "đến dữ liệu lỗi, mọi văn bản đã được tạo):"
        )
    from .messages import lines  # one line per cause, with its rows and cells

    return [head, *(f"  {line}" for line in lines(outcome.problems))]


def warning_lines(campaign: str, warnings: list[str]) -> list[str]:
    """The terminal's lines for a build's warnings (cli.py prints exactly these)."""
    return [f"Cảnh báo: {campaign}: {warning}" for warning in warnings]


def _notepad(lines: list[str]) -> bytes:
    """UTF-8 with a BOM, Windows line ends: what Notepad on any Windows reads right."""
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


@dataclass
class Status:
    """The last build of one campaign, as recorded in its output folder."""

    campaign: str
    state: str  # BUILT or FAILED
    time: datetime
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    message: str | None = None  # a failure that is not about one cell
    written: int = 0
    inputs: str | None = None  # the input files built from (watch.fingerprint), if known
    held: list[str] = field(default_factory=list)  # documents held back by `problems`
    # per kind: {"state": built|partly|held, "files": [...], "held_files": [...],
    # "problems": [str]} (pipeline.build.KindState), for what waits on which facts
    kinds: dict[str, dict] = field(default_factory=dict)
    faulty: list[str] = field(default_factory=list)  # documents the format checker faults

    def as_json(self) -> dict:
        return {
            "campaign": self.campaign,
            "state": self.state,
            "time": self.time.isoformat(),
            "warnings": self.warnings,
            "message": self.message,
            "written": self.written,
            "inputs": self.inputs,
            "held": self.held,
            "kinds": self.kinds,
            "faulty": self.faulty,
            "problems": [
                {
                    "file": p.file,
                    "sheet": p.sheet,
                    "row": p.row,
                    "column": p.column,
                    "message": p.message,
                    "cell": p.cell,
                }
                for p in self.problems
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Status:
        return cls(
            data["campaign"],
            data["state"],
            datetime.fromisoformat(data["time"]),
            list(data.get("warnings") or []),
            [
                Problem(p["file"], p["message"], p.get("sheet"), p.get("row"), p.get("column"), p.get("cell"))
                for p in data.get("problems") or []
            ],
            data.get("message"),
            int(data.get("written") or 0),
            data.get("inputs"),
            list(data.get("held") or []),
            dict(data.get("kinds") or {}),
            list(data.get("faulty") or []),
        )


def record_success(outputs: Path, campaign: str, written: int, warnings: list[str]) -> Status:
    """A build succeeded: no LOI.txt; CANH-BAO.txt lists the warnings, if any."""
    folder = Path(outputs) / campaign
    status = Status(campaign, BUILT, datetime.now(timezone.utc), list(warnings), written=written)
    (folder / ERRORS).unlink(missing_ok=True)
    if warnings:
        write_atomic(folder / WARNINGS, _notepad(warning_lines(campaign, warnings)))
    else:
        (folder / WARNINGS).unlink(missing_ok=True)
    _save(folder, status)
    return status


def kind_states(outcome) -> dict[str, dict]:
    """Each kind an outcome requested: built / partly / held, its files and problems."""
    findings = getattr(outcome, "findings", {}) or {}
    return {
        slug: {
            "state": s.state,
            "files": list(s.files),
            "held_files": list(s.held_files),
            "problems": [str(p) for p in s.problems],
            "faulty": [f for f in s.files if f in findings],
        }
        for slug, s in outcome.states.items()
    }


def record_outcome(outputs: Path, campaign: str, outcome) -> Status:
    """A build that ran (pipeline.build.Outcome): success, or some documents held back by
    input problems (then LOI.txt lists them and names what was not built; CANH-BAO.txt
    the warnings, as after a success)."""
    faulty = sorted(getattr(outcome, "findings", {}) or {})
    if not outcome.problems:
        status = record_success(outputs, campaign, len(outcome.written), outcome.warnings)
        status.kinds, status.faulty = kind_states(outcome), faulty
        _save(Path(outputs) / campaign, status)
        return status
    folder = Path(outputs) / campaign
    status = Status(
        campaign,
        FAILED,
        datetime.now(timezone.utc),
        list(outcome.warnings),
        list(outcome.problems),
        written=len(outcome.written),
        held=held_back(outcome),
        kinds=kind_states(outcome),
        faulty=faulty,
    )
    write_atomic(folder / ERRORS, _notepad(partial_lines(campaign, outcome)))
    if outcome.warnings:
        write_atomic(folder / WARNINGS, _notepad(warning_lines(campaign, outcome.warnings)))
    else:
        (folder / WARNINGS).unlink(missing_ok=True)
    _save(folder, status)
    return status


def add_rendered_warnings(outputs: Path, campaign: str, pdf_warnings: dict[str, list[str]]) -> None:
    """`make pdf`: the laid-out pages' findings (pdf name -> warnings) join the campaign's
    recorded warnings and CANH-BAO.txt, replacing what an earlier conversion said of the
    same PDFs; a PDF with findings makes its document faulty."""
    folder = Path(outputs) / campaign
    status = load(folder)
    if status is None:
        return
    names = tuple(f"{name}: " for name in pdf_warnings)
    status.warnings = [w for w in status.warnings if not w.startswith(names)] + [
        w for lines in pdf_warnings.values() for w in lines
    ]
    faulty = {Path(name).with_suffix(".docx").name for name, lines in pdf_warnings.items() if lines}
    status.faulty = sorted(set(status.faulty) | faulty)
    if status.warnings:
        write_atomic(folder / WARNINGS, _notepad(warning_lines(campaign, status.warnings)))
    _save(folder, status)


def record_failure(outputs: Path, campaign: str, error: PipelineError) -> Status:
    """A build failed: LOI.txt holds the terminal's lines; nothing else is touched."""
    folder = Path(outputs) / campaign
    problems = list(error.problems) if isinstance(error, ValidationError) else []
    status = Status(
        campaign, FAILED, datetime.now(timezone.utc), problems=problems, message=None if problems else str(error)
    )
    write_atomic(folder / ERRORS, _notepad(failure_lines(campaign, error)))
    _save(folder, status)
    return status


def _save(folder: Path, status: Status) -> None:
    text = json.dumps(status.as_json(), ensure_ascii=False, indent=1)
    write_atomic(folder / RECORD, text.encode("utf-8"))


def load(folder: Path) -> Status | None:
    """The recorded state of the campaign whose output folder is `folder`, if any."""
    try:
        return Status.from_json(json.loads((folder / RECORD).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
