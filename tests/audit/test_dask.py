"""``--engine dask`` on a LocalCluster of two worker processes gives the local engine's files,
byte for byte, over files in both column layouts, local or on the (fake) Hub; README folders
are refused in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from audit.dumps import dump_rows, write_dump
from hub.fake_hub import FakeHub, FakeRepo
from support import run_cardlint

pytest.importorskip("distributed", reason="Dask comes with the audit extra")


def audit(source: Path | str, out: Path, *options: str, env: dict[str, str] | None = None) -> None:
    done = run_cardlint("audit", str(source), "--out", str(out), "--quiet", *options, env=env)
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


def test_dask_workers_read_the_hub_with_the_token(tmp_path: Path) -> None:
    """hf:// shards are read by the workers themselves, with the HF_ENDPOINT and token they inherit."""
    rows = dump_rows(with_corpus=False) * 3
    shards = {
        "data/train-0.parquet": write_dump(tmp_path / "shards" / "a.parquet", rows[:10], group=4),
        "data/train-1.parquet": write_dump(
            tmp_path / "shards" / "b.parquet", rows[10:], True, group=5
        ),
    }
    token = "hf_DaskWorkersReadTheHub4Kq"
    with FakeHub(token=token) as hub:
        files = {name: path.read_bytes() for name, path in shards.items()}
        hub.add(FakeRepo("cards/dump", files, repo_type="dataset", private=True))
        env = {key: "" for key in os.environ if key.startswith(("HF_", "HUGGING"))}
        env.update(HF_ENDPOINT=hub.url, HF_TOKEN=token, HF_HOME=str(tmp_path / "home"))
        audit("hf://datasets/cards/dump", tmp_path / "dask", "--engine", "dask", env=env)
    audit(tmp_path / "shards", tmp_path / "local", "--workers", "1")
    for name in ("cards.parquet", "findings.parquet"):
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
