"""The one thin layer between cardlint.energy and NVML.

Everything NVML-specific that the rest of the package needs goes through :class:`NvmlApi`.
:class:`PynvmlApi` implements it with ``pynvml`` (from ``nvidia-ml-py``), imported lazily;
tests swap in a fake with the same methods. This layer only forwards calls and translates
errors: every decision (which method, what a failure means) is made above it.
"""

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class NvmlError(Exception):
    """An NVML call failed."""


class NvmlNotSupported(NvmlError):
    """The NVML call is not supported on this device (NVML_ERROR_NOT_SUPPORTED)."""


class NvmlUnavailable(NvmlError):
    """NVML cannot be used at all: bindings not installed, or the driver library not found."""


class NvmlApi(Protocol):
    """The handful of NVML calls cardlint.energy uses. Handles are opaque objects."""

    def init(self) -> None:
        """nvmlInit; raises NvmlUnavailable when NVML cannot be loaded."""

    def shutdown(self) -> None:
        """nvmlShutdown."""

    def device_count(self) -> int:
        """nvmlDeviceGetCount."""

    def handle(self, index: int) -> Any:
        """nvmlDeviceGetHandleByIndex."""

    def name(self, handle: Any) -> str:
        """nvmlDeviceGetName."""

    def uuid(self, handle: Any) -> str:
        """nvmlDeviceGetUUID, e.g. ``GPU-8932f937-d72c-4106-c12f-20bd9faed9f6``."""

    def mig_mode(self, handle: Any) -> int:
        """Current mode from nvmlDeviceGetMigMode (1 = MIG enabled)."""

    def total_energy_mj(self, handle: Any) -> int:
        """nvmlDeviceGetTotalEnergyConsumption, millijoules since the driver loaded."""

    def power_mw(self, handle: Any) -> int:
        """nvmlDeviceGetPowerUsage, milliwatts."""


def _translated(func: Callable[..., T]) -> Callable[..., T]:
    """Turn pynvml exceptions raised by ``func`` into this module's exceptions."""

    @functools.wraps(func)
    def wrapper(self: "PynvmlApi", *args: Any) -> T:
        try:
            return func(self, *args)
        except self._pynvml.NVMLError_NotSupported as exc:
            raise NvmlNotSupported(str(exc)) from exc
        except self._pynvml.NVMLError as exc:
            raise NvmlError(str(exc)) from exc

    return wrapper


class PynvmlApi:
    """:class:`NvmlApi` backed by the real ``pynvml`` module."""

    def __init__(self) -> None:
        try:
            import pynvml
        except ImportError as exc:
            raise NvmlUnavailable(
                "nvidia-ml-py is not installed (pip install nvidia-ml-py)"
            ) from exc
        self._pynvml: Any = pynvml

    def init(self) -> None:
        """nvmlInit; a missing driver library or a failed init raises NvmlUnavailable."""
        try:
            self._pynvml.nvmlInit()
        except self._pynvml.NVMLError as exc:
            raise NvmlUnavailable(f"NVML could not be initialised: {exc}") from exc

    @_translated
    def shutdown(self) -> None:
        """nvmlShutdown."""
        self._pynvml.nvmlShutdown()

    @_translated
    def device_count(self) -> int:
        """nvmlDeviceGetCount."""
        return int(self._pynvml.nvmlDeviceGetCount())

    @_translated
    def handle(self, index: int) -> Any:
        """nvmlDeviceGetHandleByIndex."""
        return self._pynvml.nvmlDeviceGetHandleByIndex(index)

    @_translated
    def name(self, handle: Any) -> str:
        """nvmlDeviceGetName."""
        return _text(self._pynvml.nvmlDeviceGetName(handle))

    @_translated
    def uuid(self, handle: Any) -> str:
        """nvmlDeviceGetUUID."""
        return _text(self._pynvml.nvmlDeviceGetUUID(handle))

    @_translated
    def mig_mode(self, handle: Any) -> int:
        """Current MIG mode."""
        return int(self._pynvml.nvmlDeviceGetMigMode(handle)[0])

    @_translated
    def total_energy_mj(self, handle: Any) -> int:
        """nvmlDeviceGetTotalEnergyConsumption (mJ)."""
        return int(self._pynvml.nvmlDeviceGetTotalEnergyConsumption(handle))

    @_translated
    def power_mw(self, handle: Any) -> int:
        """nvmlDeviceGetPowerUsage (mW)."""
        return int(self._pynvml.nvmlDeviceGetPowerUsage(handle))


def _text(value: str | bytes) -> str:
    """Old nvidia-ml-py releases return bytes, new ones str."""
    return value.decode() if isinstance(value, bytes) else value
