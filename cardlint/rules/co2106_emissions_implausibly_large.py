"""CO2106 emissions-implausibly-large."""

import math
from collections.abc import Iterator
from decimal import Decimal

from cardlint.amounts.numbers import is_number
from cardlint.diagnostics import Diagnostic
from cardlint.rules._helpers import IMPLAUSIBLE_G, emissions_value
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags an emissions figure above 100,000,000,000 g (100,000 t CO2eq), ten times the largest
training footprint published so far.

## Why is this bad?
Such a figure is almost always a unit slip (milligrams, or grams multiplied by 1000 twice) and
would dominate every aggregate of the Hub's carbon reporting.

## Example
```yaml
co2_eq_emissions:
  emissions: 24700000000000
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 24700000
```

## Fix safety
No fix: the right figure cannot be guessed.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    found = emissions_value(ctx)
    if found is None:
        return
    node, value = found
    if is_number(value) and IMPLAUSIBLE_G < value < math.inf:
        # CO2104 reports inf; an int may be beyond float range
        grams, tonnes = Decimal(value), Decimal(value) / 1_000_000
        # no 1,000-digit figures
        shown = (
            f"{grams:.3E} g ({tonnes:.3E} t CO2eq)"
            if value >= 1e30
            else f"{value:,} g ({tonnes:,.0f} t CO2eq)"
        )
        yield RULE.at_node(
            ctx,
            node,
            f"emissions of {shown} is more than ten times the largest published "
            "training run; check the unit (emissions are grams)",
        )


RULE = Rule(
    code="CO2106",
    name="emissions-implausibly-large",
    severity="warning",
    summary="emissions above 1e11 g, ten times the largest published training run",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
