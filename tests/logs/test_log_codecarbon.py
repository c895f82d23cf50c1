"""CodeCarbon emissions.csv: kg to g, last snapshot per run_id, runs summed, bad rows named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cardlint.logs import Device, Location, LogError
from cardlint.logs.codecarbon import read

FIXTURES = Path(__file__).parent / "fixtures" / "codecarbon"

HEADER_31 = (
    "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,"
    "cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,"
    "cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,"
    "gpu_model,longitude,latitude,ram_total_size,tracking_mode,on_cloud,pue"
)


def row(
    run_id: str = "r1", duration: str = "10", emissions: str = "0.001", energy: str = "0.004"
) -> str:
    """One 31-column row with the given figures and plausible rest."""
    return (
        f"2024-01-01T00:00:10,p,{run_id},{duration},{emissions},0.0001,10,0,3,0.003,0,0.001,{energy},"
        "Spain,ESP,madrid,,,Linux,3.11,2.3.4,8,Some CPU,,,-3.7,40.4,16,machine,N,1.0"
    )


def write(tmp_path: Path, *rows: str, header: str = HEADER_31) -> Path:
    path = tmp_path / "emissions.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def test_v2_8_interleaved_runs_take_last_snapshot_of_each() -> None:
    m = read(FIXTURES / "v2_8_multirun.csv")
    # run aaaa: snapshots 0.25, 0.5, 0.75 kg -> 0.75; run bbbb: 0.1, 0.3 kg -> 0.3
    assert m.emissions_g == (Decimal("0.75") + Decimal("0.3")) * 1000 == Decimal("1050")
    assert m.energy_kwh == Decimal("3.0") + Decimal("1.2")
    assert (m.cpu_energy_kwh, m.gpu_energy_kwh, m.ram_energy_kwh) == (
        Decimal("0.3") + Decimal("0.15"),
        Decimal("2.4") + Decimal("0.9"),
        Decimal("0.3") + Decimal("0.15"),
    )
    assert m.duration_s == 1800 + 900
    assert [(r.run_id, r.label, r.emissions_g, r.line) for r in m.runs] == [
        ("aaaa1111-0000-4000-8000-000000000001", "llm-pretrain", Decimal("750"), 5),
        ("bbbb2222-0000-4000-8000-000000000002", "llm-eval", Decimal("300"), 6),
    ]
    assert m.tool == "CodeCarbon" and m.tool_version == "2.8.3" and m.format == "codecarbon"
    assert m.hardware == (
        Device("gpu", "NVIDIA H100 80GB HBM3", 2),
        Device("cpu", "AMD EPYC 9654 96-Core Processor"),
    )
    assert m.location == Location(country="France", country_iso="FRA", region="île-de-france")
    assert m.pue == Decimal("1.2")
    assert m.finished and m.notes == ()
    assert m.describe() == "v2_8_multirun.csv (CodeCarbon 2.8.3, 2 runs): 1.05 kg CO2eq, 4.20 kWh"


def test_2022_schema_without_version_or_pue_and_integer_zero_gpu() -> None:
    m = read(FIXTURES / "v2022_29cols.csv")
    assert m.emissions_g == (Decimal("0.0015") + Decimal("0.0025")) * 1000 == 4
    assert m.energy_kwh == Decimal("0.016")
    assert m.gpu_energy_kwh is None  # written as 0 with no GPU listed: not measured, not zero
    assert m.cpu_energy_kwh == Decimal("0.011") and m.ram_energy_kwh == Decimal("0.005")
    assert m.tool_version is None and m.pue is None
    assert m.hardware == (Device("cpu", "Apple M1"),)
    assert len(m.runs) == 2


def test_trailing_n_nodes_column_mixed_versions_and_cloud_location() -> None:
    m = read(FIXTURES / "v2_7_n_nodes.csv")
    assert m.emissions_g == (Decimal("2.5") + Decimal("1.25")) * 1000
    assert m.energy_kwh == 9
    assert m.tool_version == "2.7.1, 2.7.2"
    assert (
        m.location is not None and m.location.describe() == "gcp us-central1, iowa, United States"
    )
    assert m.hardware[0] == Device("gpu", "NVIDIA A100-SXM4-40GB", 4)


def test_single_row_quoted_cpu_empty_region_no_final_newline() -> None:
    m = read(FIXTURES / "v2_3_single_empty_region.csv")
    assert m.emissions_g == Decimal("12.5")
    assert m.location == Location(country="Brazil", country_iso="BRA")
    assert Device("cpu", "Intel Core Processor (Haswell, no TSX)") in m.hardware
    assert (
        m.describe() == "v2_3_single_empty_region.csv (CodeCarbon 2.3.2): 12.5 g CO2eq, 0.0500 kWh"
    )


def test_interrupted_second_run_counts_its_last_flush() -> None:
    m = read(FIXTURES / "interrupted.csv")
    # run ffff ends at 0.08 kg; run 0707 was killed after one flush at 0.02 kg
    assert m.emissions_g == Decimal("100")
    assert [r.emissions_g for r in m.runs] == [Decimal("80"), Decimal("20")]


def test_truncated_last_row_is_an_error_naming_its_line() -> None:
    with pytest.raises(LogError) as caught:
        read(FIXTURES / "truncated_row.csv")
    assert caught.value.line == 5
    assert "truncated" in str(caught.value)
    assert str(caught.value).startswith(
        f"{FIXTURES / 'truncated_row.csv'}:5: row has 8 of the header's 31 fields"
    )


def test_rows_without_run_id_are_grouped_by_start_time() -> None:
    m = read(FIXTURES / "no_run_id.csv")
    # lines 2 and 3 both started at 10:00:00 (cumulative); line 4 started at 10:05:00
    assert m.emissions_g == (Decimal("0.002") + Decimal("0.0005")) * 1000
    assert [r.line for r in m.runs] == [3, 4]
    assert "taken as 2 run(s)" in m.notes[0]


def test_empty_emissions_makes_total_unknown_with_a_note(tmp_path: Path) -> None:
    m = read(write(tmp_path, row("a", emissions="0.001"), row("b", emissions="")))
    assert m.emissions_g is None
    assert m.runs[0].emissions_g == 1 and m.runs[1].emissions_g is None
    assert any("line 3" in note and "the other runs sum to 1" in note for note in m.notes)
    assert "emissions unknown" in m.describe()


def test_task_file_rows_are_separate_runs(tmp_path: Path) -> None:
    header = "task_name,timestamp,project_name,run_id,duration,emissions,energy_consumed"
    path = write(
        tmp_path,
        "load,2024-01-01T00:00:05,p,same,5,0.001,0.002",
        "train,2024-01-01T00:01:05,p,same,60,0.004,0.008",
        header=header,
    )
    m = read(path)
    assert m.emissions_g == 5 and [r.label for r in m.runs] == ["load", "train"]


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ((row(), row(emissions="abc")), 3, "column 'emissions' is not a number: 'abc'"),
        (
            (row(duration="-5"),),
            2,
            "column 'duration' is negative: -5",
        ),  # emissions and energy: implausible, read
        ((row(), row(duration="nan")), 3, "column 'duration' is 'nan', not a finite number"),
        ((row(energy="1e999"),), 2, "column 'energy_consumed' is out of range"),
        (
            (row(emissions="0.002"), row(emissions="0.001")),
            3,
            "column 'emissions' falls from 0.002 to 0.001",
        ),
        ((row() + ",extra",), 2, "row has 32 fields, the header only 31"),
        ((), None, "a header but no rows"),
    ],
)
def test_bad_rows_name_line_and_column(
    tmp_path: Path, rows: tuple[str, ...], line: int | None, message: str
) -> None:
    path = write(tmp_path, *rows)
    with pytest.raises(LogError) as caught:
        read(path)
    assert caught.value.line == line
    assert message in str(caught.value)


def test_error_string_has_path_line_and_message(tmp_path: Path) -> None:
    path = write(tmp_path, row(), row(), row(emissions="abc"))
    with pytest.raises(LogError) as caught:
        read(path)
    assert str(caught.value) == f"{path}:4: column 'emissions' is not a number: 'abc'"


def test_missing_required_column(tmp_path: Path) -> None:
    path = write(
        tmp_path, "2024-01-01T00:00:10,p,r1,10", header="timestamp,project_name,run_id,duration"
    )
    with pytest.raises(LogError, match="missing required column 'emissions'"):
        read(path)


def test_unterminated_quote_is_malformed_csv(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    path.write_text(HEADER_31 + '\n2024-01-01T00:00:10,"p,r1\n', encoding="utf-8")
    with pytest.raises(LogError, match="malformed CSV"):
        read(path)
