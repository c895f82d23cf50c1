"""cardlint's energy log (docs/energy-log.md): joules to kWh, end record or last sample."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cardlint.logs import Device, Location, LogError
from cardlint.logs.cardlint_energy import read

FIXTURES = Path(__file__).parent / "fixtures" / "cardlint"

HEADER: dict[str, Any] = {
    "record": "header",
    "format": "cardlint-energy",
    "format_version": 1,
    "pue": None,
}


def sample(
    elapsed: float, gpu: float | None, cpu: float | None = None, record: str = "sample"
) -> dict[str, Any]:
    return {
        "record": record,
        "elapsed_s": elapsed,
        "energy_j": {"gpu": gpu, "cpu": cpu, "dram": None},
    }


def write(tmp_path: Path, *records: dict[str, Any], tail: str = "") -> Path:
    path = tmp_path / "cardlint-energy.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + tail, encoding="utf-8")
    return path


def test_complete_log_uses_end_record_and_applies_pue() -> None:
    m = read(FIXTURES / "complete.jsonl")
    # end: gpu 7.2e6 J = 2 kWh, cpu 3.6e5 J = 0.1 kWh, dram 3.6e4 J = 0.01 kWh; PUE 1.1
    assert m.gpu_energy_kwh == Decimal("2.2")
    assert m.cpu_energy_kwh == Decimal("0.11")
    assert m.ram_energy_kwh == Decimal("0.011")
    assert m.energy_kwh == Decimal("2.11") * Decimal("1.1")
    assert m.emissions_g == Decimal("69.63")  # as the end record states: 2.11 kWh x 1.1 x 30 g/kWh
    assert m.duration_s == 7200
    assert m.pue == Decimal("1.1")
    assert m.hardware == (Device("gpu", "NVIDIA A100-SXM4-80GB", 2),)
    assert m.location == Location(region="CA-QC", text="Quebec, Canada")
    assert m.tool == "cardlint" and m.tool_version == "0.1.0" and m.format == "cardlint"
    assert m.finished and m.notes == ()
    assert m.runs[0].label == "python train.py --epochs 3" and m.runs[0].line == 4
    assert m.describe() == "complete.jsonl (cardlint 0.1.0): 69.6 g CO2eq, 2.32 kWh"


def test_partial_log_counts_last_complete_sample_and_ignores_cut_line() -> None:
    m = read(FIXTURES / "partial.jsonl")
    # last complete sample (line 3): gpu 1.8e6 J = 0.5 kWh; no PUE; 400 g/kWh in the header
    assert m.energy_kwh == Decimal("0.5") and m.gpu_energy_kwh == Decimal("0.5")
    assert m.cpu_energy_kwh is None and m.ram_energy_kwh is None
    assert m.emissions_g == Decimal("0.5") * 400
    assert m.duration_s == 3600
    assert not m.finished
    assert m.notes == (
        "CPU not measured: RAPL is not readable in this container",
        "no end record: the run did not finish; totals are from the sample on line 3",
    )
    assert m.describe() == "partial.jsonl (cardlint 0.1.0, partial): 200 g CO2eq, 0.500 kWh"


def test_end_record_without_its_newline_is_ignored(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER, sample(10, 3600.0), tail=json.dumps(sample(20, 7200.0, record="end"))
    )
    m = read(path)
    assert not m.finished and m.energy_kwh == Decimal("0.001")


def test_nothing_measured_gives_unknown_energy_not_zero(tmp_path: Path) -> None:
    m = read(write(tmp_path, HEADER, sample(10, None, None, record="end")))
    assert m.energy_kwh is None and m.emissions_g is None and m.finished


def test_end_record_with_null_emissions(tmp_path: Path) -> None:
    end = sample(10, 3600.0, record="end") | {"emissions_g": None}
    m = read(write(tmp_path, HEADER | {"intensity_g_per_kwh": 100}, end))
    assert m.energy_kwh == Decimal("0.001") and m.emissions_g is None


@pytest.mark.parametrize(
    ("records", "tail", "line", "message"),
    [
        ((HEADER,), "", 1, "no sample or end record"),
        ((), '{"record": "header"', 1, "no complete record"),
        (
            (HEADER | {"format_version": 2},),
            "",
            1,
            "format_version 2 is not one this cardlint reads",
        ),
        ((HEADER | {"format": "other"},), "", 1, "the header's format is 'other'"),
        ((sample(1, 1.0),), "", 1, "the first record must be the header"),
        ((HEADER, HEADER), "", 2, "a second header record"),
        (
            (HEADER, sample(1, 1.0, record="end"), sample(2, 2.0)),
            "",
            3,
            "a record after the end record",
        ),
        ((HEADER, sample(1, 5.0), sample(2, 4.0)), "", 3, "gpu falls from 5.0 to 4.0"),
        ((HEADER, sample(1, -1.0)), "", 2, "energy_j.gpu is negative"),
        (
            (HEADER, {"record": "sample", "elapsed_s": 1, "energy_j": {"gpu": "12"}}),
            "",
            2,
            "must be a number",
        ),
        ((HEADER, {"record": "checkpoint"}), "", 2, "unknown record type 'checkpoint'"),
        ((HEADER, {"record": "sample", "elapsed_s": 1}), "", 2, "energy_j must be an object"),
    ],
)
def test_bad_logs(
    tmp_path: Path, records: tuple[dict[str, Any], ...], tail: str, line: int, message: str
) -> None:
    with pytest.raises(LogError) as caught:
        read(write(tmp_path, *records, tail=tail))
    assert caught.value.line == line
    assert message in caught.value.message


def test_nan_and_broken_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "cardlint-energy.jsonl"
    path.write_text(
        json.dumps(HEADER) + '\n{"record": "sample", "elapsed_s": 1, "energy_j": {"gpu": NaN}}\n'
    )
    with pytest.raises(LogError, match=r":2: energy_j.gpu must be a number or null, not 'NaN'"):
        read(path)
    path.write_text(json.dumps(HEADER) + '\n{"record": "sample",\n')
    with pytest.raises(LogError, match=r":2: not valid JSON"):
        read(path)
