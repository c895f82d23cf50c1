"""Energy and emissions measurement of a run: GPUs through NVML, CPU and DRAM through RAPL.

Self-contained (standard library, plus ``pynvml`` imported only when measuring) so other tools
can share it. Writes the energy log described in docs/energy-log.md (format version 1).
"""

import importlib
from typing import Any

# Names are imported on first use (PEP 562), so that importing a submodule such as
# ``cardlint.energy.cli`` to build the command line costs nothing more.
_EXPORTS = {
    "DEFAULT_LOG": "log",
    "EnergyMeasurementError": "meter",
    "EnergyMeter": "meter",
    "EnergyResult": "result",
    "GridIntensity": "emissions",
    "IntensityError": "emissions",
    "MigUnsupportedError": "devices",
    "NvmlApi": "nvml_api",
    "Resolver": "emissions",
    "measure_command": "command",
}

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


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
