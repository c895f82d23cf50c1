"""Detection by content, discovery by default names, and files that are no log at all."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from cardlint.logs import LogError, detect_format, discover_logs, read_log

FIXTURES = Path(__file__).parent / "fixtures"
CARBONTRACKER = (
    FIXTURES
    / "carbontracker"
    / "complete"
    / "4242.root_2025-03-01T101500Z_carbontracker_output.log"
)


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [
        ("codecarbon/v2_8_multirun.csv", "codecarbon"),
        ("codecarbon/v2022_29cols.csv", "codecarbon"),
        ("eco2ai/emission.csv", "eco2ai"),
        ("eco2ai/old_kwth.csv", "eco2ai"),
        ("carbontracker/one_of_ten_carbontracker_output.log", "carbontracker"),
        ("cardlint/complete.jsonl", "cardlint"),
    ],
)
def test_format_is_told_by_content_whatever_the_name(
    tmp_path: Path, fixture: str, fmt: str
) -> None:
    renamed = tmp_path / "some-log.txt"
    shutil.copy(FIXTURES / fixture, renamed)
    assert detect_format(renamed, renamed.read_text(encoding="utf-8")) == fmt
    assert read_log(renamed).format == fmt


def test_eco2ai_csv_under_codecarbon_default_name_reads_as_eco2ai(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    shutil.copy(FIXTURES / "eco2ai" / "emission.csv", path)
    m = read_log(path)
    assert m.format == "eco2ai" and m.emissions_g == 20


def test_random_csv_under_default_name_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    path.write_text("epoch,loss,accuracy\n1,0.5,0.81\n")
    with pytest.raises(LogError) as caught:
        read_log(path)
    assert str(caught.value).startswith(f"{path}:1: a CSV that is neither CodeCarbon's")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        # 0x81 is undefined in Windows-1252 too
        (
            b"timestamp,run_id,duration,emissions\n2024,\xe9t\x81,1,2\n",
            "neither UTF-8 nor Windows-1252 text (byte 0x81)",
        ),
        (b"just some notes about the run\n", "not a measurement log cardlint reads"),
    ],
)
def test_files_that_are_no_log(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "emissions.csv"
    path.write_bytes(content)
    with pytest.raises(LogError, match=re.escape(message)):
        read_log(path)


def test_non_utf8_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    path.write_bytes(b"a,b\n1,2\n3,\x81\n")  # undefined in UTF-8 and in Windows-1252
    with pytest.raises(LogError) as caught:
        read_log(path)
    assert caught.value.line == 3


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="cannot read the file"):
        read_log(tmp_path / "absent.csv")
    with pytest.raises(LogError, match="cannot read the file"):
        read_log(tmp_path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "codecarbon" / "v2_8_multirun.csv").read_bytes())
    assert read_log(path).emissions_g == 1050


def test_discover_finds_default_names_only(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nco2_eq_emissions: 1\n---\n")
    shutil.copy(FIXTURES / "codecarbon" / "v2_8_multirun.csv", tmp_path / "emissions.csv")
    shutil.copy(FIXTURES / "eco2ai" / "emission.csv", tmp_path / "emission.csv")
    shutil.copy(FIXTURES / "cardlint" / "complete.jsonl", tmp_path / "cardlint-energy.jsonl")
    shutil.copy(CARBONTRACKER, tmp_path / CARBONTRACKER.name)
    shutil.copy(
        CARBONTRACKER.with_name("4242.root_2025-03-01T101500Z_carbontracker.log"),
        tmp_path / "x_carbontracker.log",
    )
    (tmp_path / "metrics.csv").write_text("a,b\n1,2\n")
    (tmp_path / "logs").mkdir()
    shutil.copy(FIXTURES / "codecarbon" / "interrupted.csv", tmp_path / "logs" / "emissions.csv")
    (tmp_path / "b_carbontracker_output.log").mkdir()  # a folder under a log's name is no log

    found = discover_logs(tmp_path)

    assert found == [
        str(tmp_path / name)
        for name in ("emissions.csv", "emission.csv", "cardlint-energy.jsonl", CARBONTRACKER.name)
    ]
    # from the folder's names, listed already (by the linter, for the rules too): the same logs
    assert discover_logs(tmp_path, sorted(os.listdir(tmp_path))) == found
    assert [read_log(p).format for p in found] == [
        "codecarbon",
        "eco2ai",
        "cardlint",
        "carbontracker",
    ]


def test_discover_in_an_empty_or_missing_folder(tmp_path: Path) -> None:
    assert discover_logs(tmp_path) == []
    assert discover_logs(tmp_path / "nowhere") == []
