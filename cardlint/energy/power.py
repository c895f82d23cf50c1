"""Energy from power samples by the trapezoid rule, with an honest limit on gaps."""


class PowerIntegrator:
    """Integrates ``(time_s, watts)`` samples into joules.

    Consecutive samples further apart than ``max_gap_s`` (reads that failed for too long)
    make the result unknown: :attr:`joules` becomes ``None`` and :attr:`problem` says why,
    rather than bridging a long blind spot with a straight line.
    """

    def __init__(self, max_gap_s: float) -> None:
        self.max_gap_s = max_gap_s
        self._joules = 0.0
        self._last: tuple[float, float] | None = None
        self.problem: str | None = None

    def add(self, time_s: float, watts: float) -> None:
        """Add one sample; times must not go backwards."""
        if self._last is not None:
            last_t, last_w = self._last
            gap = time_s - last_t
            if gap > self.max_gap_s and self.problem is None:
                self.problem = f"no power reading for {gap:.1f} s (limit {self.max_gap_s:.1f} s)"
            self._joules += 0.5 * (last_w + watts) * gap
        self._last = (time_s, watts)

    def check_end(self, end_s: float) -> None:
        """Mark the result unknown if the last sample is more than ``max_gap_s`` before the end."""
        if self.problem is not None:
            return
        if self._last is None:
            self.problem = "no power reading succeeded"
        elif end_s - self._last[0] > self.max_gap_s:
            self.problem = f"no power reading for the last {end_s - self._last[0]:.1f} s"

    @property
    def joules(self) -> float | None:
        """Energy so far, or None when a gap made it unknown."""
        if self.problem is not None or self._last is None:
            return None
        return self._joules
