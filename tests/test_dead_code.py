"""No dead code in the package: vulture finds nothing beyond its short allow-list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

ALLOWLIST = "tests/vulture_allowlist.py"


def _vulture(*paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vulture", *paths, "--min-confidence", "60"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_vulture_finds_no_dead_code() -> None:
    pytest.importorskip(
        "vulture", reason="vulture comes with the test extra: pip install '.[test]'"
    )
    result = _vulture("cardlint", ALLOWLIST)
    assert result.returncode == 0 and not result.stdout, result.stdout + result.stderr


def test_vulture_sees_dead_code(tmp_path: Path) -> None:
    """The check can fail: an unused function in a module is found."""
    pytest.importorskip(
        "vulture", reason="vulture comes with the test extra: pip install '.[test]'"
    )
    module = tmp_path / "module.py"
    module.write_text(
        "def used() -> int:\n    return 1\n\n\ndef unused() -> int:\n    return used()\n"
    )
    result = _vulture(str(module))
    assert "unused function 'unused'" in result.stdout and "'used'" not in result.stdout
