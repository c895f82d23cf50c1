"""The values a lint produces: diagnostics, their fixes and the text edits of a fix.

All are named tuples of plain values, so they are immutable, pickle and cross process boundaries.
"""

import bisect
from enum import Enum
from typing import Any, NamedTuple

from cardlint.reading.card import Position

DOCS_URL = "https://github.com/cardlint/cardlint/blob/main/docs/rules.md#{code}"


class Applicability(str, Enum):
    """Whether a fix is applied by ``--fix`` (safe) or only with ``--unsafe-fixes`` (unsafe)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the decoded README with ``content``."""

    start: int
    end: int
    content: str
    location: Position
    end_location: Position


class Fix(NamedTuple):
    """A set of edits applied together; ``applicability`` is "safe" or "unsafe".

    ``sets`` are the metadata values the edits write (``cardlint.rules.base.Target``): the fixer
    arbitrates between fixes that set the same key, and checks that each ends as announced.
    """

    applicability: str
    message: str
    edits: tuple[Edit, ...]
    sets: tuple[Any, ...] = ()

    @property
    def is_safe(self) -> bool:
        return self.applicability == "safe"


class Diagnostic(NamedTuple):
    """One finding in one file."""

    code: str
    name: str
    message: str
    severity: str
    filename: str
    location: Position
    end_location: Position
    fix: Fix | None = None
    start: int = 0  # character offsets of the span in the decoded README
    end: int = 0

    @property
    def url(self) -> str:
        return DOCS_URL.format(code=self.code.lower())

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (ruff-like field names)."""
        fix = None
        if self.fix is not None:
            fix = {
                "applicability": self.fix.applicability,
                "message": self.fix.message,
                "edits": [
                    {
                        "content": edit.content,
                        "location": _place(edit.location),
                        "end_location": _place(edit.end_location),
                    }
                    for edit in self.fix.edits
                ],
            }
        return {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "severity": self.severity,
            "filename": self.filename,
            "location": _place(self.location),
            "end_location": _place(self.end_location),
            "fix": fix,
            "url": self.url,
        }


def _place(position: Position) -> dict[str, int]:
    """A position's JSON form (what ``_asdict`` gives, several times faster)."""
    return {"row": position[0], "column": position[1]}


class FileError(NamedTuple):
    """A target that could not be linted at all (unreadable, binary, too large, network)."""

    filename: str
    message: str

    def __str__(self) -> str:
        return f"{self.filename}: {self.message}"


class FileResult(NamedTuple):
    """Everything a lint of one target produced."""

    filename: str
    diagnostics: tuple[Diagnostic, ...] = ()
    error: FileError | None = None
    notes: tuple[str, ...] = ()
    lines: tuple[tuple[int, str], ...] = ()  # the source lines that diagnostics point at, by row
    fixed: tuple[
        Diagnostic, ...
    ] = ()  # findings whose fixes were applied (positions before the fix)

    def source_line(self, row: int) -> str | None:
        index = bisect.bisect_left(
            self.lines, (row,)
        )  # by bisection: a card may have 10,000s of finding lines
        if index < len(self.lines) and self.lines[index][0] == row:
            return self.lines[index][1]
        return None
