"""The ``co2_eq_emissions`` block of a card: its nodes and constructed values side by side."""

from typing import Any, NamedTuple

import yaml

from cardlint.reading.card import Card

KEY = "co2_eq_emissions"
SPEC_KEYS = ("emissions", "source", "training_type", "geographical_location", "hardware_used")
EXTENSION_KEYS = ("energy_consumed", "hours_used", "on_cloud", "cpu_model", "ram_total_size")
KNOWN_KEYS = SPEC_KEYS + EXTENSION_KEYS
# Keys that give the emissions' unit (CO2102 reports them; the emissions fix folds them in).
UNIT_KEYS = frozenset({"unit", "units", "emissions_unit"})
TRAINING_TYPES = ("pre-training", "fine-tuning")


class Field(NamedTuple):
    """One key of the block's mapping form."""

    name: str
    key_node: yaml.Node
    value_node: yaml.Node
    value: Any


class Co2Block(NamedTuple):
    """The block's key and value nodes, the value huggingface_hub reads, and its keys (read once)."""

    key_node: yaml.Node
    node: yaml.Node
    value: Any
    keys: tuple[Field, ...]  # see fields(); find_block reads them once

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict) and isinstance(self.node, yaml.MappingNode)

    def fields(self) -> list[Field]:
        """Each key of the mapping form in order; for duplicate keys only the last (as PyYAML keeps)."""
        return list(self.keys)

    def field(self, name: str) -> Field | None:
        for found in self.keys:
            if found.name == name:
                return found
        return None


def find_block(card: Card) -> Co2Block | None:
    """The ``co2_eq_emissions`` block, or None when the card has none."""
    if card.metadata is None or KEY not in card.metadata:
        return None
    pair = card.top_level(KEY)
    if pair is None:
        return None
    key_node, node = pair
    value = card.metadata[KEY]
    return Co2Block(key_node, node, value, _fields(node, value))


def _fields(node: yaml.Node, value: Any) -> tuple[Field, ...]:
    if not (isinstance(value, dict) and isinstance(node, yaml.MappingNode)):
        return ()
    last: dict[str, Field] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and isinstance(key_node.value, str):
            name = key_node.value
            if name in value:
                last[name] = Field(name, key_node, value_node, value[name])
    return tuple(sorted(last.values(), key=lambda f: f.key_node.start_mark.index))
