"""Emissions amounts stated in a card's Markdown body, located in the README."""

from typing import TYPE_CHECKING

from cardlint.amounts.mentions import has_mentions
from cardlint.reading.card import Card
from cardlint.rules._helpers import plain_grams

if TYPE_CHECKING:
    from cardlint.amounts.text import TextAmount


def stated_totals(card: Card) -> "list[TextAmount]":
    """The body's emissions statements that give a whole figure (not a part of a breakdown)."""
    body = card.body
    if not has_mentions(body):
        return []  # no word an emissions statement needs: spare the Markdown scan and its import
    from cardlint.amounts.text import find_text_emissions

    return [
        t
        for t in find_text_emissions(body)
        if t.role in ("total", "single")
        and t.amount.is_emissions
        and plain_grams(t.amount, None) is not None
    ]


def offset_in_readme(card: Card, statement: "TextAmount") -> int:
    return card.body_start + statement.value_start
