"""The fixer's indexed choice against a plain reference: the comparison of each fix with every one
chosen before it (the logic that was quadratic), kept here only as the oracle."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.fixer.choice import Choice, _first_offset, _strength, _words, choose, proposal
from cardlint.fixer.spans import SharedSpans, TakenSpans
from cardlint.fixer.values import moves, same_value, targets
from cardlint.reading.card import Lines


def reference_choose(
    fixable: list[Diagnostic],
    decided: dict[tuple[Any, ...], Target],
    shared: list[tuple[int, int]],
) -> Choice:
    """The choice as it was made before the indexes: each fix against every fix chosen before it."""
    order = sorted(
        fixable, key=lambda d: (-_strength(d), not d.fix.is_safe, _first_offset(d), d.code)
    )
    kept: list[Diagnostic] = []
    covered: list[Diagnostic] = []
    notes: list[str] = []
    contested: set[tuple[Any, ...]] = set()
    taken: list[tuple[int, int]] = []
    for diagnostic in order:
        fix = diagnostic.fix
        assert fix is not None
        spans = [(e.start, e.end) for e in fix.edits]
        if any(other.fix is not None and other.fix.edits == fix.edits for other in kept):
            kept.append(diagnostic)
            continue
        if any(
            overlap(span, region) or span[0] == region[1] for span in spans for region in shared
        ):
            notes.append(
                f"{diagnostic.code}'s fix not applied: it edits a value that an anchor shares; fix it by hand"
            )
            continue
        verdict = reference_verdict(diagnostic, kept, decided, notes, contested)
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


def reference_verdict(
    diagnostic: Diagnostic,
    kept: list[Diagnostic],
    decided: dict[tuple[Any, ...], Target],
    notes: list[str],
    contested: set[tuple[Any, ...]],
) -> str | None:
    fix = diagnostic.fix
    assert fix is not None
    for target in targets(fix):
        earlier = decided.get(target.path)
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
        for other in kept:
            for chosen in targets(other.fix):  # type: ignore[arg-type]
                if not related(target.path, chosen.path) or (
                    target.path == chosen.path and same_value(target.value, chosen.value)
                ):
                    continue
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


def related(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return a[: len(b)] == b or b[: len(a)] == a


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# small alphabets, so that paths nest, values agree, spans overlap and fixes repeat
paths = st.lists(st.sampled_from(["co2", "unit", 0, 1]), max_size=3).map(tuple)
values = st.one_of(
    st.sampled_from([Decimal(5), Decimal("5.0"), Decimal(6), REMOVED]), st.sampled_from(["kg", "g"])
)
evidence = st.sampled_from(list(Evidence))
span = st.tuples(st.integers(0, 16), st.integers(0, 4)).map(
    lambda pair: (pair[0], pair[0] + pair[1])
)
edits = st.lists(
    st.tuples(span, st.sampled_from(["", "5", "x"])).map(lambda e: Edit(e[0][0], e[0][1], e[1])),
    min_size=1,
    max_size=3,
).map(tuple)
sets = st.lists(
    st.builds(Target, paths, values, evidence, st.sampled_from(["", "a log"])), max_size=3
).map(tuple)
fixes = st.builds(Fix, st.sampled_from(list(Applicability)), st.just("f"), edits, sets)


@st.composite
def fixable_lists(draw: st.DrawFn) -> list[Diagnostic]:
    pool = draw(st.lists(fixes, min_size=1, max_size=6))  # several findings may share one fix
    chosen = draw(
        st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(pool)), max_size=14)
    )
    return [
        Diagnostic(code, code.lower(), "m", "error", "README.md", 0, 0, Lines(1, (0,)), fix)
        for code, fix in chosen
    ]


@settings(max_examples=400, deadline=None)
@given(
    fixable_lists(),
    st.dictionaries(paths, st.builds(Target, paths, values, evidence), max_size=3),
    st.lists(span, max_size=3),
)
def test_the_indexed_choice_is_the_reference_choice(
    fixable: list[Diagnostic],
    decided: dict[tuple[Any, ...], Target],
    shared: list[tuple[int, int]],
) -> None:
    assert choose(fixable, decided, shared) == reference_choose(fixable, decided, shared)


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=12), span)
# spans that only touch are not one run: an insertion between them overlaps neither
@example([(5, 10), (0, 5)], (5, 5))
def test_taken_spans_answer_as_a_scan_would(
    taken: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    index = TakenSpans()
    for start, end in taken:
        index.add(start, end)
    assert index.overlaps(*query) == any(overlap(query, other) for other in taken)


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=12), span)
def test_shared_spans_answer_as_a_scan_would(
    shared: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    assert SharedSpans(shared).touches(*query) == any(
        overlap(query, region) or query[0] == region[1] for region in shared
    )
