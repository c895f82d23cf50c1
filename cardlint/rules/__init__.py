"""The rule registry: every rule module, listed here in code order (as yamllint does), with the
top-level keys its check reads.

Each module declares its rule once, as ``RULE`` (``cardlint.rules.base.Rule``); its code is the
start of the module's name. A module is imported when a card first needs it: a rule that reads
only some top-level keys (``license`` for MC101, ``co2_eq_emissions`` for most CO2 rules) cannot
find anything on a card that has none of them, nor MC801 on a card the Hub has not judged
(``--hub-validate``), so for such a card the rule is neither imported nor run.
tests/rules/test_registry.py holds every rule to what is listed here.
"""

from collections.abc import Iterator
from functools import lru_cache
from importlib import import_module

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import Check, LintContext, Rule

_CO2 = frozenset({"co2_eq_emissions"})
_MODEL_INDEX = frozenset({"model-index"})

# (module, the top-level keys its check reads; None: it looks at every card, at the text, at a
# parse problem or at a key's absence)
_MODULES: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("cl001_missing_metadata", None),
    ("cl002_yaml_syntax_error", None),
    ("cl003_metadata_not_mapping", None),
    ("cl004_duplicate_key", None),
    ("cl005_yaml_version_ambiguity", None),
    ("cl006_yaml_too_complex", None),
    ("co2001_schema_violation", _CO2),
    ("co2002_missing_emissions", _CO2),
    ("co2003_unknown_key", _CO2),
    ("co2004_wrong_shape", _CO2),
    ("co2005_block_missing_with_log", None),
    ("co2006_co2_short_form", _CO2),
    ("co2101_emissions_not_a_number", _CO2),
    ("co2102_emissions_unit_declared", _CO2),
    ("co2103_emissions_exponent_notation", _CO2),
    ("co2104_emissions_not_positive", _CO2),
    ("co2105_emissions_likely_kilograms", _CO2),
    ("co2106_emissions_implausibly_large", _CO2),
    ("co2107_emissions_mismatch_log", _CO2),
    ("co2108_emissions_disagree_with_text", _CO2),
    ("co2109_emissions_only_in_text", None),
    ("co2201_training_type_missing", _CO2),
    ("co2202_training_type_unknown", _CO2),
    ("co2301_location_missing", _CO2),
    ("co2302_location_too_coarse", _CO2),
    ("co2303_location_unresolved", _CO2),
    ("co2401_hardware_missing", _CO2),
    ("co2402_hardware_vague", _CO2),
    ("co2501_source_missing", _CO2),
    ("co2502_source_unrecognized", _CO2),
    ("co2601_log_field_mismatch", _CO2),
    ("mc001_unknown_top_level_key", None),
    ("mc002_empty_value", None),
    ("mc003_wrong_type", None),
    ("mc101_license_unknown", frozenset({"license"})),
    ("mc102_license_other_incomplete", frozenset({"license"})),
    ("mc103_license_link_missing", frozenset({"license_link"})),
    ("mc104_license_details_legacy", frozenset({"license_details"})),
    ("mc201_language_unknown", frozenset({"language"})),
    ("mc301_pipeline_tag_unknown", frozenset({"pipeline_tag"})),
    ("mc302_library_name_unknown", frozenset({"library_name"})),
    ("mc303_library_name_missing", None),
    ("mc401_base_model_invalid", frozenset({"base_model", "new_version"})),
    ("mc402_base_model_relation_unknown", frozenset({"base_model_relation"})),
    ("mc403_base_model_relation_inconsistent", frozenset({"base_model_relation"})),
    ("mc501_dataset_id_invalid", frozenset({"datasets"})),
    ("mc601_model_index_invalid", _MODEL_INDEX),
    ("mc602_model_index_wrong_type", _MODEL_INDEX),
    ("mc603_model_index_verified_by_hand", _MODEL_INDEX),
    ("mc604_model_index_task_unknown", _MODEL_INDEX),
    ("mc801_hub_rejects", None),
)
# rules that read only the Hub's answer to --hub-validate (Card.hub_answer)
_READ_THE_HUBS_ANSWER = frozenset({"mc801_hub_rejects"})


class Registered:
    """One rule module as the registry lists it: its code, the top-level keys its check reads
    (None: every card), whether it reads only the Hub's answer (``Card.hub_answer``), its
    declaration, imported when first asked for, and its check (``check``: an attribute, not a
    property, as the linter calls it for every card)."""

    __slots__ = ("code", "module", "reads", "hub_answer", "check", "_rule")

    def __init__(self, module: str, reads: frozenset[str] | None, hub_answer: bool) -> None:
        self.code = module.split("_", 1)[0].upper()
        self.module = module
        self.reads = reads
        self.hub_answer = hub_answer
        self._rule: Rule | None = None
        self.check: Check = self._first_check

    def _first_check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """Import the rule, then check as it does from now on."""
        self.check = self.rule.check
        return self.check(ctx)

    def __repr__(self) -> str:
        return f"Registered({self.code})"

    @property
    def rule(self) -> Rule:
        """The module's ``RULE``."""
        if self._rule is None:
            self._rule = import_module(f"cardlint.rules.{self.module}").RULE
        return self._rule


@lru_cache(maxsize=1)
def registry() -> tuple[Registered, ...]:
    """Every rule module, in code order; none is imported yet."""
    return tuple(
        Registered(module, reads, module in _READ_THE_HUBS_ANSWER) for module, reads in _MODULES
    )


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in code order (this imports every rule module)."""
    return tuple(entry.rule for entry in registry())


def rule_by_code(code: str) -> Rule | None:
    """Find a rule by its code or its name."""
    wanted = code.strip()
    for rule in all_rules():
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None
