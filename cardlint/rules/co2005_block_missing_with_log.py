"""CO2005 co2-block-missing-with-log."""

from collections.abc import Iterator
from typing import TYPE_CHECKING

import yaml

from cardlint.diagnostics import Applicability, Diagnostic, Fix
from cardlint.reading.edits import add_co2_block, plain_or_quoted
from cardlint.rules._emissions_fix import log_total
from cardlint.rules._helpers import attached_logs_give
from cardlint.rules.base import FixAvailability, LintContext, Rule

if TYPE_CHECKING:
    from cardlint.logs.card_values import LogFigures

DOC = """\
## What it does
Flags a card that has no `co2_eq_emissions` although a measurement log of its training run is
attached (named with `--log`, or found beside the README under a name its tool writes).

## Why is this bad?
The emissions were measured, but the Hub can neither show nor filter them: they are not in the
card's metadata.

## Example
A README without `co2_eq_emissions`, next to CodeCarbon's `emissions.csv`.

Use instead:
```yaml
co2_eq_emissions:
  emissions: 14100
  source: CodeCarbon 2.8.2
  geographical_location: North Rhine-Westphalia, Germany
  hardware_used: 8 x NVIDIA A40
```

## Fix safety
The fix adds the block from the log (and `training_type` from `--training-type`), adding a
metadata block when the card has none, without touching anything else. Safe when the log was
named with `--log`; unsafe when it was only found beside the README. No fix when the log's total
is unknown (a run without a figure) or impossible (an intensity no grid has): the message says why.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    card = ctx.card
    if ctx.co2 is not None or card.problem is not None:
        return
    if card.metadata is not None and not isinstance(card.root, yaml.MappingNode):
        return
    found = ctx.log_figures
    if found is None:
        return
    where = card.block_start if card.has_block else 0
    if found.grams_text is None:
        why = f": no total to add ({found.no_total})" if found.no_total else ""
        yield RULE.at(
            ctx,
            where or 0,
            where or 0,
            f"the card has no co2_eq_emissions but a measurement log is attached{why}",
        )
        return
    edit = add_co2_block(ctx.card, _items(found))
    fix = Fix(
        Applicability.of(found.explicit),
        f"Add co2_eq_emissions with {found.grams_text} g: {_origin(ctx)}",
        (edit,),
    )
    yield RULE.at(
        ctx,
        where or 0,
        where or 0,
        f"the card has no co2_eq_emissions but {attached_logs_give(ctx)} {found.grams_text} g ({found.how})",
        fix,
    )


def _items(found: "LogFigures") -> list[tuple[str, str]]:
    values = [
        ("emissions", found.grams_text),
        ("source", found.source),
        ("training_type", found.training_type),
        ("geographical_location", found.location),
        ("hardware_used", found.hardware),
    ]
    return [
        (key, value if key == "emissions" else plain_or_quoted(value))
        for key, value in values
        if value
    ]


def _origin(ctx: LintContext) -> str:
    """Where the figure comes from: the log file, its runs and how it was attached."""
    total = log_total(ctx)
    return total.origin if total is not None else "the attached log"


RULE = Rule(
    code="CO2005",
    name="co2-block-missing-with-log",
    severity="warning",
    summary="A measurement log is attached but the card has no co2_eq_emissions",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
