"""CO2102 emissions-unit-declared."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Iterator

from cardlint.amounts import format_plain_decimal, parse_amount
from cardlint.edits import delete_item
from cardlint.rules.base import LintContext, ProposedFix, TextEdit, Violation

CODE = "CO2102"
NAME = "emissions-unit-declared"
SEVERITY = "error"
SUMMARY = "A key beside emissions declares a unit"
FIXABLE = "sometimes"
DOC = """\
## What it does
Flags a `unit`, `units` or `emissions_unit` key inside `co2_eq_emissions`.

## Why is this bad?
`emissions` is always grams: the Hub ignores the unit key, so `emissions: 1.2` with `unit: kg`
is shown and filtered as 1.2 g, a thousand times too little.

## Example
```yaml
co2_eq_emissions:
  emissions: 1.2
  unit: kg
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 1200
```

## Fix safety
Safe when the unit is recognised and `emissions` is a number: the fix converts to grams and
removes the unit key.
"""

UNIT_KEYS = ("unit", "units", "emissions_unit")


def check(ctx: LintContext) -> Iterator[Violation]:
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping:
        return
    emissions = co2.field("emissions")
    for field in co2.fields():
        if field.name.lower() not in UNIT_KEYS:
            continue
        unit_text = str(field.value).strip()
        factor = _grams_per_unit(unit_text)
        shown = json.dumps(unit_text, ensure_ascii=False)
        if factor == 1:
            message = f"'{field.name}: {unit_text}' is not part of the spec: emissions are always grams; remove it"
        else:
            message = f"'{field.name}: {unit_text}' is ignored by the Hub, which reads emissions as grams"
        fix = None
        number = emissions.value if emissions is not None else None
        grams = _grams_text(number, factor)
        if factor is not None and grams is not None:
            removal = delete_item(ctx.card, co2.node, field.key_node)  # type: ignore[arg-type]
            edits: tuple[TextEdit, ...] = (removal,)
            if factor != 1:
                start, end = ctx.card.node_offsets(emissions.value_node)  # type: ignore[union-attr]
                edits = (TextEdit(start, end, grams), removal)
                message += f": write emissions: {grams}"
            fix = ProposedFix("safe", f"Convert to grams ({grams}) and remove '{field.name}'", edits)
        elif factor is None:
            message += f"; unit {shown} is not a recognised mass unit"
        yield ctx.node_violation(field.key_node, message, fix)


def _grams_text(number: object, factor: Decimal | None) -> str | None:
    """``number`` of the unit written out in grams; None for a value no conversion can write (not a
    number, NaN, inf, or too large), which CO2101, CO2104 and CO2106 report."""
    if factor is None or isinstance(number, bool) or not isinstance(number, (int, float)):
        return None
    try:
        return format_plain_decimal(Decimal(number if isinstance(number, int) else repr(number)) * factor)
    except ValueError:
        return None


def _grams_per_unit(unit: str) -> Decimal | None:
    """How many grams one ``unit`` is, or None when the unit is not a mass unit cardlint knows."""
    amount = parse_amount(f"1 {unit}")
    if amount is None or amount.unit is None:
        return None
    return amount.grams
