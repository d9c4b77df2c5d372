"""Self-scores collected: returned forms dropped by staff or sent through a link per unit.

- `links`: the server key (mode 600, outside inputs/ and outputs/ so that no zip carries
  it), each unit's link secret (an HMAC over campaign, unit and a generation number that
  replacing the link bumps), the generation store and the deadline set on the page;
- `arrivals`: every arrival logged (time, unit, how it came, client address, total or
  errors), read back as the units' table;
- `check`: a returned form checked with the build's own reader (campaign, year, unit,
  every criterion, maxima, formulas without values, file type and size), and stored in
  `tu-cham/` keeping the previous one; the score-entry form turned into the same workbook;
- `waiting`: whether a failed build only waits for facts not known yet at self-scoring
  time (the meeting's facts, the cluster's scores, units not sent yet);
- `linkbook`: the workbook of every unit's link, to paste into messages.

Everything here is state of the server, kept in one folder (`state_folder`) beside
inputs/ and outputs/, never inside them.
"""

from __future__ import annotations

import os
from pathlib import Path

STATE_VARIABLE = "VANBAN_STATE"  # where the key and the stores live (default: ../.vanban)
PUBLIC_URL_VARIABLE = "VANBAN_PUBLIC_URL"  # the address units reach the page at


def state_path(inputs: Path, outputs: Path) -> Path:
    """Where the server's own folder is (see `state_folder`), without making it."""
    chosen = os.environ.get(STATE_VARIABLE)
    folder = Path(chosen) if chosen else Path(inputs).resolve().parent / ".vanban"
    folder = folder.resolve()
    for forbidden in (Path(inputs).resolve(), Path(outputs).resolve()):
        if folder == forbidden or forbidden in folder.parents:
            from ..errors import InputError

            raise InputError(
                f"Thư mục trạng thái {folder} không được nằm trong {forbidden}: "
                f"hãy đặt {STATE_VARIABLE} ra ngoài inputs/ và outputs/."
            )
    return folder


def state_folder(inputs: Path, outputs: Path) -> Path:
    """The server's own folder (mode 700): $VANBAN_STATE, else `.vanban` beside inputs/.

    Never inside inputs/ or outputs/: a campaign's zip or a copy of inputs/ must not carry
    the key or the clients' addresses."""
    folder = state_path(inputs, outputs)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def write_text(cell, value):
    """Text into a workbook cell we write, never a formula: the one place this package
    calls the project's text-writing helper (pipeline.sanity.literal)."""
    from ..sanity import literal

    return literal(cell, value)
