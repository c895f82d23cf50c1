"""What a measurement log says, in one shape for every format."""

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from cardlint.paths import name

from .names import LogError


class Device(NamedTuple):
    """A kind of device the run used: `kind` is "gpu" or "cpu"; `count` is None when unknown."""

    kind: str
    model: str
    count: int | None = None  # type: ignore[assignment]  # shadows tuple.count, which no caller needs

    def describe(self) -> str:
        """`8 x NVIDIA A40`, or the bare model when the count is unknown."""
        return self.model if self.count is None else f"{self.count} x {self.model}"


class Location(NamedTuple):
    """Where the run was, as the tool wrote it; every field is a string or None."""

    country: str | None = None
    country_iso: str | None = None
    region: str | None = None
    cloud_provider: str | None = None
    cloud_region: str | None = None
    text: str | None = None

    def describe(self) -> str:
        """The tool's own one-line location, else `cloud region, region, country`."""
        if self.text:
            return self.text
        cloud = " ".join(p for p in (self.cloud_provider, self.cloud_region) if p)
        parts = (cloud, self.region, self.country or self.country_iso)
        return ", ".join(p for p in parts if p)


class Run(NamedTuple):
    """One run in a log; `line` is the line its figures were taken from."""

    run_id: str | None
    label: str | None
    emissions_g: Decimal | None
    energy_kwh: Decimal | None
    duration_s: Decimal | None
    line: int | None = None


class Measurement(NamedTuple):
    """Totals of one log over all its runs; a total is None when any run lacks it.

    Energies are kWh *including* the PUE (`pue` records the factor applied), so
    `emissions_g / energy_kwh` is the grid intensity in every format. `finished` is
    False only when the log shows the run did not finish. `notes` say, in words, what
    the reader had to decide (unknown values, grouped rows, partial coverage).
    """

    path: str  # as pathlib spells it: `logs/emissions.csv`, never `./logs//emissions.csv`
    format: str
    tool: str
    tool_version: str | None = None
    emissions_g: Decimal | None = None
    energy_kwh: Decimal | None = None
    cpu_energy_kwh: Decimal | None = None
    gpu_energy_kwh: Decimal | None = None
    ram_energy_kwh: Decimal | None = None
    duration_s: Decimal | None = None
    hardware: tuple[Device, ...] = ()
    location: Location | None = None
    pue: Decimal | None = None
    finished: bool = True
    runs: tuple[Run, ...] = ()
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for output: `emissions.csv (CodeCarbon 2.8.2, 2 runs): 14.1 kg CO2eq, 37.0 kWh`."""
        about = [f"{self.tool} {self.tool_version}" if self.tool_version else self.tool]
        if len(self.runs) > 1:
            about.append(f"{len(self.runs)} runs")
        if not self.finished:
            about.append("partial")
        emissions = "emissions unknown" if self.emissions_g is None else _mass(self.emissions_g)
        energy = "" if self.energy_kwh is None else f", {_energy(self.energy_kwh)}"
        return f"{name(self.path)} ({', '.join(about)}): {emissions}{energy}"


def _three_figures(value: Decimal) -> str:
    """`value` to three significant figures, never in exponent notation."""
    if value == 0:
        return "0"
    return format(value.quantize(Decimal(1).scaleb(value.adjusted() - 2), ROUND_HALF_UP), "f")


def _mass(grams: Decimal) -> str:
    for unit, size in (("t", Decimal(10) ** 6), ("kg", Decimal(1000))):
        if grams >= size:
            return f"{_three_figures(grams / size)} {unit} CO2eq"
    return f"{_three_figures(grams)} g CO2eq"


def _energy(kwh: Decimal) -> str:
    if kwh >= 1000:
        return f"{_three_figures(kwh / 1000)} MWh"
    return f"{_three_figures(kwh)} kWh"
