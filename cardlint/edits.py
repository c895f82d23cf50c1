"""Text edits on YAML nodes that keep every byte around them: deleting a mapping item."""

from __future__ import annotations

import re

import yaml

from cardlint.card import Card
from cardlint.rules.base import TextEdit

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def delete_item(card: Card, mapping: yaml.MappingNode, key_node: yaml.Node) -> TextEdit:
    """An edit that removes one key and its value from ``mapping``, block or flow style."""
    items = mapping.value
    index = next(i for i, (k, _) in enumerate(items) if k is key_node)
    key_start = card.node_offsets(key_node)[0]
    value_end = card.node_offsets(items[index][1])[1]
    if mapping.flow_style:
        if index > 0:
            return TextEdit(card.node_offsets(items[index - 1][1])[1], value_end, "")
        if len(items) > 1:
            return TextEdit(key_start, card.node_offsets(items[1][0])[0], "")
        return TextEdit(key_start, value_end, "")
    line_start = card.line_start(key_start)
    if card.text[line_start:key_start].strip():
        line_start = key_start  # the key shares its line with something else (e.g. "- unit: kg")
    block_end = card.block_end or len(card.text)
    if value_end > line_start and card.line_start(value_end) == value_end and value_end <= block_end:
        return TextEdit(line_start, value_end, "")  # a nested value already ends at a line start
    following = _LINE_BREAK.search(card.text, value_end)
    if following is not None and following.end() <= block_end:
        return TextEdit(line_start, following.end(), "")
    # the last line of the block: take the line break before it instead of the closing one
    start = line_start - _break_width(card.text, line_start) if line_start > (card.block_start or 0) else line_start
    return TextEdit(start, block_end if following is None else min(following.start(), block_end), "")


def _break_width(text: str, line_start: int) -> int:
    """Width of the line break that ends just before ``line_start`` (2 for CRLF)."""
    return 2 if text[max(0, line_start - 2) : line_start] == "\r\n" else 1
