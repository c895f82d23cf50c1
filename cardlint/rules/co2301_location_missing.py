"""CO2301 location-missing."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.rules._helpers import attached_logs_give, missing_field
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the mapping form of `co2_eq_emissions` has `geographical_location`.

## Why is this bad?
The Hub's specification asks for it: it says where the training ran; the carbon intensity of the grid, and so the emissions of the same energy, differ by a factor of fifty between regions.

## Example
```yaml
co2_eq_emissions:
  emissions: 120
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  geographical_location: Quebec, Canada
```

## Fix safety
With an attached measurement log that records it, the fix adds it from the log: safe when the log
was named with `--log`, unsafe when it was only found beside the README. When several logs name
different places, no fix: the message names them. Otherwise no fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    advice = "add where the training ran, as granular as possible, e.g. 'geographical_location: Quebec, Canada'"
    found = ctx.log_figures
    if found is not None and found.location_note is not None:
        advice += f"; {attached_logs_give(ctx)} none: {found.location_note}"
    yield from missing_field(RULE, ctx, "geographical_location", advice)


RULE = Rule(
    code="CO2301",
    name="location-missing",
    severity="warning",
    summary="Mapping form without geographical_location",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
