"""Small pieces shared by several rules."""

from __future__ import annotations

from typing import Any, Iterator

import yaml

from cardlint.rules.base import LintContext, Violation
from cardlint.rules.co2003_unknown_key import ALIASES


def missing_field(ctx: LintContext, key: str, advice: str) -> Iterator[Violation]:
    """Report a mapping-form block that lacks ``key``, at the block's key."""
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping or key in co2.value:
        return
    if any(ALIASES.get(str(present).lower().strip()) == key for present in co2.value):
        return  # a misspelling of the key is there: CO2003 reports it and renames it
    yield ctx.node_violation(co2.key_node, f"co2_eq_emissions has no '{key}': {advice}")


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
