"""The rule registry: every rule module, imported and listed here in code order (as yamllint does).

Each module declares its rule once, as ``RULE`` (``cardlint.rules.base.Rule``). The modules are
imported on first use, so that a command that checks no card never loads them.
"""

from functools import lru_cache

from cardlint.rules.base import Rule


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in code order."""
    from cardlint.rules import (
        cl001_missing_metadata,
        cl002_yaml_syntax_error,
        cl003_metadata_not_mapping,
        cl004_duplicate_key,
        cl005_yaml_version_ambiguity,
        cl006_yaml_too_complex,
        co2001_schema_violation,
        co2002_missing_emissions,
        co2003_unknown_key,
        co2004_wrong_shape,
        co2005_block_missing_with_log,
        co2006_co2_short_form,
        co2101_emissions_not_a_number,
        co2102_emissions_unit_declared,
        co2103_emissions_exponent_notation,
        co2104_emissions_not_positive,
        co2105_emissions_likely_kilograms,
        co2106_emissions_implausibly_large,
        co2107_emissions_mismatch_log,
        co2108_emissions_disagree_with_text,
        co2109_emissions_only_in_text,
        co2201_training_type_missing,
        co2202_training_type_unknown,
        co2301_location_missing,
        co2302_location_too_coarse,
        co2303_location_unresolved,
        co2401_hardware_missing,
        co2402_hardware_vague,
        co2501_source_missing,
        co2502_source_unrecognized,
        co2601_log_field_mismatch,
        mc001_unknown_top_level_key,
        mc002_empty_value,
        mc003_wrong_type,
        mc101_license_unknown,
        mc102_license_other_incomplete,
        mc103_license_link_missing,
        mc104_license_details_legacy,
        mc201_language_unknown,
        mc301_pipeline_tag_unknown,
        mc302_library_name_unknown,
        mc303_library_name_missing,
        mc401_base_model_invalid,
        mc402_base_model_relation_unknown,
        mc403_base_model_relation_inconsistent,
        mc501_dataset_id_invalid,
        mc601_model_index_invalid,
        mc602_model_index_wrong_type,
        mc603_model_index_verified_by_hand,
        mc604_model_index_task_unknown,
        mc801_hub_rejects,
    )

    return (
        cl001_missing_metadata.RULE,
        cl002_yaml_syntax_error.RULE,
        cl003_metadata_not_mapping.RULE,
        cl004_duplicate_key.RULE,
        cl005_yaml_version_ambiguity.RULE,
        cl006_yaml_too_complex.RULE,
        co2001_schema_violation.RULE,
        co2002_missing_emissions.RULE,
        co2003_unknown_key.RULE,
        co2004_wrong_shape.RULE,
        co2005_block_missing_with_log.RULE,
        co2006_co2_short_form.RULE,
        co2101_emissions_not_a_number.RULE,
        co2102_emissions_unit_declared.RULE,
        co2103_emissions_exponent_notation.RULE,
        co2104_emissions_not_positive.RULE,
        co2105_emissions_likely_kilograms.RULE,
        co2106_emissions_implausibly_large.RULE,
        co2107_emissions_mismatch_log.RULE,
        co2108_emissions_disagree_with_text.RULE,
        co2109_emissions_only_in_text.RULE,
        co2201_training_type_missing.RULE,
        co2202_training_type_unknown.RULE,
        co2301_location_missing.RULE,
        co2302_location_too_coarse.RULE,
        co2303_location_unresolved.RULE,
        co2401_hardware_missing.RULE,
        co2402_hardware_vague.RULE,
        co2501_source_missing.RULE,
        co2502_source_unrecognized.RULE,
        co2601_log_field_mismatch.RULE,
        mc001_unknown_top_level_key.RULE,
        mc002_empty_value.RULE,
        mc003_wrong_type.RULE,
        mc101_license_unknown.RULE,
        mc102_license_other_incomplete.RULE,
        mc103_license_link_missing.RULE,
        mc104_license_details_legacy.RULE,
        mc201_language_unknown.RULE,
        mc301_pipeline_tag_unknown.RULE,
        mc302_library_name_unknown.RULE,
        mc303_library_name_missing.RULE,
        mc401_base_model_invalid.RULE,
        mc402_base_model_relation_unknown.RULE,
        mc403_base_model_relation_inconsistent.RULE,
        mc501_dataset_id_invalid.RULE,
        mc601_model_index_invalid.RULE,
        mc602_model_index_wrong_type.RULE,
        mc603_model_index_verified_by_hand.RULE,
        mc604_model_index_task_unknown.RULE,
        mc801_hub_rejects.RULE,
    )


def rule_by_code(code: str) -> Rule | None:
    """Find a rule by its code or its name."""
    wanted = code.strip()
    for rule in all_rules():
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None
