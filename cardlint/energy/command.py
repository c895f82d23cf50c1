"""Run a command as a child process while measuring its energy."""

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from .meter import EnergyMeasurementError, EnergyMeter

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def exit_status(returncode: int) -> int:
    """A Popen return code as a shell reports it: ``128 + N`` for death by signal N."""
    return 128 - returncode if returncode < 0 else returncode


def _terminal_sends_sigint() -> bool:
    """Whether a SIGINT we get most likely came from the terminal, which also sent it to the child.

    True when we run in the foreground process group of a controlling terminal: Ctrl-C then
    reaches the child directly, and forwarding it would deliver it twice.
    """
    try:
        with open("/dev/tty", "rb") as tty:
            return os.tcgetpgrp(tty.fileno()) == os.getpgrp()
    except OSError:
        return False


def _forward_signals(child: subprocess.Popen[bytes]) -> dict[int, Any]:
    """Install handlers passing SIGINT, SIGTERM and SIGHUP on to ``child``; returns the old ones.

    Only possible in the main thread; elsewhere nothing is installed. SIGINT is not forwarded
    when the terminal already delivered it to the child (see :func:`_terminal_sends_sigint`);
    SIGHUP always is (a child may get a terminal hangup twice, which ends it all the same).
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    skip_sigint = _terminal_sends_sigint()

    def forward(signum: int, _frame: object) -> None:
        if not (signum == signal.SIGINT and skip_sigint):
            child.send_signal(signum)  # a no-op once the child has been reaped

    return {sig: signal.signal(sig, forward) for sig in FORWARDED}


def measure_command(
    argv: Sequence[str],
    *,
    meter: EnergyMeter | None = None,
    summary_to: TextIO | None = sys.stderr,
) -> int:
    """Run ``argv`` under an energy meter, print a summary, return the command's exit status.

    The meter (default: ``EnergyMeter()``; its ``command`` is set to ``argv`` when unset) covers
    the child's whole life; SIGINT, SIGTERM and SIGHUP sent to this process are forwarded to the
    child. Returns the child's exit code, ``128 + N`` if it died from signal N, 127 if the
    command is not found and 126 if it cannot be executed. If the meter cannot start
    (:class:`~.meter.EnergyMeasurementError`, or OSError opening the log) that is raised
    before the command runs; a failure when finishing the log is reported, not raised.
    """
    if not argv:
        raise ValueError("no command given")
    if shutil.which(argv[0]) is None:
        _print(summary_to, f"command not found: {argv[0]}")
        return 127
    meter = meter if meter is not None else EnergyMeter()
    if meter.command is None:
        meter.command = list(argv)
    meter.start()
    try:
        child = subprocess.Popen(list(argv))
    except OSError as exc:
        meter.stop(exit_code=126)
        _print(summary_to, f"cannot run {argv[0]}: {exc.strerror or exc}")
        return 126
    previous = _forward_signals(child)
    try:
        code = exit_status(child.wait())
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    try:
        result = meter.stop(exit_code=code)
    except (EnergyMeasurementError, OSError) as exc:
        _print(summary_to, f"energy measurement incomplete: {exc}")
        return code
    _print(summary_to, result.summary())
    return code


def _print(stream: TextIO | None, text: str) -> None:
    """Print to ``stream`` unless it is None."""
    if stream is not None:
        print(text, file=stream, flush=True)
