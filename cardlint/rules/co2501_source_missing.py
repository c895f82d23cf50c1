"""CO2501 source-missing."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.rules._helpers import missing_field
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the mapping form of `co2_eq_emissions` has `source`.

## Why is this bad?
The Hub's specification asks for it: it says how the figure was obtained: measured by a tool, estimated with a calculator, or taken from a paper; readers weigh a measurement and a guess differently.

## Example
```yaml
co2_eq_emissions:
  emissions: 120
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  source: CodeCarbon
```

## Fix safety
With an attached measurement log that records it, the fix adds it from the log: safe when the log
was named with `--log`, unsafe when it was only found beside the README. Otherwise no fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from missing_field(
        RULE,
        ctx,
        "source",
        "say how the figure was obtained, e.g. 'source: CodeCarbon' or a link to the calculator or paper",
    )


RULE = Rule(
    code="CO2501",
    name="source-missing",
    severity="warning",
    summary="Mapping form without source",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
