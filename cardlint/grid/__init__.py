"""Places: the grid carbon-intensity data and the resolver from a card's location to a grid region."""

from typing import TYPE_CHECKING

from cardlint.speedups.exports import lazy_exports

if TYPE_CHECKING:
    from .resolver import format_resolution as format_resolution
    from .resolver import resolution_to_dict as resolution_to_dict
    from .resolver import resolve as resolve
    from .resolver import resolve_log_region as resolve_log_region

__getattr__ = lazy_exports(
    __name__,
    dict.fromkeys(
        ("resolve", "resolve_log_region", "format_resolution", "resolution_to_dict"), "resolver"
    ),
)
