"""CO2001's messages show the offending value as YAML shows it, for every kind of jsonschema error."""

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cardlint.schema import _in_words


@pytest.mark.parametrize(
    ("schema", "value", "expected"),
    [
        (
            {"type": "string"},
            {"cpu_model": "Intel Xeon", "gpu_count": 1},
            "a mapping (cpu_model, gpu_count) where a string is expected",
        ),
        ({"type": ["number", "null"]}, "12 kWh", '"12 kWh" where a number or null is expected'),
        ({"type": "boolean"}, [1, 2], "a list of 2 items where true or false is expected"),
        (
            {"enum": ["pre-training", "fine-tuning"]},
            "pretrain",
            '"pretrain" is not one of "pre-training", "fine-tuning"',
        ),
        ({"const": True}, None, "null is not true"),
        ({"minimum": 0}, -3, "-3 is less than the minimum of 0"),
        ({"maxLength": 2}, "abc", '"abc" is too long'),
    ],
)
def test_schema_messages_describe_the_value(
    schema: dict[str, Any], value: Any, expected: str
) -> None:
    (error,) = Draft202012Validator(schema).iter_errors(value)
    assert _in_words(error) == expected
