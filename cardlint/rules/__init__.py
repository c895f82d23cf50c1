"""The rule registry: one module per rule, listed here in code order."""

from __future__ import annotations

import importlib
from functools import lru_cache

from cardlint.rules.base import Rule

RULE_MODULES = (
    "cl001_missing_metadata",
    "cl002_yaml_syntax_error",
    "cl003_metadata_not_mapping",
    "cl004_duplicate_key",
    "cl005_yaml_version_ambiguity",
    "cl006_yaml_too_complex",
    "co2001_schema_violation",
    "co2002_missing_emissions",
    "co2003_unknown_key",
    "co2004_wrong_shape",
    "co2005_block_missing_with_log",
    "co2006_co2_short_form",
    "co2101_emissions_not_a_number",
    "co2102_emissions_unit_declared",
    "co2103_emissions_exponent_notation",
    "co2104_emissions_not_positive",
    "co2105_emissions_likely_kilograms",
    "co2106_emissions_implausibly_large",
    "co2107_emissions_mismatch_log",
    "co2108_emissions_disagree_with_text",
    "co2109_emissions_only_in_text",
    "co2201_training_type_missing",
    "co2202_training_type_unknown",
    "co2301_location_missing",
    "co2302_location_too_coarse",
    "co2303_location_unresolved",
    "co2401_hardware_missing",
    "co2402_hardware_vague",
    "co2501_source_missing",
    "co2502_source_unrecognized",
    "co2601_log_field_mismatch",
)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in code order."""
    rules = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"cardlint.rules.{name}")
        rules.append(
            Rule(
                code=module.CODE,
                name=module.NAME,
                severity=module.SEVERITY,
                summary=module.SUMMARY,
                doc=module.DOC,
                check=module.check,
                fixable=getattr(module, "FIXABLE", None),
            )
        )
    return tuple(sorted(rules, key=lambda rule: rule.code))


def rule_by_code(code: str) -> Rule | None:
    """Find a rule by its code or its name."""
    wanted = code.strip()
    for rule in all_rules():
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None
