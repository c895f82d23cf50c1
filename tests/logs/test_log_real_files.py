"""Logs as real tools leave them: runs that read no power, Windows code pages, spreadsheet headers,
eco2AI's derivatives. Each fixture is written here, shaped after the real logs in ../shared/corpus."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardlint.logs import LogError, codecarbon, read_log

# carbontracker 1.5: two trackers in one output log; the second read no power at all
CT_OUTPUT = """\
2025-04-02 08:00:01 - CarbonTracker: The following components were found: GPU with device(s) NVIDIA GeForce RTX 3090, NVIDIA GeForce RTX 3090, NVIDIA GeForce RTX 3090, NVIDIA GeForce RTX 3090. CPU with device(s) cpu:0.
2025-04-05 10:13:02 - CarbonTracker: Average carbon intensity during training was 232.00 gCO2/kWh at detected location: Aarhus, Central Jutland, DK.
2025-04-05 10:13:02 - CarbonTracker: 
Actual consumption for 1 epoch(s):
\tTime:\t3 days, 2:13:00
\tEnergy:\t196.120689655172 kWh
\tCO2eq:\t45500.000000000000 g
\tThis is equivalent to:
\t423.255813953488 km travelled by car
2025-04-05 10:13:02 - CarbonTracker: Finished monitoring.
2025-04-05 11:00:02 - CarbonTracker: The following components were found: GPU with device(s) NVIDIA GeForce RTX 3090, NVIDIA GeForce RTX 3090, NVIDIA GeForce RTX 3090, NVIDIA GeForce RTX 3090. CPU with device(s) cpu:0.
2025-04-05 11:41:17 - CarbonTracker: Average carbon intensity during training was 232.00 gCO2/kWh at detected location: Aarhus, Central Jutland, DK.
2025-04-05 11:41:17 - CarbonTracker: 
Actual consumption for 1 epoch(s):
\tTime:\t0:41:15
\tEnergy:\t0.000000000000 kWh
\tCO2eq:\t0.000000000000 g
\tThis is equivalent to:
\t0.000000000000 km travelled by car
2025-04-05 11:41:17 - CarbonTracker: Finished monitoring.
"""
CT_STANDARD = """\
2025-04-02 08:00:00 - carbontracker version 1.5.1
2025-04-02 08:00:01 - Monitoring thread started.
2025-04-05 10:13:01 - Epoch 1:
2025-04-05 10:13:01 - Duration: 3 days, 2:12:59.71
2025-04-05 10:13:01 - Average power usage (W) for gpu: [1488.3]
2025-04-05 10:13:01 - Average power usage (W) for cpu: [67.2]
2025-04-05 11:00:02 - Monitoring thread started.
2025-04-05 11:41:16 - Epoch 1:
2025-04-05 11:41:16 - Duration: 0:41:14.80
2025-04-05 11:41:16 - Average power usage (W) for gpu: None
2025-04-05 11:41:16 - Average power usage (W) for cpu: None
"""
CT_NAME = "4711.gpu-node_2025-04-02T080000Z_carbontracker"

# CodeCarbon 1.x, as written on Windows in the ANSI code page: 0xEE is the î of île-de-france
CODECARBON_1X_CP1252 = (
    b"timestamp,experiment_id,project_name,duration,emissions,energy_consumed,country_name,country_iso_code,"
    b"region,on_cloud,cloud_provider,cloud_region\r\n"
    b"2021-06-14T17:42:09,5b0fa12f-9dd7-4c5e-9c1f-2b0d2a1e6c3a,camembert-ner,7216.402,0.002846,0.05693,"
    b"France,FRA,\xeele-de-france,N,,\r\n"
)

# CodeCarbon 1.x saved from a spreadsheet: unnamed columns after energy_consumed, rows with and
# without their empty trailing fields
CODECARBON_EMPTY_NAMES = (
    "timestamp,experiment_id,project_name,duration,emissions,energy_consumed,,,,\n"
    "2021-03-02T09:12:44,0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d,distilbert-sst2,1834.5,0.0131,0.0402,,,,\n"
    "2021-03-02T14:03:10,7e6f5a4b-3c2d-4e1f-9a8b-7c6d5e4f3a2b,distilbert-sst2,1790.2,0.0128,0.0393\n"
)

CC_HEADER = (
    "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,"
    "gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,"
    "python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,"
    "tracking_mode,on_cloud,pue\n"
)
ECO2AI_HEADER = (
    "id,project_name,experiment_description,epoch,start_time,duration(s),power_consumption(kWh),CO2_emissions(kg),"
    "CPU_name,GPU_name,OS,region/country,cost\n"
)


def _carbontracker(folder: Path) -> Path:
    (folder / f"{CT_NAME}.log").write_text(CT_STANDARD, encoding="utf-8")
    path = folder / f"{CT_NAME}_output.log"
    path.write_text(CT_OUTPUT, encoding="utf-8")
    return path


def test_carbontracker_run_without_power_is_unknown_not_zero(tmp_path: Path) -> None:
    m = read_log(_carbontracker(tmp_path))
    assert len(m.runs) == 2
    assert m.runs[0].emissions_g == 45500
    assert (m.runs[1].emissions_g, m.runs[1].energy_kwh) == (None, None)
    assert m.emissions_g is None and m.energy_kwh is None
    assert m.known_emissions_g == 45500
    assert "None for gpu and cpu" in (m.runs[1].unknown or "")
    described = m.describe()
    assert "emissions unknown (no emissions figure on line 14 (no power was read" in described
    assert "the other run adds up to 45.5 kg CO2eq" in described
    assert any(
        "average power of None for gpu and cpu: the energy measured leaves out" in note
        for note in m.notes
    )


def test_carbontracker_without_its_standard_log_still_reads_zero_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / f"{CT_NAME}_output.log"
    path.write_text(CT_OUTPUT, encoding="utf-8")
    m = read_log(path)
    assert m.emissions_g is None and m.runs[1].unknown == "no power was read"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "emissions.csv",
            CC_HEADER
            + "2024-05-01T10:00:00,p,r1,3600,0.0,0.0,0,0,0,0,0,0,0.0,Canada,CAN,quebec,,,Linux,3.11,2.3.4,8,"
            "Intel Xeon,,,-73.5,45.5,62.8,machine,N,1.0\n",
        ),
        (
            "emission.csv",
            ECO2AI_HEADER
            + "1f0e,p,run,N/A,2024-01-01 00:00:00,600.0,0,0,Some CPU/1 device(s),0 device(s),Linux,FR/Paris,0\n",
        ),
        (
            "cardlint-energy.jsonl",
            '{"record": "header", "format": "cardlint-energy", "format_version": 1, "tool": "cardlint", "tool_version": "0.1.0"}\n'
            '{"record": "end", "elapsed_s": 600.0, "energy_j": {"gpu": 0, "cpu": 0, "dram": 0}, "emissions_g": 0}\n',
        ),
    ],
)
def test_every_format_reads_a_run_of_nothing_as_unknown(
    tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    m = read_log(path)
    assert m.emissions_g is None and m.energy_kwh is None
    assert (m.cpu_energy_kwh, m.gpu_energy_kwh, m.ram_energy_kwh) == (None, None, None)
    assert any("unknown, not zero" in note for note in m.notes)


def test_a_real_measurement_beside_zero_cpu_energy_is_kept(tmp_path: Path) -> None:
    # a zero component is not a zero run: only a run of 0 kWh and 0 g measured nothing
    path = tmp_path / "emissions.csv"
    path.write_text(
        CC_HEADER
        + "2024-05-01T10:00:00,p,r1,3600,0.012,0.0,0,250,0,0,0.25,0,0.25,Canada,CAN,quebec,,,Linux,3.11,"
        "2.3.4,8,Intel Xeon,1,1 x Tesla T4,-73.5,45.5,62.8,machine,N,1.0\n",
        encoding="utf-8",
    )
    assert read_log(path).emissions_g == 12


def test_windows_code_page_codecarbon_1x_is_read_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    path.write_bytes(CODECARBON_1X_CP1252)
    m = read_log(path)
    assert m.encoding == "cp1252"
    assert m.location is not None and m.location.region == "île-de-france"
    assert m.emissions_g == Decimal("2.846")
    assert "not UTF-8, read as Windows-1252" in m.describe()


def test_utf8_file_is_not_labelled_with_an_encoding(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    path.write_bytes(CODECARBON_1X_CP1252.replace(b"\xee", "î".encode()))
    m = read_log(path)
    assert m.encoding is None and m.location is not None and m.location.region == "île-de-france"


def test_trailing_unnamed_columns_are_read_as_a_spreadsheet_would(tmp_path: Path) -> None:
    path = tmp_path / "emissions.csv"
    path.write_text(CODECARBON_EMPTY_NAMES, encoding="utf-8")
    m = read_log(path)
    assert len(m.runs) == 2
    assert m.emissions_g == (Decimal("0.0131") + Decimal("0.0128")) * 1000
    assert m.energy_kwh == Decimal("0.0402") + Decimal("0.0393")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # data under no column name at all is not silently dropped
        (
            CODECARBON_EMPTY_NAMES.replace(",0.0402,,,,", ",0.0402,,,,,7"),
            "row has 11 fields, the header only 6",
        ),
        # a name that appears twice is still refused
        (
            "duration,emissions,energy_consumed,emissions,,\n1,2,3,4,,\n",
            "column 'emissions' appears twice",
        ),
    ],
)
def test_unnamed_columns_do_not_hide_real_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "emissions.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LogError, match=message):
        read_log(path)


@pytest.mark.parametrize(
    ("header", "row", "grams"),
    [
        # DBJoules as released: its own component columns, no CO2 column: emissions unknown
        (
            "id,project_name,start_time,duration(s),cpu_power_consumption(kWh),ram_power_consumption(kWh),"
            "power_consumption(kWh),CPU_name,OS\n",
            "3c4ae2ef-bbcf-425d-950a-41d08d4b7be1,Default project name,2023-10-23 23:12:36,6.5887,1.3010,0.2046,"
            "1.5056,AMD Ryzen 5 3500U with Radeon Vega Mobile Gfx,Windows\n",
            None,
        ),
        # a DBJoules version that kept eco2AI's CO2 column
        (
            "id,project_name,start_time,duration(s),cpu_power_consumption(kWh),ram_power_consumption(kWh),"
            "power_consumption(kWh),CO2_emissions(kg),CPU_name,OS,region/country\n",
            "7eeaa4f0-620e-40d3-bf9d-4a0382315031,Default project name,2023-10-23 23:12:55,6.4801,0.00103,0.0002,"
            '0.00123,0.000871,"AMD Ryzen 5 3500U with Radeon Vega Mobile Gfx/1 device(s), TDP:15.0",Windows,IN/Telangana\n',
            Decimal("0.871"),
        ),
    ],
)
def test_dbjoules_is_named_as_itself(
    tmp_path: Path, header: str, row: str, grams: Decimal | None
) -> None:
    path = tmp_path / "emission.csv"
    path.write_text(header + row, encoding="utf-8")
    m = read_log(path)
    assert m.tool == "DBJoules" and m.emissions_g == grams
    if grams is None:
        assert "DBJoules wrote no CO2_emissions(kg) column" in m.describe()


RUN = st.tuples(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100"), places=3),  # kg
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("300"), places=2),  # kWh
    st.booleans(),  # whether the run read no power (written as 0 and 0)
)


@settings(max_examples=50, deadline=None)
@given(st.lists(RUN, min_size=1, max_size=6))
def test_runs_that_read_nothing_leave_the_total_unknown_and_the_rest_summed(
    runs: list[tuple[Decimal, Decimal, bool]],
) -> None:
    rows = "".join(
        f"2024-05-0{i + 1}T10:00:00,p,run-{i},3600,{0 if empty else kg},0,0,0,0,0,0,0,{0 if empty else kwh},Canada,CAN,"
        "quebec,,,Linux,3.11,2.3.4,8,Intel Xeon,,,-73.5,45.5,62.8,machine,N,1.0\n"
        for i, (kg, kwh, empty) in enumerate(runs)
    )
    m = codecarbon.parse("emissions.csv", CC_HEADER + rows)
    measured = [kg * 1000 for kg, _, empty in runs if not empty]
    assert (m.emissions_g is None) == any(empty for _, _, empty in runs)
    assert m.known_emissions_g == (sum(measured, Decimal(0)) if measured else None)
    if m.emissions_g is None:
        missing = [str(line) for line, (_, _, empty) in enumerate(runs, start=2) if empty]
        # long lists are cut
        shown = missing if len(missing) <= 4 else [*missing[:3], f"and {len(missing) - 3} more"]
        assert all(line in m.describe() for line in shown)
    else:
        assert m.emissions_g == sum(measured, Decimal(0))
