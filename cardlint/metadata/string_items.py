"""The strings of a top-level field the Hub takes as one string or a list of strings (`license`,
`language`), each with its path and node, and the fix that rewrites one (shared by MC101 and
MC201)."""

from collections.abc import Iterator
from typing import NamedTuple

import yaml

from cardlint.diagnostics import Evidence, Fix, Target
from cardlint.metadata.paths import PathPart, path_text
from cardlint.reading.edits import hand_edit_reason, plain_or_quoted
from cardlint.rules.base import LintContext


class Item(NamedTuple):
    """One string of the field: its path (``("language", 1)``), its node and its value."""

    path: tuple[PathPart, ...]
    node: yaml.Node
    value: str

    @property
    def name(self) -> str:
        """The path in the Hub's notation: ``language[1]``."""
        return path_text(self.path)


def string_items(ctx: LintContext, key: str) -> Iterator[Item]:
    """The field's strings, as huggingface_hub reads them: the value itself, or each string of a
    list (other values are MC002's and MC003's to report)."""
    pair = ctx.card.top_level(key)
    metadata = ctx.card.metadata
    if pair is None or metadata is None:
        return
    value, node = metadata.get(key), pair[1]
    if isinstance(value, str) and isinstance(node, yaml.ScalarNode):
        yield Item((key,), node, value)
    elif isinstance(value, list) and isinstance(node, yaml.SequenceNode):
        for index, (item, child) in enumerate(zip(value, node.value, strict=False)):
            if isinstance(item, str) and isinstance(child, yaml.ScalarNode):
                yield Item((key, index), child, item)


def rewrite(ctx: LintContext, item: Item, value: str, safe: bool) -> tuple[Fix | None, str]:
    """A fix that writes ``value`` in place of the item, and what the message adds: nothing, or
    why the value must be fixed by hand."""
    return write_value(ctx, item.node, item.path, value, safe, f"Write '{value}' as {item.name}")


def write_value(
    ctx: LintContext,
    node: yaml.Node,
    path: tuple[PathPart, ...],
    value: str,
    safe: bool,
    message: str,
) -> tuple[Fix | None, str]:
    """A fix that writes the string ``value`` in place of the scalar ``node`` at ``path``, and
    what the finding's message adds: nothing, or why the value must be fixed by hand."""
    reason = hand_edit_reason(ctx.card, node)
    if reason is not None:
        return None, f"; fix it by hand: {reason}"
    evidence = Evidence.FORM if safe else Evidence.ESTIMATE
    sets = (Target(path, value, evidence),)
    return ctx.replace_node(node, plain_or_quoted(value), message, safe, sets), ""
