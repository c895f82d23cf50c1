"""A package's public names, imported from its modules only when first used (PEP 562).

A package ``__init__`` that imported its modules eagerly would load them (and their data) for
every command; a local check loads only what it reaches.
"""

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(package: str, modules: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that takes each name in ``modules`` from the module it maps to."""

    def __getattr__(name: str) -> object:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
