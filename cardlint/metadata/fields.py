"""The one table of the documented top-level fields of a model card and their types.

MC002 and MC003 read it, and scripts/build_modelcard_schema.py builds
schemas/modelcard.schema.json from it, so the rules and the schema cannot disagree on a type.
Transcribed from the field reference of ../shared/data/hub/modelcard_fields.md (§1: hub-docs
modelcard.md and model-cards.md, huggingface_hub's ModelCardData, huggingface.js's
``ApiModelMetadata``); tests/metadata/test_fields.py checks that it names exactly the documented
keys that hub.json lists. Types are JSON Schema's names: "string", "number", "integer",
"boolean", "array", "object".
"""

from collections.abc import Callable
from typing import Any, NamedTuple


class Field(NamedTuple):
    """A documented top-level field: the types the Hub takes, the type of a list's items, the
    packaged list (a ``HubLists`` field) its strings come from, whether a dataset card has the same
    field, and the rules that own its value when MC002/MC003 leave it alone."""

    name: str
    types: tuple[str, ...]
    items: str | None = None
    ids: str | None = None
    dataset: bool = False
    owner: str | None = None


_TEXT = ("string",)
_LIST = ("array",)
_TEXT_OR_LIST = ("string", "array")

FIELDS: dict[str, Field] = {
    field.name: field
    for field in (
        Field("language", _TEXT_OR_LIST, "string", "languages", dataset=True),
        # huggingface.js types it `License | License[]`
        Field("license", _TEXT_OR_LIST, "string", "licenses", dataset=True),
        Field("license_name", _TEXT, dataset=True),
        Field("license_link", _TEXT, dataset=True),
        Field("license_details", _TEXT, dataset=True),
        Field("library_name", _TEXT, ids="libraries"),
        Field("tags", _LIST, "string", dataset=True),
        Field("datasets", _TEXT_OR_LIST, "string"),
        Field("buckets", _LIST, "string"),
        Field("metrics", _LIST, "string"),
        Field("base_model", _TEXT_OR_LIST, "string"),
        Field("base_model_relation", _TEXT, ids="base_model_relations"),
        Field("new_version", _TEXT),
        Field("pipeline_tag", _TEXT, ids="pipeline_tags"),
        Field("thumbnail", _TEXT),
        Field("widget", _LIST, "object"),
        Field("inference", ("boolean", "object")),
        Field("model-index", _LIST, "object"),
        # the CO2 rules (CO2001, CO2004...) check this block's shape and values
        Field("co2_eq_emissions", ("number", "object"), owner="CO2"),
        Field("language_bcp47", _LIST, "string"),
        Field("language_details", _TEXT, dataset=True),
        Field("description", _TEXT),
        Field("mask_token", _TEXT),
        Field("finetuned_from", _TEXT),
        Field("instance_prompt", _TEXT),
        Field("extra_gated_prompt", _TEXT, dataset=True),
        Field("extra_gated_heading", _TEXT, dataset=True),
        Field("extra_gated_description", _TEXT, dataset=True),
        Field("extra_gated_button_content", _TEXT, dataset=True),
        Field("extra_gated_fields", ("object",), dataset=True),
    )
}


def fields_for(repo_type: str) -> dict[str, Field]:
    """The fields MC002 and MC003 check on a card of this kind: all on a model card, the shared
    ones on a dataset card, none on a Space's."""
    if repo_type == "model":
        return FIELDS
    if repo_type == "dataset":
        return {name: field for name, field in FIELDS.items() if field.dataset}
    return {}


# The types YAML gives, by their JSON Schema name: looked up at once (json_type).
_JSON_TYPES: dict[type, str] = {
    type(None): "null",
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
}


def json_type(value: Any) -> str:
    """JSON Schema's name for the type of a value as huggingface_hub reads it ("null" for None;
    a date, which YAML 1.1 reads from 2020-01-01, is none of them)."""
    kind = _JSON_TYPES.get(type(value))
    if kind is not None:
        return kind
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def type_fits(value: Any, types: tuple[str, ...]) -> bool:
    """Whether a value is of one of the types (an integer is a number, as in JSON Schema)."""
    kind = json_type(value)
    return kind in types or (kind == "integer" and "number" in types)


_CLASSES: dict[str, type] = {"string": str, "object": dict}  # the one Python type of each


def items_fit(items: list[Any], kind: str) -> bool:
    """Whether every item of a list but its nulls (MC002's) is of type ``kind`` (a quick check:
    for a string or a mapping, the one Python type that JSON type has)."""
    wanted = _CLASSES.get(kind)
    if wanted is None:
        return all(item is None or type_fits(item, (kind,)) for item in items)
    return all(item is None or isinstance(item, wanted) for item in items)


def is_empty(value: Any) -> bool:
    """Null, a blank string, an empty list or mapping: a value that says nothing (MC002)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, (list, dict)) and not value


def all_pass(value: object, test: Callable[[str], bool]) -> bool:
    """Whether ``test`` holds for every string of a field's value (the value itself, or each
    string of a list): then none of its ``string_items`` fails it (a quick check before them)."""
    if isinstance(value, str):
        return test(value)
    return not isinstance(value, list) or all(test(item) for item in value if isinstance(item, str))
