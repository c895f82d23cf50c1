"""Helpers the readers share: loading text, numbers, CSV tables, totals."""

import csv
import io
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TypeVar

from .measurement import LogError, Measurement, Run

T = TypeVar("T")
Row = tuple[int, dict[str, str]]

_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE = {"nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
_LARGEST_EXPONENT = 100
WINDOWS = "cp1252"


def read_text(path: str) -> tuple[str, str | None]:
    """The file's text and the encoding assumed when it is not UTF-8 (None when it is).

    Windows tools (CodeCarbon 1.x among them) wrote their logs in the ANSI code page, so a file
    that is not UTF-8 is read as Windows-1252, as a spreadsheet would; LogError for an
    unreadable, empty or binary file, or one that is neither.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        raise LogError(
            path, None, f"cannot read the file: {getattr(error, 'strerror', None) or error}"
        ) from None
    if not data.strip():
        raise LogError(path, None, "empty file")
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise LogError(path, line, "binary content (NUL byte): not a text log")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(WINDOWS), WINDOWS
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LogError(
            path, line, f"neither UTF-8 nor Windows-1252 text (byte 0x{data[error.start]:02x})"
        ) from None


def read_with(path: str, parse: Callable[[str, str], Measurement]) -> Measurement:
    """Read the file at `path` with `parse`, recording the encoding assumed when it is not UTF-8."""
    text, encoding = read_text(path)
    measurement = parse(path, text)
    return measurement if encoding is None else measurement._replace(encoding=encoding)


def number(
    text: str, path: str, line: int | None, what: str, *, signed: bool = False
) -> Decimal | None:
    """A finite decimal, exactly as written; None for an empty field. Non-negative unless
    ``signed``: an emissions or energy figure below 0 is read, and reported by
    Measurement.implausible, so that the card is still checked."""
    value = text.strip()
    if not value:
        return None
    if value.lower() in _NOT_FINITE:
        raise LogError(path, line, f"{what} is {value!r}, not a finite number")
    if not _NUMBER.fullmatch(value):
        raise LogError(path, line, f"{what} is not a number: {text!r}")
    return checked(Decimal(value), path, line, what, signed=signed)


def checked(
    value: Decimal, path: str, line: int | None, what: str, *, signed: bool = False
) -> Decimal:
    """`value`, or LogError when it is negative (unless ``signed``) or absurdly far from 1."""
    if value < 0 and not signed:
        raise LogError(path, line, f"{what} is negative: {value}")
    if value and abs(value.adjusted()) > _LARGEST_EXPONENT:
        raise LogError(path, line, f"{what} is out of range: {value}")
    return value


def csv_header(text: str) -> list[str]:
    """The first row of `text` read as CSV, names stripped; [] when it is not CSV."""
    try:
        return [name.strip() for name in next(csv.reader(io.StringIO(text, newline="")), [])]
    except csv.Error:
        return []


def csv_rows(path: str, text: str) -> tuple[list[str], list[Row]]:
    """The header and each data row as (line, {column: value}); LogError for a ragged row.

    Read as a spreadsheet reads it: columns with no name at the end of the header (`a,b,,,`)
    and empty fields past the named columns are ignored.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        written = [name.strip() for name in next(reader)]
        header = _named(written)
        named = [name for name in header if name]
        if len(set(named)) != len(named):
            duplicate = next(name for name in named if named.count(name) > 1)
            raise LogError(path, 1, f"column {duplicate!r} appears twice in the header")
        for fields in reader:
            if not fields:
                continue
            if len(fields) < len(header) or any(field.strip() for field in fields[len(written) :]):
                raise LogError(path, reader.line_num, _ragged(len(fields), len(header)))
            rows.append((reader.line_num, dict(zip(header, fields))))
    except csv.Error as error:
        raise LogError(path, reader.line_num, f"malformed CSV: {error}") from None
    return header, rows


def _named(header: list[str]) -> list[str]:
    """`header` without the unnamed columns at its end."""
    end = len(header)
    while end > 1 and not header[end - 1]:
        end -= 1
    return header[:end]


def _ragged(found: int, expected: int) -> str:
    if found < expected:
        return f"row has {found} of the header's {expected} fields: truncated row (was the writer killed?)"
    return f"row has {found} fields, the header only {expected}"


def require(path: str, header: list[str], *columns: str) -> None:
    """LogError naming the first of `columns` missing from `header`."""
    for column in columns:
        if column not in header:
            raise LogError(path, 1, f"missing required column {column!r}")


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None when there is nothing to sum or any value is unknown."""
    items = list(values)
    if not items or any(value is None for value in items):
        return None
    return sum((value for value in items if value is not None), Decimal(0))


def distinct(values: Iterable[T | None]) -> list[T]:
    """The known values, each once, in first-seen order."""
    seen: list[T] = []
    for value in values:
        if value is not None and value not in seen:
            seen.append(value)
    return seen


def common(
    values: Iterable[T | None], what: str, notes: list[str], show: Callable[[T], str] = str
) -> T | None:
    """The one value every run agrees on; None (and a note) when runs differ."""
    found = distinct(values)
    if len(found) > 1:
        notes.append(f"runs differ in {what}: " + "; ".join(show(v) for v in found))
        return None
    return found[0] if found else None


def note_unknown(runs: list[Run], notes: list[str]) -> None:
    """Say which runs lack emissions or energy, which leaves that total unknown."""
    for attribute, what, unit in (
        ("emissions_g", "emissions", "g"),
        ("energy_kwh", "energy", "kWh"),
    ):
        values: list[Decimal | None] = [getattr(run, attribute) for run in runs]
        lines = ", ".join(str(run.line) for run, value in zip(runs, values) if value is None)
        if not lines:
            continue
        known = [value for value in values if value is not None]
        rest = f"; the other runs sum to {sum(known, Decimal(0))} {unit}" if known else ""
        notes.append(f"no {what} value on line {lines}, so the total {what} is unknown{rest}")


def measured(run: Run, notes: list[str], why: str = "no power was read") -> Run:
    """`run`, with its energy and emissions unknown when it measured nothing.

    A run that records 0 kWh and 0 g (or 0 of one and nothing of the other) read no power at
    all (carbontracker prints `Energy: 0.000000000000 kWh` when every power reading was None):
    that is an unknown, never a measurement of zero.
    """
    energy, emissions = run.energy_kwh, run.emissions_g
    if not ((energy == 0 and not emissions) or (emissions == 0 and energy is None)):
        return run
    shown = " and ".join(
        f"0 {unit}" for value, unit in ((energy, "kWh"), (emissions, "g")) if value is not None
    )
    notes.append(
        f"line {run.line} records {shown}: {why}, so that run's energy and emissions are unknown, not zero"
    )
    return run._replace(energy_kwh=None, emissions_g=None, unknown=why)
