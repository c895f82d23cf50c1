"""Start-up, throughput and memory of ``cardlint check``, against a floor and a hand-written checker.

    python benchmarks/run.py [--cards 2000] [--startup-runs 15] [--runs 3] [--seed 0]

(from the repository root, with cardlint and huggingface_hub installed). Everything is measured
in the same run on the same generated corpus (see corpus.py), as whole processes:

- start-up: ``cardlint check README.md`` on one card (a clean one, and one with findings) against
  ``python -c "import yaml"`` (the floor) and ``from huggingface_hub import ModelCard`` (what a
  hand-written checker pays before reading anything);
- throughput: cards per second of ``cardlint check`` over the corpus, in one process (``--jobs 1``)
  and as run by default (by free CPUs and bytes; see benchmarks/PARALLEL.md), against the floor (read
  each file, split it with the Hub's regex, parse the block with PyYAML's C loader) and a
  hand-written checker (huggingface_hub's ``metadata_load`` and a compiled jsonschema validator
  for ``co2_eq_emissions``), each in one process;
- memory: the peak RSS of each corpus run (``ru_maxrss`` of the process tree).

Every command runs once untimed first, with bytecode caching on (in a temporary folder), as an
installed tool would run; the timed runs are interleaved so that a busy machine slows each alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, make_card  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# cardlint check as run by default: cardlint.commands.check.default_processes (benchmarks/PARALLEL.md)
DEFAULT = "cardlint check (concise), default --jobs"
SCHEMA = REPO / "schemas" / "co2_eq_emissions.schema.json"

# Runs a command and prints its wall time, the CPU time and peak RSS of its process tree.
MEASURE = """\
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[2:], cwd=sys.argv[1] or None, stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""

FLOOR = """\
import re, sys, yaml
BLOCK = re.compile(r"^(\\s*---(?:\\r\\n|\\r|\\n))([\\S\\s]*?)((?:\\r\\n|\\r|\\n)---[ \\t]*(\\r\\n|\\n|$))")
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, encoding="utf-8-sig", newline="") as handle:
        match = BLOCK.search(handle.read())
    if match:
        try:
            yaml.load(match.group(2), Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
"""

HAND_WRITTEN = """\
import json, sys
import jsonschema
import yaml
from huggingface_hub.repocard import metadata_load
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[2], encoding="utf-8")))
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    try:
        metadata = metadata_load(path) or {}
    except (yaml.YAMLError, ValueError, UnicodeDecodeError) as error:
        print(f"{path}: cannot read metadata: {error}")
        continue
    if "co2_eq_emissions" in metadata:
        for error in validator.iter_errors(metadata["co2_eq_emissions"]):
            print(f"{path}: co2_eq_emissions: {error.message}")
"""


@dataclass
class Sample:
    """One measured run of a command."""

    wall: float
    cpu: float
    rss_kb: int


class Bench:
    """Runs commands in a prepared environment and measures them."""

    def __init__(self, workdir: Path) -> None:
        self.env = {**os.environ, "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env.pop("GITHUB_ACTIONS", None)

    def measure(self, command: list[str], cwd: Path | None = None) -> Sample:
        """Run ``command`` once through the measuring wrapper; exit codes 0 and 1 are accepted."""
        wrapper = [sys.executable, "-c", MEASURE, str(cwd or ""), *command]
        output = subprocess.run(
            wrapper, env=self.env, capture_output=True, text=True, check=True
        ).stdout.split()
        wall, cpu, rss, code = float(output[0]), float(output[1]), int(output[2]), int(output[3])
        if code not in (0, 1):
            detail = subprocess.run(
                command, cwd=cwd, env=self.env, capture_output=True, text=True
            ).stderr
            raise SystemExit(
                f"benchmark command failed with exit code {code}: {' '.join(command)}\n{detail[-2000:]}"
            )
        return Sample(wall, cpu, rss)

    def compare(
        self, commands: Mapping[str, tuple[list[str], Path | None]], runs: int
    ) -> dict[str, list[Sample]]:
        """Warm each command up once, then run them all ``runs`` times, interleaved."""
        for command, cwd in commands.values():
            self.measure(command, cwd)
        samples: dict[str, list[Sample]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, (command, cwd) in commands.items():
                samples[name].append(self.measure(command, cwd))
        return samples


def cardlint_command() -> list[str]:
    """The ``cardlint`` console script beside this Python, or ``python -m cardlint``."""
    script = Path(sys.executable).with_name("cardlint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cardlint"]


def machine() -> str:
    """CPU count and model, Python, PyYAML (and whether its C loader is there), huggingface_hub, cardlint."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = subprocess.run(
        [
            sys.executable,
            "-c",
            "import yaml, huggingface_hub, cardlint; "
            "print(yaml.__version__, yaml.__with_libyaml__, huggingface_hub.__version__, cardlint.__version__, cardlint.__file__, sep='\\n')",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),  # "python -c" imports from its folder first: not the checkout's cardlint
    ).stdout.splitlines()
    libyaml = "C loader" if versions[1] == "True" else "no C loader"
    # an editable install runs from the checkout, and its import hook loads pathlib in every process (the floor's too)
    install = (
        "editable install"
        if Path(versions[4]).resolve().is_relative_to(REPO)
        else "regular install"
    )
    return (
        f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"PyYAML {versions[0]} ({libyaml}), huggingface_hub {versions[2]}, cardlint {versions[3]} ({install})"
    )


def median(samples: list[Sample], attribute: str) -> float:
    return statistics.median(getattr(sample, attribute) for sample in samples)


def startup(bench: Bench, workdir: Path, runs: int, seed: int) -> tuple[list[str], float]:
    """Table rows for start-up, and the slower of the two single-card medians (seconds)."""
    import random

    rng = random.Random(seed)
    clean, findings = workdir / "clean", workdir / "findings"
    for folder, kind in ((clean, "clean"), (findings, "mistake")):
        folder.mkdir()
        (folder / "README.md").write_text(make_card(rng, kind), encoding="utf-8", newline="")
    cardlint = cardlint_command()
    commands = {
        'python -c "import yaml" (floor)': ([sys.executable, "-c", "import yaml"], None),
        "cardlint check README.md (clean card)": ([*cardlint, "check", "README.md"], clean),
        "cardlint check README.md (card with findings)": (
            [*cardlint, "check", "README.md"],
            findings,
        ),
        'python -c "from huggingface_hub import ModelCard"': (
            [sys.executable, "-c", "from huggingface_hub import ModelCard"],
            None,
        ),
    }
    samples = bench.compare(commands, runs)
    floor = median(samples['python -c "import yaml" (floor)'], "wall")
    rows = [
        f"{'start-up, one card (median of ' + str(runs) + ' runs)':52} {'wall ms':>8} {'min ms':>7} {'cpu ms':>7} {'x floor':>8}"
    ]
    for name, runs_of in samples.items():
        wall = median(runs_of, "wall")
        rows.append(
            f"{name:52} {wall * 1000:8.0f} {min(s.wall for s in runs_of) * 1000:7.0f} {median(runs_of, 'cpu') * 1000:7.0f} {wall / floor:8.2f}"
        )
    slowest = max(median(samples[name], "wall") for name in commands if name.startswith("cardlint"))
    return rows, slowest


def throughput(
    bench: Bench, workdir: Path, paths: list[Path], runs: int
) -> tuple[list[str], dict[str, float]]:
    """Table rows for throughput and memory, and cards per second by command."""
    listing = workdir / "cards.txt"
    listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
    floor_script, hand_script = workdir / "floor.py", workdir / "hand_written.py"
    floor_script.write_text(FLOOR, encoding="utf-8")
    hand_script.write_text(HAND_WRITTEN, encoding="utf-8")
    corpus_dir = str(paths[0].parents[1])
    cardlint = cardlint_command()
    commands = {
        "floor: regex + PyYAML C loader, one process": (
            [sys.executable, str(floor_script), str(listing)],
            None,
        ),
        "hand-written: metadata_load + jsonschema": (
            [sys.executable, str(hand_script), str(listing), str(SCHEMA)],
            None,
        ),
        "cardlint check (concise), one process": (
            [*cardlint, "check", "--output-format", "concise", "--jobs", "1", corpus_dir],
            None,
        ),
        DEFAULT: ([*cardlint, "check", "--output-format", "concise", corpus_dir], None),
    }
    samples = bench.compare(commands, runs)
    rates = {name: len(paths) / median(runs_of, "wall") for name, runs_of in samples.items()}
    floor, hand = (
        rates["floor: regex + PyYAML C loader, one process"],
        rates["hand-written: metadata_load + jsonschema"],
    )
    header = f"throughput, {len(paths)} cards (median of {runs} runs)"
    rows = [
        f"{header:44} {'wall s':>7} {'cards/s':>8} {'cpu s':>6} {'peak RSS MB':>12} {'x floor':>8} {'x hand':>7}"
    ]
    for name, runs_of in samples.items():
        rss = max(sample.rss_kb for sample in runs_of) / 1024
        rows.append(
            f"{name:44} {median(runs_of, 'wall'):7.2f} {rates[name]:8.0f} {median(runs_of, 'cpu'):6.2f} {rss:12.1f} "
            f"{rates[name] / floor:8.2f} {rates[name] / hand:7.2f}"
        )
    return rows, rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cards", type=int, default=2000, help="cards in the generated corpus (default 2000)"
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=15,
        help="timed runs of each start-up command (default 15)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="timed runs of each corpus command (default 3)"
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the generated corpus (default 0)"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the figures to this JSON file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cardlint-bench-") as temp:
        workdir = Path(temp)
        paths = generate(workdir / "corpus", args.cards, args.seed)
        size = sum(path.stat().st_size for path in paths)
        sizes = sorted(path.stat().st_size for path in paths)
        bench = Bench(workdir)
        print(f"machine: {machine()}")
        print(
            f"corpus: {len(paths)} generated cards (seed {args.seed}), {size / 1e6:.1f} MB, median {sizes[len(sizes) // 2] / 1000:.1f} kB, largest {sizes[-1] / 1000:.1f} kB"
        )
        print()
        startup_rows, single = startup(bench, workdir, args.startup_runs, args.seed)
        print("\n".join(startup_rows))
        print()
        throughput_rows, rates = throughput(bench, workdir, paths, args.runs)
        print("\n".join(throughput_rows))

    one, default = rates["cardlint check (concise), one process"], rates[DEFAULT]
    floor, hand = (
        rates["floor: regex + PyYAML C loader, one process"],
        rates["hand-written: metadata_load + jsonschema"],
    )
    targets = [
        (
            "single-card check under 150 ms wall",
            single < 0.150,
            f"slower card {single * 1000:.0f} ms",
        ),
        (
            "throughput at least half the floor's, one process",
            one >= floor / 2,
            f"{one:.0f} vs {floor / 2:.0f} cards/s",
        ),
        (
            "throughput at least half the floor's, as run by default",
            default >= floor / 2,
            f"{default:.0f} vs {floor / 2:.0f} cards/s",
        ),
        (
            "throughput above the hand-written checker, one process",
            one > hand,
            f"{one:.0f} vs {hand:.0f} cards/s",
        ),
    ]
    print()
    for name, met, detail in targets:
        print(f"target: {name}: {'met' if met else 'MISSED'} ({detail})")
    if args.json:
        figures = {
            "cards": len(paths),
            "single_card_s": single,
            "cards_per_s": rates,
            "targets": {name: met for name, met, _ in targets},
        }
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
