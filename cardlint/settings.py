"""Which rules run on which file (selection by code prefix, as ruff does), and the run's options."""

import fnmatch
from typing import NamedTuple

from cardlint.speedups.paths import name, normal, parts, relative_to


class RunOptions(NamedTuple):
    """The command-line values that rules read, the same for every card of a run."""

    log_paths: tuple[str, ...] = ()  # --log: attach these logs to every card
    discover_logs: bool = True  # attach the logs found beside each README (not --no-discover-logs)
    recompute_intensity: bool = False  # expected grams = the log's energy x the card's grid
    training_type: str | None = None  # --training-type: the value a fix writes
    hours: float | None = None  # --hours: training time, above 0
    estimate: bool = False  # --estimate: fill a missing emissions from hardware, place and hours
    pue: float = 1.0  # with --estimate: the data centre's PUE
    repo_type: str = "model"  # --repo-type: which card's fields apply (model, dataset, space)
    # --hub-validate: the Hub's validation endpoint judges each card (MC801)
    hub_validate: bool = False


DEFAULT_OPTIONS = RunOptions()  # a library call's: logs found beside the card are attached


class Settings(NamedTuple):
    """Rule selection, file filters and run options; plain values, so it pickles."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    root: str = "."  # where relative patterns in per-file-ignores and exclude start
    options: RunOptions = DEFAULT_OPTIONS  # what the rules read: --log, --hours, ...

    def is_enabled(self, code: str, filename: str | None = None) -> bool:
        """Whether ``code`` runs on ``filename``: the most specific matching prefix decides, ignore wins ties."""
        ignores = self.ignore + (self.file_ignores(filename) if filename else ())
        chosen = _longest_match(code, self.select)
        ignored = _longest_match(code, ignores)
        return chosen >= 0 and chosen > ignored

    def file_ignores(self, filename: str) -> tuple[str, ...]:
        codes: tuple[str, ...] = ()
        for pattern, ignored in self.per_file_ignores:
            if _path_matches(filename, pattern, self.root):
                codes += ignored
        return codes

    def is_excluded(self, path: str) -> bool:
        return any(_path_matches(path, pattern, self.root) for pattern in self.exclude)


def _longest_match(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix in ``prefixes`` that ``code`` starts with (ALL counts as 0); -1 if none."""
    best = -1
    for prefix in prefixes:
        prefix = prefix.strip().upper()
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def _path_matches(path: str, pattern: str, root: str) -> bool:
    """Match a glob against the path, the path relative to ``root``, or any of its trailing parts."""
    candidates = {path, name(path), normal(path)}
    relative = relative_to(path, root)
    if relative is not None:
        candidates.add(relative)
    return any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates) or any(
        fnmatch.fnmatch(part, pattern) for part in parts(path)
    )
