"""The values a lint produces: diagnostics, their fixes and the text edits of a fix.

All are named tuples of plain values, so they are immutable, pickle and cross process boundaries.
"""

import bisect
from enum import Enum, IntEnum
from typing import Any, NamedTuple

from cardlint.reading.card import Lines, Position

DOCS_URL = "https://github.com/cardlint/cardlint/blob/main/docs/rules.md#{code}"


class Applicability(str, Enum):
    """Whether a fix is applied by ``--fix`` (safe) or only with ``--unsafe-fixes`` (unsafe)."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    @classmethod
    def of(cls, safe: bool) -> "Applicability":
        return cls.SAFE if safe else cls.UNSAFE


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the decoded README with ``content`` (character offsets)."""

    start: int
    end: int
    content: str


class Evidence(IntEnum):
    """What a value that a fix writes rests on; when fixes disagree, the fixer keeps the strongest."""

    MOVED = -1  # the card's own value under another key, unchanged (a key renamed)
    FORM = 0  # the card's own value in another form: the same amount in grams, a quoted string
    ESTIMATE = 1  # an estimate, or a guess from plausibility
    TEXT = 2  # the card's own Markdown text
    LOG_FOUND = 3  # a measurement log found beside the README
    LOG_NAMED = 4  # a measurement log named with --log


class Removed(NamedTuple):
    """The value of a key that a fix deletes."""


REMOVED = Removed()


class Target(NamedTuple):
    """A metadata value a fix sets: its key path, the value huggingface_hub will read there
    (a Decimal for a number, REMOVED for a deleted key), what it rests on and where it came from."""

    path: tuple[Any, ...]
    value: Any
    evidence: Evidence = Evidence.FORM
    origin: str = ""


class Fix(NamedTuple):
    """A set of edits applied together.

    ``sets`` are the metadata values the edits write: the fixer arbitrates between fixes that set
    the same key by their evidence, and checks that each ends as announced.
    """

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]
    sets: tuple[Target, ...] = ()

    @property
    def is_safe(self) -> bool:
        return self.applicability == Applicability.SAFE


class Diagnostic(NamedTuple):
    """One finding in one file: a rule's code, name and severity, a message, the span
    ``start..end`` of the decoded README (character offsets) and an optional fix.

    ``lines`` is where the lines that the finding and its fix touch start: lines and columns are
    computed from the offsets when reported, as ruff does.
    """

    code: str
    name: str
    message: str
    severity: str
    filename: str
    start: int
    end: int
    lines: Lines
    fix: Fix | None = None

    @property
    def location(self) -> Position:
        return self.lines.position(self.start)

    @property
    def end_location(self) -> Position:
        return self.lines.position(self.end)

    @property
    def url(self) -> str:
        return DOCS_URL.format(code=self.code.lower())

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (ruff-like field names)."""
        fix = None
        if self.fix is not None:
            fix = {
                "applicability": self.fix.applicability.value,
                "message": self.fix.message,
                "edits": [
                    {
                        "content": edit.content,
                        "location": self._place(edit.start),
                        "end_location": self._place(edit.end),
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
            "location": self._place(self.start),
            "end_location": self._place(self.end),
            "fix": fix,
            "url": self.url,
        }

    def _place(self, offset: int) -> dict[str, int]:
        """An offset's JSON form: its row and column."""
        row, column = self.lines.position(offset)
        return {"row": row, "column": column}


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
    # findings whose fixes were applied (positions before the fix)
    fixed: tuple[Diagnostic, ...] = ()

    def source_line(self, row: int) -> str | None:
        # by bisection: a card may have 10,000s of finding lines
        index = bisect.bisect_left(self.lines, (row,))
        if index < len(self.lines) and self.lines[index][0] == row:
            return self.lines[index][1]
        return None
