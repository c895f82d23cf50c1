"""Verification of a fixed card against what its fixes announced: anything else is refused."""

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from cardlint.diagnostics import Edit, Fix
from cardlint.fixer.values import dotted, lookup, same_value, shown, targets
from cardlint.reading.card import Card, same_data


class FixRefused(Exception):
    """The fixed text failed verification; nothing is written."""


def verify(before: Card, after: Card, fixes: Sequence[Fix]) -> None:
    """The fixed card must parse and keep its body; every value a fix set must read as the fix
    announced, and every other key (at any depth) must keep its value."""
    if before.problem is None and after.problem is not None:
        raise FixRefused(f"the fixed metadata would not parse ({after.problem.message})")
    if before.has_block and after.body != before.body:
        raise FixRefused("a fix would have changed the Markdown body")
    if before.metadata is None or after.metadata is None:
        return
    repeated = [] if after.keys_distinct else after.duplicate_keys()
    if repeated and len(repeated) > len(before.duplicate_keys()):
        key = repeated[-1][1].value
        raise FixRefused(f"a fix would have written the key '{key}' twice in one mapping")
    announced = [target for fix in fixes for target in targets(fix)]
    undeclared = [fix for fix in fixes if not fix.sets]
    loose = _touched_keys(before, [edit for fix in undeclared for edit in fix.edits])
    for target in announced:
        actual = lookup(after.metadata, target.path)
        if target.path[:1] in loose:
            continue  # a fix that does not say what it sets (a key renamed) may have moved it
        if not same_value(target.value, actual):
            raise FixRefused(
                f"a fix meant '{dotted(target.path)}' to be {shown(target.value)}, but the fixed card would hold {shown(actual)}"
            )
    covered = {target.path for target in announced} | set(loose)
    # a fix that does not say what it sets may add keys (a block from the text or a log)
    if undeclared:
        covered |= {(key,) for key in after.metadata if key not in before.metadata}
    old, new = _leaves(before.metadata), _leaves(after.metadata)
    for path in list(old) + [path for path in new if path not in old]:
        if path in old and path in new and same_data(old[path], new[path]):
            continue
        # it, or a key around it
        if any(path[:length] in covered for length in range(len(path) + 1)):
            continue
        raise FixRefused(f"a fix would have changed '{dotted(path)}', which no fix meant to touch")


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    """Every value at every key path (a mapping or a list is recorded as its kind)."""
    found: dict[tuple[Any, ...], Any] = {}
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            found[where] = "<mapping>"
            stack += [(where + (key,), child) for key, child in item.items()]
        elif isinstance(item, list):
            found[where] = f"<list of {len(item)}>"
            stack += [(where + (index,), child) for index, child in enumerate(item)]
        else:
            found[where] = item
    return found


def _touched_keys(card: Card, edits: list[Edit]) -> list[tuple[Any, ...]]:
    """The top-level keys whose text an edit touches (for fixes that do not say what they set)."""
    ordered = sorted((edit.start, edit.end) for edit in edits)
    starts = [start for start, _ in ordered]
    reach = list(accumulate((end for _, end in ordered), max))  # the furthest end so far
    touched = []
    for key_node, value_node in card.mapping_items():
        start = card.node_offsets(key_node)[0]
        end = card.node_offsets(value_node)[1]
        # the edits that start before this item ends, or at its end
        before = bisect_right(starts, end)
        if before and reach[before - 1] >= start:
            touched.append((key_node.value,))
    return touched
