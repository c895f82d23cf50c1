"""Shared fixtures for the cardlint.energy tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardlint.energy.testing import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    """A manual clock starting at 1000 s."""
    return ManualClock()


@pytest.fixture
def no_rapl(tmp_path: Path) -> Path:
    """An empty powercap root: RAPL not measured."""
    root = tmp_path / "no-powercap"
    root.mkdir()
    return root
