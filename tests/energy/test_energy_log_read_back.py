"""What the energy meter writes is what the fixer reads: the meter's log, read by cardlint's log
reader, gives the meter's own totals (the format's name and version are defined once, by the
writer, and the reader imports them)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from cardlint.energy import EnergyMeter
from cardlint.energy.log import DEFAULT_LOG
from cardlint.energy.testing import FakeDevice, FakeNvml, SineTrace
from cardlint.logs.discover import read_log
from cardlint.logs.names import discover_logs


def _resolver(location: str) -> tuple[str | None, float, int | None, str | None] | None:
    return ("DE", 380.0, 2024, "test table") if location.startswith("Germany") else None


@pytest.mark.parametrize("pue", [1.0, 1.2])
def test_the_meters_log_reads_back_with_its_totals(
    tmp_path: Path, no_rapl: Path, pue: float
) -> None:
    log = tmp_path / DEFAULT_LOG
    nvml = FakeNvml(
        [FakeDevice("NVIDIA A100-SXM4-80GB", "GPU-aaaa", SineTrace(250.0, 120.0, 0.7))] * 2
    )
    meter = EnergyMeter(
        log,
        interval=0.02,
        location="Germany",
        resolver=_resolver,
        pue=pue,
        nvml=nvml,
        rapl_root=no_rapl,
        environ={},
    )
    with meter:
        time.sleep(0.4)
    result = meter.result
    assert result is not None
    end = result.end_record()

    assert discover_logs(tmp_path) == [str(log)]  # found beside a README under the meter's name
    measurement = read_log(log)
    assert measurement.format == "cardlint" and measurement.tool == "cardlint"
    assert measurement.energy_kwh is not None and measurement.emissions_g is not None
    # times PUE, as in every format
    assert float(measurement.energy_kwh) == pytest.approx(end["energy_kwh"] * pue, rel=1e-9)
    assert float(measurement.emissions_g) == pytest.approx(end["emissions_g"], rel=1e-9)
    # the grid's intensity
    assert measurement.emissions_g / measurement.energy_kwh == pytest.approx(
        Decimal(380), rel=Decimal("1e-6")
    )
    assert [
        (device.model, device.count) for device in measurement.hardware if device.kind == "gpu"
    ] == [("NVIDIA A100-SXM4-80GB", 2)]
    assert measurement.location is not None and (
        measurement.location.text,
        measurement.location.region,
    ) == ("Germany", "DE")
