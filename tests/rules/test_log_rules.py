"""Cards checked and fixed against attached measurement logs, end to end."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import run_cardlint

from cardlint.fixer.apply import fix_card
from cardlint.linter import lint_card
from cardlint.logs import Device, Location, Measurement
from cardlint.logs.attach import AttachedLogs, round_grams
from cardlint.reading.card import parse_card
from cardlint.settings import Settings

HEADER = (
    "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,"
    "gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,"
    "python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,"
    "tracking_mode,on_cloud,pue\n"
)


def _row(run: str, duration: float, kg: float, kwh: float) -> str:
    return (
        f"2024-05-01T10:00:00,demo,{run},{duration},{kg},0.0001,40,250,12,0.01,0.08,0.004,{kwh},Canada,CAN,quebec,,,"
        "Linux,3.11.4,2.3.4,16,Intel Xeon,2,2 x NVIDIA A100-SXM4-40GB,-73.5,45.5,62.8,machine,N,1.0\n"
    )


# two snapshots of run A (the last counts: 0.1 kg) and one of run B (0.05 kg): 150 g and 1 kWh in all
LOG = (
    HEADER
    + _row("run-a", 600, 0.04, 0.3)
    + _row("run-a", 1200, 0.1, 0.6)
    + _row("run-b", 900, 0.05, 0.4)
)
CARD = (
    "---\nlicense: mit\nco2_eq_emissions:\n  emissions: {emissions}\n  source: CodeCarbon\n  training_type: fine-tuning\n"
    "  geographical_location: {location}\n  hardware_used: 2 x NVIDIA A100-SXM4-40GB\n---\n# Model\n"
)


def setup(
    tmp_path: Path,
    emissions: str,
    location: str = "Quebec, Canada",
    log_name: str = "emissions.csv",
) -> Path:
    (tmp_path / log_name).write_text(LOG, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(CARD.format(emissions=emissions, location=location), encoding="utf-8")
    return readme


def test_kilograms_pasted_as_grams_are_detected_and_fixed(tmp_path: Path) -> None:
    readme = setup(tmp_path, "0.15")
    check = run_cardlint("check", "--output-format", "concise", str(readme))
    assert check.returncode == 1
    assert f"{readme}:4:14: CO2105 [*]" in check.stdout
    assert "using the log emissions.csv (CodeCarbon 2.3.4, 2 runs)" in check.stdout
    run_cardlint("fix", str(readme))
    assert "  emissions: 150\n" in readme.read_text()
    assert run_cardlint("check", str(readme)).returncode == 0


def test_matching_card_is_clean(tmp_path: Path) -> None:
    readme = setup(tmp_path, "150")
    result = run_cardlint("check", str(readme))
    assert result.returncode == 0, result.stdout


def test_rounded_card_within_printed_precision_is_clean(tmp_path: Path) -> None:
    (tmp_path / "emissions.csv").write_text(HEADER + _row("r", 60, 25.46, 90), encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(CARD.format(emissions="25000", location="Quebec, Canada"), encoding="utf-8")
    assert (
        "CO2107"
        not in run_cardlint(
            "check",
            "--log",
            str(tmp_path / "emissions.csv"),
            "--output-format",
            "concise",
            str(readme),
        ).stdout
    )


def test_mismatch_is_reported_and_fixed_only_when_the_log_is_named(tmp_path: Path) -> None:
    readme = setup(tmp_path, "2.04")
    result = run_cardlint("check", "--output-format", "concise", str(readme))
    assert "CO2107 emissions of 2.04 g differs from the log's total, 150 g" in result.stdout
    run_cardlint("fix", str(readme))
    assert "emissions: 2.04" in readme.read_text(), "a discovered log only gives an unsafe fix"
    run_cardlint("fix", "--log", str(tmp_path / "emissions.csv"), str(readme))
    assert "  emissions: 150\n" in readme.read_text()


def test_location_contradicting_the_log(tmp_path: Path) -> None:
    readme = setup(tmp_path, "150", location="Singapore")
    result = run_cardlint("check", "--output-format", "concise", "--select", "CO2601", str(readme))
    assert f"{readme}:7:26: CO2601" in result.stdout and "Quebec, Canada" in result.stdout


def test_card_without_block_gets_a_complete_one(tmp_path: Path) -> None:
    log = tmp_path / "run" / "emissions.csv"
    log.parent.mkdir()
    log.write_text(LOG, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# A model\r\n\r\nTrained on a GPU.\r\n", encoding="utf-8", newline="")
    result = run_cardlint("fix", "--log", str(log), "--training-type", "fine-tuning", str(readme))
    assert result.returncode == 0, result.stdout + result.stderr
    assert readme.read_bytes() == (
        b"---\r\nco2_eq_emissions:\r\n  emissions: 150\r\n  source: CodeCarbon 2.3.4\r\n  training_type: fine-tuning\r\n"
        b"  geographical_location: Quebec, Canada\r\n  hardware_used: 2 x NVIDIA A100-SXM4-40GB\r\n---\r\n"
        b"# A model\r\n\r\nTrained on a GPU.\r\n"
    )


def test_block_without_co2_gets_one_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "emissions.csv").write_text(LOG, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("---\nlicense: mit  # keep me\ntags:\n- a\n---\nBody\n", encoding="utf-8")
    run_cardlint("fix", "--log", str(tmp_path / "emissions.csv"), str(readme))
    assert readme.read_text() == (
        "---\nlicense: mit  # keep me\ntags:\n- a\nco2_eq_emissions:\n  emissions: 150\n  source: CodeCarbon 2.3.4\n"
        "  geographical_location: Quebec, Canada\n  hardware_used: 2 x NVIDIA A100-SXM4-40GB\n---\nBody\n"
    )


def test_missing_fields_are_filled_from_the_log(tmp_path: Path) -> None:
    (tmp_path / "emissions.csv").write_text(LOG, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(
        "---\nco2_eq_emissions:\n  training_type: fine-tuning\n---\n", encoding="utf-8"
    )
    run_cardlint("fix", "--log", str(tmp_path / "emissions.csv"), str(readme))
    assert parse_card(readme.read_text()).metadata == {
        "co2_eq_emissions": {
            "training_type": "fine-tuning",
            "emissions": 150,
            "source": "CodeCarbon 2.3.4",
            "geographical_location": "Quebec, Canada",
            "hardware_used": "2 x NVIDIA A100-SXM4-40GB",
        }
    }


def test_recompute_intensity_uses_the_cards_location(tmp_path: Path) -> None:
    readme = setup(tmp_path, "150", location="Alberta, Canada")
    result = run_cardlint(
        "check",
        "--recompute-intensity",
        "--select",
        "CO2107",
        "--output-format",
        "concise",
        str(readme),
    )
    # 1 kWh in all, times Alberta's intensity from the package data
    from cardlint.grid.resolver import resolve

    region = resolve("Alberta, Canada").region
    assert region is not None
    expected = round_grams(Decimal("1.0") * Decimal(repr(region.g_co2eq_per_kwh)))
    assert f"{expected.normalize():f} g" in result.stdout and region.source in result.stdout


def test_bad_log_is_a_located_error_and_the_card_is_left_alone(tmp_path: Path) -> None:
    readme = setup(tmp_path, "0.15")
    (tmp_path / "emissions.csv").write_text(
        HEADER + _row("r", 60, 0.1, 0.05).replace(",0.1,", ",abc,"), encoding="utf-8"
    )
    before = readme.read_bytes()
    result = run_cardlint("fix", str(readme))
    assert result.returncode == 2
    assert "emissions.csv:2" in result.stderr and "Traceback" not in result.stderr
    assert readme.read_bytes() == before


def test_missing_log_path_is_a_usage_error(tmp_path: Path) -> None:
    readme = setup(tmp_path, "150")
    result = run_cardlint("check", "--log", str(tmp_path / "nope.csv"), str(readme))
    assert result.returncode == 2 and "nope.csv" in result.stderr


def test_no_discover_logs(tmp_path: Path) -> None:
    readme = setup(tmp_path, "0.15")
    result = run_cardlint("check", "--no-discover-logs", "--select", "CO2105,CO2107", str(readme))
    assert "CO2105 [*]" not in result.stdout


def _measurement(grams: Decimal) -> Measurement:
    return Measurement(
        path="emissions.csv",
        format="codecarbon",
        tool="CodeCarbon",
        tool_version="2.8.2",
        emissions_g=grams,
        energy_kwh=grams / 100,
        hardware=(Device("gpu", "NVIDIA A40", 8),),
        location=Location(country="Germany", country_iso="DEU"),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(
        min_value=Decimal("0.0001"),
        max_value=Decimal("1e10"),
        places=4,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_any_measurement_written_into_a_card_reads_back_as_its_grams(grams: Decimal) -> None:
    logs = AttachedLogs((_measurement(grams),), explicit=True)
    card = parse_card("---\nlicense: mit\n---\n# Model\n", "README.md")
    fixed, _ = fix_card(card, Settings(), logs=logs)
    written = fixed.metadata["co2_eq_emissions"]["emissions"]  # type: ignore[index]
    assert Decimal(repr(written)) == round_grams(grams)
    assert not [
        d for d in lint_card(fixed, Settings(), logs) if d.code in ("CO2107", "CO2105", "CO2005")
    ]
