"""The names measurement tools give their logs, finding them beside a README, and LogError.

Imports nothing else from the package but its path helpers and the name the energy meter gives
its log, so that looking for logs costs a folder listing and no parser is loaded for a card that
has none.
"""

import os
from collections.abc import Iterable

from cardlint.energy.log_format import DEFAULT_LOG
from cardlint.speedups.paths import normal

CODECARBON_NAME = "emissions.csv"
ECO2AI_NAME = "emission.csv"
CARBONTRACKER_SUFFIX = "_carbontracker_output.log"
DEFAULT_NAMES = (CODECARBON_NAME, ECO2AI_NAME, DEFAULT_LOG)


def is_default_name(name: str) -> bool:
    """Whether a tool writes its log under this file name by default."""
    return name in DEFAULT_NAMES or (
        name.endswith(CARBONTRACKER_SUFFIX) and len(name) > len(CARBONTRACKER_SUFFIX)
    )


def discover_logs(
    readme_dir: str | os.PathLike[str], names: Iterable[str] | None = None
) -> list[str]:
    """The logs in ``readme_dir`` under the names their tools write by default (one listing, or
    ``names``, the folder's names when it was listed already), spelt as pathlib spells them
    (``emissions.csv`` rather than ``./emissions.csv``)."""
    folder = normal(readme_dir)
    if names is None:
        try:
            with os.scandir(folder) as entries:
                found = {
                    entry.name
                    for entry in entries
                    if is_default_name(entry.name) and entry.is_file()
                }
        except OSError:
            return []
    else:
        found = {
            name
            for name in names
            if is_default_name(name) and os.path.isfile(os.path.join(folder, name))
        }
    fixed = [normal(os.path.join(folder, name)) for name in DEFAULT_NAMES if name in found]
    return fixed + sorted(
        normal(os.path.join(folder, name)) for name in found if name not in DEFAULT_NAMES
    )


class LogError(ValueError):
    """A log that cannot be read; names the file, the line at fault (when one is) and why."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        self.path = normal(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"
