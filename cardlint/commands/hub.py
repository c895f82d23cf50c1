"""Hub targets for ``check`` and ``fix``: repositories named ``org/model`` and whole authors."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field

from cardlint.diagnostics import FileResult

REPO_ID = re.compile(r"^(?:hf://|https://huggingface\.co/)?[A-Za-z0-9][\w.-]*/[\w.-]+/?$")


@dataclass
class HubOutcome:
    """Results for the Hub targets, and the arguments that are neither paths nor repositories."""

    results: list[FileResult] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)


def hub_results(args: argparse.Namespace, arguments: list[str], overrides: dict[str, object]) -> HubOutcome:
    """Lint (or fix) the Hub repositories among ``arguments`` and the models of ``--author``."""
    return HubOutcome(not_found=list(arguments))
