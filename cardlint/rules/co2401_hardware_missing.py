"""CO2401 hardware-missing."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.reading.edits import plain_or_quoted
from cardlint.rules._helpers import attached_logs_give, missing_field
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the mapping form of `co2_eq_emissions` has `hardware_used`.

## Why is this bad?
The Hub's specification asks for it: it says how much compute and what kind; without it nobody can check the figure against the energy the hardware draws.

## Example
```yaml
co2_eq_emissions:
  emissions: 120
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  hardware_used: 8 x NVIDIA A100-SXM4-80GB
```

## Fix safety
With an attached measurement log that records it, the fix adds it from the log: safe when the log
was named with `--log`, unsafe when it was only found beside the README. When the log's runs were
on several machines, the fix writes the machine of at least 90% of its total (unsafe), and none
when no machine has that much; none either when the log gives no count (a CPU model alone). The
message says why. Otherwise no fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    advice = "add how much compute and what kind, e.g. 'hardware_used: 8 x NVIDIA A100-SXM4-80GB'"
    found = ctx.log_figures
    if found is None or found.hardware_note is None:
        yield from missing_field(RULE, ctx, "hardware_used", advice)
    elif found.hardware is None:
        yield from missing_field(
            RULE,
            ctx,
            "hardware_used",
            f"{advice}; {attached_logs_give(ctx)} none: {found.hardware_note}",
        )
    else:  # one machine of several: a choice, so unsafe
        fill = plain_or_quoted(found.hardware)
        yield from missing_field(
            RULE,
            ctx,
            "hardware_used",
            advice,
            fill,
            safe=False,
            origin=f"the attached log ({found.hardware_note})",
        )


RULE = Rule(
    code="CO2401",
    name="hardware-missing",
    severity="warning",
    summary="Mapping form without hardware_used",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
