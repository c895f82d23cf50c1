"""What a measurement log says, in one shape for every format."""

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from cardlint.speedups.paths import name

from .names import LogError as LogError

# gCO2eq/kWh: above every grid (the dirtiest in the grid data, Turkmenistan, is 1,306)
MAX_INTENSITY = Decimal(1500)
ENCODING_NAMES = {"cp1252": "Windows-1252"}


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

    def describe(self, *, capitalise_region: bool = False) -> str:
        """The tool's own one-line location, else `cloud region, region, country`, as written;
        with ``capitalise_region``, a region written all in lower case (CodeCarbon's `quebec`)
        is capitalised, as a card writes it."""
        if self.text:
            return self.text
        cloud = " ".join(p for p in (self.cloud_provider, self.cloud_region) if p)
        region = self.region
        if capitalise_region and region and region.islower():
            region = region.title()
        parts = (cloud, region, self.country or self.country_iso)
        return ", ".join(p for p in parts if p)


class Run(NamedTuple):
    """One run in a log; `line` is the line its figures were taken from, `hardware` the devices
    of the machine it ran on, `unknown` why its figures are unknown when the log has them as 0."""

    run_id: str | None
    label: str | None
    emissions_g: Decimal | None
    energy_kwh: Decimal | None
    duration_s: Decimal | None
    line: int | None = None
    hardware: tuple[Device, ...] = ()
    unknown: str | None = None


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
    encoding: str | None = None  # the encoding assumed for a file that is not UTF-8

    @property
    def known_emissions_g(self) -> Decimal | None:
        """What the runs that have an emissions figure add up to; None when none has one."""
        known = [run.emissions_g for run in self.runs if run.emissions_g is not None]
        return sum(known, Decimal(0)) if known else None

    def unknown_emissions(self, *, with_known: bool = True) -> str:
        """Which runs lack an emissions figure (by line) and why, and (``with_known``) what the others add up to."""
        missing: dict[str | None, list[str]] = {}
        for index, run in enumerate(self.runs):
            if run.emissions_g is None:
                missing.setdefault(run.unknown, []).append(str(run.line or f"#{index + 1}"))
        if not missing:
            return "no emissions figure"
        word = "line" if all(run.line for run in self.runs) else "run"
        parts = [
            f"{word}{'s' if len(refs) > 1 else ''} {_some(refs)}" + (f" ({why})" if why else "")
            for why, refs in missing.items()
        ]
        known = self.known_emissions_g
        others = len(self.runs) - sum(len(refs) for refs in missing.values())
        runs = "the other run adds" if others == 1 else f"the other {others} runs add"
        rest = f"; {runs} up to {_mass(known)}" if known is not None and with_known else ""
        return f"no emissions figure on {'; '.join(parts)}{rest}"

    def implausible(self) -> str | None:
        """Why the log's figures cannot be right (one below 0, or no grid has their ratio), or None."""
        negative = self._negative()
        if negative is not None:
            return negative
        grams, kwh = self.emissions_g, self.energy_kwh
        if grams is None or kwh is None:
            return None
        if kwh == 0:
            return f"{_mass(grams)} from 0 kWh: emissions without energy cannot be right"
        intensity = grams / kwh
        if 0 < intensity <= MAX_INTENSITY:
            return None
        return (
            f"{_mass(grams)} from {_energy(kwh)} implies {intensity:,.0f} gCO2eq/kWh, which no grid emits "
            f"(above 0, at most {MAX_INTENSITY:,}): one of the two figures is wrong"
        )

    def _negative(self) -> str | None:
        """The first emissions or energy figure below 0 (a run's, else a total), in words; None when there is none."""
        word = "line" if all(run.line for run in self.runs) else "run"
        for index, run in enumerate(self.runs):
            where = f"{word} {run.line if word == 'line' else index + 1}"
            for what, value, show in (
                ("emissions", run.emissions_g, _mass),
                ("energy", run.energy_kwh, _energy),
            ):
                if value is not None and value < 0:
                    return f"{where} records {what} of {show(value)}, below 0, which no measurement can be: its figures are not used"
        for what, value, show in (
            ("emissions", self.emissions_g, _mass),
            ("energy", self.energy_kwh, _energy),
        ):
            if value is not None and value < 0:
                return f"its total {what}, {show(value)}, is below 0, which no measurement can be: its figures are not used"
        return None

    def describe(self) -> str:
        """One line for output: `emissions.csv (CodeCarbon 2.8.2, 2 runs): 14.1 kg CO2eq, 37.0 kWh`."""
        about = [f"{self.tool} {self.tool_version}" if self.tool_version else self.tool]
        if len(self.runs) > 1:
            about.append(f"{len(self.runs)} runs")
        if not self.finished:
            about.append("partial")
        if self.encoding:
            about.append(f"not UTF-8, read as {ENCODING_NAMES.get(self.encoding, self.encoding)}")
        if self.emissions_g is None:
            emissions = (
                f"emissions unknown ({self.unknown_emissions()})"
                if self.runs
                else "emissions unknown"
            )
        else:
            emissions = _mass(self.emissions_g)
        energy = "" if self.energy_kwh is None else f", {_energy(self.energy_kwh)}"
        problem = self.implausible()
        warning = f"; {problem}" if problem else ""
        return f"{name(self.path)} ({', '.join(about)}): {emissions}{energy}{warning}"


def _some(items: list[str], shown: int = 3) -> str:
    """`2, 5 and 9`, or `2, 5, 9 and 40 more` for a long list."""
    if len(items) > shown + 1:
        return f"{', '.join(items[:shown])} and {len(items) - shown} more"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _three_figures(value: Decimal) -> str:
    """`value` to three significant figures, never in exponent notation."""
    if value == 0:
        return "0"
    return format(value.quantize(Decimal(1).scaleb(value.adjusted() - 2), ROUND_HALF_UP), "f")


def _mass(grams: Decimal) -> str:
    if grams < 0:
        return f"-{_mass(-grams)}"
    for unit, size in (("t", Decimal(10) ** 6), ("kg", Decimal(1000))):
        if grams >= size:
            return f"{_three_figures(grams / size)} {unit} CO2eq"
    return f"{_three_figures(grams)} g CO2eq"


def _energy(kwh: Decimal) -> str:
    if kwh < 0:
        return f"-{_energy(-kwh)}"
    if kwh >= 1000:
        return f"{_three_figures(kwh / 1000)} MWh"
    return f"{_three_figures(kwh)} kWh"
