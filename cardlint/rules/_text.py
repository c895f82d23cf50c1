"""Emissions amounts stated in a card's Markdown body, located in the README."""

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from cardlint.amounts.mentions import has_mentions
from cardlint.reading.card import Card
from cardlint.rules._helpers import plain_grams

if TYPE_CHECKING:
    from cardlint.amounts.text import TextAmount


# worked out once per card: CO2105 and CO2108 both read them, and the scan is a rule's largest cost
_TOTALS: "WeakKeyDictionary[Card, tuple[TextAmount, ...]]" = WeakKeyDictionary()


def stated_totals(card: Card) -> "tuple[TextAmount, ...]":
    """The body's emissions statements that give a whole figure (not a part of a breakdown)."""
    found = _TOTALS.get(card)
    if found is None:
        found = _TOTALS[card] = _stated_totals(card.body)
    return found


def _stated_totals(body: str) -> "tuple[TextAmount, ...]":
    if not has_mentions(body):
        return ()  # no word an emissions statement needs: spare the Markdown scan and its import
    from cardlint.amounts.text import find_text_emissions

    return tuple(
        t
        for t in find_text_emissions(body)
        if t.role in ("total", "single")
        and t.amount.is_emissions
        and plain_grams(t.amount, None) is not None
    )


def offset_in_readme(card: Card, statement: "TextAmount") -> int:
    return card.body_start + statement.value_start
