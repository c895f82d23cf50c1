"""Benchmark: a concurrent ``cardlint check --author`` scan against a sequential ``ModelCard.load`` loop.

Both read the same repositories from the fake Hub of the tests (every request delayed by the
latency, 50 ms by default), each in a fresh process with an empty cache, and each is timed inside
its process (interpreter start-up excluded). The scan lists the author, reads each repository's
file list, downloads and lints every card; the loop only downloads and parses them.

    python benchmarks/hub_scan.py [--repos 200] [--latency 0.05] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hub"))

from fake_hub import FakeHub, FakeRepo  # noqa: E402

CARD = '---\nco2_eq_emissions:\n  emissions: "{grams} g"\n  training_type: fine-tuning\n---\n# Model {index}\n'

SCAN = """
import sys, time
from cardlint.cli import main
start = time.perf_counter()
code = main(["check", "--author", "bench", "--concurrency", sys.argv[1], "--quiet", "--output-format", "json", "--output-file", sys.argv[2]])
print(time.perf_counter() - start, code)
"""

LOOP = """
import sys, time
from huggingface_hub import ModelCard
start = time.perf_counter()
cards = [ModelCard.load(f"bench/m{index:04d}") for index in range(int(sys.argv[1]))]
assert all("co2_eq_emissions" in card.data.to_dict() for card in cards)
print(time.perf_counter() - start, 0)
"""


def timed(code: str, args: list[str], env: dict[str, str]) -> float:
    """Seconds the code reports for itself, run in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"benchmark step failed:\n{done.stdout}{done.stderr}")
    seconds, exit_code = done.stdout.split()
    if exit_code not in ("0", "1"):  # 1: the cards have findings, as intended
        raise SystemExit(f"cardlint exited {exit_code}:\n{done.stderr}")
    return float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument(
        "--latency", type=float, default=0.05, help="seconds added to every request"
    )
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    with FakeHub(latency=options.latency) as hub, tempfile.TemporaryDirectory() as tmp:
        for index in range(options.repos):
            hub.add(
                FakeRepo(
                    f"bench/m{index:04d}",
                    {"README.md": CARD.format(grams=index + 1, index=index).encode()},
                )
            )
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("HF_", "HUGGING"))
        }
        env.update(
            HF_ENDPOINT=hub.url, HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_DISABLE_PROGRESS_BARS="1"
        )
        scan = timed(
            SCAN,
            [str(options.concurrency), f"{tmp}/report.json"],
            {**env, "HF_HOME": f"{tmp}/scan"},
        )
        scan_requests = len(hub.requests)
        loop = timed(LOOP, [str(options.repos)], {**env, "HF_HOME": f"{tmp}/loop"})
        loop_requests = len(hub.requests) - scan_requests
    print(f"{options.repos} repositories, {options.latency * 1000:.0f} ms per request")
    print(
        f"cardlint check --author, --concurrency {options.concurrency}: {scan:6.2f} s ({scan_requests} requests)"
    )
    print(f"sequential ModelCard.load loop:          {loop:6.2f} s ({loop_requests} requests)")
    print(f"ratio (scan / loop): {scan / loop:.3f}")


if __name__ == "__main__":
    main()
