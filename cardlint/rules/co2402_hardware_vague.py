"""CO2402 hardware-vague."""

import json
from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Parses `hardware_used` ("8 v100 GPUs", "4 x NVIDIA A100-SXM4-80GB", "TPU v3-8", "2 x NVIDIA TITAN
Xp", CPU models, "1 x 11th Gen Intel(R) Core(TM) i5-1135G7") and flags text that gives no count
of devices or names no device model: "GPU", "cloud", "NVIDIA GPUs", "NVIDIA T4". With a
measurement log attached, the message quotes the log's devices ("8 x NVIDIA A40").

## Why is this bad?
The specification asks for "how much compute and what kind, e.g. 8 v100 GPUs". The energy a
run draws is the count times the power of the device: without both nobody can check the figure
or estimate it.

## Example
```yaml
co2_eq_emissions:
  emissions: 4.858
  hardware_used: NVIDIA GPU
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 4.858
  hardware_used: 1 x NVIDIA RTX 4000 Ada
```

## Fix safety
No fix. With an attached measurement log, `cardlint fix --log` writes the log's devices.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    field = co2.field("hardware_used") if co2 is not None else None
    if field is None or not isinstance(field.value, str):
        return
    from cardlint.hardware.parse import parse_hardware  # its patterns take 3 ms to compile

    spec = parse_hardware(field.value)
    if not spec.is_vague:
        return
    shown = json.dumps(field.value, ensure_ascii=False)
    missing = []
    if not spec.has_count:
        missing.append("how many devices")
    if not spec.has_device:
        missing.append("which device model")
    example = "e.g. '8 x NVIDIA A100-SXM4-80GB'"
    named = next((item.name for item in spec.items if item.name), None)
    if named is not None and not spec.has_count:
        example = f"e.g. '1 x {named}'"
    found = ctx.log_figures
    if found is not None and found.hardware:
        example = f"the attached log records '{found.hardware}'"
    yield RULE.at_node(
        ctx,
        field.value_node,
        f"hardware_used {shown} does not say {' or '.join(missing)}: {example}",
    )


RULE = Rule(
    code="CO2402",
    name="hardware-vague",
    severity="warning",
    summary="hardware_used gives no count or no recognisable device",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
