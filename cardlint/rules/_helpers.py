"""Small pieces shared by several rules."""

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import yaml

from cardlint.amounts.parse import Amount, format_plain_decimal, parse_amount
from cardlint.amounts.parse import agrees as agrees_as_printed
from cardlint.diagnostics import Applicability, Diagnostic, Evidence, Fix, Target
from cardlint.reading.card import is_plain
from cardlint.reading.co2 import KEY
from cardlint.reading.edits import insert_items, plain_or_quoted, scalar_value
from cardlint.rules.base import LintContext, Rule

# Unambiguous misspellings of the block's keys: CO2003 renames them (safe), and the rules for a
# missing key stay silent while one is there.
ALIASES = {
    "emission": "emissions",
    "co2_emissions": "emissions",
    "co2eq_emissions": "emissions",
    "geographic_location": "geographical_location",
    "geographical-location": "geographical_location",
    "geographical location": "geographical_location",
    "location": "geographical_location",
    "hardware": "hardware_used",
    "hardware-used": "hardware_used",
    "hardware used": "hardware_used",
    "training-type": "training_type",
    "training type": "training_type",
    "trainingtype": "training_type",
    "hours": "hours_used",
}


EXPONENT = re.compile(r"[-+]?(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9_]+)[eE][-+]?[0-9]+")


def exponent_scalar(node: yaml.Node) -> bool:
    """A plain scalar written with an exponent."""
    return is_plain(node) and EXPONENT.fullmatch(node.value) is not None


def missing_field(
    rule: Rule,
    ctx: LintContext,
    key: str,
    advice: str,
    fill: str | None = None,
    safe: bool = True,
    origin: str = "the attached log",
) -> Iterator[Diagnostic]:
    """Report a mapping-form block that lacks ``key``, at the block's key; ``fill`` (YAML text) adds it,
    and without one the attached log's value, if it records one, is used."""
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping or key in co2.value:
        return
    if any(ALIASES.get(str(present).lower().strip()) == key for present in co2.value):
        return  # a misspelling of the key is there: CO2003 reports it and renames it
    evidence = Evidence.FORM
    if fill is None:
        fill, safe = fill_from_log(ctx, key)
        evidence = Evidence.LOG_NAMED if safe else Evidence.LOG_FOUND
    fix = None
    if fill is not None:
        edit = insert_items(ctx.card, co2.node, [(key, fill)])  # type: ignore[arg-type]
        sets = (Target((KEY, key), scalar_value(fill), evidence, origin),)
        fix = Fix(Applicability.of(safe), f"Add '{key}: {fill}' (from {origin})", (edit,), sets)
        advice = f"{origin} gives '{key}: {fill}'"
    yield rule.at_node(ctx, co2.key_node, f"co2_eq_emissions has no '{key}': {advice}", fix)


def plain_grams(amount: Amount | None, default_unit: str | None = "g") -> str | None:
    """An amount in grams as a plain decimal; None when it has no grams or is too large to write out."""
    grams = amount.to_grams(default_unit) if amount is not None else None
    if grams is None:
        return None
    try:
        return format_plain_decimal(grams)
    except ValueError:  # beyond 10^1000 g: not an amount anyone meant
        return None


def emissions_value(ctx: LintContext) -> tuple[yaml.Node, Any] | None:
    """The node and value of the emissions figure: the bare value, or the mapping's ``emissions``."""
    co2 = ctx.co2
    if co2 is None:
        return None
    if co2.is_mapping:
        found = co2.field("emissions")
        return (found.value_node, found.value) if found else None
    if isinstance(co2.node, yaml.ScalarNode):
        return co2.node, co2.value
    return None


def fill_from_log(ctx: LintContext, field: str) -> tuple[str | None, bool]:
    """YAML text for ``field`` from the attached logs (or options), and whether adding it is safe."""
    found = ctx.log_figures
    if found is None:
        return None, True
    value = {
        "source": found.source,
        "geographical_location": found.location,
        "hardware_used": found.hardware,
    }.get(field)
    return (plain_or_quoted(value) if value else None), found.explicit


def attached_logs_give(ctx: LintContext) -> str:
    """ "the attached log gives", or "the attached logs give" when several are attached."""
    several = ctx.logs is not None and len(ctx.logs.measurements) > 1
    return "the attached logs give" if several else "the attached log gives"


IMPLAUSIBLE_G = 1e11  # grams: ten times the largest published training run (CO2106)
RELATIVE_TOLERANCE = Decimal("0.01")  # a card's figure and a log's total agree within 1%


def agrees(written: Decimal, expected: Decimal, printed: str | None = None) -> bool:
    """Whether the card's ``written`` grams are ``expected`` within 1%, or within the precision
    ``printed`` (the figure as the card writes it) shows: :func:`cardlint.amounts.parse.agrees`."""
    amount = parse_amount(printed) if printed is not None else None
    return agrees_as_printed(written, amount, expected, relative=RELATIVE_TOLERANCE)


def show_value(value: Any) -> str:
    """A metadata value as a message shows it: JSON for JSON's types, else what PyYAML built
    (a date from `2020-01-01`, bytes from `!!binary`, a set from `!!set`, an integer too long to print)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        pass
    if isinstance(value, datetime):
        return f"{value.isoformat(' ')} (a date and time)"
    if isinstance(value, date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, int):
        return f"a number of about {value.bit_length() * 0.30103:.0f} digits"
    names: dict[type, str] = {bytes: "!!binary data", set: "a !!set"}
    return names.get(type(value), f"a {type(value).__name__} value")
