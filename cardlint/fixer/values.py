"""The values that fixes announce: where they are in the metadata, and whether a card holds them."""

from decimal import Decimal
from typing import Any, NamedTuple

from cardlint.amounts.numbers import is_number
from cardlint.diagnostics import Fix, Removed, Target
from cardlint.reading.card import same_data


def targets(fix: Fix) -> tuple[Target, ...]:
    """The values a fix says it sets."""
    return fix.sets  # type: ignore[return-value]


class Absent(NamedTuple):
    """No value at a key path."""


def lookup(metadata: Any, path: tuple[Any, ...]) -> Any:
    """The value at a key path (keys, and indexes in lists), or Absent()."""
    value = metadata
    for key in path:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            value = value[key]
        else:
            return Absent()
    return value


def same_value(announced: Any, actual: Any) -> bool:
    """Whether ``actual`` is what a fix announced: the same number, string or structure; absent for REMOVED."""
    if isinstance(announced, Removed):
        return isinstance(actual, Absent)
    if isinstance(announced, Decimal):
        if not is_number(actual):
            return False
        return Decimal(repr(actual) if isinstance(actual, float) else actual) == announced
    return same_data(announced, actual)


def moves(fix: Fix, path: tuple[Any, ...], value: Any) -> bool:
    """Whether ``fix`` removes the key at ``path`` and sets another to ``value``: a rename, which
    keeps the value where it goes."""
    return any(t.path == path and isinstance(t.value, Removed) for t in fix.sets) and any(
        t.path != path and same_value(t.value, value) for t in fix.sets
    )


def shown(value: Any) -> str:
    """A value as messages show it."""
    if isinstance(value, Removed):
        return "removed"
    if isinstance(value, Absent):
        return "nothing"
    if isinstance(value, Decimal):
        return format(value, "f")
    if type(value) is int and value.bit_length() > 1000:
        return f"an integer of about {value.bit_length() * 3 // 10} digits"
    try:
        return repr(value)
    except ValueError:  # a list or mapping holding an integer past Python's 4,300 digits
        return f"a {type(value).__name__} holding an integer too long to show"


def dotted(path: tuple[Any, ...]) -> str:
    """A key path as messages show it: ``co2_eq_emissions.emissions``."""
    return ".".join(str(key) for key in path) or "(the metadata)"
