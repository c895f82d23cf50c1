"""Helpers the readers share: loading text, numbers, CSV tables, totals."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TypeVar

from .measurement import LogError, Run

T = TypeVar("T")
Row = tuple[int, dict[str, str]]

_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE = {"nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
_LARGEST_EXPONENT = 100


def read_text(path: str) -> str:
    """The file as UTF-8 text; LogError for an unreadable, empty, binary or non-UTF-8 file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        raise LogError(path, None, f"cannot read the file: {getattr(error, 'strerror', None) or error}") from None
    if not data.strip():
        raise LogError(path, None, "empty file")
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise LogError(path, line, "binary content (NUL byte): not a text log")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LogError(path, line, f"not UTF-8 text (byte 0x{data[error.start]:02x})") from None


def number(text: str, path: str, line: int | None, what: str) -> Decimal | None:
    """A non-negative finite decimal, exactly as written; None for an empty field."""
    value = text.strip()
    if not value:
        return None
    if value.lower() in _NOT_FINITE:
        raise LogError(path, line, f"{what} is {value!r}, not a finite number")
    if not _NUMBER.fullmatch(value):
        raise LogError(path, line, f"{what} is not a number: {text!r}")
    return checked(Decimal(value), path, line, what)


def checked(value: Decimal, path: str, line: int | None, what: str) -> Decimal:
    """`value`, or LogError when it is negative or absurdly far from 1."""
    if value < 0:
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
    """The header and each data row as (line, {column: value}); LogError for a ragged row."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = [name.strip() for name in next(reader)]
        if len(set(header)) != len(header):
            duplicate = next(name for name in header if header.count(name) > 1)
            raise LogError(path, 1, f"column {duplicate!r} appears twice in the header")
        for fields in reader:
            if not fields:
                continue
            if len(fields) != len(header):
                raise LogError(path, reader.line_num, _ragged(len(fields), len(header)))
            rows.append((reader.line_num, dict(zip(header, fields))))
    except csv.Error as error:
        raise LogError(path, reader.line_num, f"malformed CSV: {error}") from None
    return header, rows


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
    for attribute, what, unit in (("emissions_g", "emissions", "g"), ("energy_kwh", "energy", "kWh")):
        values: list[Decimal | None] = [getattr(run, attribute) for run in runs]
        lines = ", ".join(str(run.line) for run, value in zip(runs, values) if value is None)
        if not lines:
            continue
        known = [value for value in values if value is not None]
        rest = f"; the other runs sum to {sum(known, Decimal(0))} {unit}" if known else ""
        notes.append(f"no {what} value on line {lines}, so the total {what} is unknown{rest}")
