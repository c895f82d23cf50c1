"""CO2109 emissions-only-in-text."""

from collections.abc import Iterator
from decimal import Decimal

from cardlint.amounts.parse import format_plain_decimal
from cardlint.diagnostics import Applicability, Diagnostic, Fix
from cardlint.reading.edits import add_co2_block
from cardlint.rules._helpers import IMPLAUSIBLE_G
from cardlint.rules._text import offset_in_readme, stated_totals
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags a card whose Markdown states its training emissions with a unit ("Carbon Emitted: 11250
kg CO2 eq.", a table in tCO2eq) while its metadata has no `co2_eq_emissions`.

## Why is this bad?
The Hub reads emissions only from the metadata: it can neither show nor filter a figure that
lives in prose or tables.

## Example
```markdown
# My model
**Carbon Emitted:** 149.2 kg eq. CO2
```

Use instead:
```markdown
---
co2_eq_emissions:
  emissions: 149200
---
# My model
**Carbon Emitted:** 149.2 kg eq. CO2
```

## Fix safety
Unsafe: the fix adds a block with the text's amount in grams (adding a metadata block when there
is none), but the figure may be a part, an estimate or another run's. No fix for an amount above
CO2106's limit (100,000 t CO2eq): it is a typo or another unit, not a figure to copy.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    card = ctx.card
    if ctx.co2 is not None or card.problem is not None:
        return
    statements = stated_totals(card)
    if not statements:
        return
    first = statements[0]
    grams = first.amount.grams
    assert grams is not None
    offset = offset_in_readme(card, first)
    stated = f"{first.amount.value} {first.amount.unit}"
    if grams > Decimal(IMPLAUSIBLE_G):  # no 400-digit figure to copy into the card
        written = card.text[offset : card.body_start + first.value_end]
        yield RULE.at(
            ctx,
            offset,
            card.body_start + first.value_end,
            f"the text states emissions of {written} but the metadata has no co2_eq_emissions; "
            "that is more than ten times the largest published training run: check the text's "
            "figure and unit, then add co2_eq_emissions by hand (grams)",
        )
        return
    text = format_plain_decimal(grams)
    row = card.position(offset).row
    fix = Fix(
        Applicability.UNSAFE,
        f"Add co2_eq_emissions with {text} g: the text's {first.amount.value} {first.amount.unit} on line {row}",
        (add_co2_block(card, [("emissions", text)]),),
    )
    yield RULE.at(
        ctx,
        offset,
        card.body_start + first.value_end,
        f"the text states emissions of {stated} but the metadata has no co2_eq_emissions, "
        f"so the Hub cannot show or filter them: add 'co2_eq_emissions: {{emissions: {text}}}' (grams)",
        fix,
    )


RULE = Rule(
    code="CO2109",
    name="emissions-only-in-text",
    severity="warning",
    summary="Emissions are stated in the text but the metadata has no co2_eq_emissions",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
