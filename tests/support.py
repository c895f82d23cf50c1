"""Shared test helpers: where ../shared is, and how to run cardlint as a process.

A plain module rather than conftest.py, so that subfolders may have conftest files of their own.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cardlint.diagnostics import Diagnostic
    from cardlint.rules.base import Rule

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


def assert_fixes_as_declared(
    diagnostics: Iterable[Diagnostic], rules: Iterable[Rule] | None = None
) -> None:
    """Each finding's fix agrees with its rule's declaration (``rules``: the registry's), so that
    `cardlint rule` and docs/rules.md cannot drift from what the rules do; ruff's test harness
    holds its rules to the same."""
    problems = [
        problem
        for code, applicability in findings(diagnostics)
        if (problem := undeclared_fix(_declared(rules)[code], applicability)) is not None
    ]
    assert not problems, "\n".join(problems)


def findings(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str | None]]:
    """Each finding's code and its fix's applicability (None: no fix)."""
    return [(d.code, d.fix.applicability if d.fix is not None else None) for d in diagnostics]


def undeclared_fix(rule: Rule, applicability: str | None) -> str | None:
    """What a finding of ``rule`` with a fix of ``applicability`` (None: no fix) shows that the
    rule does not declare, or None when the declaration allows it."""
    from cardlint.rules.base import FixAvailability

    if applicability is None:
        if rule.fix is FixAvailability.ALWAYS:
            return f"{rule.code} declares a fix for every finding, but a finding has none"
        return None
    if rule.fix is FixAvailability.NEVER:
        return f"{rule.code} declares no fix, but produced {_a(applicability)} one"
    if applicability not in rule.applicabilities:
        return f"{rule.code} declares {rule.fix_label}, but produced {_a(applicability)} one"
    return None


def unexercised(
    seen: Iterable[tuple[str, str | None]], rules: Iterable[Rule] | None = None
) -> list[str]:
    """What each rule declares that no finding in ``seen`` (code, applicability) shows: a finding
    at all, a finding without a fix (never, sometimes), one with a fix (sometimes, always), and
    a fix of each declared applicability."""
    from cardlint.rules.base import FixAvailability

    shown: dict[str, set[str | None]] = {}
    for code, applicability in seen:
        shown.setdefault(code, set()).add(applicability)
    missing = []
    for rule in _declared(rules).values():
        kinds = shown.get(rule.code, set())
        wanted: set[str | None] = {kind.value for kind in rule.applicabilities}
        if rule.fix is not FixAvailability.ALWAYS:
            wanted.add(None)
        missing += [
            f"{rule.code} ({rule.fix_label}): no finding "
            + ("without a fix" if kind is None else f"with {_a(kind)} fix")
            for kind in sorted(wanted - kinds, key=str)
        ]
    return missing


def _a(applicability: str) -> str:
    return f"an {applicability}" if applicability == "unsafe" else f"a {applicability}"


def _declared(rules: Iterable[Rule] | None) -> dict[str, Rule]:
    from cardlint.rules import all_rules

    return {rule.code: rule for rule in (all_rules() if rules is None else rules)}


REMOVE = object()  # with_fault: remove the key (or list item) instead


def with_fault(data: Any, path: tuple[Any, ...], wrong: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced by ``wrong``, or removed."""
    data = copy.deepcopy(data)
    container = data
    for part in path[:-1]:
        container = container[part]
    if wrong is REMOVE:
        del container[path[-1]]
    else:
        container[path[-1]] = wrong
    return data
