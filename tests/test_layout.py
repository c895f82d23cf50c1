"""Import boundaries between the package's parts, read from the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from support import REPO

PACKAGE = REPO / "cardlint"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(REPO).with_suffix("").parts
    package = parts[:-1]  # what a relative import of level 1 names, for a module and for __init__
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(filter(None, (base, node.module or "")))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _files(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _files("commands"), ids=lambda p: p.name)
def test_commands_do_not_import_the_cli(path: Path) -> None:
    """The CLI imports the commands; a command importing the CLI back would be a cycle."""
    assert not {name for name in _imports(path) if name.startswith("cardlint.cli")}


@pytest.mark.parametrize("path", _files("energy"), ids=lambda p: p.name)
def test_the_energy_core_imports_nothing_from_the_linter(path: Path) -> None:
    """The measurement core stands alone, so other tools can share it."""
    outside = {
        name
        for name in _imports(path)
        if name.startswith("cardlint.") and not name.startswith("cardlint.energy")
    }
    assert not outside


RULE_MODULES = {path.stem for path in _files("rules") if path.stem[:2] in ("cl", "co", "mc")}


@pytest.mark.parametrize(
    "path", [p for p in _files("rules") if p.name != "__init__.py"], ids=lambda p: p.name
)
def test_no_rule_module_imports_another(path: Path) -> None:
    """What rules share lives in the shared modules (rules/_helpers.py, _emissions_fix.py, ...);
    only the registry (rules/__init__.py) imports the rule modules, by name, when a card needs them."""
    assert not {
        name
        for name in _imports(path)
        if name.split(".")[:2] == ["cardlint", "rules"]
        and (set(name.split(".")[2:3]) | {name.rsplit(".", 1)[-1]}) & RULE_MODULES
    }


def test_the_boundary_check_sees_imports() -> None:
    """The scan finds an import of the CLI where there is one (so the tests above can fail)."""
    assert "cardlint.cli" in _imports(PACKAGE / "__main__.py")
    assert "cardlint.exit_codes" in _imports(PACKAGE / "commands" / "check.py")
    assert "cardlint.rules.base.Rule" in _imports(PACKAGE / "rules" / "co2003_unknown_key.py")
    assert len(RULE_MODULES) == 51
