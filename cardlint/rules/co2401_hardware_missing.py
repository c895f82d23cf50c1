"""CO2401 hardware-missing."""

from __future__ import annotations

from typing import Iterator

from cardlint.rules._helpers import missing_field
from cardlint.rules.base import LintContext, Violation

CODE = "CO2401"
NAME = "hardware-missing"
SEVERITY = "warning"
SUMMARY = "Mapping form without hardware_used"
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
was named with `--log`, unsafe when it was only found beside the README. Otherwise no fix.
"""


def check(ctx: LintContext) -> Iterator[Violation]:
    yield from missing_field(ctx, "hardware_used", "add how much compute and what kind, e.g. 'hardware_used: 8 x NVIDIA A100-SXM4-80GB'")
