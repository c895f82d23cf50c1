"""The log writer: one JSON line per record, fsynced each time."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from cardlint.energy.log import EnergyLogWriter, header_record
from cardlint.energy.testing import read_records


def test_each_record_is_one_fsynced_json_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    path = tmp_path / "log.jsonl"
    writer = EnergyLogWriter(path)
    writer.write(header_record(tool="x", command=["python", "é.py"]))
    assert path.read_text(encoding="utf-8").count("\n") == 1  # on disk before close
    writer.write({"record": "sample", "elapsed_s": 1.0, "energy_j": {"gpu": None}})
    writer.close()
    assert len(synced) == 2
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert records[0] == {
        "record": "header",
        "format": "cardlint-energy",
        "format_version": 1,
        "tool": "x",
        "command": ["python", "é.py"],
    }
    assert records[1]["energy_j"] == {"gpu": None}


def test_nan_is_refused_rather_than_written(tmp_path: Path) -> None:
    writer = EnergyLogWriter(tmp_path / "log.jsonl")
    with pytest.raises(ValueError):
        writer.write({"record": "sample", "energy_j": {"gpu": math.nan}})
    writer.close()


def test_existing_log_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text("old\n")
    EnergyLogWriter(path).close()
    assert path.read_text() == ""


def test_reader_helper_skips_a_cut_off_last_line_only(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text('{"record": "header"}\n{"record": "sample", "elap')
    assert read_records(path) == [{"record": "header"}]
    path.write_text('{"record": "header"}\n{"record": "sa\n')
    with pytest.raises(json.JSONDecodeError):
        read_records(path)
