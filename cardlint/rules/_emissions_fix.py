"""The one way rules write the emissions figure, so that they never fight over it.

The figure goes in grams, as a plain decimal that huggingface_hub reads back exactly; every unit
key beside it goes too (a figure in grams needs none); the edit is offered only where it can be
made in place. With a measurement log attached, the log's total comes first: a rule that would
write another figure writes the log's when the log was named, and says so.
"""

import json
import math
from decimal import Decimal
from typing import NamedTuple

import yaml

from cardlint.amounts.parse import format_plain_decimal, parse_amount
from cardlint.diagnostics import REMOVED, Applicability, Edit, Evidence, Fix, Target
from cardlint.reading.co2 import KEY, UNIT_KEYS
from cardlint.reading.edits import delete_items, hand_edit_reason
from cardlint.rules._helpers import agrees
from cardlint.rules.base import LintContext
from cardlint.speedups.paths import name


class Written(NamedTuple):
    """A fix that writes the figure, or why there is none ("fix it by hand: ...")."""

    fix: Fix | None
    refusal: str | None = None

    @property
    def refused(self) -> str:
        """What a finding's message adds when there is no fix: "; fix it by hand: ...", or nothing."""
        return f"; {self.refusal}" if self.refusal else ""


class LogTotal(NamedTuple):
    """The attached logs' total as the card should hold it, and where it comes from."""

    grams: Decimal
    text: str
    origin: str
    evidence: Evidence


def log_total(ctx: LintContext) -> LogTotal | None:
    """The attached logs' total in grams, when a log is attached and its total is known."""
    found = ctx.log_figures
    if found is None or found.grams is None or found.grams_text is None:
        return None
    attached = ctx.logs
    assert attached is not None
    runs = [
        (name(m.path), f"{len(m.runs) or 1} run{'s' if len(m.runs) > 1 else ''}")
        for m in attached.measurements
    ]
    logs = (
        f"{runs[0][0]}, {runs[0][1]}"
        if len(runs) == 1
        else "; ".join(f"{log} ({count})" for log, count in runs)
    )
    how = "named with --log" if found.explicit else "found beside the README"
    if len(runs) > 1:
        how = f"{'both' if len(runs) == 2 else 'all'} {how}"
    recomputed = f"; {found.recomputed}" if found.recomputed else ""
    origin = f"{found.basis} ({logs}; {how}{recomputed})"
    return LogTotal(
        Decimal(found.grams_text),
        found.grams_text,
        origin,
        Evidence.LOG_NAMED if found.explicit else Evidence.LOG_FOUND,
    )


def grams_text(grams: Decimal) -> str | None:
    """``grams`` as a plain decimal that huggingface_hub reads back as exactly that number: a
    fraction a float cannot hold is written as the float it becomes; None when it cannot be written."""
    if grams.is_finite() and grams != grams.to_integral_value():
        held = float(grams)
        if held == 0 or not math.isfinite(held):
            return None
        grams = Decimal(repr(held))
    try:
        return format_plain_decimal(grams)
    except ValueError:
        return None


def unit_keys(ctx: LintContext) -> list[yaml.Node]:
    """The key nodes of every unit key in the mapping form, duplicates included, in order."""
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping:
        return []
    return [
        key
        for key, _ in co2.node.value
        if isinstance(key, yaml.ScalarNode) and str(key.value).lower() in UNIT_KEYS
    ]


def write_emissions(
    ctx: LintContext,
    node: yaml.Node,
    grams: Decimal,
    origin: str,
    evidence: Evidence = Evidence.FORM,
    safe: bool = True,
) -> Written:
    """A fix writing ``grams`` (from ``origin``, in words) into the emissions ``node``, removing every unit key.

    A figure that disagrees with the total of a log named with ``--log`` gives way to it.
    """
    logged = log_total(ctx)
    if logged is not None and evidence < logged.evidence and logged.evidence == Evidence.LOG_NAMED:
        if not agrees(grams, logged.grams, logged.text):
            grams, origin, evidence, safe = (
                logged.grams,
                f"{logged.origin}, not {origin}",
                logged.evidence,
                True,
            )
    text = grams_text(grams)
    if text is None:
        return Written(None, "the figure is too large to write out")
    units = unit_keys(ctx)
    for where in [node, *units]:
        reason = hand_edit_reason(ctx.card, where)
        if reason is not None:
            return Written(None, f"fix it by hand: {reason}")
    start, end = ctx.card.node_offsets(node)
    edits: tuple[Edit, ...] = (Edit(start, end, text),)
    sets = [Target(emissions_path(ctx), Decimal(text), evidence, origin)]
    if units:
        removed_units = remove_units(ctx, units, evidence, origin)
        if removed_units is None or any(r.start < end and start < r.end for r in removed_units[0]):
            return Written(
                None, "fix it by hand: the unit keys cannot be removed apart from the figure"
            )
        edits += removed_units[0]
        sets += removed_units[1]
    removed = f"'{units[0].value}'" if len(units) == 1 else f"{len(units)} unit keys"
    if text == ctx.card.text[start:end]:
        message = f"Remove {removed}: emissions stay {text}, {origin}"
    else:
        message = f"Write {text}{f' and remove {removed}' if units else ''}: {origin}"
    return Written(Fix(Applicability.of(safe), message, edits, tuple(sets)))


def remove_units(
    ctx: LintContext, units: list[yaml.Node], evidence: Evidence, origin: str
) -> tuple[tuple[Edit, ...], list[Target]] | None:
    """The edits removing every unit key, and what they announce; None when they cannot be made
    apart from each other (neighbours in a flow mapping)."""
    removals = delete_items(ctx.card, ctx.co2.node, units)  # type: ignore[union-attr, arg-type]
    if removals is None:
        return None
    return removals, [
        Target((KEY, key), REMOVED, evidence, origin)
        for key in dict.fromkeys(str(unit.value) for unit in units)
    ]


def emissions_path(ctx: LintContext) -> tuple[str, ...]:
    """Where the figure is: ``co2_eq_emissions.emissions``, or ``co2_eq_emissions`` in the bare form."""
    return (KEY, "emissions") if ctx.co2 is not None and ctx.co2.is_mapping else (KEY,)


def declared_unit(ctx: LintContext) -> tuple[Decimal | None, str]:
    """Grams per unit that the unit keys declare (1 when there are none) and the unit as written;
    (None, why) when they name no mass unit cardlint knows, or disagree."""
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping:
        return Decimal(1), ""
    keys = {id(key) for key in unit_keys(ctx)}
    names = [
        value.value.strip() if isinstance(value, yaml.ScalarNode) else ""
        for key, value in co2.node.value
        if id(key) in keys
    ]
    factors = set()
    for unit in names:
        amount = parse_amount(f"1 {unit}")
        if amount is None or amount.grams is None:
            return (
                None,
                f"unit {json.dumps(unit, ensure_ascii=False)} is not a mass unit cardlint knows",
            )
        factors.add(amount.grams)
    if len(factors) > 1:
        return None, f"the unit keys disagree ({', '.join(names)})"
    return (factors.pop(), names[0]) if factors else (Decimal(1), "")
