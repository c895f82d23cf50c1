"""CO2108 on the real cards whose authors later corrected kilograms to grams."""

from __future__ import annotations

import pytest
from support import CORPUS_CARDS, needs_corpus

from cardlint.linter import lint_path
from cardlint.settings import Settings

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
    from cardlint.amounts.mentions import MENTIONS
    from cardlint.amounts.text import find_text_emissions
    from cardlint.reading.card import parse_card

    for path in sorted(CORPUS_CARDS.glob("*.md")):
        body = parse_card(path.read_text(encoding="utf-8-sig")).body
        if find_text_emissions(body, include_other_units=True):
            assert MENTIONS.search(body), path.name


def _card(emissions: str, body: str) -> str:
    return f"---\nco2_eq_emissions:\n  emissions: {emissions}\n---\n{body}\n"


def _codes(text: str, select: tuple[str, ...]) -> list[str]:
    from cardlint.linter import lint_card
    from cardlint.reading.card import parse_card

    return [d.code for d in lint_card(parse_card(text), Settings(select=select))]


# (metadata grams, body, whether CO2108 fires): figures in inline code are read; fences are not
INLINE_CODE = [
    ("0.0019166161214843", "* **Estimated CO2 Emissions:** `0.001917 kg CO2eq`", True),
    ("1.9166161214843", "* **Estimated CO2 Emissions:** `0.001917 kg CO2eq`", False),
    ("0.0019166161214843", "* **Estimated CO2 Emissions:** ``0.001917 kg CO2eq``", True),
    ("1.917", "Training emitted `0.001917 kgCO2eq` in total.", False),
    ("1917", "Training emitted `0.001917 kgCO2eq` in total.", True),
    ("1.917", "- Emissions: `1.917 g`", False),
    ("1.917", "Set `emissions: 0.001917 kg` in the metadata.", False),  # syntax, not a figure
    ("1.917", "```\nEmissions: 0.001917 kg CO2eq\n```", False),  # a code fence
    ("1.917", "~~~\nCO2 emitted: 5 kg\n~~~", False),
]


@pytest.mark.parametrize(("grams", "body", "fires"), INLINE_CODE)
def test_figures_in_inline_code_are_read(grams: str, body: str, fires: bool) -> None:
    assert _codes(_card(grams, body), ("CO2108",)) == (["CO2108"] if fires else [])


def test_a_figure_in_inline_code_alone_is_co2109() -> None:
    text = "---\nlicense: mit\n---\n* **Estimated CO2 Emissions:** `0.001917 kg CO2eq`\n"
    assert _codes(text, ("CO2109",)) == ["CO2109"]


# (metadata grams, text, agrees): the metadata printed at the text's precision, rounded or
# truncated, could read as the text
ROUNDING = [
    ("25460", "- **Emissions:** 25.4 KgCO2", True),  # truncated
    ("25460", "- **Emissions:** 25.5 KgCO2", True),  # rounded
    ("25449", "- **Emissions:** 25.4 KgCO2", True),
    ("25350", "- **Emissions:** 25.4 KgCO2", True),  # rounded up to 25.4
    ("25349", "- **Emissions:** 25.4 KgCO2", False),
    ("25510", "- **Emissions:** 25.4 KgCO2", False),  # neither truncates nor rounds to 25.4
    ("25600", "- **Emissions:** 25.4 KgCO2", False),
    ("1719", "- Emissions: 1.71 KgCO2", True),
    ("1721", "- Emissions: 1.71 KgCO2", False),
    ("25.4", "- **Emissions:** 25.4 KgCO2", False),  # kilograms written as grams
    ("0.128", "- CO2 emitted: 0.000 kg", True),
    ("24690", "- Emissions: 24,690 kg", True),  # the decimal-comma reading, 24.690 kg
    ("24690000", "- Emissions: 24,690 kg", True),  # the thousands reading
    ("2469000", "- Emissions: 24,690 kg", False),
    # the text's trailing zeros are printed digits; the metadata's are not imprecision
    ("1000", "- Emissions: 2 kg", False),
    ("60000", "- Emissions: 100 kg", False),
    ("14000", "- Emissions: 10 kg", False),
    ("501000", "- Emissions: 1000 kg", False),
    ("1000000", "- Emissions: 1000 kg", True),
    ("1000999", "- Emissions: 1000 kg", True),  # truncated
    ("999500", "- Emissions: 1000 kg", True),  # rounded
    ("999499", "- Emissions: 1000 kg", False),
    ("100400", "- Emissions: 100 kg", True),
    ("960000", "- **Emissions:** 962 KgCO2", False),
    ("962000", "- **Emissions:** 962 KgCO2", True),
    ("2000", "- Emissions: 2 kg", True),
    ("2900", "- Emissions: 2 kg", True),  # truncated
    ("3000", "- Emissions: 2 kg", False),
    (
        "1500000",
        "- Emissions: 1.5e3 kg",
        True,
    ),  # an exponent: its last printed digit is hundreds of kg
    ("1700", "- Emissions: 1.71 KgCO2", False),  # 1700 printed at the text's precision is 1.70
    ("25400", "- **Emissions:** 25.4 t", False),
    ("25300", "- **Emissions:** 25.4 KgCO2", False),
    # a dot before three digits may be a dot for thousands
    ("1234", "- Emissions: 1.234 kg", True),
    ("1234000", "- Emissions: 1.234 kg", True),
    ("123400", "- Emissions: 1.234 kg", False),
    ("554", "- Emissions: 0.554 kg", True),
    ("554000", "- Emissions: 0.554 kg", False),  # a leading 0: only a decimal point
]


@pytest.mark.parametrize(("grams", "body", "agrees"), ROUNDING)
def test_rounding_in_the_text_is_not_disagreement(grams: str, body: str, agrees: bool) -> None:
    assert _codes(_card(grams, body), ("CO2108",)) == ([] if agrees else ["CO2108"])
