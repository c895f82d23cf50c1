"""``--engine dask`` on a LocalCluster of two worker processes gives the local engine's files,
byte for byte, over files in both column layouts; README folders are refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from audit.dumps import dump_rows, write_dump
from support import run_cardlint

pytest.importorskip("distributed", reason="Dask comes with the audit extra")


def audit(source: Path, out: Path, *options: str) -> None:
    done = run_cardlint("audit", str(source), "--out", str(out), "--quiet", *options)
    assert done.returncode == 0, done.stderr


def test_dask_gives_the_local_engine_s_files(tmp_path: Path) -> None:
    rows = dump_rows()[:60] + dump_rows(with_corpus=False)  # a few real cards, every odd one
    half = len(rows) // 2
    write_dump(tmp_path / "dump" / "a.parquet", rows[:half], group=12)
    write_dump(tmp_path / "dump" / "b.parquet", rows[half:], old_layout=True, group=12)
    audit(tmp_path / "dump", tmp_path / "local", "--workers", "1")
    audit(tmp_path / "dump", tmp_path / "dask", "--engine", "dask", "--workers", "2")
    parts = sorted(p.name for p in (tmp_path / "local" / "parts").glob("*.parquet"))
    assert len(parts) > 4
    assert sorted(p.name for p in (tmp_path / "dask" / "parts").glob("*.parquet")) == parts
    for name in ("cards.parquet", "findings.parquet", "report.md"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_a_folder_of_readmes_is_refused_in_one_line(tmp_path: Path) -> None:
    card = tmp_path / "cards" / "acme" / "bert" / "README.md"
    card.parent.mkdir(parents=True)
    card.write_text("---\nco2_eq_emissions: 1\n---\n", encoding="utf-8")
    done = run_cardlint(
        "audit", str(tmp_path / "cards"), "--out", str(tmp_path / "out"), "--engine", "dask"
    )
    assert done.returncode == 2
    assert done.stderr == (
        "cardlint: error: --engine dask reads parquet files"
        " (a folder of README files runs with the default --engine local)\n"
    )
