"""``cardlint measure -- COMMAND``: run a command and log its energy and emissions.

The measurement core (``cardlint.energy``) imports nothing from the linter; this command hands
it the grid resolver.
"""

import argparse

from cardlint.energy.cli import run_measure


def grid_intensity(location: str) -> tuple[str | None, float, int | None, str | None] | None:
    """The grid intensity of a location for the energy core: (region id, g/kWh, year, source)."""
    from cardlint.grid.resolver import resolve

    region = resolve(location).region
    if region is None:
        return None
    return region.id, region.g_co2eq_per_kwh, region.year, region.source


def run(args: argparse.Namespace) -> int:
    return run_measure(args, resolver=grid_intensity)
