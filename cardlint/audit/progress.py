"""The audit's progress bar: cards done, cards per second and time left, on standard error."""

import sys
from typing import Any


class Progress:
    """A tqdm bar over ``total`` cards; silent when standard error is not a terminal, or ``quiet``."""

    def __init__(self, total: int, quiet: bool = False, done: int = 0) -> None:
        self._bar: Any = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                initial=done,
                unit=" cards",
                unit_scale=total >= 10_000,  # 1.09M rather than 1090000; 17 rather than 17.0
                file=sys.stderr,
                smoothing=0.1,
            )

    def advance(self, cards: int) -> None:
        """``cards`` more cards are done."""
        if self._bar is not None:
            self._bar.update(cards)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
