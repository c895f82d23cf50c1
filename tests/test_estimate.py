"""Estimates the way the ML CO2 Impact calculator makes them: rated power x hours x PUE x intensity."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from support import run_cardlint

from cardlint.estimate import EstimateError, estimate
from cardlint.grid.resolver import resolve
from cardlint.hardware.catalogue import device
from cardlint.reading.card import parse_card


def _intensity(location: str) -> Decimal:
    region = resolve(location).region
    assert region is not None
    return Decimal(repr(region.g_co2eq_per_kwh))


def _watts(device_id: str) -> Decimal:
    entry = device(device_id)
    assert entry is not None
    return Decimal(repr(entry.watts))


@pytest.mark.parametrize(
    ("hardware", "device_id", "count", "hours", "location", "pue"),
    [
        ("8 x V100", "nvidia-v100-sxm2-16gb", 8, 3, "Germany", 1.1),
        ("4 x NVIDIA A100-SXM4-80GB", "nvidia-a100-sxm4-80gb", 4, 2, "Quebec, Canada", 1),
        ("1 x NVIDIA T4", "nvidia-t4", 1, 9.5, "aws:us-east-1", 1.58),
        ("NVIDIA T4", "nvidia-t4", 1, 2, "Germany", 1),  # a device named without a count is one
    ],
)
def test_estimate_by_hand(
    hardware: str, device_id: str, count: int, hours: float, location: str, pue: float
) -> None:
    result = estimate(hardware, hours, location, pue)
    kwh = count * _watts(device_id) * Decimal(str(hours)) / 1000 * Decimal(str(pue))
    assert result.energy_kwh == kwh
    assert result.grams == kwh * _intensity(location)
    assert str(result.intensity_year) in result.formula() or result.region_name in result.formula()


def test_unknown_device_is_never_given_a_wattage() -> None:
    with pytest.raises(EstimateError, match="never given a guessed wattage"):
        estimate("2 x Quantum Frobnicator 9000", 1, "Germany")


def test_a_count_of_logical_cpus_is_given_no_wattage() -> None:
    with pytest.raises(EstimateError, match="no rated power for 'i7-9750H CPU'"):
        estimate("12 CPU (i7-9750H CPU @ 2.60GHz)", 1, "Germany")


def test_unresolved_location_is_refused() -> None:
    with pytest.raises(EstimateError, match="no grid region"):
        estimate("1 x NVIDIA T4", 1, "Atlantis")


def test_estimate_cli_json() -> None:
    result = run_cardlint(
        "estimate",
        "--hardware",
        "8 x V100",
        "--hours",
        "3",
        "--location",
        "Germany",
        "--output-format",
        "json",
    )
    assert result.returncode == 0
    data = json.loads(result.stdout)
    expected = 8 * _watts("nvidia-v100-sxm2-16gb") * 3 / 1000 * _intensity("Germany")
    assert Decimal(repr(data["emissions_g"])) == pytest.approx(expected)
    assert data["region"]["id"] == "DE" and data["intensity_year"] and data["intensity_source"]


def test_estimate_cli_error_is_one_line() -> None:
    result = run_cardlint("estimate", "--hardware", "GPU", "--hours", "3", "--location", "Germany")
    assert (
        result.returncode == 2
        and result.stderr.count("\n") == 1
        and "Traceback" not in result.stderr
    )


def test_fix_estimate_fills_missing_emissions(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "---\nco2_eq_emissions:\n  training_type: fine-tuning\n  geographical_location: Quebec, Canada\n"
        "  hardware_used: 4 x NVIDIA A100-SXM4-80GB\n---\n",
        encoding="utf-8",
    )
    safe_only = run_cardlint("fix", "--estimate", "--hours", "2", str(readme))
    assert "emissions" not in parse_card(readme.read_text()).metadata["co2_eq_emissions"]  # type: ignore[index]
    assert "Fixed 0" in safe_only.stdout
    run_cardlint("fix", "--estimate", "--hours", "2", "--unsafe-fixes", str(readme))
    block = parse_card(readme.read_text()).metadata["co2_eq_emissions"]  # type: ignore[index]
    expected = 4 * _watts("nvidia-a100-sxm4-80gb") * 2 / 1000 * _intensity("Quebec, Canada")
    assert Decimal(repr(block["emissions"])) == pytest.approx(expected, rel=Decimal("0.001"))
    assert block["source"].startswith("Estimated by cardlint")


def test_hours_make_plausibility_check_fire(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "---\nco2_eq_emissions:\n  emissions: 2.6\n  hardware_used: 8 x V100\n  geographical_location: Germany\n---\n"
    )
    assert "CO2105" not in run_cardlint("check", "--select", "CO2105", str(readme)).stdout
    assert (
        "CO2105" in run_cardlint("check", "--select", "CO2105", "--hours", "3", str(readme)).stdout
    )


def test_estimate_needs_hours() -> None:
    result = run_cardlint("fix", "--estimate", "README.md")
    assert result.returncode == 2 and "--hours" in result.stderr
