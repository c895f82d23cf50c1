"""CL003 metadata-not-mapping."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the metadata block is a YAML mapping of keys to values.

## Why is this bad?
huggingface_hub raises "repo card metadata block should be a dict" and the Hub ignores the block.

## Example
```yaml
- license: mit
- co2_eq_emissions: 12
```

Use instead:
```yaml
license: mit
co2_eq_emissions: 12
```

## Fix safety
No fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    problem = ctx.card.problem
    if problem is not None and problem.kind == "not-mapping":
        yield RULE.at(ctx, problem.offset, problem.offset, problem.message)


RULE = Rule(
    code="CL003",
    name="metadata-not-mapping",
    severity="error",
    summary="The metadata block parses to something other than a mapping",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
