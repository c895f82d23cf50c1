"""CO2107 emissions-mismatch-log."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from cardlint.rules._helpers import agrees, emissions_value, log_figures, positive_amount
from cardlint.rules.base import LintContext, Violation

CODE = "CO2107"
NAME = "emissions-mismatch-log"
SEVERITY = "error"
SUMMARY = "An attached measurement log gives a different total"
FIXABLE = "sometimes"
DOC = """\
## What it does
Compares the card's emissions with the total of the attached measurement logs (named with
`--log`, or found beside the README) and flags a difference beyond rounding: more than 1% of the
log's total and more than the card's printed precision (`25000` is read as 25 thousand, give or
take 500). CodeCarbon runs that share a `run_id` are counted once. With `--recompute-intensity`
the expected grams are the log's energy times the grid intensity of the card's location.

## Why is this bad?
The measurement is the evidence for the card's figure; when they disagree, one of them is wrong,
and readers cannot tell which.

## Example
```yaml
co2_eq_emissions:
  emissions: 2.04
  source: CodeCarbon
```
beside an `emissions.csv` whose runs total 12.8 g.

Use instead:
```yaml
co2_eq_emissions:
  emissions: 12.8
  source: CodeCarbon
```

## Fix safety
Replacing the figure with the log's total in grams is safe when the log was named with `--log`,
unsafe when it was only found beside the README (it may belong to another run).
"""


def check(ctx: LintContext) -> Iterator[Violation]:
    found = log_figures(ctx)
    value = emissions_value(ctx)
    if found is None or found.grams is None or found.grams_text is None or value is None:
        return
    node, number = value
    if not positive_amount(number):
        return
    card_grams = Decimal(repr(number))
    if agrees(card_grams, found.grams, node.value) or agrees(card_grams, found.grams / 1000, node.value):
        return  # equal, or kilograms (CO2105 reports that)
    fix = ctx.replace_node(node, found.grams_text, f"Write the log's {found.grams_text} g", safe=found.explicit)
    yield ctx.node_violation(node, f"emissions of {number:g} g differs from {found.how}, {found.grams_text} g", fix)
