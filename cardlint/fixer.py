"""Apply fixes: non-overlapping edits from the end, re-lint until stable, verify, write atomically."""

import os
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from cardlint.card import Card, parse_card
from cardlint.diagnostics import Diagnostic, Edit, FileError, FileResult
from cardlint.linter import internal_error, lint_card, prepare, result_for
from cardlint.settings import Settings

MAX_PASSES = 10


class FixRefused(Exception):
    """The fixed text failed verification; nothing is written."""


class FixOutcome(NamedTuple):
    """What fixing one file did."""

    result: FileResult  # remaining findings, and the ones fixed
    fixed: int
    new_text: str | None  # None when nothing changed
    diff: str = ""


def fix_card(card: Card, settings: Settings | None = None, unsafe: bool = False) -> tuple[Card, list[Diagnostic]]:
    """Apply fixes pass by pass until none applies; return the final card and the findings fixed."""
    applied: list[Diagnostic] = []
    for _ in range(MAX_PASSES):
        fixable = [d for d in lint_card(card, settings) if d.fix is not None and (unsafe or d.fix.is_safe)]
        chosen = _non_overlapping(fixable)
        if not chosen:
            break
        text = apply_edits(card.text, [edit for d in chosen for edit in d.fix.edits])  # type: ignore[union-attr]
        if text == card.text:
            break
        fixed = parse_card(text, card.path, card.bom)
        verify(card, fixed, [edit for d in chosen for edit in d.fix.edits])  # type: ignore[union-attr]
        applied.extend(chosen)
        card = fixed
    return card, applied


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits, from the end of the text to its start."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


def _non_overlapping(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Greedily keep fixes whose edits overlap no kept edit; the rest wait for the next pass."""
    kept: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for diagnostic in sorted(diagnostics, key=lambda d: (d.fix.edits[0].start if d.fix and d.fix.edits else 0, d.code)):
        spans = [(e.start, e.end) for e in diagnostic.fix.edits]  # type: ignore[union-attr]
        if any(_overlap(span, other) for span in spans for other in taken):
            continue
        kept.append(diagnostic)
        taken.extend(spans)
    return kept


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict with anything at the same point
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def verify(before: Card, after: Card, edits: list[Edit]) -> None:
    """The fixed card must parse, keep its body, and keep every top-level value no edit touched."""
    if before.problem is None and after.problem is not None:
        raise FixRefused(f"the fixed metadata would not parse ({after.problem.message})")
    if before.has_block and after.body != before.body:
        raise FixRefused("a fix would have changed the Markdown body")
    if before.metadata is None or after.metadata is None:
        return
    touched = _touched_keys(before, edits)
    for key, value in before.metadata.items():
        if key not in touched and (key not in after.metadata or not _same(after.metadata[key], value)):
            raise FixRefused(f"a fix would have changed '{key}', which no fix meant to touch")


def _touched_keys(card: Card, edits: list[Edit]) -> set[Any]:
    touched = set()
    for key_node, value_node in card.mapping_items():
        start = card.node_offsets(key_node)[0]
        end = card.node_offsets(value_node)[1]
        if any(start <= edit.end and edit.start <= end for edit in edits):
            touched.add(key_node.value)
    return touched


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and repr(a) == repr(b)


def fix_path(path: str | os.PathLike[str], settings: Settings | None = None, unsafe: bool = False, write: bool = True) -> FixOutcome:
    """Fix one README on disk (or only compute the diff when ``write`` is false)."""
    prepared = prepare(path, settings or Settings())
    if isinstance(prepared, FileError):
        return FixOutcome(FileResult(prepared.filename, error=prepared), 0, None)
    card, settings, notes = prepared
    original_text = card.text
    try:
        fixed_card, applied = fix_card(card, settings, unsafe)
    except FixRefused as error:
        return FixOutcome(FileResult(card.path, error=FileError(card.path, f"fix refused, file left as it was: {error}")), 0, None)
    except Exception as error:  # a bug in one rule loses this file, not the whole run
        return FixOutcome(FileResult(card.path, error=FileError(card.path, internal_error(error))), 0, None)
    remaining = result_for(fixed_card, settings)._replace(fixed=tuple(applied), notes=notes)
    if fixed_card.text == original_text:
        return FixOutcome(remaining, 0, None)
    diff = unified_diff(card.path, original_text, fixed_card.text)
    if write:
        try:
            write_atomically(path, original_text, fixed_card.text, card.bom)
        except WriteError as error:
            return FixOutcome(FileResult(card.path, error=FileError(card.path, str(error))), 0, None)
    return FixOutcome(remaining, len(applied), fixed_card.text, diff)


def unified_diff(name: str, before: str, after: str) -> str:
    import difflib  # only for --diff

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


class WriteError(Exception):
    """The fixed file could not be written; the original is untouched."""


def write_atomically(path: str | os.PathLike[str], expected_text: str, new_text: str, bom: bool) -> None:
    """Replace the file's content through a temporary file in the same folder, keeping its mode.

    A symlink is written through (its target is replaced, the link stays). The write is refused
    when the file is read-only (by its mode bits too: root may write anything) or changed since
    it was read; a folder that refuses the temporary file is a WriteError, like any other.
    """
    real = Path(os.path.realpath(path))
    try:
        info = real.stat()
    except OSError as error:
        raise WriteError(f"{path}: cannot re-read before writing: {error.strerror or error}") from None
    if not os.access(real, os.W_OK) or not info.st_mode & 0o222:
        raise WriteError(f"{path}: read-only file, not fixed")
    prefix = b"\xef\xbb\xbf" if bom else b""
    try:
        current = real.read_bytes()
    except OSError as error:
        raise WriteError(f"{path}: cannot re-read before writing: {error.strerror or error}") from None
    if current != prefix + expected_text.encode("utf-8"):
        raise WriteError(f"{path}: file changed while cardlint was fixing it; left as it is now")
    try:
        handle = tempfile.NamedTemporaryFile(dir=real.parent, prefix=f".{real.name}.", suffix=".cardlint", delete=False)
    except OSError as error:
        raise WriteError(f"{path}: cannot write the fixed file: {error.strerror or error}") from None
    try:
        with handle:
            handle.write(prefix + new_text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, info.st_mode & 0o7777)
        try:
            os.chown(handle.name, info.st_uid, info.st_gid)
        except (PermissionError, AttributeError):
            pass  # keeping the owner needs privileges; the mode is kept regardless
        os.replace(handle.name, real)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise WriteError(f"{path}: cannot write the fixed file: {error.strerror or error}") from None
