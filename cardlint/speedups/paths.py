"""Paths as strings, spelt and matched as ``PurePosixPath`` spells and matches them.

Checking a local card works on ``str`` paths: importing pathlib costs about 5 ms (it brings
urllib.parse and more), a noticeable share of checking one card. These helpers give the
strings pathlib gave before, so output and ``exclude``/``per-file-ignores`` matching stay as
they were. POSIX rules, as cardlint runs on Linux and macOS.
"""

import os


def _split(path: str) -> tuple[str, list[str]]:
    """The root ('', '/' or '//', as pathlib reads it) and the names, without empty or '.' ones."""
    root = "//" if path[:2] == "//" and path[2:3] != "/" else "/" if path[:1] == "/" else ""
    return root, [name for name in path.split("/") if name and name != "."]


def normal(path: str | os.PathLike[str]) -> str:
    """``str(PurePosixPath(path))``: ``./a//b/`` is ``a/b`` and an empty path is ``.``."""
    root, names = _split(os.fspath(path))
    return root + "/".join(names) or "."


def parent(path: str) -> str:
    """``str(PurePosixPath(path).parent)``: ``.`` for a bare name, the root for the root."""
    root, names = _split(path)
    return root + "/".join(names[:-1]) or "."


def name(path: str) -> str:
    """``PurePosixPath(path).name``: the last name, or '' when there is none (``/``, ``.``)."""
    names = _split(path)[1]
    return names[-1] if names else ""


def parts(path: str) -> list[str]:
    """``PurePosixPath(path).parts``: the root first when there is one, then the names."""
    root, names = _split(path)
    return [root, *names] if root else names


def relative_to(path: str, start: str) -> str | None:
    """``PurePosixPath(path).relative_to(start).as_posix()``, or None where that raises ValueError."""
    root, names = _split(path)
    start_root, start_names = _split(start)
    if root != start_root or names[: len(start_names)] != start_names:
        return None
    return "/".join(names[len(start_names) :]) or "."
