"""Hardware: the catalogue of devices with their rated power (catalogue), and the parser of what
cards write (parse), both reading text through the same tokens (tokens)."""

from typing import TYPE_CHECKING

from cardlint.speedups.exports import lazy_exports

if TYPE_CHECKING:
    from .parse import format_hardware as format_hardware
    from .parse import parse_hardware as parse_hardware

__getattr__ = lazy_exports(__name__, dict.fromkeys(("parse_hardware", "format_hardware"), "parse"))
