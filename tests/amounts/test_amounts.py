"""Amounts with units: parsing, exact grams, printed precision and plain-decimal output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardlint.amounts import parse as amounts
from cardlint.amounts.numbers import finite_number, is_number, positive_number
from cardlint.amounts.parse import (
    agrees,
    both_readings,
    format_plain_decimal,
    match_amount,
    parse_amount,
    parse_unit,
)

# text, value as written, unit, grams (None: not a mass), decimals
CASES = [
    ("12.5", "12.5", None, None, 1),
    ("300", "300", None, None, 0),
    ("1.2 kg", "1.2", "kg", "1200", 1),
    ("300 g", "300", "g", "300", 0),
    ("0.5 tCO2eq", "0.5", "t", "500000", 1),
    ("12 kgCO2e", "12", "kg", "12000", 0),
    ("3 lbs", "3", "lb", "1360.77711", 0),
    ("1 pound", "1", "lb", "453.59237", 0),
    ("1.2g CO2", "1.2", "g", "1.2", 1),
    ("4.858 g CO2eq", "4.858", "g", "4.858", 3),
    ("4.858 g CO₂eq", "4.858", "g", "4.858", 3),
    ("0.43 gCO2e", "0.43", "g", "0.43", 2),
    ("0.001477 ([CO2eq], in kg)", "0.001477", "kg", "1.477", 6),
    ("0.001477 ([CO₂eq], in kg)", "0.001477", "kg", "1.477", 6),
    (
        "2.4699354187091408e-05 (in grams of CO2)",
        "0.000024699354187091408",
        "g",
        "0.000024699354187091408",
        21,
    ),
    ("43,24 kg Co2", "43.24", "kg", "43240", 2),
    ("1,07 kg Co2", "1.07", "kg", "1070", 2),
    ("4,3e-4 kg Co2", "0.00043", "kg", "0.43", 5),
    ("24,690 kg", "24690", "kg", "24690000", 0),
    ("4,475 KgCO2", "4475", "kg", "4475000", 0),
    ("5,521,000 kg", "5521000", "kg", "5521000000", 0),
    ("1,234.5 kg", "1234.5", "kg", "1234500", 1),
    ("1.234,5 kg", "1234.5", "kg", "1234500", 1),
    ("0,123 kg", "0.123", "kg", "123", 3),
    ("0.03898 tons of CO2", "0.03898", "t", "38980", 5),
    ("2 tonnes", "2", "t", "2000000", 0),
    ("11250 kg CO2 eq.", "11250", "kg", "11250000", 0),
    ("2290 tCO2eq", "2290", "t", "2290000000", 0),
    ("149.2 kg eq. CO2", "149.2", "kg", "149200", 1),
    ("1.71 KgCO2", "1.71", "kg", "1710", 2),
    ("0.07728 kg of CO2", "0.07728", "kg", "77.28", 5),
    ("0.0256252172527272 kg CO2e", "0.0256252172527272", "kg", "25.6252172527272", 16),
    ("15 kg CO2-equivalents", "15", "kg", "15000", 0),
    ("7 grams", "7", "g", "7", 0),
    ("0.62 mg", "0.62", "mg", "0.00062", 2),
    ("0.1069 Kg", "0.1069", "kg", "106.9", 4),
    ("21701 g", "21701", "g", "21701", 0),
    ("0.000 kg", "0", "kg", "0", 3),
    ("1.2e-05", "0.000012", None, None, 6),
    ("1e3 g", "1000", "g", "1000", -3),
    ("-5 g", "-5", "g", "-5", 0),
    ("~4.96 g CO₂eq", "4.96", "g", "4.96", 2),
    ("0.000618 kWh", "0.000618", "kWh", None, 6),
    ("21 kWh", "21", "kWh", None, 0),
    ("3.5 MWh", "3.5", "MWh", None, 1),
    ("400 W", "400", "W", None, 0),
    ("0.4 kW", "0.4", "kW", None, 1),
    ("3 hours", "3", "h", None, 0),
    ("18644.86s", "18644.86", "s", None, 2),
    ("57 gCO2eq/kWh", "57", "g/kWh", None, 0),
    ("143 gCO₂eq/kWh", "143", "g/kWh", None, 0),
    # case decides between a megagram (a tonne) and a milligram
    ("1.5 Mg", "1.5", "t", "1500000", 1),
    ("2 MgCO2e", "2", "t", "2000000", 0),
    ("1.5 mg", "1.5", "mg", "0.0015", 1),
    ("1.5 milligrams", "1.5", "mg", "0.0015", 1),
]


@pytest.mark.parametrize(("text", "value", "unit", "grams", "decimals"), CASES)
def test_parse_amount(
    text: str, value: str, unit: str | None, grams: str | None, decimals: int
) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == Decimal(value)
    assert amount.unit == unit
    assert amount.grams == (None if grams is None else Decimal(grams))
    assert amount.decimals == decimals


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("1 kg", "mass"),
        ("1 kWh", "energy"),
        ("1 W", "power"),
        ("1 h", "time"),
        ("1 g/kWh", "intensity"),
        ("1", None),
    ],
)
def test_dimension(text: str, dimension: str | None) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.dimension == dimension
    assert amount.is_emissions == (dimension == "mass")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "kg",
        "TBD",
        "[More Information Needed]",
        "16GB",
        "8 GPUs",
        "2.8.2",
        "12,5,3",
        "2.04 (CodeCarbon)",
        "1.71 KgCO2 (Singapore)",
        "number (in grams of CO2)",
        "5 km",
        "3.3M",
        "carbon",
        "1.5 MG",
        "1.5 mG",
        "1e1001 g",
        "1e" + "9" * 5000,
    ],
)
def test_not_an_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_long_numbers_stay_exact() -> None:
    digits = "9" * 500
    assert parse_amount(digits + " g").grams == Decimal(digits)  # type: ignore[union-attr]


def test_exact_grams() -> None:
    assert parse_amount("1.2 kg").grams == Decimal(1200)  # type: ignore[union-attr]
    assert str(parse_amount("1.2 kg").grams) != "1200.0000000002"  # type: ignore[union-attr]
    assert parse_amount("0.1 t").grams == Decimal(100000)  # type: ignore[union-attr]


def test_flags() -> None:
    thousands = parse_amount("24,690 kg")
    decimal_comma = parse_amount("43,24 kg")
    approximate = parse_amount("about 5 kg")
    named = parse_amount("12 kgCO2e")
    assert thousands is not None and thousands.ambiguous == ","
    assert decimal_comma is not None and not decimal_comma.ambiguous
    assert approximate is not None and approximate.value == 5  # "about" is read, and left out
    assert named is not None and named.mentions_co2
    assert not parse_amount("12 kg").mentions_co2  # type: ignore[union-attr]


# (text, value as read, the other reading when a separator could be either, or None)
SEPARATORS = [
    ("1,234 g", "1234", "1.234"),
    ("24,690 kg", "24690", "24.690"),
    ("4,475", "4475", "4.475"),
    ("1,000", "1000", "1.000"),
    ("999,999 g", "999999", "999.999"),
    ("-1,234 g", "-1234", "-1.234"),
    ("~3,500 kgCO2eq", "3500", "3.500"),
    ("12,5 kg", "12.5", None),  # two digits after the comma: a decimal comma
    ("0,123 kg", "0.123", None),  # a leading 0 is never a thousands group
    ("1234,567", "1234.567", None),  # four digits before the comma: not grouped
    ("1,2345", "1.2345", None),
    ("5,521,000 g", "5521000", None),  # two groups: thousands
    ("1,234.5 g", "1234.5", None),  # comma and dot: the last is the decimal separator
    ("1.234,5 g", "1234.5", None),
    ("1,234e3 g", "1234", None),  # an exponent: a decimal comma (1.234e3)
    ("12 345 g", None, None),  # a space is never a thousands separator
    # a dot before exactly three digits, after 1 to 999: a decimal point, or a dot for thousands
    ("1.234 kg", "1.234", "1234"),
    ("4.858 g CO2eq", "4.858", "4858"),
    ("999.999 g", "999.999", "999999"),
    ("-1.234 g", "-1.234", "-1234"),
    ("~3.500 kgCO2eq", "3.500", "3500"),
    ("1.000 t", "1.000", "1000"),
    ("0.554 kg", "0.554", None),  # a leading 0: a decimal point
    ("1.5 kg", "1.5", None),
    ("12.3456 kg", "12.3456", None),
    ("1234.567 g", "1234.567", None),  # four digits before the dot: not grouped
    ("1.234e3 g", "1234", None),  # an exponent: a decimal point
    ("5.521.000 g", "5521000", None),  # two groups: thousands
]


@pytest.mark.parametrize(("text", "value", "other"), SEPARATORS)
def test_separators(text: str, value: str | None, other: str | None) -> None:
    amount = parse_amount(text)
    assert (amount.value if amount else None) == (Decimal(value) if value else None)
    if amount is None:
        return
    assert bool(amount.ambiguous) is (other is not None)
    reading = amount.other_reading()
    assert (reading.value if reading else None) == (Decimal(other) if other else None)
    if reading is not None:
        assert str(reading.value) == other  # printed at the precision it was written with
        assert reading.other_reading() is None and reading.unit == amount.unit


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("1,234 g", "1234 g with a thousands separator, 1.234 g with a decimal comma"),
        ("24,690 kg", "24690 kg with a thousands separator, 24.69 kg with a decimal comma"),
        ("4,475", "4475 g with a thousands separator, 4.475 g with a decimal comma"),
        ("1.234 kg", "1.234 kg with a decimal point, 1234 kg with a thousands separator"),
        ("2.500", "2.5 g with a decimal point, 2500 g with a thousands separator"),
    ],
)
def test_both_readings(text: str, readings: str) -> None:
    amount = parse_amount(text)
    assert amount is not None and both_readings(amount) == readings


@pytest.mark.parametrize(
    ("text", "ambiguity", "taken"),
    [
        (
            "1,234 g",
            "its comma is ambiguous (1234 g with a thousands separator, 1.234 g with a decimal comma)",
            ", reading the comma as a thousands separator",
        ),
        (
            "1.234 kg",
            "its dot is ambiguous (1.234 kg with a decimal point, 1234 kg with a thousands separator)",
            ", reading the dot as a decimal point",
        ),
        ("0.554 kg", "", ""),
    ],
)
def test_ambiguity_phrases(text: str, ambiguity: str, taken: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amounts.ambiguity(amount), amounts.reading_taken(amount)) == (ambiguity, taken)


def test_separator_table_is_large() -> None:
    assert len(SEPARATORS) >= 15
    assert sum(other is not None for _, _, other in SEPARATORS) >= 10


def test_default_unit() -> None:
    bare = parse_amount("12.5")
    assert bare is not None and bare.grams is None
    assert bare.to_grams("g") == Decimal("12.5")
    assert bare.to_grams("kg") == Decimal(12500)


def test_match_amount_leaves_the_rest() -> None:
    found = match_amount("Emissions: 1.71 KgCO2 (Singapore)", 10)
    assert found is not None
    amount, start, end = found
    assert (start, end) == (11, 21)
    assert amount.grams == Decimal(1710)
    assert match_amount("0.03898 tons of CO2 in total")[2] == len("0.03898 tons of CO2")  # type: ignore[index]
    assert match_amount("GPU") is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("kg", "kg"),
        ("KgCO2eq", "kg"),
        ("tCO<sub>2</sub>eq", "t"),
        ("in grams", "g"),
        ("(in grams)", "g"),
        ("[CO2eq], in kg", "kg"),
        ("grams of CO2", "g"),
        ("kWh", "kWh"),
        ("Watts", "W"),
        ("Power consumption x Time x Carbon produced based on location of power grid", None),
        ("GPU hours", None),
        ("4 epochs", None),
    ],
)
def test_parse_unit(text: str, unit: str | None) -> None:
    assert parse_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "grams", "agrees_"),
    [
        ("1.71 kg", 1710, True),
        ("1.71 kg", 1714.9, True),
        ("1.71 kg", 1716, False),
        ("1.71 kg", 1.71, False),  # kilograms pasted into the grams field
        ("0.000 kg", 0.128, True),  # rounded to nothing: anything under half a gram agrees
        ("0.000 kg", 0.6, False),
        ("0.15 KgCO2", 150, True),
        ("2.3558", 2.355843472980154, True),
        ("15000 kg", 15400000, True),  # trailing zeros of an integer are not printed precision
        ("15000 kg", 15600000, False),
        ("21701 g", 21701.4, True),
        ("21701 g", 21702, False),
        ("2.4699354187091408e-05 (in grams of CO2)", 0.000024699354187091408, True),
    ],
)
def test_a_figure_agrees_at_its_printed_precision(text: str, grams: float, agrees_: bool) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.to_grams("g") is not None
    assert agrees(amount.to_grams("g"), amount, Decimal(str(grams))) is agrees_  # type: ignore[arg-type]


# figure (grams), as printed, the other grams, keyword arguments, whether they agree
AGREEMENT = [
    # within 1% of the other figure, or the printed precision, whichever is more (a card's figure against a log)
    ("1234", "1234", "1246", {"relative": Decimal("0.01")}, True),
    ("1234", "1234", "1247", {"relative": Decimal("0.01")}, False),
    ("1000", "1000", "1400", {}, True),  # an integer's trailing zeros: 1 thousand, give or take 500
    ("990", "990", "1000", {"relative": Decimal("0.01")}, True),  # 1% of the other figure
    ("554", "0.554e3", "554.4", {}, True),  # printed with an exponent: half a gram
    ("1.2", "1.2", "1.26", {"relative": Decimal("0.01")}, False),
    ("1.2", "1.2", "1.24", {"relative": Decimal("0.01")}, True),  # half of the printed 0.1
    ("2000", None, "2010", {"relative": Decimal("0.01")}, True),  # nothing printed: 1% alone
    ("2000", None, "2000.5", {}, False),  # nothing printed and no relative: exact only
    ("5", "5 kWh", "5.2", {}, False),  # not a mass: no printed precision
    # trailing zeros as printed digits ("100 kg" is 100 kg to the kilogram)
    ("100000", "100 kg", "100400", {"zeros_printed": True}, True),
    ("100000", "100 kg", "60000", {"zeros_printed": True}, False),
    ("100000", "100 kg", "130000", {}, True),  # without: 100 kg give or take 50 kg
    # rounded or cut: from half a unit below to a whole unit above ("25.4 kg" for 25460 g)
    ("25400", "25.4 kg", "25460", {"truncated": True}, True),
    ("25400", "25.4 kg", "25460", {}, False),
    ("25400", "25.4 kg", "25350", {"truncated": True}, True),
    ("25400", "25.4 kg", "25349", {"truncated": True}, False),
    ("25400", "25.4 kg", "25500", {"truncated": True}, False),  # a whole unit above is 25.5
    ("0", "0.000 kg", "0.128", {"zeros_printed": True, "truncated": True}, True),
]


@pytest.mark.parametrize(("figure", "printed", "other", "options", "expected"), AGREEMENT)
def test_agrees(
    figure: str, printed: str | None, other: str, options: dict[str, Any], expected: bool
) -> None:
    amount = parse_amount(printed) if printed is not None else None
    assert printed is None or amount is not None
    assert agrees(Decimal(figure), amount, Decimal(other), **options) is expected


# value, is a number, finite, positive
NUMBERS: list[tuple[object, bool, bool, bool]] = [
    (1, True, True, True),
    (0.5, True, True, True),
    (0, True, True, False),
    (-3.5, True, True, False),
    (True, False, False, False),  # YAML's true is an int to Python, never a figure
    (False, False, False, False),
    (float("nan"), True, False, False),
    (float("inf"), True, False, False),
    (float("-inf"), True, False, False),
    (10**400, True, False, False),  # beyond float range
    (-(10**400), True, False, False),
    (10**299, True, True, True),
    (Decimal(1), False, False, False),  # YAML never builds one
    ("1", False, False, False),
    (None, False, False, False),
]


@pytest.mark.parametrize(("value", "number", "finite", "positive"), NUMBERS)
def test_number_guards(value: object, number: bool, finite: bool, positive: bool) -> None:
    assert (is_number(value), finite_number(value), positive_number(value)) == (
        number,
        finite,
        positive,
    )


def test_tolerance() -> None:
    assert parse_amount("1.71 kg").tolerance_grams() == Decimal(5)  # type: ignore[union-attr]
    assert parse_amount("5,521,000 kg").tolerance_grams() == Decimal(500000)  # type: ignore[union-attr]
    assert parse_amount("100 kg").tolerance_grams(zeros_printed=True) == Decimal(500)  # type: ignore[union-attr]
    assert parse_amount("1.5e3 kg").tolerance_grams(zeros_printed=True) == Decimal(50000)  # type: ignore[union-attr]
    assert parse_amount("0.5 kWh").tolerance_grams() is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.2e-05, "0.000012"),
        (1200.0, "1200"),
        (1e21, "1000000000000000000000"),
        (0.1 + 0.2, "0.30000000000000004"),
        (2.355843472980154, "2.355843472980154"),
        (Decimal("1.2E+3"), "1200"),
        (Decimal("-0"), "0"),
        (Decimal("0.000"), "0"),
        (Decimal("1.50"), "1.5"),
        (24700000, "24700000"),
        ("1.2e-05", "0.000012"),
        ("24_700_000", "24700000"),
        (" 2.4699354187091408e-05 ", "0.000024699354187091408"),
    ],
)
def test_format_plain_decimal(value: Decimal | float | int | str, text: str) -> None:
    assert format_plain_decimal(value) == text


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), "twelve", Decimal("NaN"), True, Decimal("1e2000")]
)
def test_format_plain_decimal_refuses(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        format_plain_decimal(value)  # type: ignore[arg-type]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_plain_float_round_trips(value: float) -> None:
    text = format_plain_decimal(value)
    assert "e" not in text.lower()
    assert float(text) == value


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_plain_decimal_round_trips(value: Decimal) -> None:
    text = format_plain_decimal(value)
    assert "e" not in text.lower()
    assert Decimal(text) == value


@given(
    st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False),
    st.sampled_from(["g", "kg", "t"]),
)
def test_parse_what_is_formatted(value: Decimal, unit: str) -> None:
    amount = parse_amount(f"{format_plain_decimal(value)} {unit}")
    assert amount is not None
    assert amount.value == value
    assert amount.unit == unit


@given(st.text(max_size=40))
def test_never_crashes(text: str) -> None:
    amount = parse_amount(text)
    if amount is not None:
        assert amount.value.is_finite()
