"""The library and pipeline-tag readings MC301-MC303 rest on: the Hub's lists, what a value
not in them was meant to be, and which library the files beside a README show."""

import pytest

from cardlint.metadata.data import hub_lists
from cardlint.metadata.file_signs import FILE_SIGNS, conflicts, libraries_shown
from cardlint.metadata.libraries import library_verdict
from cardlint.metadata.nearest import folded
from cardlint.metadata.pipelines import pipeline_verdict


def test_a_variant_can_only_mean_one_listed_id():
    """The safe fixes rest on this: no two pipeline tags fold alike, no two library ids differ
    only in case."""
    lists = hub_lists()
    assert len({folded(tag) for tag in lists.pipeline_tags}) == len(lists.pipeline_tags)
    assert len({lib.lower() for lib in lists.libraries}) == len(lists.libraries)


def test_removed_ids_are_gone_and_their_successors_listed():
    lists = hub_lists()
    for kind, listed in (("pipeline_tag", lists.pipeline_tags), ("library_name", lists.libraries)):
        for old, successor in lists.deprecated[kind].items():
            assert old not in listed
            assert successor == "" or successor in listed


def test_every_subtask_names_listed_pipeline_tags():
    lists = hub_lists()
    assert lists.subtask_pipelines["sentiment-analysis"] == ["text-classification"]
    for tags in lists.subtask_pipelines.values():
        assert tags and set(tags) <= set(lists.pipeline_tags)


def test_every_library_a_file_shows_is_a_hub_library():
    assert {sign.library for sign in FILE_SIGNS} <= set(hub_lists().libraries)
    for sign in FILE_SIGNS:
        assert sign.covers <= {other.library for other in FILE_SIGNS} - {sign.library}


@pytest.mark.parametrize(
    ("value", "kind", "ids"),
    [
        ("text-generation", None, None),
        ("Text_Generation", "variant", ("text-generation",)),
        ("text generation", "variant", ("text-generation",)),
        ("conversational", "removed", ("text-generation",)),
        ("Text2Text-Generation", "removed", ("text-generation",)),
        ("sentiment-analysis", "subtask", ("text-classification",)),
        ("closed-domain-qa", "subtask", ("question-answering", "text-generation")),
        ("text-generaton", "near", ("text-generation",)),
        ("chatbot", "unknown", ()),
    ],
)
def test_pipeline_verdicts(value, kind, ids):
    verdict = pipeline_verdict(value)
    assert (verdict.kind, verdict.ids) == (kind, ids) if kind else verdict is None


@pytest.mark.parametrize(
    ("value", "kind", "ids"),
    [
        ("PaddleOCR", None, None),
        ("paddleocr", "case", ("PaddleOCR",)),
        ("PEFT", "case", ("peft",)),
        ("mlxim", "renamed", ("mlx-image",)),
        ("Keras-NLP", "renamed", ("keras-hub",)),
        ("dia", "renamed", ("dia-tts",)),
        ("contexttab", "renamed", ("sap-rpt-1-oss",)),
        ("mistral_common", "removed", ()),
        ("pytorch", "not-a-library", ()),
        ("GGUF", "not-a-library", ()),
        ("sentence_transformers", "near", ("sentence-transformers",)),
        ("bart-base-jax", "unknown", ()),
    ],
)
def test_library_verdicts(value, kind, ids):
    verdict = library_verdict(value)
    assert (verdict.kind, verdict.ids) == (kind, ids) if kind else verdict is None


@pytest.mark.parametrize(
    ("files", "libraries", "disagree"),
    [
        ((), [], []),
        (("model-Q4_K_M.gguf", "model.onnx", "model.safetensors"), [], []),
        (("config.json", "model.safetensors"), ["transformers"], []),
        # a Hub listing: a folder's config.json is not the root's
        (("model_index.json", "text_encoder/config.json", "unet/config.json"), ["diffusers"], []),
        (("checkpoints/asr.nemo", "config.json"), ["nemo", "transformers"], []),
        (
            ("config.json", "config_setfit.json", "modules.json"),
            ["setfit", "sentence-transformers", "transformers"],
            [],
        ),
        (("adapter_config.json", "adapter_model.safetensors"), ["peft"], []),
        (("adapter_config.json", "pytorch_adapter.bin"), ["adapter-transformers", "peft"], []),
        (("model_index.json", "asr.nemo"), ["diffusers", "nemo"], ["nemo"]),
    ],
)
def test_the_libraries_files_show(files, libraries, disagree):
    shown = libraries_shown(files)
    assert [item.library for item in shown] == libraries
    assert [item.library for item in conflicts(shown)] == disagree


def test_weights_transformers_does_not_write_put_a_config_json_in_doubt():
    (shown,) = libraries_shown(("config.json", "model.joblib"))
    assert shown == ("transformers", ("config.json",), ("model.joblib",))
    (shown,) = libraries_shown(("config.json", "hyperparams.yaml", "sub/model.pkl"))
    assert shown.doubts == ("hyperparams.yaml", "sub/model.pkl")
    assert libraries_shown(("config.json", "model.joblib", "modules.json"))[0].doubts == ()
