"""Fixtures for the Hub tests: the fake Hub on a free port, and cardlint run as a process against it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_hub import FakeHub
from hubtest import TOKEN, Run

_CLEARED = (
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_TOKEN_PATH",
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "HF_HUB_CACHE",
    "GITHUB_ACTIONS",
)


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    """A running fake Hub; tests add repositories and faults to it."""
    with FakeHub(token=TOKEN) as server:
        yield server


@pytest.fixture
def hf_home(tmp_path: Path) -> Path:
    """The huggingface_hub home (and so cache) of the processes a test runs."""
    return tmp_path / "hf-home"


@pytest.fixture
def run(hub: FakeHub, hf_home: Path, tmp_path: Path) -> Run:
    """Run ``python -m cardlint ARGS`` against the fake Hub; ``env`` adds variables, ``code`` runs Python instead."""

    def run(
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        code: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full = {key: value for key, value in os.environ.items() if key not in _CLEARED}
        full.update(
            HF_ENDPOINT=hub.url,
            HF_HOME=str(hf_home),
            HF_HUB_DISABLE_TELEMETRY="1",
            HF_HUB_ETAG_TIMEOUT="1",
            HF_HUB_DOWNLOAD_TIMEOUT="2",
            NO_COLOR="1",
        )
        full.update(env or {})
        command = (
            [sys.executable, "-c", code, *args]
            if code is not None
            else [sys.executable, "-m", "cardlint", *args]
        )
        return subprocess.run(
            command, cwd=cwd or tmp_path, env=full, capture_output=True, text=True, timeout=120
        )

    return run
