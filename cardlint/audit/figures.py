"""The audit report's figures: small matplotlib charts written as PNG, byte-identical run to run.

matplotlib is imported inside each function (it is part of the ``cardlint[audit]`` extra), on the
Agg backend, which needs no display. The PNG's metadata carries no software version or date.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

# No "Software" entry (matplotlib writes its version there) and no creation time.
PNG_METADATA: dict[str, str | None] = {"Software": None}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.tight_layout()
    figure.savefig(path, dpi=100, metadata=PNG_METADATA)
    _pyplot().close(figure)


def reporting_by_year(
    path: Path, years: Sequence[str], models: Sequence[int], reporting: Sequence[int]
) -> None:
    """Bars: models reporting emissions per year of creation; line: their share of that year."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7, 3.5))
    axes.bar(years, reporting, color="#4c72b0")
    axes.set_xlabel("year the model was created")
    axes.set_ylabel("models reporting emissions")
    share = axes.twinx()
    share.plot(
        years,
        [100 * r / m if m else 0.0 for r, m in zip(reporting, models)],
        color="#dd8452",
        marker="o",
    )
    share.set_ylabel("share of that year's models (%)")
    share.set_ylim(bottom=0)
    axes.set_title("Models reporting co2_eq_emissions, by year of creation")
    _save(figure, path)


def emissions_histogram(path: Path, grams: Sequence[float], fixed: Sequence[float]) -> None:
    """Histograms, on a log scale, of the positive emissions as the Hub reads them and after
    cardlint's safe fixes."""
    import numpy as np

    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7, 3.5))
    values = [v for v in (*grams, *fixed) if v > 0]
    if values:
        low, high = np.log10(min(values)), np.log10(max(values))
        bins = np.logspace(np.floor(low), np.ceil(high) if high > low else low + 1, 40)
        axes.hist(grams, bins=bins, alpha=0.6, label="as the Hub reads them", color="#4c72b0")
        axes.hist(
            fixed,
            bins=bins,
            histtype="step",
            linewidth=1.5,
            label="after safe fixes",
            color="#55a868",
        )
        axes.set_xscale("log")
        axes.legend()
    axes.set_xlabel("emissions (g CO2eq, log scale)")
    axes.set_ylabel("models")
    axes.set_title("Reported emissions")
    _save(figure, path)


def frequent_findings(path: Path, codes: Sequence[str], counts: Sequence[int]) -> None:
    """Horizontal bars: the most frequent finding codes, the most frequent on top."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7, 0.9 + 0.3 * max(len(codes), 1)))
    axes.barh(list(reversed(codes)), list(reversed(counts)), color="#c44e52")
    axes.set_xlabel("findings")
    axes.set_title("Most frequent findings")
    _save(figure, path)
