"""cardlint reads with libyaml (fast); huggingface_hub with PyYAML's pure-Python loader. They
disagree only on texts that card.READERS_DIFFER finds, where cardlint re-reads with the pure
loader (issue 21, part 4). Hypothesis searches YAML-ish texts for a disagreement it misses."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardlint.linter import lint_text
from cardlint.reading.card import READERS_DIFFER, parse_card

# Pieces of YAML: indicators, scalars, escapes, and every kind of odd character (tabs, BOMs,
# NEL and the Unicode line separators, C0 and C1 controls, non-characters, surrogate edges,
# astral characters, non-breaking and zero-width spaces).
ATOMS = (
    "a",
    "b",
    "1",
    "-",
    "- ",
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "#",
    " #",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "&x ",
    "*x",
    "!!str ",
    "!x ",
    "|",
    ">",
    "|-",
    ">+2",
    "%YAML 1.1\n",
    "%",
    "@",
    "`",
    "...",
    "---",
    "~",
    "null",
    "0x1",
    "1e3",
    "<<",
    "=",
    "2020-01-01",
    "yes",
    "1:30",
    ".inf",
    "a?",
    "?b",
    "!",
    "! ",
    "[a, ",
    "{a: ",
    "\\",
    "\\t",
    "\\x41",
    "\\u00e9",
    "\\ud800",
    "\\U0001F600",
    "\\N",
    "\\_",
    "\\L",
    "\\e",
    "\\0",
    "\\/",
    "\t",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "é",
    "\u00a0",
    "\u200b",
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x80",
    "\x9f",
    "\ud7ff",
    "\ue000",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    "\x0b",
    "\x0c",
)
yaml_ish = st.lists(st.sampled_from(ATOMS), max_size=16).map("".join)
mapping_ish = st.lists(
    st.tuples(st.sampled_from(["a", "b", "co2_eq_emissions", "emissions"]), yaml_ish),
    min_size=1,
    max_size=3,
).map(lambda items: "".join(f"{key}: {value}\n" for key, value in items))


def reading(text: str, loader: Any) -> tuple[str, str]:
    """What a loader makes of ``text``: its value's repr, or that it failed."""
    try:
        return "value", repr(yaml.load(text, Loader=loader))
    except Exception:  # any failure: huggingface_hub's metadata_load raises it
        return "error", ""


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(yaml_ish, mapping_ish))
def test_without_a_trigger_both_readers_agree(text: str) -> None:
    if READERS_DIFFER.search(text):
        return
    assert reading(text, yaml.CSafeLoader) == reading(text, yaml.SafeLoader)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(yaml_ish, mapping_ish))
def test_cardlint_reads_every_block_as_huggingface_hub_does(text: str) -> None:
    """A block huggingface_hub reads as a mapping is cardlint's metadata; one it fails on is a finding."""
    card = parse_card(f"---\n{text}\n---\n")
    # the block the Hub's pattern finds: a '---' line in the text ends it
    kind, value = reading(card.block_text, yaml.SafeLoader)
    if card.problem is not None and card.problem.kind == "too-complex":
        return  # refused before reading (alias bombs, deep nesting)
    if kind == "error":
        assert card.problem is not None and card.metadata is None
    elif value.startswith("{"):
        assert card.problem is None and repr(card.metadata) == value
    else:
        assert card.metadata is None


# One witness per trigger class: each is a text the two readers disagree on.
WITNESSES = {
    "tab after a colon": "emissions:\t12\n",
    "tab in a plain scalar": "a: x\ty\n",
    "BOM inside the block": "license: mit\n\ufeff\n",
    "comment glued to a block scalar header": "a: |#\n  x\n",
    "surrogate escape": 'a: "\\ud800"\n',
    "a lone ! tag with no value": "a: !\n",
    "a ? inside a word in a flow collection": "a: [b?]\n",
}


@pytest.mark.parametrize("name", sorted(WITNESSES))
def test_each_trigger_class_is_needed(name: str) -> None:
    text = WITNESSES[name]
    assert READERS_DIFFER.search(text)
    assert reading(text, yaml.CSafeLoader) != reading(text, yaml.SafeLoader)


def test_a_tab_after_a_colon_is_the_syntax_error_huggingface_hub_meets() -> None:
    result = lint_text("---\nco2_eq_emissions:\n  emissions:\t12\n---\n")
    (finding,) = [d for d in result.diagnostics if d.code == "CL002"]
    assert (finding.location.row, finding.location.column) == (3, 13)
    assert (
        "huggingface_hub's reader (PyYAML's pure-Python loader) fails here, though libyaml reads it"
        in finding.message
    )


def test_what_only_libyaml_refuses_is_read_as_huggingface_hub_reads_it() -> None:
    card = parse_card('---\nlicense: "\\ud800"\n---\n')
    assert card.problem is None and card.metadata == {"license": "\ud800"}
