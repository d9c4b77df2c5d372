"""What a document module hands back: the files to render, and its warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Picture:
    """A photo placed in a document; render scales and embeds it (Word or HTML)."""

    path: Path
    width_cm: float = 14.0


@dataclass(frozen=True)
class Properties:
    """The .docx core properties: what Word's File › Info shows (the build time is render's)."""

    title: str
    creator: str  # the issuing body


@dataclass(frozen=True)
class Output:
    """One file to write: `template` (a file of templates_docx/) rendered with `context`."""

    name: str
    template: str
    context: dict
    properties: Properties | None = None


@dataclass
class Built:
    """A document module's result: its outputs, and what staff should check."""

    outputs: list[Output]
    warnings: list[str] = field(default_factory=list)
