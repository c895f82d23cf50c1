"""Shared test helpers: where ../shared is, and how to run cardlint as a process.

A plain module rather than conftest.py, so that subfolders may have conftest files of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cardlint.diagnostics import Diagnostic

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS_CARDS = SHARED / "corpus" / "cards"


def corpus_cards() -> list[Path]:
    """The real cards in ../shared/corpus, or an empty list when it is absent."""
    return sorted(CORPUS_CARDS.glob("*.md")) if CORPUS_CARDS.is_dir() else []


needs_corpus = pytest.mark.skipif(
    not CORPUS_CARDS.is_dir(), reason="../shared/corpus is absent (CI has it beside the clone)"
)


def run_cardlint(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cardlint`` as a separate process."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if "GITHUB_ACTIONS" not in (env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "cardlint", *args],
        cwd=cwd,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_fixes_as_declared(diagnostics: Iterable[Diagnostic]) -> None:
    """Each finding's fix is one its rule declares (``FIXABLE``: no fix, always safe, always
    unsafe, or sometimes either), so that `cardlint rule` and docs/rules.md cannot drift from
    what the rules do (ruff's test harness holds its rules to the same)."""
    from cardlint.rules import rule_by_code

    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        rule = rule_by_code(diagnostic.code)
        assert rule is not None and rule.fixable is not None, (
            f"{diagnostic.code} produced a fix but declares none"
        )
        if rule.fixable in ("safe", "unsafe"):
            assert diagnostic.fix.applicability == rule.fixable, (
                f"{diagnostic.code} declares {rule.fixable} fixes, produced {diagnostic.fix.applicability}"
            )
