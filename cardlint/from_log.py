"""What a card's co2_eq_emissions should say, according to its attached measurement logs."""

from decimal import Decimal
from typing import Any, Mapping, NamedTuple

from cardlint.amounts import format_plain_decimal
from cardlint.attach import AttachedLogs, round_grams
from cardlint.logs import Location, Measurement


class LogFigures(NamedTuple):
    """The block's values derived from the logs, as text ready for the card (None: unknown)."""

    grams: Decimal | None
    grams_text: str | None
    how: str  # how the grams were obtained, for messages
    source: str
    location: str | None
    hardware: str | None
    training_type: str | None
    explicit: bool


def figures(attached: AttachedLogs, options: Mapping[str, Any], card_location: str | None = None) -> LogFigures:
    """The grams, source, location and hardware the logs give (grams recomputed on request)."""
    grams, how = attached.emissions_g, "the log's total"
    if options.get("recompute_intensity") and card_location and attached.energy_kwh is not None:
        from cardlint.grid import resolve

        region = resolve(card_location).region
        if region is not None:
            grams = attached.energy_kwh * Decimal(repr(region.g_co2eq_per_kwh))
            how = (
                f"{format_plain_decimal(attached.energy_kwh.normalize())} kWh x {region.g_co2eq_per_kwh:g} gCO2eq/kWh "
                f"({region.name}, {region.year}, {region.source})"
            )
    first = attached.measurements[0]
    return LogFigures(
        grams=grams,
        grams_text=format_plain_decimal(round_grams(grams)) if grams is not None else None,
        how=how,
        source=_source(attached.measurements),
        location=_location(first.location),
        hardware=_hardware(first),
        training_type=options.get("training_type"),
        explicit=attached.explicit,
    )


def _source(measurements: tuple[Measurement, ...]) -> str:
    tools = []
    for m in measurements:
        name = f"{m.tool} {m.tool_version}" if m.tool_version and "," not in m.tool_version else m.tool
        if name not in tools:
            tools.append(name)
    return ", ".join(tools)


def _location(location: Location | None) -> str | None:
    if location is None:
        return None
    if location.text:
        return location.text
    cloud = " ".join(part for part in (location.cloud_provider, location.cloud_region) if part)
    region = location.region.title() if location.region and location.region.islower() else location.region
    parts = [part for part in (cloud, region, location.country or location.country_iso) if part]
    return ", ".join(parts) or None


def _hardware(measurement: Measurement) -> str | None:
    gpus = [d.describe() for d in measurement.hardware if d.kind == "gpu"]
    chosen = gpus or [d.describe() for d in measurement.hardware]
    return ", ".join(chosen) or None
