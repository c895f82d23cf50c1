"""``--statistics``: how often each rule fired over all files, as ruff counts them."""

from typing import Any, NamedTuple

from cardlint.diagnostics import FileResult


class RuleStatistic(NamedTuple):
    """One rule's findings in a run; ``fixable`` counts those whose fix this run's options would apply."""

    code: str
    name: str
    findings: int
    fixable: int

    def to_dict(self) -> dict[str, Any]:
        """ruff's JSON form: ``fixable`` is true when every finding of the rule is fixable."""
        return {
            "code": self.code,
            "name": self.name,
            "count": self.findings,
            "fixable": self.fixable == self.findings,
            "fixable_count": self.fixable,
        }


def rule_statistics(results: list[FileResult], unsafe_fixes: bool) -> list[RuleStatistic]:
    """A row per rule that fired, the most frequent first (then by code)."""
    counts: dict[str, list[Any]] = {}
    for result in results:
        for finding in result.diagnostics:
            row = counts.setdefault(finding.code, [finding.name, 0, 0])
            row[1] += 1
            row[2] += finding.fix is not None and (unsafe_fixes or finding.fix.is_safe)
    rows = [
        RuleStatistic(code, name, count, fixable) for code, (name, count, fixable) in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.findings, row.code))


def statistics_lines(rows: list[RuleStatistic]) -> list[str]:
    """``count  code  [*] name`` per rule: ``[*]`` every finding fixable, ``[-]`` some, ``[ ]`` none."""
    if not rows:
        return []
    count_width = max(len(str(row.findings)) for row in rows)
    code_width = max(len(row.code) for row in rows)
    lines = []
    for row in rows:
        marker = "[*]" if row.fixable == row.findings else "[-]" if row.fixable else "[ ]"
        lines.append(
            f"{row.findings:>{count_width}}  {row.code:<{code_width}}  {marker} {row.name}"
        )
    return lines
