"""schemas/modelcard.schema.json: current with its build script, a valid 2020-12 schema, and usable
on its own: check-jsonschema (run as a process) accepts a valid card's metadata and names what is
wrong in an invalid one, the co2 schema beside it resolved without a download."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from support import REPO

from cardlint.metadata.data import hub_lists, language_names
from cardlint.schema import (
    MODELCARD_SCHEMA_FILE,
    modelcard_schema,
    modelcard_validator,
    schema_path,
)

VALID_CARD = """\
---
license: other
license_name: my-license-1.0
license_link: LICENSE
language: [en, fr]
tags: [nlp]
datasets: [stanfordnlp/imdb]
pipeline_tag: text-classification
library_name: transformers
base_model: google-bert/bert-base-uncased
base_model_relation: finetune
model_name: my-model
co2_eq_emissions:
  emissions: 12.5
  training_type: fine-tuning
model-index:
- name: my-model
  results:
  - task: {type: text-classification}
    dataset: {type: stanfordnlp/imdb, name: IMDB}
    metrics: [{type: accuracy, value: 0.9}]
---
# My model
"""

INVALID_CARD = """\
---
licence: mit
license: MIT
widget:
  text: I like you.
datasets: [null]
co2_eq_emissions:
  emissions: -1
---
# My model
"""


def _metadata_json(readme: str, folder: Path) -> Path:
    """The card's metadata as huggingface_hub reads it, written as JSON (as docs/schema.md shows)."""
    from huggingface_hub.repocard import metadata_load

    (folder / "README.md").write_text(readme, encoding="utf-8")
    target = folder / "metadata.json"
    target.write_text(json.dumps(metadata_load(folder / "README.md")), encoding="utf-8")
    return target


def _check_jsonschema(instance: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(REPO / "schemas" / MODELCARD_SCHEMA_FILE),
            str(instance),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_schema_is_built_from_the_current_table_and_lists(tmp_path):
    output = tmp_path / "modelcard.schema.json"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_modelcard_schema.py"),
            "--output",
            str(output),
        ],
        check=True,
        capture_output=True,
    )
    assert output.read_text("utf-8") == Path(schema_path(MODELCARD_SCHEMA_FILE)).read_text("utf-8")


def test_it_is_a_valid_2020_12_schema_built_from_the_packaged_lists():
    schema = modelcard_schema()
    Draft202012Validator.check_schema(schema)
    lists = hub_lists()
    assert schema["$defs"]["licenses"]["enum"] == list(lists.licenses)
    assert schema["$defs"]["pipeline_tags"]["enum"] == list(lists.pipeline_tags)
    assert schema["$defs"]["libraries"]["enum"] == list(lists.libraries)
    assert (
        set(schema["$defs"]["languages"]["enum"]) == set(language_names()) | lists.special_languages
    )
    assert schema["$defs"]["base_model_relations"]["enum"] == list(lists.base_model_relations)
    assert schema["properties"]["co2_eq_emissions"] == {"$ref": "co2_eq_emissions.schema.json"}


def test_check_jsonschema_accepts_a_valid_card(tmp_path):
    done = _check_jsonschema(_metadata_json(VALID_CARD, tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_check_jsonschema_names_what_is_wrong_in_an_invalid_card(tmp_path):
    done = _check_jsonschema(_metadata_json(INVALID_CARD, tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    for where in ("$.license", "$.widget", "$.datasets", "$.co2_eq_emissions", "'licence'"):
        assert where in done.stdout, where


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({}, True),
        ({"license": "MIT"}, False),  # MC101
        ({"license_name": None}, False),  # MC002
        ({"tags": "nlp"}, False),  # MC003
        ({"pretty_name": "x"}, False),  # MC001: a dataset card's field
        ({"quantized_by": "someone"}, True),  # in common use
        ({"license_details": "x"}, False),  # MC104
        ({"base_model_relation": "merge"}, False),  # MC403: a merge of one model
        ({"co2_eq_emissions": {"emissions": "12 kg"}}, False),  # the co2 schema
    ],
)
def test_the_validator_sees_each_kind_of_problem(change, valid):
    metadata = {**_valid_metadata(), **change}
    errors = list(modelcard_validator().iter_errors(metadata))
    assert (not errors) == valid, [error.message for error in errors]


def _valid_metadata() -> dict:
    import yaml

    return yaml.safe_load(VALID_CARD.split("---\n")[1])
