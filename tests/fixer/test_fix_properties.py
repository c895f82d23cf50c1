"""Properties of fixing: a second fix changes nothing, no byte outside the metadata block changes, each value is
decided once by the strongest evidence, and a fix changes only the values it announces."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

import pytest
from card_strategies import GeneratedCard, cards
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import assert_fixes_as_declared, corpus_cards, needs_corpus

from cardlint.diagnostics import REMOVED, Target
from cardlint.fixer import apply as fixer
from cardlint.fixer.apply import FixRefused, FixRun, fix_card, fix_passes, fix_path
from cardlint.linter import lint_card
from cardlint.logs import Device, Location, Measurement
from cardlint.logs.attach import AttachedLogs, round_grams
from cardlint.logs.measurement import Run
from cardlint.reading.card import Card, decode, parse_card
from cardlint.settings import RunOptions, Settings


def assert_outside_block_unchanged(before: Card, after: Card) -> None:
    """The text before the block and from its end on is the same (or, with no block, only one was added on top)."""
    if not before.has_block:
        assert after.text.endswith(before.text), "a fix changed a card that has no metadata block"
        return
    assert after.has_block and after.block_start is not None and after.block_end is not None
    assert after.text[: after.block_start] == before.text[: before.block_start], (
        "the text before the block changed"
    )
    assert after.text[after.block_end :] == before.text[before.block_end :], (
        "the text after the block changed"
    )


def fix_twice(card: Card, unsafe: bool) -> Card | None:
    """Fix ``card``, check the properties, and return the fixed card (None when the fix was refused)."""
    try:
        once, _ = fix_card(card, Settings(), unsafe)
    except FixRefused:
        return None  # verification refused it: the file is left alone, and that is reported
    assert_outside_block_unchanged(card, once)
    twice, applied = fix_card(once, Settings(), unsafe)
    assert not applied and twice.text == once.text, (
        f"a second fix changed the card again: {[d.code for d in applied]}"
    )
    return once


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.booleans())
def test_fix_is_idempotent_and_stays_in_the_block(card: GeneratedCard, unsafe: bool) -> None:
    """Safe or unsafe: a second fix changes nothing, and the first changes only the block."""
    fix_twice(parse_card(card.text, "README.md", card.bom), unsafe)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(card=cards(), unsafe=st.booleans())
def test_fixed_file_keeps_its_bytes_outside_the_block(
    card: GeneratedCard, unsafe: bool, tmp_path: Path
) -> None:
    """On disk too: the BOM and every byte outside the block are kept."""
    path = tmp_path / "README.md"
    original = ("\ufeff" if card.bom else "").encode() + card.text.encode("utf-8")
    path.write_bytes(original)
    fix_path(path, Settings(), unsafe=unsafe)
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == card.bom
    before, after = parse_card(decode(original)[0]), parse_card(decode(written)[0])
    if written != original:
        assert_outside_block_unchanged(before, after)


@needs_corpus
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixing_the_corpus_is_idempotent(unsafe: bool) -> None:
    """The same properties for every real card."""
    for path in corpus_cards():
        text, bom = decode(path.read_bytes())
        fix_twice(parse_card(text, path.name, bom), unsafe)


# --- one value, one decision (issue 15) and what a fix may change (issue 21) ---------------------

LOG_CODES = {"CO2002", "CO2005", "CO2101", "CO2102", "CO2103", "CO2105", "CO2107", "CO2108"}


@st.composite
def attached_logs(draw: st.DrawFn) -> AttachedLogs | None:
    """No log, or a log of one or two runs whose total is known or not, named or found beside the card."""
    if draw(st.integers(0, 4)) == 0:
        return None
    runs = []
    for index in range(draw(st.integers(1, 2))):
        grams = draw(
            st.one_of(
                st.none(),
                st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
            )
        )
        runs.append(
            Run(
                f"run-{index}",
                None,
                grams,
                grams / 400 if grams else None,
                Decimal(3600),
                line=index + 2,
            )
        )
    known = [run.emissions_g for run in runs]
    total = sum(known, Decimal(0)) if None not in known else None  # type: ignore[arg-type]
    measurement = Measurement(
        path="emissions.csv",
        format="codecarbon",
        tool="CodeCarbon",
        tool_version="2.8.2",
        emissions_g=total,
        energy_kwh=total / 400 if total else None,
        hardware=(Device("gpu", "NVIDIA A40", 8),),
        location=Location(country="Germany", country_iso="DEU"),
        runs=tuple(runs),
    )
    return AttachedLogs((measurement,), explicit=draw(st.booleans()))


def _run(card: Card, log: AttachedLogs | None, unsafe: bool) -> FixRun | None:
    try:
        return fix_passes(card, Settings(), unsafe, log)
    except FixRefused:
        return None  # verification refused it: the file is left alone, and that is reported


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), attached_logs())
def test_fix_decides_once_and_unsafe_applies_every_safe_fix(
    card: GeneratedCard, log: AttachedLogs | None
) -> None:
    """For any card and any log: each value is written in at most two passes (the card's own value
    in another form, then stronger evidence), the run ends well before the fixer's safety net, a
    second run changes nothing, and every fix applied without --unsafe-fixes is applied with it.

    (A run may take more passes than two where one fix makes room for the next: the short form
    rewritten as a mapping, then the keys a log gives added to it.)"""
    parsed = parse_card(card.text, "README.md", card.bom)
    safe, unsafe = _run(parsed, log, False), _run(parsed, log, True)
    for run, allowed in ((safe, False), (unsafe, True)):
        if run is None:
            continue
        assert max(Counter(run.writes).values(), default=0) <= 2, run.writes
        assert run.passes < fixer.MAX_PASSES - 4, [d.code for d in run.applied]
        again = fix_passes(run.card, Settings(), allowed, log)
        assert again.passes == 0 and again.card.text == run.card.text, [
            d.code for d in again.applied
        ]
    if safe is not None and unsafe is not None:
        assert {d.code for d in safe.applied} <= {d.code for d in unsafe.applied}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), attached_logs())
def test_after_fix_with_a_named_log_the_card_holds_the_logs_total(
    card: GeneratedCard, log: AttachedLogs | None
) -> None:
    """After `fix --log`, `check --log` reports none of the emissions codes that were fixed, and a
    figure that no finding questions is the log's total in grams (within rounding)."""
    log = log._replace(explicit=True) if log is not None else None
    run = _run(parse_card(card.text, "README.md", card.bom), log, False)
    if run is None:
        return
    remaining = {d.code for d in lint_card(run.card, Settings(), log)}
    assert not remaining & {d.code for d in run.applied} & LOG_CODES
    total = log.emissions_g if log is not None else None
    block = (run.card.metadata or {}).get("co2_eq_emissions")
    figure = block.get("emissions") if isinstance(block, dict) else block
    if (
        total is None
        or isinstance(figure, bool)
        or not isinstance(figure, (int, float))
        or not 0 < figure < float("inf")
    ):
        return
    if "cardlint: ignore" in run.card.block_text:
        return  # the author silenced the findings that would say it
    if "CO2107" not in remaining and "CO2105" not in remaining:
        assert abs(Decimal(repr(figure)) - round_grams(total)) <= round_grams(total) * Decimal(
            "0.01"
        ) + Decimal("0.5"), (figure, total)


def _leaves(value: object, path: tuple[object, ...] = ()) -> dict[tuple[object, ...], str]:
    """Every value at every key path, as text (the test's own reading, apart from the fixer's)."""
    if isinstance(value, dict):
        found = {path: "<mapping>"}
        for key, child in value.items():
            found.update(_leaves(child, path + (key,)))
        return found
    if isinstance(value, list):
        found = {path: f"<list of {len(value)}>"}
        for index, child in enumerate(value):
            found.update(_leaves(child, path + (index,)))
        return found
    return {
        path: f"{type(value).__name__}:{value!r}"
        if not isinstance(value, int) or value.bit_length() < 1000
        else "big int"
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), attached_logs(), st.booleans())
def test_one_pass_changes_only_what_its_fixes_announce(
    card: GeneratedCard, log: AttachedLogs | None, unsafe: bool
) -> None:
    """In one pass, a key that no fix targets keeps its value, and each targeted value ends as the
    strongest fix that targets it announced."""
    before = parse_card(card.text, "README.md", card.bom)
    with patch.object(fixer, "MAX_PASSES", 1):
        run = _run(before, log, unsafe)
    if run is None or run.passes == 0 or before.metadata is None or run.card.metadata is None:
        return
    announced: dict[tuple[object, ...], Target] = {}
    loose = set()
    for diagnostic in run.applied:
        assert diagnostic.fix is not None
        for target in diagnostic.fix.sets:
            if target.path not in announced or target.evidence > announced[target.path].evidence:
                announced[target.path] = target
        # a fix that does not say what it sets: the top-level keys it touches
        if not diagnostic.fix.sets:
            for key, value in before.mapping_items():
                start, end = before.node_offsets(key)[0], before.node_offsets(value)[1]
                if any(start <= edit.end and edit.start <= end for edit in diagnostic.fix.edits):
                    loose.add((key.value,))
            loose.update((key,) for key in run.card.metadata if key not in before.metadata)
    old, new = _leaves(before.metadata), _leaves(run.card.metadata)
    for path in old.keys() | new.keys():
        if old.get(path) != new.get(path):
            assert any(path[: len(p)] == p for p in list(announced) + list(loose)), (
                f"{path} changed: {old.get(path)} -> {new.get(path)}"
            )
    for path, target in announced.items():
        if path[:1] in loose:
            continue
        value: object = run.card.metadata
        for key in path:
            if isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                value = value.get(key, REMOVED) if isinstance(value, dict) else REMOVED
        if isinstance(target.value, Decimal):
            assert (
                not isinstance(value, bool)
                and isinstance(value, (int, float))
                and Decimal(repr(value)) == target.value
            ), (path, value, target)
        else:
            same = value == target.value or value != value and target.value != target.value  # nan
            assert same and type(value) is type(target.value), (path, value, target)


@st.composite
def hostile_blocks(draw: st.DrawFn) -> str:
    """Cards of the classes the fuzzer of issue 21 found fixes to corrupt or refuse: a BOM inside
    the block, duplicate unit keys, merge keys, anchors and aliases, block scalars, uneven dashes."""
    figure = draw(
        st.sampled_from(
            ["12", '"12 kg"', "1.5e-3", "1_000", "0.6", "yes", "6859143.2632463155", "|\n    2 kg"]
        )
    )
    units = draw(
        st.lists(
            st.sampled_from(["unit: kg", "units: kg", "unit: g", "emissions_unit: t"]), max_size=11
        )
    )
    shape = draw(st.sampled_from(["block", "merge", "anchored-figure", "anchored-block", "list"]))
    lines = []
    if shape == "merge":
        lines += [
            f"base: &b {{emissions: {figure if '|' not in figure else 12}}}",
            "co2_eq_emissions:",
            "  <<: *b",
        ]
    elif shape == "anchored-figure":
        lines += [f"x: &e {figure}", "co2_eq_emissions:", "  emissions: *e"]
    elif shape == "anchored-block":
        lines += ["co2_eq_emissions: &c", f"  emissions: {figure}"]
    elif shape == "list":
        lines += ["co2_eq_emissions:", f"- emissions: {figure}"]
        units = [f"{draw(st.sampled_from(['- ', '-   ']))}{unit}" for unit in units]
    else:
        lines += ["co2_eq_emissions:", f"  emissions: {figure}"]
    lines += [unit if shape == "list" else f"  {unit}" for unit in units]
    if shape == "anchored-block":
        lines.append("copy: *c")
    lines.append(f"language: {draw(st.sampled_from(['no', 'en', '&l on']))}")
    bom = "\ufeff" if draw(st.booleans()) else ""
    body = draw(
        st.sampled_from(
            ["", "Carbon Emitted: 6859143.2632463155 kg CO2\n", "Emissions: 1.71 kg CO2\n"]
        )
    )
    return "---\n" + bom + "\n".join(lines) + "\n---\n" + body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_blocks(), attached_logs(), st.booleans())
def test_hostile_cards_are_fixed_right_or_left_for_the_hand(
    text: str, log: AttachedLogs | None, unsafe: bool
) -> None:
    """On those classes no fix is refused by the verifier (a rule offers none where it cannot edit
    in place), the emissions are never converted twice, and a second run changes nothing."""
    card = parse_card(text, "README.md")
    # FixRefused here fails the test: the refusal is for the unforeseen
    run = fix_passes(card, Settings(), unsafe, log)
    assert fix_passes(run.card, Settings(), unsafe, log).passes == 0
    before = (card.metadata or {}).get("co2_eq_emissions")
    after = (run.card.metadata or {}).get("co2_eq_emissions")
    figure = after.get("emissions") if isinstance(after, dict) else None
    start = before.get("emissions") if isinstance(before, dict) else None
    units = {
        line.split(":")[1].strip() for line in text.splitlines() if "unit" in line and ":" in line
    }
    if (
        type(figure) in (int, float)
        and type(start) in (int, float)
        and log is None
        and "Emitted" not in text
        and "Emissions:" not in text
    ):
        factor = {"kg": 1000, "g": 1, "t": 1_000_000}[units.pop()] if len(units) == 1 else 1
        # converted once, or left for the hand
        assert figure in (start, start * factor), (
            start,
            figure,
        )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cards(),
    attached_logs(),
    st.sampled_from(
        [
            RunOptions(),
            RunOptions(estimate=True, hours=5.0),
            RunOptions(training_type="fine-tuning"),
        ]
    ),
)
def test_every_rule_fixes_as_it_declares(
    card: GeneratedCard, log: AttachedLogs | None, options: RunOptions
) -> None:
    """With or without a log, an estimate or an option: no rule produces a fix of a kind its
    declaration (what `cardlint rule` and docs/rules.md show) does not name."""
    settings = Settings(options=options)
    assert_fixes_as_declared(lint_card(parse_card(card.text, "README.md", card.bom), settings, log))
