"""One decision per value: which of a pass's fixes to apply when they propose different values."""

from typing import Any, NamedTuple

from cardlint.diagnostics import Diagnostic, Fix
from cardlint.fix_values import dotted, same_value, shown, targets
from cardlint.rules.base import Evidence, Target


class Choice(NamedTuple):
    """The findings whose fixes a pass applies, those a stronger fix covers, and why others lost."""

    apply: list[Diagnostic]
    covered: list[Diagnostic]
    notes: list[str]


def distinct(fixes: list[Fix]) -> list[Fix]:
    """Each fix once (several findings may share one fix, such as two unit keys removed together)."""
    seen: list[tuple[tuple[int, int, str], ...]] = []
    kept = []
    for fix in fixes:
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key not in seen:
            seen.append(key)
            kept.append(fix)
    return kept


def _strength(diagnostic: Diagnostic) -> int:
    return max((target.evidence for target in targets(diagnostic.fix)), default=Evidence.FORM)  # type: ignore[arg-type]


def choose(fixable: list[Diagnostic], decided: dict[tuple[Any, ...], Evidence], shared: list[tuple[int, int]]) -> Choice:
    """The findings whose fixes to apply in this pass, those a stronger fix covers, and a note for
    each proposal that lost to another value.

    The strongest evidence is taken first, safe before unsafe on equal evidence, then the order
    in the file. A proposal that would set a value already chosen differently loses; when it only
    rewrote the card's own value in another form and the winner writes every key it would (a unit
    key removed too), its finding is fixed by the winner, and counted so, which keeps every safe
    fix among those applied with --unsafe-fixes.
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
        if any(overlap(span, region) or span[0] == region[1] for span in spans for region in shared):
            notes.append(f"{diagnostic.code}'s fix not applied: it edits a value that an anchor shares; fix it by hand")
            continue
        verdict = _verdict(diagnostic, kept, decided, notes, contested)
        if verdict == "covered":
            covered.append(diagnostic)
        if verdict is not None or any(overlap(span, other) for span in spans for other in taken):
            continue
        kept.append(diagnostic)
        taken.extend(spans)
    if contested:
        kept = [d for d in kept if not any(t.path in contested for t in targets(d.fix))]  # type: ignore[arg-type]
        covered = [d for d in covered if not any(t.path in contested for t in targets(d.fix))]  # type: ignore[arg-type]
    return Choice(kept, covered if kept else [], notes)


def _verdict(diagnostic: Diagnostic, kept: list[Diagnostic], decided: dict[tuple[Any, ...], Evidence], notes: list[str], contested: set[tuple[Any, ...]]) -> str | None:
    """None when no chosen value stands against this proposal; else "lost", or "covered" when it
    only rewrote the card's own value and a stronger fix writes every key it would (its finding is
    fixed by that one). Says why in ``notes``."""
    fix = diagnostic.fix
    assert fix is not None
    for target in targets(fix):
        earlier = decided.get(target.path)
        if earlier is not None and target.evidence <= earlier:
            notes.append(f"{_proposal(diagnostic, target)} not applied: the value was already set from {_words(earlier)}")
            return "lost"
        for other in kept:
            for chosen in targets(other.fix):  # type: ignore[arg-type]
                if not _related(target.path, chosen.path) or (target.path == chosen.path and same_value(target.value, chosen.value)):
                    continue
                if chosen.evidence == target.evidence and other.fix.is_safe == fix.is_safe:  # type: ignore[union-attr]
                    contested.add(chosen.path)
                    notes.append(f"{_proposal(other, chosen)} and {_proposal(diagnostic, target)} disagree on equal evidence: neither applied; fix it by hand")
                    return "lost"
                paths = {t.path for t in targets(other.fix)}  # type: ignore[arg-type]
                if target.evidence == Evidence.FORM < chosen.evidence and all(t.path in paths for t in targets(fix)):
                    notes.append(f"{_proposal(diagnostic, target)} gives way to {_proposal(other, chosen)}, which fixes its finding too")
                    return "covered"
                notes.append(f"{_proposal(diagnostic, target)} not applied: {_proposal(other, chosen)} comes first")
                return "lost"
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
    return f"{diagnostic.code}'s {dotted(target.path)}: {shown(target.value)} ({target.origin or 'the card'})"


def _related(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """The same key, or one inside the other."""
    return a[: len(b)] == b or b[: len(a)] == a


def _first_offset(diagnostic: Diagnostic) -> int:
    return diagnostic.fix.edits[0].start if diagnostic.fix and diagnostic.fix.edits else 0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two edits overlap: an insertion only when it falls inside the other edit (at either
    end it goes before or after it, and insertions at one point go in the fixer's order)."""
    return a[0] < b[1] and b[0] < a[1]
