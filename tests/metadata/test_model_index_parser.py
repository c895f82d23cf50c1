"""MC601 against the real parser: it fires exactly when huggingface_hub's ``ModelCardData`` (the
class ``ModelCard.load`` builds from the metadata) raises on the card's model-index."""

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REMOVE, with_fault

from cardlint.linter import lint_text
from cardlint.settings import Settings

SELECT = Settings(select=("MC601",))


def hub_raises(model_index: Any) -> bool:
    """Whether huggingface_hub fails to read the model-index (as ``ModelCard.load`` does)."""
    from huggingface_hub import ModelCardData

    try:
        ModelCardData(**{"model-index": model_index})
    except Exception:  # KeyError/TypeError (wrapped), ValueError, AttributeError
        return True
    return False


def card(model_index: Any) -> str:
    return "---\n" + yaml.safe_dump({"model-index": model_index}, sort_keys=False) + "---\n"


def findings(model_index: Any) -> list[str]:
    result = lint_text(card(model_index), "README.md", SELECT)
    return [d.message for d in result.diagnostics]


# Values of the wrong kind, in every place: scalars (falsy ones too), lists and mappings.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.sampled_from(["", "x", "text-classification"]),
    st.lists(st.integers(0, 1), max_size=2),
    st.dictionaries(st.sampled_from(["type", "name", "url"]), st.just("v"), max_size=2),
)
TEXT = st.one_of(st.sampled_from(["accuracy", "imdb", "IMDb", "Leaderboard"]), JUNK)


def mapping(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A mapping with its required keys (mostly), any of its optional ones, or junk instead."""
    full = st.fixed_dictionaries(required, optional=optional)
    some = st.fixed_dictionaries({}, optional=required | optional)
    return st.one_of(full, full, full, full, some, JUNK)


def listing(items: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A list of up to two items (mostly), or junk instead."""
    some = st.lists(items, max_size=2)
    return st.one_of(some, some, some, some, JUNK)


METRIC = mapping(
    {"type": TEXT, "value": st.one_of(st.floats(0, 1), JUNK)},
    {"name": TEXT, "verified": st.booleans(), "verifyToken": TEXT, "config": TEXT},
)
RESULT = mapping(
    {
        "task": mapping({"type": TEXT}, {"name": TEXT}),
        "dataset": mapping({"type": TEXT, "name": TEXT}, {"config": TEXT, "split": TEXT}),
        "metrics": listing(METRIC),
    },
    {"source": mapping({}, {"name": TEXT, "url": TEXT})},
)
MODEL = mapping({"name": TEXT, "results": listing(RESULT)}, {})
MODEL_INDEX = listing(MODEL)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MODEL_INDEX)
def test_mc601_fires_exactly_when_huggingface_hub_raises(model_index: Any) -> None:
    assert yaml.safe_load(card(model_index).strip("-\n")) == {"model-index": model_index}
    assert bool(findings(model_index)) == hub_raises(model_index)


def paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in ``value`` (keys and list indexes), the value's own first."""
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, path + (index,))
    return found


@st.composite
def near_valid(draw: st.DrawFn) -> Any:
    """A model-index huggingface_hub reads, with one or two values replaced by junk or deleted."""
    model_index = [yaml.safe_load(yaml.safe_dump(VALID)) for _ in range(draw(st.integers(1, 2)))]
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(paths(model_index)[1:]))
        where = model_index
        for part in path[:-1]:
            where = where[part]
        if isinstance(where, dict) and draw(st.booleans()):
            del where[path[-1]]
        else:
            where[path[-1]] = draw(JUNK)
        if draw(st.booleans()):
            source = {"name": "LB"} if draw(st.booleans()) else {"name": "LB", "url": "u"}
            if isinstance(where, dict) and "metrics" in where:
                where["source"] = source
    return model_index


@settings(max_examples=300, deadline=None)
@given(near_valid())
def test_mc601_agrees_with_huggingface_hub_on_near_valid_indexes(model_index: Any) -> None:
    assert bool(findings(model_index)) == hub_raises(model_index)


VALID = {
    "name": "my-model",
    "results": [
        {
            "task": {"type": "text-classification"},
            "dataset": {"type": "stanfordnlp/imdb", "name": "IMDb"},
            "metrics": [{"type": "accuracy", "value": 0.91}],
        }
    ],
}


def changed(path: tuple[Any, ...], value: Any = REMOVE) -> list[Any]:
    """The valid model-index with the value at ``path`` replaced (or deleted: REMOVE)."""
    return with_fault([VALID], path, value)


@pytest.mark.parametrize(
    ("model_index", "expected"),
    [
        ([VALID], []),
        ([], []),  # huggingface_hub skips an empty model-index
        (changed((0, "name")), ['model-index[0]: missing "name"']),
        (changed((0, "name"), None), ["model-index[0].name is empty"]),
        (changed((0, "results")), ['model-index[0]: missing "results"']),
        (changed((0, "results"), None), ["model-index[0].results is empty"]),
        (changed((0, "results"), {"task": 1}), ["model-index[0].results is a mapping"]),
        (changed((0, "results", 0, "task", "type")), ['results[0].task: missing "type"']),
        (changed((0, "results", 0, "task"), "x"), ["model-index[0].results[0].task is a string"]),
        (changed((0, "results", 0, "dataset", "name")), ['results[0].dataset: missing "name"']),
        (changed((0, "results", 0, "dataset", "type")), ['results[0].dataset: missing "type"']),
        (changed((0, "results", 0, "metrics")), ['results[0]: missing "metrics"']),
        (changed((0, "results", 0, "metrics", 0, "value")), ['metrics[0]: missing "value"']),
        (changed((0, "results", 0, "metrics", 0, "type")), ['metrics[0]: missing "type"']),
        (changed((0, "results", 0, "source"), {"name": "LB"}), ['source: "name" without "url"']),
        (changed((0, "results", 0, "source"), "LB"), ["model-index[0].results[0].source is a"]),
        (changed((0, "results", 0, "source"), {"url": "https://x"}), []),
        (changed((0, "results", 0, "source"), ""), []),  # an empty source is read as none
        ({"name": "x", "results": []}, ["model-index is a mapping"]),
    ],
)
def test_each_problem_is_one_finding(model_index: Any, expected: list[str]) -> None:
    found = findings(model_index)
    assert len(found) == len(expected), found
    assert all(part in message for part, message in zip(expected, found, strict=True)), found
    assert bool(found) == hub_raises(model_index)


def test_a_source_without_url_raises_only_when_a_metric_is_read() -> None:
    model_index = changed((0, "results", 0, "source"), {"name": "LB"})
    model_index[0]["results"][0]["metrics"] = []
    assert findings(model_index) == [] and not hub_raises(model_index)


def test_only_the_last_models_name_is_needed() -> None:
    model_index = [{"name": None, "results": []}, VALID]
    assert findings(model_index) == [] and not hub_raises(model_index)
    assert findings(model_index[::-1]) and hub_raises(model_index[::-1])


def test_a_number_too_long_to_print_is_named_not_printed() -> None:
    text = card([VALID]).replace("name: IMDb", "name: IMDb\n      config: 0x" + "f" * 5000)
    result = lint_text(text, "README.md", Settings(select=("MC602",)))
    (finding,) = result.diagnostics
    assert "YAML reads 0xffffffffffffffffff... as a number of about 6021 digits" in finding.message
