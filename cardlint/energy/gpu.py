"""GPU energy per device through NVML: the energy counter where supported, else integrated power.

``nvmlDeviceGetTotalEnergyConsumption`` (Volta and newer) is read at the window's ends (and at
each log sample); only the end read matters, so a failed read in between loses nothing.
Devices without it (NVML_ERROR_NOT_SUPPORTED) have ``nvmlDeviceGetPowerUsage`` polled by the
meter's background thread and integrated by the trapezoid rule. A device with neither is
"unavailable". A failed read yields ``None``, never 0 J.
"""

from dataclasses import dataclass

from .devices import Device
from .nvml_api import NvmlError, NvmlNotSupported
from .power import PowerIntegrator

ENERGY_COUNTER = "energy_counter"
POWER_SAMPLING = "power_sampling"
UNAVAILABLE = "unavailable"


@dataclass
class _DeviceState:
    """What the meter knows about one device during a window."""

    device: Device
    method: str = UNAVAILABLE
    reason: str | None = None
    start_mj: int | None = None
    integrator: PowerIntegrator | None = None
    problem: str | None = None
    last_error: str | None = None


class GpuEnergy:
    """Energy of a fixed set of devices over one measurement window."""

    def __init__(self, devices: list[Device], max_gap_s: float) -> None:
        self._max_gap_s = max_gap_s
        self._states = [_DeviceState(d) for d in devices]

    def start(self, now: float) -> None:
        """Choose each device's method and take its first reading."""
        for state in self._states:
            try:
                state.start_mj = state.device.energy_mj()
                state.method = ENERGY_COUNTER
                continue
            except NvmlNotSupported:
                counter_error = "energy counter not supported"
            except NvmlError as exc:
                counter_error = f"energy counter failed: {exc}"
            try:
                watts = state.device.power_mw() / 1000.0
            except NvmlError as exc:
                state.reason = f"{counter_error}; power reading failed: {exc}"
                continue
            state.method = POWER_SAMPLING
            state.integrator = PowerIntegrator(self._max_gap_s)
            state.integrator.add(now, watts)

    @property
    def needs_polling(self) -> bool:
        """Whether some device is measured by sampling power."""
        return any(s.method == POWER_SAMPLING for s in self._states)

    def poll(self, now: float) -> None:
        """Take one power sample from each power-sampled device; failed reads are skipped."""
        for state in self._states:
            if state.integrator is None:
                continue
            try:
                watts = state.device.power_mw() / 1000.0
            except NvmlError:
                continue
            state.integrator.add(now, watts)

    def read(self) -> dict[str, float | None]:
        """Joules per device (NVML index as a string) since the start; None when unknown."""
        return {str(s.device.index): self._joules(s) for s in self._states}

    def finish(self, now: float) -> dict[str, float | None]:
        """Take the final readings at the window's end and return joules per device."""
        self.poll(now)
        for state in self._states:
            if state.integrator is not None:
                state.integrator.check_end(now)
        joules = self.read()
        for state in self._states:
            if joules[str(state.device.index)] is None and state.method != UNAVAILABLE:
                state.problem = state.problem or (
                    state.integrator.problem if state.integrator else state.last_error
                )
        return joules

    def _joules(self, state: _DeviceState) -> float | None:
        """Current energy of one device, or None when it cannot be known."""
        if state.integrator is not None:
            return state.integrator.joules
        if state.start_mj is None or state.problem is not None:
            return None
        try:
            now_mj = state.device.energy_mj()
        except NvmlError as exc:
            state.last_error = f"energy counter read failed: {exc}"
            return None
        if now_mj < state.start_mj:
            state.problem = "energy counter went backwards (driver reloaded?)"
            return None
        state.last_error = None
        return (now_mj - state.start_mj) / 1000.0

    def header(self) -> list[dict[str, object]]:
        """The ``devices`` list of the log header."""
        entries: list[dict[str, object]] = []
        for s in self._states:
            entry: dict[str, object] = {
                "index": s.device.index,
                "name": s.device.name,
                "uuid": s.device.uuid,
                "method": s.method,
            }
            if s.reason is not None:
                entry["reason"] = s.reason
            entries.append(entry)
        return entries

    def problems(self) -> dict[str, str]:
        """Why a device's energy is unknown, keyed ``"gpu <index>"``."""
        out: dict[str, str] = {}
        for s in self._states:
            why = s.reason if s.method == UNAVAILABLE else s.problem
            if why is not None:
                out[f"gpu {s.device.index}"] = why
        return out
