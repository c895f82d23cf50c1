"""The library API: lint a text or a path and get plain, picklable results back."""

import os
import re
import stat
from functools import lru_cache
from typing import TYPE_CHECKING

from cardlint.diagnostics import Diagnostic, FileError, FileResult
from cardlint.reading.card import Card, decode, parse_card
from cardlint.reading.co2 import find_block
from cardlint.rules import Registered, registry
from cardlint.rules.base import LintContext, names_in
from cardlint.settings import Settings
from cardlint.speedups.paths import normal, parent

if TYPE_CHECKING:  # a card with no log never loads the log model
    from cardlint.logs.attach import AttachedLogs

MAX_BYTES = 10 * 1024 * 1024
_SUPPRESSION = re.compile(r"(?:^|\s)#\s*cardlint:\s*ignore(?:\[([A-Za-z0-9_,\s-]*)\])?")


def lint_card(
    card: Card, settings: Settings | None = None, logs: "AttachedLogs | None" = None
) -> tuple[Diagnostic, ...]:
    """Run every enabled rule over a parsed card (and the measurement logs attached to it);
    inline suppressions are honoured. A rule that reads only what the card lacks is skipped
    (see cardlint.rules)."""
    settings = settings or Settings()
    ctx = LintContext(card, find_block(card), settings.options, logs)
    found: list[Diagnostic] = []
    # each line's comment read once: a long line may hold many findings
    suppressions: dict[int, frozenset[str] | None] = {}
    # no comment to read: none is looked for
    may_suppress = card.has_block and "cardlint" in card.block_text
    keys = frozenset(card.metadata) if card.metadata else frozenset()
    for entry in _enabled_rules(settings, card.path):
        if entry.reads is not None and entry.reads.isdisjoint(keys):
            continue
        if entry.hub_answer and card.hub_answer is None:
            continue
        for diagnostic in entry.check(ctx):
            if not (may_suppress and _suppressed(card, diagnostic, suppressions)):
                found.append(diagnostic)
    found.sort(key=lambda d: (d.start, d.code))  # offsets are in the order of (row, column)
    return tuple(found)


def _enabled_rules(settings: Settings, path: str) -> tuple[Registered, ...]:
    """The rules that run on ``path``; without per-file ignores they are the same for every file."""
    if settings.per_file_ignores:
        return tuple(entry for entry in registry() if settings.is_enabled(entry.code, path))
    return _rules_for(tuple(settings.select), tuple(settings.ignore))


@lru_cache(maxsize=32)
def _rules_for(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Registered, ...]:
    chosen = Settings(select=select, ignore=ignore)
    return tuple(entry for entry in registry() if chosen.is_enabled(entry.code))


def lint_text(
    text: str, filename: str = "<string>", settings: Settings | None = None, *, bom: bool = False
) -> FileResult:
    """Lint README text (already decoded, without its BOM)."""
    return result_for(parse_card(text, filename, bom), settings)


def result_for(
    card: Card, settings: Settings | None = None, logs: "AttachedLogs | None" = None
) -> FileResult:
    """Lint a parsed card into a FileResult that carries the source lines its diagnostics point at."""
    diagnostics = lint_card(card, settings, logs)
    rows = sorted({d.location.row for d in diagnostics})
    return FileResult(
        card.path, diagnostics, lines=tuple((row, card.line_text(row)) for row in rows)
    )


def read_card(path: str | os.PathLike[str]) -> Card | FileError:
    """Read and parse a README from disk, or say in one line why it cannot be read."""
    filename = os.fspath(path)
    try:
        data = _read_bytes(normal(filename))  # as pathlib read it: `README.md/` is README.md
    except _Unreadable as error:
        return FileError(filename, str(error))
    if b"\x00" in data[:8192]:
        return FileError(filename, "binary file (it contains NUL bytes), not a Markdown README")
    try:
        text, bom = decode(data)
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data.count(b"\n", 0, offset) + 1
        return FileError(
            filename,
            f"not UTF-8 text: byte 0x{data[offset]:02x} at line {line} (the Hub reads cards as UTF-8)",
        )
    return parse_card(text, filename, bom)


def lint_path(path: str | os.PathLike[str], settings: Settings | None = None) -> FileResult:
    """Lint one README file; unreadable input gives a FileResult with ``error`` set, never an exception."""
    try:
        prepared = prepare(path, settings or Settings())
        if isinstance(prepared, FileError):
            return FileResult(prepared.filename, error=prepared)
        card, logs, notes = prepared
        return result_for(card, settings, logs)._replace(notes=notes)
    except Exception as error:  # a bug met in one file loses this file, not the whole run
        return failed(path, error)


def failed(path: str | os.PathLike[str], error: Exception) -> FileResult:
    """The result of a file whose reading, linting or fixing met a bug: its one-line error."""
    filename = os.fspath(path)
    return FileResult(filename, error=FileError(filename, internal_error(error)))


def internal_error(error: Exception) -> str:
    """One short line for a bug met while linting a file."""
    detail = next(iter(str(error).splitlines()), "")[:200]
    return f"internal error while linting: {type(error).__name__}: {detail} (please report this)"


def prepare(
    path: str | os.PathLike[str], settings: Settings
) -> "tuple[Card, AttachedLogs | None, tuple[str, ...]] | FileError":
    """Read a card and the measurement logs attached to it (named, or found beside it), with a
    note naming them."""
    card = read_card(path)
    if isinstance(card, FileError):
        return card
    from cardlint.logs.attach import attach_logs
    from cardlint.logs.names import LogError

    if settings.options.discover_logs:  # one listing, for the logs and for the rules (MC303)
        card.names_beside = names_in(parent(card.path))
    try:
        attached = attach_logs(card.path, settings.options, card.names_beside)
    except LogError as error:
        return FileError(
            card.path, f"cannot use measurement log: {error}; the card was not checked against it"
        )
    if attached is None:
        return card, None, ()
    return card, attached, (attached.describe(),)


class _Unreadable(Exception):
    pass


def _read_bytes(path: str) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise _Unreadable("dangling symbolic link: its target does not exist") from None
        raise _Unreadable("no such file") from None
    except OSError as error:
        raise _Unreadable(error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise _Unreadable("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise _Unreadable("not a regular file (a FIFO, socket or device): refused")
    if info.st_size > MAX_BYTES:
        raise _Unreadable(
            f"file is {info.st_size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB limit for a README"
        )
    try:
        with open(path, "rb") as handle:
            # a buffer of the file's size, not of the 10 MB limit
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since the stat: read on, up to the limit
                data += handle.read(MAX_BYTES + 1 - len(data))
    except PermissionError:
        raise _Unreadable("permission denied") from None
    except OSError as error:
        raise _Unreadable(error.strerror or str(error)) from None
    if len(data) > MAX_BYTES:
        raise _Unreadable(
            f"file grew over the {MAX_BYTES // 1024 // 1024} MB limit while being read"
        )
    return data


def _suppressed(
    card: Card, diagnostic: Diagnostic, suppressions: dict[int, frozenset[str] | None]
) -> bool:
    """A ``# cardlint: ignore[CODE,...]`` comment on the diagnostic's first line (inside the YAML) hides it.

    ``suppressions`` caches each line's reading: None for no comment, an empty set for all codes.
    """
    if not card.has_block or not (card.block_start or 0) <= diagnostic.start <= (
        card.block_end or 0
    ):
        return False
    row = diagnostic.location.row
    if row not in suppressions:
        match = _SUPPRESSION.search(card.line_text(row))
        if match is None:
            suppressions[row] = None
        else:
            suppressions[row] = frozenset(
                code.strip().upper() for code in (match.group(1) or "").split(",") if code.strip()
            )
            if match.group(1) is not None and not suppressions[row]:
                suppressions[row] = frozenset({""})  # `ignore[]` names no code: it hides nothing
    codes = suppressions[row]
    if codes is None:
        return False
    return not codes or diagnostic.code in codes or diagnostic.name.upper() in codes
