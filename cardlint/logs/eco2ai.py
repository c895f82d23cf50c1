"""eco2AI's CSV (default name emission.csv): `CO2_emissions(kg)` in kg, energy in kWh (PUE included).

DBJoules, a tool built from eco2AI's tracker, writes the same file with `cpu_power_consumption(kWh)`
and `ram_power_consumption(kWh)` columns, often without `CO2_emissions(kg)`: it is read here too,
under its own name, its emissions unknown when it has no such column.

eco2AI keeps one row per tracker `id`, rewritten in place while it runs, so each id is one run
and its last row counts. In training mode (`start_training`/`new_epoch`) it writes one row per
epoch, with the `epoch` column set and the counters reset after each: those rows are summed.
Files from versions without an `id` column have one row per run.
"""

import os
import re
from decimal import Decimal

from cardlint.speedups.paths import normal

from ._parse import (
    Row,
    common,
    csv_rows,
    distinct,
    measured,
    note_unknown,
    number,
    read_with,
    require,
    total,
)
from .measurement import Device, Location, LogError, Measurement, Run

FORMAT = "eco2ai"
EMISSIONS = "CO2_emissions(kg)"
DBJOULES = "cpu_power_consumption(kWh)"

_ENERGY = ("power_consumption(kWh)", "power_consumption(kWTh)")
_COMPONENTS = ("CPU", "GPU", "RAM")
_CPU = re.compile(r"(.*?)/([0-9]{1,6}) device\(s\)")
_GPU = re.compile(r"(.*?) ([0-9]{1,6}) device\(s\)")


def looks_like(header: list[str]) -> bool:
    """Whether a CSV header is eco2AI's (or DBJoules')."""
    return EMISSIONS in header or DBJOULES in header


def read(path: str | os.PathLike[str]) -> Measurement:
    """Read an eco2AI CSV."""
    return read_with(normal(path), parse)


def parse(path: str | os.PathLike[str], text: str) -> Measurement:
    """Read eco2AI CSV `text` that came from `path`."""
    path = normal(path)
    header, rows = csv_rows(path, text)
    energy_column = next((name for name in _ENERGY if name in header), _ENERGY[0])
    tool = "DBJoules" if DBJOULES in header else "eco2AI"
    require(path, header, *((EMISSIONS,) if tool == "eco2AI" else ()), energy_column)
    if not rows:
        raise LogError(path, None, "a header but no rows: no run was recorded")
    counted = [_counted(path, group) for group in _groups(rows)]
    notes: list[str] = []
    unknown = None if EMISSIONS in header else f"{tool} wrote no {EMISSIONS} column"
    runs = [
        measured(_run(path, run_rows, energy_column)._replace(unknown=unknown), notes)
        for run_rows in counted
    ]
    note_unknown(runs, notes)
    lasts = [run_rows[-1][1] for run_rows in counted]
    components = {
        kind: total(_sum(path, run_rows, f"{kind}_consumption(kWh)") for run_rows in counted)
        for kind in _COMPONENTS
    }
    return Measurement(
        path=path,
        format=FORMAT,
        tool=tool,
        emissions_g=total(run.emissions_g for run in runs),
        energy_kwh=total(run.energy_kwh for run in runs),
        cpu_energy_kwh=components["CPU"],
        gpu_energy_kwh=components["GPU"],
        ram_energy_kwh=components["RAM"],
        duration_s=total(run.duration_s for run in runs),
        hardware=tuple(distinct(device for run in runs for device in run.hardware)),
        location=common((_location(row) for row in lasts), "location", notes, Location.describe),
        runs=tuple(runs),
        notes=tuple(notes),
    )


def _groups(rows: list[Row]) -> list[list[Row]]:
    """Rows per tracker id, in first-seen order; every row alone when there is no id."""
    groups: dict[str, list[Row]] = {}
    for index, (line, row) in enumerate(rows):
        groups.setdefault(_text(row, "id") or f"#{index}", []).append((line, row))
    return list(groups.values())


def _counted(path: str, group: list[Row]) -> list[Row]:
    """The rows of one run that count: every per-epoch row, else the last snapshot."""
    epochs = [_text(row, "epoch") is not None for _, row in group]
    if any(epochs) and not all(epochs):
        raise LogError(
            path,
            group[-1][0],
            f"tracker id {_text(group[0][1], 'id')} mixes epoch rows and run rows",
        )
    return group if all(epochs) else group[-1:]


def _sum(path: str, rows: list[Row], column: str, *, signed: bool = False) -> Decimal | None:
    """A column summed over the rows that count for one run (below 0 only when ``signed``)."""
    return total(
        number(_value(row, column), path, line, f"column {column!r}", signed=signed)
        for line, row in rows
    )


def _run(path: str, rows: list[Row], energy_column: str) -> Run:
    kilograms = _sum(path, rows, EMISSIONS, signed=True)
    line, row = rows[-1]
    return Run(
        run_id=_text(row, "id"),
        label=_text(row, "project_name"),
        emissions_g=None if kilograms is None else kilograms.scaleb(3),
        energy_kwh=_sum(path, rows, energy_column, signed=True),
        duration_s=_sum(path, rows, "duration(s)"),
        line=line,
        hardware=tuple(_devices(row)),
    )


def _devices(row: dict[str, str]) -> list[Device]:
    devices = []
    for kind, pattern in (("gpu", _GPU), ("cpu", _CPU)):
        match = pattern.match(_text(row, f"{kind.upper()}_name") or "")
        if match and match[1].strip() and int(match[2]) > 0:
            devices.append(Device(kind, match[1].strip(), int(match[2])))
    return devices


def _location(row: dict[str, str]) -> Location | None:
    place = (_text(row, "region/country") or _text(row, "country") or "").strip("()")
    if not place or place == "N/A":
        return None
    country, _, region = place.partition("/")
    iso = country if re.fullmatch(r"[A-Z]{2}", country) else None
    # `RU/Moscow` is eco2AI's shorthand, not a place name: the card gets one made from its parts
    return Location(country=None if iso else country, country_iso=iso, region=region or None)


def _value(row: dict[str, str], column: str) -> str:
    """A cell, with eco2AI's "N/A" (a column the run did not fill) read as empty."""
    value = row.get(column, "").strip()
    return "" if value == "N/A" else value


def _text(row: dict[str, str], column: str) -> str | None:
    return _value(row, column) or None
