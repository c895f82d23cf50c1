"""Whatever the bytes, reading a log gives a Measurement or a LogError, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardlint.logs import LogError, read_log

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = sorted(p for p in FIXTURES.rglob("*") if p.is_file())
NAMES = ["emissions.csv", "emission.csv", "cardlint-energy.jsonl", "run_carbontracker_output.log"]


def check(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            m = read_log(path)
        except LogError as error:
            assert str(error).startswith(str(path))
            return
        assert m.describe()
        for value in (m.emissions_g, m.energy_kwh, m.duration_s):
            assert value is None or value >= 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), name=st.sampled_from(NAMES))
def test_arbitrary_bytes(data: bytes, name: str) -> None:
    check(data, name)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(SAMPLES),
    cut=st.integers(min_value=0, max_value=4000),
    at=st.integers(min_value=0, max_value=4000),
    insert=st.sampled_from(
        ["", ",", "\n", '"', "-", "nan", "1e999", "{", "\x00", "é", "\r\n", "N/A", ": 1 g"]
    ),
    name=st.sampled_from(NAMES),
)
def test_damaged_real_shapes(sample: Path, cut: int, at: int, insert: str, name: str) -> None:
    text = sample.read_bytes()[: max(cut, 1)]
    at = min(at, len(text))
    check(text[:at] + insert.encode() + text[at:], name)
