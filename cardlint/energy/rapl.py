"""CPU package and DRAM energy from Linux RAPL powercap counters.

Zones are ``<root>/intel-rapl*`` (``/sys/class/powercap`` by default; AMD CPUs use the same
interface). Zones named ``package-N`` count as CPU, zones named ``dram`` as DRAM; ``core``,
``uncore`` and ``psys`` are skipped because they overlap the package. Where a zone shows up
twice (``intel-rapl`` and ``intel-rapl-mmio``) the MSR one is used.

``energy_uj`` wraps to 0 after ``max_energy_range_uj``. The meter polls every zone often
(every sampling interval, and never less than once a second), so at most one wrap happens
between two polls: a reading below the previous one counts one wrap, and the energy is
``last - first + wraps * max_energy_range_uj``. That assumption is checked: when reads fail for
longer than the time one wrap takes at 1 kW per zone (``max_energy_range_uj / 1 kW``, capped
at 10 s), the zone's energy becomes unknown instead of possibly missing a wrap.

Counters that cannot be read (absent in most containers and VMs; root-only on most kernels
since 2020) make the CPU "not measured" with the reason; nothing is estimated.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from .result import total_or_none

DEFAULT_ROOT = Path("/sys/class/powercap")
ASSUMED_MAX_ZONE_W = 1000.0
MAX_GAP_CAP_S = 10.0


class RaplUnavailable(Exception):
    """RAPL counters cannot be used; the message says why."""


@dataclass
class RaplZone:
    """One counted zone and its running state."""

    label: str
    kind: str
    energy_path: Path
    max_range_uj: int
    first_uj: int = 0
    last_uj: int = 0
    last_time: float = 0.0
    wraps: int = 0
    problem: str | None = None

    @property
    def max_gap_s(self) -> float:
        """Longest tolerated time between successful reads (see the module docstring)."""
        return min(MAX_GAP_CAP_S, self.max_range_uj / 1e6 / ASSUMED_MAX_ZONE_W)

    @property
    def joules(self) -> float | None:
        """Energy since the first read, or None when a gap made it unknown."""
        if self.problem is not None:
            return None
        return (self.last_uj - self.first_uj + self.wraps * self.max_range_uj) / 1e6


def _read_uj(path: Path) -> int:
    """Read one integer counter file; raises RaplUnavailable with a readable reason."""
    try:
        return int(path.read_text().strip())
    except PermissionError as exc:
        raise RaplUnavailable(
            f"permission denied reading {path} (RAPL counters are root-only on most kernels)"
        ) from exc
    except OSError as exc:
        raise RaplUnavailable(f"cannot read {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise RaplUnavailable(f"unexpected content in {path}") from exc


def _zone_kind(zone_dir: Path) -> tuple[str, str] | None:
    """``(kind, label)`` for a counted zone, None for zones that are skipped."""
    try:
        name = (zone_dir / "name").read_text().strip()
    except OSError:
        return None
    if name.startswith("package"):
        return "cpu", name
    if name == "dram":
        package = zone_dir.name.split(":")[1] if ":" in zone_dir.name else "0"
        return "dram", f"dram-{package}"
    return None


def discover(root: str | os.PathLike[str] = DEFAULT_ROOT) -> list[RaplZone]:
    """The package and DRAM zones under ``root``; raises RaplUnavailable when there are none."""
    root = Path(root)
    zones: dict[str, RaplZone] = {}
    for zone_dir in sorted(root.glob("intel-rapl*"), key=lambda p: ("mmio" in p.name, p.name)):
        found = _zone_kind(zone_dir)
        if found is None or found[1] in zones:
            continue
        kind, label = found
        max_range = _read_uj(zone_dir / "max_energy_range_uj")
        zones[label] = RaplZone(label, kind, zone_dir / "energy_uj", max_range)
    if not any(z.kind == "cpu" for z in zones.values()):
        raise RaplUnavailable(
            f"no RAPL package zone under {root} (not exposed here, as in most containers and VMs)"
        )
    return list(zones.values())


class RaplEnergy:
    """CPU and DRAM energy over one window, from zones found by :func:`discover`."""

    def __init__(self, zones: list[RaplZone]) -> None:
        self.zones = zones

    def start(self, now: float) -> None:
        """First read of every zone; raises RaplUnavailable if any cannot be read."""
        for zone in self.zones:
            zone.first_uj = zone.last_uj = _read_uj(zone.energy_path)
            zone.last_time = now
            zone.wraps = 0
            zone.problem = None

    def poll(self, now: float) -> None:
        """Read every zone, counting a wrap where the counter went down."""
        for zone in self.zones:
            if zone.problem is not None:
                continue
            try:
                value = _read_uj(zone.energy_path)
            except RaplUnavailable:
                value = None
            if now - zone.last_time > zone.max_gap_s:
                zone.problem = (
                    f"{zone.label} not read for {now - zone.last_time:.1f} s;"
                    " counter wraps may have been missed"
                )
                continue
            if value is None:
                continue
            if value < zone.last_uj:
                zone.wraps += 1
            zone.last_uj = value
            zone.last_time = now

    def totals(self) -> dict[str, float | None]:
        """``{"cpu": J, "dram": J}``; None for a kind with no zones or an unknown zone."""
        return {
            kind: total_or_none(z.joules for z in self.zones if z.kind == kind)
            for kind in ("cpu", "dram")
        }

    def problems(self) -> dict[str, str]:
        """Why a zone's energy is unknown, keyed by zone label."""
        return {z.label: z.problem for z in self.zones if z.problem is not None}
