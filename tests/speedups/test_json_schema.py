"""speedups.json_schema says "valid" exactly where jsonschema does, on finite co2_eq_emissions blocks."""

import math
from typing import Any

import jsonschema
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cardlint.schema import co2_schema, validate
from cardlint.speedups.json_schema import plainly_valid

_SCHEMA = co2_schema()
_FULL = jsonschema.Draft202012Validator(_SCHEMA)
_KEYS = [*_SCHEMA["$defs"]["mapping"]["properties"], "unit", "emissions ", "Emissions"]
_NUMBERS = st.integers(-3, 10**20) | st.floats() | st.sampled_from([0, 0.0, -0.0, 1e-300])
_SCALARS = st.one_of(
    _NUMBERS,
    st.booleans(),
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["pre-training", "fine-tuning", "CodeCarbon", "Quebec, Canada"]),
)
_VALUES = _SCALARS | st.lists(_SCALARS, max_size=2) | st.dictionaries(st.text(max_size=3), _SCALARS)
_PROPERTIES = _SCHEMA["$defs"]["mapping"]["properties"]
_OF_TYPE = {
    "number": _NUMBERS,
    "string": st.text(max_size=12) | st.sampled_from(["pre-training", "fine-tuning"]),
    "boolean": st.booleans(),
}
# each known key with a value of its type (in range or not, in its enum or not): often valid
_TYPED = st.fixed_dictionaries(
    {},
    optional={key: _OF_TYPE[_PROPERTIES[key].get("type", "number")] for key in _PROPERTIES},
)
_BLOCKS = (
    _VALUES
    | _TYPED
    | st.dictionaries(st.sampled_from(_KEYS) | st.integers(0, 2), _VALUES, max_size=len(_KEYS))
)


def _finite(value: Any) -> bool:
    """No infinite or NaN float anywhere in the value (the shortcut leaves those to jsonschema)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(item) for item in value.values())
    if isinstance(value, list):
        return all(_finite(item) for item in value)
    return True


@settings(max_examples=400)
@given(_BLOCKS)
@example({"emissions": 1, "training_type": "training"})
@example({"emissions": 1, "unit": "g"})
@example({"emissions": 12, "training_type": "fine-tuning", "on_cloud": True, "hours_used": 0})
@example({"emissions": True})
@example({"emissions": 1, "hardware_used": {"gpu": "A100"}})
@example(float("inf"))
def test_plainly_valid_is_what_jsonschema_says(block: Any) -> None:
    valid = _FULL.is_valid(block)
    branch = "mapping" if isinstance(block, dict) else "emissions"
    quick = plainly_valid(block, _SCHEMA["$defs"][branch], _SCHEMA)
    assert not quick or valid, f"{block!r}: the shortcut says valid, jsonschema does not"
    if _finite(block):
        assert quick == valid, f"{block!r}: the shortcut says {quick}, jsonschema {valid}"
    assert (validate(block) == []) == valid


def test_a_keyword_the_shortcut_does_not_know_is_left_to_jsonschema() -> None:
    """A schema keyword it cannot check makes it unsure (False), never valid by omission."""
    defs = {"n": {"type": "number", "multipleOf": 2}}
    schema = {"$defs": defs}
    assert not plainly_valid(3, {"$ref": "#/$defs/n"}, schema)
    assert not plainly_valid({"a": 3}, {"type": "object", "properties": {"a": defs["n"]}}, schema)
    assert plainly_valid(3, {"type": "number", "minimum": 0}, schema)
