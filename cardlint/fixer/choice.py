"""One decision per value: which of a pass's fixes to apply when they propose different values."""

from collections.abc import Iterator
from typing import Any, NamedTuple

from cardlint.diagnostics import Diagnostic, Evidence, Fix, Target
from cardlint.fixer.spans import SharedSpans, TakenSpans
from cardlint.fixer.values import dotted, moves, same_value, shown, targets


class Choice(NamedTuple):
    """The findings whose fixes a pass applies, those a stronger fix covers, and why others lost."""

    apply: list[Diagnostic]
    covered: list[Diagnostic]
    notes: list[str]


def distinct(fixes: list[Fix]) -> list[Fix]:
    """Each fix once (several findings may share one fix, such as two unit keys removed together)."""
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    kept = []
    for fix in fixes:
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key not in seen:
            seen.add(key)
            kept.append(fix)
    return kept


def _strength(diagnostic: Diagnostic) -> int:
    return max((target.evidence for target in targets(diagnostic.fix)), default=Evidence.FORM)  # type: ignore[arg-type]


def choose(
    fixable: list[Diagnostic],
    decided: dict[tuple[Any, ...], Target],
    shared: list[tuple[int, int]],
) -> Choice:
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
    order = sorted(
        fixable,
        key=lambda d: (-_strength(d), not d.fix.is_safe, _first_offset(d), d.code),  # type: ignore[union-attr]
    )
    kept = _Kept()
    covered: list[Diagnostic] = []  # fixed by a stronger fix that writes all they would
    notes: list[str] = []
    contested: set[tuple[Any, ...]] = set()
    taken = TakenSpans()
    anchored = SharedSpans(shared)
    for diagnostic in order:
        fix = diagnostic.fix
        assert fix is not None
        spans = [(e.start, e.end) for e in fix.edits]
        if fix.edits in kept.edits:
            kept.add(diagnostic)  # the same fix as a chosen one
            continue
        if any(anchored.touches(*span) for span in spans):
            notes.append(
                f"{diagnostic.code}'s fix not applied: it edits a value that an anchor shares; fix it by hand"
            )
            continue
        verdict = _verdict(diagnostic, kept, decided, notes, contested)
        if verdict == "covered":
            covered.append(diagnostic)
        if verdict is not None or any(taken.overlaps(*span) for span in spans):
            continue
        kept.add(diagnostic)
        for span in spans:
            taken.add(*span)
    apply = kept.diagnostics
    if contested:
        apply = [d for d in apply if not any(t.path in contested for t in targets(d.fix))]  # type: ignore[arg-type]
        covered = [d for d in covered if not any(t.path in contested for t in targets(d.fix))]  # type: ignore[arg-type]
    return Choice(apply, covered if apply else [], notes)


class _Entry(NamedTuple):
    """A value a chosen fix sets: (which finding in the order chosen, which of its fix's values)."""

    order: tuple[int, int]
    diagnostic: Diagnostic
    target: Target


class _Kept:
    """The findings chosen so far, indexed by their edits and by the key paths their fixes set."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.edits: set[tuple[Any, ...]] = set()
        self._at: dict[tuple[Any, ...], list[_Entry]] = {}  # by the path set
        self._under: dict[tuple[Any, ...], list[_Entry]] = {}  # by each prefix of it

    def add(self, diagnostic: Diagnostic) -> None:
        """Choose ``diagnostic`` (after those chosen before)."""
        assert diagnostic.fix is not None
        self.edits.add(diagnostic.fix.edits)
        for position, chosen in enumerate(targets(diagnostic.fix)):
            entry = _Entry((len(self.diagnostics), position), diagnostic, chosen)
            self._at.setdefault(chosen.path, []).append(entry)
            for length in range(len(chosen.path) + 1):
                self._under.setdefault(chosen.path[:length], []).append(entry)
        self.diagnostics.append(diagnostic)

    def first_against(self, target: Target) -> tuple[Diagnostic, Target] | None:
        """The first chosen value (in the order chosen, then the order of its fix's values) that
        stands against ``target``: one at the same key, or one inside or around it, unless it is
        the same key set to the same value."""
        found = min(self._against(target), default=None, key=lambda entry: entry.order)
        return None if found is None else (found.diagnostic, found.target)

    def _against(self, target: Target) -> Iterator[_Entry]:
        """The first entry of each index list that may hold the answer."""
        for entry in self._under.get(target.path, ()):  # the same key, or one inside it
            if not (
                entry.target.path == target.path and same_value(target.value, entry.target.value)
            ):
                yield entry
                break
        for length in range(len(target.path)):  # a key around it
            around = self._at.get(target.path[:length])
            if around:
                yield around[0]


def _verdict(
    diagnostic: Diagnostic,
    kept: _Kept,
    decided: dict[tuple[Any, ...], Target],
    notes: list[str],
    contested: set[tuple[Any, ...]],
) -> str | None:
    """None when no chosen value stands against this proposal; else "lost", or "covered" when it
    only rewrote the card's own value and a stronger fix writes every key it would (its finding is
    fixed by that one). Says why in ``notes``."""
    fix = diagnostic.fix
    assert fix is not None
    for target in targets(fix):
        earlier = decided.get(target.path)
        # an earlier pass's value changes only on stronger evidence (its form may change, and a
        # rename may move it)
        if (
            earlier is not None
            and target.evidence <= earlier.evidence
            and not same_value(target.value, earlier.value)
            and not moves(fix, target.path, earlier.value)
        ):
            notes.append(
                f"{proposal(diagnostic, target)} not applied: the value was already set from {_words(earlier.evidence)}"
            )
            return "lost"
        found = kept.first_against(target)
        if found is None:
            continue
        other, chosen = found
        if chosen.evidence == target.evidence and other.fix.is_safe == fix.is_safe:  # type: ignore[union-attr]
            contested.add(chosen.path)
            notes.append(
                f"{proposal(other, chosen)} and {proposal(diagnostic, target)} disagree on equal evidence: neither applied; fix it by hand"
            )
            return "lost"
        paths = {t.path for t in targets(other.fix)}  # type: ignore[arg-type]
        if target.evidence == Evidence.FORM < chosen.evidence and all(
            t.path in paths for t in targets(fix)
        ):
            notes.append(
                f"{proposal(diagnostic, target)} gives way to {proposal(other, chosen)}, which fixes its finding too"
            )
            return "covered"
        notes.append(
            f"{proposal(diagnostic, target)} not applied: {proposal(other, chosen)} comes first"
        )
        return "lost"
    return None


def _words(evidence: Evidence) -> str:
    return {
        Evidence.MOVED: "the card's own value, under a renamed key",
        Evidence.FORM: "the card's own value",
        Evidence.ESTIMATE: "an estimate",
        Evidence.TEXT: "the card's text",
        Evidence.LOG_FOUND: "a log found beside the README",
        Evidence.LOG_NAMED: "a log named with --log",
    }[evidence]


def proposal(diagnostic: Diagnostic, target: Target) -> str:
    """A fix's value as notes name it: ``CO2003's co2_eq_emissions.emision: removed (the card)``."""
    return f"{diagnostic.code}'s {dotted(target.path)}: {shown(target.value)} ({target.origin or 'the card'})"


def _first_offset(diagnostic: Diagnostic) -> int:
    return diagnostic.fix.edits[0].start if diagnostic.fix and diagnostic.fix.edits else 0
