"""Apply fixes: one decision per value, non-overlapping edits, re-lint until stable, verify, write atomically."""

import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, Sequence

from cardlint.card import Card, parse_card
from cardlint.diagnostics import Diagnostic, Edit, FileError, FileResult, Fix
from cardlint.edits import anchored_spans
from cardlint.linter import internal_error, lint_card, prepare, result_for
from cardlint.rules.base import Evidence, Removed, Target
from cardlint.settings import Settings

MAX_PASSES = 10  # a safety net: each value changes only on stronger evidence, so two passes suffice


class FixRefused(Exception):
    """The fixed text failed verification; nothing is written."""


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


def fix_card(card: Card, settings: Settings | None = None, unsafe: bool = False) -> tuple[Card, list[Diagnostic]]:
    """Apply fixes pass by pass until none applies; return the final card and the findings fixed."""
    run = fix_passes(card, settings, unsafe)
    return run.card, run.applied


def fix_passes(card: Card, settings: Settings | None = None, unsafe: bool = False) -> FixRun:
    """Apply fixes pass by pass until none applies.

    In each pass the fixer decides once per value: safe fixes first, then the strongest evidence
    (a log named with --log, a log found beside the README, the card's text, an estimate, the
    card's own value in another form). A value set in one pass changes in a later one only on
    stronger evidence, so nothing oscillates. The proposals that lose are returned, with their values.
    """
    applied: list[Diagnostic] = []
    conflicts: list[str] = []
    decided: dict[tuple[Any, ...], Evidence] = {}
    writes: list[tuple[Any, ...]] = []
    passes = 0
    for _ in range(MAX_PASSES):
        fixable = [d for d in lint_card(card, settings) if d.fix is not None and (unsafe or d.fix.is_safe)]
        chosen, covered, lost = _choose(fixable, decided, anchored_spans(card))
        conflicts.extend(note for note in lost if note not in conflicts)
        if not chosen:
            break
        fixes = _distinct([d.fix for d in chosen])  # type: ignore[misc]
        text = apply_edits(card.text, [edit for fix in fixes for edit in fix.edits])
        if text == card.text:
            break
        fixed = parse_card(text, card.path, card.bom)
        verify(card, fixed, fixes)
        paths = {target.path: target.evidence for fix in fixes for target in _targets(fix)}
        for path, evidence in paths.items():
            decided[path] = max(evidence, decided.get(path, Evidence.FORM))
        writes.extend(paths)
        applied.extend(chosen + covered)
        card = fixed
        passes += 1
    return FixRun(card, applied, conflicts, passes, tuple(writes))


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits in one sweep; insertions at one point keep their given order."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):  # sorted() is stable
        pieces += [text[position : edit.start], edit.content]
        position = max(position, edit.end)
    pieces.append(text[position:])
    return "".join(pieces)


def _targets(fix: Fix) -> tuple[Target, ...]:
    return fix.sets  # type: ignore[return-value]


def _strength(diagnostic: Diagnostic) -> int:
    return max((target.evidence for target in _targets(diagnostic.fix)), default=Evidence.FORM)  # type: ignore[arg-type]


def _distinct(fixes: list[Fix]) -> list[Fix]:
    """Each fix once (several findings may share one fix, such as two unit keys removed together)."""
    seen: list[tuple[tuple[int, int, str], ...]] = []
    kept = []
    for fix in fixes:
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key not in seen:
            seen.append(key)
            kept.append(fix)
    return kept


def _choose(fixable: list[Diagnostic], decided: dict[tuple[Any, ...], Evidence], shared: list[tuple[int, int]]) -> tuple[list[Diagnostic], list[Diagnostic], list[str]]:
    """The findings whose fixes to apply in this pass, those a stronger fix covers, and a note for
    each proposal that lost to another value.

    The strongest evidence is taken first, safe before unsafe on equal evidence, then the order
    in the file. A proposal that would set a value already chosen differently loses; when the
    winner also writes every key it would write (a unit key removed too), its finding is fixed by
    the winner, and counted so, which keeps every safe fix among those applied with --unsafe-fixes.
    Two that set one value differently on equal footing are both left: fix it by hand. A fix
    whose edits overlap a chosen one waits for the next pass; one inside a value that an anchor
    shares is not applied (it would change the keys that share it).
    """
    order = sorted(fixable, key=lambda d: (-_strength(d), not d.fix.is_safe, _first_offset(d), d.code))  # type: ignore[union-attr]
    kept: list[Diagnostic] = []
    covered: list[Diagnostic] = []  # fixed by a stronger fix that writes all they would
    notes: list[str] = []
    contested: set[tuple[Any, ...]] = set()
    taken: list[tuple[int, int]] = []
    for diagnostic in order:
        fix = diagnostic.fix
        assert fix is not None
        spans = [(e.start, e.end) for e in fix.edits]
        if any(other.fix is not None and other.fix.edits == fix.edits for other in kept):
            kept.append(diagnostic)  # the same fix as a chosen one
            continue
        if any(_overlap(span, region) or span[0] == region[1] for span in spans for region in shared):
            notes.append(f"{diagnostic.code}'s fix not applied: it edits a value that an anchor shares; fix it by hand")
            continue
        verdict = _verdict(diagnostic, kept, decided, notes, contested)
        if verdict == "covered":
            covered.append(diagnostic)
        if verdict is not None or any(_overlap(span, other) for span in spans for other in taken):
            continue
        kept.append(diagnostic)
        taken.extend(spans)
    if contested:
        kept = [d for d in kept if not any(t.path in contested for t in _targets(d.fix))]  # type: ignore[arg-type]
        covered = [d for d in covered if not any(t.path in contested for t in _targets(d.fix))]  # type: ignore[arg-type]
    return kept, covered if kept else [], notes


def _verdict(diagnostic: Diagnostic, kept: list[Diagnostic], decided: dict[tuple[Any, ...], Evidence], notes: list[str], contested: set[tuple[Any, ...]]) -> str | None:
    """None when no chosen value stands against this proposal; else "lost", or "covered" when a
    stronger fix writes every key it would (its finding is fixed by that one). Says why in ``notes``."""
    fix = diagnostic.fix
    assert fix is not None
    for target in _targets(fix):
        earlier = decided.get(target.path)
        if earlier is not None and target.evidence <= earlier:
            notes.append(f"{_proposal(diagnostic, target)} not applied: the value was already set from {_words(earlier)}")
            return "lost"
        for other in kept:
            for chosen in _targets(other.fix):  # type: ignore[arg-type]
                if not _related(target.path, chosen.path) or (target.path == chosen.path and _same_value(target.value, chosen.value)):
                    continue
                if chosen.evidence == target.evidence and other.fix.is_safe == fix.is_safe:  # type: ignore[union-attr]
                    contested.add(chosen.path)
                    notes.append(f"{_proposal(other, chosen)} and {_proposal(diagnostic, target)} disagree on equal evidence: neither applied; fix it by hand")
                    return "lost"
                notes.append(f"{_proposal(diagnostic, target)} not applied: {_proposal(other, chosen)} comes first")
                paths = {t.path for t in _targets(other.fix)}  # type: ignore[arg-type]
                stronger = chosen.evidence > target.evidence
                return "covered" if stronger and all(t.path in paths for t in _targets(fix)) else "lost"
    return None


def _words(evidence: Evidence) -> str:
    return {
        Evidence.FORM: "the card's own value",
        Evidence.ESTIMATE: "an estimate",
        Evidence.TEXT: "the card's text",
        Evidence.LOG_FOUND: "a log found beside the README",
        Evidence.LOG_NAMED: "a log named with --log",
    }[evidence]


def _proposal(diagnostic: Diagnostic, target: Target) -> str:
    return f"{diagnostic.code}'s {_dotted(target.path)}: {_shown(target.value)} ({target.origin or 'the card'})"


def _related(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """The same key, or one inside the other."""
    return a[: len(b)] == b or b[: len(a)] == a


def _first_offset(diagnostic: Diagnostic) -> int:
    return diagnostic.fix.edits[0].start if diagnostic.fix and diagnostic.fix.edits else 0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two edits overlap: an insertion only when it falls inside the other edit (at either
    end it goes before or after it, and insertions at one point go in the fixer's order)."""
    return a[0] < b[1] and b[0] < a[1]


def verify(before: Card, after: Card, fixes: Sequence[Fix]) -> None:
    """The fixed card must parse and keep its body; every value a fix set must read as the fix
    announced, and every other key (at any depth) must keep its value."""
    if before.problem is None and after.problem is not None:
        raise FixRefused(f"the fixed metadata would not parse ({after.problem.message})")
    if before.has_block and after.body != before.body:
        raise FixRefused("a fix would have changed the Markdown body")
    if before.metadata is None or after.metadata is None:
        return
    targets = [target for fix in fixes for target in _targets(fix)]
    undeclared = [fix for fix in fixes if not fix.sets]
    loose = _touched_keys(before, [edit for fix in undeclared for edit in fix.edits])
    for target in targets:
        actual = _lookup(after.metadata, target.path)
        if target.path[:1] in loose:
            continue  # a fix that does not say what it sets (a key renamed) may have moved it
        if not _same_value(target.value, actual):
            raise FixRefused(
                f"a fix meant '{_dotted(target.path)}' to be {_shown(target.value)}, but the fixed card would hold {_shown(actual)}"
            )
    covered = [target.path for target in targets] + loose
    if undeclared:  # a fix that does not say what it sets may add keys (a block from the text or a log)
        covered += [(key,) for key in after.metadata if key not in before.metadata]
    old, new = _leaves(before.metadata), _leaves(after.metadata)
    for path in list(old) + [path for path in new if path not in old]:
        if path in old and path in new and _same(old[path], new[path]):
            continue
        if any(path[: len(prefix)] == prefix for prefix in covered):
            continue
        raise FixRefused(f"a fix would have changed '{_dotted(path)}', which no fix meant to touch")


class _Absent(NamedTuple):
    """No value at a key path."""


def _lookup(metadata: Any, path: tuple[Any, ...]) -> Any:
    value = metadata
    for key in path:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            value = value[key]
        else:
            return _Absent()
    return value


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    """Every value at every key path (a mapping or a list is recorded as its kind)."""
    found: dict[tuple[Any, ...], Any] = {}
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            found[where] = "<mapping>"
            stack += [(where + (key,), child) for key, child in item.items()]
        elif isinstance(item, list):
            found[where] = f"<list of {len(item)}>"
            stack += [(where + (index,), child) for index, child in enumerate(item)]
        else:
            found[where] = item
    return found


def _same_value(announced: Any, actual: Any) -> bool:
    """Whether ``actual`` is what a fix announced: the same number, string or structure; absent for REMOVED."""
    if isinstance(announced, Removed):
        return isinstance(actual, _Absent)
    if isinstance(announced, Decimal):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            return False
        return Decimal(repr(actual) if isinstance(actual, float) else actual) == announced
    return _same(announced, actual)


def _shown(value: Any) -> str:
    if isinstance(value, Removed):
        return "removed"
    if isinstance(value, _Absent):
        return "nothing"
    if isinstance(value, Decimal):
        return format(value, "f")
    if type(value) is int and value.bit_length() > 1000:
        return f"an integer of about {value.bit_length() * 3 // 10} digits"
    return repr(value)


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(key) for key in path) or "(the metadata)"


def _touched_keys(card: Card, edits: list[Edit]) -> list[tuple[Any, ...]]:
    """The top-level keys whose text an edit touches (for fixes that do not say what they set)."""
    touched = []
    for key_node, value_node in card.mapping_items():
        start = card.node_offsets(key_node)[0]
        end = card.node_offsets(value_node)[1]
        if any(start <= edit.end and edit.start <= end for edit in edits):
            touched.append((key_node.value,))
    return touched


def _same(a: Any, b: Any) -> bool:
    if type(a) is int and type(b) is int:
        return a == b  # repr of an integer over 4,300 digits raises
    return type(a) is type(b) and repr(a) == repr(b)


def fix_path(path: str | os.PathLike[str], settings: Settings | None = None, unsafe: bool = False, write: bool = True) -> FixOutcome:
    """Fix one README on disk (or only compute the diff when ``write`` is false)."""
    prepared = prepare(path, settings or Settings())
    if isinstance(prepared, FileError):
        return FixOutcome(FileResult(prepared.filename, error=prepared), 0, None)
    card, settings, notes = prepared
    original_text = card.text
    try:
        fixed_card, applied, conflicts = fix_passes(card, settings, unsafe)[:3]
    except FixRefused as error:
        return FixOutcome(FileResult(card.path, error=FileError(card.path, f"fix refused, file left as it was: {error}")), 0, None)
    except Exception as error:  # a bug in one rule loses this file, not the whole run
        return FixOutcome(FileResult(card.path, error=FileError(card.path, internal_error(error))), 0, None)
    remaining = result_for(fixed_card, settings)._replace(fixed=tuple(applied), notes=notes + tuple(conflicts))
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
