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

`build_and_record` is the one path by which the watcher and the web page build
a campaign: one build of a campaign at a time, its state recorded, the index
rewritten.
"""
from __future__ import annotations

import fcntl
import json
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import jinja2

from . import catalogue, messages
from .errors import PipelineError, Problem, ValidationError
from .files import write_atomic

ERRORS = "LOI.txt"
WARNINGS = "CANH-BAO.txt"
INDEX = "index.html"
RECORD = ".vanban-trang-thai.json"
LOCK = ".vanban-khoa"
BUILDING = ".vanban-dang-tao"  # present while a build of the campaign runs
OLD_BANNER = "BẢN CŨ – dữ liệu mới có lỗi, chưa tạo lại"
STALE_MARK = 15 * 60  # seconds after which a building mark is a crashed build's leftover
BUILT, FAILED = "da-tao", "loi"

# What a campaign's output folder offers staff, in this order on the pages.
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".html", ".xlsx")


def failure_lines(campaign: str | None, error: PipelineError, made: str = "văn bản") -> list[str]:
    """The terminal's lines for a failure (cli.py prints exactly these)."""
    where = f"{campaign}: " if campaign else ""
    if isinstance(error, ValidationError):
        count = len(error.problems)
        return [f"Lỗi: {where}dữ liệu có {count} lỗi, chưa tạo {made} nào của đợt này:",
                *(f"  {line}" for line in messages.lines(error.problems))]
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
        head = (f"Lỗi: {campaign}: dữ liệu có {count} lỗi; chưa tạo {', '.join(held)} (cần sửa "
                "các lỗi dưới đây), các văn bản khác đã được tạo:")
    else:
        head = (f"Lỗi: {campaign}: dữ liệu có {count} lỗi (không văn bản nào được yêu cầu cần "
                "đến dữ liệu lỗi, mọi văn bản đã được tạo):")
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
        return {"campaign": self.campaign, "state": self.state, "time": self.time.isoformat(),
                "warnings": self.warnings, "message": self.message, "written": self.written,
                "inputs": self.inputs,
                "held": self.held, "kinds": self.kinds, "faulty": self.faulty,
                "problems": [{"file": p.file, "sheet": p.sheet, "row": p.row,
                              "column": p.column, "message": p.message, "cell": p.cell}
                             for p in self.problems]}

    @classmethod
    def from_json(cls, data: dict) -> Status:
        return cls(data["campaign"], data["state"], datetime.fromisoformat(data["time"]),
                   list(data.get("warnings") or []),
                   [Problem(p["file"], p["message"], p.get("sheet"), p.get("row"),
                            p.get("column"), p.get("cell")) for p in data.get("problems") or []],
                   data.get("message"), int(data.get("written") or 0), data.get("inputs"),
                   list(data.get("held") or []), dict(data.get("kinds") or {}),
                   list(data.get("faulty") or []))


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
    return {slug: {"state": s.state, "files": list(s.files), "held_files": list(s.held_files),
                   "problems": [str(p) for p in s.problems],
                   "faulty": [f for f in s.files if f in findings]}
            for slug, s in outcome.states.items()}


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
    status = Status(campaign, FAILED, datetime.now(timezone.utc), list(outcome.warnings),
                    list(outcome.problems), written=len(outcome.written),
                    held=held_back(outcome), kinds=kind_states(outcome), faulty=faulty)
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
    status.warnings = [w for w in status.warnings if not w.startswith(names)] + \
        [w for lines in pdf_warnings.values() for w in lines]
    faulty = {Path(name).with_suffix(".docx").name for name, lines in pdf_warnings.items()
              if lines}
    status.faulty = sorted(set(status.faulty) | faulty)
    if status.warnings:
        write_atomic(folder / WARNINGS, _notepad(warning_lines(campaign, status.warnings)))
    _save(folder, status)


def record_failure(outputs: Path, campaign: str, error: PipelineError) -> Status:
    """A build failed: LOI.txt holds the terminal's lines; nothing else is touched."""
    folder = Path(outputs) / campaign
    problems = list(error.problems) if isinstance(error, ValidationError) else []
    status = Status(campaign, FAILED, datetime.now(timezone.utc), problems=problems,
                    message=None if problems else str(error))
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


# --------------------------------------------------------------------------- the listing

def documents(folder: Path) -> list[Path]:
    """The files of a campaign's output folder that staff open, documents first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.suffix in DOCUMENT_SUFFIXES
             and not p.name.startswith((".", "~$"))]
    return sorted(found, key=lambda p: (DOCUMENT_SUFFIXES.index(p.suffix), p.name))


@dataclass
class Entry:
    """One campaign on the listing."""

    name: str
    status: Status | None
    files: list[Path]
    names: catalogue.Names = field(default_factory=catalogue.Names)
    folder: Path | None = None  # outputs/<campaign>

    @property
    def title(self) -> str | None:
        """`Tên cụm – lĩnh vực – năm`, from the campaign's data (None when unreadable)."""
        return self.names.title

    @property
    def held_titles(self) -> list[str]:
        """The documents this build held back, by the titles staff know them by."""
        held = self.status.held if self.status is not None else []
        titles = [(catalogue.describe(name, self.names) or (name,))[0]
                  if name.endswith((".docx", ".html")) else name
                  for name in held]  # a file held back, or a whole kind by its label
        return [t[:1].lower() + t[1:] for t in titles]  # mid-sentence

    @property
    def rows(self) -> list[catalogue.Document]:
        """The documents, by title, in the order of the campaign's work."""
        return catalogue.documents(self.files, self.names)

    @property
    def old(self) -> bool:
        """The documents listed are of an earlier build: the last one failed (not merely
        waiting for the meeting's facts while the units' self-scores come in)."""
        if not (self.files and self.status is not None and self.status.state == FAILED):
            return False
        from .collect.waiting import waiting_for

        return waiting_for(self.status) is None

    @property
    def building(self) -> bool:
        return self.folder is not None and building(self.folder)

    @property
    def built_at(self) -> str:
        """When the documents listed were written (the newest of them), local time."""
        if not self.files:
            return ""
        newest = max(p.stat().st_mtime for p in self.files if p.exists())
        return datetime.fromtimestamp(newest).strftime("%d/%m/%Y %H:%M")

    @property
    def label(self) -> str:
        if self.status is None:
            return "đã tạo trước đây" if self.files else "chưa tạo"
        if self.status.state == FAILED:
            from .collect.waiting import waiting_for  # swappable: see that module

            return "chờ số liệu" if waiting_for(self.status) else "có lỗi"
        if self.status.faulty:
            return "có lỗi thể thức"
        return "có cảnh báo" if self.status.warnings else "đã tạo"

    @property
    def css(self) -> str:
        return {"có lỗi": "loi", "có cảnh báo": "canh-bao", "chờ số liệu": "canh-bao",
                "có lỗi thể thức": "canh-bao"}.get(self.label, "tot")

    @property
    def when(self) -> str:
        """The time of the last build, in the server's local time (dd/mm/yyyy hh:mm)."""
        if self.status is None:
            return "không rõ"
        return self.status.time.astimezone().strftime("%d/%m/%Y %H:%M:%S")


def campaigns(outputs: Path, inputs: Path | None = None) -> list[Entry]:
    """Every campaign with an output folder (and, given `inputs`, every campaign there)."""
    names: set[str] = set()
    outputs = Path(outputs)
    if outputs.is_dir():
        names |= {p.name for p in outputs.iterdir() if p.is_dir() and not p.name.startswith(".")
                  and ((p / RECORD).exists() or documents(p))}
    if inputs is not None and Path(inputs).is_dir():
        from .contract import is_campaign

        names |= {p.name for p in Path(inputs).iterdir()
                  if p.is_dir() and not p.name.startswith(".") and is_campaign(p)}
    return [entry(outputs, n, inputs) for n in sorted(names)]


def entry(outputs: Path, name: str, inputs: Path | None = None) -> Entry:
    """One campaign's listing entry."""
    folder = Path(outputs) / name
    return Entry(name, load(folder), documents(folder), catalogue.names(inputs, outputs, name),
                 folder)


def building(folder: Path, mark: str = BUILDING) -> bool:
    """Whether a build of the campaign whose output folder is `folder` is running (or the
    work that `mark` names)."""
    try:
        started = (Path(folder) / mark).stat().st_mtime
    except OSError:
        return False
    return datetime.now().timestamp() - started < STALE_MARK


_PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string("""\
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{%- if entries|selectattr("building")|list %}
<meta http-equiv="refresh" content="3">
{%- endif %}
<title>Văn bản thi đua: các đợt</title>
<style>
body { font-family: "Segoe UI", Arial, sans-serif; margin: 2em; color: #222; max-width: 70em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .4em .6em; text-align: left; vertical-align: top; }
th { background: #e8eef6; }
.tot { color: #1a6b1a; font-weight: bold; }
.canh-bao { color: #8a5a00; font-weight: bold; }
.loi { color: #b00020; font-weight: bold; }
.thu-muc { color: #555; font-size: .9em; }
td:last-child { width: 45%; }
.ban-cu { color: #777; }
.ban-cu a { color: #777; }
.nhan-ban-cu { display: inline-block; background: #fdecee; border: 1px solid #e5a0a8; color: #b00020;
  font-weight: bold; padding: .1em .4em; margin: .2em 0; }
ul { margin: 0; padding-left: 1.2em; }
@media (max-width: 40em) { body { margin: .6em; } th, td { padding: .3em; } }
</style>
</head>
<body>
<h1>Văn bản thi đua</h1>
<p>Cập nhật lúc {{ now }}. Mỗi đợt thi đua là một thư mục trong <code>inputs/</code>;
văn bản nằm trong thư mục cùng tên ở đây.
{%- if entries|selectattr("building")|list %} <b id="dang-tao">Đang tạo văn bản… trang này tự cập nhật.</b>{% endif %}</p>
{% if entries %}
<table>
<thead><tr><th>Đợt</th><th>Trạng thái</th><th>Lần tạo gần nhất</th><th>Văn bản</th></tr></thead>
<tbody>
{% for e in entries %}
<tr id="dot-{{ e.name }}">
<td>{% if e.title %}{{ e.title }}<br><span class="thu-muc">thư mục {{ e.name }}</span>{% else %}{{ e.name }}{% endif %}</td>
<td class="{{ e.css }}">{% if e.building %}đang tạo…<br>{% endif %}{{ e.label }}
{%- if e.status and e.status.state == "loi" %}<br><a href="{{ link(e.name, "LOI.txt") }}">xem lỗi (LOI.txt)</a>
{%- if e.status.held %}<br><small>Chưa tạo lại: {{ e.held_titles|join(", ") }} (bản ở cột bên phải là bản cũ, của lần tạo thành công trước); các văn bản khác đã được tạo.</small>
{%- if e.status.warnings %}<br><a href="{{ link(e.name, "CANH-BAO.txt") }}">xem {{ e.status.warnings|length }} cảnh báo</a>{% endif %}
{%- elif e.files and e.css == "loi" %}<br><small>Các văn bản ở cột bên phải là bản cũ, của lần tạo thành công trước.</small>{% endif %}
{%- elif e.status and e.status.warnings %}<br><a href="{{ link(e.name, "CANH-BAO.txt") }}">xem {{ e.status.warnings|length }} cảnh báo</a>{% endif %}</td>
<td>{{ e.when }}</td>
<td{% if e.old %} class="ban-cu"{% endif %}>{% if e.files %}
{%- if e.old %}<span class="nhan-ban-cu">{{ old_banner }}</span> (tạo lúc {{ e.built_at }})<br>{% endif %}
<ul>{% for d in e.rows %}
<li>{{ d.title }}: {% for f in d.files %}<a href="{{ link(e.name, f.name) }}">{{ kinds[f.suffix] }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</li>{% endfor %}</ul>
{%- else %}chưa có văn bản{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p>Chưa có đợt thi đua nào.</p>
{% endif %}
</body>
</html>
""")

FILE_KINDS = {".docx": "Word", ".pdf": "PDF", ".html": "trang web", ".xlsx": "Excel"}


def index_html(outputs: Path, inputs: Path | None = None) -> str:
    return _PAGE.render(entries=campaigns(outputs, inputs), old_banner=OLD_BANNER,
                        kinds=FILE_KINDS, now=datetime.now().strftime("%d/%m/%Y %H:%M:%S"),
                        link=lambda campaign, name: f"{quote(campaign)}/{quote(name)}")


def write_index(outputs: Path, inputs: Path | None = None) -> Path:
    """(Re)write outputs/index.html; return its path."""
    path = Path(outputs) / INDEX
    write_atomic(path, index_html(outputs, inputs).encode("utf-8"))
    return path


# --------------------------------------------------------------------------- one build

_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_GUARD = threading.Lock()


@contextmanager
def campaign_lock(outputs: Path, campaign: str):
    """Hold one campaign for one build or upload: across threads and processes."""
    folder = (Path(outputs) / campaign).resolve()
    with _GUARD:
        lock = _THREAD_LOCKS.setdefault(folder, threading.Lock())
    with lock:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / LOCK, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def build_and_record(folder: Path, outputs: Path, kinds: list[str] | None = None,
                     templates: Path | None = None, inputs: Path | None = None,
                     locked: bool = False) -> Status:
    """Build one campaign, record its state and rewrite the index; the state.

    Expected failures are recorded, not raised. `locked`: the caller already
    holds the campaign's lock.
    """
    from . import build as builder
    from . import selfcheck
    from .config import TEMPLATES

    folder, outputs = Path(folder), Path(outputs)
    kinds = kinds or builder.expand(("all",))

    def run() -> Status:
        from .inputfiles import fingerprint

        seen = fingerprint(folder)  # before reading: a change during the build differs
        try:
            outcome = builder.build_campaign(folder, outputs, kinds, templates or TEMPLATES)
        except PipelineError as error:
            status = record_failure(outputs, folder.name, error)
        else:
            selfcheck.check_outcome(outcome)  # what was just written, read back by the checker
            status = record_outcome(outputs, folder.name, outcome)
        if kinds == builder.expand(("all",)):  # every document: what the watcher would build
            status.inputs = seen
            _save(outputs / folder.name, status)
        return status

    inputs = inputs if inputs is not None else folder.parent
    if locked:
        status = _marked(outputs, folder.name, inputs, run)
    else:
        with campaign_lock(outputs, folder.name):
            status = _marked(outputs, folder.name, inputs, run)
    write_index(outputs, inputs)
    return status


def _marked(outputs: Path, campaign: str, inputs: Path, run: Callable[[], Status]) -> Status:
    """Run one build with the campaign marked as building (index.html then refreshes itself)."""
    mark = Path(outputs) / campaign / BUILDING
    mark.parent.mkdir(parents=True, exist_ok=True)
    mark.touch()
    try:
        write_index(outputs, inputs)
        return run()
    finally:
        mark.unlink(missing_ok=True)


def warm_up(templates: Path | None = None) -> None:
    """Load the pipeline and compile the templates now, so the first build is as quick as
    the next ones (the watcher and the web page call this before they say they are ready).
    A template that does not compile is left for its build to report."""
    from . import build  # noqa: F401  (pandas, docxtpl: most of a cold start)
    from .config import TEMPLATES
    from .render import compiled

    for path in sorted(Path(templates or TEMPLATES).glob("*.docx")):
        try:
            compiled(path)
        except Exception:  # reported, in Vietnamese, by the build that needs it
            continue
