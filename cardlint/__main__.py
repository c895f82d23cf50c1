"""``python -m cardlint``."""

from cardlint.cli import run

run()
