"""The pre-commit hooks (.pre-commit-hooks.yaml): the manifest, the ``files`` regex, and real runs.

The real runs use ``pre-commit try-repo`` on a committed snapshot of this working tree (tracked
and untracked files, less what .gitignore ignores): try-repo on a dirty checkout carries only the
changes to tracked files, so new files would be missing. pre-commit pip-installs the snapshot into
its own environment (network to the package index), once: one try-repo runs both hooks. Those
tests are marked ``slow`` and run by default.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import REPO

MANIFEST = REPO / ".pre-commit-hooks.yaml"
HOOKS: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
needs_pre_commit = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None,
    reason="pre-commit is not installed (pip install '.[test]')",
)
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "cardlint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "cardlint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}

BAD = (
    '---\nco2_eq_emissions:\n  emissions: "1.2 kg"\n  source: CodeCarbon\n  training_type: Fine-tuning\n'
    "  geographical_location: Quebec, Canada\n  hardware_used: 1 x NVIDIA A100-SXM4-80GB\n---\n# Model\n"
)
FIXED = BAD.replace('"1.2 kg"', "1200").replace("Fine-tuning", "fine-tuning")

SELECTED = [
    "README.md",
    "models/bert/README.md",
    "a/b/c/README.md",
    "with space/README.md",
    ".github/README.md",
]
NOT_SELECTED = [
    "readme.md",  # the Hub reads README.md only
    "Readme.md",
    "README.MD",
    "models/readme.md",
    "README.markdown",
    "README.md.bak",
    "README.mdx",
    "README.txt",
    "NOTREADME.md",
    "my-README.md",
    "docs/index.md",
    "CHANGELOG.md",
]


def selected(hook: dict[str, Any], path: str) -> bool:
    """Whether pre-commit would pass ``path`` to ``hook`` (its ``files`` regex and ``types``)."""
    identify = pytest.importorskip("identify.identify")
    tags = identify.tags_from_filename(path)
    return re.search(hook["files"], path) is not None and set(hook["types"]) <= tags


@pytest.mark.parametrize("hook_id", ["cardlint", "cardlint-fix"])
def test_files_regex_selects_readme_md_only(hook_id: str) -> None:
    [hook] = [hook for hook in HOOKS if hook["id"] == hook_id]
    assert [path for path in SELECTED if not selected(hook, path)] == []
    assert [path for path in NOT_SELECTED if selected(hook, path)] == []


def test_hooks() -> None:
    assert {hook["id"]: hook["entry"] for hook in HOOKS} == {
        "cardlint": "cardlint check",
        "cardlint-fix": "cardlint fix",
    }
    assert all(hook["language"] == "python" and hook.get("pass_filenames", True) for hook in HOOKS)


@needs_pre_commit
def test_manifest_is_valid() -> None:
    done = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(MANIFEST)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_IDENTITY},
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-commit git repository holding this working tree, as try-repo needs it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed: pre-commit needs it")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        timeout=120,
    )
    if listed.returncode != 0:
        pytest.skip(
            f"{REPO} is not a git checkout: {listed.stderr.decode(errors='replace').strip()}"
        )
    snapshot = tmp_path_factory.mktemp("cardlint-snapshot")
    for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the working tree is still listed
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot of the working tree")
    return snapshot


def model_repo(root: Path) -> Path:
    """A committed model repository: a good card, a bad one, and bad cards the hooks must skip."""
    cards = {
        "README.md": FIXED,
        "models/bad/README.md": BAD,
        "notes/readme.md": BAD,
        "CHANGELOG.md": BAD,
    }
    for name, text in cards.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "cards")
    return root


@pytest.fixture(scope="module")
def both_hooks(
    tmp_path_factory: pytest.TempPathFactory, hook_repo: Path
) -> tuple[Path, dict[str, str], int]:
    """Run ``pre-commit try-repo SNAPSHOT --all-files`` (both hooks, ``cardlint`` first) once.

    try-repo builds the hook environment in a store of its own that it deletes afterwards (it
    ignores ``PRE_COMMIT_HOME``), so one invocation for both hooks builds it once. Returns the
    model repository, each hook's section of the output, and the exit code.
    """
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    model = model_repo(tmp_path_factory.mktemp("model"))
    env = {
        **os.environ,
        **GIT_IDENTITY,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)  # cardlint would print workflow commands
    done = subprocess.run(
        [*PRE_COMMIT, "try-repo", str(hook_repo), "--all-files", "--color", "never"],
        cwd=model,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = done.stdout + done.stderr
    check_start, fix_start = output.find("\ncardlint."), output.find("\ncardlint fix.")
    assert 0 <= check_start < fix_start, output
    return (
        model,
        {"cardlint": output[check_start:fix_start], "cardlint-fix": output[fix_start:]},
        done.returncode,
    )


@pytest.mark.slow
def test_check_hook_fails_on_a_bad_card(both_hooks: tuple[Path, dict[str, str], int]) -> None:
    model, sections, returncode = both_hooks
    output = sections["cardlint"]
    assert returncode == 1
    assert re.search(r"^cardlint\.+Failed$", output, re.MULTILINE), output
    assert "- exit code: 1" in output and "files were modified" not in output
    assert 'models/bad/README.md:3:14: CO2101 [*] emissions is the string "1.2 kg"' in output
    assert "models/bad/README.md:5:18: CO2202" in output
    assert "Found 2 problems (2 errors)." in output
    assert "notes/readme.md" not in output and "CHANGELOG.md" not in output


@pytest.mark.slow
def test_fix_hook_fixes_the_card_and_fails_the_commit(
    both_hooks: tuple[Path, dict[str, str], int],
) -> None:
    model, sections, returncode = both_hooks
    output = sections["cardlint-fix"]
    assert returncode == 1
    assert re.search(r"^cardlint fix\.+Failed$", output, re.MULTILINE), output
    assert "- files were modified by this hook" in output
    assert "Fixed 2 findings (0 remaining)." in output
    assert (model / "models/bad/README.md").read_text(encoding="utf-8") == FIXED
    assert (model / "README.md").read_text(encoding="utf-8") == FIXED
    assert (model / "notes/readme.md").read_text(encoding="utf-8") == BAD
    assert (model / "CHANGELOG.md").read_text(encoding="utf-8") == BAD
