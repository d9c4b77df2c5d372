"""A Word document as the rules read it: its model (model.read), a document laid out in one
table read as header, body and signature (onetable.unwrap)."""

from __future__ import annotations

from .wordfile import Doc, UnreadableDocx
from .wordreader import read, why
from .onetable import unwrap


def load(path) -> Doc:
    """Read `path` (or a (name, bytes) pair) into a Doc, or raise UnreadableDocx."""
    doc = read(path)
    try:
        unwrap(doc)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        # A document Word itself would not write; it is unreadable, not a bug here.
        raise UnreadableDocx(f"không mở được như văn bản Word .docx: {why(exc)}") from exc
    return doc
