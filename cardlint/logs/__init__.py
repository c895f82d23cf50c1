"""Measurement-log readers: CodeCarbon, carbontracker, eco2AI and cardlint's own energy log.

Every reader returns one :class:`Measurement` (emissions in grams, energy in kWh) and raises
:class:`LogError` for a log it cannot read. :func:`read_log` recognises the format by content;
:func:`discover_logs` finds the logs beside a README.
"""

from __future__ import annotations

from .discover import detect_format, discover_logs, read_log
from .measurement import Device, Location, LogError, Measurement, Run

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
