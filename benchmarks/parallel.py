"""When does linting in several processes pay? ``cardlint check --jobs 1`` against ``--jobs N``.

    python benchmarks/parallel.py                      # counts 50..2000, three card sizes, -j 1 and every CPU
    python benchmarks/parallel.py --counts 200,1000 --jobs 1,2,4 --runs 5 --json PATH

Corpora are drawn from the generator of ``benchmarks/corpus.py`` (cards shaped like real ones)
and sorted into three sizes by their bytes: ``small`` (under 4 kB, like most AutoTrain cards),
``mixed`` (the generator's own mix, median about 6 kB) and ``large`` (over 9 kB). For each
corpus (a number of files of one size) every ``--jobs`` value runs ``--runs`` times, interleaved
so that a busy machine slows each alike, after one untimed warm-up; the figure is the median
wall time of the whole process, and the ratio is ``--jobs 1``'s time over each other's (above
1: the processes pay); ``cpu -j N`` is the CPU time of the whole process tree over ``--jobs 1``'s
(what the processes cost in all: above 1 is overhead, which a machine busy with other work pays
in wall time too).

What it found, and the rule ``cardlint.commands.check`` takes from it, are in
``benchmarks/PARALLEL.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
from pathlib import Path

from corpus import make_card
from run import Bench, cardlint_command, machine

SIZES = {"small": (0, 4_000), "mixed": (0, 10**9), "large": (9_000, 10**9)}


def cards_of_size(rng: random.Random, low: int, high: int, count: int) -> list[str]:
    """``count`` generated cards whose UTF-8 size is in [low, high)."""
    found: list[str] = []
    while len(found) < count:
        text = make_card(rng)
        if low <= len(text.encode("utf-8")) < high:
            found.append(text)
    return found


def write_corpus(directory: Path, texts: list[str]) -> int:
    """One ``NNNNN/README.md`` per text; the total bytes written."""
    total = 0
    for number, text in enumerate(texts):
        path = directory / f"{number:05d}" / "README.md"
        path.parent.mkdir(parents=True)
        total += path.write_bytes(text.encode("utf-8"))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--counts", default="50,100,200,500,1000,2000", help="files per corpus, comma-separated"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(SIZES),
        help=f"card sizes, comma-separated, of {', '.join(SIZES)}",
    )
    parser.add_argument(
        "--jobs",
        default=f"1,{os.cpu_count() or 1}",
        help="--jobs values to compare; the first is the baseline",
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each command (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    counts = [int(count) for count in args.counts.split(",")]
    jobs = [int(value) for value in args.jobs.split(",")]
    print(f"machine: {machine()}")
    print(
        f"{'corpus':<14}{'files':>6}{'MB':>7}"
        + "".join(f"{f'-j {j} s':>10}" for j in jobs)
        + "".join(f"{f'x -j {j}':>9}" for j in jobs[1:])
        + "".join(f"{f'cpu -j {j}':>11}" for j in jobs[1:])
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="cardlint-parallel-") as tmp:
        bench = Bench(Path(tmp))
        rng = random.Random(args.seed)
        for size in args.sizes.split(","):
            pool = cards_of_size(rng, *SIZES[size], max(counts))
            for count in counts:
                corpus = Path(tmp) / f"{size}-{count}"
                total = write_corpus(corpus, pool[:count])
                commands = {
                    j: (
                        [
                            *cardlint_command(),
                            "check",
                            "--no-config",
                            "--exit-zero",
                            "-q",
                            "--output-format",
                            "concise",
                            "--jobs",
                            str(j),
                            str(corpus),
                        ],
                        None,
                    )
                    for j in jobs
                }
                samples = bench.compare(commands, args.runs)
                wall = {j: statistics.median(sample.wall for sample in samples[j]) for j in jobs}
                cpu = {j: statistics.median(sample.cpu for sample in samples[j]) for j in jobs}
                ratios = {j: wall[jobs[0]] / wall[j] for j in jobs[1:]}
                rows.append(
                    {
                        "size": size,
                        "files": count,
                        "bytes": total,
                        "wall_s": wall,
                        "cpu_s": cpu,
                        "speedup": ratios,
                    }
                )
                print(
                    f"{size:<14}{count:>6}{total / 1e6:>7.2f}"
                    + "".join(f"{wall[j]:>10.2f}" for j in jobs)
                    + "".join(f"{ratios[j]:>9.2f}" for j in jobs[1:])
                    + "".join(f"{cpu[j] / cpu[jobs[0]]:>11.2f}" for j in jobs[1:]),
                    flush=True,
                )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": machine(), "runs": args.runs, "rows": rows}, indent=2) + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
