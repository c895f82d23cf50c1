"""jsonschema's verdict on values that plainly satisfy a simple schema, without importing it.

Importing jsonschema and compiling a validator costs more than checking a card. Most values are
plainly valid: a number, a string from an enum, a flat mapping of such. This checks those from
the schema's own keywords and answers True only where jsonschema finds no error; anything it does
not know (another keyword, a nested object, an infinite float) answers False: ask jsonschema.
"""

import math
from collections.abc import Mapping
from typing import Any

_SCALAR_KEYWORDS = frozenset(
    {"title", "description", "examples", "type", "enum", "minimum", "exclusiveMinimum"}
)
_OBJECT_KEYWORDS = frozenset(
    {"title", "description", "examples", "type", "required", "additionalProperties", "properties"}
)
_TYPES: dict[str, tuple[type, ...]] = {
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
}


def plainly_valid(instance: Any, subschema: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
    """True when ``instance`` obviously satisfies ``subschema`` (its ``$ref`` read in ``schema``'s
    ``$defs``); False when it does not, or when only jsonschema can tell."""
    subschema = _resolved(subschema, schema)
    if subschema.get("type") != "object":
        return _plain_scalar(instance, subschema)
    if not set(subschema) <= _OBJECT_KEYWORDS or subschema.get("additionalProperties") is not False:
        return False
    if not isinstance(instance, dict) or any(key not in instance for key in subschema["required"]):
        return False
    properties = subschema["properties"]
    return all(
        key in properties and _plain_scalar(value, _resolved(properties[key], schema))
        for key, value in instance.items()
    )


def _resolved(subschema: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The subschema a ``{"$ref": "#/$defs/name"}`` points to; any other subschema itself."""
    if "$ref" in subschema and len(subschema) == 1:
        return schema["$defs"][subschema["$ref"].rsplit("/", 1)[-1]]
    return subschema


def _plain_scalar(value: Any, subschema: Mapping[str, Any]) -> bool:
    if not set(subschema) <= _SCALAR_KEYWORDS or subschema.get("type") not in _TYPES:
        return False
    expected = _TYPES[subschema["type"]]
    if isinstance(value, bool) and bool not in expected:
        return False
    if not isinstance(value, expected):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if "enum" in subschema and value not in subschema["enum"]:
        return False
    if "minimum" in subschema and not value >= subschema["minimum"]:
        return False
    return not ("exclusiveMinimum" in subschema and not value > subschema["exclusiveMinimum"])
