"""CL005 on numbers the two YAML versions read differently: what each fix writes, and whether safely."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardlint.linter import lint_card
from cardlint.reading.card import parse_card
from cardlint.settings import Settings

# (value as written, what the fix writes, safe, the message says it looks like a time)
NUMBERS = [
    ("1_000", "1000", True, False),
    ("24_700_000", "24700000", True, False),
    ("-1_000", "-1000", True, False),
    ("1_000.5", "1000.5", True, False),  # YAML 1.1 reads 1000.5: the same fix as for 1_000
    ("1_234.567_8", "1234.5678", True, False),
    ("+2_500.25", "2500.25", True, False),
    ("0777", "511", False, False),  # octal to YAML 1.1: probably not what the author meant
    ("0b101", "5", False, False),
    ("10:30", "630", False, True),  # base 60 to YAML 1.1: a time, not 630
    ("1:30", "90", False, True),
    ("1:30.5", "90.5", False, True),
]


def _finding(text: str):  # type: ignore[no-untyped-def]
    (found,) = lint_card(parse_card(text), Settings(select=("CL005",)))
    return found


@pytest.mark.parametrize(("value", "written", "safe", "time"), NUMBERS)
@pytest.mark.parametrize("emissions", [True, False])
def test_number_fix(value: str, written: str, safe: bool, time: bool, emissions: bool) -> None:
    text = (
        f"---\nco2_eq_emissions:\n  emissions: {value}\n---\n"
        if emissions
        else f"---\ntraining_time: {value}\n---\n"
    )
    found = _finding(text)
    assert found.fix is not None
    assert found.fix.edits[0].content == written
    assert (found.fix.applicability == "safe") is safe
    assert ("it looks like a time" in found.message) is time
    assert found.message.startswith(f"'{value}' is the number ")
    if not time:
        assert found.message.endswith(f"write {written}")


def test_a_time_says_what_each_reader_gets() -> None:
    found = _finding("---\nco2_eq_emissions:\n  emissions: 10:30\n---\n")
    assert found.message == (
        "'10:30' is the number 630 to huggingface_hub (YAML 1.1) but the string \"10:30\" to YAML 1.2 parsers; "
        "it looks like a time, which YAML 1.1 reads in base 60: write the value meant as a plain number"
    )


_NUMBERISH = st.text(alphabet="0123456789+-.~eExXoO:_abcfinaINFN", max_size=8)


@given(st.builds(lambda a, b: f"{a} {b}", _NUMBERISH, _NUMBERISH))
def test_a_plain_scalar_with_a_space_is_a_string_to_yaml_1_2(text: str) -> None:
    """CL005 passes over a YAML 1.1 string that holds a space without asking the YAML 1.2 reader."""
    from cardlint.reading.yaml12 import read_plain_scalar

    assert read_plain_scalar(text) == text
