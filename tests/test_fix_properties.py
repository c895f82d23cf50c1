"""Properties of fixing: a second fix changes nothing, and no byte outside the metadata block changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from card_strategies import GeneratedCard, cards
from cardlint.card import Card, decode, parse_card
from cardlint.fixer import FixRefused, fix_card, fix_path
from cardlint.settings import Settings
from support import corpus_cards, needs_corpus


def assert_outside_block_unchanged(before: Card, after: Card) -> None:
    """The text before the block and from its end on is the same (or, with no block, only one was added on top)."""
    if not before.has_block:
        assert after.text.endswith(before.text), "a fix changed a card that has no metadata block"
        return
    assert after.has_block and after.block_start is not None and after.block_end is not None
    assert after.text[: after.block_start] == before.text[: before.block_start], "the text before the block changed"
    assert after.text[after.block_end :] == before.text[before.block_end :], "the text after the block changed"


def fix_twice(card: Card, unsafe: bool) -> Card | None:
    """Fix ``card``, check the properties, and return the fixed card (None when the fix was refused)."""
    try:
        once, _ = fix_card(card, Settings(), unsafe)
    except FixRefused:
        return None  # verification refused it: the file is left alone, and that is reported
    assert_outside_block_unchanged(card, once)
    twice, applied = fix_card(once, Settings(), unsafe)
    assert not applied and twice.text == once.text, f"a second fix changed the card again: {[d.code for d in applied]}"
    return once


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.booleans())
def test_fix_is_idempotent_and_stays_in_the_block(card: GeneratedCard, unsafe: bool) -> None:
    """Safe or unsafe: a second fix changes nothing, and the first changes only the block."""
    fix_twice(parse_card(card.text, "README.md", card.bom), unsafe)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(card=cards(), unsafe=st.booleans())
def test_fixed_file_keeps_its_bytes_outside_the_block(card: GeneratedCard, unsafe: bool, tmp_path: Path) -> None:
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
