"""argparse's help formatter, sized without importing shutil.

argparse builds a formatter for every option it adds, and its ``HelpFormatter`` imports shutil
(which brings fnmatch, bz2, lzma and more) to read the terminal's width. ``terminal_columns`` reads
it the way ``shutil.get_terminal_size().columns`` does.
"""

import argparse
import os
import sys


def terminal_columns() -> int:
    """What shutil.get_terminal_size() gives: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse.HelpFormatter, its width from terminal_columns()."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog,
            indent_increment,
            max_help_position,
            terminal_columns() - 2 if width is None else width,
        )
