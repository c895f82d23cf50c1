"""GpuEnergy above a fake NVML layer: method choice, counters, power sampling, failures."""

from __future__ import annotations

import pytest

from cardlint.energy.devices import select_devices
from cardlint.energy.gpu import GpuEnergy
from cardlint.energy.testing import FakeDevice, FakeNvml, ManualClock, SineTrace, StepTrace


def _meter(
    clock: ManualClock, *devices: FakeDevice, max_gap: float = 1.0
) -> tuple[FakeNvml, GpuEnergy]:
    api = FakeNvml(list(devices), clock=clock)
    return api, GpuEnergy(select_devices(api, {}), max_gap)


def _run(
    clock: ManualClock, gpu: GpuEnergy, seconds: float, interval: float = 0.1
) -> dict[str, float | None]:
    gpu.start(clock())
    for _ in range(round(seconds / interval)):
        gpu.poll(clock.advance(interval))
    return gpu.finish(clock())


def test_counter_and_sampled_devices_match_the_exact_energy(clock: ManualClock) -> None:
    trace = SineTrace(300.0, 100.0, 3.0)
    api, gpu = _meter(
        clock,
        FakeDevice("A100", "GPU-a", trace),
        FakeDevice("P100", "GPU-b", trace, counter=False),
    )
    clock.advance(0.37)  # the window starts after device time 0
    joules = _run(clock, gpu, 12.0)
    exact = trace.joules(12.37) - trace.joules(0.37)
    assert joules["0"] == pytest.approx(exact, abs=0.002)  # counter: exact to the mJ
    assert joules["1"] == pytest.approx(exact, rel=0.01)
    assert [d["method"] for d in gpu.header()] == ["energy_counter", "power_sampling"]
    assert gpu.header()[0] == {
        "index": 0,
        "name": "A100",
        "uuid": "GPU-a",
        "method": "energy_counter",
    }
    assert gpu.problems() == {}
    assert api.calls["power"] == 122  # only the sampled device is polled: start + 120 + final


def test_counter_device_is_not_polled(clock: ManualClock) -> None:
    api, gpu = _meter(clock, FakeDevice("A100", "GPU-a", SineTrace(100.0)))
    _run(clock, gpu, 1.0)
    assert not gpu.needs_polling
    assert api.calls["power"] == 0
    assert api.calls["energy"] == 2  # the window's two ends


def test_device_with_neither_method_is_unavailable_with_reason(clock: ManualClock) -> None:
    _, gpu = _meter(clock, FakeDevice("Old", "GPU-a", SineTrace(100.0), counter=False, power=False))
    joules = _run(clock, gpu, 1.0)
    assert joules == {"0": None}
    entry = gpu.header()[0]
    assert entry["method"] == "unavailable"
    assert "not supported" in str(entry["reason"])
    assert "gpu 0" in gpu.problems()


def test_counter_failing_mid_run_loses_nothing(clock: ManualClock) -> None:
    trace = SineTrace(200.0)
    _, gpu = _meter(clock, FakeDevice("A100", "GPU-a", trace, fail_from=1.0, fail_until=2.0))
    gpu.start(clock())
    clock.advance(1.5)
    assert gpu.read() == {"0": None}  # a sample taken during the failure is missing...
    clock.advance(1.5)
    assert gpu.finish(clock()) == {"0": pytest.approx(600.0, abs=0.002)}  # ...the end is exact
    assert gpu.problems() == {}


def test_counter_failing_at_the_end_is_missing_not_zero(clock: ManualClock) -> None:
    _, gpu = _meter(clock, FakeDevice("A100", "GPU-a", SineTrace(200.0), fail_from=2.0))
    joules = _run(clock, gpu, 3.0)
    assert joules == {"0": None}
    assert "energy counter read failed" in gpu.problems()["gpu 0"]


def test_counter_going_backwards_is_missing(clock: ManualClock) -> None:
    device = FakeDevice("A100", "GPU-a", SineTrace(200.0))
    _, gpu = _meter(clock, device)
    gpu.start(clock())
    device.counter_offset_mj = 0  # as after a driver reload
    clock.advance(1.0)
    assert gpu.finish(clock()) == {"0": None}
    assert "backwards" in gpu.problems()["gpu 0"]


def test_power_failing_briefly_is_bridged(clock: ManualClock) -> None:
    trace = SineTrace(250.0)
    _, gpu = _meter(
        clock,
        FakeDevice("P100", "GPU-a", trace, counter=False, fail_from=1.0, fail_until=1.5),
        max_gap=1.0,
    )
    joules = _run(clock, gpu, 4.0)
    assert joules["0"] == pytest.approx(1000.0, rel=0.01)


def test_power_failing_too_long_is_missing(clock: ManualClock) -> None:
    trace = StepTrace(((0.0, 100.0),))
    _, gpu = _meter(
        clock,
        FakeDevice("P100", "GPU-a", trace, counter=False, fail_from=1.0, fail_until=3.0),
        max_gap=1.0,
    )
    joules = _run(clock, gpu, 4.0)
    assert joules == {"0": None}
    assert "no power reading" in gpu.problems()["gpu 0"]


def test_power_failing_until_the_end_is_missing(clock: ManualClock) -> None:
    _, gpu = _meter(
        clock,
        FakeDevice("P100", "GPU-a", SineTrace(100.0), counter=False, fail_from=2.0),
        max_gap=1.0,
    )
    assert _run(clock, gpu, 4.0) == {"0": None}


def test_counter_error_at_start_falls_back_to_power(clock: ManualClock) -> None:
    _, gpu = _meter(
        clock, FakeDevice("A100", "GPU-a", SineTrace(100.0), fail_from=0.0, fail_until=0.5)
    )
    clock.advance(0.6)  # inside no window: start reads succeed
    gpu.start(clock())
    assert gpu.header()[0]["method"] == "energy_counter"
    api, gpu = _meter(
        clock,
        FakeDevice("A100", "GPU-a", SineTrace(100.0), power=False, fail_from=0.0, fail_until=0.5),
    )
    gpu.start(clock())
    entry = gpu.header()[0]
    assert entry["method"] == "unavailable"
    assert "energy counter failed" in str(entry["reason"]) and "power reading failed" in str(
        entry["reason"]
    )
