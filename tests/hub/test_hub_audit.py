"""`cardlint audit hf://datasets/...` against the fake Hub: shards read through huggingface_hub's
file system (HF_ENDPOINT and the token honoured), and the one-line errors of a missing dataset,
an unreachable Hub and a mistyped local path."""

from __future__ import annotations

import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from audit.dumps import dump_rows, write_dump
from fake_hub import FakeHub, FakeRepo
from hubtest import TOKEN, Run

from cardlint.hub.errors import LOGIN


@pytest.fixture
def shards(tmp_path: Path) -> dict[str, bytes]:
    rows = dump_rows(with_corpus=False) * 3
    first = write_dump(tmp_path / "shards" / "a.parquet", rows[:10], group=4)
    second = write_dump(tmp_path / "shards" / "b.parquet", rows[10:], old_layout=True, group=5)
    return {
        "data/train-00000-of-00002.parquet": first.read_bytes(),
        "data/train-00001-of-00002.parquet": second.read_bytes(),
        "README.md": b"---\nlicense: mit\n---\n# A dump\n",
    }


def test_a_dataset_on_the_hub_is_audited_like_the_same_files_on_disk(
    hub: FakeHub, run: Run, shards: dict[str, bytes], tmp_path: Path
) -> None:
    hub.add(FakeRepo("cards/dump", shards, repo_type="dataset", private=True))
    local = tmp_path / "local"
    for name, data in shards.items():
        (local / name).parent.mkdir(parents=True, exist_ok=True)
        (local / name).write_bytes(data)
    assert run("audit", str(local / "data"), "--out", "expected", "-q").returncode == 0
    for source in ("hf://datasets/cards/dump", "hf://datasets/cards/dump@main/data/*.parquet"):
        done = run("audit", source, "--out", "out", "-q", env={"HF_TOKEN": TOKEN})
        assert done.returncode == 0, done.stderr
        for name in ("cards.parquet", "findings.parquet"):
            assert pq.read_table(tmp_path / "out" / name).equals(
                pq.read_table(tmp_path / "expected" / name)
            )
    refused = run("audit", "hf://datasets/cards/dump", "--out", "out")
    assert refused.returncode == 2
    assert refused.stderr == (
        "cardlint: error: hf://datasets/cards/dump: no dataset repository 'cards/dump' on the Hub, "
        f"or it is private: if you have access, {LOGIN}\n"
    )


def test_an_unreachable_hub_fails_at_once_in_one_line(run: Run) -> None:
    with FakeHub() as stopped:
        endpoint = stopped.url
    start = time.monotonic()
    done = run("audit", "hf://datasets/cards/dump", "--out", "out", env={"HF_ENDPOINT": endpoint})
    elapsed = time.monotonic() - start
    assert elapsed < 5, f"took {elapsed:.1f} s"  # a hang check, as for `check`
    assert done.returncode == 2
    assert done.stderr == (
        f"cardlint: error: hf://datasets/cards/dump: cannot reach the Hub at {endpoint} (ConnectError), also on retry\n"
    )
    either = run("audit", "cards/dump", "--out", "out", env={"HF_ENDPOINT": endpoint})
    assert either.returncode == 2
    assert either.stderr == (
        "cardlint: error: cards/dump: no such file or folder, and the Hub could not be asked for a dataset "
        f"of that name: cannot reach the Hub at {endpoint} (ConnectError), also on retry\n"
    )


def test_a_mistyped_path_says_what_it_is_not(
    hub: FakeHub, run: Run, shards: dict[str, bytes]
) -> None:
    hub.add(FakeRepo("cards/dump", shards, repo_type="dataset"))
    missing = run("audit", "cards/other", "--out", "out")
    assert missing.returncode == 2
    assert missing.stderr == (
        "cardlint: error: cards/other: no such file or folder, and no Hub repo of that name "
        f"(or it is private: if you have access, {LOGIN})\n"
    )
    on_the_hub = run("audit", "cards/dump", "--out", "out")
    assert on_the_hub.stderr == (
        "cardlint: error: cards/dump: no such file or folder; to audit the Hub dataset of that name, "
        "write hf://datasets/cards/dump\n"
    )
    empty = run("audit", "hf://datasets/cards/dump/nothing", "--out", "out")
    assert empty.returncode == 2
    assert (
        empty.stderr == "cardlint: error: hf://datasets/cards/dump/nothing: no parquet file there\n"
    )
