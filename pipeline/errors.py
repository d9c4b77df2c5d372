"""The error model: every expected failure is a PipelineError with a Vietnamese message.

Only cli.py turns these into exit codes; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located as precisely as the input allows."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None  # its address in the sheet, "D14", when it is about one cell

    def __post_init__(self):  # data quoted whole (190 MB of text) never reaches LOI.txt,
        # the status file, the terminal or the page: the message and column are clipped here
        object.__setattr__(self, "message", _clip(self.message, MAX_MESSAGE))
        if self.column is not None:
            object.__setattr__(self, "column", _clip(self.column, 60))

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f'cột "{self.column}"')
        return " › ".join(parts) + ": " + self.message

    def located(self) -> str:
        """As str(), with the cell's address beside sheet, row and column (ô D14): what
        staff read in LOI.txt and on the terminal."""
        text = str(self)
        if not self.cell:
            return text
        head = len(text) - len(self.message) - 2  # before ": <message>"
        return f"{text[:head]} › ô {self.cell}{text[head:]}"


MAX_MESSAGE = 2000  # characters; longer ones quote data (LOI.txt, status, terminal stay small)


def _clip(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}… (cắt bớt {len(text) - limit} ký tự)"


class PipelineError(Exception):
    """Base of every expected failure; str() is the message shown to the user."""


class InputError(PipelineError):
    """An input that cannot be read at all (missing, not a workbook)."""


class ValidationError(PipelineError):
    """The workbook was read, but its content breaks the contract."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # crosses process boundaries (the build's worker pool) whole
        return (self.__class__, (self.problems,))


class RenderError(PipelineError):
    """A template could not be rendered."""


class ExportError(PipelineError):
    """A document could not be converted (PDF)."""
