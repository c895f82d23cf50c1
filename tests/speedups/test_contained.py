"""Every speedup stands alone and has its own equivalence test module beside this one."""

import ast
from pathlib import Path

import pytest
from support import REPO

SPEEDUPS = sorted(
    path for path in (REPO / "cardlint" / "speedups").glob("*.py") if path.name != "__init__.py"
)


def test_the_speedups_are_found() -> None:
    assert {path.stem for path in SPEEDUPS} >= {"paths", "yaml_plain", "json_schema"}


@pytest.mark.parametrize("path", SPEEDUPS, ids=lambda p: p.stem)
def test_each_speedup_has_a_test_module(path: Path) -> None:
    assert (Path(__file__).parent / f"test_{path.stem}.py").is_file()


@pytest.mark.parametrize("path", SPEEDUPS, ids=lambda p: p.stem)
def test_a_speedup_imports_nothing_from_cardlint(path: Path) -> None:
    """So that it can be tested against what it replaces alone, and any part may use it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    assert not [name for name in imported if name is None or name.startswith("cardlint")]
