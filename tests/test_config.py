"""Finding the configuration file: from the card's real folder up, as Path.resolve() would walk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cardlint.config import find_config


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    config = tmp_path / "a" / ".cardlint.toml"
    (tmp_path / "a" / "models" / "one").mkdir(parents=True)
    config.write_text('ignore = ["CO2"]\n', encoding="utf-8")
    (tmp_path / "a" / "models" / "one" / "README.md").write_text("# card\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    return tmp_path, config


def test_found_from_a_file_a_folder_and_a_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, config = _tree(tmp_path)
    assert find_config(root / "a" / "models" / "one" / "README.md") == str(config)
    assert find_config(root / "a" / "models") == str(config)
    monkeypatch.chdir(root / "a" / "models" / "one")
    assert find_config(Path("README.md")) == str(config)
    assert find_config(root / "b") is None


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_linked_folder_uses_the_configuration_of_its_target(tmp_path: Path) -> None:
    root, config = _tree(tmp_path)
    (root / "b" / "linked").symlink_to(root / "a" / "models" / "one", target_is_directory=True)
    assert find_config(root / "b" / "linked" / "README.md") == str(config)
    assert find_config(root / "b" / "linked" / ".." / "linked" / "README.md") == str(config)


def test_pyproject_counts_only_with_a_cardlint_table(tmp_path: Path) -> None:
    (tmp_path / "other" / "y").mkdir(parents=True)
    (tmp_path / "other" / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")
    assert find_config(tmp_path / "other" / "y") is None
    (tmp_path / "ours" / "y").mkdir(parents=True)
    (tmp_path / "ours" / "pyproject.toml").write_text(
        "[tool.cardlint]\nselect = ['CO2']\n", encoding="utf-8"
    )
    assert find_config(tmp_path / "ours" / "y") == str(tmp_path / "ours" / "pyproject.toml")
