"""``cardlint measure`` wiring: argparse as the cardlint CLI will set it up, then run_measure."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest

from cardlint.energy.cli import add_measure_arguments, run_measure
from cardlint.energy.testing import FakeDevice, FakeNvml, SineTrace, read_records


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cardlint")
    sub = parser.add_subparsers(dest="subcommand")
    add_measure_arguments(sub.add_parser("measure"))
    return parser.parse_args(["measure", *argv])


def _resolver(location: str) -> tuple[str | None, float, int | None, str | None] | None:
    return ("FR", 56.0, 2023, "test table") if location == "France" else None


def _run(args: argparse.Namespace, no_rapl: Path, **kwargs: object) -> tuple[int, str]:
    err = io.StringIO()
    kwargs.setdefault("nvml", FakeNvml([FakeDevice("A100", "GPU-a", SineTrace(100.0))]))
    code = run_measure(args, kwargs.pop("resolver", None), rapl_root=no_rapl, err=err, **kwargs)  # type: ignore[arg-type]
    return code, err.getvalue()


def test_options_and_command_after_double_dash(tmp_path: Path, no_rapl: Path) -> None:
    log = tmp_path / "e.jsonl"
    args = _parse(
        "--location",
        "France",
        "--pue",
        "1.25",
        "--log",
        str(log),
        "--interval",
        "0.05",
        "--sample-every",
        "0.1",
        "--",
        sys.executable,
        "-c",
        "import sys; sys.exit(5)",
        "--log",
        "x",
    )
    code, err = _run(args, no_rapl, resolver=_resolver)
    assert code == 5
    header, *_, end = read_records(log)
    assert header["command"] == [sys.executable, "-c", "import sys; sys.exit(5)", "--log", "x"]
    assert (header["region_id"], header["intensity_g_per_kwh"], header["pue"]) == ("FR", 56.0, 1.25)
    assert header["interval_s"] == 0.05 and header["sample_every_s"] == 0.1
    assert end["emissions_g"] == pytest.approx(end["energy_kwh"] * 1.25 * 56.0)
    assert "Emissions:" in err and "56 g/kWh, FR, 2023, test table, PUE 1.25" in err


def test_command_without_double_dash(tmp_path: Path, no_rapl: Path) -> None:
    args = _parse("--log", str(tmp_path / "e.jsonl"), sys.executable, "-c", "pass")
    assert _run(args, no_rapl)[0] == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        ((), "no command given"),
        (("--",), "no command given"),
        (("--pue", "0.8", "--", "true"), "PUE must be >= 1.0"),
        (("--intensity", "-3", "--", "true"), "grid intensity must be >= 0"),
        (("--interval", "0", "--", "true"), "must be > 0"),
        (("--location", "Atlantis", "--", "true"), "unknown location 'Atlantis'"),
    ],
)
def test_usage_errors_are_exit_2_with_one_line(
    tmp_path: Path, no_rapl: Path, argv: tuple[str, ...], message: str
) -> None:
    code, err = _run(_parse("--log", str(tmp_path / "e.jsonl"), *argv), no_rapl, resolver=_resolver)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("cardlint measure: error: ") and message in err
    assert not (tmp_path / "e.jsonl").exists()


def test_location_needs_a_resolver_or_an_intensity(tmp_path: Path, no_rapl: Path) -> None:
    code, err = _run(_parse("--location", "France", "--", "true"), no_rapl)
    assert code == 2 and "--intensity" in err
    args = _parse(
        "--location",
        "France",
        "--intensity",
        "50",
        "--log",
        str(tmp_path / "e.jsonl"),
        "--",
        "true",
    )
    assert _run(args, no_rapl)[0] == 0


def test_mig_is_exit_2_and_the_command_does_not_run(tmp_path: Path, no_rapl: Path) -> None:
    marker = tmp_path / "ran"
    args = _parse(
        "--log",
        str(tmp_path / "e.jsonl"),
        "--",
        sys.executable,
        "-c",
        f"open({str(marker)!r}, 'w')",
    )
    code, err = _run(
        args, no_rapl, nvml=FakeNvml([FakeDevice("A100", "GPU-a", SineTrace(1.0), mig=True)])
    )
    assert code == 2 and "MIG mode" in err and err.count("\n") == 1
    assert not marker.exists()


def test_unwritable_log_is_exit_2(tmp_path: Path, no_rapl: Path) -> None:
    code, err = _run(_parse("--log", str(tmp_path / "missing" / "e.jsonl"), "--", "true"), no_rapl)
    assert code == 2 and "cannot write the log" in err and err.count("\n") == 1


def test_without_nvml_the_command_still_runs(tmp_path: Path, no_rapl: Path) -> None:
    args = _parse("--log", str(tmp_path / "e.jsonl"), "--", sys.executable, "-c", "print('hi')")
    code, err = _run(args, no_rapl, nvml=FakeNvml([], init_error="nvidia-ml-py is not installed"))
    assert code == 0
    assert "GPU  not measured: nvidia-ml-py is not installed" in err


def test_real_environment_without_gpu_runs_the_command(tmp_path: Path) -> None:
    """No fakes at all: this machine has no NVIDIA driver (or has one, then it is measured)."""
    args = _parse(
        "--log", str(tmp_path / "e.jsonl"), "--", sys.executable, "-c", "import sys; sys.exit(4)"
    )
    err = io.StringIO()
    assert run_measure(args, err=err) == 4
    assert "GPU" in err.getvalue()
