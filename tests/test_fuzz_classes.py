"""Fuzzing over the classes of card that issue 21's fuzzer found crashing (anchors and merge keys,
tags with empty values, BOMs inside the block, duplicate unit keys, huge integers, tabs): no
exception escapes lint or fix, and the command line exits 0, 1 or 2 without an internal error.

At CI size here; ``CARDLINT_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz_classes.py`` runs
the larger search."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import run_cardlint

from cardlint.fixer.apply import FixRefused, fix_card
from cardlint.linter import lint_text
from cardlint.reading.card import parse_card
from cardlint.settings import Settings

EXAMPLES = int(os.environ.get("CARDLINT_FUZZ_EXAMPLES", "150"))

TAGGED = (
    "!!int",
    "!!float",
    "!!bool",
    "!!timestamp",
    "!!str",
    "!!null",
    "!!binary aGVsbG8=",
    "!!binary",
    "!!set {a, b}",
    "!!set",
    "!!omap [a: 1]",
    "!!int 12",
)
NUMBERS = (
    "12",
    "1.5",
    "0",
    "-3",
    "1e3",
    "1.2e-05",
    ".inf",
    "-.inf",
    ".nan",
    "0x1F",
    "0777",
    "1_000",
    "1:30",
    '"12 kg"',
    "'1.5 kg'",
    "2020-01-01",
    "2020-01-01 10:00:00",
    "2020-13-45",
    '"\\ud800 kg"',
    '"\\U0001F600"',
)


@st.composite
def huge_integer(draw: st.DrawFn) -> str:
    digits = draw(st.sampled_from([309, 310, 400, 1002, 4299, 4301, 5000]))
    return draw(
        st.sampled_from(
            [
                "9" * digits,
                "-" + "9" * digits,
                "0x" + "f" * digits,
                "0o" + "7" * digits,
                "1" + "0" * digits + ".5",
            ]
        )
    )


emissions_values = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(TAGGED), huge_integer())
unit_keys = st.lists(
    st.tuples(
        st.sampled_from(["unit", "units", "emissions_unit", "Unit"]),
        st.sampled_from(["g", "kg", "t", "tonnes", "lbs", '"kg"', "!!str kg", ""]),
    ),
    max_size=11,
)


@st.composite
def hostile_cards(draw: st.DrawFn) -> str:
    """A card mixing the crashing classes: each feature is drawn on or off."""
    emissions = draw(emissions_values)
    units = draw(unit_keys)
    lines = [
        f"license: {draw(st.one_of(st.sampled_from(['mit', '!!binary aGVsbG8=', 'no']), huge_integer()))}"
    ]
    inner = [f"emissions: {emissions}", *(f"{key}: {value}" for key, value in units)]
    if draw(st.booleans()):
        inner.append(
            f"training_type: {draw(st.sampled_from(['fine-tuning', '2020-01-01', '!!timestamp', 'yes']))}"
        )
    shape = draw(st.sampled_from(["block", "flow", "merge", "anchored", "scalar", "tagged"]))
    if shape == "block":
        lines += ["co2_eq_emissions:", *(f"  {item}" for item in inner)]
    elif shape == "flow":
        lines.append("co2_eq_emissions: {" + ", ".join(inner) + "}")
    elif shape == "merge":
        lines += [
            "base: &b {" + inner[0] + "}",
            "co2_eq_emissions: {<<: *b" + "".join(", " + item for item in inner[1:]) + "}",
        ]
    elif shape == "anchored":
        lines += [
            "a: &e " + emissions,
            "co2_eq_emissions:",
            "  emissions: *e",
            *(f"  {item}" for item in inner[1:]),
        ]
    elif shape == "scalar":
        lines.append(f"co2_eq_emissions: {emissions}")
    else:
        lines.append(f"co2_eq_emissions: {draw(st.sampled_from(TAGGED))}")
    # tabs: after a colon, in the indentation, inside a value
    for _ in range(draw(st.integers(0, 2))):
        index = draw(st.integers(0, len(lines) - 1))
        where = draw(st.sampled_from([": ", "  ", " "]))
        lines[index] = lines[index].replace(where, where.replace(" ", "\t", 1), 1)
    if draw(st.booleans()):  # a BOM at the start of a line of the block
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = "\ufeff" + lines[index]
    body = draw(
        st.sampled_from(
            [
                "",
                "# Model\n",
                "Emissions: 9e400 g\n",
                "|\n-\n|emission\n",
                "Training emitted 3 kg CO2.\n",
                "| Emissions | 1" + "0" * 400 + " kg |\n",
            ]
        )
    )
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_cards(), st.booleans())
def test_no_exception_escapes_lint_or_fix(text: str, unsafe: bool) -> None:
    result = lint_text(text, "README.md", Settings())
    assert result.error is None
    for finding in result.diagnostics:
        assert finding.location.row >= 1 and finding.location.column >= 1
    try:
        fixed, _ = fix_card(parse_card(text, "README.md"), Settings(), unsafe)
    except FixRefused:
        return  # the verifier's refusal: the file is left as it was, with a message
    assert lint_text(fixed.text, "README.md", Settings()).error is None


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(hostile_cards(), min_size=20, max_size=20))
def test_the_command_line_has_no_internal_error(tmp_path_factory: object, texts: list[str]) -> None:
    folder = Path(tmp_path_factory.mktemp("cards"))  # type: ignore[attr-defined]
    for index, text in enumerate(texts):
        (folder / f"c{index:02d}").mkdir()
        (folder / f"c{index:02d}" / "README.md").write_text(text, encoding="utf-8")
    for args in (("check", "--output-format", "concise"), ("fix", "--unsafe-fixes")):
        result = run_cardlint(*args, "--no-config", str(folder))
        assert result.returncode in (0, 1, 2), result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr, (
            result.stderr
        )
