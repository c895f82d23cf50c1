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


def schema_path() -> str:
    """Where the schema file is: inside the installed package, or ``schemas/`` in a checkout."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (
        os.path.join(here, "schemas", SCHEMA_FILE),
        os.path.join(os.path.dirname(here), "schemas", SCHEMA_FILE),
    ):
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError(f"{SCHEMA_FILE} is missing from the cardlint installation")


@lru_cache(maxsize=1)
def co2_schema() -> dict[str, Any]:
    """The ``co2_eq_emissions`` JSON Schema (2020-12) as a dict."""
    with open(schema_path(), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


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
        SchemaError(tuple(error.absolute_path), str(error.validator), error.message)
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
