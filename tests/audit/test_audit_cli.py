"""`cardlint audit` run as a process: sources in both layouts, --limit and --sample, a README
folder, a run killed midway and resumed, and the errors that exit 2 in one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from audit.dumps import dump_rows, write_dump
from support import needs_corpus, run_cardlint


def audit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cardlint audit ARGS --quiet`` with one worker process unless ARGS name a number."""
    workers = () if "--workers" in args else ("--workers", "1")
    return run_cardlint("audit", *args, *workers, "--quiet", cwd=cwd)


def table(out: Path, name: str) -> object:
    return pq.read_table(out / f"{name}.parquet")


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dump(tmp_path_factory.mktemp("dump") / "dump.parquet", dump_rows())


@pytest.fixture(scope="module")
def audited(dump: Path) -> Path:
    out = dump.parent / "out"
    done = audit(str(dump), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    return out


def test_one_row_per_input_row(dump: Path, audited: Path) -> None:
    ids = pq.read_table(dump, columns=["modelId"]).column(0).to_pylist()
    assert pq.read_table(audited / "cards.parquet").column("id").to_pylist() == ids
    assert not list((audited / "parts").glob("*.tmp"))


@needs_corpus
def test_the_corpus_cards_are_all_read(audited: Path) -> None:
    cards = pq.read_table(audited / "cards.parquet").to_pandas()
    corpus = cards[cards["id"].str.startswith("corpus/")]
    assert len(corpus) > 100 and corpus["readable"].all()
    assert (corpus["co2_form"].notna()).sum() > 50


def test_the_older_layout_gives_the_same_tables(tmp_path: Path, audited: Path) -> None:
    old = write_dump(tmp_path / "old.parquet", dump_rows(), old_layout=True)
    done = audit(str(old), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    for name in ("cards", "findings"):
        assert table(tmp_path / "out", name).equals(table(audited, name))


def test_a_folder_and_a_glob_of_shards(tmp_path: Path, audited: Path) -> None:
    rows = dump_rows()
    half = len(rows) // 2
    write_dump(tmp_path / "data" / "train-00000.parquet", rows[:half])
    write_dump(tmp_path / "data" / "train-00001.parquet", rows[half:], group=7)
    for source in ("data", "data/train-*.parquet"):
        out = tmp_path / f"out-{source.count('*')}"
        done = audit(source, "--out", str(out), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert table(out, "cards").equals(table(audited, "cards"))
        assert table(out, "findings").equals(table(audited, "findings"))


def test_limit_and_sample(dump: Path, tmp_path: Path) -> None:
    ids = pq.read_table(dump, columns=["modelId"]).column(0).to_pylist()
    done = audit(str(dump), "--out", str(tmp_path / "limit"), "--limit", "25")
    assert done.returncode == 0, done.stderr
    assert table(tmp_path / "limit", "cards").column("id").to_pylist() == ids[:25]
    samples = []
    for run in ("a", "b"):
        done = audit(str(dump), "--out", str(tmp_path / run), "--sample", "0.5")
        assert done.returncode == 0, done.stderr
        samples.append(table(tmp_path / run, "cards").column("id").to_pylist())
    assert samples[0] == samples[1]  # seeded: the same cards each time
    assert 0 < len(samples[0]) < len(ids) and samples[0] == [i for i in ids if i in samples[0]]
    done = audit(str(dump), "--out", str(tmp_path / "c"), "--sample", "0.5", "--limit", "5")
    assert table(tmp_path / "c", "cards").column("id").to_pylist() == samples[0][:5]


def test_a_folder_of_readmes(tmp_path: Path) -> None:
    for name, text in {
        "org/model": "---\nco2_eq_emissions: 5\n---\n",
        "other": "# no metadata\n",
        "org/bad": b"\xff\xfe not utf-8",
    }.items():
        (tmp_path / "cards" / name).mkdir(parents=True)
        data = text if isinstance(text, bytes) else text.encode()
        (tmp_path / "cards" / name / "README.md").write_bytes(data)
    done = audit("cards", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    cards = table(tmp_path / "out", "cards").to_pylist()
    assert [c["id"] for c in cards] == ["org/bad", "org/model", "other"]
    assert [c["readable"] for c in cards] == [False, True, True]
    assert cards[1]["emissions_hub_g"] == 5.0 and cards[2]["codes"] == ["CL001"]


def test_a_folder_of_named_cards_with_include(tmp_path: Path) -> None:
    """Cards saved under their own names (as ../shared/corpus/cards holds them): --include picks
    them, and each id is the file's path without its extension."""
    (tmp_path / "cards" / "org").mkdir(parents=True)
    (tmp_path / "cards" / "001.md").write_text("---\nco2_eq_emissions: 5\n---\n")
    (tmp_path / "cards" / "org" / "002.md").write_text("# no metadata\n")
    (tmp_path / "cards" / "notes.txt").write_text("not a card\n")
    done = audit("cards", "--include", "*.md", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    cards = table(tmp_path / "out", "cards").to_pylist()
    assert [(c["id"], c["codes"]) for c in cards] == [("001", ["CO2006"]), ("org/002", ["CL001"])]


def test_a_run_killed_midway_resumes_to_the_same_files(dump: Path, tmp_path: Path) -> None:
    small = write_dump(tmp_path / "small.parquet", dump_rows(), group=2)
    whole = audit(str(small), "--out", str(tmp_path / "whole"), "--workers", "1")
    assert whole.returncode == 0, whole.stderr
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "cardlint", "audit", str(small), "--out", str(out)]
    process = subprocess.Popen([*command, "--workers", "1", "--quiet"], start_new_session=True)
    try:
        while not list(out.glob("parts/*-cards.parquet")) and process.poll() is None:
            time.sleep(0.01)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    kept = {p: p.stat().st_mtime_ns for p in out.glob("parts/*-cards.parquet")}
    partitions = len(list((tmp_path / "whole" / "parts").glob("*-cards.parquet")))
    assert 0 < len(kept) < partitions and not (out / "cards.parquet").exists()
    resumed = audit(str(small), "--out", str(out), "--resume", "--workers", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert all(path.stat().st_mtime_ns == mtime for path, mtime in kept.items())
    for name in ("cards.parquet", "findings.parquet"):
        assert (out / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


def test_resume_refuses_parts_of_another_source(dump: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert audit(str(dump), "--out", str(out), "--limit", "3").returncode == 0
    done = audit(str(dump), "--out", str(out), "--resume")
    assert done.returncode == 2
    assert "another source" in done.stderr and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("dump.parqet", "dump.parqet: no such file or folder"),
        (
            "empty",
            "empty: no parquet file and no README.md in this folder"
            " (name other card files with --include '*.md')",
        ),
        ("nothing-*.parquet", "no file matches"),
        ("notes.parquet", "not a parquet file"),
        ("plain.parquet", "not a model-card dump: it needs the columns card and modelId"),
    ],
)
def test_sources_that_cannot_be_read(tmp_path: Path, source: str, says: str) -> None:
    import pyarrow as pa

    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.parquet").write_text("not parquet")
    pq.write_table(pa.table({"x": [1]}), tmp_path / "plain.parquet")
    done = audit(source, "--out", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert says in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--sample", "0"], "--sample must be a fraction in (0, 1]"),
        (["--limit", "-1"], "--limit must be 0 or more"),
        (["--workers", "0"], "--workers must be 1 or more"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    ],
)
def test_options_out_of_range(dump: Path, tmp_path: Path, options: list[str], says: str) -> None:
    done = audit(str(dump), "--out", str(tmp_path / "out"), *options)
    assert done.returncode == 2 and says in done.stderr, done.stderr
