"""Hub repository ids: huggingface_hub's grammar, and what a value that is no id is instead."""

import pytest
from huggingface_hub.errors import HFValidationError
from huggingface_hub.utils import validate_repo_id
from hypothesis import example, given
from hypothesis import strategies as st

from cardlint.metadata.references import read_reference
from cardlint.metadata.repo_ids import is_repo_id


def hub_accepts(text: str) -> bool:
    try:
        validate_repo_id(text)
    except HFValidationError:
        return False
    return True


# near the grammar's edges: its characters, the ones beside them, and a few from beyond ASCII
ID_CHARS = st.sampled_from(list("aZ09_-./") + [" ", "@", ":", "\\", "\n", "é", "ß", "٣", "\u212a"])
NEAR_IDS = st.text(ID_CHARS, max_size=12) | st.builds(
    lambda org, name: f"{org}/{name}",
    st.text(ID_CHARS, max_size=100),
    st.text(ID_CHARS, max_size=100),
)


@given(NEAR_IDS)
@example("a" * 96)
@example("a" * 97)
@example("o" * 96 + "/" + "n" * 96)
@example("o" * 97 + "/n")
@example("foo.git")
@example("foo\n")
@example("k/\u212a")  # KELVIN SIGN: a word character to Unicode, not to ASCII
def test_agrees_with_huggingface_hub(text: str) -> None:
    assert is_repo_id(text) == hub_accepts(text)


@given(st.text(max_size=30))
def test_agrees_on_any_text(text: str) -> None:
    assert is_repo_id(text) == hub_accepts(text)


@pytest.mark.parametrize(
    "text",
    ["bert-base-uncased", "gpt2", "org/model", "Foo-BAR_foo.bar123", "123", "a", "a/b", "_x_/y"],
)
def test_ids_are_ids(text: str) -> None:
    assert is_repo_id(text)
    assert read_reference(text, "model") is None


@pytest.mark.parametrize(
    ("text", "kind", "repo_id", "safe"),
    [
        ("https://huggingface.co/org/model", "hub-url", "org/model", True),
        ("https://huggingface.co/org/model/tree/main", "hub-url", "org/model", True),
        ("http://www.huggingface.co/org/model/blob/main/config.json", "hub-url", "org/model", True),
        ("hf.co/org/model", "hub-url", "org/model", True),
        ("https://huggingface.co/org/model.git", "hub-url", "org/model", True),
        ("https://huggingface.co/org/model?library=transformers", "hub-url", "org/model", True),
        ("https://huggingface.co/org/model/some/thing", "hub-url", "org/model", False),
        ("hf.co/org/model-GGUF:Q4_K_M", "hub-url", "org/model-GGUF", False),
        ("https://huggingface.co/gpt2", "hub-url", "gpt2", False),  # or an organisation's page
        ("https://huggingface.co/gpt2/tree/main", "hub-url", "gpt2", False),
        ("https://huggingface.co/datasets/org/data", "other-kind", None, False),
        ("https://huggingface.co/spaces/org/app", "other-kind", None, False),
        ("https://huggingface.co/docs/transformers", "url", None, False),
        ("https://huggingface.co/", "url", None, False),
        ("https://github.com/org/model", "url", None, False),
        ("/home/me/out", "path", None, False),
        ("./out", "path", None, False),
        ("../checkpoints/last", "path", None, False),
        ("~/models/llama", "path", None, False),
        ("C:\\Users\\me\\model", "path", None, False),
        ("D:/models/model", "path", None, False),
        ("outputs/run-1/checkpoint-500", "path", None, False),
        (
            "/root/.cache/huggingface/hub/models--meta-llama--Llama-2-7b-hf/snapshots/0a1b",
            "path",
            "meta-llama/Llama-2-7b-hf",
            False,
        ),
        ("/cache/models--gpt2", "path", "gpt2", False),
        (
            "/cache/datasets--org--data/snapshots/1",
            "path",
            None,
            False,
        ),  # a dataset's, not a model's
        ("org/model@main", "revision", "org/model", False),
        ("org/model:Q4_K_M", "revision", "org/model", False),
        ("Llama 2 7B", "prose", None, False),
        ("Eric Peter/autonlp-data", "prose", None, False),
        ("", "empty", None, False),
        ("  ", "empty", None, False),
        ("org/mod!el", "invalid", None, False),
        ("org--x/model", "invalid", None, False),
        ("org/model.git", "invalid", None, False),
        ("-org/model", "invalid", None, False),
        ("org/" + "n" * 97, "invalid", None, False),
    ],
)
def test_model_references(text: str, kind: str, repo_id: str | None, safe: bool) -> None:
    reading = read_reference(text, "model")
    assert reading is not None
    assert (reading.kind, reading.repo_id, reading.safe) == (kind, repo_id, safe)
    assert reading.repo_id is None or is_repo_id(reading.repo_id)


@pytest.mark.parametrize(
    ("text", "kind", "repo_id", "safe"),
    [
        ("https://huggingface.co/datasets/org/data", "hub-url", "org/data", True),
        (
            "https://huggingface.co/datasets/org/data/viewer/default/train",
            "hub-url",
            "org/data",
            True,
        ),
        ("https://huggingface.co/datasets/org/data/files/x", "hub-url", "org/data", False),
        ("https://huggingface.co/datasets/squad", "hub-url", "squad", False),
        ("https://huggingface.co/org/model", "other-kind", None, False),
        ("https://huggingface.co/docs/datasets", "url", None, False),
        ("/var/hf/images/", "path", None, False),
        ("/cache/datasets--org--data/snapshots/1", "path", "org/data", False),
        ("SemEval-2023 Visual Word Sense Disambiguation", "prose", None, False),
    ],
)
def test_dataset_references(text: str, kind: str, repo_id: str | None, safe: bool) -> None:
    reading = read_reference(text, "dataset")
    assert reading is not None
    assert (reading.kind, reading.repo_id, reading.safe) == (kind, repo_id, safe)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("org/mod!el", "not '!'"),
        ("org--x/model", "no '--'"),
        ("org/model.git", "'.git'"),
        ("org/" + "n" * 97, "96 characters"),
        ("-org/model", "start and end"),
    ],
)
def test_the_reason_names_the_broken_rule(text: str, words: str) -> None:
    reading = read_reference(text, "model")
    assert reading is not None and words in reading.reason
