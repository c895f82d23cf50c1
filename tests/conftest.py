"""Puts tests/ on sys.path (pytest adds a conftest's folder), so that tests in subfolders such as
tests/rules/ import the shared helpers (support, card_strategies) and each other (logs.*)."""
