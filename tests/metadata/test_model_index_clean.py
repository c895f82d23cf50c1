"""The model-index fast check agrees with the locating walk: ``clean`` says a model-index is clean
exactly when the walk finds nothing in it (MC601 to MC604 run the walk only when it is not)."""

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REMOVE, with_fault

from cardlint.metadata.model_index import clean, walk
from cardlint.reading.card import parse_card

# A wrong value of every kind (falsy ones too, and blank text), to put anywhere once in a while.
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 1),
    st.sampled_from(["", " ", "x"]),
    st.lists(st.just("v"), max_size=1),
    st.dictionaries(st.sampled_from(["type", "url"]), st.just("v"), max_size=1),
)


def model_index(wrong: int) -> st.SearchStrategy[Any]:
    """Model-indexes where each value is a wrong one about once in ``wrong`` (never for 0)."""

    def mostly(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(*[good] * wrong, WRONG) if wrong else good

    def mapping(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[Any]:
        """A mapping with its required keys and any optional ones, or one lacking some."""
        full = st.fixed_dictionaries(required, optional=optional)
        some = st.fixed_dictionaries({}, optional=required | optional)
        return st.one_of(*[full] * wrong, some, WRONG) if wrong else full

    def listing(items: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        """A list of one or two items, or an empty list, or a wrong value."""
        some = st.lists(items, min_size=1, max_size=2)
        return st.one_of(*[some] * wrong, st.just([]), WRONG) if wrong else some

    text = mostly(st.sampled_from(["accuracy", "IMDb", "imdb", "main_score"]))
    # a pipeline tag (mostly), a subtask, or an MTEB task type (clean in an MTEB result only)
    task_type = mostly(st.sampled_from(["text-classification"] * 4 + ["sentiment-analysis", "STS"]))
    dataset_type = mostly(st.sampled_from(["stanfordnlp/imdb", "mteb/sts", "imdb"]))
    optional_text = mostly(st.sampled_from(["", "train", "v1", None]))
    url = mostly(st.sampled_from(["https://example.com", "", None]))  # a source needs its url
    metric = mapping(
        {"type": text, "value": mostly(st.one_of(st.floats(0, 1), st.text(max_size=2)))},
        {
            "name": optional_text,
            "config": optional_text,
            "verified": mostly(st.sampled_from([False, False, True])),
            "verifyToken": optional_text,
        },
    )
    result = mapping(
        {
            "task": mapping({"type": task_type}, {"name": optional_text}),
            "dataset": mapping(
                {"type": dataset_type, "name": text},
                {"config": optional_text, "split": optional_text, "revision": optional_text},
            ),
            "metrics": listing(metric),
        },
        {"source": st.one_of(mapping({"url": url}, {"name": optional_text}), st.none())},
    )
    return mostly(listing(mapping({"name": text, "results": listing(result)}, {})))


def places(value: Any) -> list[tuple[Any, ...]]:
    """The path of every value inside ``value`` (keys and indexes), outermost first."""
    found: list[tuple[Any, ...]] = []
    keys = list(value) if isinstance(value, dict) else range(len(value))
    for key in keys:
        found.append((key,))
        if isinstance(value[key], dict | list):
            found.extend((key, *inner) for inner in places(value[key]))
    return found


@st.composite
def one_fault(draw: st.DrawFn) -> Any:
    """A well-formed model-index with one value replaced by a wrong one, or removed."""
    data = draw(model_index(0))
    path = draw(st.sampled_from(places(data)))
    return with_fault(data, path, draw(st.one_of(WRONG, st.just(REMOVE))))


# Well-formed ones (clean unless a task type is unknown, a source lacks its url...), ones with
# one thing wrong, with a wrong value here and there, and with many.
MODEL_INDEX = st.one_of(model_index(0), one_fault(), one_fault(), model_index(40), model_index(8))


# A model-index with every field, an MTEB result and a model before the last.
RICH = [
    {"name": "first", "results": []},
    {
        "name": "model",
        "results": [
            {
                "task": {"type": "text-classification", "name": "Text Classification"},
                "dataset": {
                    "type": "imdb",
                    "name": "IMDb",
                    "config": "plain_text",
                    "split": "test",
                    "revision": "v1",
                },
                "metrics": [
                    {
                        "type": "accuracy",
                        "value": 0.9,
                        "name": "Accuracy",
                        "config": "default",
                        "verified": True,
                        "verifyToken": "token",
                    },
                    {"type": "f1", "value": "0.8", "verified": False},
                ],
                "source": {"name": "Leaderboard", "url": "https://example.com"},
            },
            {
                "task": {"type": "STS"},
                "dataset": {"type": "mteb/sts", "name": "MTEB STS"},
                "metrics": [{"type": "main_score", "value": 80}],
            },
        ],
    },
]
WRONG_VALUES = [None, "", " ", "x", "text-classification", 0, 1, 0.5, True, False, [], ["v"]]
WRONG_VALUES += [{}, {"type": "v"}, {"url": "v"}, REMOVE]


def agrees(model_index: Any) -> bool:
    """Whether ``clean`` and the walk agree on a model-index (read back from a card)."""
    text = "---\n" + yaml.safe_dump({"model-index": model_index}, sort_keys=False) + "---\n"
    card = parse_card(text, "README.md")
    assert isinstance(card.metadata, dict)
    data = card.metadata["model-index"]
    return clean(data) == (walk(card, data) == ())


def test_every_single_fault_in_a_rich_model_index() -> None:
    """Each value of a clean model-index replaced by each wrong value (or removed) in turn."""
    assert clean(RICH)
    disagree = [
        (path, wrong)
        for path in places(RICH)
        for wrong in WRONG_VALUES
        if not agrees(with_fault(RICH, path, wrong))
    ]
    assert disagree == []


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MODEL_INDEX)
def test_clean_exactly_when_the_walk_finds_nothing(model_index: Any) -> None:
    assert agrees(model_index)


def test_both_answers_are_seen() -> None:
    """The fast check is not vacuous: a well-formed model-index is clean, a blank name is not."""
    result = {
        "task": {"type": "text-classification"},
        "dataset": {"type": "imdb", "name": "IMDb"},
        "metrics": [{"type": "accuracy", "value": 0.9}],
    }
    assert clean([{"name": "m", "results": [result]}])
    assert not clean([{"name": " ", "results": [result]}])
