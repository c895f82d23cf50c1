"""cardlint's own energy log (docs/energy-log.md, format version 1): JSON Lines, energies in J.

The figures come from the `end` record; without one the run is partial and the last sample
counts. A last line without its newline is a record cut by a kill and is ignored. Energies
are multiplied by the header's `pue` (when given) so that, as in the other formats, they
include it.
"""

import json
import os
from collections import Counter
from decimal import Decimal
from typing import Any

from cardlint.energy.log_format import FORMAT as LOG_FORMAT
from cardlint.energy.log_format import FORMAT_VERSION
from cardlint.speedups.paths import normal

from ._parse import checked, measured, read_with, total
from .measurement import Device, Location, LogError, Measurement, Run

FORMAT = "cardlint"  # the tool's name among the log formats cardlint reads

_JOULES_PER_KWH = Decimal(3_600_000)
_COMPONENTS = {"cpu": "cpu", "gpu": "gpu", "dram": "ram"}

Record = tuple[int, dict[str, Any]]


def looks_like(text: str) -> bool:
    """Whether `text` starts like a JSON Lines log."""
    return text.lstrip().startswith("{")


def read(path: str | os.PathLike[str]) -> Measurement:
    """Read a cardlint energy log."""
    return read_with(normal(path), parse)


def parse(path: str | os.PathLike[str], text: str) -> Measurement:
    """Read cardlint energy-log `text` that came from `path`."""
    path = normal(path)
    records = _records(path, text)
    header = _header(path, records[0])
    last_line, last = records[-1]
    if last["record"] == "header":
        raise LogError(
            path, last_line, "no sample or end record after the header: nothing was measured yet"
        )
    pue = _number(path, records[0][0], header, "pue")
    factor = pue if pue is not None else Decimal(1)
    components = {
        name: None if joules is None else joules * factor / _JOULES_PER_KWH
        for name, joules in _energies(path, last_line, last).items()
    }
    energy = total(kwh for kwh in components.values() if kwh is not None)
    notes = _unmeasured(header)
    emissions = _emissions(path, last_line, last, records[0], energy)
    duration = _number(path, last_line, last, "elapsed_s")
    finished = last["record"] == "end"
    if not finished:
        notes.append(
            f"no end record: the run did not finish; totals are from the sample on line {last_line}"
        )
    command = header.get("command")
    run = Run(
        run_id=None,
        label=" ".join(str(part) for part in command) if isinstance(command, list) else None,
        emissions_g=emissions,
        energy_kwh=energy,
        duration_s=duration,
        line=last_line,
        hardware=_devices(header),
    )
    run = measured(run, notes, "no component's energy was read")
    if run.unknown:
        components = dict.fromkeys(components)
    location = Location(region=_string(header, "region_id"), text=_string(header, "location"))
    return Measurement(
        path=path,
        format=FORMAT,
        tool=_string(header, "tool") or "cardlint",
        tool_version=_string(header, "tool_version"),
        emissions_g=run.emissions_g,
        energy_kwh=run.energy_kwh,
        cpu_energy_kwh=components["cpu"],
        gpu_energy_kwh=components["gpu"],
        ram_energy_kwh=components["ram"],
        duration_s=duration,
        hardware=_devices(header),
        location=location if location != Location() else None,
        pue=pue,
        finished=finished,
        runs=(run,),
        notes=tuple(notes),
    )


def _records(path: str, text: str) -> list[Record]:
    """Every complete record, checked for order: one header, samples, at most one end, last."""
    lines = text.split("\n")
    records: list[Record] = []
    previous: dict[str, Decimal | None] = {}
    for line_no, line in enumerate(lines[:-1], start=1):
        if not line.strip():
            continue
        record = _json(path, line_no, line)
        kind = record.get("record")
        if kind not in ("header", "sample", "end"):
            raise LogError(path, line_no, f"unknown record type {kind!r}")
        if not records and kind != "header":
            raise LogError(path, line_no, "the first record must be the header")
        if records and kind == "header":
            raise LogError(path, line_no, "a second header record")
        if records and records[-1][1]["record"] == "end":
            raise LogError(path, line_no, "a record after the end record")
        if kind != "header":
            previous = _check_cumulative(path, line_no, previous, record)
        records.append((line_no, record))
    if not records:
        raise LogError(path, 1, "no complete record: the first line was cut before its newline")
    return records


def _json(path: str, line_no: int, line: str) -> dict[str, Any]:
    """One record; NaN and Infinity are kept as strings, which no number field accepts."""
    try:
        record = json.loads(line, parse_float=Decimal, parse_constant=str)
    except json.JSONDecodeError as error:
        raise LogError(
            path, line_no, f"not valid JSON: {error.msg} (column {error.colno})"
        ) from None
    except (ValueError, RecursionError) as error:
        raise LogError(path, line_no, f"not valid JSON: {error}") from None
    if not isinstance(record, dict):
        raise LogError(path, line_no, "a record must be a JSON object")
    return record


def _header(path: str, first: Record) -> dict[str, Any]:
    line, header = first
    if header.get("format") != LOG_FORMAT:
        raise LogError(
            path, line, f"the header's format is {header.get('format')!r}, not {LOG_FORMAT!r}"
        )
    version = header.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise LogError(
            path,
            line,
            f"format_version {version!r} is not one this cardlint reads ({FORMAT_VERSION})",
        )
    return header


def _check_cumulative(
    path: str, line: int, previous: dict[str, Decimal | None], record: dict[str, Any]
) -> dict[str, Decimal | None]:
    """The record's figures; LogError when one is below the previous record's."""
    figures = _energies(path, line, record)
    figures["elapsed_s"] = _number(path, line, record, "elapsed_s")
    for name, value in figures.items():
        before = previous.get(name)
        if value is not None and before is not None and value < before:
            raise LogError(
                path, line, f"{name} falls from {before} to {value}: records must be cumulative"
            )
    return figures


def _energies(path: str, line: int, record: dict[str, Any]) -> dict[str, Decimal | None]:
    """The record's cumulative joules per component, keyed cpu, gpu, ram."""
    energy = record.get("energy_j")
    if not isinstance(energy, dict):
        raise LogError(path, line, "energy_j must be an object of joules per component")
    return {
        ours: _number(path, line, energy, theirs, f"energy_j.{theirs}")
        for theirs, ours in _COMPONENTS.items()
    }


def _emissions(
    path: str, line: int, last: dict[str, Any], header: Record, energy: Decimal | None
) -> Decimal | None:
    """The end record's grams; for a partial run, energy times the header's intensity."""
    if last["record"] == "end" and "emissions_g" in last:
        return _number(path, line, last, "emissions_g")
    intensity = _number(path, header[0], header[1], "intensity_g_per_kwh")
    return None if intensity is None or energy is None else energy * intensity


def _number(
    path: str, line: int, record: dict[str, Any], key: str, name: str | None = None
) -> Decimal | None:
    """A non-negative number or null; LogError for anything else."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise LogError(path, line, f"{name or key} must be a number or null, not {value!r}")
    return checked(Decimal(value), path, line, name or key)


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value else None


def _devices(header: dict[str, Any]) -> tuple[Device, ...]:
    names = Counter(
        device["name"] for device in _listed(header) if isinstance(device.get("name"), str)
    )
    return tuple(Device("gpu", name, count) for name, count in names.items())


def _unmeasured(header: dict[str, Any]) -> list[str]:
    """Notes naming the components the header says were not measured."""
    notes = []
    for device in _listed(header):
        if device.get("method") == "unavailable":
            notes.append(
                f"GPU {device.get('index')} ({device.get('name')}) not measured: {device.get('reason')}"
            )
    cpu = header.get("cpu")
    if isinstance(cpu, dict) and cpu.get("method") == "not_measured":
        notes.append(f"CPU not measured: {cpu.get('reason')}")
    return notes


def _listed(header: dict[str, Any]) -> list[dict[str, Any]]:
    """The header's device objects; anything else in `devices` is ignored."""
    devices = header.get("devices")
    return (
        [device for device in devices if isinstance(device, dict)]
        if isinstance(devices, list)
        else []
    )
