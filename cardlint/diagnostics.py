"""The values a lint produces: diagnostics, their fixes and the text edits of a fix.

All are frozen dataclasses of plain values, so they pickle and cross process boundaries.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from cardlint.card import Position

DOCS_URL = "https://github.com/cardlint/cardlint/blob/main/docs/rules.md#{code}"

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the decoded README with ``content``."""

    start: int
    end: int
    content: str
    location: Position
    end_location: Position


@dataclass(frozen=True)
class Fix:
    """A set of edits applied together; ``applicability`` is "safe" or "unsafe"."""

    applicability: str
    message: str
    edits: tuple[Edit, ...]

    @property
    def is_safe(self) -> bool:
        return self.applicability == "safe"


@dataclass(frozen=True)
class Diagnostic:
    """One finding in one file."""

    code: str
    name: str
    message: str
    severity: str
    filename: str
    location: Position
    end_location: Position
    fix: Fix | None = None
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

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
                        "location": asdict(edit.location),
                        "end_location": asdict(edit.end_location),
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
            "location": asdict(self.location),
            "end_location": asdict(self.end_location),
            "fix": fix,
            "url": self.url,
        }


@dataclass(frozen=True)
class FileError:
    """A target that could not be linted at all (unreadable, binary, too large, network)."""

    filename: str
    message: str

    def __str__(self) -> str:
        return f"{self.filename}: {self.message}"


@dataclass(frozen=True)
class FileResult:
    """Everything a lint of one target produced."""

    filename: str
    diagnostics: tuple[Diagnostic, ...] = ()
    error: FileError | None = None
    notes: tuple[str, ...] = ()
    lines: tuple[tuple[int, str], ...] = ()  # the source lines that diagnostics point at
    fixed: tuple[Diagnostic, ...] = ()  # findings whose fixes were applied (positions before the fix)

    def source_line(self, row: int) -> str | None:
        for number, text in self.lines:
            if number == row:
                return text
        return None
