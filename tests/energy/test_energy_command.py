"""measure_command with real child processes: exit codes, signal forwarding, kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cardlint.energy import EnergyMeter, measure_command
from cardlint.energy.command import exit_status
from cardlint.energy.testing import FakeNvml, read_records

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}

WRAPPER = """
import sys
from cardlint.energy import EnergyMeter, measure_command
from cardlint.energy.testing import FakeNvml
meter = EnergyMeter(sys.argv[1], nvml=FakeNvml([], init_error="no NVML"), rapl_root=sys.argv[2], environ={})
sys.exit(measure_command(sys.argv[3:], meter=meter))
"""

CHILD = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, lambda s, f: sys.exit(42))
print("ready", flush=True)
time.sleep(30)
sys.exit(0)
"""


def _meter(tmp_path: Path, no_rapl: Path) -> EnergyMeter:
    return EnergyMeter(
        tmp_path / "e.jsonl", nvml=FakeNvml([], init_error="no NVML"), rapl_root=no_rapl, environ={}
    )


@pytest.mark.parametrize("code", [0, 3, 255])
def test_exit_code_is_the_commands(tmp_path: Path, no_rapl: Path, code: int) -> None:
    argv = [sys.executable, "-c", f"import sys; sys.exit({code})"]
    assert measure_command(argv, meter=_meter(tmp_path, no_rapl), summary_to=None) == code
    header, end = read_records(tmp_path / "e.jsonl")
    assert header["command"] == argv and end["exit_code"] == code


def test_death_by_signal_is_128_plus_n(tmp_path: Path, no_rapl: Path) -> None:
    argv = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"]
    assert (
        measure_command(argv, meter=_meter(tmp_path, no_rapl), summary_to=None)
        == 128 + signal.SIGTERM
    )
    assert read_records(tmp_path / "e.jsonl")[-1]["exit_code"] == 143
    assert exit_status(-9) == 137 and exit_status(0) == 0 and exit_status(7) == 7


def test_handlers_are_restored_and_summary_printed(
    tmp_path: Path, no_rapl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    measure_command(
        [sys.executable, "-c", "pass"], meter=_meter(tmp_path, no_rapl), summary_to=sys.stderr
    )
    assert {s: signal.getsignal(s) for s in before} == before
    err = capsys.readouterr().err
    assert (
        "command exited with 0" in err and "GPU  not measured: no NVML" in err and "e.jsonl" in err
    )


def test_command_not_found_is_127_and_runs_nothing(tmp_path: Path, no_rapl: Path) -> None:
    assert (
        measure_command(
            ["no-such-command-cardlint"], meter=_meter(tmp_path, no_rapl), summary_to=None
        )
        == 127
    )
    assert not (tmp_path / "e.jsonl").exists()


def test_not_executable_is_126(tmp_path: Path, no_rapl: Path) -> None:
    script = tmp_path / "script"
    script.write_text("#!/no/such/interpreter\n")
    script.chmod(0o755)
    assert measure_command([str(script)], meter=_meter(tmp_path, no_rapl), summary_to=None) == 126


@pytest.mark.parametrize(
    "sig, expected",
    [
        (signal.SIGTERM, 42),
        (signal.SIGINT, 128 + signal.SIGINT),
        (signal.SIGHUP, 128 + signal.SIGHUP),
    ],
    ids=["SIGTERM-handled", "SIGINT", "SIGHUP"],
)
def test_signals_are_forwarded_to_the_child(
    tmp_path: Path, no_rapl: Path, sig: int, expected: int
) -> None:
    log = tmp_path / "e.jsonl"
    wrapper = subprocess.Popen(
        [sys.executable, "-c", WRAPPER, str(log), str(no_rapl), sys.executable, "-c", CHILD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,  # no controlling terminal, as under nohup or a scheduler
    )
    try:
        assert wrapper.stdout is not None and wrapper.stdout.readline() == "ready\n"
        os.kill(wrapper.pid, sig)  # only the wrapper: the child must get it by forwarding
        assert wrapper.wait(timeout=20) == expected
    finally:
        if wrapper.poll() is None:
            os.killpg(wrapper.pid, signal.SIGKILL)
            wrapper.wait()
    assert read_records(log)[-1]["exit_code"] == expected


def test_kill_9_leaves_a_valid_partial_log(tmp_path: Path) -> None:
    log = tmp_path / "e.jsonl"
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("meter_child.py")),
            str(log),
            str(tmp_path / "powercap"),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "started\n"
        deadline = time.monotonic() + 20
        while log.read_text().count('"record": "sample"') < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    records = read_records(log)  # every complete line parses
    header, samples = records[0], records[1:]
    assert header["record"] == "header" and header["command"] == ["meter_child"]
    assert [d["method"] for d in header["devices"]] == ["energy_counter", "power_sampling"]
    assert len(samples) >= 4 and all(r["record"] == "sample" for r in samples)
    gpu = [s["energy_j"]["gpu"] for s in samples]
    assert all(g is not None and g > 0 for g in gpu) and gpu == sorted(gpu)
    assert all(s["energy_j"]["cpu"] == 0.0 for s in samples)


def test_a_signal_before_the_child_starts_is_held_and_passed_on() -> None:
    """Under nohup SIGHUP is ignored until the handler is in place: the handler is installed
    before the child starts, and a signal that comes before the child exists reaches it once
    it does (seen as a 20 s hang of the SIGHUP case above on a loaded machine)."""
    from cardlint.energy.command import SignalForwarder

    forwarder = SignalForwarder(skip_sigint=False)
    forwarder(signal.SIGTERM, None)  # no child yet: held
    assert forwarder.held == [signal.SIGTERM]
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    forwarder.attach(child)
    assert child.wait(timeout=20) == 42 and forwarder.held == []
    forwarder(signal.SIGINT, None)  # the child has been reaped: a no-op, not an error
