"""The GitHub Action's step summary and outputs, from the SARIF log of a run.

``python -m cardlint.report.summary RUN.sarif --exit-code N [--diff FILE]`` appends a Markdown
report (cards checked, findings per rule, cards with findings, unreadable files, the diff of
``cardlint fix --diff``) to ``$GITHUB_STEP_SUMMARY`` and writes the counts as step outputs
(``findings``, ``errors``, ``warnings``, ``cards``, ``unreadable``, ``sarif-file``) to
``$GITHUB_OUTPUT``. Outside a workflow it prints the Markdown. The SARIF log is read rather than
the JSON array because it also lists the cards checked, the rules' names and the unreadable files.
"""

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cardlint.report.base import plural

MAX_DIFF_CHARS = 60_000  # a step summary holds 1 MiB; the diff is also in the log


def markdown(log: dict[str, Any] | None, exit_code: int, diff: str = "") -> str:
    """The step summary of one run; ``log`` is None when cardlint wrote no SARIF."""
    lines = ["## cardlint", ""]
    if log is None:
        lines.append(f"cardlint could not run (exit code {exit_code}); the step's log says why.")
        return "\n".join(lines) + "\n"
    counts = counts_of(log)
    run = log["runs"][0]
    cards = plural(counts["cards"], "model card")
    if counts["findings"] == 0 and counts["unreadable"] == 0:
        lines.append(f"✅ {cards} checked: no findings.")
    elif counts["findings"] == 0:
        lines.append(f"⚠️ {cards} checked: no findings in those that could be read.")
    else:
        with_findings = len({_uri(result) for result in run["results"]})
        lines.append(
            f"❌ {plural(counts['findings'], 'finding')} ({plural(counts['errors'], 'error')}, "
            f"{plural(counts['warnings'], 'warning')}) in {with_findings} of {cards} checked."
        )
    lines.extend(_rule_table(run))
    lines.extend(_card_table(run))
    unreadable = [
        n for n in run["invocations"][0]["toolExecutionNotifications"] if n["level"] == "error"
    ]
    if unreadable:
        lines.extend(["", f"**{plural(len(unreadable), 'file')} could not be read:**", ""])
        for notification in unreadable:
            lines.append(
                f"- {_code(_notification_uri(notification))}: {notification['message']['text']}"
            )
    if diff:
        shown = (
            diff
            if len(diff) <= MAX_DIFF_CHARS
            else diff[:MAX_DIFF_CHARS] + "\n... (cut; the whole diff is in the log)\n"
        )
        fence = "`" * max(3, 1 + max((len(ticks) for ticks in re.findall(r"`+", shown)), default=0))
        lines.extend(
            [
                "",
                "**`cardlint fix` would change the cards** (run it and commit the result):",
                "",
                f"{fence}diff",
                shown.rstrip("\n"),
                fence,
            ]
        )
    return "\n".join(lines) + "\n"


def counts_of(log: dict[str, Any]) -> dict[str, int]:
    """Cards checked, findings by level and unreadable files in a SARIF log."""
    run = log["runs"][0]
    levels = Counter(result["level"] for result in run["results"])
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    return {
        "findings": len(run["results"]),
        "errors": levels["error"],
        "warnings": levels["warning"],
        "cards": len(run["artifacts"]),
        "unreadable": sum(1 for notification in notifications if notification["level"] == "error"),
    }


def _rule_table(run: dict[str, Any]) -> list[str]:
    if not run["results"]:
        return []
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    per_rule = Counter(result["ruleId"] for result in run["results"])
    lines = ["", "| Rule | Name | Level | Findings |", "|---|---|---|---:|"]
    for code, count in sorted(per_rule.items()):
        rule = rules.get(code, {})
        link = f"[{code}]({rule['helpUri']})" if "helpUri" in rule else code
        level = rule.get("defaultConfiguration", {}).get("level", "")
        lines.append(f"| {link} | {rule.get('name', '')} | {level} | {count} |")
    return lines


def _card_table(run: dict[str, Any]) -> list[str]:
    per_card: dict[str, Counter[str]] = {}
    for result in run["results"]:
        per_card.setdefault(_uri(result), Counter())[result["level"]] += 1
    if not per_card:
        return []
    lines = ["", "| Card | Errors | Warnings |", "|---|---:|---:|"]
    for uri, levels in sorted(per_card.items()):
        lines.append(f"| {_code(uri)} | {levels['error']} | {levels['warning']} |")
    return lines


def _uri(result: dict[str, Any]) -> str:
    return str(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])


def _notification_uri(notification: dict[str, Any]) -> str:
    return str(notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])


def _code(text: str) -> str:
    """``text`` as inline code that is safe inside a table cell."""
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the step summary and the outputs; always exits 0 (the lint step's status is its own)."""
    parser = argparse.ArgumentParser(
        prog="python -m cardlint.report.summary",
        description="Write the GitHub step summary and outputs of a cardlint run.",
    )
    parser.add_argument(
        "sarif", help="the SARIF log of the run (absent when cardlint could not run)"
    )
    parser.add_argument("--exit-code", type=int, default=0, help="cardlint's exit code")
    parser.add_argument("--diff", help="a file holding the output of cardlint fix --diff")
    args = parser.parse_args(argv)
    sarif = Path(args.sarif)
    log = json.loads(sarif.read_text(encoding="utf-8")) if sarif.is_file() else None
    diff = (
        Path(args.diff).read_text(encoding="utf-8")
        if args.diff and Path(args.diff).is_file()
        else ""
    )
    report = markdown(log, args.exit_code, diff)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(report)
    else:
        sys.stdout.write(report)
    output_file = os.environ.get("GITHUB_OUTPUT")
    if output_file and log is not None:
        with open(output_file, "a", encoding="utf-8") as handle:
            for name, value in counts_of(log).items():
                handle.write(f"{name}={value}\n")
            handle.write(f"sarif-file={sarif.resolve()}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
