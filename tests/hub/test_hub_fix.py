"""``cardlint fix org/model``: fix the downloaded card and push it as a pull request (or a commit), or show the diff."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from fake_hub import FakeHub, FakeRepo
from hubtest import BAD, GOOD, TOKEN, Run, add_card

from cardlint.fixer.apply import fix_path
from cardlint.hub.client import PR_TITLE

# A BOM, CRLF line endings, a comment, other metadata and a body: all must survive byte for byte.
CARD = (
    b'\xef\xbb\xbf---\r\nlicense: mit\r\nco2_eq_emissions:\r\n  emissions: "1.2 kg"  # from CodeCarbon\r\n'
    b"  training_type: Fine-tuning\r\ntags: [a, b]\r\n---\r\n# Model\r\n\r\nTrained on *things*.\r\n"
)
ENV = {"HF_TOKEN": TOKEN}


def _expected(tmp_path: Path) -> bytes:
    """What ``cardlint fix`` makes of CARD on disk."""
    local = tmp_path / "local" / "README.md"
    local.parent.mkdir()
    local.write_bytes(CARD)
    assert fix_path(local).fixed == 2
    return local.read_bytes()


def _uploaded(commit: dict[str, object]) -> dict[str, bytes]:
    operations = commit["operations"]
    assert isinstance(operations, list)
    return {op["value"]["path"]: base64.b64decode(op["value"]["content"]) for op in operations}


def test_create_pr_uploads_exactly_the_fixed_card(
    hub: FakeHub, run: Run, tmp_path: Path, hf_home: Path
) -> None:
    repo = hub.add(FakeRepo("acme/bad", {"README.md": CARD, "model.safetensors": b"\x00" * 64}))
    head = repo.refs["main"]
    result = run("fix", "--create-pr", "acme/bad", env=ENV)
    assert result.returncode == 1, result.stderr  # three warnings remain
    assert "acme/bad@main:3:1: CO2301" in result.stdout and "CO2101" not in result.stdout
    assert (
        result.stderr
        == f"cardlint: acme/bad@main: opened pull request {hub.url}/acme/bad/discussions/1\n"
    )
    [commit] = hub.commits
    assert commit["create_pr"] is True and commit["revision"] == "main"
    header = commit["header"]
    assert isinstance(header, dict)
    assert header["summary"] == PR_TITLE
    assert header["parentCommit"] == head
    assert "- line 4, CO2101 `emissions-not-a-number`" in header["description"]
    assert "- line 5, CO2202 `training-type-unknown`" in header["description"]
    assert _uploaded(commit) == {"README.md": _expected(tmp_path)}
    assert repo.commits[repo.refs["refs/pr/1"]]["model.safetensors"] == b"\x00" * 64
    assert repo.refs["main"] == head  # a pull request leaves main alone
    cached = [path.read_bytes() for path in hf_home.rglob("README.md")]
    assert cached == [CARD]  # the user's cache is never written


def test_commit_pushes_to_the_branch(hub: FakeHub, run: Run) -> None:
    repo = add_card(hub, "acme/bad", BAD)
    result = run("fix", "--commit", "acme/bad", env=ENV)
    [commit] = hub.commits
    assert commit["create_pr"] is False
    assert (
        result.stderr
        == f"cardlint: acme/bad@main: committed {hub.url}/acme/bad/commit/{repo.refs['main']}\n"
    )
    assert b"emissions: 1200\n" in repo.commits[repo.refs["main"]]["README.md"]


def test_diff_shows_the_fix_and_pushes_nothing(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/bad", BAD)
    add_card(hub, "acme/good", GOOD)
    result = run("fix", "--diff", "--create-pr", "acme/bad", "acme/good", env=ENV)
    assert result.stdout.startswith("--- a/acme/bad@main\n+++ b/acme/bad@main\n")
    assert (
        '-  emissions: "1.2 kg"\n-  training_type: Fine-tuning\n+  emissions: 1200\n+  training_type: fine-tuning\n'
        in result.stdout
    )
    assert "acme/good" not in result.stdout
    assert result.returncode == 1 and result.stderr == "Would fix 2 findings in 1 file.\n"
    as_json = json.loads(
        run("fix", "--diff", "--output-format", "json", "acme/bad", "acme/good", env=ENV).stdout
    )
    [change] = as_json["changes"]
    assert change["filename"] == "acme/bad@main"
    assert {
        "content": "1200",
        "location": {"row": 3, "column": 14},
        "end_location": {"row": 3, "column": 22},
    } in change["edits"]
    assert hub.commits == []
    assert not any(r.method == "POST" for r in hub.requests)


def test_fix_without_a_push_option_is_a_usage_error(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/bad", BAD)
    result = run("fix", "acme/bad")
    assert result.returncode == 2
    assert result.stderr == (
        "cardlint: error: fixing a Hub repository pushes a change: "
        "add --create-pr (a pull request), --commit (owners) or --diff (show it)\n"
    )
    assert hub.requests == []
    for args, message in (
        (("fix", "--create-pr", "--commit", "acme/bad"), "choose one of --create-pr and --commit"),
        (
            ("check", "--create-pr", "acme/bad"),
            "--create-pr and --commit push fixes: use them with `cardlint fix` (or check --fix)",
        ),
    ):
        other = run(*args)
        assert (other.returncode, other.stderr) == (2, f"cardlint: error: {message}\n")


def test_nothing_to_fix_pushes_nothing(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/good", GOOD)
    result = run("check", "--fix", "--create-pr", "acme/good", env=ENV)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert hub.commits == []
