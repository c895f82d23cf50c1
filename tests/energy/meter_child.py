"""Test helper run as a child process: a meter with fake NVML and RAPL that runs until killed.

Usage: python meter_child.py LOG POWERCAP_ROOT
Prints "started" once the header is written, then keeps sampling until killed.
"""

from __future__ import annotations

import sys
import time

from cardlint.energy import EnergyMeter
from cardlint.energy.testing import FakeDevice, FakeNvml, SineTrace, write_rapl_zone


def main() -> None:
    log, root = sys.argv[1], sys.argv[2]
    write_rapl_zone(root, "intel-rapl:0", "package-0", 0)
    nvml = FakeNvml(
        [
            FakeDevice("A100", "GPU-aaaa", SineTrace(300.0, 50.0, 1.0)),
            FakeDevice("P100", "GPU-bbbb", SineTrace(200.0), counter=False),
        ]
    )
    EnergyMeter(
        log,
        interval=0.01,
        sample_every=0.05,
        nvml=nvml,
        rapl_root=root,
        environ={},
        command=["meter_child"],
    ).start()
    print("started", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
