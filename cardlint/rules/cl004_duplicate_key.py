"""CL004 duplicate-key."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Finds keys that appear more than once in the same mapping, at any depth of the metadata.

## Why is this bad?
PyYAML (and so huggingface_hub) silently keeps the last value and drops the others; stricter
parsers, including YAML 1.2 ones, reject the whole block. Either way one of the values is lost.

## Example
```yaml
co2_eq_emissions:
  emissions: 0.15
  emissions: 150
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 150
```

## Fix safety
No fix: only the author knows which value is right.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    card = ctx.card
    for first, key_node in card.duplicate_keys():
        row = card.position(card.node_offsets(first)[0]).row
        yield RULE.at_node(
            ctx,
            key_node,
            f"duplicate key '{key_node.value}' (first on line {row}): huggingface_hub keeps only "
            "this last value and other parsers reject the block; keep one",
        )


RULE = Rule(
    code="CL004",
    name="duplicate-key",
    severity="error",
    summary="A key appears twice in one mapping",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
