"""What a Hub scan shows on stderr: a progress bar (terminals only) and a summary table at the end."""

from dataclasses import dataclass, field
from typing import TextIO

from cardlint.diagnostics import FileResult

BAR_WIDTH = 30


class Progress:
    """A one-line ``[####....] 12/200 org/model`` bar, redrawn in place; silent unless ``stream`` is a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = total > 1 and hasattr(stream, "isatty") and stream.isatty()

    def advance(self, label: str) -> None:
        """Count one more repository done."""
        self.done += 1
        if not self.enabled:
            return
        filled = BAR_WIDTH * self.done // self.total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label[:50]}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@dataclass
class RuleCount:
    """How often one rule fired in a scan."""

    name: str
    findings: int = 0
    cards: int = 0


@dataclass
class ScanSummary:
    """Totals of a scan: cards read, cards with a co2_eq_emissions block, clean cards, findings per rule."""

    repositories: int = 0
    checked: int = 0
    with_co2: int = 0
    clean: int = 0
    unreadable: int = 0
    unlisted: int = 0  # authors whose repositories could not be listed
    rules: dict[str, RuleCount] = field(default_factory=dict)

    def add(self, result: FileResult, has_co2: bool) -> None:
        """Count one repository's result."""
        self.repositories += 1
        if result.error is not None:
            self.unreadable += 1
            return
        self.checked += 1
        self.with_co2 += has_co2
        self.clean += not result.diagnostics
        for code in sorted({d.code for d in result.diagnostics}):
            findings = [d for d in result.diagnostics if d.code == code]
            count = self.rules.setdefault(code, RuleCount(findings[0].name))
            count.findings += len(findings)
            count.cards += 1

    def table(self) -> str:
        """The summary as aligned text lines."""
        rows = [
            ("cards checked", self.checked),
            ("with a co2_eq_emissions block", self.with_co2),
            ("clean", self.clean),
            ("could not be read", self.unreadable),
        ]
        if self.unlisted:
            rows.append(("authors that could not be listed", self.unlisted))
        lines = [
            f"Hub scan: {self.repositories} repositor{'y' if self.repositories == 1 else 'ies'}"
        ]
        lines += [f"  {label:<40}{value:>6}" for label, value in rows]
        if self.rules:
            lines.append(f"  {'findings by rule':<40}{'found':>6}{'cards':>7}")
            for code, count in sorted(self.rules.items()):
                lines.append(f"    {code:<7} {count.name:<30}{count.findings:>6}{count.cards:>7}")
        return "\n".join(lines) + "\n"
