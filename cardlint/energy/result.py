"""The outcome of one measurement window, its ``end`` record and its human summary."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .emissions import JOULES_PER_KWH, GridIntensity, emissions_g

COMPONENTS = ("gpu", "cpu", "dram")


@dataclass
class EnergyResult:
    """Energy (joules to the millijoule; None = not measured) and emissions of one window."""

    elapsed_s: float
    energy_j: dict[str, float | None]
    devices_j: dict[str, float | None]
    devices: list[dict[str, Any]]
    not_measured: dict[str, str]
    intensity: GridIntensity
    pue: float | None
    exit_code: int | None = None
    log_path: str | None = None
    finished_at: str = ""
    cpu_domains: list[str] = field(default_factory=list)

    @property
    def energy_kwh(self) -> float | None:
        """Sum of the measured components before PUE, or None when nothing was measured."""
        measured = [j for j in self.energy_j.values() if j is not None]
        return sum(measured) / JOULES_PER_KWH if measured else None

    @property
    def emissions_g(self) -> float | None:
        """Grams CO2eq, or None without a grid intensity or any measured energy."""
        return emissions_g(self.energy_kwh, self.intensity.g_per_kwh, self.pue)

    def end_record(self) -> dict[str, Any]:
        """The log's ``end`` record."""
        record: dict[str, Any] = {
            "record": "end",
            "elapsed_s": round(self.elapsed_s, 3),
            "finished_at": self.finished_at,
            "energy_j": self.energy_j,
            "devices_j": self.devices_j,
            "energy_kwh": self.energy_kwh,
            "emissions_g": self.emissions_g,
            "exit_code": self.exit_code,
        }
        if self.not_measured:
            record["not_measured"] = dict(self.not_measured)
        return record

    def summary(self) -> str:
        """A few lines for people: duration, energy by component, grams, what was not measured."""
        lines = [
            f"Measured {format_duration(self.elapsed_s)}"
            + (f", command exited with {self.exit_code}" if self.exit_code is not None else "")
        ]
        for component in COMPONENTS:
            joules = self.energy_j.get(component)
            label = component.upper().ljust(5)
            if joules is None:
                lines.append(
                    f"  {label}not measured: {self.not_measured.get(component, 'see below')}"
                )
            else:
                lines.append(f"  {label}{format_energy(joules)}{self._detail(component)}")
        kwh = self.energy_kwh
        if kwh is None:
            lines.append("  Total: nothing was measured")
        else:
            lines.append(
                f"  Total {format_energy(kwh * JOULES_PER_KWH)} (measured parts only, before PUE)"
            )
        lines.append("  " + self._emissions_line())
        extra = {k: v for k, v in self.not_measured.items() if k not in COMPONENTS}
        for key, why in extra.items():
            lines.append(f"  Not measured: {key}: {why}")
        if self.log_path is not None:
            lines.append(f"  Log: {self.log_path}")
        return "\n".join(lines)

    def _detail(self, component: str) -> str:
        """Which devices or zones a component's figure comes from."""
        if component == "gpu":
            parts = [
                f"{d['index']}: {d['name']} ({d['method'].replace('_', ' ')})" for d in self.devices
            ]
            return "  [" + "; ".join(parts) + "]"
        zones = [
            d for d in self.cpu_domains if d.startswith("package" if component == "cpu" else "dram")
        ]
        return "  [RAPL " + ", ".join(zones) + "]"

    def _emissions_line(self) -> str:
        """Grams CO2eq and where the intensity came from, or why there are none."""
        grams = self.emissions_g
        it = self.intensity
        if it.g_per_kwh is None:
            return (
                "Emissions: unknown (no grid intensity; pass a location or an intensity in g/kWh)"
            )
        if grams is None:
            return "Emissions: unknown (no energy measured)"
        where = ", ".join(str(x) for x in (it.region_id or it.location, it.year, it.source) if x)
        pue = f", PUE {self.pue:g}" if self.pue is not None else ""
        return f"Emissions: {plain_figures(grams)} g CO2eq ({it.g_per_kwh:g} g/kWh{', ' + where if where else ''}{pue})"


def total_or_none(values: Iterable[float | None]) -> float | None:
    """Sum of ``values``, or None when there are none or any is None (unknown)."""
    total = 0.0
    seen = False
    for value in values:
        if value is None:
            return None
        total += value
        seen = True
    return total if seen else None


def rounded(values: dict[str, float | None]) -> dict[str, float | None]:
    """Joules rounded to the millijoule, None kept."""
    return {k: None if v is None else round(v, 3) for k, v in values.items()}


def plain_figures(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant figures, never in exponent notation (12345.6 -> "12350")."""
    return format(Decimal(f"{value:.{digits}g}"), "f")


def format_energy(joules: float) -> str:
    """``"1.234 kWh (4.44e+06 J)"``-style text."""
    return f"{joules / JOULES_PER_KWH:.4g} kWh ({joules:.4g} J)"


def format_duration(seconds: float) -> str:
    """``"1h 02m 03s"``, ``"2m 05s"`` or ``"4.2 s"``."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {secs:02d}s" if hours else f"{minutes}m {secs:02d}s"
