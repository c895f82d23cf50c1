"""``--output-format json``: one JSON array of diagnostics.

In fix mode the output is an object: ``{"fixed": [...], "remaining": [...]}``, where ``fixed``
lists the findings whose fixes were applied (with their positions before the fix). With
``--statistics`` it is an array with one object per rule that fired, as ruff prints it:
``{"code", "name", "count", "fixable", "fixable_count"}``, the most frequent first.
"""

from __future__ import annotations

import json
from typing import TextIO

from cardlint.diagnostics import FileResult
from cardlint.report.base import Reporter, RunSummary


class JsonReporter(Reporter):
    def report(self, results: list[FileResult], summary: RunSummary, stream: TextIO) -> None:
        if summary.statistics:
            from cardlint.report.statistics import rule_statistics

            json.dump([row.to_dict() for row in rule_statistics(results, summary.unsafe_fixes)], stream, indent=2, ensure_ascii=False)
            stream.write("\n")
            return
        items = [diagnostic.to_dict() for result in results for diagnostic in result.diagnostics]
        if summary.fix_mode:
            fixed = [diagnostic.to_dict() for result in results for diagnostic in result.fixed]
            json.dump({"fixed": fixed, "remaining": items}, stream, indent=2, ensure_ascii=False)
        else:
            json.dump(items, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
