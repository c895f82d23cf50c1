"""Hypothesis strategies for model cards: metadata blocks written the ways people write them.

``cards()`` builds README text from YAML source fragments (so quoting, flow style, comments,
indentation and line endings vary as in real cards) around ``co2_eq_emissions`` in its many
shapes, with the common mistakes that cardlint fixes. ``mutated_cards()`` then damages such
cards: random characters inserted, truncation, deep nesting, long lines, odd line endings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hypothesis import strategies as st

EMISSIONS = (
    "1200",
    "0.0334",
    "149200",
    "2.3558",
    "24_700_000",
    "1_000",
    "0",
    "-5",
    "1",
    "TBD",
    "null",
    "~",
    "''",
    '"1.2 kg"',
    "1.2 kg",
    "'4.858 g CO2eq'",
    "0.43 gCO2e",
    "43,24 kg Co2",
    "1,234.5 kg",
    "5,521,000 kg",
    '"0.001477 ([CO2eq], in kg)"',
    "1e-05",
    "2.4699354187091408e-05",
    "1.5E+3",
    "1e5000",
    "2.5e-99999999999",
    ".nan",
    ".inf",
    "-.inf",
    "0777",
    "1:30",
    "0x1F",
    "yes",
    "[1, 2]",
    "{value: 3, unit: kg}",
    "0.000618 kWh",
    "~0.5 kg",
    "about 3 tons",
)
KEYS = (
    "emissions",
    "source",
    "training_type",
    "geographical_location",
    "hardware_used",
    "energy_consumed",
    "hours_used",
    "on_cloud",
    "cpu_model",
    "ram_total_size",
    "emision",
    "emmissions",
    "Emissions",
    "geographic_location",
    "trainig_type",
    "training type",
    "hardware used",
    "hardware",
    "Source",
    "unit",
    "units",
    "location",
    "co2",
    "notes",
)
TEXTS = (
    "CodeCarbon",
    "code carbon",
    "AutoTrain",
    "https://mlco2.github.io/impact/",
    "Google Colab",
    "fine-tuning",
    "Fine-tuning",
    "pretraining",
    "pre-training",
    "finetuning",
    "second-stage pre-training",
    "Quebec, Canada",
    "East USA",
    "AWS us-east-1",
    "8 v100 GPUs",
    "1 x NVIDIA A100-SXM4-80GB",
    "kg",
    "g",
    "grams",
    "kgCO2eq",
    "no",
    "yes",
    "on",
    "off",
    "1e3",
    "0777",
    "true",
    "12",
    "3.5",
    "'quoted'",
    '"double"',
    "[a, b]",
    "",
)
BODY_LINES = (
    "# Model card",
    "Training emitted 0.5 kg CO2eq.",
    "Carbon Emitted: 1.71 kg of CO2",
    "| Emissions | 24,690 kg |",
    "- **Hardware Type:** A100",
    "---",
    "```yaml",
    "co2_eq_emissions: 3",
    "```",
    "Compute Region: us-east-1",
    "Some prose about the model.",
    "",
    "Emissions: 21701 g",
    "Power Consumption: 21 kWh",
)


@dataclass(frozen=True)
class GeneratedCard:
    """A README's text (without BOM) and whether the file starts with a BOM."""

    text: str
    bom: bool


def _scalar_source() -> st.SearchStrategy[str]:
    """A YAML scalar as written in a card: a known tricky value, or a random one dumped as YAML."""
    dumped = st.one_of(
        st.integers(), st.floats(), st.text(max_size=20), st.booleans(), st.none()
    ).map(
        lambda value: (
            json.dumps(value, ensure_ascii=False) if isinstance(value, str) else _plain(value)
        )
    )
    return st.one_of(st.sampled_from(EMISSIONS), st.sampled_from(TEXTS), dumped)


def _plain(value: object) -> str:
    """A non-string value as a plain YAML scalar."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


@st.composite
def co2_block(draw: st.DrawFn) -> list[str]:
    """The lines of ``co2_eq_emissions`` in one of its shapes."""
    shape = draw(
        st.sampled_from(
            [
                "mapping",
                "mapping",
                "scalar",
                "flow",
                "flow-lines",
                "list",
                "empty",
                "nested",
                "anchored",
                "twice",
            ]
        )
    )
    items = draw(
        st.lists(st.tuples(st.sampled_from(KEYS), _scalar_source()), min_size=1, max_size=6)
    )
    if draw(st.integers(0, 9)) < 7:
        items.insert(
            draw(st.integers(0, len(items))), ("emissions", draw(st.sampled_from(EMISSIONS)))
        )
    comment = draw(
        st.sampled_from(
            ["", "", "  # from CodeCarbon", "  # cardlint: ignore", "  # cardlint: ignore[CO2101]"]
        )
    )
    step = draw(st.sampled_from(["  ", "    ", "      ", "\t", " "]))
    if shape == "scalar":
        return [f"co2_eq_emissions: {draw(st.sampled_from(EMISSIONS))}{comment}"]
    if shape == "flow":
        return ["co2_eq_emissions: {" + ", ".join(f"{k}: {v}" for k, v in items) + "}" + comment]
    if shape == "flow-lines":
        return ["co2_eq_emissions: {"] + [f"{step}{k}: {v}," for k, v in items] + [f"}}{comment}"]
    if shape == "list":
        return ["co2_eq_emissions:"] + [f"{step}- {k}: {v}" for k, v in items]
    if shape == "empty":
        return [f"co2_eq_emissions:{comment}"]
    if shape == "nested":
        return [
            "co2_eq_emissions:",
            f"{step}emissions:",
            f"{step}{step}value: {items[0][1]}",
            f"{step}{step}unit: kg",
        ]
    head = "co2_eq_emissions: &co2" if shape == "anchored" else "co2_eq_emissions:"
    trailing = draw(
        st.lists(
            st.sampled_from(["", "", "  ", "\t", "  # note", comment]),
            min_size=len(items),
            max_size=len(items),
        )
    )
    lines = [head] + [f"{step}{k}: {v}{after}" for (k, v), after in zip(items, trailing)]
    if shape == "twice":
        return lines + [f"co2_eq_emissions: {draw(st.sampled_from(EMISSIONS))}"]
    return lines + (["copy: *co2"] if shape == "anchored" else [])


@st.composite
def other_keys(draw: st.DrawFn) -> list[str]:
    """Top-level keys around the block: license, language, tags and random keys with random values."""
    lines: list[str] = []
    for key in draw(
        st.lists(
            st.sampled_from(["license", "language", "tags", "random", "model-index", "flow"]),
            max_size=4,
        )
    ):
        if key == "license":
            lines.append(f"license: {draw(st.sampled_from(['mit', 'apache-2.0', 'no', 'other']))}")
        elif key == "language":
            lines += ["language:"] + [
                f"- {code}"
                for code in draw(
                    st.lists(st.sampled_from(["en", "fr", "no", "yes", "on"]), max_size=4)
                )
            ]
        elif key == "tags":
            lines.append("tags: " + draw(st.sampled_from(["autotrain", "[a, b]", "[]", "- x"])))
        elif key == "model-index":
            lines += [
                "model-index:",
                "- name: m",
                "  results:",
                "  - metrics:",
                f"    - value: {draw(_scalar_source())}",
                "      type: acc",
            ]
        elif key == "flow":
            lines.append(
                "widget: {"
                + ", ".join(
                    f"k{i}: {draw(_scalar_source())}" for i in range(draw(st.integers(0, 3)))
                )
                + "}"
            )
        else:
            name = draw(
                st.text(
                    st.characters(codec="utf-8", exclude_characters="\r\n:#"),
                    min_size=1,
                    max_size=10,
                )
            )
            lines.append(f"{json.dumps(name, ensure_ascii=False)}: {draw(_scalar_source())}")
    return lines


@st.composite
def cards(draw: st.DrawFn) -> GeneratedCard:
    """A README with a metadata block (most of the time), written the ways people write them."""
    lines = draw(other_keys())
    if draw(st.integers(0, 9)) < 9:
        position = draw(st.integers(0, len(lines)))
        lines[position:position] = draw(co2_block())
    body = draw(st.lists(st.sampled_from(BODY_LINES), max_size=8))
    if draw(st.integers(0, 19)) == 19:
        text = "\n".join(lines + body)  # no block at all
    else:
        opening = draw(st.sampled_from(["---"] * 6 + ["\n---", "  ---", "----"]))
        closing = draw(st.sampled_from(["---"] * 6 + ["--- ", "---\t", "..."]))
        text = "\n".join([opening, *lines, closing, *body])
    text += draw(st.sampled_from(["\n", "\n", ""]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "mixed"]))
    if newline == "mixed":
        parts = text.split("\n")
        text = (
            "".join(part + draw(st.sampled_from(["\n", "\r\n", "\r"])) for part in parts[:-1])
            + parts[-1]
        )
    else:
        text = text.replace("\n", newline)
    return GeneratedCard(text, draw(st.booleans()))


@st.composite
def mutated_cards(draw: st.DrawFn) -> GeneratedCard:
    """A generated card damaged in up to three ways: inserted characters, truncation, deep nesting, long lines."""
    card = draw(cards())
    text = card.text
    for _ in range(draw(st.integers(0, 3))):
        damage = draw(
            st.sampled_from(
                ["insert", "truncate", "nest-flow", "nest-block", "long-line", "bom", "tabs"]
            )
        )
        at = draw(st.integers(0, len(text)))
        if damage == "insert":
            text = text[:at] + draw(st.text(max_size=12)) + text[at:]
        elif damage == "truncate":
            text = text[:at]
        elif damage == "nest-flow":
            depth = draw(st.integers(1, 300))
            text = text[:at] + "[" * depth + "1" + "]" * draw(st.integers(0, depth)) + text[at:]
        elif damage == "nest-block":
            depth = draw(st.integers(1, 150))
            text = (
                text[:at]
                + "\n"
                + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(depth))
                + text[at:]
            )
        elif damage == "long-line":
            run = draw(st.sampled_from(["x", "1", "- ", "[", "{{", "`", "<", "é", "#", " "]))
            text = text[:at] + run * draw(st.integers(1_000, 50_000)) + text[at:]
        elif damage == "bom":
            text = text[:at] + "\ufeff" + text[at:]
        else:
            text = text[:at] + "\t" + text[at:]
    return GeneratedCard(text, card.bom)
