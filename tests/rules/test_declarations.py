"""Each rule declares itself once (``RULE`` in its module, listed in cardlint/rules/__init__.py),
and the declaration cannot drift: the case tests fail when a finding's fix disagrees with it, and
here when a declared availability or applicability is shown by no case."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO, assert_fixes_as_declared, findings, undeclared_fix, unexercised
from test_cases import CASES, lint_case

from cardlint.diagnostics import Applicability
from cardlint.rules import all_rules, rule_by_code
from cardlint.rules.base import FixAvailability, Rule

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


def test_every_rule_module_is_registered_once_in_code_order() -> None:
    modules = sorted(
        path.stem
        for path in (REPO / "cardlint" / "rules").glob("*.py")
        if path.stem[:2] in ("cl", "co", "mc")
    )
    rules = all_rules()
    assert [rule.code.lower() for rule in rules] == [name.split("_")[0] for name in modules]
    assert [rule.code for rule in rules] == sorted({rule.code for rule in rules})
    assert len({rule.name for rule in rules}) == len(rules)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_a_declaration_is_consistent(rule: Rule) -> None:
    """No applicability without a fix, and at least one with one."""
    assert isinstance(rule.fix, FixAvailability)
    assert (rule.fix is FixAvailability.NEVER) == (not rule.applicabilities)
    assert all(isinstance(kind, Applicability) for kind in rule.applicabilities)


def test_every_declaration_is_exercised_by_the_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Across tests/rules/cases, each rule shows what it declares: a finding without a fix unless
    it declares one always, a finding with a fix unless it declares none, and a fix of each
    applicability it declares (and, in test_case, nothing else)."""
    seen = []
    for index, path in enumerate(CASES):
        folder = tmp_path / str(index)
        folder.mkdir()
        monkeypatch.chdir(folder)
        seen += findings(lint_case(path).diagnostics)
    assert unexercised(seen) == []


# --- the checks themselves fail on a wrong declaration -----------------------------------------

CO2103 = rule_by_code("CO2103")
assert CO2103 is not None


def declared(fix: FixAvailability, *kinds: Applicability) -> Rule:
    """CO2103 with another declaration."""
    assert CO2103 is not None
    return CO2103._replace(fix=fix, applicabilities=frozenset(kinds))


@pytest.mark.parametrize(
    ("rule", "applicability", "problem"),
    [
        (
            declared(FixAvailability.NEVER),
            "safe",
            "CO2103 declares no fix, but produced a safe one",
        ),
        (
            declared(FixAvailability.SOMETIMES, UNSAFE),
            "safe",
            "CO2103 declares unsafe fix sometimes available, but produced a safe one",
        ),
        (
            declared(FixAvailability.ALWAYS, SAFE),
            None,
            "CO2103 declares a fix for every finding, but a finding has none",
        ),
        (declared(FixAvailability.SOMETIMES, SAFE), "safe", None),
        (declared(FixAvailability.SOMETIMES, SAFE), None, None),
        (declared(FixAvailability.ALWAYS, SAFE, UNSAFE), "unsafe", None),
        (declared(FixAvailability.NEVER), None, None),
    ],
)
def test_a_finding_against_a_declaration(
    rule: Rule, applicability: str | None, problem: str | None
) -> None:
    assert undeclared_fix(rule, applicability) == problem


def test_a_wrong_declaration_fails_the_case_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The findings of a real case (a safe fix of CO2103) pass against the
    real declaration and fail against a wrong one."""
    monkeypatch.chdir(tmp_path)
    diagnostics = lint_case(REPO / "tests" / "rules" / "cases" / "co2103_exponent.case").diagnostics
    assert ("CO2103", "safe") in findings(diagnostics)
    assert_fixes_as_declared(diagnostics)
    for wrong in (declared(FixAvailability.NEVER), declared(FixAvailability.SOMETIMES, UNSAFE)):
        others = [rule for rule in all_rules() if rule.code != "CO2103"]
        with pytest.raises(AssertionError, match="CO2103 declares"):
            assert_fixes_as_declared(diagnostics, [*others, wrong])


def test_an_unexercised_declaration_is_reported() -> None:
    seen = [("CO2103", "safe"), ("CO2103", None)]
    assert unexercised(seen, [declared(FixAvailability.SOMETIMES, SAFE)]) == []
    assert unexercised(seen, [declared(FixAvailability.SOMETIMES, SAFE, UNSAFE)]) == [
        "CO2103 (safe or unsafe fix sometimes available): no finding with an unsafe fix"
    ]
    assert unexercised([("CO2103", "safe")], [declared(FixAvailability.SOMETIMES, SAFE)]) == [
        "CO2103 (safe fix sometimes available): no finding without a fix"
    ]
    assert unexercised([], [declared(FixAvailability.NEVER)]) == [
        "CO2103 (no fix): no finding without a fix"
    ]
