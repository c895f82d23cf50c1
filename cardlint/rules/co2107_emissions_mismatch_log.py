"""CO2107 emissions-mismatch-log."""

import re
from collections.abc import Iterator
from decimal import Decimal

from cardlint.amounts.numbers import positive_number
from cardlint.amounts.parse import format_figure, format_plain_decimal
from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.logs.attach import round_grams
from cardlint.rules._emissions_fix import log_total, write_emissions
from cardlint.rules._helpers import (
    agrees,
    emissions_value,
)
from cardlint.rules.base import FixAvailability, LintContext, Rule

MAX_NODES = 1024
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # a plain decimal, as a message can quote it
DOC = """\
## What it does
Compares the card's emissions with the total of the attached measurement logs (named with
`--log`, or found beside the README) and flags a difference beyond rounding: more than 1% of the
log's total and more than the card's printed precision (`25000` is read as 25 thousand, give or
take 500). CodeCarbon runs that share a `run_id` are counted once. With `--recompute-intensity`
the expected grams are the log's energy times the grid intensity of the card's location.

When some run in the log has no figure (a carbontracker run that read no power, an empty
`emissions` cell), the total is unknown, never zero; the rule still fires when the card is below
what the other runs already add up to. A log whose emissions and energy imply an intensity no grid
has (above 1,500 gCO2eq/kWh, or 0 and below), or that records emissions or energy below 0, is not
compared: the output says so, and the card is still checked.

## Why is this bad?
The measurement is the evidence for the card's figure; when they disagree, one of them is wrong,
and readers cannot tell which.

## Example
```yaml
co2_eq_emissions:
  emissions: 2.04
  source: CodeCarbon
```
beside an `emissions.csv` whose runs total 12.8 g.

Use instead:
```yaml
co2_eq_emissions:
  emissions: 12.8
  source: CodeCarbon
```

## Fix safety
Replacing the figure with the log's total in grams is safe when the log was named with `--log`,
unsafe when it was only found beside the README (it may belong to another run). Unsafe too when
the card is a whole multiple of the log (2 to 16 times, or a power of two up to 1024, within
rounding): the log may be one node's of a multi-node run, and the card right. No fix when the
log's total is unknown.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    found = ctx.log_figures
    value = emissions_value(ctx)
    if found is None or value is None:
        return
    node, number = value
    if not positive_number(number):
        return
    card_grams = Decimal(repr(number))
    shown = _as_written(node.value, number)
    if found.grams is None or found.grams_text is None:
        known = found.known_grams
        if known is not None and card_grams < known and not agrees(card_grams, known, node.value):
            yield RULE.at_node(
                ctx,
                node,
                f"emissions of {shown} g is below what the attached log's runs with a figure already add up to, "
                f"{format_plain_decimal(round_grams(known))} g, so the total is at least that; "
                f"no fix while the total is unknown ({_missing(ctx)})",
            )
        return
    if agrees(card_grams, found.grams, node.value) or agrees(
        card_grams, found.grams / 1000, node.value
    ):
        return  # equal, or kilograms (CO2105 reports that)
    nodes = _nodes(card_grams, found.grams)
    total = log_total(ctx)
    assert total is not None
    if nodes:
        one_node = write_emissions(
            ctx,
            node,
            total.grams,
            f"{total.origin}, one node's if the log covers one of {nodes}",
            total.evidence,
            safe=False,
        )
        yield RULE.at_node(
            ctx,
            node,
            f"emissions of {shown} g is {nodes} times {found.how}, {found.grams_text} g: the log may cover one node of {nodes} "
            f"that trained together, and the card all of them{one_node.refused}",
            one_node.fix,
        )
        return
    written = write_emissions(
        ctx, node, total.grams, total.origin, total.evidence, safe=found.explicit
    )
    yield RULE.at_node(
        ctx,
        node,
        f"emissions of {shown} g differs from {found.how}, {found.grams_text} g{written.refused}",
        written.fix,
    )


def _as_written(text: str, number: float | int) -> str:
    """The card's figure as written (`700.0` shows the precision the tolerance reads), unless it
    has an exponent or more figures than a message quotes: then as :func:`format_figure` rounds it."""
    quoted = format_figure(number)
    plain = _PLAIN.fullmatch(text) is not None
    return text if plain and Decimal(quoted) == Decimal(text) else quoted


def _missing(ctx: LintContext) -> str:
    """Which runs of the attached logs have no emissions figure, and why; their known sum is in
    the message once, in grams as a fix would write them, not again as each log's summary rounds it."""
    assert ctx.logs is not None
    measurements = ctx.logs.measurements
    return "; ".join(
        f"{m.path}: {m.unknown_emissions(with_known=False)}"
        for m in measurements
        if m.emissions_g is None
    )


def _nodes(card_grams: Decimal, log_grams: Decimal) -> int | None:
    """The node count when the card is a whole multiple of the log (2 to 16, or a power of two up
    to 1024) within 1%: a log written on one node of a multi-node run; else None. The card's
    printed precision does not widen it (`2000` is no multiple of 554 g)."""
    if log_grams <= 0 or card_grams <= log_grams:
        return None
    count = int((card_grams / log_grams).to_integral_value())
    if count < 2 or count > MAX_NODES or (count > 16 and count & (count - 1)):
        return None
    return count if agrees(card_grams, log_grams * count) else None


RULE = Rule(
    code="CO2107",
    name="emissions-mismatch-log",
    severity="error",
    summary="An attached measurement log gives a different total",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
