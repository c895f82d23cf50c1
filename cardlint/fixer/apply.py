"""Apply fixes: one decision per value, non-overlapping edits, re-lint until stable, verify, write atomically."""

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cardlint.diagnostics import Diagnostic, Edit, FileError, FileResult, Target
from cardlint.fixer.choice import choose, distinct, proposal
from cardlint.fixer.values import targets
from cardlint.fixer.verify import FixRefused, verify
from cardlint.linter import internal_error, lint_card, prepare, result_for
from cardlint.reading.card import Card, parse_card
from cardlint.reading.edits import anchored_spans
from cardlint.settings import Settings

if TYPE_CHECKING:  # a card with no log never loads the log model
    from cardlint.logs.attach import AttachedLogs

__all__ = [
    "FixOutcome",
    "FixRefused",
    "FixRun",
    "apply_edits",
    "fix_card",
    "fix_passes",
    "fix_path",
    "verify",
    "write_atomically",
]

MAX_PASSES = 10  # a safety net: each value changes only on stronger evidence, so two passes suffice


class FixOutcome(NamedTuple):
    """What fixing one file did."""

    result: FileResult  # remaining findings, and the ones fixed
    fixed: int
    new_text: str | None  # None when nothing changed
    diff: str = ""


class FixRun(NamedTuple):
    """A card fixed pass by pass: the result, the findings fixed, the proposals that lost, the
    number of passes that changed the text, and the key paths set (each once per pass that set it)."""

    card: Card
    applied: list[Diagnostic]
    conflicts: list[str]
    passes: int
    writes: tuple[tuple[Any, ...], ...] = ()


def fix_card(
    card: Card,
    settings: Settings | None = None,
    unsafe: bool = False,
    logs: "AttachedLogs | None" = None,
) -> tuple[Card, list[Diagnostic]]:
    """Apply fixes pass by pass until none applies; return the final card and the findings fixed."""
    run = fix_passes(card, settings, unsafe, logs)
    return run.card, run.applied


def fix_passes(
    card: Card,
    settings: Settings | None = None,
    unsafe: bool = False,
    logs: "AttachedLogs | None" = None,
) -> FixRun:
    """Apply fixes pass by pass until none applies.

    In each pass the fixer decides once per value: safe fixes first, then the strongest evidence
    (a log named with --log, a log found beside the README, the card's text, an estimate, the
    card's own value in another form). A value set in one pass changes in a later one only on
    stronger evidence, so nothing oscillates. The proposals that lose are returned, with their values.
    """
    applied: list[Diagnostic] = []
    conflicts: dict[str, int] = {}  # each note once, in the order first made, with its pass
    applied_in: dict[str, int] = {}  # the pass that applied each proposal
    decided: dict[tuple[Any, ...], Target] = {}  # each value set so far, and on what evidence
    writes: list[tuple[Any, ...]] = []
    passes = 0
    for _ in range(MAX_PASSES):
        fixable = [
            d
            for d in lint_card(card, settings, logs)
            if d.fix is not None and (unsafe or d.fix.is_safe)
        ]
        chosen, covered, lost = choose(fixable, decided, anchored_spans(card))
        conflicts.update({note: passes for note in lost if note not in conflicts})
        if not chosen:
            break
        fixes = distinct([d.fix for d in chosen])  # type: ignore[misc]
        text = apply_edits(card.text, [edit for fix in fixes for edit in fix.edits])
        if text == card.text:
            break
        fixed = parse_card(text, card.path, card.bom)
        fixed.repo_files, fixed.repo_type = card.repo_files, card.repo_type
        fixed.names_beside = card.names_beside
        verify(card, fixed, fixes)
        paths = {target.path: target for fix in fixes for target in targets(fix)}
        for path, target in paths.items():
            earlier = decided.get(path)
            if earlier is not None and earlier.evidence > target.evidence:
                target = target._replace(evidence=earlier.evidence)
            decided[path] = target
        writes.extend(paths)
        applied.extend(chosen + covered)
        applied_in.update({proposal(d, t): passes for d in chosen for t in targets(d.fix)})  # type: ignore[arg-type]
        card = fixed
        passes += 1
    # a proposal that lost in one pass and was applied in a later one (once what stood against it
    # was fixed) is not reported as lost
    notes = [
        note
        for note, made in conflicts.items()
        if not any(note.startswith(p) and made < applied_in[p] for p in applied_in)
    ]
    return FixRun(card, applied, notes, passes, tuple(writes))


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits in one sweep; insertions at one point keep their given order."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):  # sorted() is stable
        pieces += [text[position : edit.start], edit.content]
        position = max(position, edit.end)
    pieces.append(text[position:])
    return "".join(pieces)


def fix_path(
    path: str | os.PathLike[str],
    settings: Settings | None = None,
    unsafe: bool = False,
    write: bool = True,
) -> FixOutcome:
    """Fix one README on disk (or only compute the diff when ``write`` is false)."""
    prepared = prepare(path, settings or Settings())
    if isinstance(prepared, FileError):
        return FixOutcome(FileResult(prepared.filename, error=prepared), 0, None)
    card, logs, notes = prepared
    original_text = card.text
    try:
        fixed_card, applied, conflicts = fix_passes(card, settings, unsafe, logs)[:3]
    except FixRefused as error:
        return FixOutcome(
            FileResult(
                card.path, error=FileError(card.path, f"fix refused, file left as it was: {error}")
            ),
            0,
            None,
        )
    except Exception as error:  # a bug in one rule loses this file, not the whole run
        return FixOutcome(
            FileResult(card.path, error=FileError(card.path, internal_error(error))), 0, None
        )
    remaining = result_for(fixed_card, settings, logs)._replace(
        fixed=tuple(applied), notes=notes + tuple(conflicts)
    )
    if fixed_card.text == original_text:
        return FixOutcome(remaining, 0, None)
    diff = unified_diff(card.path, original_text, fixed_card.text)
    if write:
        try:
            write_atomically(path, original_text, fixed_card.text, card.bom)
        except WriteError as error:
            return FixOutcome(
                FileResult(card.path, error=FileError(card.path, str(error))), 0, None
            )
    return FixOutcome(remaining, len(applied), fixed_card.text, diff)


def unified_diff(name: str, before: str, after: str) -> str:
    import difflib  # only for --diff

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


class WriteError(Exception):
    """The fixed file could not be written; the original is untouched."""


def write_atomically(
    path: str | os.PathLike[str], expected_text: str, new_text: str, bom: bool
) -> None:
    """Replace the file's content through a temporary file in the same folder, keeping its mode
    (a WriteError says why not; the caller names the file).

    A symlink is written through (its target is replaced, the link stays). The write is refused
    when the file is read-only (by its mode bits too: root may write anything) or changed since
    it was read; a folder that refuses the temporary file is a WriteError, like any other.
    """
    real = Path(os.path.realpath(path))
    try:
        info = real.stat()
    except OSError as error:
        raise WriteError(f"cannot re-read before writing: {error.strerror or error}") from None
    if not os.access(real, os.W_OK) or not info.st_mode & 0o222:
        raise WriteError("read-only file, not fixed")
    prefix = b"\xef\xbb\xbf" if bom else b""
    try:
        current = real.read_bytes()
    except OSError as error:
        raise WriteError(f"cannot re-read before writing: {error.strerror or error}") from None
    if current != prefix + expected_text.encode("utf-8"):
        raise WriteError("file changed while cardlint was fixing it; left as it is now")
    try:
        data = prefix + new_text.encode("utf-8")
    # a fix carrying a lone surrogate, which a YAML escape ("\ud800") can make
    except UnicodeEncodeError:
        raise WriteError(
            "a fix would write a character that UTF-8 cannot hold; left as it was"
        ) from None
    try:
        handle = tempfile.NamedTemporaryFile(
            dir=real.parent, prefix=f".{real.name}.", suffix=".cardlint", delete=False
        )
    except OSError as error:
        raise WriteError(f"cannot write the fixed file: {error.strerror or error}") from None
    try:
        with handle:
            handle.write(data)
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
        raise WriteError(f"cannot write the fixed file: {error.strerror or error}") from None
