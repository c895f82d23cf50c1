"""CO2101 emissions-not-a-number."""

import json
from collections.abc import Iterator
from decimal import Decimal

from cardlint.amounts.parse import Amount, ambiguity, parse_amount, reading_taken
from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.rules._emissions_fix import Written, declared_unit, grams_text, write_emissions
from cardlint.rules._helpers import emissions_value, exponent_scalar, plain_grams
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags an `emissions` value that is a string, such as `"12.5"`, `1.2 kg`, `300 g`, `TBD`.

## Why is this bad?
The specification says `emissions` is a number of grams. The Hub cannot sort or sum a string,
and its filter takes the first digits it finds: `"12 kg"` is filtered as 12 g, a thousand times
too little.

## Example
```yaml
co2_eq_emissions:
  emissions: 1.2 kg
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 1200
```

## Fix safety
Safe when the string is a number, or a number with an explicit mass unit (`g`, `kg`, `t`,
`tCO2eq`, `kgCO2e`, `lbs`, ...): the fix writes the same amount in grams as a plain decimal, and
removes any unit key beside it (a bare number takes that key's unit). With a log named by
`--log` whose total differs, the fix writes the log's total instead. Placeholders such as `TBD`
have no fix, nor has a string whose unit contradicts a unit key, or a value with an anchor, a tag
or a merge key (fix it by hand). Unsafe when a separator could be either (a comma or a dot before
exactly three digits, after 1 to 999: `1,234 g`, `24,690 kg` is 1234 g, or 1.234 g in a
decimal-comma locale; `1.234 kg` is 1234 g, or 1234 kg with a dot for thousands): the message
names both readings and the fix takes the comma as a thousands separator, the dot as a decimal
point. `0.554 kg`, `1.5 kg`, `12.3456 kg` and `1,234.5 g` are unambiguous.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping:
        return  # the bare form is CO2004's
    found = emissions_value(ctx)
    if found is None or not isinstance(found[1], str) or exponent_scalar(found[0]):
        return
    node, value = found
    shown = json.dumps(value, ensure_ascii=False)
    amount = parse_amount(value)
    if amount is None or amount.to_grams("g") is None or plain_grams(amount) is None:
        yield RULE.at_node(
            ctx,
            node,
            f"emissions is the string {shown}, not a number: write the grams of CO2eq as a number",
        )
        return
    grams, unit, refusal = _grams(ctx, amount)
    written = Written(None, refusal)
    if refusal is None:
        written = write_emissions(
            ctx,
            node,
            grams,
            f"the card's {shown}{unit}, in grams{reading_taken(amount)}",
            safe=not amount.ambiguous,
        )
    refused = written.refused
    if amount.ambiguous:
        advice = f"and {ambiguity(amount)}: write the grams as a plain number{refused}"
        yield RULE.at_node(
            ctx, node, f"emissions is the string {shown}, not a number, {advice}", written.fix
        )
        return
    converted = f" ({amount.unit} converted to grams)" if amount.unit and amount.unit != "g" else ""
    advice = f"write {grams_text(grams) or plain_grams(amount)}{converted}{refused}"
    yield RULE.at_node(
        ctx, node, f"emissions is the string {shown}, not a number: {advice}", written.fix
    )


def _grams(ctx: LintContext, amount: Amount) -> tuple[Decimal, str, str | None]:
    """The string's amount in grams, a unit key's unit applied to a bare number, and why there is no fix."""
    factor, unit = declared_unit(ctx)
    grams = amount.grams if amount.unit is not None else amount.value * (factor or 1)
    assert grams is not None
    if factor is None:
        return grams, "", f"fix it by hand: {unit}"
    if amount.unit is not None and unit and grams != amount.value * factor:
        return (
            grams,
            "",
            f"fix it by hand: the string says {amount.unit} and a unit key says {unit}",
        )
    return grams, f" with unit {unit}" if unit and amount.unit is None else "", None


RULE = Rule(
    code="CO2101",
    name="emissions-not-a-number",
    severity="error",
    summary="emissions is a string",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
