"""The units' links: a server key, an HMAC per (campaign, unit, generation), the stores.

A link is `<public address>/nop/<campaign>/<unit>/<secret>`. The secret is the first 26
base32 letters (130 bits) of HMAC-SHA256(key, campaign, unit, generation): nothing is
stored per link, and replacing a unit's link bumps its generation, so the old secret stops
matching at once. Secrets are compared in constant time.

The generations and the deadline set on the page live in `<state>/<campaign>/lien-ket.json`
(written atomically, under a lock), never in the workbook.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..files import write_atomic

KEY_FILE = "khoa-lien-ket"
STORE_FILE = "lien-ket.json"
SECRET_LENGTH = 26


def load_key(state: Path) -> bytes:
    """The server key, made on first use: 32 random bytes, file mode 600."""
    path = Path(state) / KEY_FILE
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # readable by others (copied in by hand): closed again
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) < 32:
            raise ValueError(f"{path}: the key is shorter than 32 bytes") from None
        return key
    key = secrets.token_bytes(32)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
    return key


def secret(key: bytes, campaign: str, unit: str, generation: int) -> str:
    """The link secret of `unit` in `campaign` at `generation` (lower-case base32)."""
    message = "\x1f".join((campaign, unit, str(int(generation)))).encode("utf-8")
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:SECRET_LENGTH]


def matches(key: bytes, campaign: str, unit: str, generation: int, given: str) -> bool:
    """Whether `given` is the unit's current secret (constant-time comparison)."""
    expected = secret(key, campaign, unit, generation)
    return hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8", "replace"))


_LOCKS: dict[Path, threading.Lock] = {}
_GUARD = threading.Lock()


@contextmanager
def _locked(path: Path):
    with _GUARD:
        lock = _LOCKS.setdefault(path.resolve(), threading.Lock())
    with lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(path.name + ".khoa"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


class Store:
    """One campaign's generations (unit -> int, 0 when never replaced) and page deadline."""

    def __init__(self, state: Path, campaign: str):
        self.path = Path(state) / campaign / STORE_FILE

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"generations": {}, "deadline": None}
        return {"generations": dict(data.get("generations") or {}), "deadline": data.get("deadline")}

    def _write(self, data: dict) -> None:
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def generation(self, unit: str) -> int:
        return int(self._read()["generations"].get(unit, 0))

    def generations(self) -> dict[str, int]:
        return {u: int(g) for u, g in self._read()["generations"].items()}

    def replace(self, unit: str) -> int:
        """Bump the unit's generation (its old link stops); the new generation."""
        with _locked(self.path):
            data = self._read()
            data["generations"][unit] = int(data["generations"].get(unit, 0)) + 1
            self._write(data)
            return data["generations"][unit]

    def deadline(self) -> datetime | None:
        value = self._read()["deadline"]
        return datetime.fromisoformat(value) if value else None

    def set_deadline(self, when: datetime | None) -> None:
        with _locked(self.path):
            data = self._read()
            data["deadline"] = when.isoformat(timespec="minutes") if when else None
            self._write(data)


def effective_deadline(page: datetime | None, workbook: datetime | None) -> datetime | None:
    """The deadline set on the page wins over the workbook's `Hạn nộp tự chấm`; a workbook
    deadline without a time (`10/8/2020`) lasts to the end of that day."""
    if page is not None:
        return page
    if workbook is not None and (workbook.hour, workbook.minute, workbook.second) == (0, 0, 0):
        return workbook.replace(hour=23, minute=59, second=59)
    return workbook


def passed(deadline: datetime | None, now: datetime | None = None) -> bool:
    """Whether the deadline (server-local time) has passed; never without one."""
    return deadline is not None and (now or datetime.now()) > deadline
