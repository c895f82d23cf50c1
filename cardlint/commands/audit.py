"""``cardlint audit SOURCE --out DIR``: lint a dump of model cards into parquet tables and a report.

This module is light (the parser of ``cardlint --help`` reads it); the audit itself, with
pyarrow, pandas and Dask, is imported only when the command runs.
"""

import argparse
import sys
import time
from types import ModuleType

from cardlint.exit_codes import EXIT_CLEAN, UsageError

NEEDS = 'cardlint audit needs the audit extra: pip install "cardlint[audit]"'
EXTRA = ("pyarrow", "pandas", "matplotlib", "tqdm")  # what the local engine and the report import


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``cardlint audit``."""
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="a parquet file, a folder or glob of parquet shards, hf://datasets/ORG/NAME[/PATH], or a folder of README.md files",
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder for cards.parquet, findings.parquet and report.md",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: processes on this machine (default); dask: a dask.distributed cluster",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler to use (default: a LocalCluster on this machine)",
    )
    parser.add_argument(
        "-j",
        "--workers",
        type=int,
        metavar="N",
        help="processes (or LocalCluster workers); default: one per CPU",
    )
    parser.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="with a folder of cards: the card files' names (default: README.md; repeatable)",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="audit only the first N cards")
    parser.add_argument(
        "--sample",
        type=float,
        metavar="FRACTION",
        help="audit each card with this probability (repeatable: the draw is seeded with the partition's number)",
    )
    parser.add_argument(
        "--resume", action="store_true", help="keep the partitions a stopped run in DIR finished"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")


def run_audit(args: argparse.Namespace) -> int:
    """Run the audit; exit 0 when the tables (and report) are written, 2 on a usage or environment error."""
    from importlib.util import find_spec
    from pathlib import Path

    missing = [name for name in EXTRA if find_spec(name) is None]
    if missing:
        raise UsageError(f"{NEEDS} ({', '.join(missing)} not installed)")
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {args.workers}")
    from cardlint.audit import output
    from cardlint.audit.progress import Progress
    from cardlint.audit.report import write_report
    from cardlint.audit.sources import open_source

    started = time.perf_counter()
    include = tuple(args.include or ("README.md",))
    source = open_source(args.source, limit=args.limit, sample=args.sample, include=include)
    out_dir = Path(args.out)
    todo = output.prepare(out_dir, source, args.resume)
    remaining = set(todo)
    done = sum(p.count for p in source.partitions if p.index not in remaining)
    progress = Progress(source.rows, args.quiet, done)
    try:
        _engine(args.engine).run(
            source, todo, out_dir, workers=args.workers, scheduler=args.scheduler, progress=progress
        )
    finally:
        progress.close()
    rows = output.combine(out_dir, len(source.partitions))
    write_report(out_dir)
    if not args.quiet:
        seconds = time.perf_counter() - started
        sys.stderr.write(
            f"audited {rows['cards']} cards ({source.description}) in {seconds:.1f} s: "
            f"{rows['findings']} findings; wrote cards.parquet, findings.parquet and report.md in {out_dir}\n"
        )
    return EXIT_CLEAN


def _engine(name: str) -> ModuleType:
    if name == "dask":
        try:
            from cardlint.audit.engines import dask_engine
        except ImportError as error:
            raise UsageError(f"--engine dask: {error}; {NEEDS}") from None
        return dask_engine
    from cardlint.audit.engines import local

    return local
