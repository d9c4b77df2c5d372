"""The listing of campaigns and their documents that staff read: `outputs/index.html`, and
the entries the web page shows (state, time of the last build, the documents by title in the
order of the work, the old ones marked), readable offline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import jinja2

from . import catalogue
from .files import write_atomic
from .status import BUILDING, DOCUMENT_SUFFIXES, FAILED, INDEX, RECORD, STALE_MARK, Status, load

OLD_BANNER = "BẢN CŨ – dữ liệu mới có lỗi, chưa tạo lại"

# --------------------------------------------------------------------------- the listing


def documents(folder: Path) -> list[Path]:
    """The files of a campaign's output folder that staff open, documents first."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix in DOCUMENT_SUFFIXES and not p.name.startswith((".", "~$"))
    ]
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
        titles = [
            (catalogue.describe(name, self.names) or (name,))[0] if name.endswith((".docx", ".html")) else name
            for name in held
        ]  # a file held back, or a whole kind by its label
        return [t[:1].lower() + t[1:] for t in titles]  # mid-sentence

    @property
    def rows(self) -> list[catalogue.Document]:
        """The documents, by title, in the order of the campaign's work."""
        return catalogue.documents(self.files, self.names)

    @property
    def old_names(self) -> set[str]:
        """The files listed that the last build (failed, in part or whole) did not rewrite:
        documents of an earlier build, from earlier data. A build that held nothing back, a
        hand edit kept aside and a file of no registered kind are never old; a failed build
        that wrote nothing and only waits for the meeting's facts leaves nothing old."""
        s = self.status
        if not (self.files and s is not None and s.state == FAILED):
            return set()
        generated = {p.name for p in self.files if _generated(p.name, self.names)}
        if not s.kinds:  # nothing was built this time
            from .collect.waiting import waiting_for

            return set() if waiting_for(s) is not None else generated
        written = {Path(n).stem for k in s.kinds.values() for n in k.get("files") or []}
        return {n for n in generated if Path(n).stem not in written}

    @property
    def old(self) -> bool:
        """Every document listed is of an earlier build (see `old_names`)."""
        old = self.old_names
        return bool(old) and not any(_generated(p.name, self.names) and p.name not in old for p in self.files)

    @property
    def partly_old(self) -> bool:
        """Some of the documents listed are of an earlier build, the others current."""
        return bool(self.old_names) and not self.old

    def is_old(self, document: catalogue.Document) -> bool:
        """Whether a row of `rows` is of an earlier build."""
        return any(p.name in self.old_names for p in document.files)

    @property
    def old_count(self) -> int:
        """How many rows of `rows` are of an earlier build."""
        old = self.old_names
        return sum(1 for d in self.rows if any(p.name in old for p in d.files)) if old else 0

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
        return {
            "có lỗi": "loi",
            "có cảnh báo": "canh-bao",
            "chờ số liệu": "canh-bao",
            "có lỗi thể thức": "canh-bao",
        }.get(self.label, "tot")

    @property
    def when(self) -> str:
        """The time of the last build, in the server's local time (dd/mm/yyyy hh:mm)."""
        if self.status is None:
            return "không rõ"
        return self.status.time.astimezone().strftime("%d/%m/%Y %H:%M:%S")


def _generated(name: str, known: catalogue.Names) -> bool:
    """A document (or its PDF) that a build writes, not a hand edit or another file."""
    stem = Path(name).stem
    if catalogue.HAND_EDIT in stem:
        return False
    return any(catalogue.describe(stem + suffix, known) is not None for suffix in (".docx", ".html"))


def campaigns(outputs: Path, inputs: Path | None = None) -> list[Entry]:
    """Every campaign with an output folder (and, given `inputs`, every campaign there)."""
    names: set[str] = set()
    outputs = Path(outputs)
    if outputs.is_dir():
        names |= {
            p.name
            for p in outputs.iterdir()
            if p.is_dir() and not p.name.startswith(".") and ((p / RECORD).exists() or documents(p))
        }
    if inputs is not None and Path(inputs).is_dir():
        from .contract import is_campaign

        names |= {
            p.name for p in Path(inputs).iterdir() if p.is_dir() and not p.name.startswith(".") and is_campaign(p)
        }
    return [entry(outputs, n, inputs) for n in sorted(names)]


def entry(outputs: Path, name: str, inputs: Path | None = None) -> Entry:
    """One campaign's listing entry."""
    folder = Path(outputs) / name
    return Entry(name, load(folder), documents(folder), catalogue.names(inputs, outputs, name), folder)


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
li.ban-cu .nhan-ban-cu { margin: 0; padding: 0 .3em; font-size: .85em; }
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
{%- if e.status and e.status.state == "loi" %}<br><a href="{{ link(e.name, "LOI.txt") }}">{% if e.label == "chờ số liệu" %}xem số liệu còn thiếu (LOI.txt){% else %}xem lỗi (LOI.txt){% endif %}</a>
{%- if e.status.held %}<br><small>{% if e.label == "chờ số liệu" %}Chờ số liệu, chưa tạo{% else %}Chưa tạo lại{% endif %}: {{ e.held_titles|join(", ") }}{% if e.old_count %} (bản ở cột bên phải có nhãn «bản cũ» là của lần tạo thành công trước){% endif %}; các văn bản khác đã được tạo lại.</small>
{%- if e.status.warnings %}<br><a href="{{ link(e.name, "CANH-BAO.txt") }}">xem {{ e.status.warnings|length }} cảnh báo</a>{% endif %}
{%- elif e.files and e.css == "loi" %}<br><small>Các văn bản ở cột bên phải là bản cũ, của lần tạo thành công trước.</small>{% endif %}
{%- elif e.status and e.status.warnings %}<br><a href="{{ link(e.name, "CANH-BAO.txt") }}">xem {{ e.status.warnings|length }} cảnh báo</a>{% endif %}</td>
<td>{{ e.when }}</td>
<td{% if e.old %} class="ban-cu"{% endif %}>{% if e.files %}
{%- if e.old %}<span class="nhan-ban-cu">{{ old_banner }}</span> (tạo lúc {{ e.built_at }})<br>
{%- elif e.partly_old %}<span class="nhan-ban-cu">{{ old_banner }}: {{ e.old_count }} văn bản có nhãn «bản cũ»</span><br><small>Các văn bản khác vừa được tạo lại từ dữ liệu mới.</small><br>{% endif %}
<ul>{% for d in e.rows %}{% set cu = e.partly_old and e.is_old(d) %}
<li{% if cu %} class="ban-cu"{% endif %}>{% if cu %}<span class="nhan-ban-cu">bản cũ</span> {% endif %}{{ d.title }}: {% for f in d.files %}<a href="{{ link(e.name, f.name) }}">{{ kinds[f.suffix] }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</li>{% endfor %}</ul>
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
    return _PAGE.render(
        entries=campaigns(outputs, inputs),
        old_banner=OLD_BANNER,
        kinds=FILE_KINDS,
        now=datetime.now().strftime("%d/%m/%Y %H:%M:%S"),
        link=lambda campaign, name: f"{quote(campaign)}/{quote(name)}",
    )


def write_index(outputs: Path, inputs: Path | None = None) -> Path:
    """(Re)write outputs/index.html; return its path."""
    path = Path(outputs) / INDEX
    write_atomic(path, index_html(outputs, inputs).encode("utf-8"))
    return path
