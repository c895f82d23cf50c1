"""Emissions statements in Markdown bodies: layouts, traps, and the real corpus."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cardlint.amounts import text as text_amounts
from cardlint.amounts.mentions import MENTIONS, has_mentions, mention_offsets
from cardlint.amounts.parse import agrees
from cardlint.amounts.text import TextAmount, find_text_emissions

CARDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "cards"


def _grams(found: list[TextAmount]) -> list[Decimal | None]:
    return [statement.amount.grams for statement in found]


# markdown, the amounts as written (value spans), grams, roles
LAYOUTS: list[tuple[str, list[str], list[str], list[str]]] = [
    ("- **Emissions:** 2.5 KgCO2 (Norway)\n", ["2.5 KgCO2"], ["2500"], ["single"]),
    ("* **Carbon Emitted:** 12.3 kg eq. CO2\n", ["12.3 kg eq. CO2"], ["12300"], ["single"]),
    ("**Carbon Emitted:** 7 g CO2eq\n", ["7 g CO2eq"], ["7"], ["single"]),
    ("- Carbon emission: 0.25 Kg\n", ["0.25 Kg"], ["250"], ["single"]),
    ("- Carbon emission 0.25 Kg\n", ["0.25 Kg"], ["250"], ["single"]),
    (
        "- **Carbon Emitted (Power consumption x Time x Carbon produced based on location of power grid):** "
        "640 kg CO2 eq.\n",
        ["640 kg CO2 eq."],
        ["640000"],
        ["single"],
    ),
    (
        "- **Carbon Emitted** *(Power consumption x Time x Carbon produced based on location of power grid)*: "
        "3.5 kg eq. CO2\n",
        ["3.5 kg eq. CO2"],
        ["3500"],
        ["single"],
    ),
    ("- Problem type: Regression\n- CO2 Emissions (in grams): 4.2\n", ["4.2"], ["4.2"], ["single"]),
    ("- CO2 Emissions (in grams): 0.0001234\n", ["0.0001234"], ["0.0001234"], ["single"]),
    (
        "## CO2 Emissions\n\nThe fine-tuning run emitted 0.42 KgCO2 in Oregon.\n",
        ["0.42 KgCO2"],
        ["420"],
        ["single"],
    ),
    (
        "We estimate total emissions of 880 tCO2eq for pre-training.\n",
        ["880 tCO2eq"],
        ["880000000"],
        ["total"],
    ),
    ("The footprint was 3.1 g CO2e.\n", ["3.1 g CO2e"], ["3.1"], ["single"]),
    ("It used 12 kWh and weighed 3 kg.\n", [], [], []),
    (
        "- Emissions: 10,5 kg Co2\n    - Preprocessing: 0,5 kg Co2\n    - Training: 10 kg Co2\n",
        ["10,5 kg Co2", "0,5 kg Co2", "10 kg Co2"],
        ["10500", "500", "10000"],
        ["total", "part", "part"],
    ),
    (
        "- CO2 emissions:\n    - Emissions: 321 g\n    - Power consumption: 1.2 kWh\n",
        ["321 g"],
        ["321"],
        ["single"],
    ),
    (
        "- **Training:**\n    - **Emissions**: 0.5 tons of CO2 in total\n"
        "- **Inference**:\n    - **Emissions**: 0.001 tons of CO2\n",
        ["0.5 tons of CO2", "0.001 tons of CO2"],
        ["500000", "1000"],
        ["total", "other"],
    ),
    (
        "**co2_eq_emissions**:\n\t**emissions**: 0.0021 ([CO2eq], in kg)\n",
        ["0.0021 ([CO2eq], in kg)"],
        ["2.1"],
        ["single"],
    ),
    (
        "| Model | Hours | Carbon Emitted(tCO<sub>2</sub>eq) |\n|---|---|---|\n"
        "| small | 10 | 1.5 |\n| large | 90 | 13.5 |\n| Total | 100 | 15.0 |\n",
        ["1.5", "13.5", "15.0"],
        ["1500000", "13500000", "15000000"],
        ["part", "part", "total"],
    ),
    (
        "| Step | Energy (kWh) | Emissions (KgCO2eq) |\n|:--|--:|--:|\n| 1B | 2.0 | 0.7 |\n",
        ["0.7"],
        ["700"],
        ["single"],
    ),
    (
        "| Metric | Value |\n|---|---|\n| Carbon footprint | 9.9 g CO₂eq |\n| Evaluation CO₂ | 0.2 g CO₂eq |\n"
        "| Carbon intensity used | 120 gCO₂eq/kWh |\n| Latency | 12 ms |\n",
        ["9.9 g CO₂eq", "0.2 g CO₂eq"],
        ["9.9", "0.2"],
        ["single", "other"],
    ),
    (
        "| question | answer |\n|---|---|\n| How much CO2eq was emitted to train the final model? | 1,250 kg |\n"
        "| What was the energy mix? | 300 gCO2eq/kWh |\n"
        "| What is the average CO2eq emission for the inference of one sample? | 0.3 mg |\n",
        ["1,250 kg", "0.3 mg"],
        ["1250000", "0.0003"],
        ["single", "other"],
    ),
    (
        "<table>\n<tr><td></td><td><strong>Carbon Emitted(tCO2eq)</strong></td></tr>\n"
        "<tr><td>Base</td><td>\n  40\n</td></tr>\n<tr><td>Total</td><td>40</td></tr>\n</table>\n",
        ["40", "40"],
        ["40000000", "40000000"],
        ["part", "total"],
    ),
    ("Carbon emitted: 4 200 kg\n", [], [], []),  # a space is no thousands separator: no amount read
    ("- **Carbon Emitted**: 0.000 kg of CO2\n", ["0.000 kg of CO2"], ["0"], ["single"]),
    ("- Emissions: 2.04\n", [], [], []),  # no unit anywhere: not a stated amount
    # sections: only those with an emissions word are read, and a heading ends the list ancestry
    (
        "## Training\n\n- Inference (per request):\n\n## Impact\n\n- CO2 emitted: 5 g\n",
        ["5 g"],
        ["5"],
        ["single"],
    ),
    ("- Inference (per request):\n  - CO2 emitted: 5 g\n", ["5 g"], ["5"], ["other"]),
    (
        "- CO2 emissions:\n  - Training: 3 g\n  - Tuning: 2 g\n\n# Next\n\n- Tuning: 9 g\n",
        ["3 g", "2 g"],
        ["3", "2"],
        ["single", "single"],
    ),
    (
        "# run | CO2 (g)\n---|---\nA | 7\n",
        ["7"],
        ["7"],
        ["single"],
    ),  # a table's header, not a heading
    ("# Intro\r## Carbon\r\rEmitted 8 g CO2.\r", ["8 g CO2"], ["8"], ["single"]),  # CR-only lines
    ("## Méthode\n\nLe carbone émis : 6 g CO₂.\n", ["6 g CO₂"], ["6"], ["single"]),  # not ASCII
    ("## EMISSIONS\n\n- TOTAL CARBON: 3 KG\n", ["3 KG"], ["3000"], ["total"]),
]


@pytest.mark.parametrize(("markdown", "written", "grams", "roles"), LAYOUTS)
def test_layouts(markdown: str, written: list[str], grams: list[str], roles: list[str]) -> None:
    found = find_text_emissions(markdown)
    assert [markdown[s.value_start : s.value_end] for s in found] == written
    assert _grams(found) == [Decimal(g) for g in grams]
    assert [s.role for s in found] == roles
    for statement in found:
        assert statement.start <= statement.value_start < statement.value_end == statement.end


def test_fields_of_a_statement() -> None:
    text = "# Card\n\n- **GPU:** 1 NVIDIA A100\n- **Emissions:** 1.23 KgCO2 (Germany)\n"
    (found,) = find_text_emissions(text)
    assert found.label == "Emissions"
    assert found.unit_source == "text" and found.row is None
    assert text[found.start : found.end] == "**Emissions:** 1.23 KgCO2"
    assert found.amount.unit == "kg" and found.amount.decimals == 2
    grams = found.amount.grams
    assert grams is not None and agrees(grams, found.amount, Decimal(1230))
    assert not agrees(grams, found.amount, Decimal("1.23"))


def test_unit_from_label() -> None:
    (found,) = find_text_emissions("- CO2 Emissions (in grams): 12.5\n")
    assert found.unit_source == "label"
    assert found.amount.unit == "g"
    assert found.label == "CO2 Emissions (in grams)"


def test_table_row_labels() -> None:
    text = "| | Carbon Emitted (kgCO2eq) |\n|---|---|\n| Run A | 2 |\n| Total | 2 |\n"
    found = find_text_emissions(text)
    assert [(s.row, s.unit_source) for s in found] == [("Run A", "label"), ("Total", "label")]


TRAPS = [
    "```\n- **Emissions:** 1.5 KgCO2\n```\n",
    "~~~yaml\nco2_eq_emissions:\n  emissions: 1.2 kg\n~~~\n",
    "````\n```\nCarbon Emitted: 3 kg\n```\n````\n",
    "```bibtex\nemissions: 0.5 kg CO2\n",  # an unclosed fence runs to the end
    "Set `emissions: 12 kg` in the metadata.\n",
    "<!-- Total emissions (in grams of CO2eq): 5 kg -->\n",
    "<!-- an unclosed comment\n- Emissions: 4 kg\n",
    "- **Carbon Emitted:** [More Information Needed]\n",
    '- **Carbon Emitted:** {{ co2_emitted | default("[More Information Needed]", true)}}\n',
    "- **Carbon Emitted:** {{ co2 }}\n",
    "- **Carbon Emitted:** More information needed\n",
    "- **Carbon Emitted:** 0.000618 kWh\n",
    "- **Total Energy Consumption:** 3.51 kWh\n",
    "- Carbon intensity: 57 gCO2eq/kWh\n",
    "- Emissions source: code carbon 2.2\n",
    "- GPU memory: 640GB per node\n",
    "Pretraining used 3.3M GPU hours (TDP of 700W).\n",
    "- CO2 emissions: 0.00333\n",
    "See [mlco2](https://mlco2.github.io/impact#compute) and arXiv 1910.09700.\n",
    "---\nco2_eq_emissions:\n  emissions: 1.2g CO2\n---\n# Model\n",
]


@pytest.mark.parametrize("markdown", TRAPS)
def test_traps(markdown: str) -> None:
    assert find_text_emissions(markdown) == []


def test_energy_in_an_emissions_field_on_request() -> None:
    (found,) = find_text_emissions("- **Carbon Emitted:** 0.000618 kWh\n", include_other_units=True)
    assert (
        found.amount.unit == "kWh" and not found.amount.is_emissions and found.amount.grams is None
    )
    assert (
        find_text_emissions("- **Total Energy Consumption:** 3.51 kWh\n", include_other_units=True)
        == []
    )


def test_comma_decimal_and_thousands() -> None:
    (decimal,) = find_text_emissions("- Emissions: 43,21 kg Co2\n")
    (thousands,) = find_text_emissions("- **Emissions:** 2,345 KgCO2 (Germany)\n")
    assert decimal.amount.grams == Decimal(43210) and not decimal.amount.ambiguous
    assert thousands.amount.grams == Decimal(2345000) and thousands.amount.ambiguous == ","


def test_offsets_with_crlf_and_front_matter() -> None:
    text = "---\r\nlicense: mit\r\n---\r\n\r\n- **Emissions:** 0.7 KgCO2\r\n- CO2 Emissions (in grams): 3\r\n"
    found = find_text_emissions(text)
    assert [text[s.value_start : s.value_end] for s in found] == ["0.7 KgCO2", "3"]


def test_table_with_crlf() -> None:
    text = "| | Carbon Emitted (tCO2eq) |\r\n|---|---|\r\n| Total | 539.00 |\r\n"
    (found,) = find_text_emissions(text)
    assert (text[found.value_start : found.value_end], found.role, found.amount.unit) == (
        "539.00",
        "total",
        "t",
    )


def test_code_outside_fences_is_still_read() -> None:
    text = "```\nx = 1\n```\n\n- Emissions: 9 g\n"
    assert [text[s.value_start : s.value_end] for s in find_text_emissions(text)] == ["9 g"]


@given(
    st.text(
        alphabet=st.sampled_from(list("-*|#`~<>!: \n\t.,0123456789kgtCOemisonE()[]{}")),
        max_size=120,
    )
)
def test_never_crashes(text: str) -> None:
    for statement in find_text_emissions(text, include_other_units=True):
        assert 0 <= statement.start <= statement.value_start < statement.value_end <= len(text)


# --- the real corpus ------------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(
    not CARDS.is_dir(), reason=f"{CARDS} is not present (it lives beside the repo)"
)


def _card(number: str) -> str:
    return (CARDS / f"{number}.md").read_text(encoding="utf-8-sig")


@needs_corpus
def test_whole_corpus_runs() -> None:
    cards = sorted(CARDS.glob("*.md"))
    assert len(cards) > 100
    for path in cards:
        text = path.read_text(encoding="utf-8-sig")
        for statement in find_text_emissions(text, include_other_units=True):
            assert (
                0 <= statement.start <= statement.value_start < statement.value_end <= len(text)
            ), path.name


# Amounts read off the cards by eye: (card, [(written amount, grams, role)]).
CORPUS = [
    ("004", [("1.71 KgCO2", "1710", "single")]),
    ("014", [("1.71 KgCO2", "1710", "single")]),  # the metadata says 1.71 (grams): CO2108's case
    ("021", [("4,475 KgCO2", "4475000", "single")]),
    ("032", [("2.3558", "2.3558", "single")]),  # AutoTrain: unit from "(in grams)"
    (
        "043",
        [
            ("43,24 kg Co2", "43240", "total"),
            ("4,3e-4 kg Co2", "0.43", "part"),
            ("42,17 kg Co2", "42170", "part"),
            ("1,07 kg Co2", "1070", "part"),
        ],
    ),
    ("045", [("0.03898 tons of CO2", "38980", "total"), ("0.0004 tons of CO2", "400", "other")]),
    ("051", [("0.07728 kg of CO2", "77.28", "single")]),
    ("083", [("0.000 kg of CO2", "0", "single")]),
    ("085", [("2.04g CO2e", "2.04", "single")]),
    ("087", []),  # the block sits in a code fence
    ("088", [("0.001477 ([CO₂eq], in kg)", "1.477", "single")]),
    ("095", [("0.43 gCO2e", "0.43", "single")]),
    ("096", [("21701 g", "21701", "single")]),
    ("097", []),  # "Carbon Emitted: 0.000618 kWh" is energy
    ("050", []),  # template placeholders
    (
        "099",
        [
            ("2290 tCO2eq", "2290000000", "total"),
            ("390", "390000000", "part"),
            ("1900", "1900000000", "part"),
            ("2290", "2290000000", "total"),
        ],
    ),
    (
        "100",
        [
            ("539 tCO2eq", "539000000", "total"),
            ("31.22", "31220000", "part"),
            ("62.44", "62440000", "part"),
            ("291.42", "291420000", "part"),
            ("539.00", "539000000", "total"),
        ],
    ),
    ("101", [("11250 kg CO2 eq.", "11250000", "single")]),
    ("105", [("149.2 kg eq. CO2", "149200", "single")]),
    (
        "115",
        [
            ("24,690 kg", "24690000", "single"),
            ("66,290 kg", "66290000", "other"),
            ("0.15 g", "0.15", "other"),
        ],
    ),
    ("117", [("5,521,000 kg", "5521000000", "single")]),
]


@needs_corpus
@pytest.mark.parametrize(("number", "expected"), CORPUS)
def test_named_cards(number: str, expected: list[tuple[str, str, str]]) -> None:
    text = _card(number)
    found = find_text_emissions(text)
    assert [(text[s.value_start : s.value_end], s.amount.grams, s.role) for s in found] == [
        (written, Decimal(grams), role) for written, grams, role in expected
    ]


@needs_corpus
def test_card_097_states_energy_as_emissions() -> None:
    (found,) = find_text_emissions(_card("097"), include_other_units=True)
    assert (found.label, found.amount.unit) == ("Carbon Emitted", "kWh")


@needs_corpus
def test_card_030_checkpoint_table_is_parts() -> None:
    found = find_text_emissions(_card("030"))
    assert [s.role for s in found] == ["single"] + ["part"] * 12
    assert found[0].amount.grams == Decimal(5600)
    assert found[-1].row == "9.8B" and found[-1].amount.grams == Decimal(41310)


MENTION_ALPHABET = st.sampled_from(
    list("coCO2₂<sub>arbnemisftpghGHEMISKſ \n|#-:é") + ["co<sub>", "Emit", "GHG", "carbon"]
)


@given(st.lists(MENTION_ALPHABET, max_size=60).map("".join))
@example("GHGhGHGſ")  # overlapping words in non-ASCII text: each start counts
def test_mention_offsets_are_where_the_regex_matches(text: str) -> None:
    assert mention_offsets(text) == [i for i in range(len(text)) if MENTIONS.match(text, i)]
    assert has_mentions(text) == (MENTIONS.search(text) is not None)


# --- the scan's regular expressions against the line-by-line rules they implement ------------

CODE_ALPHABET = st.sampled_from(list("`a #|\t\r\n") + ["``", "```", "\r\n", "##", "#######"])


def _inline_code_reference(text: str) -> list[tuple[int, int]]:
    """Each run of backticks opens a span that the next run of the same length on its line closes."""
    runs = [(m.start(), m.end()) for m in re.finditer("`+", text)]
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        line_end = text.find("\n", end) % (len(text) + 1)  # -1 (no break): the end of the text
        partner = next(
            (
                p
                for p in range(index + 1, len(runs))
                if runs[p][0] >= line_end or runs[p][1] - runs[p][0] == end - start
            ),
            None,
        )
        if partner is not None and runs[partner][0] < line_end:
            spans.append((start, runs[partner][1]))
            index = partner + 1
        else:
            index += 1
    return spans


def _section_headings_reference(text: str) -> list[int]:
    """Line starts (after LF) whose line, break included, matches _HEADING_RE and has no pipe."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    lines = [text_amounts._LINE_RE.match(text, start) for start in starts]
    return [
        line.start()
        for line in lines
        if line and text_amounts._HEADING_RE.match(line.group()) and "|" not in line.group()
    ]


@given(st.lists(CODE_ALPHABET, max_size=60).map("".join))
def test_inline_code_spans_pair_runs_of_one_length_on_one_line(text: str) -> None:
    expected = _inline_code_reference(text)
    assert text_amounts._inline_code_spans(text) == expected  # the regex, for a text this short
    assert text_amounts._paired_runs(text) == expected  # the linear pairing, for long texts


@given(
    st.lists(
        st.sampled_from(["#", "#######", " ", "    ", "\t", "\n", "\r", "\r\n", "|", "a"]),
        max_size=30,
    ).map("".join)
)
def test_section_headings_are_heading_lines_without_pipes(text: str) -> None:
    assert text_amounts._section_starts(text) == _section_headings_reference(text)


@given(st.text(alphabet=st.sampled_from(list("a \t\r\n\x0b\x0c\x1c\x7fé\u2028"))))
def test_blanking_keeps_exactly_the_line_breaks(text: str) -> None:
    assert text_amounts._blank(text) == "".join(c if c in "\r\n" else " " for c in text)


@pytest.mark.parametrize(
    ("markdown", "found"),
    [
        ("* **Estimated CO2 Emissions:** `0.001917 kg CO2eq`\n", [("0.001917", "kg")]),
        ("Emissions: ``12 kgCO2``\n", [("12", "kg")]),
        ("Training emitted `1.2 kg` of CO2.\n", [("1.2", "kg")]),
        ("Set `emissions: 12 kg` in the metadata.\n", []),  # syntax, not a figure
        ("Run `train.py --co2 12kg` to emit CO2.\n", []),
        ("```\nEmissions: 5 kg CO2\n```\n", []),  # a code fence is still skipped
    ],
)
def test_figures_in_inline_code(markdown: str, found: list[tuple[str, str]]) -> None:
    assert [(str(t.amount.value), t.amount.unit) for t in find_text_emissions(markdown)] == found
