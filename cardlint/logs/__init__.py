"""Measurement-log readers: CodeCarbon, carbontracker, eco2AI and cardlint's own energy log.

Every reader returns one :class:`Measurement` (emissions in grams, energy in kWh) and raises
:class:`LogError` for a log it cannot read. :func:`read_log` recognises the format by content;
:func:`discover_logs` finds the logs beside a README.
"""

from __future__ import annotations

import importlib
from typing import Any

# Imported on first use (PEP 562): finding logs (``names``) must not load every parser.
_EXPORTS = {
    "Device": "measurement",
    "Location": "measurement",
    "LogError": "measurement",
    "Measurement": "measurement",
    "Run": "measurement",
    "detect_format": "discover",
    "discover_logs": "names",
    "read_log": "discover",
}

__all__ = [
    "Device",
    "Location",
    "LogError",
    "Measurement",
    "Run",
    "detect_format",
    "discover_logs",
    "read_log",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
