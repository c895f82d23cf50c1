"""CO2006 co2-short-form."""

from collections.abc import Iterator

import yaml

from cardlint.amounts.numbers import is_number
from cardlint.diagnostics import Applicability, Diagnostic, Edit, Fix
from cardlint.reading.card import Card
from cardlint.reading.edits import line_ending
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags `co2_eq_emissions` written as a bare number (the short form the specification allows, and
AutoTrain's default). It is the only finding on a valid short form: the rules for a missing
`source`, `training_type`, `geographical_location` and `hardware_used` apply to the mapping form.

## Why is this bad?
The short form can hold nothing but the figure: no source, no training type, no location and no
hardware, so nobody can tell how the number was measured, where, or on what, and the grid
intensity behind it cannot be checked. The same data as `{emissions: 60.74}` would get four
warnings for what it leaves out; the short form hides them.

## Example
```yaml
co2_eq_emissions: 60.74
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 60.74
  source: AutoTrain
  training_type: fine-tuning
  geographical_location: Oregon, USA
  hardware_used: 1 x NVIDIA A10G
```

## Fix safety
The fix rewrites the short form as the mapping form (`emissions: 60.74` under
`co2_eq_emissions`, with the file's indentation and line endings), which means the same number:
safe. The rules for the missing keys then apply as usual. No fix where a comment sits between
the key and the number.
"""

_DEFAULT_INDENT = 2


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    if co2 is None or not isinstance(co2.node, yaml.ScalarNode):
        return
    if not is_number(co2.value):
        return
    number = ctx.card.node_source(co2.node)
    message = (
        f"co2_eq_emissions is a bare number ({number}): the short form cannot say the source,"
        " training type, location or hardware; write it as a mapping with 'emissions'"
    )
    edit = _mapping_form(ctx.card, co2.key_node, co2.node)
    fix = (
        None
        if edit is None
        else Fix(
            Applicability.SAFE,
            f"Rewrite as 'co2_eq_emissions:' with 'emissions: {number}'",
            (edit,),
        )
    )
    yield RULE.at_node(ctx, co2.node, message, fix)


def _mapping_form(card: Card, key_node: yaml.Node, node: yaml.Node) -> Edit | None:
    """An edit that turns ``co2_eq_emissions: N`` into the mapping form, keeping everything else
    (None where a comment sits between the key and the number)."""
    root = card.root
    start, end = card.node_offsets(node)
    if isinstance(root, yaml.MappingNode) and root.flow_style:  # {co2_eq_emissions: 1}
        return Edit(start, end, f"{{emissions: {card.text[start:end]}}}")
    key_start, key_end = card.node_offsets(key_node)
    if "#" in card.text[key_end:start]:
        return None
    child = card.text[card.line_start(key_start) : key_start] + " " * _indent_unit(card)
    # the edit spans the number too, so that a fix of the number (CO2105's) waits for the next pass
    return Edit(key_end, end, f":{line_ending(card.text)}{child}emissions: {card.text[start:end]}")


def _indent_unit(card: Card) -> int:
    """How far the card indents a nested mapping under its key (2 when it nests none)."""
    root = card.root
    for key_node, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if isinstance(value, yaml.MappingNode) and value.value and not value.flow_style:
            step = value.value[0][0].start_mark.column - key_node.start_mark.column
            if step > 0:
                return step
    return _DEFAULT_INDENT


RULE = Rule(
    code="CO2006",
    name="co2-short-form",
    severity="warning",
    summary="co2_eq_emissions is a bare number, which cannot carry source, training type, location or hardware",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE}),
    doc=DOC,
    check=check,
)
