"""CL006 yaml-too-complex."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Refuses metadata whose aliases would expand to more than 100,000 nodes (an "alias bomb"), whose
aliases refer to themselves, or whose nesting is deeper than 64 levels. The block is never
expanded: cardlint counts what it would expand to.

## Why is this bad?
Such a block exhausts the memory or time of whatever reads it: the Hub, huggingface_hub, tools
that index cards. No real model card needs it.

## Example
```yaml
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]  # ... and so on
```

Use instead: write the values out; metadata needs no aliases.

## Fix safety
No fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    problem = ctx.card.problem
    if problem is not None and problem.kind == "too-complex":
        yield RULE.at(ctx, problem.offset, problem.offset, problem.message)


RULE = Rule(
    code="CL006",
    name="yaml-too-complex",
    severity="error",
    summary="Aliases, nesting or size beyond sane limits",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
