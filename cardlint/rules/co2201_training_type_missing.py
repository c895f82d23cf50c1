"""CO2201 training-type-missing."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.rules._helpers import missing_field
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the mapping form of `co2_eq_emissions` has `training_type`.

## Why is this bad?
The Hub's specification asks for it: it says whether the emissions are those of pre-training or of fine-tuning; the two differ by orders of magnitude and are compared separately.

## Example
```yaml
co2_eq_emissions:
  emissions: 120
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  training_type: fine-tuning
```

## Fix safety
`cardlint fix --training-type pre-training|fine-tuning` adds it (safe: you said which). Otherwise no fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    training_type = ctx.options.training_type
    yield from missing_field(
        RULE,
        ctx,
        "training_type",
        "add 'training_type: pre-training' or 'training_type: fine-tuning'",
        training_type,
        origin="--training-type",
    )


RULE = Rule(
    code="CO2201",
    name="training-type-missing",
    severity="warning",
    summary="Mapping form without training_type",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE}),
    doc=DOC,
    check=check,
)
