"""The one table of field types (cardlint/metadata/fields.py): it names exactly the documented
keys, and its helpers read values as huggingface_hub does."""

import datetime

import pytest

from cardlint.metadata.data import hub_lists
from cardlint.metadata.fields import FIELDS, fields_for, is_empty, json_type, type_fits


def test_the_table_names_exactly_the_documented_keys():
    assert set(FIELDS) == set(hub_lists().documented_keys)


def test_common_keys_are_not_documented_ones():
    assert not hub_lists().common_keys & set(FIELDS)


def test_a_dataset_card_is_checked_on_the_shared_fields_only():
    shared = fields_for("dataset")
    assert {"license", "language", "tags"} <= set(shared)
    assert not {"widget", "pipeline_tag", "base_model", "model-index"} & set(shared)
    assert fields_for("space") == {}


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, "null"),
        (True, "boolean"),
        (3, "integer"),
        (2.5, "number"),
        ("x", "string"),
        ([], "array"),
        ({}, "object"),
        (datetime.date(2020, 1, 1), "date"),
    ],
)
def test_json_type(value, kind):
    assert json_type(value) == kind


def test_an_integer_is_a_number_and_a_boolean_is_not():
    assert type_fits(3, ("number",)) and not type_fits(True, ("number",))
    assert not type_fits(2.5, ("integer",))


@pytest.mark.parametrize("value", [None, "", "  ", [], {}])
def test_empty(value):
    assert is_empty(value)


@pytest.mark.parametrize("value", ["x", [None], {"a": None}, 0, False])
def test_not_empty(value):
    assert not is_empty(value)
