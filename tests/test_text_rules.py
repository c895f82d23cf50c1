"""CO2108 on the real cards whose authors later corrected kilograms to grams."""

from __future__ import annotations

import pytest

from cardlint.linter import lint_path
from cardlint.settings import Settings
from support import CORPUS_CARDS, needs_corpus

# From the corpus MANIFEST: earlier versions with kilograms pasted into the grams field ...
KILOGRAMS_AS_GRAMS = ["013", "014", "015", "016", "017", "018", "030", "031"]
# ... and the later, corrected versions of the same cards (and AutoTrain cards, which print grams).
CORRECTED = ["003", "004", "010", "011", "028", "032", "033", "034", "083"]


@needs_corpus
@pytest.mark.parametrize("number", KILOGRAMS_AS_GRAMS)
def test_fires_on_kilograms_pasted_as_grams(number: str) -> None:
    result = lint_path(CORPUS_CARDS / f"{number}.md", Settings(select=("CO2108",)))
    assert [d.code for d in result.diagnostics] == ["CO2108"]
    assert "kilograms written as grams" in result.diagnostics[0].message


@needs_corpus
@pytest.mark.parametrize("number", CORRECTED)
def test_silent_on_corrected_cards(number: str) -> None:
    assert lint_path(CORPUS_CARDS / f"{number}.md", Settings(select=("CO2108",))).diagnostics == ()


@needs_corpus
def test_the_cheap_prefilter_never_hides_a_statement() -> None:
    from cardlint.card import parse_card
    from cardlint.mentions import MENTIONS
    from cardlint.text_amounts import find_text_emissions

    for path in sorted(CORPUS_CARDS.glob("*.md")):
        body = parse_card(path.read_text(encoding="utf-8-sig")).body
        if find_text_emissions(body, include_other_units=True):
            assert MENTIONS.search(body), path.name
