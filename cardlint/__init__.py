"""cardlint: lint, validate and fix Hugging Face model-card metadata."""

from __future__ import annotations

__version__ = "0.1.0"
