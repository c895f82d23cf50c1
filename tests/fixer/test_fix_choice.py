"""One decision per value: the fixer's choice among fixes that set the same key, on made-up findings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.fixer.choice import choose
from cardlint.reading.card import Lines

FIGURE = ("co2_eq_emissions", "emissions")
UNIT = ("co2_eq_emissions", "unit")


def finding(
    code: str,
    value: str,
    evidence: Evidence,
    safe: bool = True,
    start: int = 10,
    unit: bool = False,
) -> Diagnostic:
    """A finding whose fix writes ``value`` over the text 10..14 (and removes a unit key at 20..30)."""
    edits = (Edit(start, start + 4, value),) + ((Edit(20, 30, ""),) if unit else ())
    sets = (Target(FIGURE, Decimal(value), evidence, f"{code}'s evidence"),) + (
        (Target(UNIT, REMOVED, evidence),) if unit else ()
    )
    return Diagnostic(
        code,
        code.lower(),
        "m",
        "error",
        "README.md",
        0,
        0,
        Lines(1, (0,)),
        Fix(Applicability.of(safe), "f", edits, sets),
    )


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


@pytest.mark.parametrize(
    "fixes, applied, covered, note",
    [
        # the strongest evidence wins, whatever the order of the findings
        (
            [
                finding("TEXT", "1710", Evidence.TEXT, safe=False),
                finding("LOG", "3456", Evidence.LOG_NAMED),
            ],
            ["LOG"],
            [],
            "not applied: LOG's",
        ),
        (
            [
                finding("LOG", "3456", Evidence.LOG_NAMED),
                finding("TEXT", "1710", Evidence.TEXT, safe=False),
            ],
            ["LOG"],
            [],
            "not applied: LOG's",
        ),
        # a rewrite of the card's own value that the winner fully covers (the figure and the unit key) counts as fixed by it
        (
            [
                finding("FORM", "1200", Evidence.FORM, unit=True),
                finding("TEXT", "1710", Evidence.TEXT, safe=False, unit=True),
            ],
            ["TEXT"],
            ["FORM"],
            "gives way to TEXT's",
        ),
        # ... but not one that would also write a key the winner leaves
        (
            [
                finding("FORM", "1200", Evidence.FORM, unit=True),
                finding("TEXT", "1710", Evidence.TEXT, safe=False),
            ],
            ["TEXT"],
            [],
            "not applied",
        ),
        # equal evidence: the safe one first; equal footing: neither, fix it by hand
        (
            [finding("U", "5", Evidence.FORM, safe=False), finding("S", "6", Evidence.FORM)],
            ["S"],
            [],
            "not applied: S's",
        ),
        (
            [finding("A", "5", Evidence.FORM), finding("B", "6", Evidence.FORM, start=40)],
            [],
            [],
            "disagree on equal evidence: neither applied; fix it by hand",
        ),
        # the same value by the same edits: one fix, both findings fixed
        (
            [finding("A", "5", Evidence.FORM), finding("B", "5", Evidence.FORM)],
            ["A", "B"],
            [],
            None,
        ),
    ],
)
def test_one_decision_per_value(
    fixes: list[Diagnostic], applied: list[str], covered: list[str], note: str | None
) -> None:
    choice = choose(fixes, {}, [])
    assert sorted(codes(choice.apply)) == applied and codes(choice.covered) == covered
    assert (note is None and not choice.notes) or (
        note is not None and any(note in line for line in choice.notes)
    ), choice.notes


def test_a_value_set_in_an_earlier_pass_changes_only_on_stronger_evidence() -> None:
    set_from_form = {FIGURE: Target(FIGURE, Decimal("1200"), Evidence.FORM)}
    weaker = finding("FORM", "1200000", Evidence.FORM)
    assert choose([weaker], set_from_form, []).apply == []  # the x1000 of an x1000: never
    stronger = finding("LOG", "554", Evidence.LOG_NAMED)
    assert codes(choose([stronger], set_from_form, []).apply) == ["LOG"]
    assert (
        "already set from the card's text"
        in choose(
            [finding("GUESS", "2", Evidence.ESTIMATE, safe=False)],
            {FIGURE: Target(FIGURE, Decimal("1.5"), Evidence.TEXT)},
            [],
        ).notes[0]
    )


def test_a_later_pass_may_write_the_same_value_in_another_form() -> None:
    """A key renamed in one pass (its value kept) may have that value rewritten in the next, as
    huggingface_hub reads it (CL005: 0777 is 511): the value does not change, so nothing oscillates."""
    renamed = {FIGURE: Target(FIGURE, 511, Evidence.FORM)}
    assert codes(choose([finding("CL005", "511", Evidence.FORM)], renamed, []).apply) == ["CL005"]
    assert choose([finding("OTHER", "777", Evidence.FORM)], renamed, []).apply == []


def test_no_edit_inside_a_value_an_anchor_shares() -> None:
    choice = choose([finding("A", "5", Evidence.FORM)], {}, [(0, 50)])
    assert choice.apply == [] and "an anchor shares; fix it by hand" in choice.notes[0]
