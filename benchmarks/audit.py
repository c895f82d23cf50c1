"""Benchmark: ``cardlint audit`` over a generated dump, local and Dask engines, against the floor.

    python benchmarks/audit.py [--cards 200000] [--co2-share 0.1] [--row-group 5000]
                               [--engines local,dask] [--keep DIR]

The dump is one parquet file in the layout of ``librarian-bots/model_cards_with_metadata``
(modelId, author, last_modified, downloads, likes, library_name, tags, pipeline_tag, createdAt,
card). Its cards come from the generator of ``benchmarks/corpus.py`` (kinds: clean, common
mistakes and AutoTrain blocks for the co2 cards; metadata without a block, or no metadata, for
the rest), each cut or padded in its body to a size drawn from the sizes of the real cards in
../shared/corpus/cards, so that the dump's sizes follow theirs. ``--co2-share`` of the cards
carry a co2_eq_emissions block (the Hub: about 1%; the default, 10%, costs more, as those cards
are where the rules do most). Cards are drawn from a pool of distinct texts; the ``card`` column
is written without dictionary encoding, so reading it costs what a real dump's does.

Each step runs in a fresh process, timed by wall clock, its memory measured two ways: the peak
resident size of the largest process (``getrusage`` of the step's processes) and
the peak of the whole process tree's resident sizes added up (sampled every 0.1 s with psutil).
CPU time is that of the step's
processes (user + system, ``getrusage`` of the children); on a machine shared with other work
the wall time varies from run to run, the CPU time much less, so the table gives the time for
1.09 million cards both ways: at the measured wall rate, and on two cores each kept busy (the
CPU time over 2). The floor reads the parquet, splits each card with the Hub's regex
(cardlint.reading.card.REGEX_YAML_BLOCK) and parses the block with PyYAML's C loader, in one
process. The engines run ``cardlint audit DUMP --out DIR --engine E`` (one worker per CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from corpus import make_card

from cardlint.reading.card import REGEX_YAML_BLOCK

ROOT = Path(__file__).resolve().parents[1]
REAL_CARDS = ROOT.parent / "shared" / "corpus" / "cards"
DUMP_CARDS = 1_090_000  # rows of librarian-bots/model_cards_with_metadata (issue 20)
CO2_KINDS = ("clean", "mistake", "mistake", "autotrain")
OTHER_KINDS = ("no-block",) * 5 + ("no-metadata",)
POOL = 4000

FLOOR = r"""
import sys, yaml, pyarrow.parquet as pq
from cardlint.reading.card import REGEX_YAML_BLOCK
parsed = 0
file = pq.ParquetFile(sys.argv[1])
for batch in file.iter_batches(columns=["card"], batch_size=2000):
    for text in batch.column(0).to_pylist():
        match = REGEX_YAML_BLOCK.search(text) if isinstance(text, str) else None
        if match:
            try:
                yaml.load(match.group(2), Loader=yaml.CSafeLoader)
                parsed += 1
            except yaml.YAMLError:
                pass
print(parsed, file=sys.stderr)
"""

MEASURE = r"""
import json, resource, subprocess, sys, threading, time
import psutil
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
peak = 0
def sample():
    global peak
    root = psutil.Process(child.pid)
    while child.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
thread = threading.Thread(target=sample, daemon=True)
thread.start()
_, err = child.communicate()
wall = time.perf_counter() - start
thread.join()
children = resource.getrusage(resource.RUSAGE_CHILDREN)
largest = children.ru_maxrss  # not RUSAGE_SELF: a peak survives exec, this one is the caller's
cpu = children.ru_utime + children.ru_stime
print(json.dumps({"code": child.returncode, "wall": wall, "cpu": cpu, "largest_mb": largest / 1024, "tree_mb": peak / 2**20, "stderr": err[-2000:]}))
"""


def real_sizes() -> list[int]:
    """The sizes in bytes of the real cards (the generator's own sizes when they are absent)."""
    sizes = [len(path.read_bytes()) for path in sorted(REAL_CARDS.glob("*.md"))]
    if not sizes:
        print("../shared/corpus/cards is absent: the generator's own sizes are used")
    return sizes


def sized_card(rng: random.Random, kind: str, size: int | None) -> str:
    """A generated card of ``kind`` whose body is cut or repeated to make about ``size`` bytes
    (never shorter than its metadata block)."""
    text = make_card(rng, kind)
    if size is None:
        return text
    block = REGEX_YAML_BLOCK.match(text)
    cut = block.end() if block else 0
    head, body = text[:cut], text[cut:] or "Model card.\n"
    room = max(size - len(head.encode("utf-8")), 200)
    while len(body) < room:
        body += body
    return head + body[:room]


def write_dump(path: Path, cards: int, co2_share: float, row_group: int, seed: int) -> list[int]:
    """Write the dump, row group by row group; return the cards' sizes in bytes."""
    rng = random.Random(seed)
    sizes = real_sizes()
    pool = []
    for _ in range(min(POOL, cards)):
        kind = rng.choice(CO2_KINDS if rng.random() < co2_share else OTHER_KINDS)
        pool.append(sized_card(rng, kind, rng.choice(sizes) if sizes else None))
    authors = [f"author{n:04d}" for n in range(max(cards // 200, 1))]
    written: list[int] = []
    with pq.ParquetWriter(
        path, SCHEMA, compression="zstd", use_dictionary=["author", "library_name"]
    ) as writer:
        for first in range(0, cards, row_group):
            rows = range(first, min(first + row_group, cards))
            texts = [rng.choice(pool) for _ in rows]
            written += [len(text.encode("utf-8")) for text in texts]
            names = [rng.choice(authors) for _ in rows]
            batch = {
                "modelId": [f"{name}/model-{n:07d}" for name, n in zip(names, rows)],
                "author": names,
                "last_modified": [_date(rng) for _ in rows],
                "downloads": [int(rng.paretovariate(0.8)) - 1 for _ in rows],
                "likes": [int(rng.paretovariate(1.2)) - 1 for _ in rows],
                "library_name": [rng.choice(["transformers", "peft", None]) for _ in rows],
                "tags": [["transformers", "autotrain"][: rng.randint(0, 2)] for _ in rows],
                "pipeline_tag": [rng.choice(["text-classification", None]) for _ in rows],
                "createdAt": [_date(rng) for _ in rows],
                "card": texts,
            }
            writer.write_table(pa.table(batch, schema=SCHEMA), row_group_size=row_group)
    return written


STRING, STAMP = pa.string(), pa.timestamp("us", tz="UTC")
SCHEMA = pa.schema(
    [
        ("modelId", STRING),
        ("author", STRING),
        ("last_modified", STAMP),
        ("downloads", pa.int64()),
        ("likes", pa.int64()),
        ("library_name", STRING),
        ("tags", pa.list_(STRING)),
        ("pipeline_tag", STRING),
        ("createdAt", STAMP),
        ("card", STRING),
    ]
)


def _date(rng: random.Random) -> datetime:
    return datetime.fromtimestamp(rng.uniform(1.6e9, 1.76e9), tz=timezone.utc)


def measure(command: list[str]) -> dict[str, float]:
    """Run ``command`` in a fresh measuring process; its wall time and peak memory."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"measuring failed:\n{done.stdout}{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout)
    if result["code"] not in (0, 1):  # 1: findings, as intended
        raise SystemExit(f"{' '.join(command)} exited {result['code']}:\n{result['stderr']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=200_000)
    parser.add_argument("--co2-share", type=float, default=0.1)
    parser.add_argument("--row-group", type=int, default=5_000)
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the dump and outputs here and keep them")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = options.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        dump = folder / "dump.parquet"
        start = time.perf_counter()
        sizes = sorted(
            write_dump(dump, options.cards, options.co2_share, options.row_group, options.seed)
        )
        print(
            f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; dump: {options.cards:,} cards,"
            f" {options.co2_share:.0%} with co2_eq_emissions, row groups of {options.row_group:,},"
            f" {dump.stat().st_size / 2**20:.0f} MB on disk, {sum(sizes) / 2**20:.0f} MB of cards"
            f" (median {sizes[len(sizes) // 2] / 1000:.1f} kB, largest {sizes[-1] / 1000:.1f} kB);"
            f" written in {time.perf_counter() - start:.0f} s"
        )
        steps = {
            "floor: parquet + Hub regex + PyYAML C loader, one process": [
                sys.executable,
                "-c",
                FLOOR,
                str(dump),
            ]
        }
        for engine in options.engines.split(","):
            command = [sys.executable, "-m", "cardlint", "audit", str(dump)]
            steps[f"cardlint audit --engine {engine}"] = [
                *command,
                "--out",
                str(folder / f"out-{engine}"),
                "--engine",
                engine,
            ]
        results = {name: measure(command) for name, command in steps.items()}
        _print(results, options.cards)
        if options.json:
            options.json.write_text(json.dumps(results, indent=2) + "\n")


def _print(results: dict[str, dict[str, float]], cards: int) -> None:
    """Per step: wall time, cards per second and per CPU second, each against the floor's, the
    time 1.09 M cards take at that rate (wall) and on two cores kept busy (CPU), and memory."""
    floor = next(iter(results.values()))
    print(
        f"\n{'step':<60} {'wall s':>7} {'cards/s':>8} {'x floor':>8} {'cpu s':>7}"
        f" {'cards/cpu s':>11} {'x floor':>8} {'1.09M min':>9} {'2 cores min':>11}"
        f" {'largest MB':>10} {'tree MB':>8}"
    )
    for name, result in results.items():
        rate, cpu_rate = cards / result["wall"], cards / result["cpu"]
        print(
            f"{name:<60} {result['wall']:>7.1f} {rate:>8.0f} {floor['wall'] / result['wall']:>8.2f}"
            f" {result['cpu']:>7.1f} {cpu_rate:>11.0f} {floor['cpu'] / result['cpu']:>8.2f}"
            f" {DUMP_CARDS / rate / 60:>9.1f} {DUMP_CARDS / cpu_rate / 2 / 60:>11.1f}"
            f" {result['largest_mb']:>10.0f} {result['tree_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
