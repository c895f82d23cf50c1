"""Naming Hub repositories on the command line: ids, hf:// paths and huggingface.co URLs."""

from __future__ import annotations

import pytest

from cardlint.hub.refs import RepoRef, log_names, parse_author, parse_target


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("acme/model", RepoRef("acme/model")),
        ("acme/model/", RepoRef("acme/model")),
        ("acme/model@v1", RepoRef("acme/model", revision="v1")),
        ("datasets/acme/data", RepoRef("acme/data", "dataset")),
        ("hf://acme/model", RepoRef("acme/model")),
        (
            "hf://spaces/acme/demo@dev/docs/README.md",
            RepoRef("acme/demo", "space", "dev", "docs/README.md"),
        ),
        ("https://huggingface.co/acme/model", RepoRef("acme/model")),
        ("https://huggingface.co/acme/model/tree/v1", RepoRef("acme/model", revision="v1")),
        (
            "https://huggingface.co/acme/model/tree/v1/sub",
            RepoRef("acme/model", revision="v1", filename="sub/README.md"),
        ),
        (
            "https://huggingface.co/acme/model/blob/v1/README.md",
            RepoRef("acme/model", revision="v1"),
        ),
        (
            "https://huggingface.co/acme/model/blob/refs%2Fpr%2F3/README.md",
            RepoRef("acme/model", revision="refs/pr/3"),
        ),
        (
            "https://huggingface.co/datasets/acme/data/resolve/main/README.md",
            RepoRef("acme/data", "dataset"),
        ),
        ("https://hf.co/acme/model", RepoRef("acme/model")),
    ],
)
def test_repository_arguments(argument: str, expected: RepoRef) -> None:
    assert parse_target(argument) == expected


@pytest.mark.parametrize(
    "argument",
    [
        "model",
        "a/b/c",
        "docs/README.md",
        "notes/card.MD",
        "https://github.com/acme/model",
        "-x/y",
        "acme/model/tree",
        "hf://acme",
    ],
)
def test_not_repositories(argument: str) -> None:
    assert parse_target(argument) is None


def test_options_fill_in_what_the_argument_does_not_say() -> None:
    assert parse_target("acme/model", "v2", "dataset") == RepoRef("acme/model", "dataset", "v2")
    assert parse_target("acme/model@v1", "v2", "dataset") == RepoRef("acme/model", "dataset", "v1")
    assert parse_target("spaces/acme/demo", None, "dataset") == RepoRef("acme/demo", "space")


def test_the_configured_endpoint_is_a_web_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:8123/")
    assert parse_target("http://127.0.0.1:8123/acme/model/tree/v1") == RepoRef(
        "acme/model", revision="v1"
    )


def test_authors() -> None:
    assert parse_author("acme/*") == "acme"
    assert parse_author("hf://acme/*") == "acme"
    assert parse_author("acme/model") is None


def test_display_round_trips() -> None:
    for ref in (
        RepoRef("acme/model"),
        RepoRef("acme/data", "dataset", "v1"),
        RepoRef("acme/demo", "space", "dev"),
    ):
        assert parse_target(ref.display) == ref
    assert (
        RepoRef("acme/model", filename="docs/README.md").display == "acme/model@main/docs/README.md"
    )
    assert (
        RepoRef("acme/data", "dataset").blob_url("https://hf.test/", "abc")
        == "https://hf.test/datasets/acme/data/blob/abc/README.md"
    )


def test_log_names_beside_the_card() -> None:
    files = [
        "README.md",
        "emissions.csv",
        "x_carbontracker_output.log",
        "cardlint-energy.jsonl",
        "sub/emissions.csv",
        "emissions.csv.bak",
    ]
    assert log_names(files, "README.md") == [
        "emissions.csv",
        "x_carbontracker_output.log",
        "cardlint-energy.jsonl",
    ]
    assert log_names(files, "sub/README.md") == ["sub/emissions.csv"]


@pytest.mark.parametrize(
    ("argument", "could"),
    [
        ("mydir/models", True),
        ("acme/model", True),
        ("datasets/acme/data", True),
        ("acme/model@v1", False),
        ("hf://acme/model", False),
        ("https://huggingface.co/acme/model", False),
    ],
)
def test_which_repository_names_could_be_a_mistyped_path(argument: str, could: bool) -> None:
    from cardlint.hub.refs import could_be_path

    ref = parse_target(argument)
    assert ref is not None and ref.argument == argument
    assert could_be_path(ref.argument) is could
