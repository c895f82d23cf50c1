"""speedups.json_text gives exactly json.dumps(indent=2, ensure_ascii=False)'s text."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cardlint.speedups.json_text import indented

_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=2)
        | st.tuples(inner, inner)
    ),
    max_leaves=20,
)


@given(_VALUES, st.sampled_from(["\n", "\n  ", "\n    "]))
def test_indented_matches_the_json_module(value: Any, pad: str) -> None:
    parts: list[str] = []
    indented(value, parts, pad)
    assert "".join(parts) == json.dumps(value, indent=2, ensure_ascii=False).replace("\n", pad)
