"""What every reporter receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from cardlint.diagnostics import FileResult


@dataclass
class RunSummary:
    """Totals of one run, for closing lines and summaries."""

    files: int = 0
    errors: int = 0  # diagnostics of severity error
    warnings: int = 0
    fixable_safe: int = 0
    fixable_unsafe: int = 0
    unreadable: int = 0
    fixed: int = 0
    fix_mode: bool = False
    quiet: bool = False  # findings only: no notes, no closing summary
    by_code: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, results: list[FileResult]) -> RunSummary:
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
