"""EnergyMeter end to end with the fake NVML layer, a fake RAPL tree and real threads."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cardlint.energy import EnergyMeasurementError, EnergyMeter
from cardlint.energy.testing import (
    FakeDevice,
    FakeNvml,
    SineTrace,
    read_records,
    set_rapl_energy,
    write_rapl_zone,
)

TRACE = SineTrace(250.0, 120.0, 0.7)


def _two_gpus() -> FakeNvml:
    return FakeNvml(
        [
            FakeDevice("NVIDIA A100-SXM4-80GB", "GPU-aaaa", TRACE),
            FakeDevice("Tesla P100", "GPU-bbbb", TRACE, counter=False),
        ]
    )


def _resolver(location: str) -> tuple[str | None, float, int | None, str | None] | None:
    return ("CA-QC", 1.7, 2023, "test table") if location.startswith("Quebec") else None


def test_log_format_header_samples_end(tmp_path: Path, no_rapl: Path) -> None:
    log = tmp_path / "energy.jsonl"
    meter = EnergyMeter(
        log,
        interval=0.02,
        sample_every=0.1,
        location="Quebec, Canada",
        resolver=_resolver,
        pue=1.1,
        command=["python", "train.py"],
        nvml=_two_gpus(),
        rapl_root=no_rapl,
        environ={},
        tool_version="9.9",
    )
    with meter:
        time.sleep(0.6)
    records = read_records(log)
    header, samples, end = records[0], records[1:-1], records[-1]
    assert (
        header["record"] == "header"
        and header["format"] == "cardlint-energy"
        and header["format_version"] == 1
    )
    assert (
        header["tool"] == "cardlint"
        and header["tool_version"] == "9.9"
        and header["command"] == ["python", "train.py"]
    )
    assert header["host"] and header["started_at"].endswith("+00:00")
    assert header["devices"] == [
        {
            "index": 0,
            "name": "NVIDIA A100-SXM4-80GB",
            "uuid": "GPU-aaaa",
            "method": "energy_counter",
        },
        {"index": 1, "name": "Tesla P100", "uuid": "GPU-bbbb", "method": "power_sampling"},
    ]
    assert (
        header["cpu"]["method"] == "not_measured"
        and "no RAPL package zone" in header["cpu"]["reason"]
    )
    assert (header["location"], header["region_id"], header["intensity_g_per_kwh"]) == (
        "Quebec, Canada",
        "CA-QC",
        1.7,
    )
    assert (header["intensity_year"], header["intensity_source"], header["pue"]) == (
        2023,
        "test table",
        1.1,
    )

    assert len(samples) >= 2
    previous = 0.0
    for sample in samples:
        assert sample["record"] == "sample" and set(sample["energy_j"]) == {"gpu", "cpu", "dram"}
        assert sample["energy_j"]["cpu"] is None and sample["energy_j"]["dram"] is None
        assert set(sample["devices_j"]) == {"0", "1"}
        assert sample["energy_j"]["gpu"] == pytest.approx(
            sum(sample["devices_j"].values()), abs=0.01
        )
        assert sample["elapsed_s"] > previous and sample["energy_j"]["gpu"] > 0
        previous = sample["elapsed_s"]

    assert (
        end["record"] == "end"
        and end["exit_code"] is None
        and end["finished_at"].endswith("+00:00")
    )
    assert end["elapsed_s"] >= samples[-1]["elapsed_s"]
    gpu_j = end["energy_j"]["gpu"]
    assert gpu_j >= samples[-1]["energy_j"]["gpu"]
    assert end["energy_kwh"] == pytest.approx(gpu_j / 3.6e6)
    assert end["emissions_g"] == pytest.approx(gpu_j / 3.6e6 * 1.1 * 1.7)
    assert end["not_measured"]["cpu"] == header["cpu"]["reason"]
    assert meter.result is not None and meter.result.end_record()["energy_j"] == end["energy_j"]


def test_sampled_device_agrees_with_counter_within_one_percent(
    tmp_path: Path, no_rapl: Path
) -> None:
    meter = EnergyMeter(
        tmp_path / "e.jsonl", interval=0.02, nvml=_two_gpus(), rapl_root=no_rapl, environ={}
    )
    with meter:
        time.sleep(1.5)
    assert meter.result is not None
    counter, sampled = meter.result.devices_j["0"], meter.result.devices_j["1"]
    assert counter is not None and sampled is not None
    # about 2 periods
    assert counter == pytest.approx(TRACE.mean_w * meter.result.elapsed_s, rel=0.1)
    assert abs(sampled - counter) / counter < 0.01


def test_visible_devices_restrict_what_is_measured(tmp_path: Path, no_rapl: Path) -> None:
    with EnergyMeter(
        tmp_path / "e.jsonl",
        nvml=_two_gpus(),
        rapl_root=no_rapl,
        environ={"CUDA_VISIBLE_DEVICES": "GPU-bbbb"},
    ) as meter:
        time.sleep(0.05)
    header, end = read_records(tmp_path / "e.jsonl")
    assert [d["index"] for d in header["devices"]] == [1]
    assert set(end["devices_j"]) == {"1"}
    assert meter.result is not None and meter.result.energy_j["gpu"] == pytest.approx(
        end["devices_j"]["1"], abs=0.001
    )


def test_no_nvml_still_measures_and_says_why(tmp_path: Path, no_rapl: Path) -> None:
    nvml = FakeNvml([], init_error="NVML Shared Library Not Found")
    with EnergyMeter(
        tmp_path / "e.jsonl", nvml=nvml, rapl_root=no_rapl, environ={}, intensity=100.0
    ):
        pass
    header, end = read_records(tmp_path / "e.jsonl")
    assert header["devices"] == [] and header["gpu"] == {
        "method": "not_measured",
        "reason": "NVML Shared Library Not Found",
    }
    assert end["energy_j"] == {"gpu": None, "cpu": None, "dram": None}
    assert end["energy_kwh"] is None and end["emissions_g"] is None


def test_hidden_gpus_are_not_measured_not_zero(tmp_path: Path, no_rapl: Path) -> None:
    with EnergyMeter(
        None, nvml=_two_gpus(), rapl_root=no_rapl, environ={"CUDA_VISIBLE_DEVICES": ""}
    ) as meter:
        pass
    assert meter.result is not None
    assert meter.result.energy_j["gpu"] is None
    assert "CUDA_VISIBLE_DEVICES=''" in meter.result.not_measured["gpu"]


def test_gpu_lost_before_the_end_is_null(tmp_path: Path, no_rapl: Path) -> None:
    nvml = FakeNvml(
        [FakeDevice("A100", "GPU-a", TRACE), FakeDevice("A100", "GPU-b", TRACE, fail_from=0.2)]
    )
    with EnergyMeter(tmp_path / "e.jsonl", nvml=nvml, rapl_root=no_rapl, environ={}):
        time.sleep(0.3)
    end = read_records(tmp_path / "e.jsonl")[-1]
    assert end["devices_j"]["0"] > 0 and end["devices_j"]["1"] is None
    assert end["energy_j"]["gpu"] is None  # a partial sum would look like a measurement
    assert "energy counter read failed" in end["not_measured"]["gpu 1"]


def test_mig_is_refused_before_anything_is_written(tmp_path: Path, no_rapl: Path) -> None:
    nvml = FakeNvml([FakeDevice("A100", "GPU-a", TRACE, mig=True)])
    meter = EnergyMeter(tmp_path / "e.jsonl", nvml=nvml, rapl_root=no_rapl, environ={})
    with pytest.raises(EnergyMeasurementError, match="MIG mode"):
        meter.start()
    assert not (tmp_path / "e.jsonl").exists()
    assert nvml.calls["shutdown"] == 1


def _wait_until_polled(meter: EnergyMeter, package_uj: int) -> None:
    """Wait for the sampler thread to read ``package_uj`` (so no wrap is skipped by the test)."""
    deadline = time.monotonic() + 10
    while meter._rapl is not None and meter._rapl.zones[0].last_uj != package_uj:
        assert time.monotonic() < deadline, "the sampler never polled RAPL"
        time.sleep(0.005)


def test_rapl_wraps_while_running(tmp_path: Path) -> None:
    root = tmp_path / "powercap"
    write_rapl_zone(root, "intel-rapl:0", "package-0", 800_000_000, 1_000_000_000)
    write_rapl_zone(root, "intel-rapl:0:1", "dram", 10_000_000, 1_000_000_000)
    nvml = FakeNvml([], init_error="no NVML here")
    with EnergyMeter(
        tmp_path / "e.jsonl", interval=0.02, nvml=nvml, rapl_root=root, environ={}
    ) as meter:
        for value in (100_000_000, 900_000_000, 300_000_000):  # two wraps
            set_rapl_energy(root, "intel-rapl:0", value)
            _wait_until_polled(meter, value)
        set_rapl_energy(root, "intel-rapl:0:1", 30_000_000)
    header, *_, end = read_records(tmp_path / "e.jsonl")
    assert header["cpu"] == {"method": "rapl", "domains": ["package-0", "dram-0"]}
    assert end["energy_j"]["cpu"] == pytest.approx(300.0 + 800.0 + 400.0)
    assert end["energy_j"]["dram"] == pytest.approx(20.0)
    assert meter.result is not None and meter.result.energy_kwh == pytest.approx(1520.0 / 3.6e6)


def test_decorator_measures_each_call(tmp_path: Path, no_rapl: Path) -> None:
    meter = EnergyMeter(tmp_path / "e.jsonl", nvml=_two_gpus(), rapl_root=no_rapl, environ={})

    @meter
    def train(x: int) -> int:
        time.sleep(0.05)
        return x * 2

    assert train(21) == 42
    first = meter.result
    assert train(1) == 2
    assert meter.result is not first
    records = read_records(tmp_path / "e.jsonl")
    assert [r["record"] for r in records] == ["header", "end"]  # the second call's log


def test_exception_in_block_still_ends_the_log(tmp_path: Path, no_rapl: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        with EnergyMeter(tmp_path / "e.jsonl", nvml=_two_gpus(), rapl_root=no_rapl, environ={}):
            raise ZeroDivisionError
    assert read_records(tmp_path / "e.jsonl")[-1]["record"] == "end"


def test_misuse_and_bad_settings() -> None:
    with pytest.raises(ValueError):
        EnergyMeter(None, interval=0)
    with pytest.raises(ValueError):
        EnergyMeter(None, pue=0.5)
    with pytest.raises(RuntimeError):
        EnergyMeter(None).stop()


def test_summary_names_what_was_not_measured(tmp_path: Path, no_rapl: Path) -> None:
    with EnergyMeter(
        None, nvml=_two_gpus(), rapl_root=no_rapl, environ={}, intensity=400.0, pue=1.2
    ) as meter:
        time.sleep(0.05)
    assert meter.result is not None
    text = meter.result.summary()
    assert "GPU" in text and "kWh" in text and "energy counter" in text and "power sampling" in text
    assert "CPU  not measured: no RAPL package zone" in text
    assert "g CO2eq (400 g/kWh, PUE 1.2)" in text
