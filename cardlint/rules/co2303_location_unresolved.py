"""CO2303 location-unresolved."""

import json
from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Resolves `geographical_location` against cardlint's grid data (countries, US states, Canadian
provinces, Australian states, cloud regions of AWS, GCP, Azure and others, and the cities that
host most training) and flags a location that matches none of them, suggesting the closest,
or one that names places that cannot both be right ("Quebec, Germany", "Azure us-east-1"). A
city the data does not know in the state or country written beside it is no contradiction:
"Moscow, Idaho" is read as Idaho, and "Lebanon, New Hampshire" (a town named after a country)
as New Hampshire.

## Why is this bad?
A location that names no place ("unknown", "N/A", "Google Colab") or a misspelled one cannot be
turned into a grid carbon intensity, so nobody can check or recompute the emissions.

## Example
```yaml
co2_eq_emissions:
  emissions: 300
  geographical_location: Frankfrut
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 300
  geographical_location: Frankfurt, Germany
```

## Fix safety
No fix. `cardlint locate TEXT` shows how a location resolves before you write it.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    field = co2.field("geographical_location") if co2 is not None else None
    if field is None or not isinstance(field.value, str):
        return
    shown = json.dumps(field.value, ensure_ascii=False)
    if not field.value.strip():
        yield RULE.at_node(
            ctx,
            field.value_node,
            "geographical_location is empty: write where the training ran, e.g. 'Quebec, Canada'",
        )
        return
    from cardlint.grid.resolver import resolve  # only for a card with a location

    resolution = resolve(field.value)
    if resolution.conflicts:
        parts = " and ".join(repr(part) for part in resolution.conflicts)
        yield RULE.at_node(
            ctx,
            field.value_node,
            f"geographical_location {shown} names places that cannot both be right: {parts} is not in {resolution.place}; write only where the training ran",
        )
        return
    if resolution.granularity is not None:
        return
    if resolution.candidates:
        closest = ", ".join(f"'{candidate.name}'" for candidate in resolution.candidates[:3])
        advice = f"did you mean {closest}?"
    else:
        advice = "write the country and region (or the cloud region) where the training ran, e.g. 'Quebec, Canada'"
    yield RULE.at_node(
        ctx,
        field.value_node,
        f"geographical_location {shown} matches no grid region, country or cloud region: {advice}",
    )


RULE = Rule(
    code="CO2303",
    name="location-unresolved",
    severity="warning",
    summary="geographical_location matches no grid region, country or cloud region",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
