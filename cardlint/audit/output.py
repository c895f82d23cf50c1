"""An audit's files in DIR: one pair of parts per partition, written as each finishes, then
``cards.parquet`` and ``findings.parquet`` joined from them in partition order.

A part is written under a temporary name and renamed, so a killed run leaves whole parts only;
``--resume`` audits the partitions without one. ``parts/run.json`` records what the parts were
made from, so that a resumed run never mixes two sources.
"""

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from cardlint import __version__
from cardlint.audit.columns import CARDS_SCHEMA, FINDINGS_SCHEMA
from cardlint.exit_codes import UsageError

if TYPE_CHECKING:
    import pyarrow as pa

    from cardlint.audit.sources import Source

PARTS = "parts"
TABLES = {"cards": CARDS_SCHEMA, "findings": FINDINGS_SCHEMA}


def part_path(out_dir: Path, index: int, table: str) -> Path:
    """Where partition ``index``'s part of ``table`` ("cards" or "findings") is written."""
    return out_dir / PARTS / f"{index:05d}-{table}.parquet"


def write_part(out_dir: Path, index: int, cards: "pa.Table", findings: "pa.Table") -> None:
    """Write one partition's tables; the cards part, written last, marks the partition done."""
    _write(part_path(out_dir, index, "findings"), findings.cast(FINDINGS_SCHEMA))
    _write(part_path(out_dir, index, "cards"), cards.cast(CARDS_SCHEMA))


def prepare(out_dir: Path, source: "Source", resume: bool) -> list[int]:
    """Make DIR ready and return the partitions still to audit (all of them unless ``resume``)."""
    parts = out_dir / PARTS
    run = {
        "cardlint": __version__,
        "source": source.text,
        "partitions": [
            [p.location, p.row_group, p.rows, p.sample, p.take] for p in source.partitions
        ],
    }
    record = parts / "run.json"
    if resume and record.is_file():
        if json.loads(record.read_text(encoding="utf-8")) != json.loads(json.dumps(run)):
            raise UsageError(
                f"{out_dir}: its parts come from another source, cardlint version or --limit/--sample; run without --resume to start again"
            )
    elif parts.exists():
        shutil.rmtree(parts)
    parts.mkdir(parents=True, exist_ok=True)
    _write_text(record, json.dumps(run))
    return [
        p.index for p in source.partitions if not part_path(out_dir, p.index, "cards").is_file()
    ]


def combine(out_dir: Path, count: int) -> dict[str, int]:
    """Join the parts of partitions 0..count-1 into DIR/cards.parquet and DIR/findings.parquet;
    return each table's row count. One part is in memory at a time."""
    import pyarrow.parquet as pq

    rows: dict[str, int] = {}
    for table, schema in TABLES.items():
        target = out_dir / f"{table}.parquet"
        temporary = target.with_name(f".{target.name}.tmp")
        rows[table] = 0
        with pq.ParquetWriter(temporary, schema) as writer:
            for index in range(count):
                part = pq.read_table(part_path(out_dir, index, table), schema=schema)
                rows[table] += part.num_rows
                writer.write_table(part)
        os.replace(temporary, target)
    return rows


def _write(path: Path, table: "pa.Table") -> None:
    import pyarrow.parquet as pq

    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def _write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
