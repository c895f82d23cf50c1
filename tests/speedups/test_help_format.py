"""speedups.help_format reads the terminal's width as shutil does, and formats help as argparse does."""

import argparse
import os
import shutil
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cardlint.cli import COMMANDS, build_parser
from cardlint.speedups.help_format import HelpFormatter, terminal_columns

_COLUMNS = (
    st.none()
    | st.sampled_from(["", "0", "-3", "abc", " 90", "1", "100"])
    | st.text("0123456789-+ x", max_size=4)
)
# what the terminal query gives: a size, or the error it raises (no terminal, a closed stream)
_TERMINAL = st.tuples(st.integers(0, 400), st.integers(0, 100)) | st.sampled_from(
    [OSError, ValueError, AttributeError]
)


def _environment(columns: str | None, terminal: object) -> tuple[Any, Any]:
    """Patches that set $COLUMNS (or unset it) and make the terminal query give ``terminal``."""
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns is not None:
        environ["COLUMNS"] = columns
    query = (
        mock.Mock(side_effect=terminal)
        if isinstance(terminal, type)
        else mock.Mock(return_value=os.terminal_size(terminal))  # type: ignore[arg-type]
    )
    return mock.patch.dict(os.environ, environ, clear=True), mock.patch(
        "os.get_terminal_size", query
    )


@given(_COLUMNS, _TERMINAL)
@example(None, (0, 0))
@example("0", (120, 40))
@example("abc", OSError)
def test_terminal_columns_is_shutil_s(columns: str | None, terminal: object) -> None:
    environ, query = _environment(columns, terminal)
    with environ, query:
        assert terminal_columns() == shutil.get_terminal_size().columns


@given(_COLUMNS, _TERMINAL)
def test_the_formatter_is_argparse_s(columns: str | None, terminal: object) -> None:
    environ, query = _environment(columns, terminal)
    with environ, query:
        ours, theirs = HelpFormatter("cardlint"), argparse.HelpFormatter("cardlint")
        assert (ours._width, ours._max_help_position) == (theirs._width, theirs._max_help_position)


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_cardlint_help_is_what_argparse_formats(command: str | None, columns: str) -> None:
    """Every help page cardlint prints, with its formatter and with argparse's own."""
    parser = build_parser(None if command is None else [command])
    if command is not None:
        subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = subparsers.choices[command]
    with mock.patch.dict(os.environ, {"COLUMNS": columns}):
        assert parser.formatter_class is HelpFormatter
        ours = parser.format_help()
        parser.formatter_class = argparse.HelpFormatter
        assert ours == parser.format_help()
