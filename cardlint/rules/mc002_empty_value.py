"""MC002 empty-value."""

import re
from collections.abc import Iterator
from typing import Any

import yaml

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Edit, Fix, Target
from cardlint.metadata.fields import fields_for, is_empty
from cardlint.rules.base import FixAvailability, LintContext, Rule

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

DOC = """\
## What it does
Flags a documented top-level field whose value is empty: null (`license:` with nothing after
it, `~`), a blank string, an empty list or mapping; and a list that holds null
(`datasets: [null]`, or a `-` with nothing after it).

On a dataset card only the fields it shares with a model card are checked (`license`,
`language`, `tags`...); a Space's card is not checked. `co2_eq_emissions` is left to CO2004.

## Why is this bad?
The Hub rejects a list that holds null (`datasets: [null]`, transformers#13528), and reads an
empty field as no value at all: a card with `license:` has no license. Severity: error.

## Example
```yaml
license:
datasets:
- imdb
-
```

Use instead:
```yaml
datasets:
- imdb
```

## Fix safety
Removing the empty key, or the null items of a list, is safe: the Hub reads nothing from them.
A key written twice, and a value with an anchor, a tag or shared through an alias, are left to
be fixed by hand.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata:
        return
    fields = fields_for(ctx.repo_type)
    for key, value in metadata.items():
        field = fields.get(key) if isinstance(key, str) else None
        if field is None or field.owner is not None:
            continue
        if is_empty(value):
            if key == "license_name" and "license_details" in metadata and ctx.repo_type == "model":
                continue  # MC104 moves license_details' value there
            yield from _empty(ctx, key, value)
        elif isinstance(value, list) and None in value:
            yield from _nulls(ctx, key, value)


def _empty(ctx: LintContext, key: str, value: Any) -> Iterator[Diagnostic]:
    pair = ctx.card.top_level(key)
    if pair is None:
        return
    what = "null" if value is None else "empty"
    message = f"{key} is {what}: the Hub reads no value from it; give one, or remove the key"
    fix, by_hand = _remove_key(ctx, key, pair[0])
    yield RULE.at_node(ctx, pair[1] if value is not None else pair[0], message + by_hand, fix)


def _nulls(ctx: LintContext, key: str, value: list[Any]) -> Iterator[Diagnostic]:
    pair = ctx.card.top_level(key)
    if pair is None or not isinstance(pair[1], yaml.SequenceNode):
        return
    nulls = [i for i, item in enumerate(value) if item is None]
    kept = [item for item in value if item is not None]
    if not kept:
        fix, by_hand = _remove_key(ctx, key, pair[0])
    else:
        fix, by_hand = _remove_items(ctx, key, pair[1], nulls, kept)
    for number, index in enumerate(nulls):
        message = (
            f"{key}[{index}] is null: the Hub rejects a list that holds null; remove the item"
            + ("" if kept else " (the list holds nothing else: remove the key)")
        )
        if number == 0:
            yield RULE.at_node(ctx, pair[1].value[index], message + by_hand, fix)
        else:
            yield RULE.at_node(ctx, pair[1].value[index], message)


def _remove_key(ctx: LintContext, key: str, key_node: yaml.Node) -> tuple[Fix | None, str]:
    """A safe fix removing ``key``, or why it must be removed by hand."""
    from cardlint.reading.edits import delete_items, hand_edit_reason

    card = ctx.card
    if sum(k.value == key for k, _ in card.mapping_items() if isinstance(k, yaml.ScalarNode)) > 1:
        return None, " (fix it by hand: the key is written twice)"
    pair = card.top_level(key)
    reason = hand_edit_reason(card, key_node) or (pair and hand_edit_reason(card, pair[1]))
    if reason is not None:
        return None, f" (fix it by hand: {reason})"
    edits = delete_items(card, card.root, [key_node])  # type: ignore[arg-type]
    if edits is None:
        return None, ""
    return Fix(Applicability.SAFE, f"Remove '{key}'", edits, (Target((key,), REMOVED),)), ""


def _remove_items(
    ctx: LintContext, key: str, node: yaml.SequenceNode, nulls: list[int], kept: list[Any]
) -> tuple[Fix | None, str]:
    """A safe fix removing the null items of a list, or why they must be removed by hand."""
    from cardlint.reading.edits import hand_edit_reason

    card = ctx.card
    reason = hand_edit_reason(card, node)
    if reason is not None:
        return None, f" (fix it by hand: {reason})"
    edits = []
    for index in nulls:
        edit = _delete_item(ctx, node, index)
        if edit is None:
            return None, " (fix it by hand: the null item shares its line with other text)"
        edits.append(edit)
    if any(a.end > b.start for a, b in zip(edits, edits[1:])):
        return None, " (fix it by hand: the null items are neighbours in a flow list)"
    word = "item" if len(nulls) == 1 else "items"
    sets = (Target((key,), kept),)
    return Fix(Applicability.SAFE, f"Remove the null {word} of '{key}'", tuple(edits), sets), ""


def _delete_item(ctx: LintContext, node: yaml.SequenceNode, index: int) -> Edit | None:
    """An edit removing item ``index`` of a list with other items: its comma in a flow list,
    its line in a block list; None when the item shares its line with other text."""
    card, items = ctx.card, node.value
    start, end = card.node_offsets(items[index])
    if node.flow_style:
        if index > 0:
            return Edit(card.node_offsets(items[index - 1])[1], end, "")
        return Edit(start, card.node_offsets(items[1])[0], "")
    line = card.line_start(start)
    following = _LINE_BREAK.search(card.text, end)
    stop = len(card.text) if following is None else following.end()
    if card.text[line:stop].strip() not in ("-", "- null", "- ~", "- Null", "- NULL"):
        return None
    return Edit(line, stop, "")


RULE = Rule(
    code="MC002",
    name="empty-value",
    severity="error",
    summary="A documented field that is empty, or a list that holds null",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE}),
    doc=DOC,
    check=check,
)
