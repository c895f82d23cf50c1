"""CO2004 co2-wrong-shape."""

from __future__ import annotations

import json
from typing import Iterator

import yaml

from cardlint.amounts import both_readings, parse_amount
from cardlint.co2 import Co2Block
from cardlint.rules._helpers import plain_grams, show_value
from cardlint.rules.base import LintContext, ProposedFix, TextEdit, Violation
from cardlint.rules.co2103_emissions_exponent_notation import exponent_scalar

CODE = "CO2004"
NAME = "co2-wrong-shape"
SEVERITY = "error"
SUMMARY = "co2_eq_emissions is neither a number nor a mapping"
FIXABLE = "sometimes"
DOC = """\
## What it does
Checks that `co2_eq_emissions` is a number (grams) or a mapping with `emissions` and its context.

## Why is this bad?
The Hub reads only those two forms. A string such as `"12 kg"`, a list of one-key mappings,
`null` or a boolean is not shown, and the emissions filter misreads or skips it.

## Example
```yaml
co2_eq_emissions:
- emissions: 1.2
- source: CodeCarbon
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 1.2
  source: CodeCarbon
```

## Fix safety
Safe: a string holding a number with an explicit unit (or none) becomes that number in grams
(unsafe when a comma could be either separator, as in `1,234 g`: the message names both
readings); a block list of one-key mappings with distinct keys becomes the mapping it spells
(the dashes become spaces). Nothing else is fixed.
"""


def check(ctx: LintContext) -> Iterator[Violation]:
    co2 = ctx.co2
    if co2 is None or co2.is_mapping:
        return
    value = co2.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return
    if isinstance(value, str):
        if exponent_scalar(co2.node):
            return  # CO2103 reports and fixes it
        yield _string(ctx, co2)
    elif isinstance(value, list):
        fix = _list_fix(ctx, co2)
        advice = "remove the dashes to make it a mapping" if fix else "write a number of grams or a mapping"
        yield ctx.node_violation(co2.node, f"co2_eq_emissions is a list, not a number or a mapping: {advice}", fix)
    elif value is None:
        yield ctx.node_violation(co2.key_node, "co2_eq_emissions is empty: give the grams of CO2eq, or remove the key")
    else:
        yield ctx.node_violation(co2.node, f"co2_eq_emissions is {show_value(value)}: write a number of grams or a mapping")


def _string(ctx: LintContext, co2: Co2Block) -> Violation:
    shown = json.dumps(co2.value, ensure_ascii=False)
    amount = parse_amount(co2.value)
    grams = plain_grams(amount)
    if grams is None:
        return ctx.node_violation(co2.node, f"co2_eq_emissions is the string {shown}: write a number of grams or a mapping")
    if amount is not None and amount.ambiguous_comma:
        fix = ctx.replace_node(co2.node, grams, f"Write {grams}, reading the comma as a thousands separator", safe=False)
        return ctx.node_violation(co2.node, f"co2_eq_emissions is the string {shown}, not a number, and its comma is ambiguous ({both_readings(amount)}): write the grams as a plain number", fix)
    fix = ctx.replace_node(co2.node, grams, f"Write {grams}")
    return ctx.node_violation(co2.node, f"co2_eq_emissions is the string {shown}, not a number: write {grams}", fix)


def _list_fix(ctx: LintContext, co2: Co2Block) -> ProposedFix | None:
    """Turn a block list of one-key mappings into a mapping by replacing each '-' with a space."""
    node = co2.node
    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        return None
    keys: set[str] = set()
    edits = []
    text = ctx.card.text
    for item in node.value:
        if not isinstance(item, yaml.MappingNode) or item.flow_style or len(item.value) != 1:
            return None
        key = item.value[0][0]
        if not isinstance(key, yaml.ScalarNode) or key.value in keys:
            return None
        keys.add(key.value)
        start = ctx.card.node_offsets(item)[0]
        dash = text.rfind("-", 0, start)
        if dash < 0 or text[dash + 1 : start].strip() or text[ctx.card.line_start(dash) : dash].strip():
            return None
        edits.append(TextEdit(dash, dash + 1, " "))
    return ProposedFix("safe", "Turn the list of one-key mappings into a mapping", tuple(edits))
