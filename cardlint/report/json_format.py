"""``--output-format json``: one JSON array of diagnostics.

In fix mode the output is an object: ``{"fixed": [...], "remaining": [...]}``, where ``fixed``
lists the findings whose fixes were applied (with their positions before the fix). With
``--statistics`` it is an array with one object per rule that fired, as ruff prints it:
``{"code", "name", "count", "fixable", "fixable_count"}``, the most frequent first.

The output is exactly ``json.dump(..., indent=2, ensure_ascii=False)``'s, written one diagnostic
at a time (a card may have 100,000s of findings): with an indent, the json module encodes in
pure Python, chunk by chunk, several times slower than ``speedups.json_text``.
"""

import json
from collections.abc import Iterable
from typing import TextIO

from cardlint.diagnostics import Diagnostic, FileResult
from cardlint.report.base import Reporter, RunSummary
from cardlint.speedups.json_text import indented


class JsonReporter(Reporter):
    def report(self, results: list[FileResult], summary: RunSummary, stream: TextIO) -> None:
        if summary.statistics:
            from cardlint.report.statistics import rule_statistics

            json.dump(
                [row.to_dict() for row in rule_statistics(results, summary.unsafe_fixes)],
                stream,
                indent=2,
                ensure_ascii=False,
            )
            stream.write("\n")
            return
        remaining = (diagnostic for result in results for diagnostic in result.diagnostics)
        if summary.fix_mode:
            stream.write('{\n  "fixed": ')
            _write_array(
                (diagnostic for result in results for diagnostic in result.fixed), stream, "\n  "
            )
            stream.write(',\n  "remaining": ')
            _write_array(remaining, stream, "\n  ")
            stream.write("\n}")
        else:
            _write_array(remaining, stream, "\n")
        stream.write("\n")


def _write_array(diagnostics: Iterable[Diagnostic], stream: TextIO, pad: str) -> None:
    """The diagnostics as a JSON array indented as json.dump's ``indent=2`` at the line start ``pad``."""
    inner = pad + "  "
    opening = "[" + inner
    for diagnostic in diagnostics:
        parts = [opening]
        indented(diagnostic.to_dict(), parts, inner)
        stream.write("".join(parts))
        opening = "," + inner
    stream.write("[]" if opening.startswith("[") else pad + "]")
