"""The default engine: the partitions audited in processes on this machine, one per CPU."""

import os
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path

from cardlint.audit.output import write_part
from cardlint.audit.partition import audit_tables
from cardlint.audit.progress import Progress
from cardlint.audit.sources import Partition, Source
from cardlint.exit_codes import UsageError


def run(
    source: Source,
    todo: Sequence[int],
    out_dir: Path,
    *,
    workers: int | None,
    scheduler: str | None,
    progress: Progress,
) -> None:
    """Audit the partitions numbered in ``todo`` and write each one's parts as it finishes."""
    if scheduler is not None:
        raise UsageError("--scheduler needs --engine dask")
    count = min(workers or os.cpu_count() or 1, max(len(todo), 1))
    # spawned, not forked: a forked child would inherit the Hub client's threads mid-request
    pool = ProcessPoolExecutor(count, mp_context=get_context("spawn"))
    try:
        pending = {pool.submit(audit_one, source.partitions[i], out_dir): i for i in todo}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                partition = source.partitions[pending.pop(future)]
                error = future.exception()
                if error is not None:
                    raise UsageError(
                        f"{_where(partition)}: {error}; the parts written so far are kept: run again with --resume"
                    ) from None
                progress.advance(future.result())
    finally:  # an error or Ctrl-C: the partitions not started are dropped, not run
        pool.shutdown(wait=True, cancel_futures=True)


def audit_one(partition: Partition, out_dir: Path) -> int:
    """Read, audit and write one partition; return its number of cards."""
    frame = partition.load()
    cards, findings = audit_tables(frame)
    write_part(out_dir, partition.index, cards, findings)
    return cards.num_rows


def _where(partition: Partition) -> str:
    if partition.row_group >= 0:
        return f"{partition.location}, row group {partition.row_group}"
    return f"{partition.location}, README files {partition.files[0]} to {partition.files[-1]}"
