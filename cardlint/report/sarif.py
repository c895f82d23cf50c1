"""``--output-format sarif``: a SARIF 2.1.0 log, as GitHub code scanning and SARIF viewers read it.

One run whose ``tool.driver.rules`` lists every rule (so a viewer can explain a code even when
nothing was found), one result per finding, every linted card in ``artifacts``, and the files
that could not be read as ``toolExecutionNotifications``. Paths inside the current directory are
relative URIs with ``uriBaseId`` ``%SRCROOT%``; columns count Unicode code points, as cardlint's
do.

Fingerprints: each result carries ``partialFingerprints["cardlintLineHash/v1"]``, the first 16
hex digits of the SHA-256 of ``ruleId``, the artifact URI and the offending line's text without
its surrounding whitespace (joined by NUL characters), then ``:`` and the occurrence number of that
hash in the file (1, 2, ...). Inserting or deleting lines elsewhere, or re-indenting, keeps a
finding's fingerprint; editing its line gives a new one.
"""

import hashlib
import json
import re
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from cardlint import __version__
from cardlint.diagnostics import DOCS_URL, Diagnostic, FileResult
from cardlint.report.base import Reporter, RunSummary
from cardlint.report.github import relative_path
from cardlint.rules import all_rules
from cardlint.rules.base import Rule

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/cardlint/cardlint"
FINGERPRINT = "cardlintLineHash/v1"
_WHAT_IT_DOES = re.compile(r"^## What it does\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)


class SarifReporter(Reporter):
    """The whole run as one SARIF log."""

    def report(self, results: list[FileResult], summary: RunSummary, stream: TextIO) -> None:
        json.dump(sarif_log(results), stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def sarif_log(results: list[FileResult]) -> dict[str, Any]:
    """The SARIF log of ``results``."""
    rules = all_rules()
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: dict[str, dict[str, Any]] = {}
    for result in results:
        location = artifact_location(result.filename)
        artifacts.setdefault(result.filename, {"location": location})
        if result.error is not None:
            notifications.append(_notification("error", result.error.message, location))
        for note in result.notes:
            notifications.append(_notification("note", note, location))
        seen: dict[str, int] = {}
        for diagnostic in result.diagnostics:
            line = result.source_line(diagnostic.location.row) or ""
            digest = line_hash(diagnostic.code, location["uri"], line)
            seen[digest] = seen.get(digest, 0) + 1
            sarif_results.append(
                _result(diagnostic, location, rule_index, f"{digest}:{seen[digest]}")
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cardlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": all(result.error is None for result in results),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
                "artifacts": list(artifacts.values()),
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor`` for one rule, its help being the rule's documentation."""
    what = _WHAT_IT_DOES.search(rule.doc)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(what.group(1).split()) if what else rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": DOCS_URL.format(code=rule.code.lower()),
        "defaultConfiguration": {"level": rule.severity},
    }


def artifact_location(filename: str) -> dict[str, str]:
    """A relative URI under ``%SRCROOT%`` when the file is inside the current directory, else absolute."""
    relative = relative_path(filename)
    if relative is not None:
        return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}
    if "://" in filename:
        return {"uri": filename}
    return {"uri": Path(filename).resolve().as_uri()}


def line_hash(rule_id: str, uri: str, line: str) -> str:
    """The fingerprint of a finding before its occurrence number (see the module docstring)."""
    material = "\0".join((rule_id, uri, line.strip()))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def _result(
    diagnostic: Diagnostic, location: dict[str, str], rule_index: dict[str, int], fingerprint: str
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": diagnostic.code}
    if diagnostic.code in rule_index:
        result["ruleIndex"] = rule_index[diagnostic.code]
    result.update(
        level="error" if diagnostic.severity == "error" else "warning",
        message={"text": diagnostic.message},
        locations=[
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": diagnostic.location.row,
                        "startColumn": diagnostic.location.column,
                        "endLine": diagnostic.end_location.row,
                        "endColumn": diagnostic.end_location.column,
                    },
                }
            }
        ],
        partialFingerprints={FINGERPRINT: fingerprint},
    )
    return result


def _notification(level: str, message: str, location: dict[str, str]) -> dict[str, Any]:
    return {
        "level": level,
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": location}}],
    }
