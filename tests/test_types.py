"""Every function is typed, and the types check (mypy with disallow_untyped_defs, see pyproject)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from support import REPO


@pytest.mark.skipif(shutil.which("mypy") is None and subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode != 0, reason="mypy is not installed")
def test_mypy_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "cardlint"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
