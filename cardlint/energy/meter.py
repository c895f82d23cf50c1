"""EnergyMeter: start/stop energy measurement with a background sampler and a durable log."""

import functools
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from importlib import metadata
from typing import Any, TypeVar

from .devices import MigUnsupportedError, select_devices
from .emissions import Resolver, check_pue, resolve_intensity
from .gpu import GpuEnergy
from .log import DEFAULT_LOG, EnergyLogWriter, header_record
from .nvml_api import NvmlApi, NvmlError, NvmlUnavailable, PynvmlApi
from .rapl import DEFAULT_ROOT, RaplEnergy, RaplUnavailable, discover
from .result import EnergyResult, rounded, total_or_none

F = TypeVar("F", bound=Callable[..., Any])

RAPL_MAX_POLL_S = 1.0
POWER_MAX_GAP_INTERVALS = 10


class EnergyMeasurementError(Exception):
    """The measurement cannot be made as asked (MIG slice, sampler failure)."""


def _now_iso() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _installed_version() -> str | None:
    """cardlint's installed version, or None when it runs from a source tree."""
    try:
        return metadata.version("cardlint")
    except metadata.PackageNotFoundError:
        return None


class EnergyMeter:
    """Measures GPU (NVML), CPU and DRAM (RAPL) energy between :meth:`start` and :meth:`stop`.

    Use it directly, as a context manager (``with EnergyMeter(...) as m:``) or as a decorator
    (``@EnergyMeter(...)``; each call is one window and rewrites the log). ``log_path=None``
    writes no log. ``interval`` is the power/RAPL polling period, ``sample_every`` the period of
    ``sample`` records. Give ``intensity`` (g/kWh) and/or ``location`` with a ``resolver``.
    ``nvml``, ``rapl_root`` and ``environ`` exist so tests can substitute fakes.
    """

    def __init__(
        self,
        log_path: str | os.PathLike[str] | None = DEFAULT_LOG,
        *,
        interval: float = 0.1,
        sample_every: float = 60.0,
        location: str | None = None,
        intensity: float | None = None,
        intensity_year: int | None = None,
        intensity_source: str | None = None,
        resolver: Resolver | None = None,
        pue: float | None = None,
        command: Sequence[str] | None = None,
        nvml: NvmlApi | None = None,
        rapl_root: str | os.PathLike[str] = DEFAULT_ROOT,
        environ: Mapping[str, str] | None = None,
        tool: str = "cardlint",
        tool_version: str | None = None,
    ) -> None:
        if interval <= 0 or sample_every <= 0:
            raise ValueError("interval and sample_every must be > 0 seconds")
        check_pue(pue)
        self.log_path = None if log_path is None else os.fspath(log_path)
        self.interval = interval
        self.sample_every = sample_every
        self.intensity = resolve_intensity(
            location, intensity, intensity_year, intensity_source, resolver
        )
        self.pue = pue
        self.command = None if command is None else list(command)
        self._nvml = nvml
        self._rapl_root = rapl_root
        self._environ = os.environ if environ is None else environ
        self.tool = tool
        self.tool_version = tool_version if tool_version is not None else _installed_version()
        self.result: EnergyResult | None = None
        self._thread: threading.Thread | None = None

    # -- window ------------------------------------------------------------------------

    def start(self) -> "EnergyMeter":
        """Open the window: find devices and zones, write the header, start sampling."""
        if self._thread is not None:
            raise RuntimeError("EnergyMeter is already running")
        self._api, self._gpu, self._gpu_reason = self._open_gpu()
        self._rapl: RaplEnergy | None = None
        self._cpu_reason: str | None = None
        try:
            self._rapl = RaplEnergy(discover(self._rapl_root))
        except RaplUnavailable as exc:
            self._cpu_reason = str(exc)
        try:
            self._writer = EnergyLogWriter(self.log_path) if self.log_path is not None else None
        except OSError:
            self._close_gpu()
            raise
        try:
            self._begin()
        except BaseException:
            if self._writer is not None:
                self._writer.close()
            self._close_gpu()
            raise
        return self

    def _begin(self) -> None:
        """First readings, header, sampler thread."""
        self._started_at = _now_iso()
        self._t0 = time.monotonic()
        self._gpu.start(self._t0)
        if self._rapl is not None:
            try:
                self._rapl.start(self._t0)
            except RaplUnavailable as exc:
                self._rapl, self._cpu_reason = None, str(exc)
        self._write(self._header())
        self._error: BaseException | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._sample_loop, name="cardlint-energy", daemon=True
        )
        self._thread.start()

    def stop(self, exit_code: int | None = None) -> EnergyResult:
        """Close the window: final readings, ``end`` record; returns the result."""
        if self._thread is None:
            raise RuntimeError("EnergyMeter is not running")
        self._stopping.set()
        self._thread.join()
        self._thread = None
        end = time.monotonic()
        devices_j = self._gpu.finish(end)
        if self._rapl is not None:
            self._rapl.poll(end)
        result = EnergyResult(
            elapsed_s=end - self._t0,
            energy_j=rounded(self._energy(devices_j)),
            devices_j=rounded(devices_j),
            devices=self._gpu.header(),
            not_measured=self._not_measured(devices_j),
            intensity=self.intensity,
            pue=self.pue,
            exit_code=exit_code,
            log_path=self.log_path,
            finished_at=_now_iso(),
            cpu_domains=[z.label for z in self._rapl.zones] if self._rapl else [],
        )
        self.result = result
        try:
            self._write(result.end_record())
        finally:
            if self._writer is not None:
                self._writer.close()
            self._close_gpu()
        if self._error is not None:
            raise EnergyMeasurementError(f"energy sampler failed: {self._error}") from self._error
        return result

    def __enter__(self) -> "EnergyMeter":
        return self.start()

    def __exit__(self, *_exc_info: object) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        """Decorate ``func`` so that each call is measured as one window."""

        @functools.wraps(func)
        def measured(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return measured  # type: ignore[return-value]

    # -- GPU setup ---------------------------------------------------------------------

    def _open_gpu(self) -> tuple[NvmlApi | None, GpuEnergy, str | None]:
        """NVML handle, the GPU meter, and why GPUs are not measured (None if they are)."""
        max_gap = max(POWER_MAX_GAP_INTERVALS * self.interval, 1.0)
        try:
            api = self._nvml if self._nvml is not None else PynvmlApi()
            api.init()
        except NvmlUnavailable as exc:
            return None, GpuEnergy([], max_gap), str(exc)
        try:
            devices = select_devices(api, self._environ)
        except MigUnsupportedError as exc:
            api.shutdown()
            raise EnergyMeasurementError(str(exc)) from exc
        except NvmlError as exc:
            return api, GpuEnergy([], max_gap), f"listing GPUs failed: {exc}"
        reason = None
        if not devices:
            hidden = self._environ.get("CUDA_VISIBLE_DEVICES")
            reason = (
                "no NVIDIA GPU found"
                if hidden is None
                else f"no GPU visible (CUDA_VISIBLE_DEVICES={hidden!r})"
            )
        return api, GpuEnergy(devices, max_gap), reason

    def _close_gpu(self) -> None:
        """Shut NVML down if it was initialised; a failure there changes nothing measured."""
        if self._api is not None:
            try:
                self._api.shutdown()
            except NvmlError:
                pass
            self._api = None

    # -- sampling ----------------------------------------------------------------------

    def _sample_loop(self) -> None:
        """Poll power and RAPL every tick and write a ``sample`` record every ``sample_every``."""
        polling = self._gpu.needs_polling or self._rapl is not None
        period = min(self.interval, RAPL_MAX_POLL_S) if self._rapl is not None else self.interval
        next_poll = self._t0 + period if polling else float("inf")
        next_sample = self._t0 + self.sample_every
        try:
            while not self._stopping.wait(max(0.0, min(next_poll, next_sample) - time.monotonic())):
                now = time.monotonic()
                if now >= next_poll:
                    self._poll(now)
                    next_poll = _after(next_poll, period, now)
                if now >= next_sample:
                    self._write_sample(now)
                    next_sample = _after(next_sample, self.sample_every, now)
        except Exception as exc:  # surfaced by stop(); the thread must not die silently
            self._error = exc

    def _poll(self, now: float) -> None:
        """One tick of power and RAPL readings."""
        self._gpu.poll(now)
        if self._rapl is not None:
            self._rapl.poll(now)

    def _write_sample(self, now: float) -> None:
        """Write a cumulative ``sample`` record."""
        if self._rapl is not None:
            self._rapl.poll(now)
        devices_j = self._gpu.read()
        self._write(
            {
                "record": "sample",
                "elapsed_s": round(now - self._t0, 3),
                "energy_j": rounded(self._energy(devices_j)),
                "devices_j": rounded(devices_j),
            }
        )

    # -- records -----------------------------------------------------------------------

    def _energy(self, devices_j: dict[str, float | None]) -> dict[str, float | None]:
        """``{"gpu", "cpu", "dram"}`` joules; GPU is None unless every device is known."""
        gpu = total_or_none(devices_j.values())
        rapl = self._rapl.totals() if self._rapl is not None else {"cpu": None, "dram": None}
        return {"gpu": gpu, "cpu": rapl["cpu"], "dram": rapl["dram"]}

    def _not_measured(self, devices_j: dict[str, float | None]) -> dict[str, str]:
        """Why each unmeasured component, device or zone is missing."""
        out: dict[str, str] = {}
        problems = self._gpu.problems()
        if self._gpu_reason is not None:
            out["gpu"] = self._gpu_reason
        elif None in devices_j.values():
            out["gpu"] = "no total, because not every GPU was measured: " + ", ".join(problems)
        if self._rapl is None:
            out["cpu"] = out["dram"] = self._cpu_reason or "RAPL unavailable"
        else:
            totals = self._rapl.totals()
            zone_problems = "; ".join(self._rapl.problems().values())
            if totals["cpu"] is None:
                out["cpu"] = zone_problems
            if totals["dram"] is None:
                out["dram"] = zone_problems or "no DRAM RAPL zone on this machine"
        out.update(problems)
        return out

    def _header(self) -> dict[str, Any]:
        """The log's ``header`` record."""
        if self._rapl is not None:
            cpu: dict[str, Any] = {"method": "rapl", "domains": [z.label for z in self._rapl.zones]}
        else:
            cpu = {"method": "not_measured", "reason": self._cpu_reason}
        gpu: dict[str, Any] = (
            {"method": "nvml"}
            if self._gpu_reason is None
            else {"method": "not_measured", "reason": self._gpu_reason}
        )
        it = self.intensity
        return header_record(
            tool=self.tool,
            tool_version=self.tool_version,
            started_at=self._started_at,
            host=socket.gethostname(),
            command=self.command,
            devices=self._gpu.header(),
            gpu=gpu,
            cpu=cpu,
            location=it.location,
            region_id=it.region_id,
            intensity_g_per_kwh=it.g_per_kwh,
            intensity_year=it.year,
            intensity_source=it.source,
            pue=self.pue,
            interval_s=self.interval,
            sample_every_s=self.sample_every,
        )

    def _write(self, record: dict[str, Any]) -> None:
        """Write a record if there is a log."""
        if self._writer is not None:
            self._writer.write(record)


def _after(due: float, period: float, now: float) -> float:
    """The next due time after ``now``, skipping ticks missed during a stall."""
    due += period
    return due if due > now else now + period
