"""Measurement-log readers: CodeCarbon, carbontracker, eco2AI and cardlint's own energy log.

Every reader returns one :class:`Measurement` (emissions in grams, energy in kWh) and raises
:class:`LogError` for a log it cannot read. :func:`read_log` recognises the format by content;
:func:`discover_logs` finds the logs beside a README.
"""

from typing import TYPE_CHECKING

from cardlint.speedups.exports import lazy_exports

if TYPE_CHECKING:
    from .discover import detect_format as detect_format
    from .discover import read_log as read_log
    from .measurement import Device as Device
    from .measurement import Location as Location
    from .measurement import LogError as LogError
    from .measurement import Measurement as Measurement
    from .measurement import Run as Run
    from .names import discover_logs as discover_logs

# Imported on first use: finding logs (``names``) must not load every parser.
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(("Device", "Location", "LogError", "Measurement", "Run"), "measurement"),
        "detect_format": "discover",
        "read_log": "discover",
        "discover_logs": "names",
    },
)
