"""CO2101 emissions-not-a-number."""

from __future__ import annotations

import json
from typing import Iterator

from cardlint.amounts import both_readings, parse_amount
from cardlint.rules._helpers import emissions_value, plain_grams
from cardlint.rules.base import LintContext, Violation
from cardlint.rules.co2103_emissions_exponent_notation import exponent_scalar

CODE = "CO2101"
NAME = "emissions-not-a-number"
SEVERITY = "error"
SUMMARY = "emissions is a string"
FIXABLE = "sometimes"
DOC = """\
## What it does
Flags an `emissions` value that is a string, such as `"12.5"`, `1.2 kg`, `300 g`, `TBD`.

## Why is this bad?
The specification says `emissions` is a number of grams. The Hub cannot sort or sum a string,
and its filter takes the first digits it finds: `"12 kg"` is filtered as 12 g, a thousand times
too little.

## Example
```yaml
co2_eq_emissions:
  emissions: 1.2 kg
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 1200
```

## Fix safety
Safe when the string is a number, or a number with an explicit mass unit (`g`, `kg`, `t`,
`tCO2eq`, `kgCO2e`, `lbs`, ...): the fix writes the same amount in grams as a plain decimal.
Placeholders such as `TBD` have no fix. Unsafe when a comma could be either separator
(`1,234 g`, `24,690 kg`: 1234 g, or 1.234 g in a decimal-comma locale): the message names both
readings and the fix takes the thousands separator.
"""


def check(ctx: LintContext) -> Iterator[Violation]:
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping:
        return  # the bare form is CO2004's
    found = emissions_value(ctx)
    if found is None or not isinstance(found[1], str) or exponent_scalar(found[0]):
        return
    node, value = found
    shown = json.dumps(value, ensure_ascii=False)
    amount = parse_amount(value)
    grams = plain_grams(amount)
    if amount is None or grams is None:
        yield ctx.node_violation(node, f"emissions is the string {shown}, not a number: write the grams of CO2eq as a number")
        return
    unit = f" ({amount.unit} converted to grams)" if amount.unit and amount.unit != "g" else ""
    if amount.ambiguous_comma:
        fix = ctx.replace_node(node, grams, f"Write {grams}{unit}, reading the comma as a thousands separator", safe=False)
        yield ctx.node_violation(node, f"emissions is the string {shown}, not a number, and its comma is ambiguous ({both_readings(amount)}): write the grams as a plain number", fix)
        return
    fix = ctx.replace_node(node, grams, f"Write {grams}{unit}")
    yield ctx.node_violation(node, f"emissions is the string {shown}, not a number: write {grams}{unit}", fix)
