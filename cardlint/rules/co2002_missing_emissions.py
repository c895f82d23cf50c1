"""CO2002 co2-missing-emissions."""

from collections.abc import Iterator
from decimal import Decimal

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.reading.co2 import KEY
from cardlint.reading.edits import hand_edit_reason, insert_items, plain_or_quoted
from cardlint.rules._emissions_fix import log_total, remove_units, unit_keys
from cardlint.rules._helpers import attached_logs_give
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the mapping form of `co2_eq_emissions` has an `emissions` key.

## Why is this bad?
`emissions` is the figure itself. huggingface_hub's emissions filter
(`_is_emission_within_threshold`) raises a KeyError on a block without it, and the Hub shows nothing.

## Example
```yaml
co2_eq_emissions:
  source: CodeCarbon
  training_type: fine-tuning
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  source: CodeCarbon
  training_type: fine-tuning
```

## Fix safety
With an attached measurement log, the fix adds the log's total in grams: safe when the log was
named with `--log`, unsafe when it was only found beside the README; none when the log's total is
unknown (a run without a figure) or impossible (an intensity no grid has), and the message says why. With `--estimate --hours H`
it adds an estimate from the card's `hardware_used` and `geographical_location` (rated power x
hours x grid intensity), with a `source` saying how it was made: unsafe. Otherwise no fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping or "emissions" in co2.value:
        return
    message = "co2_eq_emissions has no 'emissions': add 'emissions: <grams of CO2eq>' (the Hub's filter fails without it)"
    found = ctx.log_figures
    fix = None
    if found is not None and found.grams_text is not None:
        total = log_total(ctx)
        assert total is not None
        target = Target((KEY, "emissions"), total.grams, total.evidence, total.origin)
        fix = _adding(
            ctx,
            [("emissions", found.grams_text)],
            [target],
            Applicability.of(found.explicit),
            f"Add 'emissions: {found.grams_text}': {total.origin}",
        )
        message = f"co2_eq_emissions has no 'emissions': {attached_logs_give(ctx)} {found.grams_text} g ({found.how})"
        if fix is None:
            message += "; fix it by hand (the unit keys beside it cannot be removed in place)"
    elif found is not None and found.no_total:
        message = f"{message}; the attached log gives no total to add ({found.no_total})"
    elif ctx.options.estimate and ctx.options.hours is not None:
        fix, message = _estimated(ctx, ctx.options.hours, message)
    yield RULE.at_node(ctx, co2.key_node, message, fix)


def _estimated(ctx: LintContext, hours: float, message: str) -> tuple[Fix | None, str]:
    """An unsafe fix from the card's own hardware and location and --hours, or why there is none."""
    co2 = ctx.co2
    assert co2 is not None
    from cardlint.amounts.parse import format_plain_decimal
    from cardlint.estimate import EstimateError, estimate
    from cardlint.logs.attach import round_grams

    hardware, location = co2.value.get("hardware_used"), co2.value.get("geographical_location")
    if not isinstance(hardware, str) or not isinstance(location, str):
        return (
            None,
            message + "; --estimate needs hardware_used and geographical_location in the card",
        )
    try:
        result = estimate(hardware, hours, location, ctx.options.pue)
    except EstimateError as error:
        return None, f"{message}; cannot estimate: {error}"
    grams = format_plain_decimal(round_grams(result.grams))
    items = [("emissions", grams)]
    origin = f"an estimate: {result.formula()}"
    sets = [Target((KEY, "emissions"), Decimal(grams), Evidence.ESTIMATE, origin)]
    if "source" not in co2.value:
        items.append(("source", plain_or_quoted(result.source_text())))
        sets.append(Target((KEY, "source"), result.source_text(), Evidence.ESTIMATE, origin))
    fix = _adding(
        ctx,
        items,
        sets,
        Applicability.UNSAFE,
        f"Add the estimate 'emissions: {grams}': {result.formula()}",
    )
    return fix, f"{message}; estimate: {result.formula()}"


def _adding(
    ctx: LintContext,
    items: list[tuple[str, str]],
    sets: list[Target],
    applicability: Applicability,
    message: str,
) -> Fix | None:
    """A fix adding ``items`` (emissions first) to the block. The figure added is in grams, so a
    unit key beside it goes: the first is rewritten as the emissions item, the others removed.
    None when that cannot be done in place."""
    co2 = ctx.co2
    assert co2 is not None
    units = unit_keys(ctx)
    if not units:
        return Fix(
            applicability,
            message,
            (insert_items(ctx.card, co2.node, items),),  # type: ignore[arg-type]
            tuple(sets),
        )
    if any(
        hand_edit_reason(ctx.card, node)
        for key, value in co2.node.value
        if key in units
        for node in (key, value)
    ):
        return None
    first = next(value for key, value in co2.node.value if key is units[0])
    key, figure = items[0]
    edits: tuple[Edit, ...] = (
        Edit(
            ctx.card.node_offsets(units[0])[0], ctx.card.node_offsets(first)[1], f"{key}: {figure}"
        ),
    )
    sets = sets + [Target((KEY, str(units[0].value)), REMOVED, sets[0].evidence, sets[0].origin)]
    if len(units) > 1:
        removed = remove_units(ctx, units[1:], sets[0].evidence, sets[0].origin)
        if removed is None or any(
            r.start < edits[0].end and edits[0].start < r.end for r in removed[0]
        ):
            return None
        edits += removed[0]
        sets += [target for target in removed[1] if target.path not in {t.path for t in sets}]
    if items[1:]:
        edits += (insert_items(ctx.card, co2.node, items[1:]),)  # type: ignore[arg-type]
    return Fix(applicability, message, edits, tuple(sets))


RULE = Rule(
    code="CO2002",
    name="co2-missing-emissions",
    severity="error",
    summary="The mapping form has no emissions key",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
