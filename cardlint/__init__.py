"""cardlint: lint, validate and fix Hugging Face model-card metadata."""

__version__ = "0.1.0"
