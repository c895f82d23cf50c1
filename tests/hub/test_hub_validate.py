"""``cardlint check --hub-validate`` (MC801): the real huggingface_hub client posts each card to
the fake Hub's validation endpoint, which answers as a test programs it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fake_hub import FakeHub, FakeRepo, Fault, Verdict
from hubtest import BAD, Run, add_card
from support import CORPUS_CARDS, corpus_cards, needs_corpus

# a card the Hub rejects on three counts (the messages are those users met; see modelcard_fields.md)
CARD = """\
---
license: mit  # a comment the Hub must see too
language: no
datasets:
- /var/hf/images/
widget:
  text: I like you.
model-index:
- name: my-model
  results:
  - task:
      type: text-classification
    dataset:
      type: imdb
      name: IMDB
      config: 2021
    metrics:
    - type: accuracy
      value: 0.9
---
# My model
"""
CONFIG = '"model-index[0].results[0].dataset.config" must be a string'
DATASET = '"datasets[0]" with value "/var/hf/images/" is not valid. If possible, use a dataset id from https://hf.co/datasets.'
WIDGET = '"widget" must be an array'


def _card(folder: Path, text: str = CARD, name: str = "README.md") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_each_error_is_a_finding_at_the_field_its_path_names(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    _card(tmp_path)
    hub.judge(Verdict("my-model", [CONFIG, DATASET, WIDGET, "Invalid metadata"]))
    result = run("check", "--hub-validate", "--output-format", "concise", "README.md")
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = [line for line in result.stdout.splitlines() if " MC801 " in line]
    assert (
        lines
        == [
            "README.md:2:1: MC801 the Hub rejects this card: Invalid metadata",  # no path: the block's start
            f"README.md:5:3: MC801 the Hub rejects this card: {DATASET}",
            f"README.md:7:3: MC801 the Hub rejects this card: {WIDGET}",
            f"README.md:16:15: MC801 the Hub rejects this card: {CONFIG}",
        ]
    )
    # the file as it is (a push sends it so), not re-serialised: `no` stays Norwegian, the comment stays
    assert hub.validations() == [{"content": CARD, "repoType": "model"}]


def test_a_field_the_card_lacks_is_located_at_the_nearest_one_on_its_path(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    _card(tmp_path, CARD.replace("      name: IMDB\n", ""))
    hub.judge(
        Verdict(
            errors=[
                '"model-index[0].results[0].dataset.name" is required',
                '"base_model" is required',
            ]
        )
    )
    result = run(
        "check", "--hub-validate", "--select", "MC801", "--output-format", "json", "README.md"
    )
    assert result.returncode == 1, result.stderr
    found = [(d["location"]["row"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [
        (2, 'the Hub rejects this card: "base_model" is required'),
        (14, 'the Hub rejects this card: "model-index[0].results[0].dataset.name" is required'),
    ]


def test_warnings_are_notes_and_leave_the_exit_code_alone(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    _card(tmp_path, "---\n---\n# Empty metadata\n")
    hub.judge(Verdict(warnings=["Empty metadata"]))
    result = run("check", "--hub-validate", "--select", "MC801", "README.md")
    assert result.returncode == 0, result.stderr
    assert "README.md: the Hub's validation warns: Empty metadata" in result.stdout
    quiet = run("check", "--hub-validate", "--select", "MC801", "--quiet", "README.md")
    assert quiet.returncode == 0 and quiet.stdout == ""


def test_without_the_option_or_with_mc801_ignored_nothing_is_sent(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    _card(tmp_path)
    hub.judge(Verdict(errors=[WIDGET]))
    plain = run("check", "--select", "MC801", "README.md")
    ignored = run("check", "--hub-validate", "--ignore", "MC801", "--select", "MC", "README.md")
    assert plain.returncode == 0, plain.stderr
    assert "MC801" not in ignored.stdout, ignored.stdout
    assert hub.validations() == []
    assert hub.requests == []  # not even the probe


def test_an_inline_suppression_hides_the_hub_s_finding(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    _card(tmp_path, CARD.replace("I like you.\n", "I like you.  # cardlint: ignore[MC801]\n"))
    hub.judge(Verdict(errors=[WIDGET, CONFIG]))
    result = run(
        "check", "--hub-validate", "--select", "MC801", "--output-format", "concise", "README.md"
    )
    assert [line for line in result.stdout.splitlines() if "MC801" in line] == [
        f"README.md:16:15: MC801 the Hub rejects this card: {CONFIG}"
    ]


def test_the_repository_kind_is_sent_for_local_and_hub_cards(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    _card(tmp_path)
    hub.add(FakeRepo("acme/data", {"README.md": CARD.encode()}, repo_type="dataset"))
    add_card(hub, "acme/model", CARD)
    hub.judge(Verdict(errors=[CONFIG]))
    local = run(
        "check", "--hub-validate", "--repo-type", "dataset", "--select", "MC801", "README.md"
    )
    remote = run(
        "check",
        "--hub-validate",
        "--select",
        "MC801",
        "--output-format",
        "concise",
        "--concurrency",
        "1",
        "datasets/acme/data",
        "acme/model",
    )
    assert local.returncode == 1 and remote.returncode == 1, local.stderr + remote.stderr
    assert [body["repoType"] for body in hub.validations()] == ["dataset", "dataset", "model"]
    assert [line for line in remote.stdout.splitlines() if "MC801" in line] == [
        f"datasets/acme/data@main:16:15: MC801 the Hub rejects this card: {CONFIG}",
        f"acme/model@main:16:15: MC801 the Hub rejects this card: {CONFIG}",
    ]


def test_a_bom_is_sent_as_a_push_sends_it(hub: FakeHub, run: Run, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(b"\xef\xbb\xbf" + CARD.encode())
    run("check", "--hub-validate", "README.md")
    assert [body["content"] for body in hub.validations()] == ["\ufeff" + CARD]


@pytest.mark.parametrize(
    ("status", "headers", "says"),
    [
        (429, {"Retry-After": "0"}, "rate-limited by the Hub (429), also after retrying"),
        (503, {}, "the Hub answered 503 (server error), also after retrying: try again later"),
        (401, {}, "the Hub needs a token for this (401)"),
    ],
)
def test_an_endpoint_that_fails_gives_one_line_per_card_and_exit_2(
    hub: FakeHub, run: Run, tmp_path: Path, status: int, headers: dict[str, str], says: str
) -> None:
    _card(tmp_path / "a", BAD)
    _card(tmp_path / "b", BAD)
    hub.inject(Fault("POST", "/api/validate-yaml", status, times=6, headers=headers))
    result = run("check", "--hub-validate", "--output-format", "concise", "a", "b")
    assert result.returncode == 2
    lines = sorted(result.stderr.splitlines())
    assert [line.split(": not validated by the Hub: ")[0] for line in lines] == [
        f"cardlint: {Path('a', 'README.md')}",
        f"cardlint: {Path('b', 'README.md')}",
    ]
    assert all(says in line for line in lines), lines
    # the local findings are still reported
    assert result.stdout.count(": CO2101 ") == 2


def test_a_transient_failure_is_retried(hub: FakeHub, run: Run, tmp_path: Path) -> None:
    _card(tmp_path)
    hub.judge(Verdict(errors=[WIDGET]))
    hub.inject(Fault("POST", "/api/validate-yaml", 502, times=1))
    result = run("check", "--hub-validate", "--select", "MC801", "README.md")
    assert result.returncode == 1, result.stderr
    assert len(hub.validations()) == 2


def test_a_time_out_is_one_line(hub: FakeHub, run: Run, tmp_path: Path) -> None:
    _card(tmp_path)
    hub.inject(Fault("POST", "/api/validate-yaml", delay=1.5, times=3))  # HF_HUB_ETAG_TIMEOUT=1
    result = run("check", "--hub-validate", "README.md")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "cardlint: README.md: not validated by the Hub: timed out waiting for the Hub, also on retry"
    )
    assert len(result.stderr.splitlines()) == 1


def test_a_400_without_errors_is_an_endpoint_failure(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    _card(tmp_path)
    hub.inject(Fault("POST", "/api/validate-yaml", 400))
    result = run("check", "--hub-validate", "README.md")
    assert result.returncode == 2
    assert result.stderr == (
        'cardlint: README.md: not validated by the Hub: the Hub\'s validation endpoint answered 400: {"error": "injected"}\n'
    )


def test_an_unreachable_hub_stops_the_run_at_once_in_one_line(run: Run, tmp_path: Path) -> None:
    with FakeHub() as stopped:
        endpoint = stopped.url
    _card(tmp_path)
    start = time.monotonic()
    result = run("check", "--hub-validate", "README.md", env={"HF_ENDPOINT": endpoint})
    elapsed = time.monotonic() - start
    assert elapsed < 5, f"took {elapsed:.1f} s"  # a hang check, as for a Hub target
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"cardlint: error: cannot reach the Hub at {endpoint} (ConnectError), also on retry; "
        "--hub-validate needs the Hub, not checked: README.md\n"
    )


def test_offline_mode_is_one_line(hub: FakeHub, run: Run, tmp_path: Path) -> None:
    _card(tmp_path)
    result = run("check", "--hub-validate", "README.md", env={"HF_HUB_OFFLINE": "1"})
    assert result.returncode == 2
    assert result.stderr == (
        "cardlint: error: HF_HUB_OFFLINE is set, and --hub-validate asks the Hub; "
        "--hub-validate needs the Hub, not checked: README.md\n"
    )
    assert hub.requests == []


@pytest.mark.parametrize("args", [("fix",), ("check", "--fix"), ("check", "--diff")])
def test_fixing_with_hub_validate_is_a_usage_error(
    hub: FakeHub, run: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    _card(tmp_path)
    result = run(*args, "--hub-validate", "README.md")
    assert result.returncode == 2
    assert (
        "--hub-validate reports what the Hub rejects: use it with `cardlint check`" in result.stderr
    )
    assert hub.requests == []


@needs_corpus
def test_every_real_card_is_sent_as_it_is(hub: FakeHub, run: Run) -> None:
    """The 117 cards of the corpus: each posted once, its text unchanged (a BOM kept), no crash."""
    hub.judge(Verdict(errors=[WIDGET]))
    result = run(
        "check", "--hub-validate", "--select", "MC801", "--output-format", "json", str(CORPUS_CARDS)
    )
    assert result.returncode == 1, result.stderr
    sent = sorted(body["content"] for body in hub.validations())
    assert sent == sorted(card.read_bytes().decode("utf-8") for card in corpus_cards())
    assert {body["repoType"] for body in hub.validations()} == {"model"}
    # a card without `widget` has the finding at its block's start
    assert len(json.loads(result.stdout)) == len(corpus_cards())
