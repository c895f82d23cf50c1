"""speedups.help_format reads the terminal's width as shutil does, and formats help as argparse does."""

import argparse
import os
import shutil
import sys
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


def _shutil_columns() -> int:
    """shutil.get_terminal_size().columns as Python 3.11 and later give it. Python 3.10 passes on
    a terminal's 0 columns (argparse then formats help -2 characters wide); 3.11 falls back to 80,
    and so does the stand-in."""
    columns = shutil.get_terminal_size().columns
    return columns if columns > 0 or sys.version_info >= (3, 11) else 80


@given(_COLUMNS, _TERMINAL)
@example(None, (0, 0))
@example("0", (120, 40))
@example("abc", OSError)
def test_terminal_columns_is_shutil_s(columns: str | None, terminal: object) -> None:
    environ, query = _environment(columns, terminal)
    with environ, query:
        assert terminal_columns() == _shutil_columns()


@given(_COLUMNS, _TERMINAL)
def test_the_formatter_is_argparse_s(columns: str | None, terminal: object) -> None:
    environ, query = _environment(columns, terminal)
    with environ, query:
        ours = HelpFormatter("cardlint")
        theirs = argparse.HelpFormatter("cardlint", width=_shutil_columns() - 2)
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
