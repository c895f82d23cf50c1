"""CPU cost of cardlint's energy sampler, per second of wall time.

Runs EnergyMeter with the fake NVML layer (2 devices with energy counters, 2 without, which are
power-sampled) and a fake RAPL tree (2 packages, 2 DRAM zones) at several polling intervals,
while the main thread sleeps, and reports the process CPU time per wall second against an idle
baseline (the same sleep without a meter) measured in the same run.

    python benchmarks/energy_overhead.py [--seconds 3] [--intervals 0.01 0.05 0.1 0.5 1]

(from the repository root, with cardlint installed or ``PYTHONPATH=.``)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from cardlint.energy import EnergyMeter
from cardlint.energy.testing import FakeDevice, FakeNvml, SineTrace, write_rapl_zone


def _fake_nvml() -> FakeNvml:
    """Four simulated GPUs, two of them without an energy counter."""
    return FakeNvml(
        [
            FakeDevice(f"GPU {i}", f"GPU-{i:08x}", SineTrace(250.0, 50.0, 3.0), counter=i < 2)
            for i in range(4)
        ]
    )


def _fake_rapl(root: Path) -> Path:
    """Two sockets with package and DRAM zones."""
    for socket in (0, 1):
        write_rapl_zone(root, f"intel-rapl:{socket}", f"package-{socket}", 1_000_000)
        write_rapl_zone(root, f"intel-rapl:{socket}:0", "dram", 1_000_000)
    return root


def cpu_per_wall_second(seconds: float, meter: EnergyMeter | None) -> float:
    """Process CPU seconds per wall second while the main thread sleeps ``seconds``."""
    if meter is not None:
        meter.start()
    cpu0, wall0 = time.process_time(), time.monotonic()
    time.sleep(seconds)
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    if meter is not None:
        meter.stop()
    return cpu / wall


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="wall time per measurement")
    parser.add_argument("--intervals", type=float, nargs="+", default=[0.01, 0.05, 0.1, 0.5, 1.0])
    parser.add_argument(
        "--sample-every", type=float, default=1.0, help="log sample period (fsync each)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        rapl_root = _fake_rapl(Path(tmp) / "powercap")
        idle = cpu_per_wall_second(args.seconds, None)
        print(f"idle baseline: {idle * 1e3:.3f} ms CPU per wall second")
        print(f"{'interval':>9} {'ms CPU/s':>9} {'% of a core':>12} {'x idle':>9}")
        for interval in args.intervals:
            meter = EnergyMeter(
                Path(tmp) / "e.jsonl",
                interval=interval,
                sample_every=args.sample_every,
                nvml=_fake_nvml(),
                rapl_root=rapl_root,
                environ={},
            )
            cost = cpu_per_wall_second(args.seconds, meter)
            ratio = f"{cost / idle:9.1f}" if idle > 0 else f"{'inf':>9}"
            print(f"{interval:>8g}s {cost * 1e3:9.3f} {cost * 100:11.3f}% {ratio}")
    print("(the fake NVML layer costs less than a driver call; real reads add per-call time)")


if __name__ == "__main__":
    main()
