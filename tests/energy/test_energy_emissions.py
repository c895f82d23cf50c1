"""Grid intensity resolution and the emissions formula."""

from __future__ import annotations

import pytest

from cardlint.energy.emissions import (
    GridIntensity,
    IntensityError,
    check_pue,
    emissions_g,
    resolve_intensity,
)


def _resolver(location: str) -> tuple[str | None, float, int | None, str | None] | None:
    return ("CA-QC", 1.7, 2023, "grid-table") if location == "Quebec, Canada" else None


def test_explicit_intensity_only() -> None:
    assert resolve_intensity(g_per_kwh=350.0, year=2022, source="utility bill") == GridIntensity(
        None, None, 350.0, 2022, "utility bill"
    )


def test_location_resolved() -> None:
    assert resolve_intensity("Quebec, Canada", resolver=_resolver) == GridIntensity(
        "Quebec, Canada", "CA-QC", 1.7, 2023, "grid-table"
    )


def test_explicit_intensity_wins_but_region_is_kept() -> None:
    got = resolve_intensity("Quebec, Canada", 20.0, resolver=_resolver)
    assert got == GridIntensity("Quebec, Canada", "CA-QC", 20.0, None, None)


def test_unknown_location_without_intensity_is_an_error() -> None:
    with pytest.raises(IntensityError, match="unknown location 'Atlantis'"):
        resolve_intensity("Atlantis", resolver=_resolver)
    assert resolve_intensity("Atlantis", 99.0, resolver=_resolver).g_per_kwh == 99.0


def test_location_without_resolver_is_recorded_without_intensity() -> None:
    assert resolve_intensity("Quebec, Canada") == GridIntensity("Quebec, Canada")


def test_invalid_values() -> None:
    with pytest.raises(IntensityError):
        resolve_intensity(g_per_kwh=-1.0)
    with pytest.raises(IntensityError):
        check_pue(0.9)
    check_pue(1.0)
    check_pue(None)


def test_emissions_formula() -> None:
    assert emissions_g(2.0, 100.0, 1.5) == pytest.approx(300.0)
    assert emissions_g(2.0, 100.0, None) == pytest.approx(200.0)
    assert emissions_g(None, 100.0, 1.2) is None
    assert emissions_g(2.0, None, 1.2) is None
