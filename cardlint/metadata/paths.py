"""The Hub's notation for a field of the metadata (``model-index[0].results[0].dataset.config``)
and the composed YAML node it names."""

import re
from collections.abc import Iterable

import yaml

PathPart = str | int
_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def path_text(parts: Iterable[PathPart]) -> str:
    """``("model-index", 0, "results")`` -> ``model-index[0].results``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def path_parts(text: str) -> tuple[PathPart, ...]:
    """The parts of a path written in the Hub's notation (the inverse of ``path_text``)."""
    return tuple(
        int(index) if index else key for index, key in _PART.findall(text.strip().strip('"'))
    )


def key_node(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The last (key node, value node) pair of ``key`` in a mapping node (the one the Hub's
    reader keeps), or None."""
    found = None
    if isinstance(mapping, yaml.MappingNode):
        for key_item, value in mapping.value:
            if isinstance(key_item, yaml.ScalarNode) and key_item.value == key:
                found = (key_item, value)
    return found


def node_at(root: yaml.Node | None, parts: Iterable[PathPart]) -> yaml.Node | None:
    """The node a path names, or the deepest node on the way when the rest is missing; None
    when not even the first part is there."""
    node, reached = root, None
    for part in parts:
        if isinstance(part, int):
            if not isinstance(node, yaml.SequenceNode) or part >= len(node.value):
                return reached
            node = node.value[part]
        else:
            pair = key_node(node, part) if node is not None else None
            if pair is None:
                return reached
            node = pair[1]
        reached = node
    return reached
