"""One annotation style across cardlint: annotations are evaluated (no ``from __future__ import
annotations``, which makes typing.NamedTuple compile every field's annotation: see
test_startup.py), written with PEP 604 unions, and quoted only where a name is not bound when
Python evaluates them (a forward reference, or a name imported for type checking only).

The scan below follows each module's statements in order, as Python runs them: which names
are bound when a ``def`` or a class-level annotation is evaluated.
"""

import ast
import builtins
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import REPO

MODULES = sorted((REPO / "cardlint").rglob("*.py"))
_BUILTINS = frozenset(dir(builtins)) | {"__name__", "__file__", "__doc__", "__spec__"}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _bound_by(node: ast.stmt) -> set[str]:
    """Names a statement binds in its own scope (imports under TYPE_CHECKING bind none)."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        return set().union(*map(_bound_by, node.orelse))
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    found: set[str] = set()
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt):
            found |= _bound_by(child)
        elif not isinstance(child, ast.expr_context):
            found |= {
                n.id
                for n in ast.walk(child)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            }
    return found


def _arguments(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    args = function.args
    extra = [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    return [*args.posonlyargs, *args.args, *args.kwonlyargs, *extra]


def _signature(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    annotations = [arg.annotation for arg in _arguments(function)]
    return [a for a in (*annotations, function.returns) if a is not None]


def evaluated_annotations(
    body: list[ast.stmt], bound: frozenset[str], in_function: bool = False
) -> Iterator[tuple[ast.expr, frozenset[str]]]:
    """Each annotation Python evaluates while running ``body``, with the names bound then.

    A module's and a class's statements bind names one after another. A function may run before
    the module has run to its end (a decorator does), so a ``def`` inside it sees the names bound
    before the function's own ``def``, and the function's own names.
    """
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for annotation in _signature(node):
                yield annotation, bound
            inner = bound.union({arg.arg for arg in _arguments(node)}, *map(_bound_by, node.body))
            yield from evaluated_annotations(node.body, inner, in_function=True)
        elif isinstance(node, ast.ClassDef):
            yield from evaluated_annotations(node.body, bound, in_function)
        elif isinstance(node, ast.AnnAssign) and not in_function:  # a function's are not evaluated
            yield node.annotation, bound
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from evaluated_annotations(node.orelse, bound, in_function)
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for field in ("body", "handlers", "orelse", "finalbody"):
                for child in getattr(node, field, []):
                    inner_body = child.body if isinstance(child, ast.ExceptHandler) else [child]
                    yield from evaluated_annotations(inner_body, bound, in_function)
        if not in_function:
            bound = bound | _bound_by(node)


def _names(annotation: ast.expr) -> tuple[set[str], list[ast.Constant]]:
    """The names an annotation evaluates, and its quoted parts (not a ``Literal``'s strings)."""
    names: set[str] = set()
    quoted: list[ast.Constant] = []
    stack = [annotation]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("Literal"):
            stack.append(node.value)
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            quoted.append(node)
        elif isinstance(node, ast.Name):
            names.add(node.id)
        stack.extend(ast.iter_child_nodes(node))
    return names, quoted


def annotation_problems(source: str) -> list[str]:
    """Where an evaluated annotation names what is not bound yet, or quotes what needs no quotes."""
    problems = []
    tree = ast.parse(source)
    for annotation, bound in evaluated_annotations(tree.body, _BUILTINS):
        names, quoted = _names(annotation)
        where = f"line {annotation.lineno}: {ast.unparse(annotation)}"
        if names - bound:
            problems.append(f"{where}: {sorted(names - bound)} not bound when it is evaluated")
        for part in quoted:
            inner, _ = _names(ast.parse(part.value, mode="eval").body)
            if inner <= bound:
                problems.append(f"{where}: quoted, though {sorted(inner)} are bound")
    return problems


def _module(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")


@pytest.mark.parametrize("path", MODULES, ids=_module)
def test_annotations_are_evaluated_and_quoted_only_where_needed(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    postponed = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
    ]
    assert not postponed, (
        "remove 'from __future__ import annotations' (annotations are evaluated in cardlint), "
        "and quote an annotation only where a name in it is not bound yet"
    )
    assert annotation_problems(source) == []


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("def f(x: Later) -> None: ...\nclass Later: ...", "['Later'] not bound"),
        ("class C:\n    def f(self) -> C: ...", "['C'] not bound"),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from os import PathLike\ndef f(p: PathLike[str] | None) -> None: ...",
            "['PathLike'] not bound",
        ),
        ("class C:\n    def f(self) -> 'C | None': ...", None),
        ("def f(x: 'int') -> None: ...", "quoted, though ['int'] are bound"),
        ("def f(x: list['int']) -> None: ...", "quoted, though ['int'] are bound"),
        ("from typing import Literal\ndef f(x: Literal['int']) -> None: ...", None),
        ("def f() -> None:\n    x: Later = 1\nclass Later: ...", None),
        (
            "def f() -> None:\n    def g(x: Later) -> None: ...\nf()\nclass Later: ...",
            "['Later'] not bound",
        ),
        ("class Later: ...\ndef f() -> None:\n    def g(x: Later) -> None: ...\nf()", None),
        ("class A:\n    x: B\nclass B: ...", "['B'] not bound"),
    ],
)
def test_the_scan_finds_what_python_would_raise(source: str, problem: str | None) -> None:
    """The scan agrees with Python: each source either runs (no problem) or the problem is named."""
    found = annotation_problems(source)
    assert [problem in p for p in found] == ([] if problem is None else [True]), found
    run = subprocess.run(
        [sys.executable, "-c", source],
        capture_output=True,
        text=True,
    )
    assert (run.returncode == 0) == (problem is None or "quoted" in problem), run.stderr


def test_every_module_imports() -> None:
    """Evaluating every annotation: each module of the package imports in a fresh interpreter."""
    names = [_module(path) for path in MODULES if path.name != "__main__.py"]
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    run = subprocess.run(
        [sys.executable, "-c", code, *names], capture_output=True, text=True, cwd=REPO
    )
    assert run.returncode == 0, run.stderr
