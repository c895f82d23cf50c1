"""Shared test helpers: where ../shared is, and how to run cardlint as a process.

A plain module rather than conftest.py, so that subfolders may have conftest files of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS_CARDS = SHARED / "corpus" / "cards"


def corpus_cards() -> list[Path]:
    """The real cards in ../shared/corpus, or an empty list when it is absent."""
    return sorted(CORPUS_CARDS.glob("*.md")) if CORPUS_CARDS.is_dir() else []


needs_corpus = pytest.mark.skipif(not CORPUS_CARDS.is_dir(), reason="../shared/corpus is absent (CI has it beside the clone)")


def run_cardlint(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cardlint`` as a separate process."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if "GITHUB_ACTIONS" not in (env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "cardlint", *args],
        cwd=cwd,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )
