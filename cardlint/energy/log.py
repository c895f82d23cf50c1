"""Writer for the cardlint energy log (docs/energy-log.md, format version 1).

One JSON object per line; each record is written with a single ``write``, then flushed and
fsynced, so a process killed at any moment leaves whole records plus at most one cut-off last
line without its newline (which readers ignore).
"""

import json
import os
from typing import Any

from .log_format import DEFAULT_LOG as DEFAULT_LOG
from .log_format import FORMAT, FORMAT_VERSION


class EnergyLogWriter:
    """Appends records to a new log file (an existing file at ``path`` is replaced)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._file = open(self.path, "w", encoding="utf-8", newline="\n")

    def write(self, record: dict[str, Any]) -> None:
        """Write one record durably: one line, flushed and fsynced."""
        line = json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
        self._file.write(line)
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def header_record(**fields: Any) -> dict[str, Any]:
    """A header record: the format markers followed by ``fields``."""
    return {"record": "header", "format": FORMAT, "format_version": FORMAT_VERSION, **fields}
