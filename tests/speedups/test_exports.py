"""speedups.exports: a package's lazy names are the objects its eager imports would bind."""

import ast
import importlib
from pathlib import Path

import pytest
from support import REPO

PACKAGES = sorted(
    path
    for path in (REPO / "cardlint").rglob("__init__.py")
    if "lazy_exports(" in path.read_text(encoding="utf-8")
)


def _eager_imports(init: Path) -> list[tuple[str, str]]:
    """(module, name) of each ``from .module import name`` under ``if TYPE_CHECKING:``: the
    imports a type checker reads, and the package would run were it eager."""
    found = []
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.level == 1
                found += [(str(statement.module), alias.name) for alias in statement.names]
    return found


def _package(init: Path) -> str:
    return ".".join(init.parent.relative_to(REPO).parts)


def test_the_packages_are_found() -> None:
    assert {_package(path) for path in PACKAGES} >= {"cardlint.hub", "cardlint.logs"}


@pytest.mark.parametrize("init", PACKAGES, ids=_package)
def test_each_name_is_the_module_s_own(init: Path) -> None:
    package = importlib.import_module(_package(init))
    imports = _eager_imports(init)
    assert imports
    for module, name in imports:
        expected = getattr(importlib.import_module(f"{package.__name__}.{module}"), name)
        assert getattr(package, name) is expected, f"{package.__name__}.{name}"


@pytest.mark.parametrize("init", PACKAGES, ids=_package)
def test_an_unknown_name_fails_as_on_any_module(init: Path) -> None:
    package = importlib.import_module(_package(init))
    with pytest.raises(AttributeError) as lazy:
        package.no_such_name  # noqa: B018
    with pytest.raises(AttributeError) as plain:
        importlib.import_module("cardlint.exit_codes").no_such_name  # noqa: B018
    assert str(lazy.value) == str(plain.value).replace("cardlint.exit_codes", package.__name__)
