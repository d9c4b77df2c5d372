"""One campaign, start to finish: load, validate, build contexts, render, write.

Everything is rendered in memory before the first file is written, so a
campaign with a problem gets no document at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .documents import minutes
from .errors import InputError
from .load import is_campaign, load_campaign
from .config import TEMPLATES
from .render import render_bytes, write_atomic
from .validate import validate

KINDS = ("bien-ban-kiem-tra", "bien-ban-hop-cum")
GROUPS = {"minutes": ("bien-ban-kiem-tra", "bien-ban-hop-cum")}


@dataclass
class Outcome:
    campaign: str
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def find_campaigns(inputs: Path, names: tuple[str, ...] = ()) -> list[Path]:
    """Every folder of `inputs` holding a campaign, or just the named ones."""
    if names:
        folders = [inputs / name for name in names]
        for folder in folders:
            if not is_campaign(folder):
                raise InputError(f"Không có đợt thi đua {folder} (cần tệp {folder}/du-lieu.xlsx).")
        return folders
    if not inputs.is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {inputs}.")
    return sorted(p for p in inputs.iterdir() if p.is_dir() and is_campaign(p))


def expand(kinds: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for kind in kinds:
        for k in GROUPS.get(kind, (kind,)):
            if k not in out:
                out.append(k)
    return out


def build_campaign(folder: Path, outputs: Path, kinds: list[str],
                   templates: Path = TEMPLATES) -> Outcome:
    campaign = validate(load_campaign(folder))
    documents: dict[str, tuple[str, dict]] = {}
    if any(k in ("bien-ban-kiem-tra", "bien-ban-hop-cum") for k in kinds):
        everything = minutes.build(campaign)
        documents.update({name: spec for name, spec in everything.items()
                          if any(name.startswith(k) for k in kinds)})
    rendered = {name: render_bytes(template, context, templates)
                for name, (template, context) in documents.items()}
    target = outputs / folder.name
    outcome = Outcome(folder.name, warnings=list(campaign.warnings))
    for name, data in rendered.items():
        write_atomic(target / name, data)
        outcome.written.append(target / name)
    return outcome
