"""Which measurement logs belong to a card: named with ``--log``, or found beside the README."""

import os
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, NamedTuple

from cardlint.logs.names import discover_logs
from cardlint.settings import RunOptions
from cardlint.speedups.paths import parent

if TYPE_CHECKING:  # a card with no log never loads the log model
    from cardlint.logs.measurement import Measurement


class AttachedLogs(NamedTuple):
    """The logs attached to one card; ``explicit`` when the user named them."""

    measurements: "tuple[Measurement, ...]"
    explicit: bool

    @property
    def emissions_g(self) -> Decimal | None:
        """The total of every attached log (each log already counts its runs once)."""
        return _total([m.emissions_g for m in self.measurements])

    @property
    def known_emissions_g(self) -> Decimal | None:
        """What the runs with an emissions figure add up to, over every log (a lower bound of
        the total when some run has none); None when no run has one."""
        known = [m.known_emissions_g if m.runs else m.emissions_g for m in self.measurements]
        return (
            _total([value for value in known if value is not None])
            if any(v is not None for v in known)
            else None
        )

    @property
    def energy_kwh(self) -> Decimal | None:
        return _total([m.energy_kwh for m in self.measurements])

    def describe(self) -> str:
        how = "named with --log" if self.explicit else "found beside the README"
        return "; ".join(f"using the log {m.describe()} ({how})" for m in self.measurements)


def _total(values: list[Decimal | None]) -> Decimal | None:
    """The sum, or None when any value is unknown (never a partial sum)."""
    known = [value for value in values if value is not None]
    if not values or len(known) != len(values):
        return None
    return sum(known, Decimal(0))


def attach_logs(
    readme: str | os.PathLike[str],
    options: RunOptions,
    names_beside: Sequence[str] | None = None,
) -> AttachedLogs | None:
    """The logs for ``readme``: ``options.log_paths`` if given, else the default names beside it
    (among ``names_beside``, the names in its folder, when it was listed already).

    Raises LogError for a log that cannot be read, naming the file and row.
    """
    return attach_found(
        options,
        discover_logs(parent(os.fspath(readme)), names_beside) if options.discover_logs else [],
    )


def attach_found(
    options: RunOptions, found: Sequence[str | os.PathLike[str]]
) -> AttachedLogs | None:
    """The logs named in ``options.log_paths`` if any, else the logs ``found`` beside the card."""
    named = options.log_paths
    if not named and (not found or not options.discover_logs):
        return None
    from cardlint.logs.discover import read_log

    if named:
        return AttachedLogs(tuple(read_log(path) for path in named), explicit=True)
    return AttachedLogs(tuple(read_log(path) for path in found), explicit=False)


def round_grams(grams: Decimal) -> Decimal:
    """Four significant figures: a measurement is good to about 1%."""
    if grams == 0:
        return grams
    return grams.quantize(Decimal(1).scaleb(grams.adjusted() - 3), ROUND_HALF_UP)


__all__ = ["AttachedLogs", "attach_found", "attach_logs", "round_grams"]
