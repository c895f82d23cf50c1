"""Every function is typed, and the types check (mypy with disallow_untyped_defs, see pyproject)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support import REPO


def test_mypy_is_clean() -> None:
    pytest.importorskip("mypy", reason="mypy comes with the test extra: pip install '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "cardlint"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
