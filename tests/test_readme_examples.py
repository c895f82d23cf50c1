"""Every example whose output the README or a page of docs/ shows is run, and its output must be what is shown.

An example is a fenced ``sh`` block followed (blank lines apart) by a fenced ``text`` block with
its output, or a ``console`` block of ``$ command`` lines, each followed by its output. Each runs
in a fresh empty folder holding a copy of the repository's ``examples/`` folder (so commands are
written as run from the repository's root), with the
``cardlint`` beside this Python first on PATH, no colour, no network for the Hub client, and
stdout and stderr merged in the order they were written (as on a terminal); an ``sh`` block runs
as one bash script, so ``printf ... > README.md`` lines set up its files.

In the expected output a line ``...`` stands for any number of lines, and a line ending in
``...`` for one line that starts with what comes before it. An HTML comment on the line before an
example changes how it runs (it is not shown on GitHub, and it is plain in the page's source):

- ``<!-- example: skip: REASON -->``: not run, reported as skipped with its reason (network, GPU);
- ``<!-- example: copy PATH ... -->``: also copy these repository files or folders into the folder.

Run ``python tests/test_readme_examples.py`` to check the README and every page of docs/ and
print, for each example that fails, the output it gives now.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```[ \t]*\n", re.M | re.S)
# on the line right before the fence
DIRECTIVE = re.compile(r"<!--[ \t]*example:[ \t]*([^\n]*?)[ \t]*-->[ \t]*\n$")
TIMEOUT_S = 120


class Example(NamedTuple):
    """One runnable example of the README or a page of docs/."""

    page: str  # its file, relative to the repository
    line: int  # of its opening fence
    commands: list[str]  # one bash script per entry
    expected: str
    skip: str | None = None  # why it is not run
    copies: tuple[str, ...] = ()  # repository paths copied into its folder

    @property
    def name(self) -> str:
        first = self.commands[0].strip().splitlines()[-1] if self.commands else ""
        return f"{self.page}:{self.line}: {first[:60]}"


def examples(text: str, page: str = "README.md") -> list[Example]:
    """The examples of a page's text, in order."""
    fences = list(FENCE.finditer(text))
    found = []
    for index, fence in enumerate(fences):
        language, body = fence.group(1), fence.group(2)
        following = fences[index + 1] if index + 1 < len(fences) else None
        if (
            language == "sh"
            and following
            and following.group(1) == "text"
            and not text[fence.end() : following.start()].strip()
        ):
            commands, expected = [body], following.group(2)
        elif language == "console" and body.startswith("$ "):
            commands, expected = _console(body)
        else:
            continue
        skip, copies = _directive(text[: fence.start()])
        found.append(
            Example(page, text.count("\n", 0, fence.start()) + 1, commands, expected, skip, copies)
        )
    return found


def _console(body: str) -> tuple[list[str], str]:
    """The ``$`` commands of a console block, and the output lines between them."""
    commands, output = [], []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            commands.append(line[2:])
        else:
            output.append(line)
    return commands, "".join(output)


def _directive(before: str) -> tuple[str | None, tuple[str, ...]]:
    match = DIRECTIVE.search(before[-500:])
    if match is None:
        return None, ()
    words = match.group(1)
    if words.startswith("skip:"):
        return words[len("skip:") :].strip(), ()
    if words.startswith("copy "):
        return None, tuple(words[len("copy ") :].split())
    raise ValueError(f"unknown example directive: {words!r}")


def run(example: Example, folder: Path) -> str:
    """Run the example's commands in ``folder`` (set up here) and return their merged output."""
    shutil.copytree(REPO / "examples", folder / "examples")
    for path in example.copies:
        source, target = REPO / path, folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "FORCE_COLOR", "HF_TOKEN")
    }
    env.update(
        PATH=os.pathsep.join((str(Path(sys.executable).parent), env.get("PATH", ""))),
        NO_COLOR="1",
        COLUMNS="100",
        PYTHONUNBUFFERED="1",  # stdout and stderr in the order they are written, as on a terminal
        HF_HUB_OFFLINE="1",
        HF_HOME=str(folder / ".hf-home"),
        TZ="UTC",
    )
    output = []
    for command in example.commands:
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=TIMEOUT_S,
        )
        output.append(result.stdout)
    return "".join(output)


def matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` is ``expected``, with ``...`` lines for any lines and a trailing ``...`` for the rest of a line."""
    want = [line.rstrip() for line in expected.rstrip("\n").splitlines()]
    got = [line.rstrip() for line in actual.rstrip("\n").splitlines()]
    return _match(want, got)


def _match(want: list[str], got: list[str]) -> bool:
    if not want:
        return not got
    head = want[0]
    if head == "...":
        return any(_match(want[1:], got[skip:]) for skip in range(len(got) + 1))
    if not got:
        return False
    line_ok = got[0].startswith(head[:-3]) if head.endswith("...") else got[0] == head
    return line_ok and _match(want[1:], got[1:])


ALL = [
    example
    for path in PAGES
    for example in examples(path.read_text(encoding="utf-8"), path.relative_to(REPO).as_posix())
]


def runnable(page: str | None = None) -> list[Example]:
    """The examples that run (of one page, or of all)."""
    return [e for e in ALL if e.skip is None and page in (None, e.page)]


def test_the_readme_has_examples_to_run() -> None:
    assert len(runnable("README.md")) >= 4  # the tour: check, fix, a log, GitHub annotations


def test_the_docs_keep_their_examples() -> None:
    """The README's 11 runnable examples of before the docs/ pages still run, wherever they moved."""
    assert len(runnable()) - len(runnable("README.md")) >= 11
    assert {"docs/checking.md", "docs/fixing.md", "docs/logs.md", "docs/locations.md"} <= {
        e.page for e in runnable()
    }


@pytest.mark.parametrize("example", ALL, ids=[example.name for example in ALL])
def test_readme_example(example: Example, tmp_path: Path) -> None:
    if example.skip is not None:
        pytest.skip(example.skip)
    actual = run(example, tmp_path)
    assert matches(example.expected, actual), (
        f"{example.name}: the page shows\n{example.expected}\nbut it prints\n{actual}"
    )


@pytest.mark.parametrize(
    ("expected", "actual", "same"),
    [
        ("a\nb\n", "a\nb\n", True),
        ("a\nb\n", "a\nc\n", False),
        ("a\n...\nd\n", "a\nb\nc\nd\n", True),
        ("a\n...\nd\n", "a\nd\n", True),
        ("a\n...\nd\n", "a\nb\n", False),
        ("write one: x, ...\n", "write one: x, y, z\n", True),
        ("write one: x, ...\n", "write two: x\n", False),
        ("a\n", "a\nextra\n", False),
        ("a  \n\n", "a\n", True),  # trailing blanks and blank lines at the end do not count
    ],
)
def test_matching(expected: str, actual: str, same: bool) -> None:
    assert matches(expected, actual) is same


def test_examples_are_found_with_their_directives() -> None:
    text = (
        "```sh\necho hi\n```\n\n```text\nhi\n```\n"
        "<!-- example: skip: needs a GPU -->\n```console\n$ nvidia-smi\nGPU 0\n```\n"
        "<!-- example: copy tests/cases -->\n```sh\nls\n```\n```text\nexamples\n```\n"
        "```sh\nno output shown\n```\n\n```python\nprint(1)\n```\n"
    )
    found = examples(text, "docs/x.md")
    assert [(e.page, e.line, e.commands, e.expected, e.skip, e.copies) for e in found] == [
        ("docs/x.md", 1, ["echo hi\n"], "hi\n", None, ()),
        ("docs/x.md", 9, ["nvidia-smi\n"], "GPU 0\n", "needs a GPU", ()),
        ("docs/x.md", 14, ["ls\n"], "examples\n", None, ("tests/cases",)),
    ]
    assert found[0].name == "docs/x.md:1: echo hi"


def main() -> int:
    """Run every example of the README and docs/; print the failing ones with what they print now."""
    import tempfile

    failed = 0
    for example in ALL:
        if example.skip is not None:
            print(f"skipped  {example.name} ({example.skip})")
            continue
        with tempfile.TemporaryDirectory() as folder:
            actual = run(example, Path(folder))
        if matches(example.expected, actual):
            print(f"ok       {example.name}")
        else:
            failed += 1
            print(f"FAILED   {example.name}; it prints now:\n{actual}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
