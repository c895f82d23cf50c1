"""carbontracker's `*_carbontracker_output.log`: CO2eq in g, energy in kWh (PUE included).

Each "Actual consumption" block is one tracker's measurement and counts as a run. "Predicted
consumption" blocks are forecasts and never count; they only tell whether the measured epochs
cover the whole training. Version, PUE and early stops are read from the sibling standard log
(`*_carbontracker.log`) when it is there.
"""

import os
import re
from decimal import Decimal

from cardlint.speedups.paths import normal

from ._parse import distinct, measured, note_unknown, number, read_with, total
from .measurement import Device, Location, LogError, Measurement, Run
from .names import CARBONTRACKER_SUFFIX

FORMAT = "carbontracker"
OUTPUT_SUFFIX = CARBONTRACKER_SUFFIX

_HEADING = re.compile(
    r"(Actual|Predicted) consumption(?: for ([0-9]{1,9}) epoch\(s\))?:", re.IGNORECASE
)
_BLOCK = re.compile(
    r"[ \t]*\r?\n\s*Time:[ \t]*(?P<time>[^\r\n]*)\r?\n"
    r"\s*Energy:[ \t]*(?P<energy>\S+)[ \t]*kWh[ \t]*(?:\r?\n|$)"
    r"(?:\s*CO2eq:[ \t]*(?P<co2>\S+)[ \t]*g\b)?",
    re.IGNORECASE,
)
_TIME = re.compile(r"(?:([0-9]{1,9}) days?, )?([0-9]{1,9}):([0-9]{2}):([0-9]{2}(?:\.[0-9]{1,9})?)")
_COMPONENTS = re.compile(r"The following components were found:(.*)")
_COMPONENT = re.compile(r"([A-Z]+) with device\(s\) (.+?)\.(?=\s+[A-Z]+ with device\(s\)|\s*$)")
_LOCATION = re.compile(r"at detected location: (.+?)\.?[ \t\r]*$", re.MULTILINE)
_VERSION = re.compile(r"carbontracker version (\S+)", re.IGNORECASE)
_PUE = re.compile(r"PUE\s+coefficient of ([0-9]{1,3}(?:\.[0-9]{1,9})?)", re.IGNORECASE)
_INTERRUPTED = re.compile(r"Training was interrupted", re.IGNORECASE)
_NO_POWER = re.compile(r"Average power usage \(W\) for (\w+): None\b", re.IGNORECASE)


def looks_like(text: str) -> bool:
    """Whether `text` is a carbontracker output log."""
    return bool(_HEADING.search(text)) or "CarbonTracker: " in text


def read(path: str | os.PathLike[str]) -> Measurement:
    """Read a carbontracker output log."""
    return read_with(normal(path), parse)


def parse(path: str | os.PathLike[str], text: str) -> Measurement:
    """Read carbontracker output-log `text` that came from `path`."""
    path = normal(path)
    runs: list[Run] = []
    epochs_measured: list[int] = []
    predicted: list[tuple[int, int | None]] = []
    standard = _standard_log(path)
    notes: list[str] = []
    why = _why_nothing(standard)
    for heading in _HEADING.finditer(text):
        line = text.count("\n", 0, heading.start()) + 1
        block = _BLOCK.match(text, heading.end())
        if block is None:
            raise LogError(
                path, line, f"incomplete {heading[0]!r} block: expected Time and Energy lines"
            )
        epochs = int(heading[2]) if heading[2] else None
        if heading[1].lower() == "predicted":
            predicted.append((line, epochs))
            continue
        co2 = block["co2"]
        if epochs is not None:
            epochs_measured.append(epochs)
        run = Run(
            run_id=None,
            label=None if epochs is None else f"{epochs} epoch(s)",
            emissions_g=None if co2 is None else number(co2, path, line, "CO2eq", signed=True),
            energy_kwh=number(block["energy"], path, line, "Energy", signed=True),
            duration_s=_seconds(path, line, block["time"]),
            line=line,
            hardware=tuple(_devices(text[: heading.start()])),
        )
        runs.append(measured(run, notes, why))
    if not runs:
        if predicted:
            raise LogError(
                path, predicted[0][0], "only a predicted consumption: nothing was measured"
            )
        raise LogError(path, None, "no 'Actual consumption' block: nothing was measured")
    note_unknown(runs, notes)
    unread = _unread(standard)
    if unread and any(run.energy_kwh for run in runs):
        notes.append(
            f"the standard log gives an average power of None for {' and '.join(unread)}: "
            "the energy measured leaves out what was not read"
        )
    planned = [epochs for _, epochs in predicted if epochs is not None]
    finished = _finished(
        max(epochs_measured, default=None), max(planned, default=None), standard, notes
    )
    version = _VERSION.search(standard)
    pue = _PUE.search(standard)
    return Measurement(
        path=path,
        format=FORMAT,
        tool="carbontracker",
        tool_version=version[1] if version else None,
        emissions_g=total(run.emissions_g for run in runs),
        energy_kwh=total(run.energy_kwh for run in runs),
        duration_s=total(run.duration_s for run in runs),
        hardware=tuple(distinct(device for run in runs for device in run.hardware)),
        location=_location(text),
        pue=Decimal(pue[1]) if pue else None,
        finished=finished,
        runs=tuple(runs),
        notes=tuple(notes),
    )


def _seconds(path: str, line: int, text: str) -> Decimal:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise LogError(path, line + 1, f"Time is not h:mm:ss: {text.strip()!r}")
    days, hours, minutes, seconds = match.groups()
    return (
        Decimal(days or 0) * 86400
        + Decimal(hours) * 3600
        + Decimal(minutes) * 60
        + Decimal(seconds)
    )


def _standard_log(path: str) -> str:
    """The sibling standard log's text, or "" when there is none."""
    folder, name = os.path.split(path)
    if not name.endswith(OUTPUT_SUFFIX):
        return ""
    sibling = os.path.join(folder, name[: -len(OUTPUT_SUFFIX)] + "_carbontracker.log")
    try:
        with open(sibling, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def _finished(measured: int | None, planned: int | None, standard: str, notes: list[str]) -> bool:
    """False when training stopped early or fewer epochs were measured than predicted."""
    if _INTERRUPTED.search(standard):
        notes.append(
            "the standard log says training was interrupted before all epochs were monitored"
        )
        return False
    if measured is not None and planned is not None and measured < planned:
        notes.append(
            f"measured {measured} of {planned} epochs; carbontracker's prediction for all "
            f"{planned} is not counted"
        )
        return False
    return True


def _why_nothing(standard: str) -> str:
    """Why a run that records 0 kWh measured nothing, in the standard log's words when it has them."""
    components = _unread(standard)
    if not components:
        return "no power was read"
    return f"no power was read: the standard log gives an average power of None for {' and '.join(components)}"


def _unread(standard: str) -> list[str]:
    """The components whose average power the standard log gives as None."""
    return distinct(name.lower() for name in _NO_POWER.findall(standard))


def _devices(text: str) -> list[Device]:
    """The devices of the last "components were found" line in `text` (the tracker of what follows)."""
    found = list(_COMPONENTS.finditer(text))
    if not found:
        return []
    match = found[-1]
    devices = []
    for kind, names in _COMPONENT.findall(match[1].strip()):
        listed = [name.strip() for name in names.split(",")]
        for name in distinct(listed):
            if not re.fullmatch(r"cpu:\d+", name):
                devices.append(Device(kind.lower(), name, listed.count(name)))
    return devices


def _location(text: str) -> Location | None:
    found = [place for place in _LOCATION.findall(text) if place.strip().upper() != "UNDETECTED"]
    return Location(text=found[-1].strip()) if found else None
