"""Energy and emissions measurement of a run: GPUs through NVML, CPU and DRAM through RAPL.

Self-contained (standard library, plus ``pynvml`` imported only when measuring) so other tools
can share it. Writes the energy log described in docs/energy-log.md (format version 1).
"""

from __future__ import annotations

from .command import measure_command
from .devices import MigUnsupportedError
from .emissions import GridIntensity, IntensityError, Resolver
from .meter import DEFAULT_LOG, EnergyMeasurementError, EnergyMeter
from .nvml_api import NvmlApi
from .result import EnergyResult

__all__ = [
    "DEFAULT_LOG",
    "EnergyMeasurementError",
    "EnergyMeter",
    "EnergyResult",
    "GridIntensity",
    "IntensityError",
    "MigUnsupportedError",
    "NvmlApi",
    "Resolver",
    "measure_command",
]
