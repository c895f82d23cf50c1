"""The card reader agrees with huggingface_hub, and maps nodes to README lines and columns."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from huggingface_hub.repocard import metadata_load
from hypothesis import given
from hypothesis import strategies as st
from support import corpus_cards

from cardlint.diagnostics import FileError
from cardlint.linter import read_card
from cardlint.reading.card import Card, Position, parse_card

CASES_DIR = Path(__file__).parents[1] / "rules" / "cases"

# Inputs where finding the block is subtle; each is written to a file and read both ways.
TRICKY = {
    "plain": "---\nlicense: mit\n---\nbody\n",
    "leading_blank_lines": "\n\n---\nlicense: mit\n---\n",
    "leading_spaces": "   ---\nlicense: mit\n---\n",
    "crlf": "---\r\nlicense: mit\r\nco2_eq_emissions: 12\r\n---\r\nbody\r\n",
    "cr_only": "---\rlicense: mit\r---\rbody\r",
    "mixed_endings": "---\r\nlicense: mit\rtags: [a]\n---\nbody",
    "bom": "\ufeff---\nlicense: mit\n---\n",
    "closing_at_eof": "---\nlicense: mit\n---",
    "closing_trailing_spaces": "---\nlicense: mit\n--- \t\nbody",
    "four_dashes": "----\nlicense: mit\n----\n",
    "plus_delimiters": "+++\nlicense = 'mit'\n+++\n",
    "unterminated": "---\nlicense: mit\n",
    "empty_block": "---\n\n---\n",
    "comment_only_block": "---\n# nothing\n---\n",
    "dashes_in_body": "---\na: 1\n---\ntext\n---\nb: 2\n---\n",
    "text_before_block": "# Title\n---\na: 1\n---\n",
    "empty_file": "",
    "exponent": "---\nco2_eq_emissions:\n  emissions: 1e-05\n---\n",
    "underscore_int": "---\nco2_eq_emissions:\n  emissions: 24_700_000\n---\n",
    "yes_no": "---\nlanguage: no\non_cloud: yes\n---\n",
    "nan": "---\nco2_eq_emissions: .nan\n---\n",
    # tags and keys that cardlint's own construction leaves to PyYAML's constructor
    "merge_key": "---\nbase: &b {a: 1}\nother:\n  <<: *b\n  c: 2\n---\n",
    "merge_key_without_anchor": "---\nother:\n  <<: {a: 1}\n  c: 2\n---\n",
    "value_key": "---\n=: 1\n---\n",
    "timestamps": "---\ndate: 2024-01-02\ntime: 2024-01-02T03:04:05Z\n---\n",
    "binary": "---\nblob: !!binary aGVsbG8=\n---\n",
    "set": "---\ntags: !!set {a: null, b: null}\n---\n",
    "omap": "---\nordered: !!omap [a: 1, b: 2]\n---\n",
    "explicit_scalar_tags": "---\na: !!str 12\nb: !!float 1\nc: !!int '7'\nd: !!bool 'yes'\ne: !!null ''\n---\n",
    "bad_explicit_int": "---\na: !!int x\n---\n",
    "two_bad_values_nested_first": "---\na: {b: !!int x}\nc: !!float y\n---\n",
    "unknown_tag": "---\na: !custom 1\n---\n",
    "str_tag_on_mapping": "---\na: !!str {b: 1}\n---\n",
    "unhashable_key": "---\n? [a, b]\n: c\n---\n",
    "colliding_keys": "---\n1: a\ntrue: b\n1.0: c\n~: d\n---\n",
    "duplicate_keys": "---\na: 1\nb: 2\na: 3\n---\n",
    "numbers": "---\na: [0x1f, 0o17, 017, 0b101, 1_000, 1:30, +12, -0.5, 1e3, .inf, -.Inf, 6.8523015e+5]\n---\n",
}


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _hub_reading(path: Path) -> object:
    """What huggingface_hub's metadata_load gives, or the exception type it raises ("not-mapping"
    for its ValueError about a block that is not a mapping)."""
    try:
        return metadata_load(path)
    except (
        Exception
    ) as error:  # whatever PyYAML raises (an empty `!!int` is an IndexError) loses the metadata
        return "not-mapping" if "should be a dict" in str(error) else type(error).__name__


def _cardlint_reading(path: Path) -> object:
    card = read_card(path)
    assert not isinstance(card, str)
    if card.problem is not None:
        return "not-mapping" if card.problem.kind == "not-mapping" else "YAMLError-like"
    return card.metadata


def _assert_agree(path: Path) -> None:
    hub = _hub_reading(path)
    mine = _cardlint_reading(path)
    if isinstance(hub, str):  # huggingface_hub raised: cardlint must have recorded a problem
        assert isinstance(mine, str), f"huggingface_hub failed ({hub}) but cardlint read {mine!r}"
        assert (hub == "not-mapping") == (mine == "not-mapping"), (
            f"huggingface_hub: {hub}, cardlint: {mine}"
        )
    else:
        assert _same(mine, hub), f"cardlint read {mine!r}, huggingface_hub read {hub!r}"


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_agrees_with_huggingface_hub_on_tricky_inputs(name: str, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(TRICKY[name].encode("utf-8"))
    _assert_agree(path)


@pytest.mark.parametrize("path", corpus_cards(), ids=lambda p: p.name)
def test_agrees_with_huggingface_hub_on_corpus(path: Path) -> None:
    _assert_agree(path)


@pytest.mark.parametrize("path", sorted(CASES_DIR.glob("*.case")), ids=lambda p: p.stem)
def test_agrees_with_huggingface_hub_on_test_cards(path: Path, tmp_path: Path) -> None:
    from rules.test_cases import _shape, load_case

    case = load_case(path)
    options = case["options"]
    assert isinstance(options, dict)
    text = _shape(str(case["card"]).removesuffix("\n"), options)
    target = tmp_path / "README.md"
    target.write_bytes(("\ufeff" if "bom" in options else "").encode() + text.encode("utf-8"))
    if "CL006" in str(case.get("diagnostics", "")):
        pytest.skip("alias bombs are refused by cardlint and would be expanded by a plain reader")
    _assert_agree(target)


def test_positions_are_readme_lines_and_columns() -> None:
    text = "\n\n---\r\nlicense: mit\r\nco2_eq_emissions:\r\n  emissions: 12\r\n---\r\nbody\r\n"
    card = parse_card(text)
    assert card.metadata == {"license": "mit", "co2_eq_emissions": {"emissions": 12}}
    pair = card.top_level("co2_eq_emissions")
    assert pair is not None
    key_node, value_node = pair
    assert card.position(card.node_offsets(key_node)[0]) == Position(5, 1)
    emissions_node = value_node.value[0][1]
    assert card.position(card.node_offsets(emissions_node)[0]) == Position(6, 14)
    assert card.node_source(emissions_node) == "12"
    assert card.body == "body\r\n"


def test_positions_count_characters_not_bytes() -> None:
    card = parse_card("---\nname: Montréal — été\nco2_eq_emissions: 5\n---\n")
    pair = card.top_level("co2_eq_emissions")
    assert pair is not None
    assert card.position(card.node_offsets(pair[1])[0]) == Position(3, 19)
    name = card.top_level("name")
    assert name is not None
    assert card.position(card.node_offsets(name[1])[1]) == Position(2, 21)


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(b"\xef\xbb\xbf---\nlicense: mit\n---\n")
    card = read_card(path)
    assert not isinstance(card, str)
    assert card.bom and card.text.startswith("---") and card.metadata == {"license": "mit"}


@given(st.text(alphabet="ab\r\n\u2028é", max_size=40))
def test_position_and_line_text_agree_with_a_plain_line_split(text: str) -> None:
    card = Card(text)
    lines = re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text) if text else [""]
    offset = 0
    for row, line in enumerate(lines, start=1):
        if not line and row > 1:
            break
        for column in range(len(line)):
            assert card.position(offset + column) == (row, column + 1)
        assert card.line_text(row) == line
        offset += len(line)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="/proc is Linux's")
def test_a_file_larger_than_its_stat_size_is_read_whole() -> None:
    """/proc files report size 0: the reader reads past the size it was told, up to the limit."""
    card = read_card("/proc/self/status")
    assert not isinstance(card, FileError)
    assert card.text.startswith("Name:") and card.text.count("\n") > 5
