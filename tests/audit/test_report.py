"""report.md: its counts equal those computed independently with huggingface_hub's metadata_load
over the same cards; the same tables give the same report and figures, byte for byte."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from audit.dumps import dump_rows, write_dump
from support import needs_corpus, run_cardlint

from cardlint.audit.report import grams, percent, write_report
from cardlint.linter import MAX_BYTES

CO2_KEYS = {
    "source": "source",
    "training type": "training_type",
    "location": "geographical_location",
    "hardware": "hardware_used",
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return dump_rows()


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]]) -> Path:
    """The audit of a folder of two files, one in each column layout."""
    folder = tmp_path_factory.mktemp("report")
    half = len(rows) // 2
    write_dump(folder / "dump" / "a.parquet", rows[:half])
    write_dump(folder / "dump" / "b.parquet", rows[half:], old_layout=True)
    done = run_cardlint("audit", str(folder / "dump"), "--out", str(folder / "out"), "--quiet")
    assert done.returncode == 0, done.stderr
    return folder / "out"


def given(value: Any) -> bool:
    """docs/audit.md: a field is given when it is not null, not blank text, not an empty list or mapping."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != [] and value != {}


def hub_metadata(card: Any, folder: Path) -> dict[str, Any] | None:
    """The card's metadata as huggingface_hub reads a README file; None when there is none, or
    when huggingface_hub fails on it; the audit counts cards over its size limit as unreadable."""
    from huggingface_hub.repocard import metadata_load

    if not isinstance(card, str) or len(card.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None
    path = folder / "README.md"
    path.write_text(card, encoding="utf-8", newline="")
    try:
        metadata = metadata_load(path)
    except Exception:  # a YAML error, or a block that is not a mapping
        return None
    return metadata if isinstance(metadata, dict) else None


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]]) -> Counter:
    """Per year of creation ("all" for every card): models, models reporting, and each field given."""
    folder = tmp_path_factory.mktemp("metadata_load")
    counts: Counter = Counter()
    for row in rows:
        metadata = hub_metadata(row["card"], folder)
        for group in ("all", row["createdAt"][:4]):
            counts[group, "models"] += 1
            if metadata is None or "co2_eq_emissions" not in metadata:
                continue
            counts[group, "reporting"] += 1
            block = metadata["co2_eq_emissions"]
            for name, key in CO2_KEYS.items():
                counts[group, name] += isinstance(block, dict) and given(block.get(key))
    return counts


def first_table(report: str) -> tuple[list[str], dict[str, list[str]]]:
    """The header and the rows (by their first cell) of the report's first table."""
    lines = [line for line in report.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows: dict[str, list[str]] = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != len(header):
            break
        rows[cells[0]] = cells
    return header, rows


def number(cell: str) -> int:
    """The count at the start of a cell such as ``1,234 (12.5%)``."""
    return int(cell.split()[0].replace(",", ""))


@needs_corpus
def test_the_first_table_has_castano_et_al_s_columns(audited: Path) -> None:
    header, _ = first_table((audited / "report.md").read_text(encoding="utf-8"))
    assert header[2:] == [
        "reporting emissions",
        "reporting share",
        "source",
        "training type",
        "location",
        "hardware",
    ]


@needs_corpus
def test_the_counts_equal_metadata_load_s(audited: Path, expected: Counter) -> None:
    header, rows = first_table((audited / "report.md").read_text(encoding="utf-8"))
    years = {group for group, _ in expected} - {"all"}
    assert set(rows) == {"all", *years} and len(years) > 1
    assert expected["all", "reporting"] > 50  # the corpus cards: most report emissions
    for group, cells in rows.items():
        found = dict(zip(header, cells))
        assert number(found["models"]) == expected[group, "models"], group
        assert number(found["reporting emissions"]) == expected[group, "reporting"], group
        assert found["reporting share"] == percent(
            expected[group, "reporting"], expected[group, "models"]
        )
        for name in CO2_KEYS:
            assert number(found[name]) == expected[group, name], (group, name)


@needs_corpus
def test_the_counts_of_kilograms_and_findings_are_the_tables(audited: Path) -> None:
    report = (audited / "report.md").read_text(encoding="utf-8")
    codes = pq.read_table(audited / "findings.parquet", columns=["code"]).column(0).to_pylist()
    per_code = Counter(codes)
    cards = pq.read_table(audited / "cards.parquet", columns=["codes"]).column(0).to_pylist()
    kilograms = sum("CO2105" in found for found in cards)
    assert kilograms > 0
    assert re.search(
        rf"\n{kilograms} models \([^)]*\) give an amount that looks like kilograms", report
    )
    most = max(per_code.values())
    code = min(c for c, n in per_code.items() if n == most)
    assert re.search(rf"\n\| {code} \| \w+ \| {most:,} \|", report)
    assert f"{len(codes):,} findings of {len(per_code)} codes" in report
    for mc_code, n in per_code.items():  # the metadata rules that exist report here
        if mc_code.startswith("MC"):
            assert f"| {mc_code} | {n:,} |" in report


def test_the_same_tables_give_the_same_files(tmp_path: Path) -> None:
    rows = dump_rows(with_corpus=False)
    write_dump(tmp_path / "dump.parquet", rows)
    done = run_cardlint(
        "audit", str(tmp_path / "dump.parquet"), "--out", str(tmp_path / "out"), "-q"
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    files = ["report.md", *(f"figures/{p.name}" for p in sorted((out / "figures").glob("*.png")))]
    assert len(files) == 4
    before = {name: (out / name).read_bytes() for name in files}
    for name in files:
        (out / name).unlink()
    assert write_report(out) == str(out / "report.md")
    assert {name: (out / name).read_bytes() for name in files} == before
    for name in files[1:]:  # no matplotlib version, no date in the PNG files
        assert b"matplotlib" not in before[name] and b"Software" not in before[name]
    report = before["report.md"].decode("utf-8")
    assert report.startswith(f"# cardlint audit\n\n{len(rows)} cards, {len(rows) - 2} readable")
    assert "Unreadable: 1 card is null; 1 card is over the 10 MB limit" in report


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (1, 3, "33.3%"),
        (1, 1, "100.0%"),
        (0, 5, "0%"),
        (1, 200, "0.5%"),
        (13, 1_090_000, "0.0012%"),
        (1, 10**9, "<0.001%"),
        (3, 0, "–"),
    ],
)
def test_percent(part: int, whole: int, text: str) -> None:
    assert percent(part, whole) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.000123456, "0.000123"),
        (1.0, "1.00"),
        (16.04, "16.0"),
        (1703.2, "1,700"),
        (24_700_000.0, "24,700,000"),
        (0.0, "0"),
    ],
)
def test_grams_to_three_significant_figures(value: float, text: str) -> None:
    assert grams(value) == text


@needs_corpus
def test_the_metadata_fields_are_counted_under_their_keys(
    audited: Path, rows: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Each top-level key's row (named as the card writes it: `model-index`) counts the cards
    that give it, as metadata_load reads them."""
    report = (audited / "report.md").read_text(encoding="utf-8")
    counts: Counter = Counter()
    for row in rows:
        metadata = hub_metadata(row["card"], tmp_path) or {}
        counts.update(key for key, value in metadata.items() if given(value))
    for key in ("license", "language", "datasets", "model-index"):
        assert counts[key] > 0
        assert re.search(rf"\n\| `{key}` \| {counts[key]:,} \| ", report), key
