"""The metadata schema agrees with the MC rules: hypothesis generates model-card metadata (ids drawn
from the packaged lists, and wrong values, types and keys), and a card is valid under
schemas/modelcard.schema.json exactly when the MC rules registered find nothing in it.

Left out of the comparison, as the schema cannot see what they read:
- MC103 license-link-missing and MC303 library-name-missing read the files beside the README;
- MC801 hub-rejects asks the Hub.
`co2_eq_emissions` is generated valid only: its values are the CO2 rules' (the schema refers to
co2_eq_emissions.schema.json, tested in tests/speedups/test_json_schema.py and
tests/metadata/test_schema_build.py).
"""

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import CORPUS_CARDS, corpus_cards

from cardlint.linter import lint_text
from cardlint.metadata.data import hub_lists, language_names
from cardlint.metadata.fields import FIELDS
from cardlint.rules import all_rules
from cardlint.schema import modelcard_validator
from cardlint.settings import RunOptions, Settings

# The rules whose findings need context the schema cannot see (the module docstring says why).
NEEDS_CONTEXT = frozenset({"MC103", "MC303", "MC801"})

LISTS = hub_lists()
_VALIDATOR = modelcard_validator()
_MC_CODES = tuple(rule.code for rule in all_rules() if rule.code.startswith("MC"))
_SETTINGS = Settings(select=_MC_CODES or ("MC",), options=RunOptions(repo_type="model"))

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", " ", "yes", "2020-01-01", "MIT", "Apache 2.0", "en-US", "fre"]),
    _text,
)
_repo_ids = st.sampled_from(
    ["gpt2", "google-bert/bert-base-uncased", "stanfordnlp/imdb", "org/name", "a--b", "./model"]
    + ["https://huggingface.co/gpt2", "org/name@main", "org/na me", "x/y/z", "model.git"]
)


def _ids(name: str) -> st.SearchStrategy[str]:
    """A packaged id of the field's list, or a near value that is not one."""
    if name == "languages":
        known = sorted(language_names())[:400] + sorted(LISTS.special_languages) + ["en", "fr"]
    else:
        known = list(getattr(LISTS, name))
    listed = st.sampled_from(known)
    return st.one_of(listed, listed.map(str.upper), listed.map(lambda x: x + "-x"), _text)


def _string_of(key: str) -> st.SearchStrategy[Any]:
    field = FIELDS[key]
    if field.ids:
        return _ids(field.ids)
    if key in ("base_model", "new_version", "datasets"):
        return _repo_ids
    return st.one_of(st.sampled_from(["a value", "LICENSE", "https://example.com"]), _text)


def _value_of(key: str) -> st.SearchStrategy[Any]:
    """A value for a documented key: mostly of its types, sometimes of others."""
    field = FIELDS[key]
    good: list[st.SearchStrategy[Any]] = []
    for kind in field.types:
        if kind == "string":
            good.append(_string_of(key))
        elif kind == "array":
            item = _string_of(key) if field.items == "string" else st.just({"text": "hi"})
            good.append(st.lists(st.one_of(item, _scalars), max_size=3))
            good.append(st.lists(item, min_size=1, max_size=3))
        elif kind == "object":
            good.append(st.dictionaries(st.sampled_from(["parameters", "a"]), _scalars, max_size=2))
        elif kind == "boolean":
            good.append(st.booleans())
    wrong = st.one_of(_scalars, st.lists(_scalars, max_size=2), st.just({"name": "x"}))
    return st.one_of(*good, *good, wrong)


_metric = st.fixed_dictionaries(
    {"type": st.sampled_from(["accuracy", "", 3]), "value": st.sampled_from([0.9, "90 %", None])},
    optional={
        "name": st.sampled_from(["Accuracy", 2]),
        "verified": st.booleans(),
        "verifyToken": st.just("eyJ"),
    },
)
_result = st.fixed_dictionaries(
    {},
    optional={
        "task": st.one_of(
            st.fixed_dictionaries(
                {"type": st.one_of(_ids("pipeline_tags"), st.just("Classification"))}
            ),
            st.just("text-classification"),
        ),
        "dataset": st.one_of(
            st.fixed_dictionaries(
                {"type": st.just("imdb"), "name": st.just("IMDB")},
                optional={"config": st.sampled_from(["plain", 2019]), "split": st.just("test")},
            ),
            st.just({"type": "imdb"}),
        ),
        "metrics": st.one_of(st.lists(_metric, max_size=2), st.just({"accuracy": 0.9})),
        "source": st.one_of(
            st.just({"url": "https://example.com"}), st.just({"name": "Leaderboard"}), st.just("x")
        ),
    },
)
_model_index = st.one_of(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "name": st.sampled_from(["my-model", "", 7]),
                "results": st.lists(_result, max_size=2),
            },
        ),
        max_size=2,
    ),
    st.just({"name": "x"}),
)

_OTHER_KEYS = sorted(LISTS.common_keys) + sorted(LISTS.dataset_card_keys)[:4]
_OTHER_KEYS += ["licence", "pipeline-tag", "langauge", "base-model", "results", "task"]
_VALID_REPO_IDS = st.sampled_from(["gpt2", "google-bert/bert-base-uncased", "org/name_2.0"])
_VALID_TEXT = st.text(min_size=1, max_size=8).filter(lambda text: text.strip() != "")
_VALID_RESULT = st.fixed_dictionaries(
    {
        "task": st.fixed_dictionaries({"type": st.sampled_from(LISTS.pipeline_tags)}),
        "dataset": st.just({"type": "stanfordnlp/imdb", "name": "IMDB", "config": "plain"}),
        "metrics": st.lists(
            st.fixed_dictionaries({"type": st.just("accuracy"), "value": st.just(0.9)}),
            min_size=1,
            max_size=2,
        ),
    }
)
_VALID_MODEL_INDEX = st.lists(
    st.fixed_dictionaries(
        {"name": st.just("my-model"), "results": st.lists(_VALID_RESULT, max_size=2)}
    ),
    min_size=1,
    max_size=1,
)


def _valid_string(key: str) -> st.SearchStrategy[Any]:
    field = FIELDS[key]
    if field.ids == "languages":
        return st.sampled_from(["en", "fr", "eng", "code", "multilingual"])
    if field.ids:
        return st.sampled_from(getattr(LISTS, field.ids))
    if key in ("base_model", "new_version", "datasets"):
        return _VALID_REPO_IDS
    return _VALID_TEXT


def _valid_value(key: str) -> st.SearchStrategy[Any]:
    """A value for a documented key that every rule takes."""
    if key == "model-index":
        return _VALID_MODEL_INDEX
    if key == "co2_eq_emissions":
        return st.sampled_from([12.5, {"emissions": 3, "training_type": "fine-tuning"}])
    field = FIELDS[key]
    choices: list[st.SearchStrategy[Any]] = []
    for kind in field.types:
        if kind == "string":
            choices.append(_valid_string(key))
        elif kind == "array" and field.items == "string":
            choices.append(st.lists(_valid_string(key), min_size=1, max_size=3))
        elif kind == "array":
            choices.append(st.just([{"text": "I like you."}]))
        elif kind == "object":
            choices.append(st.just({"parameters": {"temperature": 0.7}}))
        elif kind == "boolean":
            choices.append(st.booleans())
    return st.one_of(*choices)


_ID_KEYS = sorted(
    name
    for name, field in FIELDS.items()
    if field.ids or name in ("base_model", "new_version", "datasets")
)
_VALID_KEYS = sorted(set(FIELDS) - {"license_details", "base_model_relation", "license"})


@st.composite
def metadata(draw: st.DrawFn) -> dict[str, Any]:
    """A model card's metadata block, as a dict: a valid one, with at most one thing wrong (a
    key's value of any kind, a key that is not a field, or a broken model-index), so that a
    disagreement between the schema and the rules cannot hide behind another problem."""
    found: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(_VALID_KEYS), max_size=5, unique=True)):
        found[key] = draw(_valid_value(key))
    license = draw(st.sampled_from(["mit", "other", None]))
    if license is not None:
        found["license"] = license
    if license == "other":
        found.update(license_name="my-license-1.0", license_link="https://example.com/license")
    relation = draw(st.sampled_from([None, "finetune", "merge"]))
    if relation is not None:
        found["base_model_relation"] = relation
        found["base_model"] = ["a/b", "c/d"] if relation == "merge" else "gpt2"
    wrong = draw(st.sampled_from(["none", "value", "id", "key", "model-index", "license_details"]))
    if wrong == "id":  # a value of a field whose strings are the Hub's ids
        key = draw(st.sampled_from(_ID_KEYS))
        found[key] = draw(
            st.one_of(_string_of(key), st.lists(_string_of(key), min_size=1, max_size=2))
        )
    elif wrong == "value":
        key = draw(st.sampled_from(sorted(set(FIELDS) - {"co2_eq_emissions", "model-index"})))
        found[key] = draw(_value_of(key))
    elif wrong == "key":
        found[draw(st.sampled_from(_OTHER_KEYS))] = draw(_scalars)
    elif wrong == "model-index":
        found["model-index"] = draw(_model_index)
    elif wrong == "license_details":
        found["license_details"] = draw(_valid_string("license_details"))
    return found


def _verdicts(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The schema's errors and the MC rules' findings for a card holding ``data``."""
    block = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text = f"---\n{block}---\n# A model\n"
    read = yaml.safe_load(block)  # the metadata as huggingface_hub reads it back
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _VALIDATOR.iter_errors(read)]
    result = lint_text(text, "README.md", _SETTINGS)
    findings = [
        f"{d.code} {d.message}"
        for d in result.diagnostics
        if d.code.startswith("MC") and d.code not in NEEDS_CONTEXT
    ]
    return errors, findings


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(metadata())
def test_valid_under_the_schema_exactly_when_the_rules_find_nothing(data: dict[str, Any]) -> None:
    errors, findings = _verdicts(data)
    assert bool(errors) == bool(findings), (
        f"metadata {data!r}\nschema errors: {errors}\nMC findings: {findings}"
    )


def test_the_comparison_can_fail_both_ways() -> None:
    """A valid card has neither; a wrong one has both (so the property is not vacuous)."""
    assert _verdicts({"license": "mit", "tags": ["nlp"]}) == ([], [])
    errors, findings = _verdicts({"license": "mit", "tags": "nlp"})
    assert errors and [finding.split(" where")[0] for finding in findings] == [
        'MC003 tags is "nlp"'
    ]
    assert set(_MC_CODES) >= {"MC001", "MC002", "MC003", "MC104"}


@pytest.mark.skipif(not CORPUS_CARDS.is_dir(), reason="../shared/corpus is absent")
def test_the_real_cards_are_valid_exactly_when_the_rules_find_nothing() -> None:
    """The same over the corpus's real cards (co2_eq_emissions left to the CO2 rules)."""
    from huggingface_hub.repocard import metadata_load

    disagree = []
    for path in corpus_cards():
        try:
            data = metadata_load(path) or {}
        except Exception:  # noqa: BLE001  a block huggingface_hub cannot read: CL rules' cards
            continue
        data = {key: value for key, value in data.items() if key != "co2_eq_emissions"}
        errors = [e.message for e in _VALIDATOR.iter_errors(data)]
        text = path.read_text(encoding="utf-8-sig")
        findings = [
            d.code
            for d in lint_text(text, "README.md", _SETTINGS).diagnostics
            if d.code.startswith("MC") and d.code not in NEEDS_CONTEXT
        ]
        if bool(errors) != bool(findings):
            disagree.append(f"{path.name}: schema {errors[:2]}, rules {findings[:2]}")
    assert disagree == []
