"""Documentation that is generated or promised stays true."""

from __future__ import annotations

import re
import sys

from support import REPO

from cardlint.rules import all_rules

sys.path.insert(0, str(REPO / "scripts"))


def test_rules_doc_is_current() -> None:
    from build_rules_doc import render

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == render(), (
        "run: python scripts/build_rules_doc.py"
    )


def test_every_rule_documented_in_ruff_form() -> None:
    for rule in all_rules():
        for heading in (
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
            "## Fix safety",
        ):
            assert heading in rule.doc, f"{rule.code} lacks {heading!r}"
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule.name
        assert rule.severity in ("error", "warning")


def test_readme_lists_every_rule() -> None:
    """With its declared fix, as `cardlint rule` shows it."""
    from cardlint.commands.rule import FIXABLE

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert (
            f"| {rule.code} | {rule.name} | {rule.severity} | {FIXABLE[rule.fixable]} |" in readme
        ), rule.code


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0].startswith("python -m pip install . && cardlint check examples/")
    assert block[1] == 'python -m pip install ".[test]" && python -m pytest'
    assert block[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")
