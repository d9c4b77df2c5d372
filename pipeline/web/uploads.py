"""What the web page accepts from a browser, and where it puts it.

Campaign names become plain folder names (`Cụm 2 – 2021` -> `cum-2-2021`); a
photo's or a returned form's name keeps its letters but loses any folder part,
and every path is checked to stay inside the campaign's folder of `inputs/`.
Only the expected kinds of file are accepted, each recognised by its first
bytes as well as its name. A file that is replaced is first kept in
`inputs/<campaign>/.truoc/` with the time in its name: nothing is lost.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import InputError
from ..contract import FORMS_FOLDER, WORKBOOK
from .. import vietnamese
from ..files import write_atomic

BACKUPS = ".truoc"
ORIGINAL_NAMES = ".ten-goc.json"  # target -> the uploaded file's own name (messages use it)
SAVE_AS_XLSX = (
    "Hãy mở tệp bằng Excel (hoặc LibreOffice Calc), chọn Tệp › Lưu thành (File › "
    'Save As), chọn kiểu "Sổ làm việc Excel (.xlsx)" (LibreOffice: "Excel '
    '2007-365 (.xlsx)"), lưu lại rồi tải tệp .xlsx đó lên.'
)
OLD_SPREADSHEETS = (".xls", ".ods", ".xlsm", ".xlsb", ".csv", ".numbers")
PHOTOS = "anh"
MAX_NAME = 100
ZIP = b"PK\x03\x04"
MAGIC = {".xlsx": (ZIP,), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",)}
KIND_NAMES = {".xlsx": "bảng tính Excel (.xlsx)", ".jpg": "ảnh JPEG", ".jpeg": "ảnh JPEG", ".png": "ảnh PNG"}
_SAFE_NAME = re.compile(r"^[\w][\w .()+-]*$")
_CAMPAIGN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EXISTING = re.compile(r"^[\w][\w.-]*$")  # folders staff made by hand (cum_1, Cum-1…)


def campaign_slug(text: str) -> str:
    """A campaign name as typed -> its folder name: no accents, lower case, hyphens."""
    slug = vietnamese.slug(text)
    if not slug or not _CAMPAIGN.match(slug):
        raise InputError("Tên đợt phải có chữ cái hoặc chữ số, ví dụ: cum-2-2021.")
    if len(slug) > 60:
        raise InputError("Tên đợt dài quá 60 ký tự; hãy đặt tên ngắn hơn, ví dụ: cum-2-2021.")
    return slug


def is_campaign_name(name: str) -> bool:
    """Whether `name` (from a URL) can only be one folder directly under inputs/ or outputs/."""
    return bool(_EXISTING.match(name)) and len(name) <= 100 and not name.endswith(".")


def file_name(raw: str, suffixes: tuple[str, ...], what: str) -> str:
    """A browser's file name -> a safe name in one folder, or InputError saying why not."""
    name = unicodedata.normalize("NFC", re.split(r"[\\/]", raw or "")[-1]).strip()
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        wanted = ", ".join(suffixes)
        hint = f" {SAVE_AS_XLSX}" if ".xlsx" in suffixes and suffix in OLD_SPREADSHEETS else ""
        raise InputError(f'{what} "{name or raw}": chỉ nhận tệp {wanted}.{hint}')
    if not _SAFE_NAME.match(name) or len(name) > MAX_NAME or name.startswith(("~", ".")):
        raise InputError(
            f'{what} "{name}": tên tệp chỉ nên gồm chữ, chữ số, dấu cách, '
            f"dấu gạch ngang hoặc dấu chấm (tối đa {MAX_NAME} ký tự)."
        )
    return Path(name).stem + suffix


def check_content(name: str, data: bytes, what: str) -> None:
    suffix = Path(name).suffix.lower()
    if not data:
        raise InputError(f'{what} "{name}": tệp rỗng.')
    if not data.startswith(MAGIC[suffix]):
        raise InputError(f'{what} "{name}": nội dung không phải {KIND_NAMES[suffix]}.')


@dataclass(frozen=True)
class Incoming:
    """One uploaded file, checked, with the place it goes (relative to the campaign)."""

    target: str
    data: bytes
    original: str | None = None  # the file's own name on the clerk's computer


def workbook(raw_name: str, data: bytes) -> Incoming:
    name = file_name(raw_name, (".xlsx",), "Bảng tính")
    check_content(name, data, "Bảng tính")
    return Incoming(WORKBOOK, data, name)


def photo(raw_name: str, data: bytes) -> Incoming:
    name = file_name(raw_name, (".jpg", ".jpeg", ".png"), "Ảnh")
    check_content(name, data, "Ảnh")
    return Incoming(f"{PHOTOS}/{name}", data)


def returned_form(raw_name: str, data: bytes) -> Incoming:
    name = file_name(raw_name, (".xlsx",), "Biểu tự chấm")
    check_content(name, data, "Biểu tự chấm")
    return Incoming(f"{FORMS_FOLDER}/{name}", data)


def keep_previous(folder: Path, path: Path, when: datetime) -> Path | None:
    """Copy `path` (about to be replaced) to `.truoc/<stem>-<time><suffix>`; where."""
    if not path.is_file():
        return None
    backups = folder / BACKUPS
    backups.mkdir(parents=True, exist_ok=True)
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = backups / f"{path.stem}-{stamp}{path.suffix}"
    n = 2
    while target.exists():
        target = backups / f"{path.stem}-{stamp}-{n}{path.suffix}"
        n += 1
    shutil.copy2(path, target)
    return target


def save(folder: Path, files: list[Incoming], when: datetime | None = None) -> list[Path]:
    """Write `files` into the campaign folder (previous versions kept aside); their paths."""
    when = when or datetime.now()
    root = folder.resolve()
    written = []
    for item in files:
        path = (folder / item.target).resolve()
        if root not in path.parents:  # names were checked; this is the last guard
            raise InputError(f'Tên tệp "{item.target}" không hợp lệ.')
        if not path.is_file() or path.read_bytes() != item.data:  # the same again: no copy
            keep_previous(folder, path, when)
        write_atomic(path, item.data)
        written.append(path)
    _remember_names(folder, files)
    return written


def original_names(folder: Path) -> dict[str, str]:
    """The uploaded files' own names, by the name they were saved under."""
    import json

    try:
        found = json.loads((Path(folder) / ORIGINAL_NAMES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _remember_names(folder: Path, files: list[Incoming]) -> None:
    import json

    names = original_names(folder)
    changed = False
    for item in files:
        if item.original is None:
            continue
        if item.original != Path(item.target).name:
            changed |= names.get(item.target) != item.original
            names[item.target] = item.original
        elif item.target in names:  # uploaded under its own name this time
            del names[item.target]
            changed = True
    if changed:
        write_atomic(Path(folder) / ORIGINAL_NAMES, json.dumps(names, ensure_ascii=False).encode("utf-8"))
