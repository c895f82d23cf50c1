"""Build schemas/modelcard.schema.json: the JSON Schema (2020-12) of a model card's metadata block.

    python scripts/build_modelcard_schema.py [--output FILE]

Built from the one table of field types (cardlint/metadata/fields.py, which MC002 and MC003 read)
and the Hub's lists packaged in cardlint/data/hub.json (license ids, pipeline tags and subtasks,
library ids, language codes, base_model_relation's values), so that the schema and the MC rules
cannot drift apart; tests/metadata/test_schema_build.py checks that the file is current, and
tests/metadata/test_schema_agrees.py that a card is valid exactly when the MC rules find nothing.
`co2_eq_emissions` is referenced from co2_eq_emissions.schema.json beside it.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardlint.metadata.fields import FIELDS, Field  # noqa: E402

# referenced relative to this schema's own file (it has no $id, so that a validator given the
# file, such as check-jsonschema, finds the co2 schema beside it without a download)
CO2_SCHEMA = "co2_eq_emissions.schema.json"

# huggingface_hub's validate_repo_id (utils/_validators.py), which MC401 and MC501 apply: one or
# two parts of 1 to 96 of [A-Za-z0-9_.-], starting and ending with [A-Za-z0-9_], no "--" or "..",
# no ".git" at the end.
_PART = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?"
REPO_ID = {
    "type": "string",
    "pattern": f"^(?:{_PART}/)?{_PART}$",
    "not": {"pattern": "--|\\.\\.|\\.git$"},
}
NOT_BLANK = {"type": "string", "pattern": "\\S"}

# the fields whose strings are Hub repository ids (MC401: base_model, new_version; MC501: datasets)
_REPO_ID_FIELDS = {"base_model", "new_version", "datasets"}
_DESCRIPTIONS = {
    "language": "ISO 639-1 or 639-3 code(s) the Hub lists, or `code`/`multilingual` (MC201).",
    "license": "One of the Hub's license ids (MC101); `other` needs license_name and license_link (MC102).",
    "license_details": "Legacy: replaced by license_name (MC104).",
    "library_name": "One of the Hub's library ids (MC302).",
    "pipeline_tag": "One of the Hub's pipeline tags (MC301).",
    "base_model": "Hub model id(s); a merge lists two or more (MC401, MC403).",
    "base_model_relation": "How the model derives from base_model (MC402); needs base_model (MC403).",
    "new_version": "The Hub model id of a newer model (MC401).",
    "datasets": "Hub dataset ids (MC501); the Hub rejects a list holding null (MC002).",
    "widget": 'A list of examples: the Hub rejects anything else ("widget" must be an array).',
    "model-index": "Evaluation results as huggingface_hub's parser reads them (MC601-MC604).",
    "co2_eq_emissions": "The training's emissions: see co2_eq_emissions.schema.json.",
}


def _ids(lists: dict[str, Any], name: str) -> list[str]:
    """A packaged list's ids (the language codes with the special values `code`, `multilingual`)."""
    if name == "languages":
        packed = lists["three_letter_languages"]  # sorted and concatenated
        codes = lists["two_letter_languages"] + [
            packed[i : i + 3] for i in range(0, len(packed), 3)
        ]
        return sorted(codes) + sorted(lists["special_languages"])
    return list(lists[name])


def _string(field: Field) -> dict[str, Any]:
    """What one string of the field must be."""
    if field.ids is not None:
        return {"$ref": f"#/$defs/{field.ids}"}
    if field.name in _REPO_ID_FIELDS:
        return {"$ref": "#/$defs/repo_id"}
    return dict(NOT_BLANK)


def _item(field: Field) -> dict[str, Any]:
    """What one item of the field's list must be."""
    if field.items == "string":
        return (
            {"$ref": f"#/$defs/{field.ids}"}
            if field.ids
            else {"$ref": "#/$defs/repo_id"}
            if field.name in _REPO_ID_FIELDS
            else {"type": "string"}
        )
    return {"type": field.items} if field.items else {}


def field_schema(field: Field) -> dict[str, Any]:
    """The schema of one documented field, from its row of the table."""
    if field.owner == "CO2":
        return {"$ref": CO2_SCHEMA}
    if field.name == "model-index":
        return {"$ref": "#/$defs/model-index"}
    branches = []
    for kind in field.types:
        if kind == "string":
            branches.append(_string(field))
        elif kind == "array":
            branches.append({"type": "array", "minItems": 1, "items": _item(field)})
        elif kind == "object":
            branches.append({"type": "object", "minProperties": 1})
        else:
            branches.append({"type": kind})
    schema = branches[0] if len(branches) == 1 else {"anyOf": branches}
    if field.name == "license_details":
        schema = {"allOf": [schema], "not": {}}
    if field.name in _DESCRIPTIONS:
        schema = {"description": _DESCRIPTIONS[field.name], **schema}
    return schema


def _model_index(lists: dict[str, Any]) -> dict[str, Any]:
    """model-index as huggingface_hub's parser reads it (model_index_fields.csv; MC601-MC604):
    the keys it requires, the string fields (an optional one may be left empty), `source.url`
    with a named source, `verifyToken` with `verified`, and `task.type` a pipeline tag or subtask
    unless MTEB wrote the result (a `main_score` metric or an `mteb/` dataset)."""
    text = {"type": "string"}
    required_text = dict(NOT_BLANK)  # a required string may not be blank (MC602)
    optional_text = {"type": ["string", "null"]}
    task_types = sorted(set(lists["pipeline_tags"]) | set(lists["subtasks"]))
    metric = {
        "type": "object",
        "required": ["type", "value"],
        "properties": {
            "type": required_text,
            "name": optional_text,
            "config": optional_text,
            "verifyToken": optional_text,
        },
        # only the Hub's evaluation marks a result verified, with its token (MC603)
        "if": {"required": ["verified"], "properties": {"verified": {"not": {"const": False}}}},
        "then": {"required": ["verifyToken"]},
    }
    named_source = {
        "required": ["source", "metrics"],
        "properties": {
            "source": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"not": {"type": "null"}}},
            },
            "metrics": {"type": "array", "minItems": 1},
        },
    }
    mteb = {
        "anyOf": [
            {
                "required": ["metrics"],
                "properties": {
                    "metrics": {
                        "type": "array",
                        "contains": {
                            "required": ["type"],
                            "properties": {"type": {"const": "main_score"}},
                        },
                    }
                },
            },
            {
                "required": ["dataset"],
                "properties": {
                    "dataset": {"required": ["type"], "properties": {"type": {"pattern": "^mteb/"}}}
                },
            },
        ]
    }
    result = {
        "type": "object",
        "required": ["task", "dataset", "metrics"],
        "properties": {
            "task": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": required_text, "name": optional_text},
            },
            "dataset": {
                "type": "object",
                "required": ["type", "name"],
                "properties": {
                    "type": required_text,
                    "name": required_text,
                    "config": optional_text,
                    "split": optional_text,
                    "revision": optional_text,
                },
            },
            # an empty list shows nothing (MC602), though huggingface_hub reads past it
            "metrics": {"type": "array", "minItems": 1, "items": metric},
            "source": {
                "type": ["object", "null"],
                "properties": {"name": optional_text, "url": optional_text},
            },
        },
        "allOf": [
            {  # huggingface_hub raises for a named source without a url
                "if": named_source,
                "then": {
                    "properties": {"source": {"required": ["url"], "properties": {"url": text}}}
                },
            },
            {  # MC604
                "if": mteb,
                "else": {"properties": {"task": {"properties": {"type": {"enum": task_types}}}}},
            },
        ],
    }
    entry = {
        "type": "object",
        "required": ["name", "results"],
        "properties": {"name": required_text, "results": {"type": "array", "items": result}},
    }
    return {"type": "array", "minItems": 1, "items": entry}


def build(lists: dict[str, Any]) -> dict[str, Any]:
    """The whole schema."""
    properties: dict[str, Any] = {name: field_schema(field) for name, field in FIELDS.items()}
    for key in sorted(lists["common_keys"]):
        properties[key] = {"description": "In common use (see cardlint/data/HUB-SOURCES.md)."}
    defs: dict[str, Any] = {
        name: {"enum": _ids(lists, name)}
        for name in sorted({field.ids for field in FIELDS.values() if field.ids})
    }
    defs["repo_id"] = REPO_ID
    defs["model-index"] = _model_index(lists)
    other = {"const": "other"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Model card metadata",
        "description": (
            "The YAML metadata block of a Hugging Face model card, as cardlint's MC rules check "
            "it: the documented fields and those in common use, their types, and the Hub's ids "
            "(built by scripts/build_modelcard_schema.py from cardlint's packaged Hub lists). "
            "What needs the files beside the README (MC103, MC303) or the Hub (MC801) is not "
            "in it."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "allOf": [
            {  # MC102: a custom license is named and linked
                "if": {
                    "required": ["license"],
                    "properties": {
                        "license": {"anyOf": [other, {"type": "array", "contains": other}]}
                    },
                },
                "then": {"required": ["license_name", "license_link"]},
            },
            {  # MC403: a relation needs its base model, a merge two or more
                "if": {
                    "required": ["base_model_relation"],
                    "properties": {"base_model_relation": {"const": "merge"}},
                },
                "then": {"properties": {"base_model": {"type": "array", "minItems": 2}}},
            },
        ],
        "dependentRequired": {"base_model_relation": ["base_model"]},
        "$defs": defs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "schemas" / "modelcard.schema.json")
    args = parser.parse_args()
    lists = json.loads((ROOT / "cardlint" / "data" / "hub.json").read_text("utf-8"))
    text = json.dumps(build(lists), ensure_ascii=False, indent=1)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
