"""What one card says, as plain values for a row of ``cards.parquet``: its co2_eq_emissions
block's form, emissions, source, region and hardware, and which metadata fields it gives."""

import math
import re
from typing import Any

from cardlint.audit.columns import METADATA_FIELDS
from cardlint.reading.card import Card
from cardlint.reading.co2 import KEY

# the co2 block's keys behind the has_<name> columns
CO2_KEYS = {
    "source": "source",
    "training_type": "training_type",
    "location": "geographical_location",
    "hardware": "hardware_used",
}
# a source names a tool: the first that matches gives its category (Castaño et al.'s grouping)
_SOURCES = (
    ("autotrain", re.compile(r"auto\s*-?\s*(?:train|nlp)", re.IGNORECASE)),
    ("codecarbon", re.compile(r"code\s*-?\s*carbon", re.IGNORECASE)),
    (
        "ml-co2-impact",
        re.compile(
            r"ml\s*-?\s*co2|machine\s+learning\s+(?:emissions|impact)|impact\s+calculator",
            re.IGNORECASE,
        ),
    ),
    ("carbontracker", re.compile(r"carbon\s*-?\s*tracker", re.IGNORECASE)),
    ("eco2ai", re.compile(r"eco2\s*ai", re.IGNORECASE)),
)


def given(value: Any) -> bool:
    """Whether a metadata value gives something: not null, not blank text, not an empty list or mapping."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


def metadata_presence(card: Card) -> dict[str, bool]:
    """``has_<field>`` for the top-level metadata fields the report counts."""
    metadata = card.metadata if isinstance(card.metadata, dict) else {}
    return {f"has_{name}": given(metadata.get(key)) for name, key in METADATA_FIELDS.items()}


def co2_form(value: Any) -> str:
    """The block's form: "mapping", "number" (the short form) or "other"."""
    if isinstance(value, dict):
        return "mapping"
    return "number" if _number(value) is not None else "other"


def emissions_grams(card: Card) -> float | None:
    """The emissions as huggingface_hub reads them: the short form's number or a numeric ``emissions``."""
    if not isinstance(card.metadata, dict):
        return None
    value = card.metadata.get(KEY)
    if isinstance(value, dict):
        return _number(value.get("emissions"))
    return _number(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def source_category(value: Any) -> str:
    """The tool a ``source`` names (its category), "other" for none of them, "missing" without one."""
    if not given(value):
        return "missing"
    text = str(value)
    return next((name for name, pattern in _SOURCES if pattern.search(text)), "other")


def co2_fields(block: Any) -> dict[str, Any]:
    """The has_<field>, source_category, training_type, region and hardware columns of a block."""
    mapping = block if isinstance(block, dict) else {}
    row: dict[str, Any] = {f"has_{name}": given(mapping.get(key)) for name, key in CO2_KEYS.items()}
    row["source_category"] = source_category(mapping.get("source"))
    training = mapping.get("training_type")
    row["training_type"] = (
        training.strip() if isinstance(training, str) and training.strip() else None
    )
    row.update(_region(mapping.get("geographical_location")))
    row.update(_hardware(mapping.get("hardware_used")))
    return row


def _region(location: Any) -> dict[str, str | None]:
    if not isinstance(location, str) or not location.strip():
        return {"region": None, "region_granularity": None}
    from cardlint.grid.resolver import resolve

    resolution = resolve(location)
    region = resolution.region.id if resolution.region is not None else None
    return {"region": region, "region_granularity": resolution.granularity}


def _hardware(text: Any) -> dict[str, Any]:
    if not isinstance(text, str) or not text.strip():
        return {"hardware_count": None, "hardware_device": None}
    from cardlint.hardware.parse import parse_hardware

    items = parse_hardware(text).items
    counts = [item.count for item in items if item.count is not None]
    names = list(dict.fromkeys(item.name for item in items if item.name is not None))
    return {
        "hardware_count": sum(counts) if counts else None,
        "hardware_device": " + ".join(names) if names else None,
    }
