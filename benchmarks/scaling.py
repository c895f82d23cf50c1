"""How ``cardlint check`` and ``cardlint fix`` grow with the size of one card (issue 21, part 5).

    python benchmarks/scaling.py [--scale 1.0] [--only NAME] [--command check|fix] [--steps 3]

Each input of the issue is generated at three sizes (``--steps``) (each twice the one before) and run through
the command line, one fresh process per measurement, in a temporary folder. For each it prints
the seconds and the peak RSS (the process's ``ru_maxrss``), both per MB of card, and the growth
ratio from one size to the next: about 2 means linear, about 4 quadratic. The budget it is held
to is 1 s and 200 MB per MB of card (a card under 1 MB counts as 1 MB, so start-up is not
counted against small cards); lines over it are marked.

``--scale`` multiplies every size (0.25 for a quick look); the default sizes are those of the
issue's reproductions, doubled twice.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

BUDGET_S_PER_MB = 1.0
BUDGET_MB_PER_MB = 200.0


def prose_amounts(n: int) -> str:
    return "---\nlicense: mit\n---\n" + "Emissions 3 kg CO2 " * n


def yes_list(n: int) -> str:
    return "---\nx: [" + ", ".join(["yes"] * n) + "]\n---\n"


def exponent_keys(n: int) -> str:
    return "---\n" + "".join(f"k{i:06d}: 1e3\n" for i in range(n)) + "---\n"


def plain_keys(n: int) -> str:
    return "---\n" + "".join(f"k{i:06d}: v\n" for i in range(n)) + "---\n"


def unit_keys(n: int) -> str:
    return "---\nco2_eq_emissions:\n  emissions: 12\n" + "  unit: g\n" * n + "---\n"


def long_location(n: int) -> str:
    words = "".join(
        chr(97 + (i * 7 + i // 26) % 26) + ("  ,-"[i % 4] if i % 5 == 4 else "") for i in range(n)
    )
    return f'---\nco2_eq_emissions:\n  emissions: 12\n  geographical_location: "{words}"\n---\n'


# name: (card for a size, first size, commands)
INPUTS: dict[str, tuple[Callable[[int], str], int, tuple[str, ...]]] = {
    "prose-amounts": (prose_amounts, 4_000, ("check", "fix")),
    "yes-list": (yes_list, 4_000, ("check", "fix")),
    "exponent-keys": (exponent_keys, 7_000, ("check", "fix")),
    "plain-keys": (plain_keys, 175_000, ("check", "fix")),
    "unit-keys": (
        unit_keys,
        5_000,
        ("check", "fix"),
    ),  # one fix removing thousands of duplicate keys
    # cards dense with findings from 1 MB: 80,000 CL005 findings per MB, and 200,000 on one line
    "dense-keys": (exponent_keys, 80_000, ("check", "fix")),
    "dense-yes": (yes_list, 200_000, ("check", "fix")),
    "long-location": (long_location, 1_000, ("check",)),
}


def measure(command: str, card: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``cardlint COMMAND card`` in a fresh process."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "subprocess.run([sys.executable, '-m', 'cardlint', *sys.argv[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    output = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            command,
            "--no-config",
            "--unsafe-fixes" if command == "fix" else "--exit-zero",
            str(card),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    ).stdout.split()
    return float(output[0]), int(output[1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", choices=sorted(INPUTS))
    parser.add_argument("--command", choices=("check", "fix"))
    parser.add_argument(
        "--steps", type=int, default=3, help="sizes per input, each twice the one before"
    )
    args = parser.parse_args()
    print(
        f"budget: {BUDGET_S_PER_MB:g} s and {BUDGET_MB_PER_MB:g} MB per MB of card (cards under 1 MB count as 1 MB)"
    )
    print(
        f"{'input':<15} {'cmd':<5} {'size':>9} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'MB/MB':>6} {'time x':>7} {'mem x':>6}"
    )
    over = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, (make, first, commands) in INPUTS.items():
            if args.only and name != args.only:
                continue
            for command in commands:
                if args.command and command != args.command:
                    continue
                previous: tuple[float, float] | None = None
                for step in range(args.steps):
                    text = make(int(first * args.scale) * 2**step)
                    card = Path(folder) / "README.md"
                    card.write_text(text, encoding="utf-8")
                    seconds, peak = measure(command, card)
                    megabytes = len(text.encode()) / 1e6
                    counted = max(1.0, megabytes)
                    growth = (
                        f"{seconds / previous[0]:7.2f} {peak / previous[1]:6.2f}"
                        if previous
                        else f"{'':>7} {'':>6}"
                    )
                    flag = (
                        "  over budget"
                        if seconds / counted > BUDGET_S_PER_MB or peak / counted > BUDGET_MB_PER_MB
                        else ""
                    )
                    over += bool(flag)
                    print(
                        f"{name:<15} {command:<5} {megabytes:8.3f}M {seconds:8.2f} {seconds / megabytes:6.2f} {peak:8.0f} {peak / megabytes:6.0f} {growth}{flag}"
                    )
                    previous = (seconds, peak)
    print(f"{over} measurement(s) over budget" if over else "all within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
