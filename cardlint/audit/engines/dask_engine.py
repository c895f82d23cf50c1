"""``--engine dask``: the partitions audited on a dask.distributed cluster.

``dask.dataframe.read_parquet`` reads the source with one Dask partition per parquet row group
(the audit's partitions), and ``map_partitions`` runs ``audit_partition`` on each on the
workers. A worker sends its partition's two tables back (Arrow IPC bytes) and this process writes
the parts, so a remote cluster needs no folder shared with this machine; the workers need
cardlint and the audit extra installed, and read the source themselves (a path they see, or hf://).
Dask is imported only here.
"""

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cardlint.audit.columns import CARDS_SCHEMA, FINDINGS_SCHEMA
from cardlint.audit.output import write_part
from cardlint.audit.partition import audit_partition
from cardlint.audit.progress import Progress
from cardlint.audit.sources import Partition, Source
from cardlint.exit_codes import UsageError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

CONNECT_TIMEOUT = "10s"


def run(
    source: Source,
    todo: Sequence[int],
    out_dir: Path,
    *,
    workers: int | None,
    scheduler: str | None,
    progress: Progress,
) -> None:
    """Audit the partitions numbered in ``todo`` on the cluster and write each one's parts as it
    comes back."""
    if not source.parquet_files:
        raise UsageError(
            "--engine dask reads parquet files (a folder of README files runs with the default --engine local)"
        )
    if not todo:
        return
    from distributed import as_completed

    with _client(workers, scheduler) as client:
        tasks, order = _tasks(source, todo)
        futures = client.compute(tasks)
        index_of = dict(zip(futures, order))
        for future in as_completed(futures):
            partition = source.partitions[index_of.pop(future)]
            try:
                result = future.result()
            except Exception as error:
                raise UsageError(
                    f"{partition.location}, row group {partition.row_group}: {error}; the parts written so far are kept: run again with --resume"
                ) from None
            write_part(out_dir, partition.index, *_tables(result))
            progress.advance(int(result["rows"].iloc[0]))
            future.release()


def _tasks(source: Source, todo: Sequence[int]) -> tuple[list[Any], list[int]]:
    """One Dask task per partition in ``todo``, and the partitions' numbers in the same order.
    Each file is read on its own: the files of a dump may be in either layout."""
    import dask.dataframe as dd

    by_file: dict[str, list[Partition]] = {}
    for index in todo:
        partition = source.partitions[index]
        by_file.setdefault(partition.location, []).append(partition)
    tasks: list[Any] = []
    for location, chosen in by_file.items():
        frame = dd.read_parquet(location, split_row_groups=True)
        groups = [partition.row_group for partition in chosen]
        if frame.npartitions <= max(groups):
            raise UsageError(
                f"{location}: Dask reads {frame.npartitions} partitions where the file has {max(groups) + 1} row groups or more"
            )
        # every column is read: a projection would let Dask fuse row groups into one partition
        audited = frame.partitions[groups].map_partitions(
            _audit, chosen, meta=_meta(), align_dataframes=False
        )
        tasks += audited.to_delayed()
    return tasks, [partition.index for chosen in by_file.values() for partition in chosen]


def _meta() -> "pd.DataFrame":
    """The frame each task returns: the partition's number, its rows, its two tables as bytes."""
    import pandas as pd

    return pd.DataFrame(
        {
            "index": pd.Series(dtype="int64"),
            "rows": pd.Series(dtype="int64"),
            "cards": pd.Series(dtype=object),
            "findings": pd.Series(dtype=object),
        }
    )


def _audit(raw: "pd.DataFrame", chosen: list[Partition], partition_info: Any) -> "pd.DataFrame":
    """On a worker: audit one row group as the local engine does, and pack its tables
    (``partition_info["number"]``: the Dask partition's place among the chosen ones)."""
    import pandas as pd
    import pyarrow as pa

    partition = chosen[partition_info["number"]]  # the place among the file's chosen row groups
    if len(raw) != partition.rows:
        raise ValueError(f"Dask gave {len(raw)} rows for a row group of {partition.rows}")
    # Dask's frame holds Arrow-backed strings (NA for null); the local engine's holds objects
    # (None): converted from Arrow as the local engine's (no pandas dtypes recorded), the
    # values are the same.
    table = pa.Table.from_pandas(raw, preserve_index=False).replace_schema_metadata(None)
    plain = table.to_pandas()
    cards, findings = audit_partition(partition.prepare(plain))
    return pd.DataFrame(
        {
            "index": [partition.index],
            "rows": [len(cards)],
            "cards": [_pack(cards, CARDS_SCHEMA)],
            "findings": [_pack(findings, FINDINGS_SCHEMA)],
        }
    )


def _pack(frame: "pd.DataFrame", schema: "pa.Schema") -> bytes:
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def _tables(result: "pd.DataFrame") -> "tuple[pa.Table, pa.Table]":
    import pyarrow as pa

    cards, findings = (
        pa.ipc.open_stream(result[name].iloc[0]).read_all() for name in ("cards", "findings")
    )
    return cards, findings


def _client(workers: int | None, scheduler: str | None) -> Any:
    """A Client on the scheduler at ``scheduler``, or on a LocalCluster of ``workers`` processes
    (one per CPU by default) of one thread each, closed with the client."""
    import logging

    from distributed import Client

    if scheduler is not None:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise UsageError(f"--scheduler {scheduler}: cannot connect ({error})") from None
    return Client(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,  # the linting holds Python's lock: processes, not threads
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
