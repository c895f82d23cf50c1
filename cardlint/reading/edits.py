"""Text edits on YAML nodes that keep every byte around them: deleting and adding mapping items."""

import json
import re
from weakref import WeakKeyDictionary

import yaml

from cardlint.diagnostics import Edit
from cardlint.reading.card import Card

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _delete_at(card: Card, mapping: yaml.MappingNode, index: int) -> Edit:
    """An edit that removes the item at ``index`` of ``mapping`` (its key and value), block or flow style."""
    items = mapping.value
    key_node = items[index][0]
    key_start = card.node_offsets(key_node)[0]
    value_end = card.node_offsets(items[index][1])[1]
    if mapping.flow_style:
        if index > 0:
            return Edit(card.node_offsets(items[index - 1][1])[1], value_end, "")
        if len(items) > 1:
            return Edit(key_start, card.node_offsets(items[1][0])[0], "")
        return Edit(key_start, value_end, "")
    line_start = card.line_start(key_start)
    if card.text[line_start:key_start].strip():
        line_start = key_start  # the key shares its line with something else (e.g. "- unit: kg")
    block_end = card.block_end or len(card.text)
    if (
        value_end > line_start
        and card.line_start(value_end) == value_end
        and value_end <= block_end
    ):
        return Edit(line_start, value_end, "")  # a nested value already ends at a line start
    following = _LINE_BREAK.search(card.text, value_end)
    if following is not None and following.end() <= block_end:
        return Edit(line_start, following.end(), "")
    # the last line of the block: take the line break before it instead of the closing one
    start = (
        line_start - _break_width(card.text, line_start)
        if line_start > (card.block_start or 0)
        else line_start
    )
    return Edit(start, block_end if following is None else min(following.start(), block_end), "")


def delete_items(
    card: Card, mapping: yaml.MappingNode, key_nodes: list[yaml.Node]
) -> tuple[Edit, ...] | None:
    """Edits removing several keys of ``mapping`` (duplicates too), overlapping line removals merged;
    None when they cannot be made apart (neighbours in a flow mapping)."""
    index = {id(key): i for i, (key, _) in enumerate(mapping.value)}  # once, not once per key
    spans = sorted(
        (edit.start, edit.end)
        for edit in (_delete_at(card, mapping, index[id(key)]) for key in key_nodes)
    )
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] and not mapping.flow_style:
            merged[-1][1] = max(merged[-1][1], end)
            if end == card.block_end and card.line_start(merged[-1][0]) == merged[-1][0]:
                # the block's last line took the break before it: take the break before the first line instead
                merged[-1][0] -= _break_width(card.text, merged[-1][0])
        elif merged and start < merged[-1][1]:
            return None  # neighbours in a flow mapping: each removal takes a comma the other needs
        else:
            merged.append([start, end])
    return tuple(Edit(start, end, "") for start, end in merged)


_PROPERTIES = re.compile(r"[&!]")  # a node's source starts with its anchor or tag, if it has one
_ANCHOR = re.compile(r"(?:![^ \t\r\n]*[ \t]+)?&")  # an anchor, after a tag if there is one
_SHARED: WeakKeyDictionary[Card, set[int]] = WeakKeyDictionary()
_PATHS: WeakKeyDictionary[Card, dict[int, tuple[str | int, ...]]] = WeakKeyDictionary()
_STR_TAG = "tag:yaml.org,2002:str"


def node_path(card: Card, node: yaml.Node) -> tuple[str | int, ...] | None:
    """The key path of a value node in the metadata (keys, and indexes in lists), or None when it
    is not a value, or a key on its way is not a plain string."""
    if card not in _PATHS:
        paths: dict[int, tuple[str | int, ...]] = {}
        stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = (
            [(card.root, ())] if card.root is not None else []
        )
        while stack:
            item, path = stack.pop()
            if id(item) in paths:
                continue  # reached again through an alias: its first path stands
            paths[id(item)] = path
            if isinstance(item, yaml.MappingNode):
                last = {
                    key.value: value
                    for key, value in item.value
                    if isinstance(key, yaml.ScalarNode) and key.tag == _STR_TAG
                }
                # a duplicate key: the last one is read
                stack += [(value, path + (key,)) for key, value in last.items()]
            elif isinstance(item, yaml.SequenceNode):
                stack += [(child, path + (index,)) for index, child in enumerate(item.value)]
        _PATHS[card] = paths
    return _PATHS[card].get(id(node))


def hand_edit_reason(card: Card, node: yaml.Node) -> str | None:
    """Why ``node`` cannot be replaced in place by an edit of its source text, or None when it can.

    An edit of an anchored or tagged node would drop its anchor or tag; a node inside an anchored
    collection or taken in by a merge key (``<<``) is shared, so an edit would change other keys
    too; a block scalar (``|``, ``>``) owns the line breaks after it.
    """
    start, _ = card.node_offsets(node)
    if _PROPERTIES.match(card.text, start):
        return "the value has an anchor (&) or a tag (!), which an edit would drop"
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        return "the value is a block scalar (| or >)"
    if id(node) in _shared_nodes(card):
        return "the value is shared through an anchor or a merge key (<<), so an edit would change other keys too"
    return None


def anchored_spans(card: Card) -> list[tuple[int, int]]:
    """The text spans of the anchored collections (an edit inside one changes every alias of it)."""
    if "&" not in card.block_text:
        return []
    spans = []
    for node, _ in card.nodes():
        if isinstance(node, yaml.CollectionNode):
            start, end = card.node_offsets(node)
            if _ANCHOR.match(card.text, start):
                spans.append((start, end))
    return spans


def _shared_nodes(card: Card) -> set[int]:
    """The ids of the nodes inside an anchored collection, or in a mapping that a merge key (``<<``)
    took keys into (the merged keys lie outside its source)."""
    if card not in _SHARED:
        shared: set[int] = set()
        # read once per card, not once per node
        may_share = "&" in card.block_text or "<<" in card.block_text
        stack: list[tuple[yaml.Node, bool]] = (
            [(card.root, False)] if card.root is not None and may_share else []
        )
        seen: set[int] = set()
        while stack:
            node, inside = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            start, end = card.node_offsets(node)
            if inside:
                shared.add(id(node))
            below = inside or (
                isinstance(node, yaml.CollectionNode)
                and _PROPERTIES.match(card.text, start) is not None
            )
            if isinstance(node, yaml.MappingNode):
                merged = any(
                    not start <= card.node_offsets(key_node)[0] < end for key_node, _ in node.value
                )
                for key_node, value_node in node.value:
                    stack += [(key_node, below or merged), (value_node, below or merged)]
            elif isinstance(node, yaml.SequenceNode):
                stack += [(child, below) for child in node.value]
        _SHARED[card] = shared
    return _SHARED[card]


def _break_width(text: str, line_start: int) -> int:
    """Width of the line break that ends just before ``line_start`` (2 for CRLF)."""
    return 2 if text[max(0, line_start - 2) : line_start] == "\r\n" else 1


def line_ending(text: str) -> str:
    """The file's line ending (that of its first line break; LF when it has none)."""
    found = _LINE_BREAK.search(text)
    return found.group(0) if found else "\n"


def plain_or_quoted(value: str) -> str:
    """``value`` as a YAML scalar: plain when PyYAML reads it back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def in_flow(text: str) -> str:
    """A value's YAML text as it must be written inside ``{...}``: double-quoted when a flow
    indicator (a comma, a bracket) would cut it there."""
    value = scalar_value(text)
    if not isinstance(value, str):
        return text
    try:
        if yaml.safe_load(f"{{k: {text}}}") == {"k": value}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def scalar_value(text: str) -> object:
    """What huggingface_hub reads for ``text`` written as a YAML value (a scalar, as fixes write them)."""
    try:
        return yaml.safe_load(f"k: {text}")["k"]
    except (yaml.YAMLError, TypeError, KeyError):
        return text


def insertion_point(card: Card, mapping: yaml.MappingNode) -> tuple[int, bool, str, str]:
    """Where new items of a block mapping go: (offset, whether a line break must come first,
    the items' indentation, the file's line ending)."""
    newline = line_ending(card.text)
    first_key, value_end = _own_extent(card, mapping)
    indent = card.text[card.line_start(first_key) : first_key]
    if indent.strip():
        indent = " " * (card.position(first_key).column - 1)
    # the last value ends mid-line: insert after its line
    if value_end > card.line_start(value_end):
        block_end = card.block_end or len(card.text)
        following = _LINE_BREAK.search(card.text, value_end)
        if following is None or following.end() > block_end:
            return block_end, True, indent, newline
        value_end = following.end()
    return value_end, False, indent, newline


def _own_extent(card: Card, mapping: yaml.MappingNode) -> tuple[int, int]:
    """Where the first key of ``mapping``'s own text starts and its last value ends: keys that a
    merge key (``<<``) took in from elsewhere are not its text (with none of its own, its whole span)."""
    start, end = card.node_offsets(mapping)
    own = [(key, value) for key, value in mapping.value if start <= card.node_offsets(key)[0] < end]
    if not own:
        return start, end
    key_end = card.node_offsets(own[-1][0])[1]
    value_start, value_end = card.node_offsets(own[-1][1])
    if value_start < key_end:  # an alias: its node is the anchored one, written before
        value_end = len(card.text[:end].rstrip(" \t}")) if mapping.flow_style else key_end
    return card.node_offsets(own[0][0])[0], value_end


def insert_items(card: Card, mapping: yaml.MappingNode, items: list[tuple[str, str]]) -> Edit:
    """An edit that appends ``key: value`` items (values already YAML text) to ``mapping``."""
    if mapping.flow_style:
        value_end = _own_extent(card, mapping)[1]
        return Edit(
            value_end, value_end, "".join(f", {key}: {in_flow(value)}" for key, value in items)
        )
    offset, break_first, indent, newline = insertion_point(card, mapping)
    lines = [f"{indent}{key}: {value}" for key, value in items]
    if break_first:
        return Edit(offset, offset, "".join(newline + line for line in lines))
    return Edit(offset, offset, "".join(line + newline for line in lines))


def add_co2_block(card: Card, items: list[tuple[str, str]]) -> Edit:
    """An edit adding ``co2_eq_emissions`` with ``items`` (YAML text) to a card that lacks it.

    It goes at the end of the top-level mapping, into an empty block, or in a new metadata
    block at the top of a README that has none.
    """
    newline = line_ending(card.text)
    root = card.root
    if isinstance(root, yaml.MappingNode) and root.value and root.flow_style:
        end = card.node_offsets(root.value[-1][1])[1]
        inner = ", ".join(f"{key}: {in_flow(value)}" for key, value in items)
        return Edit(end, end, f", co2_eq_emissions: {{{inner}}}")
    if isinstance(root, yaml.MappingNode) and root.value:
        offset, break_first, indent, newline = insertion_point(card, root)
    elif card.has_block:  # an empty block, or one holding only comments
        offset, indent = card.block_end or 0, ""
        break_first = bool(card.block_text)
    else:
        lines = ["co2_eq_emissions:"] + [f"  {key}: {value}" for key, value in items]
        return Edit(
            0, 0, f"---{newline}" + "".join(line + newline for line in lines) + f"---{newline}"
        )
    lines = [f"{indent}co2_eq_emissions:"] + [f"{indent}  {key}: {value}" for key, value in items]
    if break_first:
        return Edit(offset, offset, "".join(newline + line for line in lines))
    return Edit(offset, offset, "".join(line + newline for line in lines))
