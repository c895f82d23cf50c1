"""The progress bar: cards done, cards per second and time left on a terminal; nothing otherwise."""

from __future__ import annotations

import io

import pytest

from cardlint.audit.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("total", "done", "shown"), [(117, 17, "117/117"), (1_090_000, 0, "1.09M/1.09M")]
)
def test_a_terminal_shows_cards_per_second_and_time_left(
    monkeypatch: pytest.MonkeyPatch, total: int, done: int, shown: str
) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = Progress(total, done=done)
    progress.advance(total - done)
    progress.close()
    last = terminal.getvalue().split("\r")[-1]
    assert shown in last and "cards/s" in last and "<00:00" in last


@pytest.mark.parametrize("terminal", [False, True])
def test_quiet_or_not_a_terminal_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    stream = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    progress = Progress(10, quiet=terminal)
    progress.advance(10)
    progress.close()
    assert stream.getvalue() == ""
