"""CO2108 emissions-disagree-with-text."""

from collections.abc import Iterator
from decimal import Decimal

import yaml

from cardlint.amounts.numbers import positive_number
from cardlint.amounts.parse import (
    Amount,
    agrees,
    ambiguity,
    format_figure,
    format_plain_decimal,
    reading_taken,
)
from cardlint.diagnostics import Applicability, Diagnostic, Evidence, Fix
from cardlint.rules._emissions_fix import log_total, write_emissions
from cardlint.rules._helpers import emissions_value
from cardlint.rules._text import offset_in_readme, stated_totals
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Reads the emissions the card's own Markdown states with a unit ("Emissions: 1.71 KgCO2",
"CO2 Emissions (in grams): 2.3558", "Carbon Emitted: 149.2 kg eq. CO2", tables in tCO2eq) and
flags metadata that agrees with none of them, beyond the text's printed precision: a figure
agrees when the metadata, printed at the text's precision (its last printed digit, trailing zeros
included), could read the same, rounded or truncated ("0.000 kg" agrees with 0.128 g, "25.4
KgCO2" with 25460 g; "100 kg" does not agree with 60000 g, nor "2 kg" with 1000 g). The
metadata is taken as exact, its trailing zeros included. Either reading of an ambiguous separator
("24,690 kg", "1.234 kg") may be the text's. Code fences, kWh and other units, and the
parts of a breakdown are ignored; a figure in inline code ("`0.001917 kg CO2eq`") is read.

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
Unsafe: the fix writes the text's amount in grams (removing any unit key), but the text could be
the wrong one. With a measurement log attached whose total is known there is no fix: the log
comes before the text, and the message names the log's figure.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    found = emissions_value(ctx)
    if found is None:
        return
    node, value = found
    if not positive_number(value):
        return
    statements = stated_totals(ctx.card)
    grams = Decimal(repr(value))
    if not statements or any(_agree(statement.amount, grams) for statement in statements):
        return
    first = statements[0]
    stated = first.amount.grams
    assert stated is not None
    text_grams = format_plain_decimal(stated)
    row = ctx.card.position(offset_in_readme(ctx.card, first)).row
    kilograms = " (kilograms written as grams?)" if _agree(first.amount, grams * 1000) else ""
    either = (
        f"; {ambiguity(first.amount)}, and agrees with neither" if first.amount.ambiguous else ""
    )
    origin = f"the text's {first.amount.value} {first.amount.unit} on line {row}, in grams{reading_taken(first.amount)}"
    fix, advice = _fix(ctx, node, stated, origin)
    yield RULE.at_node(
        ctx,
        node,
        f"emissions of {format_figure(value)} g disagrees with the card's text, which states {first.amount.value} "
        f"{first.amount.unit} on line {row} ({text_grams} g){kilograms}{either}{advice}",
        fix,
    )


def _fix(ctx: LintContext, node: yaml.Node, grams: Decimal, origin: str) -> tuple[Fix | None, str]:
    """The text's amount written as the figure, unless a log's total comes before it; and what to add to the message."""
    logged = log_total(ctx)
    if logged is not None:
        return (
            None,
            f"; {logged.origin} is {logged.text} g and comes before the text: correct the text",
        )
    written = write_emissions(ctx, node, grams, origin, Evidence.TEXT, safe=False)
    return written.fix, written.refused


def _agree(stated: Amount, grams: Decimal) -> bool:
    """Whether the metadata, printed at the text's precision, could read as the text: rounded
    (within half a unit of the text's last printed digit) or truncated (25460 g printed as
    "25.4 kg"). The text's trailing zeros are printed digits ("100 kg" is not 60 kg) and the
    metadata is exact. Either reading of an ambiguous separator may be the text's."""
    return any(
        reading is not None
        and reading.grams is not None
        and agrees(reading.grams, reading, grams, zeros_printed=True, truncated=True)
        for reading in (stated, stated.other_reading())
    )


RULE = Rule(
    code="CO2108",
    name="emissions-disagree-with-text",
    severity="error",
    summary="The card's text states emissions that differ from the metadata",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
