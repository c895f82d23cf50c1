"""CO2103 emissions-exponent-notation."""

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from cardlint.amounts.parse import format_plain_decimal
from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.rules._emissions_fix import Written, declared_unit, write_emissions
from cardlint.rules._helpers import emissions_value, exponent_scalar
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags an emissions figure written with an exponent, such as `1e-05` or `1.2e-05`.

## Why is this bad?
huggingface_hub reads YAML 1.1, where `1e-05` (no dot, or no sign in the exponent) is the
*string* "1e-05", not a number. And the Hub's emissions filter takes the first run of digits of
the value, so `1.2e-05` is filtered as 1.2 g, not 0.000012 g.

## Example
```yaml
co2_eq_emissions:
  emissions: 2.4699e-05
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 0.000024699
```

## Fix safety
Safe: the plain decimal has exactly the value the exponent form denotes (in grams, when a unit
key beside it names another unit, which the fix removes). No fix for a value with an anchor, a
tag or a merge key (fix it by hand). With a log named by `--log` whose total differs, the fix
writes the log's total instead.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    found = emissions_value(ctx)
    if found is None or not exponent_scalar(found[0]):
        return
    node, value = found
    written, plain = Written(None), None
    try:
        number = Decimal(node.value.replace("_", ""))
        plain = format_plain_decimal(number)
    except (InvalidOperation, ValueError):  # an exponent too large to write the number out: no fix
        pass
    factor, unit = declared_unit(ctx)
    advice = plain or "the grams as a plain decimal"
    if plain is not None and factor is not None and factor != 1:
        advice = f"{format_plain_decimal(number * factor)} ({plain} {unit} in grams)"
    if plain is not None and factor is None:
        written = Written(None, f"fix it by hand: {unit}")
    elif plain is not None:
        with_unit = f" with unit {unit}, in grams" if unit else ""
        written = write_emissions(
            ctx,
            node,
            number * factor,  # type: ignore[operator]
            f"the card's {node.value} without its exponent{with_unit}",
        )
    read_as = f"the string '{value}'" if isinstance(value, str) else f"the number {value!r}"
    refused = written.refused
    yield RULE.at_node(
        ctx,
        node,
        f"emissions '{node.value}' uses an exponent: huggingface_hub reads it as {read_as} and the Hub's filter as "
        f"{_filter_reading(node.value)} g; write {advice}{refused}",
        written.fix,
    )


def _filter_reading(text: str) -> str:
    """What huggingface_hub's ``_is_emission_within_threshold`` extracts from the value."""
    match = re.search(r"\d+\.\d+|\d+", text)
    return match.group(0) if match else "nothing"


RULE = Rule(
    code="CO2103",
    name="emissions-exponent-notation",
    severity="error",
    summary="emissions written with an exponent",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE}),
    doc=DOC,
    check=check,
)
