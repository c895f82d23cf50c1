"""Every real log in ../shared/corpus/logs reads without error; a few totals checked by hand.

The expected figures were summed with awk over the CSVs (last row of each run_id), not by
the reader under test.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cardlint.logs import read_log

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "logs"
LOGS = sorted(CORPUS.glob("*.csv")) if CORPUS.is_dir() else []

needs_corpus = pytest.mark.skipif(not LOGS, reason=f"no corpus of real logs at {CORPUS}")


@needs_corpus
@pytest.mark.parametrize("path", LOGS, ids=lambda p: p.name)
def test_every_real_log_reads(path: Path) -> None:
    m = read_log(path)
    assert m.format == "codecarbon" and m.runs
    assert m.describe().startswith(path.name)


@needs_corpus
@pytest.mark.parametrize(
    ("name", "runs", "kilograms", "kwh"),
    [
        # two runs, one row each: 2.2468 + 11.8488 kg
        ("001.csv", 2, "14.095571526451", "37.001106513850"),
        # 16 cumulative rows of 2 run_ids: the sum of all rows would be 339.45 kg
        ("002.csv", 2, "44.864985522081", "117.771323066231"),
        # 78 rows, each its own run (project_name labels phases)
        ("007.csv", 78, "0.002010481804946", None),
        # 17 rows of 8 run_ids: the sum of all rows would be 0.2196 kg
        ("009.csv", 8, "0.054567869643802", None),
        # absurd powers, but emissions and energy as written
        ("014.csv", 1, "0.0014767587675622636", "0.6212128493797443"),
    ],
)
def test_real_totals(name: str, runs: int, kilograms: str, kwh: str | None) -> None:
    m = read_log(CORPUS / name)
    assert len(m.runs) == runs
    assert m.emissions_g is not None
    assert abs(m.emissions_g - Decimal(kilograms) * 1000) < Decimal("1e-6")
    if kwh is not None:
        assert m.energy_kwh is not None and abs(m.energy_kwh - Decimal(kwh)) < Decimal("1e-9")


@needs_corpus
def test_real_log_with_empty_emissions_has_unknown_total() -> None:
    m = read_log(CORPUS / "013.csv")
    # lines 6 and 7 have no run_id and no emissions; line 7 is the last snapshot of its run
    assert m.emissions_g is None
    assert any("no emissions value on line 7" in note for note in m.notes)


@needs_corpus
def test_real_log_without_gpu_has_unknown_gpu_energy() -> None:
    m = read_log(CORPUS / "006.csv")  # gpu_energy written as integer 0, no GPU listed
    assert m.gpu_energy_kwh is None and m.tool_version is None and m.pue is None
