"""``items_fit``, MC003's quick check of a list's items, agrees with checking each item."""

import datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cardlint.metadata.fields import items_fit, json_type, type_fits

# What YAML gives: every JSON type, null, and a date (YAML 1.1 reads 2020-01-01 as one).
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.lists(st.integers(), max_size=1),
    st.dictionaries(st.text(max_size=1), st.integers(), max_size=1),
    st.dates(),
)
KINDS = st.sampled_from(["string", "number", "integer", "boolean", "object", "array"])


@given(st.lists(VALUES, max_size=4), KINDS)
def test_items_fit_exactly_when_every_item_but_nulls_does(items: list[Any], kind: str) -> None:
    assert items_fit(items, kind) == all(item is None or type_fits(item, (kind,)) for item in items)


def test_a_date_and_a_boolean_are_no_string_or_integer() -> None:
    assert json_type(datetime.date(2020, 1, 1)) == "date"
    assert json_type(True) == "boolean"
    assert not items_fit(["a", datetime.date(2020, 1, 1)], "string")
    assert not items_fit([1, True], "integer")
