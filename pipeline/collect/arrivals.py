"""Every arrival of a returned form, logged: `<state>/<campaign>/den.jsonl`, one JSON a line.

An arrival: the time, the unit it was for (None when the form names no unit of the
campaign), how it came (`staff`: dropped on the staff page; `link`: the unit's link,
`entry`: the score-entry form of the link), the client's address, whether it was
accepted, the self-scored total and scores when accepted, else its errors (cell and
message). Nothing of a refused file itself is kept.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

LOG_FILE = "den.jsonl"
STAFF, LINK, ENTRY = "staff", "link", "entry"
VIA = {
    STAFF: "cán bộ thả biểu trên trang",
    LINK: "đơn vị gửi tệp qua đường dẫn",
    ENTRY: "đơn vị nhập điểm qua đường dẫn",
    "folder": "chép vào thư mục tu-cham",
}

_LOCK = threading.Lock()


@dataclass
class Arrival:
    time: str  # ISO, server-local time
    unit: str | None
    via: str
    client: str
    accepted: bool
    file: str = ""  # the name the browser gave (shown to staff only)
    total: float | None = None
    scores: dict[str, float] = field(default_factory=dict)
    errors: list[list[str]] = field(default_factory=list)  # [cell, message]
    batch: str = ""  # the drop it belongs to (several files at once)

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.time)

    @property
    def shown_time(self) -> str:
        return self.moment.strftime("%H:%M %d/%m/%Y")


def log_path(state: Path, campaign: str) -> Path:
    return Path(state) / campaign / LOG_FILE


def append(state: Path, campaign: str, arrival: Arrival) -> None:
    """Add one line to the campaign's log (flushed before returning)."""
    path = log_path(state, campaign)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(arrival), ensure_ascii=False) + "\n"
    with _LOCK, open(path, "a", encoding="utf-8") as out:
        out.write(line)
        out.flush()


def read(state: Path, campaign: str) -> list[Arrival]:
    """Every arrival of the campaign, oldest first (a torn last line is skipped)."""
    path = log_path(state, campaign)
    if not path.is_file():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            found.append(Arrival(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return found


@dataclass
class UnitState:
    """One row of the units' table."""

    code: str
    name: str
    last: Arrival | None = None  # the latest arrival for the unit
    good: Arrival | None = None  # the latest accepted one (what tu-cham/ holds)
    by_hand: datetime | None = None  # a form put in tu-cham/ without an arrival
    in_workbook: bool = False  # every `Tự chấm` of the unit already typed in the workbook

    @property
    def state(self) -> str:
        if self.last is not None and not self.last.accepted:
            return "có lỗi"
        if self.good is not None:
            return f"đã gửi lúc {self.good.shown_time}"
        if self.by_hand is not None:
            return f"đã gửi lúc {self.by_hand.strftime('%H:%M %d/%m/%Y')}"
        if self.in_workbook:
            return "đã có điểm trong bảng tính"
        return "chưa gửi"

    @property
    def css(self) -> str:
        return {"có lỗi": "loi", "chưa gửi": "chua"}.get(self.state, "tot")


def table(
    units: list[tuple[str, str]],
    arrivals: list[Arrival],
    by_hand: dict[str, datetime] | None = None,
    typed: set[str] = frozenset(),
) -> list[UnitState]:
    """The units' table: (code, name) in the workbook's order, their latest arrivals;
    `typed`: the units whose self-scores are already in the workbook."""
    rows = {code: UnitState(code, name, in_workbook=code in typed) for code, name in units}
    for arrival in arrivals:
        row = rows.get(arrival.unit or "")
        if row is None:
            continue
        row.last = arrival
        if arrival.accepted:
            row.good = arrival
    for code, when in (by_hand or {}).items():
        if code in rows and rows[code].good is None:
            rows[code].by_hand = when
    return list(rows.values())
