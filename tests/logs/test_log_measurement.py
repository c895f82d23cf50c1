"""Measurement: picklable, immutable, a readable one-liner; LogError: path:line: message."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from cardlint.logs import Location, LogError, Measurement, Run, read_log

FIXTURES = Path(__file__).parent / "fixtures"


def test_measurement_pickles_and_is_frozen() -> None:
    m = read_log(FIXTURES / "codecarbon" / "v2_8_multirun.csv")
    assert pickle.loads(pickle.dumps(m)) == m
    with pytest.raises(AttributeError):
        m.emissions_g = Decimal(0)  # type: ignore[misc]


def test_log_error_pickles_and_formats() -> None:
    error = LogError(Path("emissions.csv"), 4, "column 'emissions' is not a number: 'abc'")
    assert str(error) == "emissions.csv:4: column 'emissions' is not a number: 'abc'"
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.line, again.message, str(again)) == (
        error.path,
        4,
        error.message,
        str(error),
    )
    assert str(LogError("x.jsonl", None, "empty file")) == "x.jsonl: empty file"


@pytest.mark.parametrize(
    ("grams", "kwh", "expected"),
    [
        (Decimal("14095.571526451306"), Decimal("37.00110651385"), "14.1 kg CO2eq, 37.0 kWh"),
        (Decimal("2500000"), Decimal("12000"), "2.50 t CO2eq, 12.0 MWh"),
        (
            Decimal("0.0010717474749177948"),
            Decimal("0.00000615769879297785"),
            "0.00107 g CO2eq, 0.00000616 kWh",
        ),
        (Decimal("0"), None, "0 g CO2eq"),
        (None, Decimal("1"), "emissions unknown (no emissions figure on runs #1 and #2), 1.00 kWh"),
    ],
)
def test_describe_units_and_figures(
    grams: Decimal | None, kwh: Decimal | None, expected: str
) -> None:
    runs = (Run("a", None, grams, kwh, None), Run("b", None, grams, kwh, None))
    m = Measurement(
        "logs/emissions.csv", "codecarbon", "CodeCarbon", "2.8.2", grams, kwh, runs=runs
    )
    assert m.describe() == f"emissions.csv (CodeCarbon 2.8.2, 2 runs): {expected}"


# location, as written (notes), as a card writes it
DESCRIBED = [
    (
        Location(country="Germany", region="north rhine-westphalia"),
        "north rhine-westphalia, Germany",
        "North Rhine-Westphalia, Germany",
    ),
    (Location(country_iso="DEU"), "DEU", "DEU"),
    (Location(region="CA-QC", text="Quebec, Canada"), "Quebec, Canada", "Quebec, Canada"),
    (Location(region="quebec", text="quebec, canada"), "quebec, canada", "quebec, canada"),
    (Location(region="CA-QC", country="Canada"), "CA-QC, Canada", "CA-QC, Canada"),
    (
        Location(cloud_provider="aws", cloud_region="us-east-1", region="virginia"),
        "aws us-east-1, virginia",
        "aws us-east-1, Virginia",
    ),
    (Location(), "", ""),
]


@pytest.mark.parametrize(("location", "written", "card"), DESCRIBED)
def test_location_describe(location: Location, written: str, card: str) -> None:
    assert location.describe() == written
    assert location.describe(capitalise_region=True) == card
