"""CO2102 emissions-unit-declared."""

import json
from collections.abc import Iterator
from decimal import Decimal

from cardlint.amounts.numbers import finite_number
from cardlint.amounts.parse import parse_amount
from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.reading.co2 import UNIT_KEYS
from cardlint.rules._emissions_fix import declared_unit, unit_keys, write_emissions
from cardlint.rules.base import FixAvailability, LintContext, Rule

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
removes every unit key (duplicates too) in one edit, so the figure is converted once. No fix when
the unit keys disagree, or the figure has an anchor, a tag or a merge key (fix it by hand); a
string figure is CO2101's to convert. With a log named by `--log` whose total differs, the fix
writes the log's total instead.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping:
        return
    emissions = co2.field("emissions")
    factor, _ = declared_unit(ctx)
    fix, refusal = None, None
    number = emissions.value if emissions is not None else None
    if factor is not None and finite_number(number):
        assert emissions is not None
        grams = Decimal(repr(number)) * factor
        written = write_emissions(
            ctx,
            emissions.value_node,
            grams,
            f"the card's {emissions.value_node.value} {_units(ctx)}, in grams",
        )
        fix, refusal = written.fix, written.refusal
    for field in co2.fields():
        if field.name.lower() not in UNIT_KEYS:
            continue
        unit_text = str(field.value).strip()
        grams_per_unit = _grams_per_unit(unit_text)
        shown = json.dumps(unit_text, ensure_ascii=False)
        if grams_per_unit == 1:
            message = f"'{field.name}: {unit_text}' is not part of the spec: emissions are always grams; remove it"
        else:
            message = (
                f"'{field.name}: {unit_text}' is ignored by the Hub, which reads emissions as grams"
            )
        if grams_per_unit is None:
            message += f"; unit {shown} is not a recognised mass unit"
        elif factor is None:
            message += f"; {declared_unit(ctx)[1]}: fix it by hand"
        elif fix is not None and grams_per_unit != 1:
            message += f": write emissions: {fix.sets[0].value}"
        elif refusal is not None:
            message += f"; {refusal}"
        yield RULE.at_node(ctx, field.key_node, message, fix)


def _units(ctx: LintContext) -> str:
    """The unit keys as written: ``unit: kg``."""
    keys = {id(key) for key in unit_keys(ctx)}
    written = [
        f"'{key.value}: {value.value}'"
        for key, value in ctx.co2.node.value  # type: ignore[union-attr]
        if id(key) in keys
    ]
    return " and ".join(dict.fromkeys(written))


def _grams_per_unit(unit: str) -> Decimal | None:
    """How many grams one ``unit`` is, or None when the unit is not a mass unit cardlint knows."""
    amount = parse_amount(f"1 {unit}")
    if amount is None or amount.unit is None:
        return None
    return amount.grams


RULE = Rule(
    code="CO2102",
    name="emissions-unit-declared",
    severity="error",
    summary="A key beside emissions declares a unit",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE}),
    doc=DOC,
    check=check,
)
