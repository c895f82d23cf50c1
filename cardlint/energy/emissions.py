"""Grid carbon intensity for a run and the emissions it implies."""

from collections.abc import Callable
from dataclasses import dataclass

JOULES_PER_KWH = 3.6e6

#: ``location -> (region_id, g_per_kwh, year, source)``, or None when the location is unknown.
Resolver = Callable[[str], "tuple[str | None, float, int | None, str | None] | None"]


class IntensityError(ValueError):
    """The grid intensity or PUE given cannot be used."""


@dataclass(frozen=True)
class GridIntensity:
    """Where the run happened and how carbon-intensive its electricity was (all optional)."""

    location: str | None = None
    region_id: str | None = None
    g_per_kwh: float | None = None
    year: int | None = None
    source: str | None = None


def resolve_intensity(
    location: str | None = None,
    g_per_kwh: float | None = None,
    year: int | None = None,
    source: str | None = None,
    resolver: Resolver | None = None,
) -> GridIntensity:
    """Combine an explicit intensity and/or a location looked up with ``resolver``.

    An explicit ``g_per_kwh`` (with its ``year``/``source``) wins over the resolver's; the
    resolver still supplies ``region_id``. Raises :class:`IntensityError` for a negative
    intensity or a location the resolver does not know when no explicit intensity is given.
    """
    if g_per_kwh is not None and g_per_kwh < 0:
        raise IntensityError(f"grid intensity must be >= 0 g/kWh, got {g_per_kwh}")
    if location is None or resolver is None:
        return GridIntensity(location, None, g_per_kwh, year, source)
    found = resolver(location)
    if found is None:
        if g_per_kwh is None:
            raise IntensityError(
                f"unknown location {location!r}: give the grid intensity in g/kWh instead"
            )
        return GridIntensity(location, None, g_per_kwh, year, source)
    region_id, found_g, found_year, found_source = found
    if g_per_kwh is not None:
        return GridIntensity(location, region_id, g_per_kwh, year, source)
    return GridIntensity(location, region_id, found_g, found_year, found_source)


def check_pue(pue: float | None) -> None:
    """Raise :class:`IntensityError` for a PUE below 1 (impossible)."""
    if pue is not None and pue < 1.0:
        raise IntensityError(f"PUE must be >= 1.0, got {pue}")


def emissions_g(
    energy_kwh: float | None, g_per_kwh: float | None, pue: float | None
) -> float | None:
    """``energy_kwh * pue * g_per_kwh`` (PUE 1 when None); None when energy or intensity is unknown."""
    if energy_kwh is None or g_per_kwh is None:
        return None
    return energy_kwh * (1.0 if pue is None else pue) * g_per_kwh
