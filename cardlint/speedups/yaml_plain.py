"""PyYAML's ``construct_document`` for plain trees, built about four times faster.

A model card's metadata is strings, null, booleans, numbers, mappings and sequences, without
aliases. PyYAML's constructor spends most of its time on the generality (aliases, merge keys,
other tags, its state machine) such a tree does not use. Scalars other than strings go through
the loader's own constructor functions, so each value is what PyYAML makes of it; anything else
is left to ``construct_document``, so that PyYAML raises its own error, in its own order.
"""

from typing import Any

import yaml

_STR_TAG, _MAP_TAG, _SEQ_TAG = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
)
# scalar tags built by the loader's own constructor functions; any other tag takes the full path
_SCALAR_TAGS = frozenset(
    {
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
    }
)
_KEY_TYPES = frozenset({str, int, float, bool, type(None)})


class _NotPlain(Exception):
    pass


def construct_plain(
    loader: Any, root: yaml.Node
) -> tuple[Any, list[tuple[yaml.Node, str | None]], bool] | None:
    """What ``loader.construct_document(root)`` gives, or None where the tree is not plain.

    Only a tree without aliases is built here; a tag other than the core ones, a key that is not
    a plain hashable value, and any error make it None. Also returns what the walk sees on the
    way: every node with the key it is the value of (in ``reading.card.all_nodes``' order), and
    whether each mapping's keys were distinct values (no key was overwritten).
    """
    builder = _PlainBuilder(loader)
    try:
        return builder.build(root, None), builder.nodes, builder.distinct
    except Exception:  # _NotPlain, or a value PyYAML's constructor refuses
        return None


class _PlainBuilder:
    """The walk of construct_plain (a class: a recursive closure would be a reference cycle,
    keeping every card's nodes alive until the garbage collector runs)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.constructors = loader.yaml_constructors
        self.nodes: list[tuple[yaml.Node, str | None]] = []
        self.distinct = True

    def build(self, node: yaml.Node, key: str | None) -> Any:
        self.nodes.append((node, key))
        tag, kind = node.tag, type(node)
        if kind is yaml.ScalarNode:
            if tag == _STR_TAG:
                return node.value
            if tag not in _SCALAR_TAGS:
                raise _NotPlain
            return self.constructors[tag](self.loader, node)
        if kind is yaml.MappingNode and tag == _MAP_TAG:
            mapping = {}
            for key_node, value_node in node.value:
                built_key = self.build(key_node, None)
                if type(built_key) not in _KEY_TYPES:
                    raise _NotPlain
                mapping[built_key] = self.build(value_node, key_node.value)  # a plain key's scalar
            self.distinct = self.distinct and len(mapping) == len(node.value)
            return mapping
        if kind is yaml.SequenceNode and tag == _SEQ_TAG:
            return [self.build(child, key) for child in node.value]
        raise _NotPlain
