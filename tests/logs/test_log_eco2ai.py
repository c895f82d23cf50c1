"""eco2AI CSV: one run per tracker id (last row), epoch rows of one id summed, kg to g."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cardlint.logs import Device, Location, LogError
from cardlint.logs.eco2ai import read

FIXTURES = Path(__file__).parent / "fixtures" / "eco2ai"


def test_two_trackers_with_device_columns_added_later() -> None:
    m = read(FIXTURES / "emission.csv")
    assert m.emissions_g == (Decimal("0.0123") + Decimal("0.0077")) * 1000 == 20
    assert m.energy_kwh == Decimal("0.05") + Decimal("0.03")
    assert m.duration_s == Decimal("3600.5") + Decimal("2400.25")
    # the first run has N/A device columns: component totals are unknown, not partial sums
    assert (m.cpu_energy_kwh, m.gpu_energy_kwh, m.ram_energy_kwh) == (None, None, None)
    assert m.hardware == (
        Device("gpu", "NVIDIA A100-SXM4-80GB", 4),
        Device("cpu", "AMD EPYC 7402 24-Core Processor", 2),
    )
    assert m.location == Location(country_iso="DE", region="Bavaria")
    assert [r.run_id for r in m.runs] == [
        "3f1c2a9e-5b7d-4e21-9c0a-1d2e3f4a5b6c",
        "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
    ]
    assert m.tool == "eco2AI" and m.format == "eco2ai" and m.tool_version is None
    assert m.describe() == "emission.csv (eco2AI, 2 runs): 20.0 g CO2eq, 0.0800 kWh"


def test_training_mode_epoch_rows_are_summed_into_one_run() -> None:
    m = read(FIXTURES / "training_epochs.csv")
    assert m.emissions_g == (Decimal("0.001") + Decimal("0.0012") + Decimal("0.0013")) * 1000
    assert m.energy_kwh == Decimal("0.004") + Decimal("0.0048") + Decimal("0.0052")
    assert m.duration_s == 600 + 610 + 590
    assert len(m.runs) == 1 and m.runs[0].line == 4


def test_old_version_without_id_kwth_column_and_parenthesised_region() -> None:
    m = read(FIXTURES / "old_kwth.csv")
    assert m.emissions_g == (Decimal("0.00045") + Decimal("0.0009")) * 1000
    assert m.energy_kwh == Decimal("0.003")
    assert len(m.runs) == 2 and m.runs[0].run_id is None
    assert m.location == Location(country_iso="RU", region="Moscow")
    assert m.hardware == (Device("cpu", "Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz", 1),)


def test_mixed_epoch_and_run_rows_of_one_id_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "emission.csv"
    path.write_text(
        "id,epoch,duration(s),power_consumption(kWh),CO2_emissions(kg)\n"
        'x,"epoch: 1, ",10,0.1,0.05\n'
        "x,N/A,20,0.2,0.1\n"
    )
    with pytest.raises(LogError, match="mixes epoch rows and run rows"):
        read(path)


def test_missing_emissions_column(tmp_path: Path) -> None:
    path = tmp_path / "emission.csv"
    path.write_text("id,duration(s),power_consumption(kWh)\nx,10,0.1\n")
    with pytest.raises(LogError, match="missing required column 'CO2_emissions\\(kg\\)'"):
        read(path)
