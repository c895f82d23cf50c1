"""CO2104 emissions-not-positive."""

import math
from collections.abc import Iterator

from cardlint.amounts.numbers import is_number
from cardlint.diagnostics import Diagnostic
from cardlint.rules._helpers import emissions_value
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the emissions figure is a finite number above zero.

## Why is this bad?
Training consumes energy, so its emissions are positive. `0` is almost always a placeholder or a
measurement that failed (a tool reporting 0 on an unsupported machine); a negative, `.nan` or
`.inf` figure is a bug. The Hub would show and filter it as if it were real.

## Example
```yaml
co2_eq_emissions:
  emissions: 0
```

Use instead: the measured figure in grams, or no `co2_eq_emissions` until you have one.

## Fix safety
No fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    found = emissions_value(ctx)
    if found is None:
        return
    node, value = found
    if not is_number(value):
        return
    if value == 0:
        yield RULE.at_node(
            ctx,
            node,
            "emissions is 0: a placeholder or a failed measurement; write the measured grams of CO2eq or remove the block",
        )
    # an int is finite, and may be too large for a float
    elif isinstance(value, float) and not math.isfinite(value):
        yield RULE.at_node(
            ctx, node, f"emissions is {value}: write a finite number of grams of CO2eq"
        )
    elif value < 0:
        yield RULE.at_node(
            ctx,
            node,
            f"emissions is negative ({value}): emissions are a positive number of grams of CO2eq",
        )


RULE = Rule(
    code="CO2104",
    name="emissions-not-positive",
    severity="error",
    summary="emissions is zero, negative, NaN or infinite",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
