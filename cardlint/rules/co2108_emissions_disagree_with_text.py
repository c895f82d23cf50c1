"""CO2108 emissions-disagree-with-text."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from cardlint.amounts import Amount, format_plain_decimal, parse_amount
from cardlint.rules._helpers import emissions_value, positive_amount
from cardlint.rules._text import offset_in_readme, stated_totals
from cardlint.rules.base import LintContext, Violation

CODE = "CO2108"
NAME = "emissions-disagree-with-text"
SEVERITY = "error"
SUMMARY = "The card's text states emissions that differ from the metadata"
FIXABLE = "unsafe"
DOC = """\
## What it does
Reads the emissions the card's own Markdown states with a unit ("Emissions: 1.71 KgCO2",
"CO2 Emissions (in grams): 2.3558", "Carbon Emitted: 149.2 kg eq. CO2", tables in tCO2eq) and
flags metadata that agrees with none of them, beyond the text's printed precision ("0.000 kg"
agrees with 0.128 g). Code fences, kWh and other units, and the parts of a breakdown are ignored.

## Why is this bad?
Most often it is kilograms written into the grams field: the text says 1.71 kg and the metadata
1.71, so the Hub shows and filters a figure a thousand times too small.

## Example
```markdown
---
co2_eq_emissions:
  emissions: 1.71
---
- Emissions: 1.71 KgCO2
```

Use instead:
```markdown
---
co2_eq_emissions:
  emissions: 1710
---
- Emissions: 1.71 KgCO2
```

## Fix safety
Unsafe: the fix writes the text's amount in grams, but the text could be the wrong one.
"""


def check(ctx: LintContext) -> Iterator[Violation]:
    found = emissions_value(ctx)
    if found is None:
        return
    node, value = found
    if not positive_amount(value):
        return
    statements = stated_totals(ctx.card)
    grams = Decimal(repr(value))
    if not statements or any(_agree(statement.amount, grams, node.value) for statement in statements):
        return
    first = statements[0]
    stated = first.amount.grams
    assert stated is not None
    text_grams = format_plain_decimal(stated)
    row = ctx.card.position(offset_in_readme(ctx.card, first)).row
    kilograms = " (kilograms written as grams?)" if _agree(first.amount, grams * 1000, node.value) else ""
    fix = ctx.replace_node(node, text_grams, f"Write the text's amount in grams: {text_grams}", safe=False)
    yield ctx.node_violation(
        node,
        f"emissions of {value:g} g disagrees with the card's text, which states {first.amount.value} "
        f"{first.amount.unit} on line {row} ({text_grams} g){kilograms}",
        fix,
    )


def _agree(stated: Amount, grams: Decimal, written: str) -> bool:
    """Equal within the text's printed precision plus the metadata's ("960000" is 96 ten-thousands)."""
    text_grams, text_tolerance = stated.grams, stated.tolerance_grams()
    assert text_grams is not None and text_tolerance is not None
    metadata = parse_amount(written)
    metadata_tolerance = metadata.tolerance_grams("g") if metadata is not None else None
    return abs(text_grams - grams) <= text_tolerance + (metadata_tolerance or Decimal(0))
