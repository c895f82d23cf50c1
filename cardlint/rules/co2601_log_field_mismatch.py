"""CO2601 log-field-mismatch."""

import json
from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.reading.edits import plain_or_quoted
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Compares `geographical_location` and `hardware_used` with what the attached measurement log
recorded: a location that cannot contain the log's (Singapore on the card, Germany in the log),
or hardware naming other devices or another count than the log's.

## Why is this bad?
Either the card describes another run than the log, or one of them is wrong; a reader cannot
trust the emissions figure that goes with them.

## Example
```yaml
co2_eq_emissions:
  emissions: 14100
  geographical_location: United States of America
  hardware_used: 1 x NVIDIA A100-SXM4-40GB
```
beside a CodeCarbon log of 8 x NVIDIA A40 in Germany.

Use instead:
```yaml
co2_eq_emissions:
  emissions: 14100
  geographical_location: North Rhine-Westphalia, Germany
  hardware_used: 8 x NVIDIA A40
```

## Fix safety
Unsafe: the fix writes the log's value, but the card may be right and the log another run's.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    found = ctx.log_figures
    if co2 is None or not co2.is_mapping or found is None:
        return
    location = co2.field("geographical_location")
    if (
        location is not None
        and isinstance(location.value, str)
        and found.location
        and _places_differ(location.value, found.location)
    ):
        yield _violation(
            ctx, location.value_node, "geographical_location", location.value, found.location
        )
    hardware = co2.field("hardware_used")
    if (
        hardware is not None
        and isinstance(hardware.value, str)
        and found.hardware
        and _devices_differ(hardware.value, found.hardware)
    ):
        yield _violation(ctx, hardware.value_node, "hardware_used", hardware.value, found.hardware)


def _violation(
    ctx: LintContext, node: object, key: str, card_value: str, log_value: str
) -> Diagnostic:
    text = plain_or_quoted(log_value)
    fix = ctx.replace_node(node, text, f"Write the log's {key}: {text}", safe=False)  # type: ignore[arg-type]
    shown = json.dumps(card_value, ensure_ascii=False)
    return RULE.at_node(
        ctx,
        node,  # type: ignore[arg-type]
        f"{key} {shown} contradicts the attached log, which records {json.dumps(log_value, ensure_ascii=False)}",
        fix,
    )


def _places_differ(card_text: str, log_text: str) -> bool:
    from cardlint.grid.resolver import contradicts, resolve

    return contradicts(resolve(card_text), resolve(log_text))


def _devices_differ(card_text: str, log_text: str) -> bool:
    """Both name catalogue devices, and the sets of (device, count) differ where both are known."""
    from cardlint.hardware.parse import parse_hardware

    card = {
        item.device_id: item.count
        for item in parse_hardware(card_text).items
        if item.device_id and item.kind != "cpu"
    }
    log = {
        item.device_id: item.count
        for item in parse_hardware(log_text).items
        if item.device_id and item.kind != "cpu"
    }
    if not card or not log:
        return False
    if set(card) != set(log):
        return True
    return any(card[d] is not None and log[d] is not None and card[d] != log[d] for d in card)


RULE = Rule(
    code="CO2601",
    name="log-field-mismatch",
    severity="warning",
    summary="hardware_used or geographical_location contradicts the attached log",
    fix=FixAvailability.ALWAYS,
    applicabilities=frozenset({Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
