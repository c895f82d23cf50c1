"""Read a log of any supported format, recognised by its content (``discover_logs`` finds them)."""

import os
from collections.abc import Callable

from cardlint.speedups.paths import name, normal

from . import carbontracker, cardlint_energy, codecarbon, eco2ai
from ._parse import csv_header, read_with
from .measurement import LogError, Measurement
from .names import discover_logs as discover_logs

_PARSERS: dict[str, Callable[[str, str], Measurement]] = {
    codecarbon.FORMAT: codecarbon.parse,
    carbontracker.FORMAT: carbontracker.parse,
    eco2ai.FORMAT: eco2ai.parse,
    cardlint_energy.FORMAT: cardlint_energy.parse,
}


def read_log(path: str | os.PathLike[str]) -> Measurement:
    """Read a log of any supported format, recognised by its content, not its name."""
    return read_with(normal(path), _parse)


def _parse(path: str, text: str) -> Measurement:
    return _PARSERS[detect_format(path, text)](path, text)


def detect_format(path: str | os.PathLike[str], text: str) -> str:
    """The format of a log's `text`: a CSV header, a first JSON record or carbontracker's lines."""
    if cardlint_energy.looks_like(text):
        return cardlint_energy.FORMAT
    header = csv_header(text)
    if eco2ai.looks_like(header):
        return eco2ai.FORMAT
    if codecarbon.looks_like(header):
        return codecarbon.FORMAT
    if carbontracker.looks_like(text) or name(os.fspath(path)).endswith(
        carbontracker.OUTPUT_SUFFIX
    ):
        return carbontracker.FORMAT
    if len(header) > 1:
        raise LogError(
            path,
            1,
            "a CSV that is neither CodeCarbon's (columns duration, emissions, run_id) "
            "nor eco2AI's (column CO2_emissions(kg))",
        )
    raise LogError(
        path,
        None,
        "not a measurement log cardlint reads (a CodeCarbon or eco2AI CSV, "
        "a carbontracker output log or a cardlint energy log)",
    )
