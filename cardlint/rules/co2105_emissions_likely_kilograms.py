"""CO2105 emissions-likely-kilograms."""

import re
from collections.abc import Iterator
from decimal import Decimal

import yaml

from cardlint.amounts.numbers import positive_number
from cardlint.amounts.parse import agrees as agrees_as_printed
from cardlint.amounts.parse import format_figure
from cardlint.diagnostics import Applicability, Diagnostic, Evidence, Fix
from cardlint.rules._emissions_fix import log_total, write_emissions
from cardlint.rules._helpers import (
    agrees,
    emissions_value,
)
from cardlint.rules.base import FixAvailability, LintContext, Rule

FLOOR_G_PER_KWH = (
    20.0  # about the cleanest grids in the data; used when the location does not resolve
)
MIN_SECONDS = (
    5  # no run worth a model card is shorter; real short runs (0.2 g on one A100) stay silent
)
DOC = """\
## What it does
Flags an emissions figure that looks like kilograms in the grams field:

- the `source` is a tool that reports kilograms (CodeCarbon, eco2AI) and the value is below
  what the stated hardware emits in five seconds at its rated power, on the grid of the stated
  location (or on a grid as clean as the cleanest in the data, 20 gCO2eq/kWh, when the location
  does not resolve);
- or the card states a duration (`hours_used`, or `--hours`) and the value is about a thousand
  times (100 to 10,000 times) below an estimate from the hardware's rated power, that duration
  and the location's grid intensity.

## Why is this bad?
`emissions` is in grams, and CodeCarbon writes kilograms: pasting its figure makes the model
look a thousand times cleaner than it was. It is the most common mistake on the Hub.

## Example
```yaml
co2_eq_emissions:
  emissions: 0.06
  source: CodeCarbon
  hardware_used: 1 x NVIDIA A100-SXM4-40GB
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 60
  source: CodeCarbon
  hardware_used: 1 x NVIDIA A100-SXM4-40GB
```

- or the figure equals the attached measurement log's total in kilograms (within 1% or the
  card's printed precision).

## Fix safety
With a log attached, the fix writes the log's total in grams (never the card's figure times 1000:
`0.6` against a log of 0.554 kg becomes 554): safe when the log was named with `--log`, or when
the card's figure times 1000 is the log's total within 1%; unsafe otherwise. Without a log,
multiplying by 1000 is a guess from plausibility, so unsafe. Any unit key beside the figure is
removed; a value with an anchor, a tag or a merge key has no fix (fix it by hand).
"""

KILOGRAM_TOOLS = re.compile(r"code\s*carbon|eco2ai", re.IGNORECASE)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    found = emissions_value(ctx)
    if co2 is None or found is None:
        return
    node, value = found
    if not positive_number(value):
        return
    written = Decimal(repr(value))
    logged = ctx.log_figures
    if logged is not None and logged.grams is not None:
        total = log_total(ctx)
        if (
            total is not None
            and agrees(written, logged.grams / 1000, node.value)
            and not agrees(written, logged.grams, node.value)
        ):
            # the log decides the figure: its total, not the card's figure times 1000 (0.6 kg is not the log's 554 g)
            proven = logged.explicit or agrees(written * 1000, logged.grams)
            taken = write_emissions(
                ctx, node, total.grams, total.origin, total.evidence, safe=proven
            )
            yield RULE.at_node(
                ctx,
                node,
                f"emissions of {format_figure(value)} is the attached log's total in kilograms ({logged.how}: {logged.grams_text} g): "
                f"write {total.text}{taken.refused}",
                taken.fix,
            )
        return  # with a log, the log decides (CO2107 reports other differences)
    if not co2.is_mapping:
        return
    hardware = co2.value.get("hardware_used")
    if not isinstance(hardware, str):
        return
    fix = _guess(ctx, node, written)
    from cardlint.hardware.parse import parse_hardware  # only for a card that names hardware

    # at least one of each device named: a lower bound on the power drawn
    spec = parse_hardware(hardware)
    watts = sum(
        (item.count if item.count is not None else 1) * item.watts
        for item in spec.items
        if item.watts and item.count_unit == "device"
    )
    if not watts:
        return
    intensity, where = _intensity(co2.value.get("geographical_location"))
    hours = _hours(ctx, co2.value.get("hours_used"))
    if hours is not None:
        estimate = watts / 1000 * hours * intensity
        if 100 <= estimate / value <= 10_000:
            yield RULE.at_node(
                ctx,
                node,
                f"emissions of {format_figure(value)} g is about {estimate / value:,.0f} times below an estimate for {hardware} "
                f"over {format_figure(hours)} h {where} ({estimate:,.1f} g): it looks like kilograms; grams would be {format_figure(Decimal(repr(value)) * 1000)}",
                fix,
            )
        return
    source = co2.value.get("source")
    floor = watts / 1000 * MIN_SECONDS / 3600 * intensity
    if isinstance(source, str) and KILOGRAM_TOOLS.search(source) and value < floor:
        yield RULE.at_node(
            ctx,
            node,
            f"emissions of {format_figure(value)} g is less than {hardware} emits in {MIN_SECONDS} seconds {where} ({format_figure(floor, 3)} g), and "
            f"{source} reports kilograms: did you mean {format_figure(Decimal(repr(value)) * 1000)} g?"
            + (
                ""
                if value * 1000 >= floor
                else " Even that is below it, so the figure is not only a unit: fix it by hand"
            ),
            fix
            if value * 1000 >= floor
            else None,  # a x1000 that leaves it implausible would be offered again
        )


def _guess(ctx: LintContext, node: yaml.Node, written: Decimal) -> Fix | None:
    """The unsafe x1000, unless the card's own text states the figure as it is (stronger evidence
    than a guess: the next pass would take it back)."""
    from cardlint.rules._text import stated_totals

    if any(
        statement.amount.grams is not None
        and agrees_as_printed(statement.amount.grams, statement.amount, written)
        for statement in stated_totals(ctx.card)
    ):
        return None
    origin = f"1000 times the card's {node.value}, a guess from plausibility"
    return write_emissions(ctx, node, written * 1000, origin, Evidence.ESTIMATE, safe=False).fix


def _intensity(location: object) -> tuple[float, str]:
    if isinstance(location, str) and location.strip():
        from cardlint.grid.resolver import resolve

        region = resolve(location).region
        if region is not None:
            return (
                region.g_co2eq_per_kwh,
                f"in {region.name} ({region.g_co2eq_per_kwh:g} gCO2eq/kWh)",
            )
    return FLOOR_G_PER_KWH, f"on a grid as clean as {FLOOR_G_PER_KWH:g} gCO2eq/kWh"


def _hours(ctx: LintContext, hours_used: object) -> float | None:
    hours = hours_used if ctx.options.hours is None else ctx.options.hours
    if positive_number(hours):
        return float(hours)
    return None


RULE = Rule(
    code="CO2105",
    name="emissions-likely-kilograms",
    severity="warning",
    summary="emissions looks like kilograms written into the grams field",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
