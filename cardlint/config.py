"""Configuration: ``.cardlint.toml`` or ``[tool.cardlint]`` in pyproject.toml, found by walking up.

Keys: ``select``, ``ignore``, ``exclude`` (globs) and ``per-file-ignores`` (glob -> codes).
Command-line ``--select``/``--ignore`` replace the file's values.
"""

import os
from functools import lru_cache
from typing import Any

from cardlint.settings import DEFAULT_OPTIONS, RunOptions, Settings
from cardlint.speedups.paths import parent

_KNOWN_KEYS = {"select", "ignore", "exclude", "per-file-ignores"}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file."""


def find_config(start: str | os.PathLike[str]) -> str | None:
    """The nearest ``.cardlint.toml``, or pyproject.toml with a ``[tool.cardlint]`` table, from ``start`` up."""
    start_text = os.fspath(start)
    directory = (
        start_text if os.path.isdir(start_text) else os.path.dirname(start_text) or os.curdir
    )
    return _find_in(
        _real_directory(os.path.abspath(directory))
        if ".." not in directory.split("/")
        else os.path.realpath(directory)
    )


@lru_cache(maxsize=4096)
def _real_directory(directory: str) -> str:
    """os.path.realpath of an absolute, normalised folder, one link check per folder not seen before."""
    parent, name = os.path.split(directory)
    if not name:
        return directory
    if os.path.islink(directory):
        return os.path.realpath(directory)
    return os.path.join(_real_directory(parent), name)


@lru_cache(maxsize=4096)
def _find_in(directory: str) -> str | None:
    dotfile = os.path.join(directory, ".cardlint.toml")
    if os.path.isfile(dotfile):
        return dotfile
    pyproject = os.path.join(directory, "pyproject.toml")
    if os.path.isfile(pyproject):
        with open(pyproject, encoding="utf-8", errors="replace") as handle:
            if "[tool.cardlint" in handle.read():
                return pyproject
    above = os.path.dirname(directory)
    return None if above == directory else _find_in(above)


@lru_cache(maxsize=64)
def load_config(path: str | os.PathLike[str]) -> Settings:
    """Settings from one configuration file."""
    path = os.fspath(path)
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    table: Any = (
        data
        if os.path.basename(path) == ".cardlint.toml"
        else data.get("tool", {}).get("cardlint", {})
    )
    unknown = set(table) - _KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown configuration key(s): {', '.join(sorted(unknown))}")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{path}: per-file-ignores must be a table of glob = [codes]")
    return Settings(
        select=_codes(path, table, "select", ("ALL",)),
        ignore=_codes(path, table, "ignore", ()),
        exclude=_codes(path, table, "exclude", ()),
        per_file_ignores=tuple(
            (glob, _as_tuple(path, glob, codes)) for glob, codes in per_file.items()
        ),
        root=parent(path),
    )


def settings_for(
    target: str | os.PathLike[str],
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
    options: RunOptions = DEFAULT_OPTIONS,
    use_config: bool = True,
) -> Settings:
    """The settings that apply to ``target``: its configuration file, then the command line's
    ``options`` and its ``select`` and ``ignore``, which replace the file's when given."""
    config = find_config(target) if use_config else None
    base = load_config(config) if config is not None else Settings(root=os.getcwd())
    return base._replace(
        select=base.select if select is None else select,
        ignore=base.ignore if ignore is None else ignore,
        options=options,
    )


def _codes(path: str, table: dict[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    return _as_tuple(path, key, table[key]) if key in table else default


def _as_tuple(path: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)
