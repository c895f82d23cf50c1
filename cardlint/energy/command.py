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


class SignalForwarder:
    """Passes SIGINT, SIGTERM and SIGHUP on to the child; a signal that comes before the child
    is started is held and passed on once it is (under nohup, SIGHUP would otherwise be ignored
    until the handler is in place, and the child would never get it).

    SIGINT is not forwarded when the terminal already delivered it to the child (see
    :func:`_terminal_sends_sigint`); SIGHUP always is (a child may get a terminal hangup twice,
    which ends it all the same).
    """

    def __init__(self, skip_sigint: bool) -> None:
        self.skip_sigint = skip_sigint
        self.child: subprocess.Popen[bytes] | None = None
        self.held: list[int] = []

    def __call__(self, signum: int, _frame: object) -> None:
        if signum == signal.SIGINT and self.skip_sigint:
            return
        if self.child is None:
            self.held.append(signum)
        else:
            self.child.send_signal(signum)  # a no-op once the child has been reaped

    def attach(self, child: subprocess.Popen[bytes]) -> None:
        """Forward to ``child`` from now on, and pass on the signals held so far."""
        self.child = child
        for signum in self.held:
            child.send_signal(signum)
        self.held.clear()


def _forward_signals(forwarder: SignalForwarder) -> dict[int, Any]:
    """Install ``forwarder`` for SIGINT, SIGTERM and SIGHUP; returns the old handlers. Only
    possible in the main thread; elsewhere nothing is installed."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, forwarder) for sig in FORWARDED}


def _restore(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


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
    # in place before the child starts: a signal sent meanwhile is held, then passed on
    forwarder = SignalForwarder(_terminal_sends_sigint())
    previous = _forward_signals(forwarder)
    try:
        try:
            child = subprocess.Popen(list(argv))
        except OSError as exc:
            meter.stop(exit_code=126)
            _print(summary_to, f"cannot run {argv[0]}: {exc.strerror or exc}")
            return 126
        forwarder.attach(child)
        code = exit_status(child.wait())
    finally:
        _restore(previous)
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
