"""CO2004 co2-wrong-shape."""

import json
from collections.abc import Iterator

import yaml

from cardlint.amounts.numbers import is_number
from cardlint.amounts.parse import ambiguity, parse_amount, reading_taken
from cardlint.diagnostics import Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.reading.co2 import KEY, Co2Block
from cardlint.reading.edits import hand_edit_reason
from cardlint.rules._emissions_fix import write_emissions
from cardlint.rules._helpers import exponent_scalar, plain_grams, show_value
from cardlint.rules.base import FixAvailability, LintContext, Rule

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
(unsafe when a comma or a dot could be either separator, as in `1,234 g` or `1.234 kg`: the
message names both readings); a block list of one-key mappings with distinct keys, its dashes in one column,
becomes the mapping it spells (the dashes become spaces). A block scalar (`|`, `>`), a value with
an anchor, a tag or a merge key has no fix (fix it by hand); nor has anything else.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    if co2 is None or co2.is_mapping:
        return
    value = co2.value
    if is_number(value):
        return
    if isinstance(value, str):
        if exponent_scalar(co2.node):
            return  # CO2103 reports and fixes it
        yield _string(ctx, co2)
    elif isinstance(value, list):
        fix = _list_fix(ctx, co2)
        advice = (
            "remove the dashes to make it a mapping"
            if fix
            else "write a number of grams or a mapping"
        )
        if (
            fix is None
            and value
            and all(isinstance(item, dict) and len(item) == 1 for item in value)
        ):
            advice = "remove the dashes to make it a mapping; fix it by hand (its dashes are not in one column, or it has an anchor or a tag)"
        yield RULE.at_node(
            ctx, co2.node, f"co2_eq_emissions is a list, not a number or a mapping: {advice}", fix
        )
    elif value is None:
        yield RULE.at_node(
            ctx,
            co2.key_node,
            "co2_eq_emissions is empty: give the grams of CO2eq, or remove the key",
        )
    else:
        yield RULE.at_node(
            ctx,
            co2.node,
            f"co2_eq_emissions is {show_value(value)}: write a number of grams or a mapping",
        )


def _string(ctx: LintContext, co2: Co2Block) -> Diagnostic:
    shown = json.dumps(co2.value, ensure_ascii=False)
    amount = parse_amount(co2.value)
    grams = plain_grams(amount)
    if amount is None or grams is None:
        return RULE.at_node(
            ctx,
            co2.node,
            f"co2_eq_emissions is the string {shown}: write a number of grams or a mapping",
        )
    exact = amount.to_grams("g")
    assert exact is not None
    written = write_emissions(
        ctx,
        co2.node,
        exact,
        f"the card's {shown}, in grams{reading_taken(amount)}",
        safe=not amount.ambiguous,
    )
    refused = written.refused
    if amount.ambiguous:
        return RULE.at_node(
            ctx,
            co2.node,
            f"co2_eq_emissions is the string {shown}, not a number, and {ambiguity(amount)}: write the grams as a plain number{refused}",
            written.fix,
        )
    return RULE.at_node(
        ctx,
        co2.node,
        f"co2_eq_emissions is the string {shown}, not a number: write {grams}{refused}",
        written.fix,
    )


def _list_fix(ctx: LintContext, co2: Co2Block) -> Fix | None:
    """Turn a block list of one-key mappings into a mapping by replacing each '-' with a space."""
    node = co2.node
    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        return None
    keys: set[str] = set()
    edits = []
    columns = set()
    text = ctx.card.text
    if hand_edit_reason(ctx.card, node) is not None or not isinstance(co2.value, list):
        return None
    for item in node.value:
        if not isinstance(item, yaml.MappingNode) or item.flow_style or len(item.value) != 1:
            return None
        key = item.value[0][0]
        if not isinstance(key, yaml.ScalarNode) or key.value in keys:
            return None
        keys.add(key.value)
        start = ctx.card.node_offsets(item)[0]
        dash = text.rfind("-", 0, start)
        if (
            dash < 0
            or text[dash + 1 : start].strip()
            or text[ctx.card.line_start(dash) : dash].strip()
        ):
            return None
        columns.add((dash - ctx.card.line_start(dash), start - ctx.card.line_start(start)))
        edits.append(Edit(dash, dash + 1, " "))
    if len(columns) != 1:
        return None  # uneven dashes: the keys would not line up as one mapping
    mapping = {k: v for item in co2.value for k, v in item.items()}
    target = Target((KEY,), mapping, Evidence.FORM, "the card's list of one-key mappings")
    return Fix(
        Applicability.SAFE,
        "Turn the list of one-key mappings into a mapping",
        tuple(edits),
        (target,),
    )


RULE = Rule(
    code="CO2004",
    name="co2-wrong-shape",
    severity="error",
    summary="co2_eq_emissions is neither a number nor a mapping",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
