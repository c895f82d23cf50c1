"""What `cardlint fix --log` writes, and what `check --log` says, for logs that are unknown,
impossible, multi-node or multi-machine; run as a process, on fixture logs written here."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from logs.test_log_real_files import CODECARBON_1X_CP1252, _carbontracker
from support import SHARED, run_cardlint

from cardlint.hardware.parse import parse_hardware
from cardlint.logs import read_log
from cardlint.logs.attach import AttachedLogs
from cardlint.logs.card_values import figures
from cardlint.reading.card import parse_card
from cardlint.settings import RunOptions

HEADER = (
    "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,"
    "gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,"
    "python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,"
    "tracking_mode,on_cloud,pue\n"
)


def _row(
    run: str,
    kg: str,
    kwh: str,
    cpu: str = "AMD EPYC 7713 64-Core Processor",
    gpus: str = "8 x NVIDIA A40",
) -> str:
    count = gpus.split(" x ")[0] if gpus else ""
    return (
        f"2024-09-12T03:14:55,tucano,{run},86400.2,{kg},0.00005,112.5,2400.1,188.6,2.7,57.6,4.5,{kwh},Germany,DEU,"
        f"north rhine-westphalia,,,Linux-5.14,3.10.12,2.7.1,128,{cpu},{count},{gpus},6.96,50.94,503.0,machine,N,1.0\n"
    )


def _card(tmp_path: Path, block: str) -> Path:
    readme = tmp_path / "README.md"
    readme.write_text(f"---\nlicense: apache-2.0\n{block}---\n# Model\n", encoding="utf-8")
    return readme


def _log(tmp_path: Path, *rows: str, name: str = "run.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _metadata(readme: Path) -> dict:  # type: ignore[type-arg]
    return parse_card(readme.read_text(encoding="utf-8")).metadata  # type: ignore[return-value]


# point 3 and 4: a run that read no power


def test_fix_never_writes_zero_for_a_run_that_measured_nothing(tmp_path: Path) -> None:
    log = _carbontracker(tmp_path)
    readme = _card(tmp_path, "")
    result = run_cardlint("fix", "--log", str(log), "--unsafe-fixes", str(readme))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "co2_eq_emissions" not in _metadata(readme)
    assert "no total to add" in result.stdout


def test_unknown_total_names_the_line_and_the_known_runs_on_the_command_line(
    tmp_path: Path,
) -> None:
    log = _carbontracker(tmp_path)
    readme = _card(tmp_path, "co2_eq_emissions:\n  emissions: 1\n  source: carbontracker\n")
    result = run_cardlint("check", "--log", str(log), "--output-format", "concise", str(readme))
    assert result.returncode == 1
    note = next(line for line in result.stdout.splitlines() if "using the log" in line)
    assert "emissions unknown (no emissions figure on line 14 (no power was read" in note
    assert "the other run adds up to 45.5 kg CO2eq" in note
    # the card's 1 g is below what the known run alone measured: CO2107 fires, with no fix
    assert (
        f"{readme}:4:14: CO2107 emissions of 1 g is below what the attached log's runs with a figure already add up to, 45500 g"
        in result.stdout
    )
    fixed = run_cardlint("fix", "--log", str(log), "--unsafe-fixes", str(readme))
    assert _metadata(readme)["co2_eq_emissions"]["emissions"] == 1, fixed.stdout


@pytest.mark.parametrize(
    ("grams", "written"),
    [
        ("112.5", "112.5"),
        ("45500.000000000000", "45500"),
        ("0.0123", "0.0123"),
        ("1234.56", "1235"),
    ],
)
def test_co2107_names_the_known_runs_once(tmp_path: Path, grams: str, written: str) -> None:
    log = _carbontracker(tmp_path)
    log.write_text(
        log.read_text(encoding="utf-8").replace("45500.000000000000", grams), encoding="utf-8"
    )
    readme = _card(tmp_path, "co2_eq_emissions:\n  emissions: 0.001\n  source: carbontracker\n")
    result = run_cardlint(
        "check",
        "--no-config",
        "--log",
        str(log),
        "--select",
        "CO2107",
        "--output-format",
        "concise",
        str(readme),
    )
    (line,) = [line for line in result.stdout.splitlines() if "CO2107" in line]
    assert (
        f"already add up to, {written} g, so the total is at least that; no fix while the total is unknown "
        f"({log}: no emissions figure on line 14 (no power was read"
    ) in line
    # each figure once, in grams
    assert re.findall(r"[\d.]+ (?:g|kg)\b", line) == [
        "0.001 g",
        f"{written} g",
    ]


def test_a_card_above_the_known_runs_is_not_contradicted_by_an_unknown_total(
    tmp_path: Path,
) -> None:
    log = _carbontracker(tmp_path)
    readme = _card(tmp_path, "co2_eq_emissions:\n  emissions: 47000\n  source: carbontracker\n")
    result = run_cardlint("check", "--log", str(log), "--select", "CO2107", str(readme))
    assert result.returncode == 0, result.stdout


# point 5: multi-node


@pytest.mark.parametrize(
    ("card", "nodes"),
    [
        ("1108", 2),
        ("2216", 4),
        ("4432", 8),
        ("2220", 4),
        ("7202", 13),
        ("70912", 128),
        ("2000", None),
        ("9418", None),
        ("1400", None),
    ],
)
def test_a_whole_multiple_of_the_log_is_one_node_of_several(
    tmp_path: Path, card: str, nodes: int | None
) -> None:
    log = _log(tmp_path, _row("r1", "0.554", "1.683"))  # 554 g at 329 g/kWh
    readme = _card(tmp_path, f"co2_eq_emissions:\n  emissions: {card}\n  source: CodeCarbon\n")
    check = run_cardlint(
        "check", "--log", str(log), "--select", "CO2107", "--output-format", "concise", str(readme)
    )
    assert check.returncode == 1
    if nodes is None:
        assert "CO2107 [*]" in check.stdout and "node" not in check.stdout
        return
    assert (
        f"is {nodes} times the log's total, 554 g: the log may cover one node of {nodes}"
        in check.stdout
    )
    assert "CO2107 [*]" not in check.stdout  # unsafe
    run_cardlint("fix", "--log", str(log), str(readme))
    assert str(_metadata(readme)["co2_eq_emissions"]["emissions"]) == card
    run_cardlint("fix", "--log", str(log), "--unsafe-fixes", "--select", "CO2107", str(readme))
    assert _metadata(readme)["co2_eq_emissions"]["emissions"] == 554


# point 6: a log no grid can explain


def test_a_log_implying_38900_g_per_kwh_is_reported_and_never_written(tmp_path: Path) -> None:
    log = _log(tmp_path, _row("r1", "0.389", "0.01"))
    readme = _card(tmp_path, "co2_eq_emissions:\n  source: CodeCarbon\n")
    result = run_cardlint("fix", "--log", str(log), "--unsafe-fixes", str(readme))
    assert "implies 38,900 gCO2eq/kWh, which no grid emits" in result.stdout
    assert "no total to add" in result.stdout
    assert "emissions" not in _metadata(readme)["co2_eq_emissions"]
    other = _card(tmp_path, "co2_eq_emissions:\n  emissions: 5\n  source: CodeCarbon\n")
    assert "CO2107" not in run_cardlint("check", "--log", str(log), str(other)).stdout


def test_energy_without_emissions_is_an_impossible_log(tmp_path: Path) -> None:
    m = read_log(_log(tmp_path, _row("r1", "0.0", "1.5")))
    assert m.emissions_g == 0 and m.implausible() is not None
    assert figures(AttachedLogs((m,), explicit=True), RunOptions()).grams_text is None


# point 7: what is written passes the next check


ECO2AI_LAPTOP = (
    "id,project_name,experiment_description,epoch,start_time,duration(s),power_consumption(kWh),CO2_emissions(kg),"
    "CPU_name,GPU_name,OS,region/country,cost\n"
    "0c9e3f4a-77b1-4d0e-9a51-3f2e8b1d6c10,rubert-tiny,distillation,N/A,2023-03-14 11:02:31,5421.88,0.3121,0.1404,"
    '"11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz/1 device(s), TDP:28.0 method:tdp",0 device(s),Linux,RU/Moscow,0\n'
)

CT_NEGATIVE = (
    "CarbonTracker: The following components were found: GPU with device(s) NVIDIA A100-SXM4-40GB.\n"
    "CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:10:00\n\tEnergy:\t{kwh} kWh\n\tCO2eq:\t{g} g\n"
)
ECO2AI_HEADER = ECO2AI_LAPTOP.split("\n")[0] + "\n"
ECO2AI_ROW = ECO2AI_LAPTOP.split("\n")[1]

# (log file name, its text, what the output names): a figure below 0 is reported, like 38,900 g/kWh
NEGATIVE_LOGS = [
    (
        "run.csv",
        HEADER + _row("r1", "-1", "9.1"),
        "line 2 records emissions of -1.00 kg CO2eq, below 0",
    ),
    (
        "run.csv",
        HEADER + _row("r1", "3.456", "-9.1"),
        "line 2 records energy of -9.10 kWh, below 0",
    ),
    (
        "run.csv",
        HEADER + _row("r1", "3.456", "9.1") + _row("r2", "-0.002", "0.01"),
        "line 3 records emissions of -2.00 g CO2eq, below 0",
    ),  # the total, 3.454 kg, would look plausible
    (
        "emission.csv",
        ECO2AI_HEADER + ECO2AI_ROW.replace(",0.1404,", ",-0.1404,") + "\n",
        "line 2 records emissions of -140 g CO2eq, below 0",
    ),
    (
        "x_carbontracker_output.log",
        CT_NEGATIVE.format(kwh="0.1", g="-2.0"),
        "records emissions of -2.00 g CO2eq, below 0",
    ),
    (
        "x_carbontracker_output.log",
        CT_NEGATIVE.format(kwh="-0.1", g="2.0"),
        "records energy of -0.100 kWh, below 0",
    ),
]


@pytest.mark.parametrize(("name", "text", "said"), NEGATIVE_LOGS)
def test_a_negative_log_figure_is_reported_and_never_written(
    tmp_path: Path, name: str, text: str, said: str
) -> None:
    log = tmp_path / name
    log.write_text(text, encoding="utf-8")
    readme = _card(tmp_path, "co2_eq_emissions:\n  emissions: 1710\n  source: CodeCarbon\n")
    check = run_cardlint("check", "--no-config", "--log", str(log), str(readme))
    # the card is checked: findings, not exit 2
    assert check.returncode == 1, check.stdout + check.stderr
    assert (
        said in check.stdout
        and "which no measurement can be: its figures are not used" in check.stdout
    )
    assert "CO2107" not in check.stdout
    run_cardlint("fix", "--no-config", "--log", str(log), "--unsafe-fixes", str(readme))
    assert _metadata(readme)["co2_eq_emissions"]["emissions"] == 1710
    assert figures(AttachedLogs((read_log(log),), explicit=True), RunOptions()).grams is None


def test_eco2ai_laptop_log_writes_what_the_next_check_accepts(tmp_path: Path) -> None:
    log = tmp_path / "emission.csv"
    log.write_text(ECO2AI_LAPTOP, encoding="utf-8")
    readme = _card(tmp_path, "")
    run_cardlint("fix", "--log", str(log), str(readme))
    block = _metadata(readme)["co2_eq_emissions"]
    assert block["source"] == "eco2AI" and block["geographical_location"] == "Moscow, Russia"
    assert (
        "i5-1135G7" in block["hardware_used"]
        and not parse_hardware(block["hardware_used"]).is_vague
    )
    again = run_cardlint("check", "--log", str(log), "--output-format", "concise", str(readme))
    for code in ("CO2402", "CO2302", "CO2303", "CO2601", "CO2107"):
        assert code not in again.stdout


def test_dbjoules_log_is_written_as_dbjoules(tmp_path: Path) -> None:
    log = tmp_path / "emission.csv"
    log.write_text(
        "id,project_name,start_time,duration(s),cpu_power_consumption(kWh),ram_power_consumption(kWh),"
        "power_consumption(kWh),CO2_emissions(kg),CPU_name,OS,region/country\n"
        "7eeaa4f0-620e-40d3-bf9d-4a0382315031,queries,2023-10-23 23:12:55,6.4801,0.00103,0.0002,0.00123,0.000871,"
        '"AMD Ryzen 5 3500U with Radeon Vega Mobile Gfx/1 device(s), TDP:15.0",Windows,IN/Telangana\n',
        encoding="utf-8",
    )
    readme = _card(tmp_path, "co2_eq_emissions:\n  emissions: 0.871\n")
    run_cardlint("fix", "--log", str(log), str(readme))
    assert _metadata(readme)["co2_eq_emissions"]["source"] == "DBJoules"


APPLE = "Apple M1"
RTX = "NVIDIA GeForce RTX 4070 Laptop GPU"


@pytest.mark.parametrize(
    ("apple_kg", "rtx_kg", "written"),
    [
        ("0.002", "0.098", f"1 x {RTX}"),  # 98% on the RTX machine: it stands for the log
        ("0.040", "0.060", None),  # no machine dominates: no hardware, and the message says why
    ],
)
def test_devices_of_different_machines_are_never_joined(
    tmp_path: Path, apple_kg: str, rtx_kg: str, written: str | None
) -> None:
    log = _log(
        tmp_path,
        _row("mac", apple_kg, str(Decimal(apple_kg) * 4), cpu=APPLE, gpus=f"1 x {APPLE}"),
        _row(
            "pc",
            rtx_kg,
            str(Decimal(rtx_kg) * 4),
            cpu="AMD Ryzen 7 7745HX with Radeon Graphics",
            gpus=f"1 x {RTX}",
        ),
    )
    readme = _card(tmp_path, "co2_eq_emissions:\n  emissions: 100\n  source: CodeCarbon\n")
    check = run_cardlint(
        "check", "--log", str(log), "--select", "CO2401", "--output-format", "concise", str(readme)
    )
    run_cardlint("fix", "--log", str(log), "--unsafe-fixes", "--select", "CO2401", str(readme))
    assert _metadata(readme)["co2_eq_emissions"].get("hardware_used") == written
    if written is None:
        assert "2 different machines" in check.stdout
    else:
        assert "the machine of 98% of its total" in check.stdout


# point 8 through the command line


def test_windows_code_page_log_fills_a_card_and_says_what_it_assumed(tmp_path: Path) -> None:
    log = tmp_path / "emissions.csv"
    log.write_bytes(CODECARBON_1X_CP1252)
    readme = _card(tmp_path, "")
    result = run_cardlint("fix", "--log", str(log), str(readme))
    assert "(CodeCarbon, not UTF-8, read as Windows-1252)" in result.stdout
    block = _metadata(readme)["co2_eq_emissions"]
    assert block["emissions"] == 2.846 and block["geographical_location"] == "Île-de-France, France"


CORPUS_LOGS = sorted((SHARED / "corpus" / "logs").glob("*.csv"))


@pytest.mark.skipif(not CORPUS_LOGS, reason="../shared/corpus/logs is absent")
@pytest.mark.parametrize("path", CORPUS_LOGS, ids=lambda p: p.name)
def test_what_every_real_log_would_write_reads_back_cleanly(path: Path) -> None:
    from cardlint.grid.resolver import resolve

    found = figures(AttachedLogs((read_log(path),), explicit=True), RunOptions())
    assert found.hardware is not None or found.hardware_note is not None
    if found.hardware is not None:
        assert not parse_hardware(found.hardware).is_vague
    if found.location is not None:
        assert resolve(found.location).status == "resolved"


# A country-only log writes the country, true but coarse: CO2302 then asks for the region.
COUNTRY_ONLY = [
    ("Germany,DEU,north rhine-westphalia", "North Rhine-Westphalia, Germany", False),
    ("United States,USA,georgia", "Georgia, United States", False),
    ("Canada,CAN,ontario", "Ontario, Canada", False),
    ("France,FRA,", "France", False),
    ("United States,USA,", "United States", True),
]


@pytest.mark.parametrize(("place", "written", "coarse"), COUNTRY_ONLY)
def test_a_country_only_log_writes_the_country(
    tmp_path: Path, place: str, written: str, coarse: bool
) -> None:
    from cardlint.grid.resolver import resolve

    log = _log(
        tmp_path, _row("r1", "0.5", "2.0").replace("Germany,DEU,north rhine-westphalia", place)
    )
    found = figures(AttachedLogs((read_log(log),), explicit=True), RunOptions())
    assert found.location == written
    assert resolve(written).coarse is coarse


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("missing.csv", "no such file"),
        ("runs", "a folder, not a log: name the log file in it"),
    ],
)
@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_log_path_that_is_no_file_is_a_usage_error(
    tmp_path: Path, command: str, target: str, problem: str
) -> None:
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "run_carbontracker_output.log").write_text("carbontracker\n")
    (tmp_path / "README.md").write_text("---\nco2_eq_emissions:\n  emissions: 1\n---\n")
    result = run_cardlint(command, "--log", target, "README.md", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"cardlint: error: --log {target}: {problem}\n"


# a log's figure is in grams: the unit keys of a block without emissions go when it is added

UNIT_BLOCKS = [
    (
        "co2_eq_emissions:\n  unit: kg\n  source: x\n",
        "co2_eq_emissions:\n  emissions: 3456\n  source: x\n",
    ),
    ("co2_eq_emissions: {unit: kg}\n", "co2_eq_emissions: {emissions: 3456, "),
    (
        "co2_eq_emissions: {source: y, unit: kg}\n",
        "co2_eq_emissions: {source: y, emissions: 3456, ",
    ),
    (
        "co2_eq_emissions:\n  unit: kg\n  source: x\n  units: kg\n",
        "co2_eq_emissions:\n  emissions: 3456\n  source: x\n",
    ),
]


@pytest.mark.parametrize(("block", "fixed"), UNIT_BLOCKS)
def test_adding_the_logs_figure_removes_the_unit_keys(
    tmp_path: Path, block: str, fixed: str
) -> None:
    """Else the grams added would be read in the unit's terms next time (a second run changed it)."""
    log = _log(tmp_path, _row("r1", "3.456", "9.1"))
    readme = _card(tmp_path, block)
    first = run_cardlint("fix", "--log", str(log), "--unsafe-fixes", str(readme))
    assert first.returncode in (0, 1), first.stderr
    text = readme.read_text(encoding="utf-8")
    assert fixed in text, text
    assert "unit" not in _metadata(readme)["co2_eq_emissions"]
    again = run_cardlint("fix", "--log", str(log), "--unsafe-fixes", "--diff", str(readme))
    assert again.returncode == 0 and readme.read_text(encoding="utf-8") == text, again.stdout


def test_a_value_with_a_comma_is_quoted_in_a_flow_mapping(tmp_path: Path) -> None:
    """'North Rhine-Westphalia, Germany' written plain inside {...} would be cut at its comma."""
    log = _log(tmp_path, _row("r1", "3.456", "9.1"))
    readme = _card(tmp_path, "co2_eq_emissions: {emissions: 3456, source: CodeCarbon}\n")
    result = run_cardlint("fix", "--log", str(log), "--unsafe-fixes", str(readme))
    assert result.returncode in (0, 1), result.stderr
    assert (
        _metadata(readme)["co2_eq_emissions"]["geographical_location"]
        == "North Rhine-Westphalia, Germany"
    )
    assert '"North Rhine-Westphalia, Germany"' in readme.read_text(encoding="utf-8")
