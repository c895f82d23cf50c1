"""Trapezoid integration of power samples: accuracy on known traces and honest gaps."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardlint.energy.power import PowerIntegrator
from cardlint.energy.testing import PowerTrace, SineTrace, StepTrace


def _integrate(
    trace: PowerTrace, duration: float, interval: float, jitter: float = 0.0, seed: int = 0
) -> float | None:
    """Sample ``trace`` every ``interval`` (+- jitter fraction) over [0, duration] and integrate."""
    rng = random.Random(seed)
    integrator = PowerIntegrator(max_gap_s=10 * interval)
    t = 0.0
    while t < duration:
        integrator.add(t, trace.watts(t))
        t += interval * (1 + rng.uniform(-jitter, jitter))
    integrator.add(duration, trace.watts(duration))
    return integrator.joules


@pytest.mark.parametrize(
    "trace",
    [
        SineTrace(250.0),
        SineTrace(200.0, 150.0, 2.0),
        SineTrace(60.0, 55.0, 7.3),
        StepTrace(((0.0, 70.0), (3.05, 400.0), (11.52, 90.0), (17.0, 300.0))),
    ],
    ids=["constant", "sine-2s", "sine-deep", "steps"],
)
def test_integration_error_under_one_percent_at_100ms(trace: PowerTrace) -> None:
    exact = trace.joules(20.0)
    measured = _integrate(trace, 20.0, 0.1, jitter=0.3)
    assert measured is not None
    assert abs(measured - exact) / exact < 0.01


@settings(max_examples=60, deadline=None)
@given(
    mean=st.floats(20.0, 700.0),
    depth=st.floats(0.0, 0.95),
    period=st.floats(2.0, 120.0),
    duration=st.floats(5.0, 300.0),
    seed=st.integers(0, 1000),
)
def test_integration_error_under_one_percent_for_any_slow_sine(
    mean: float, depth: float, period: float, duration: float, seed: int
) -> None:
    trace = SineTrace(mean, mean * depth, period)
    measured = _integrate(trace, duration, 0.1, jitter=0.3, seed=seed)
    assert measured is not None
    assert abs(measured - trace.joules(duration)) / trace.joules(duration) < 0.01


def test_short_gap_is_bridged() -> None:
    integrator = PowerIntegrator(max_gap_s=1.0)
    for t in (0.0, 0.1, 0.9, 1.0):  # 0.8 s without a reading
        integrator.add(t, 100.0)
    integrator.check_end(1.0)
    assert integrator.joules == pytest.approx(100.0)


def test_long_gap_makes_energy_unknown() -> None:
    integrator = PowerIntegrator(max_gap_s=1.0)
    integrator.add(0.0, 100.0)
    integrator.add(2.5, 100.0)
    assert integrator.joules is None
    assert integrator.problem is not None and "2.5 s" in integrator.problem


def test_missing_tail_makes_energy_unknown() -> None:
    integrator = PowerIntegrator(max_gap_s=1.0)
    integrator.add(0.0, 100.0)
    integrator.add(0.5, 100.0)
    integrator.check_end(3.0)
    assert integrator.joules is None
    assert "last 2.5 s" in str(integrator.problem)


def test_no_sample_is_unknown_not_zero() -> None:
    integrator = PowerIntegrator(max_gap_s=1.0)
    assert integrator.joules is None
    integrator.check_end(0.0)
    assert integrator.joules is None


def test_trapezoid_is_exact_on_linear_segments() -> None:
    integrator = PowerIntegrator(max_gap_s=5.0)
    for t, w in ((0.0, 0.0), (1.0, 100.0), (3.0, 100.0), (4.0, 300.0)):
        integrator.add(t, w)
    assert integrator.joules == pytest.approx(50.0 + 200.0 + 200.0)
