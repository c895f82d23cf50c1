"""Text spans looked up by bisection: the edits a pass has taken, and the values that anchors share."""

from bisect import bisect_left, bisect_right
from itertools import accumulate


class TakenSpans:
    """The spans of the edits chosen so far, to ask whether a new edit overlaps one of them.

    Two spans overlap when each starts before the other ends (``a0 < b1 and b0 < a1``), so an
    insertion overlaps only an edit it falls strictly inside. Non-empty spans are kept as disjoint
    runs (spans that overlap are merged; spans that only touch are not), insertions as points.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []  # ascending too: the runs are disjoint
        self._points: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the span ``start..end`` overlaps a span taken before."""
        run = bisect_right(self._ends, start)  # the first run that ends after ``start``
        if run < len(self._starts) and self._starts[run] < end:
            return True
        point = bisect_right(self._points, start)  # the first insertion after ``start``
        return point < len(self._points) and self._points[point] < end

    def add(self, start: int, end: int) -> None:
        """Take the span ``start..end``."""
        if start == end:
            self._points.insert(bisect_left(self._points, start), start)
            return
        first = bisect_right(self._ends, start)
        last = first
        while last < len(self._starts) and self._starts[last] < end:
            last += 1  # runs this span overlaps: merged into one
        if last > first:
            start, end = min(start, self._starts[first]), max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]


class SharedSpans:
    """The spans of the values that anchors share, to ask whether an edit touches one: it overlaps
    it, or starts where it ends."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # the furthest end so far
        self._ends = {end for _, end in ordered}

    def touches(self, start: int, end: int) -> bool:
        """Whether an edit of ``start..end`` overlaps a shared span or starts at the end of one."""
        before = bisect_left(self._starts, end)  # the spans that start before the edit ends
        return (before > 0 and self._reach[before - 1] >= start) or start in self._ends
