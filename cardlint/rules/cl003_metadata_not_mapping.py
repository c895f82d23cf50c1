"""CL003 metadata-not-mapping."""

from __future__ import annotations

from collections.abc import Iterator

from cardlint.rules.base import LintContext, Violation

CODE = "CL003"
NAME = "metadata-not-mapping"
SEVERITY = "error"
SUMMARY = "The metadata block parses to something other than a mapping"
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


def check(ctx: LintContext) -> Iterator[Violation]:
    problem = ctx.card.problem
    if problem is not None and problem.kind == "not-mapping":
        yield Violation(problem.offset, problem.offset, problem.message)
