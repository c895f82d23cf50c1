"""What keeps a one-card check fast (see docs/performance.md); the timings themselves
are measured by benchmarks/run.py, never here."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from support import REPO

GOOD = (
    "---\nco2_eq_emissions:\n  emissions: 1200\n  source: CodeCarbon\n  training_type: fine-tuning\n"
    "  geographical_location: Quebec, Canada\n  hardware_used: 1 x NVIDIA A100-SXM4-80GB\n---\n"
    "# Model\n\n## Environmental impact\n\nTraining emitted 1.2 kg of CO2eq.\n"
)
LOG = "run_id,duration,emissions\nr1,3600,1.2\n"  # a CodeCarbon log that agrees with GOOD
# Needed by other commands, by a diff, a suggestion or a worker pool, never by checking a card;
# pathlib (5 ms to import) since a local check works on str paths (cardlint.speedups.paths).
NOT_ON_THE_LOCAL_PATH = (
    "dataclasses",
    "inspect",
    "shutil",
    "difflib",
    "jsonschema",
    "concurrent.futures",
    "huggingface_hub",
    "cardlint.energy.meter",
    "pathlib",
    "cardlint.audit",  # cardlint audit and its extra
    "pyarrow",
    "pandas",
)


def _defines_named_tuple(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ClassDef)
        and any(isinstance(base, ast.Name) and base.id == "NamedTuple" for base in node.bases)
        for node in tree.body
    )


def _future_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom) and node.module == "__future__" for node in tree.body
    )


def test_modules_with_named_tuples_do_not_postpone_annotations() -> None:
    """With postponed annotations typing.NamedTuple compiles each field's annotation (0.4 ms a class)."""
    offenders = []
    for path in sorted((REPO / "cardlint").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if _defines_named_tuple(tree) and _future_annotations(tree):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def _without_site(code: str, card: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` on ``card`` in a Python started with -S, the working tree first on its path.

    site would run the .pth files in site-packages, and the finder of an editable install imports
    pathlib there before cardlint starts; site-packages (PyYAML) comes through PYTHONPATH instead.
    """
    paths = sysconfig.get_paths()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(dict.fromkeys((paths["purelib"], paths["platlib"]))),
    }
    return subprocess.run(
        [sys.executable, "-S", "-c", code, str(card)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )


@pytest.mark.parametrize("log", [None, LOG], ids=["alone", "beside its log"])
def test_a_local_check_imports_nothing_it_does_not_need(tmp_path: Path, log: str | None) -> None:
    card = tmp_path / "README.md"
    card.write_text(GOOD, encoding="utf-8")
    if log is not None:
        (tmp_path / "emissions.csv").write_text(log, encoding="utf-8")
    code = (
        "import sys; from cardlint.cli import main\n"
        f"code = main(['check', sys.argv[1]])\n"
        f"print(code, sorted(m for m in {NOT_ON_THE_LOCAL_PATH!r} if m in sys.modules))\n"
        "print('cardlint.logs.measurement' in sys.modules)"
    )
    result = _without_site(code, card)
    # no log, no log model
    assert result.stdout.splitlines()[-2:] == ["0 []", str(log is not None)], (
        result.stdout + result.stderr
    )
    assert log is None or "using the log emissions.csv" in result.stdout


def test_a_body_without_emissions_words_is_not_scanned(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(GOOD.split("## Environmental impact")[0], encoding="utf-8")
    code = "import sys; from cardlint.cli import main\ncode = main(['check', sys.argv[1]])\nprint(code, 'cardlint.amounts.text' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code, str(card)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.stdout.splitlines()[-1] == "0 False", result.stdout + result.stderr
