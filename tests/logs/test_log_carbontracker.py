"""carbontracker output logs: actual blocks count (g, kWh), predicted blocks never do."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cardlint.logs import Device, Location, LogError
from cardlint.logs.carbontracker import read

FIXTURES = Path(__file__).parent / "fixtures" / "carbontracker"
COMPLETE = FIXTURES / "complete" / "4242.root_2025-03-01T101500Z_carbontracker_output.log"


def test_complete_log_with_standard_log_beside_it() -> None:
    m = read(COMPLETE)
    assert m.emissions_g == Decimal("112.5")  # not the predicted 114 g
    assert m.energy_kwh == Decimal("0.75")
    assert m.duration_s == 1 * 3600 + 2 * 60 + 3
    assert m.tool == "carbontracker" and m.tool_version == "2.0.1"
    assert m.pue == Decimal("1.58")
    assert m.hardware == (Device("gpu", "NVIDIA L40S", 2),)
    assert m.location == Location(text="Oslo, Oslo, NO")
    assert m.finished and m.notes == ()
    assert [(r.label, r.line) for r in m.runs] == [("3 epoch(s)", 12)]
    assert m.describe() == f"{COMPLETE.name} (carbontracker 2.0.1): 113 g CO2eq, 0.750 kWh"


def test_one_of_ten_epochs_measured_is_partial_and_prediction_not_counted() -> None:
    m = read(FIXTURES / "one_of_ten_carbontracker_output.log")
    assert m.emissions_g == Decimal("12.25") and m.energy_kwh == Decimal("0.05")
    assert m.duration_s == 15 * 60
    assert not m.finished
    assert m.notes == (
        "measured 1 of 10 epochs; carbontracker's prediction for all 10 is not counted",
    )
    assert m.tool_version is None and m.pue is None  # no standard log beside it
    assert m.hardware == (Device("gpu", "Tesla V100-SXM2-16GB", 1),)  # cpu:0, cpu:1 name no model
    assert m.location == Location(text="Aarhus, Central Jutland, DK")


def test_two_trackers_are_two_runs_and_day_durations_parse() -> None:
    m = read(FIXTURES / "two_trackers_carbontracker_output.log")
    assert m.emissions_g == Decimal("1365") + Decimal("45")
    assert m.energy_kwh == Decimal("9.1") + Decimal("0.3")
    assert m.duration_s == (86400 + 2 * 3600) + (45 * 60 + Decimal("30.5"))
    assert len(m.runs) == 2 and m.runs[0].label is None


def test_interrupted_training_in_standard_log_is_partial(tmp_path: Path) -> None:
    output = tmp_path / COMPLETE.name
    output.write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    standard = tmp_path / COMPLETE.name.replace("_output.log", ".log")
    standard.write_text(
        "2025-03-01 11:00:00 - Training was interrupted before all 3 epochs were monitored.\n"
    )
    m = read(output)
    assert not m.finished and "interrupted" in m.notes[0]


def test_only_a_prediction_is_not_a_measurement() -> None:
    with pytest.raises(LogError) as caught:
        read(FIXTURES / "predicted_only_carbontracker_output.log")
    assert caught.value.line == 3
    assert "only a predicted consumption" in str(caught.value)


def test_cut_block_is_an_error_at_its_heading() -> None:
    with pytest.raises(LogError) as caught:
        read(FIXTURES / "cut_block_carbontracker_output.log")
    assert caught.value.line == 3 and "incomplete" in caught.value.message


def test_no_block_at_all(tmp_path: Path) -> None:
    path = tmp_path / "x_carbontracker_output.log"
    path.write_text(
        "2024-01-01 00:00:00 - CarbonTracker: The following components were found: GPU with device(s) A.\n"
    )
    with pytest.raises(LogError, match="no 'Actual consumption' block"):
        read(path)


@pytest.mark.parametrize(
    ("energy", "co2", "time", "message"),
    [
        ("nan", "1.0", "0:01:00", "Energy is 'nan'"),
        ("0.1", "2.0", "soon", "Time is not h:mm:ss"),
    ],
)
def test_bad_values(tmp_path: Path, energy: str, co2: str, time: str, message: str) -> None:
    path = tmp_path / "x_carbontracker_output.log"
    path.write_text(
        f"CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t{time}\n\tEnergy:\t{energy} kWh\n\tCO2eq:\t{co2} g\n"
    )
    with pytest.raises(LogError, match=message):
        read(path)
