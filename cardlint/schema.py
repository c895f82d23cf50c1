"""The JSON Schema for ``co2_eq_emissions``: loading it, and validating against it.

jsonschema is imported only when a value is not plainly valid (``speedups.json_schema``), so a
clean local check never pays for it.
"""

import json
import os
from functools import lru_cache
from typing import Any, NamedTuple

from cardlint.speedups.json_schema import plainly_valid

SCHEMA_FILE = "co2_eq_emissions.schema.json"
MODELCARD_SCHEMA_FILE = "modelcard.schema.json"


def schema_path(name: str = SCHEMA_FILE) -> str:
    """Where a schema file is (the co2 schema by default, or ``MODELCARD_SCHEMA_FILE``): inside
    the installed package, or ``schemas/`` in a checkout."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (
        os.path.join(here, "schemas", name),
        os.path.join(os.path.dirname(here), "schemas", name),
    ):
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError(f"{name} is missing from the cardlint installation")


@lru_cache(maxsize=1)
def co2_schema() -> dict[str, Any]:
    """The ``co2_eq_emissions`` JSON Schema (2020-12) as a dict."""
    with open(schema_path(), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def modelcard_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a model card's whole metadata block, as a dict; it refers to
    the co2 schema by its file name (``modelcard_validator`` resolves that)."""
    with open(schema_path(MODELCARD_SCHEMA_FILE), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def modelcard_validator() -> Any:
    """A jsonschema validator for a model card's metadata (a dict as huggingface_hub reads it),
    with the co2 schema it refers to registered."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resource(SCHEMA_FILE, Resource.from_contents(co2_schema()))
    return Draft202012Validator(modelcard_schema(), registry=registry)


class SchemaError(NamedTuple):
    """One schema violation: where (a path of keys inside the block), which keyword, and why."""

    path: tuple[str | int, ...]
    keyword: str
    message: str


def validate(instance: Any) -> list[SchemaError]:
    """Every violation of the schema by ``instance``, through jsonschema.

    The branch of the top-level ``oneOf`` is chosen by the instance's shape, so errors name
    what is wrong inside that shape rather than "is not valid under any of the given schemas".
    """
    branch = "mapping" if isinstance(instance, dict) else "emissions"
    schema = co2_schema()
    if plainly_valid(instance, schema["$defs"][branch], schema):
        return []
    errors = _validator(branch).iter_errors(instance)
    found = [
        SchemaError(tuple(error.absolute_path), str(error.validator), _in_words(error))
        for error in errors
    ]
    return sorted(found, key=lambda e: [str(part) for part in e.path])


@lru_cache(maxsize=2)
def _validator(branch: str) -> Any:
    """A compiled validator for one branch of the top-level ``oneOf``."""
    from jsonschema import Draft202012Validator

    schema = co2_schema()
    return Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{branch}"}
    )


# JSON Schema's type names as a message says them
_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


def _in_words(error: Any) -> str:
    """A jsonschema error with the offending value described as YAML shows it, not as Python's repr."""
    shown, keyword, expected = (
        describe_value(error.instance),
        error.validator,
        error.validator_value,
    )
    if keyword == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        return f"{shown} where {' or '.join(_TYPE_WORDS.get(t, t) for t in types)} is expected"
    if keyword == "enum":
        return f"{shown} is not one of {', '.join(describe_value(v) for v in expected)}"
    if keyword == "const":
        return f"{shown} is not {describe_value(expected)}"
    try:
        head = repr(error.instance)
    except ValueError:  # an integer too long to print
        return str(error.message)
    message = str(error.message)
    return shown + message[len(head) :] if message.startswith(head) else message


def describe_value(value: Any) -> str:
    """A value as a message shows it: `"no"`, `12.5`, `true`, `a mapping (cpu_model, gpu_count)`."""
    if isinstance(value, dict):
        keys = [str(key) for key in value]
        more = f" and {len(keys) - 5} more" if len(keys) > 5 else ""
        return f"a mapping ({', '.join(keys[:5])}{more})" if keys else "an empty mapping"
    if isinstance(value, list):
        return (
            f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
            if value
            else "an empty list"
        )
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:60] + "...", ensure_ascii=False)
    if hasattr(value, "isoformat"):  # YAML 1.1 reads 2020-01-01 as a date
        return f"{value.isoformat()} (a date)"
    try:
        return json.dumps(value)
    except (TypeError, ValueError):  # bytes, a set, an integer too long to print
        return f"a {type(value).__name__} value"
