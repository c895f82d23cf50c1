"""Test dumps for ``cardlint audit``: the real corpus cards and generated rows, as parquet files
in the dump's current layout (modelId, createdAt) or its older one (id, created)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support import corpus_cards

from cardlint.linter import MAX_BYTES

# generated rows: (id, card) for each kind of card that must be read without a crash
GENERATED: list[tuple[str, Any]] = [
    ("gen/null-card", None),
    ("gen/huge-card", "---\nlicense: mit\n---\n" + "x" * (MAX_BYTES + 1)),
    ("gen/no-front-matter", "# A model\n\nNo metadata at all.\n"),
    ("gen/broken-yaml", "---\nlicense: [mit\nco2_eq_emissions: 1\n---\n# Model\n"),
    ("gen/kilograms", "---\nco2_eq_emissions:\n  emissions: 0.5\n  source: CodeCarbon\n---\n"),
    ("gen/short-form", "---\nco2_eq_emissions: 12.5\nlicense: apache-2.0\n---\n"),
    ("gen/bom", "\ufeff---\nco2_eq_emissions:\n  emissions: 3\n---\n"),
]
UNREADABLE = {"gen/null-card", "gen/huge-card"}
# a parquet column holds one type: a card that is not text is tested on frames (test_audit_partition)


def dump_rows(with_corpus: bool = True) -> list[dict[str, Any]]:
    """The rows of a test dump in the current layout: the corpus cards, then GENERATED."""
    rows: list[dict[str, Any]] = []
    cards = corpus_cards() if with_corpus else []
    for number, path in enumerate(cards):
        data = path.read_bytes()
        rows.append(_row(f"corpus/{path.stem}", data.decode("utf-8", "replace"), number))
    rows.extend(_row(name, card, len(rows) + i) for i, (name, card) in enumerate(GENERATED))
    return rows


def _row(name: str, card: Any, number: int) -> dict[str, Any]:
    return {
        "modelId": name,
        "author": name.split("/")[0],
        "createdAt": f"20{20 + number % 5}-0{1 + number % 9}-15T10:00:00.000Z",
        "downloads": number * 7 if number % 4 else None,
        "card": card,
    }


def write_dump(
    path: Path, rows: list[dict[str, Any]], old_layout: bool = False, group: int = 20
) -> Path:
    """Write ``rows`` as a parquet file with row groups of ``group`` rows (the audit's partitions).

    The old layout names the columns id and created, and adds lastModified."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, Any] = {
        ("id" if old_layout else "modelId"): [r["modelId"] for r in rows],
        "author": [r["author"] for r in rows],
        ("created" if old_layout else "createdAt"): [r["createdAt"] for r in rows],
        "downloads": pa.array([r["downloads"] for r in rows], pa.int64()),
        "card": pa.array([r["card"] for r in rows], pa.string()),
    }
    if old_layout:
        columns["lastModified"] = [r["createdAt"] for r in rows]
    table = pa.table(columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, row_group_size=group)
    return path
