"""Estimate training emissions the way the ML CO2 Impact calculator does.

grams = devices x rated watts x hours / 1000 x PUE x grid intensity (gCO2eq/kWh)
"""

from decimal import Decimal
from typing import Any, NamedTuple

from cardlint.amounts.parse import format_plain_decimal
from cardlint.logs.attach import round_grams

_UNKNOWN = "name a device the catalogue knows (an unknown device is never given a guessed wattage)"


class EstimateError(ValueError):
    """The inputs do not allow an estimate (unknown device, unresolved location, ...)."""


class Estimate(NamedTuple):
    """An estimate with every input it used, and where each figure comes from."""

    hardware: str
    # (count, device name, rated watts, watts source)
    devices: tuple[tuple[int, str, float, str], ...]
    hours: Decimal
    pue: Decimal
    location: str
    region_id: str
    region_name: str
    intensity: float
    intensity_year: int
    intensity_source: str
    energy_kwh: Decimal
    grams: Decimal

    def formula(self) -> str:
        devices = " + ".join(
            f"{count} x {watts:g} W ({name})" for count, name, watts, _ in self.devices
        )
        return (
            f"({devices}) x {format_plain_decimal(self.hours)} h / 1000 x PUE {format_plain_decimal(self.pue)} = "
            f"{format_plain_decimal(round_grams(self.energy_kwh))} kWh; x {self.intensity:g} gCO2eq/kWh "
            f"({self.region_name}, {self.intensity_year}) = {format_plain_decimal(round_grams(self.grams))} g CO2eq"
        )

    def source_text(self) -> str:
        """What to write into the card's ``source``: that it is an estimate, and how it was made."""
        return f"Estimated by cardlint (ML CO2 Impact method): {self.formula()}; intensity: {self.intensity_source}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "hardware": self.hardware,
            "devices": [
                {"count": c, "name": n, "rated_watts": w, "watts_source": s}
                for c, n, w, s in self.devices
            ],
            "hours": float(self.hours),
            "pue": float(self.pue),
            "location": self.location,
            "region": {"id": self.region_id, "name": self.region_name},
            "intensity_g_per_kwh": self.intensity,
            "intensity_year": self.intensity_year,
            "intensity_source": self.intensity_source,
            "energy_kwh": float(self.energy_kwh),
            "emissions_g": float(self.grams),
            "formula": self.formula(),
        }


def estimate(
    hardware: str, hours: float | Decimal, location: str, pue: float | Decimal = 1
) -> Estimate:
    """Estimate grams of CO2eq from a hardware description, a duration and a location."""
    from cardlint.grid.resolver import resolve
    from cardlint.hardware.catalogue import device, total_watts
    from cardlint.hardware.parse import parse_hardware

    hours_d, pue_d = Decimal(str(hours)), Decimal(str(pue))
    if hours_d <= 0 or pue_d < 1:
        raise EstimateError("hours must be above 0 and PUE at least 1")
    spec = parse_hardware(hardware)
    devices = []
    for item in spec.items:
        if item.count == 0:
            continue
        if item.watts is None or item.device_id is None or item.count_unit != "device":
            raise EstimateError(
                f"no rated power for '{hardware[item.span[0] : item.span[1]]}': {_UNKNOWN}"
            )
        entry = device(item.device_id)
        devices.append(
            (
                item.devices,
                entry.name if entry else item.device_id,
                item.watts,
                "cardlint hardware catalogue",
            )
        )
    if not devices:
        raise EstimateError(f"'{hardware}' names no device with a known rated power: {_UNKNOWN}")
    resolution = resolve(location)
    region = resolution.region
    if region is None:
        raise EstimateError(
            f"location '{location}' resolves to no grid region (see: cardlint locate '{location}')"
        )
    watts = total_watts((count, w) for count, _, w, _ in devices)
    energy = watts * hours_d / 1000 * pue_d
    grams = energy * Decimal(repr(region.g_co2eq_per_kwh))
    return Estimate(
        hardware,
        tuple(devices),
        hours_d,
        pue_d,
        location,
        region.id,
        region.name,
        region.g_co2eq_per_kwh,
        region.year,
        region.source,
        energy,
        grams,
    )
