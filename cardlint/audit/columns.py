"""The columns of the audit's two tables, ``cards.parquet`` and ``findings.parquet``.

One row of ``cards`` per input row, in input order; one row of ``findings`` per finding.
docs/audit.md describes each column.
"""

import pyarrow as pa

# the co2_eq_emissions block's fields whose presence the report counts (has_<name>)
CO2_FIELDS = ("source", "training_type", "location", "hardware")
# the has_<name> columns of the top-level metadata keys whose presence the report counts
METADATA_FIELDS = {
    "license": "license",
    "language": "language",
    "pipeline_tag": "pipeline_tag",
    "library_name": "library_name",
    "base_model": "base_model",
    "datasets": "datasets",
    "model_index": "model-index",
}
CARDS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("author", pa.string()),
        ("created", pa.timestamp("us", tz="UTC")),
        ("downloads", pa.int64()),
        ("readable", pa.bool_()),
        ("unreadable_reason", pa.string()),
        ("has_metadata", pa.bool_()),
        ("co2_form", pa.string()),  # "mapping" | "number" | "other"; null: no co2_eq_emissions
        ("emissions_hub_g", pa.float64()),
        ("emissions_fixed_g", pa.float64()),
        *((f"has_{name}", pa.bool_()) for name in CO2_FIELDS),
        # autotrain | codecarbon | ml-co2-impact | carbontracker | eco2ai | other | missing
        ("source_category", pa.string()),
        ("training_type", pa.string()),
        ("region", pa.string()),
        ("region_granularity", pa.string()),
        ("hardware_count", pa.int64()),
        ("hardware_device", pa.string()),
        *((f"has_{name}", pa.bool_()) for name in METADATA_FIELDS),
        ("codes", pa.list_(pa.string())),
        ("finding_count", pa.int64()),
    ]
)

FINDINGS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("code", pa.string()),
        ("severity", pa.string()),
        ("line", pa.int64()),
        ("column", pa.int64()),
        ("message", pa.string()),
        ("fixable", pa.bool_()),
        ("fix_applicability", pa.string()),  # "safe" | "unsafe"; null: no fix
    ]
)

# the normalised input layout that audit_partition takes (sources.py maps older names to these)
INPUT_COLUMNS = ("modelId", "author", "createdAt", "downloads", "card")
