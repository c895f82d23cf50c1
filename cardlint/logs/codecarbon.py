"""CodeCarbon's emissions.csv: `emissions` in kg, energies in kWh (PUE included), duration in s.

Columns are found by header name, since versions differ (29 to 33 columns). Rows sharing a
`run_id` are cumulative snapshots of one run (one per flush or stop): the last row of each run
counts, and the runs are summed. Rows with no run_id are told apart by their start time
(`timestamp - duration`). CodeCarbon's task files (a `task_name` column) hold one row per task,
each its own run.
"""

import os
import re
from datetime import datetime
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

FORMAT = "codecarbon"

_CUMULATIVE = ("duration", "emissions", "energy_consumed")
_SAME_START_S = 2.0
_GPU_MODEL = re.compile(r"([0-9]{1,6}) x (.+)")


def looks_like(header: list[str]) -> bool:
    """Whether a CSV header is CodeCarbon's."""
    names = set(header)
    return {"duration", "emissions"} <= names and bool(
        names & {"run_id", "energy_consumed", "emissions_rate"}
    )


def read(path: str | os.PathLike[str]) -> Measurement:
    """Read a CodeCarbon emissions.csv."""
    return read_with(normal(path), parse)


def parse(path: str | os.PathLike[str], text: str) -> Measurement:
    """Read CodeCarbon CSV `text` that came from `path`."""
    path = normal(path)
    header, rows = csv_rows(path, text)
    require(path, header, "duration", "emissions")
    if not rows:
        raise LogError(path, None, "a header but no rows: no run was recorded")
    notes: list[str] = []
    groups = [[row] for row in rows] if "task_name" in header else _runs(rows, notes)
    for group in groups:
        _check_cumulative(path, group)
    lasts = [group[-1] for group in groups]
    runs = [measured(_run(path, line, row), notes) for line, row in lasts]
    note_unknown(runs, notes)
    versions = distinct(_text(row, "codecarbon_version") for _, row in lasts)
    pues = (number(row.get("pue", ""), path, line, "column 'pue'") for line, row in lasts)
    return Measurement(
        path=path,
        format=FORMAT,
        tool="CodeCarbon",
        tool_version=", ".join(versions) or None,
        emissions_g=total(run.emissions_g for run in runs),
        energy_kwh=total(run.energy_kwh for run in runs),
        cpu_energy_kwh=total(_energy(path, run, row, "cpu") for run, (_, row) in zip(runs, lasts)),
        gpu_energy_kwh=total(_energy(path, run, row, "gpu") for run, (_, row) in zip(runs, lasts)),
        ram_energy_kwh=total(_energy(path, run, row, "ram") for run, (_, row) in zip(runs, lasts)),
        duration_s=total(run.duration_s for run in runs),
        hardware=tuple(distinct(device for run in runs for device in run.hardware)),
        location=common((_location(row) for _, row in lasts), "location", notes, Location.describe),
        pue=common(pues, "PUE", notes),
        runs=tuple(runs),
        notes=tuple(notes),
    )


def _runs(rows: list[Row], notes: list[str]) -> list[list[Row]]:
    """Group rows into runs: by run_id, or by start time for rows without one."""
    groups: list[list[Row]] = []
    by_id: dict[str, list[Row]] = {}
    unnamed: list[tuple[float, list[Row]]] = []
    unnamed_lines: list[int] = []
    unnamed_runs = 0
    for line, row in rows:
        run_id = row.get("run_id", "").strip()
        if run_id:
            if run_id not in by_id:
                by_id[run_id] = []
                groups.append(by_id[run_id])
            by_id[run_id].append((line, row))
            continue
        unnamed_lines.append(line)
        start = _start(row)
        group = next(
            (
                g
                for s, g in reversed(unnamed)
                if start is not None and abs(s - start) <= _SAME_START_S
            ),
            None,
        )
        if group is None:
            group = []
            groups.append(group)
            unnamed_runs += 1
            if start is not None:
                unnamed.append((start, group))
        group.append((line, row))
    if unnamed_lines:
        notes.append(
            f"{len(unnamed_lines)} row(s) without a run_id (line {_ranges(unnamed_lines)}) "
            f"taken as {unnamed_runs} run(s) by their start time (timestamp - duration)"
        )
    return groups


def _start(row: dict[str, str]) -> float | None:
    """When the run began, in seconds on the log's own clock; None when unknown."""
    try:
        stamp = datetime.fromisoformat(row.get("timestamp", "").strip()).replace(tzinfo=None)
        return (stamp - datetime(1970, 1, 1)).total_seconds() - float(row["duration"])
    except ValueError:
        return None


def _ranges(lines: list[int]) -> str:
    """`3-7, 9` for [3, 4, 5, 6, 7, 9]."""
    spans: list[list[int]] = []
    for line in lines:
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _check_cumulative(path: str, group: list[Row]) -> None:
    """LogError when a later snapshot of a run is below an earlier one."""
    for (earlier, before), (line, after) in zip(group, group[1:]):
        for column in _CUMULATIVE:
            # a negative figure is reported as implausible, not refused
            signed = column != "duration"
            old = number(before.get(column, ""), path, earlier, f"column {column!r}", signed=signed)
            new = number(after.get(column, ""), path, line, f"column {column!r}", signed=signed)
            if old is not None and new is not None and new < old:
                raise LogError(
                    path,
                    line,
                    f"column {column!r} falls from {old} to {new} within run "
                    f"{after.get('run_id') or '(no run_id)'}, whose rows must be cumulative",
                )


def _run(path: str, line: int, row: dict[str, str]) -> Run:
    kilograms = number(row["emissions"], path, line, "column 'emissions'", signed=True)
    return Run(
        run_id=_text(row, "run_id"),
        label=_text(row, "task_name") or _text(row, "project_name"),
        emissions_g=None if kilograms is None else kilograms.scaleb(3),
        energy_kwh=number(
            row.get("energy_consumed", ""), path, line, "column 'energy_consumed'", signed=True
        ),
        duration_s=number(row["duration"], path, line, "column 'duration'"),
        line=line,
        hardware=tuple(_devices(row)),
    )


def _energy(path: str, run: Run, row: dict[str, str], component: str) -> Decimal | None:
    """A component's energy; a GPU energy of 0 with no GPU listed means no GPU was measured, and
    nothing is known of a run that measured nothing."""
    if run.unknown:
        return None
    value = number(
        row.get(f"{component}_energy", ""), path, run.line, f"column '{component}_energy'"
    )
    if component == "gpu" and value == 0 and not _text(row, "gpu_model"):
        return None
    return value


def _devices(row: dict[str, str]) -> list[Device]:
    devices = []
    gpu_model = _text(row, "gpu_model")
    if gpu_model:
        match = _GPU_MODEL.fullmatch(gpu_model)
        # Mixed GPUs are written run together ("2 x A1001 x V100"): keep that text whole.
        if match and not _GPU_MODEL.search(match[2]):
            devices.append(Device("gpu", match[2], int(match[1])))
        else:
            count = _text(row, "gpu_count") or ""
            devices.append(
                Device("gpu", gpu_model, int(count) if re.fullmatch(r"[0-9]{1,6}", count) else None)
            )
    cpu_model = _text(row, "cpu_model")
    if cpu_model:
        devices.append(Device("cpu", cpu_model))
    return devices


def _location(row: dict[str, str]) -> Location | None:
    location = Location(
        country=_text(row, "country_name"),
        country_iso=_text(row, "country_iso_code"),
        region=_text(row, "region"),
        cloud_provider=_text(row, "cloud_provider"),
        cloud_region=_text(row, "cloud_region"),
    )
    return location if location != Location() else None


def _text(row: dict[str, str], column: str) -> str | None:
    return row.get(column, "").strip() or None
