"""Amounts of CO2eq: parsing a figure with its unit, and finding the figures a card's text states."""

from typing import TYPE_CHECKING

from cardlint.speedups.exports import lazy_exports

if TYPE_CHECKING:
    from .parse import parse_amount as parse_amount
    from .text import find_text_emissions as find_text_emissions

__getattr__ = lazy_exports(__name__, {"parse_amount": "parse", "find_text_emissions": "text"})
