"""PyYAML's tags for plain scalars, remembered per text.

Composing a document, PyYAML (its C loader too) asks the Python resolver for the tag of every
scalar, ``Resolver.resolve``: a lookup by first character, a list built, regular expressions
tried. It also calls ``descend_resolver`` and ``ascend_resolver`` around every node, which do
nothing for a loader without path resolvers (SafeLoader has none). Metadata repeats the same
short texts (keys, ``en``, ``accuracy``, ``true``) within a card and across cards, and a plain
scalar's tag depends on its text alone, so the loader built here remembers it, and answers the
two calls with C functions that return at once: composing the benchmark's 1,000 generated cards
takes 20 to 25 % less time, a twentieth of what ``cardlint check`` spends on them.
"""

import operator
from typing import Any, TypeVar

from yaml.nodes import ScalarNode

Loader = TypeVar("Loader", bound=type)

# Texts longer than this are rarely repeated; the memory is bounded by clearing it when full.
LONGEST_REMEMBERED = 64
MOST_REMEMBERED = 20_000


def remembering(loader_class: Loader) -> Loader:
    """A subclass of ``loader_class`` that composes the same nodes, with each plain scalar's tag
    resolved once per text (for a loader without path resolvers; others are returned as they are)."""
    if loader_class.yaml_path_resolvers:  # type: ignore[attr-defined]
        return loader_class
    resolve = loader_class.resolve  # type: ignore[attr-defined]
    tags: dict[str, str] = {}

    def remembered_resolve(self: Any, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:  # a plain scalar: its tag depends on its text
            tag = tags.get(value)
            if tag is None:
                tag = resolve(self, kind, value, implicit)
                if len(value) <= LONGEST_REMEMBERED:
                    if len(tags) >= MOST_REMEMBERED:
                        tags.clear()
                    tags[value] = tag
            return tag
        return resolve(self, kind, value, implicit)  # type: ignore[no-any-return]

    namespace = {
        "resolve": remembered_resolve,
        # called with (node, index) and () around every node: C functions that return at once
        "descend_resolver": staticmethod(operator.is_),
        "ascend_resolver": staticmethod(tuple),
    }
    return type(f"Remembering{loader_class.__name__}", (loader_class,), namespace)  # type: ignore[return-value]
