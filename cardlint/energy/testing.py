"""Fakes for testing code that uses cardlint.energy without GPUs or RAPL.

:class:`FakeNvml` implements :class:`~.nvml_api.NvmlApi` with simulated devices whose power
follows a known trace (so the exact energy is known), on the real clock or a
:class:`ManualClock`; :func:`write_rapl_zone` builds a powercap tree in any folder. Used by
cardlint's tests and overhead benchmark.
"""

import json
import math
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .nvml_api import NvmlError, NvmlNotSupported, NvmlUnavailable


class ManualClock:
    """A clock that only moves when told to, for deterministic tests."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> float:
        """Move forward ``seconds`` and return the new time."""
        self.t += seconds
        return self.t


class PowerTrace(Protocol):
    """Power over time, with its exact integral."""

    def watts(self, t: float) -> float:
        """Power at ``t`` seconds."""

    def joules(self, t: float) -> float:
        """Energy from 0 to ``t`` seconds."""


@dataclass(frozen=True)
class SineTrace:
    """``mean + amplitude * sin(2 pi t / period)`` watts (amplitude 0: constant power)."""

    mean_w: float
    amplitude_w: float = 0.0
    period_s: float = 1.0

    def watts(self, t: float) -> float:
        """Power at ``t``."""
        return self.mean_w + self.amplitude_w * math.sin(2 * math.pi * t / self.period_s)

    def joules(self, t: float) -> float:
        """Exact energy from 0 to ``t``."""
        w = 2 * math.pi / self.period_s
        return self.mean_w * t + self.amplitude_w * (1 - math.cos(w * t)) / w


@dataclass(frozen=True)
class StepTrace:
    """Piecewise-constant power: ``steps`` is ``[(start_s, watts), ...]`` starting at 0."""

    steps: tuple[tuple[float, float], ...]

    def watts(self, t: float) -> float:
        """Power at ``t``."""
        return [w for start, w in self.steps if start <= t][-1]

    def joules(self, t: float) -> float:
        """Exact energy from 0 to ``t``."""
        total = 0.0
        ends = [s for s, _ in self.steps[1:]] + [math.inf]
        for (start, w), end in zip(self.steps, ends):
            if t > start:
                total += w * (min(t, end) - start)
        return total


@dataclass
class FakeDevice:
    """A simulated GPU. ``counter=False`` makes the energy counter NOT_SUPPORTED (pre-Volta);
    ``power=False`` the power reading too; ``mig`` None makes the MIG query NOT_SUPPORTED;
    reads of energy or power fail with NvmlError while ``fail_from <= t < fail_until``."""

    name: str
    uuid: str
    trace: PowerTrace
    counter: bool = True
    power: bool = True
    mig: bool | None = False
    fail_from: float = math.inf
    fail_until: float = math.inf
    counter_offset_mj: int = 123_456_789


@dataclass
class FakeNvml:
    """:class:`~.nvml_api.NvmlApi` over :class:`FakeDevice` objects; time 0 is construction."""

    devices: list[FakeDevice]
    clock: Callable[[], float] = time.monotonic
    init_error: str | None = None
    calls: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.t0 = self.clock()

    def _now(self, device: FakeDevice, call: str) -> float:
        """Time since construction; raises for a device inside its failure window."""
        self.calls[call] += 1
        t = self.clock() - self.t0
        if device.fail_from <= t < device.fail_until:
            raise NvmlError("Unknown Error (simulated)")
        return t

    def init(self) -> None:
        """Succeeds unless ``init_error`` is set."""
        self.calls["init"] += 1
        if self.init_error is not None:
            raise NvmlUnavailable(self.init_error)

    def shutdown(self) -> None:
        """Counts the call."""
        self.calls["shutdown"] += 1

    def device_count(self) -> int:
        """Number of fake devices."""
        return len(self.devices)

    def handle(self, index: int) -> Any:
        """The FakeDevice itself."""
        return self.devices[index]

    def name(self, handle: Any) -> str:
        """Device name."""
        return str(handle.name)

    def uuid(self, handle: Any) -> str:
        """Device UUID."""
        return str(handle.uuid)

    def mig_mode(self, handle: Any) -> int:
        """1 for MIG devices; NOT_SUPPORTED when ``mig`` is None."""
        if handle.mig is None:
            raise NvmlNotSupported("Not Supported")
        return 1 if handle.mig else 0

    def total_energy_mj(self, handle: Any) -> int:
        """Exact integral of the trace, in mJ, plus a fixed offset."""
        t = self._now(handle, "energy")
        if not handle.counter:
            raise NvmlNotSupported("Not Supported")
        return int(handle.counter_offset_mj + handle.trace.joules(t) * 1000)

    def power_mw(self, handle: Any) -> int:
        """The trace's power now, in mW."""
        t = self._now(handle, "power")
        if not handle.power:
            raise NvmlNotSupported("Not Supported")
        return int(handle.trace.watts(t) * 1000)


def write_rapl_zone(
    root: str | os.PathLike[str],
    zone: str,
    name: str,
    energy_uj: int,
    max_range_uj: int = 262_143_328_850,
) -> Path:
    """Create or update powercap zone ``root/zone`` (e.g. ``intel-rapl:0``); returns its folder."""
    folder = Path(root) / zone
    folder.mkdir(parents=True, exist_ok=True)
    for filename, value in (
        ("name", name),
        ("max_energy_range_uj", max_range_uj),
        ("energy_uj", energy_uj),
    ):
        tmp = folder / f".{filename}.tmp"
        tmp.write_text(f"{value}\n")
        os.replace(tmp, folder / filename)
    return folder


def set_rapl_energy(root: str | os.PathLike[str], zone: str, energy_uj: int) -> None:
    """Atomically set a zone's ``energy_uj``."""
    folder = Path(root) / zone
    tmp = folder / ".energy_uj.tmp"
    tmp.write_text(f"{energy_uj}\n")
    os.replace(tmp, folder / "energy_uj")


def read_records(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every complete line of an energy log parsed as JSON (a cut-off last line is skipped).

    Raises ``json.JSONDecodeError`` if any complete line is not valid JSON.
    """
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines[:-1]]  # after the last "\n": "" or a cut-off record
