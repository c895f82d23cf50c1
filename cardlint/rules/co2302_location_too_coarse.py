"""CO2302 location-too-coarse."""

import json
from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Resolves `geographical_location` to a grid region and flags it when it names only the world, a
continent, something vague ("cloud", "global", "East USA"), or a country whose grid the data
splits into regions (the United States, Canada, Australia), and says which regions exist. It
also flags a name that several places share, written without the state or country that tells
them apart ("Perth", "Portland", "Georgia"): it says which reading cardlint took and which others
exist.

## Why is this bad?
The specification asks for a location "as granular as possible, for instance Quebec, Canada or
Brooklyn, NY, USA", because the grid's carbon intensity depends on it: Quebec's grid emits a few
grams of CO2eq per kWh, Alberta's hundreds. A coarse location cannot be checked or recomputed.

## Example
```yaml
co2_eq_emissions:
  emissions: 7540
  geographical_location: East USA
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 7540
  geographical_location: Ashburn, Virginia, USA
```

## Fix safety
No fix: only the author knows where the training ran.
"""

_SHOWN = 8


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    field = co2.field("geographical_location") if co2 is not None else None
    if field is None or not isinstance(field.value, str) or not field.value.strip():
        return
    from cardlint.grid.names import DIRECTIONS, segments  # only for a card with a location
    from cardlint.grid.resolver import resolve

    resolution = resolve(field.value)
    if resolution.granularity is None or resolution.conflicts:
        return  # CO2303's
    shown = json.dumps(field.value, ensure_ascii=False)
    if resolution.alternatives and not resolution.coarse:
        others = ", ".join(f"{c.name} ({c.region_id or c.id})" for c in resolution.alternatives)
        yield RULE.at_node(
            ctx,
            field.value_node,
            f"geographical_location {shown} names more than one place: read as {resolution.place} ({resolution.region.id if resolution.region else resolution.place_id}), but it may also mean {others}: add the state or country",
        )
        return
    if not resolution.coarse:
        return
    what = resolution.place or resolution.granularity
    compass = [
        token.raw for part in segments(field.value) for token in part if token.key in DIRECTIONS
    ]
    if resolution.finer and compass:  # "East USA": the data cannot say which regions are east
        advice = (
            f"the grid data has no region for {json.dumps(' '.join(compass), ensure_ascii=False)}, "
            f"and its {len(resolution.finer)} regions of {what} cover the whole of it: name the one "
            f"where the training ran (`cardlint locate {shown}` lists them)"
        )
    elif resolution.finer:
        names = ", ".join(name for _, name in resolution.finer[:_SHOWN])
        more = (
            f" (and {len(resolution.finer) - _SHOWN} more)"
            if len(resolution.finer) > _SHOWN
            else ""
        )
        advice = f"the grid data splits it into regions: name one, e.g. {names}{more}"
    else:
        advice = "name the country and region (or the cloud region) where the training ran, e.g. 'Quebec, Canada' or 'AWS us-east-1'"
    yield RULE.at_node(
        ctx, field.value_node, f"geographical_location {shown} resolves only to {what}: {advice}"
    )


RULE = Rule(
    code="CO2302",
    name="location-too-coarse",
    severity="warning",
    summary="geographical_location resolves only to the world, a continent, or a country the grid data splits",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
