"""Human output: ``full`` (with the offending line and a caret) and ``concise`` (one line each)."""

from typing import TextIO

from cardlint.diagnostics import Diagnostic, FileResult
from cardlint.report.base import Reporter, RunSummary, plural

_STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2", "green": "32"}


class ConciseReporter(Reporter):
    """``path:row:col: CODE [*] message``, one per line, then a summary."""

    def style(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def report(self, results: list[FileResult], summary: RunSummary, stream: TextIO) -> None:
        if summary.statistics:
            from cardlint.report.statistics import rule_statistics, statistics_lines

            stream.write(
                "".join(
                    line + "\n"
                    for line in statistics_lines(rule_statistics(results, summary.unsafe_fixes))
                )
            )
        else:
            self.findings(results, summary, stream)
        if not summary.quiet:
            stream.write(self.closing(summary))

    def findings(self, results: list[FileResult], summary: RunSummary, stream: TextIO) -> None:
        """Each finding, and each file's notes unless quiet."""
        for result in results:
            for diagnostic in result.diagnostics:
                stream.write(self.headline(diagnostic) + "\n")
                self.details(diagnostic, result, stream)
            if not summary.quiet:
                for note in result.notes:
                    stream.write(self.style(f"{result.filename}: {note}", "dim") + "\n")

    def headline(self, diagnostic: Diagnostic) -> str:
        where = f"{diagnostic.filename}:{diagnostic.location.row}:{diagnostic.location.column}:"
        color = "red" if diagnostic.severity == "error" else "yellow"
        marker = " [*]" if diagnostic.fix is not None and diagnostic.fix.is_safe else ""
        return f"{self.style(where, 'bold')} {self.style(diagnostic.code, 'bold', color)}{marker} {diagnostic.message}"

    def details(self, diagnostic: Diagnostic, result: FileResult, stream: TextIO) -> None:
        """Nothing in concise output."""

    def closing(self, summary: RunSummary) -> str:
        found = summary.errors + summary.warnings
        checked = plural(summary.files, "file")
        lines = []
        if summary.fix_mode:
            lines.append(f"Fixed {plural(summary.fixed, 'finding')} ({found} remaining).")
        if summary.files == 0:
            lines.append("No cards to check.")
        elif found:
            parts = [
                plural(count, kind)
                for count, kind in ((summary.errors, "error"), (summary.warnings, "warning"))
                if count
            ]
            lines.append(f"Found {plural(found, 'problem')} ({', '.join(parts)}).")
        elif not summary.fix_mode and summary.unreadable == 0:
            lines.append(self.style(f"All checks passed ({checked}).", "green"))
        elif not summary.fix_mode:
            lines.append(
                f"No findings in the files that could be read ({summary.unreadable} of {checked} could not be read)."
            )
        if summary.unreadable and (found or summary.fix_mode):
            lines.append(f"{summary.unreadable} of {checked} could not be read.")
        lines.extend(fix_hints(summary))
        return "".join(line + "\n" for line in lines)


def fix_hints(summary: RunSummary) -> list[str]:
    """What more ``--fix`` or ``--unsafe-fixes`` would do; in fix mode, the unsafe fixes held back."""
    safe, unsafe = summary.fixable_safe, summary.fixable_unsafe
    if summary.fix_mode:
        return [held_back(unsafe)] if unsafe and not summary.unsafe_fixes else []
    if summary.unsafe_fixes and safe + unsafe:
        return [f"[*] {safe + unsafe} fixable with --fix --unsafe-fixes."]
    if safe:
        hidden = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
        return [f"[*] {safe} fixable with --fix{hidden}."]
    if unsafe:
        return [
            f"No safe fixes available ({unsafe} hidden fix{'es' if unsafe != 1 else ''} can be enabled with --unsafe-fixes)."
        ]
    return []


def held_back(count: int) -> str:
    """The line saying that ``count`` unsafe fixes were not applied, and how to apply them."""
    return f"{plural(count, 'unsafe fix', 'unsafe fixes')} held back: apply {'it' if count == 1 else 'them'} with --unsafe-fixes."


SHOWN_WIDTH = 120  # characters of a source line shown; a longer one is cut around the column


def cut_line(line: str, start: int, width: int, length: int | None = None) -> tuple[str, int, int]:
    """``line[:length]`` cut to about SHOWN_WIDTH characters around ``start`` ("..." marks each cut),
    with the caret's start and width moved to match: a finding on an 80 KB line shows 120 characters.
    Only the shown part is copied (``length`` defaults to the whole line)."""
    length = len(line) if length is None else length
    if length <= SHOWN_WIDTH:
        return line[:length], start, width
    left = max(0, min(start - SHOWN_WIDTH // 3, length - SHOWN_WIDTH))
    right = left + SHOWN_WIDTH
    shown = ("..." if left else "") + line[left:right] + ("..." if right < length else "")
    offset = start - left + (3 if left else 0)
    return shown, offset, max(1, min(width, right - start))


class FullReporter(ConciseReporter):
    """The headline, the offending line with a caret under the span, and the fix title."""

    def details(self, diagnostic: Diagnostic, result: FileResult, stream: TextIO) -> None:
        source = result.source_line(diagnostic.location.row)
        if source is None:
            stream.write("\n")
            return
        row = str(diagnostic.location.row)
        gutter = " " * len(row)
        length = len(source)
        # the line without its ending, not copied: it may be 1 MB long
        while length and source[length - 1] in "\r\n":
            length -= 1
        start = diagnostic.location.column - 1
        if diagnostic.end_location.row == diagnostic.location.row:
            width = max(1, diagnostic.end_location.column - diagnostic.location.column)
        else:
            width = max(1, length - start)
        line, start, width = cut_line(source, start, width, length)
        line = line.replace("\t", " ")
        caret = " " * start + "^" * width
        color = "red" if diagnostic.severity == "error" else "yellow"
        bar, equals = self.style("|", "cyan"), self.style("=", "cyan")
        help_line = ""
        if diagnostic.fix is not None:
            kind = "" if diagnostic.fix.is_safe else " (unsafe)"
            help_line = f"{gutter} {equals} help: {diagnostic.fix.message}{kind}\n"
        stream.write(  # one write per finding: a card may have 100,000s
            f"{gutter} {bar}\n{self.style(row, 'cyan')} {bar} {line}\n{gutter} {bar} {self.style(caret, color)}\n"
            f"{help_line}{gutter} {equals} docs: {diagnostic.url}\n\n"
        )
