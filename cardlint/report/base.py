"""What every reporter receives."""

from typing import TextIO

from cardlint.diagnostics import FileResult


class RunSummary:
    """Totals of one run, for closing lines and summaries."""

    def __init__(self, files: int = 0) -> None:
        self.files = files
        self.errors = 0  # diagnostics of severity error
        self.warnings = 0
        self.fixable_safe = 0
        self.fixable_unsafe = 0
        self.unreadable = 0
        self.fixed = 0
        self.fix_mode = False
        self.quiet = False  # findings only: no notes, no closing summary
        self.statistics = False  # a count per rule instead of each finding
        self.unsafe_fixes = (
            False  # --unsafe-fixes: unsafe fixes count as fixable, none is held back
        )
        self.by_code: dict[str, int] = {}

    @classmethod
    def of(cls, results: list[FileResult]) -> "RunSummary":
        summary = cls(files=len(results))
        for result in results:
            if result.error is not None:
                summary.unreadable += 1
            for diagnostic in result.diagnostics:
                if diagnostic.severity == "error":
                    summary.errors += 1
                else:
                    summary.warnings += 1
                summary.by_code[diagnostic.code] = summary.by_code.get(diagnostic.code, 0) + 1
                if diagnostic.fix is not None:
                    if diagnostic.fix.is_safe:
                        summary.fixable_safe += 1
                    else:
                        summary.fixable_unsafe += 1
        return summary


class Reporter:
    """Writes results to a stream. Subclasses override ``report``."""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def report(self, results: list[FileResult], summary: RunSummary, stream: TextIO) -> None:
        raise NotImplementedError


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` with its noun: "1 file", "2 files", "3 unsafe fixes"."""
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"
