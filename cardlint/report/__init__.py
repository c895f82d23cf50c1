"""Reporters, one per output format, behind a registry from format name to class."""

import importlib

from cardlint.report.base import Reporter, RunSummary

REPORTERS = {
    "full": "cardlint.report.text:FullReporter",
    "concise": "cardlint.report.text:ConciseReporter",
    "json": "cardlint.report.json_format:JsonReporter",
    "github": "cardlint.report.github:GithubReporter",
    "sarif": "cardlint.report.sarif:SarifReporter",
}


def get_reporter(name: str, color: bool = False) -> Reporter:
    """An instance of the reporter for output format ``name``."""
    module_name, class_name = REPORTERS[name].split(":")
    reporter_class = getattr(importlib.import_module(module_name), class_name)
    reporter: Reporter = reporter_class(color=color)
    return reporter


__all__ = ["REPORTERS", "Reporter", "RunSummary", "get_reporter"]
