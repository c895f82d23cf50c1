"""The project's own code is formatted and linted by ruff, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support import REPO


@pytest.mark.parametrize(
    "command", [["format", "--check", "--diff"], ["check"]], ids=["format", "check"]
)
def test_ruff_passes(command: list[str]) -> None:
    pytest.importorskip("ruff", reason="ruff comes with the test extra: pip install '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "--no-cache", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
