"""Real-GPU check of cardlint.energy (not collected by pytest): energy counter vs power sampling.

Runs about a minute of work (5 s idle, matrix multiplies on every visible GPU, 5 s idle) under
two EnergyMeters at once, both going through the shipped code: one uses NVML as it is (the
energy counter on Volta and newer), the other is told the counter is NOT_SUPPORTED, so it
integrates nvmlDeviceGetPowerUsage samples every 100 ms. Prints the devices, both totals per
device and their relative difference, and writes both logs.

    python tests/gpu/check_nvml.py [--seconds 60] [--out DIR]

Exit status: 0 when every device agrees within 5 %, 1 when not (or a device was not
measured), 2 when NVML or a GPU is not available. Finishes in about two minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cardlint.energy import EnergyMeasurementError, EnergyMeter  # noqa: E402
from cardlint.energy.nvml_api import NvmlError, NvmlNotSupported, PynvmlApi  # noqa: E402

TOLERANCE = 0.05


class PowerOnlyNvml(PynvmlApi):
    """Real NVML, except that the energy counter reports NOT_SUPPORTED."""

    def total_energy_mj(self, handle: Any) -> int:
        """Pretend the device has no energy counter."""
        raise NvmlNotSupported("disabled by check_nvml.py to force power sampling")


def gpu_workload() -> tuple[str, Callable[[float], int]]:
    """A description and a function running matrix multiplies on all visible GPUs for N seconds."""
    try:
        import torch

        if torch.cuda.is_available():
            return f"torch {torch.__version__}, {torch.cuda.device_count()} GPU(s)", _torch_matmuls
        reason = "torch is installed but sees no CUDA device"
    except ImportError:
        reason = "torch is not installed"
    try:
        import cupy

        if cupy.cuda.runtime.getDeviceCount() > 0:
            return f"cupy {cupy.__version__}", _cupy_matmuls
    except Exception as exc:  # ImportError, or a CUDA runtime error from cupy
        reason += f"; cupy unavailable ({type(exc).__name__}: {exc})"
    return f"COULD NOT LOAD THE GPU ({reason}): CPU busy loop instead, GPUs stay idle", _busy_loop


def _torch_matmuls(seconds: float) -> int:
    """bf16 8192x8192 matmuls on every CUDA device; returns the number of launches."""
    import torch

    devices = [torch.device("cuda", i) for i in range(torch.cuda.device_count())]
    mats = [(torch.randn(8192, 8192, device=d, dtype=torch.bfloat16),) * 2 for d in devices]
    launches, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        for a, b in mats:
            for _ in range(8):
                a @ b
                launches += 1
        for d in devices:
            torch.cuda.synchronize(d)
    return launches


def _cupy_matmuls(seconds: float) -> int:
    """float32 8192x8192 matmuls on every CUDA device; returns the number of launches."""
    import cupy

    mats = []
    for i in range(cupy.cuda.runtime.getDeviceCount()):
        with cupy.cuda.Device(i):
            mats.append((i, cupy.random.rand(8192, 8192, dtype=cupy.float32)))
    launches, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        for i, a in mats:
            with cupy.cuda.Device(i):
                for _ in range(4):
                    a @ a
                    launches += 1
        for i, _ in mats:
            cupy.cuda.Device(i).synchronize()
    return launches


def _busy_loop(seconds: float) -> int:
    """Spin the CPU; returns the number of iterations."""
    n, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        n += 1
    return n


def main() -> int:
    """Run the check; see the module docstring for the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=60.0, help="total time, idle phases included"
    )
    parser.add_argument("--out", type=Path, default=None, help="folder for the two logs")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="cardlint-nvml-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"CUDA_VISIBLE_DEVICES={os.environ.get('CUDA_VISIBLE_DEVICES')!r}", flush=True)
    try:
        api = PynvmlApi()
        api.init()
        count = api.device_count()
        api.shutdown()
    except NvmlError as exc:  # NvmlUnavailable included
        print(f"SKIP: NVML not available: {exc}")
        return 2
    if count == 0:
        print("SKIP: NVML sees no GPU")
        return 2
    counter_meter = EnergyMeter(
        out / "counter.jsonl", nvml=PynvmlApi(), interval=0.1, sample_every=10
    )
    power_meter = EnergyMeter(
        out / "power.jsonl", nvml=PowerOnlyNvml(), interval=0.1, sample_every=10
    )
    description, work = gpu_workload()
    print(f"workload: {description}", flush=True)
    idle = min(5.0, args.seconds / 6)
    try:
        counter_meter.start()
        power_meter.start()
    except EnergyMeasurementError as exc:
        print(f"SKIP: {exc}")
        return 2
    time.sleep(idle)
    started = time.monotonic()
    launches = work(args.seconds - 2 * idle)
    print(f"work: {launches} launches in {time.monotonic() - started:.1f} s", flush=True)
    time.sleep(idle)
    power = power_meter.stop()
    counter = counter_meter.stop()
    return report(counter_result=counter, power_result=power, out=out)


def report(counter_result: Any, power_result: Any, out: Path) -> int:
    """Print devices and both totals; return the exit status."""
    if not counter_result.devices:
        print(f"SKIP: no GPU measured: {counter_result.not_measured.get('gpu')}")
        return 2
    print(f"\nwindow: {counter_result.elapsed_s:.1f} s")
    status = 0
    print(
        f"{'index':>5}  {'name':<28} {'uuid':<42} {'method A':<15} {'A: J':>12} {'B (power) J':>12} {'rel diff':>9}"
    )
    for dev, dev_b in zip(counter_result.devices, power_result.devices):
        key = str(dev["index"])
        a, b = counter_result.devices_j.get(key), power_result.devices_j.get(key)
        if a is None or b is None or dev_b["method"] != "power_sampling":
            diff, status = "n/a", 1
        else:
            rel = abs(a - b) / a if a else float("inf")
            diff = f"{rel:9.2%}"
            status = status or (1 if rel > TOLERANCE else 0)
        fmt = lambda j: "missing" if j is None else f"{j:12.1f}"  # noqa: E731
        print(
            f"{dev['index']:>5}  {dev['name']:<28} {dev['uuid']:<42} {dev['method']:<15} {fmt(a):>12} {fmt(b):>12} {diff:>9}"
        )
    print(
        "\nA = EnergyMeter as shipped; B = same meter with the energy counter disabled (100 ms power samples)"
    )
    print("\n--- A summary ---\n" + counter_result.summary())
    print("\n--- B summary ---\n" + power_result.summary())
    print(f"\nlogs: {out / 'counter.jsonl'}  {out / 'power.jsonl'}")
    print("RESULT: " + ("PASS (within 5 %)" if status == 0 else "FAIL or incomplete"))
    return status


if __name__ == "__main__":
    sys.exit(main())
