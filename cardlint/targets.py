"""Turn command-line targets into README files to lint."""

import fnmatch
import os
from typing import NamedTuple

from cardlint.speedups.paths import name, normal

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        "site-packages",
        ".cache",
    }
)
README_NAME = "README.md"


class Target(NamedTuple):
    """One local file to lint, spelt as pathlib spells it."""

    path: str


def find_cards(
    directory: str | os.PathLike[str], include: tuple[str, ...] = (README_NAME,)
) -> list[str]:
    """Files under ``directory`` whose names match ``include`` (README.md by default), skipping VCS
    folders, virtual environments and node_modules; spelt as pathlib spells them (``README.md``
    rather than ``./README.md``)."""
    found: list[str] = []
    for root, dirs, files in os.walk(normal(directory)):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED_DIRS and not os.path.exists(os.path.join(root, d, "pyvenv.cfg"))
        )
        found.extend(
            normal(os.path.join(root, file))
            for file in sorted(files)
            if any(fnmatch.fnmatchcase(file, glob) for glob in include)
        )
    return found


def expand(
    arguments: list[str], include: tuple[str, ...] = (README_NAME,)
) -> tuple[list[Target], list[str]]:
    """Local targets for each argument, and the arguments that are neither a file nor a folder."""
    targets: list[Target] = []
    missing: list[str] = []
    for argument in arguments:
        path = normal(argument)
        if os.path.isdir(path) and not name(path) == README_NAME:
            cards = find_cards(path, include)
            if not cards and include == (README_NAME,):
                cards = _markdown_instead(path)
            targets.extend(Target(found) for found in cards)
        elif os.path.lexists(path):
            targets.append(Target(path))
        else:
            missing.append(argument)
    return targets, missing


def _markdown_instead(directory: str) -> list[str]:
    """A folder with no README.md (a collection of cards under other names): its Markdown files."""
    import sys

    found = find_cards(directory, ("*.md",))
    what = (
        f"checking its {len(found)} Markdown files instead"
        if found
        else "and no other Markdown file"
    )
    sys.stderr.write(f"cardlint: no README.md under {directory}: {what}\n")
    return found
