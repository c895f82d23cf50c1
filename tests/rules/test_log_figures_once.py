"""A card's attached logs are read once and what they say the card should hold is worked out once
per linting of the card, however many rules look at it; a card without a log never works it out.

The functions are counted, not replaced: each wrapper calls the real one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import SHARED

from cardlint.cli import main
from cardlint.fixer.apply import fix_path
from cardlint.linter import lint_path
from cardlint.logs import card_values, discover
from cardlint.settings import Settings

REAL_LOG = SHARED / "corpus" / "logs" / "001.csv"  # CodeCarbon, from a public repository
# A block that several log rules question: no emissions, no source, no hardware, a wrong place.
CARD = (
    "---\nco2_eq_emissions:\n  training_type: pre-training\n  geographical_location: Brazil\n---\n"
    "# Model\n"
)
LOG_RULES = {"CO2002", "CO2301", "CO2401", "CO2501", "CO2601"}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the log reader and the figures were called (each wrapper calls the real one)."""
    counted = {"read_log": 0, "figures": 0}

    def counting(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(discover, "read_log", counting("read_log", discover.read_log))
    monkeypatch.setattr(card_values, "figures", counting("figures", card_values.figures))
    return counted


def _card(folder: Path, log: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(CARD, encoding="utf-8")
    if log:
        shutil.copyfile(REAL_LOG, folder / "emissions.csv")
    return folder / "README.md"


@pytest.mark.skipif(not REAL_LOG.is_file(), reason="../shared/corpus is absent")
def test_several_log_rules_share_one_reading_of_the_log(
    tmp_path: Path, calls: dict[str, int]
) -> None:
    result = lint_path(_card(tmp_path))
    assert result.error is None and result.notes  # the log beside it was attached
    assert len({d.code for d in result.diagnostics} & LOG_RULES) >= 3, result.diagnostics
    assert calls == {"read_log": 1, "figures": 1}


@pytest.mark.skipif(not REAL_LOG.is_file(), reason="../shared/corpus is absent")
def test_a_check_of_a_folder_works_each_cards_figures_out_once(
    tmp_path: Path, calls: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b", "c"):
        _card(tmp_path / name)
    _card(tmp_path / "no-log", log=False)
    code = main(
        ["check", "--jobs", "1", "--no-config", "--output-format", "concise", str(tmp_path)]
    )
    assert code == 1 and "CO2002" in capsys.readouterr().out
    assert calls == {"read_log": 3, "figures": 3}


@pytest.mark.skipif(not REAL_LOG.is_file(), reason="../shared/corpus is absent")
def test_fixing_works_the_figures_out_once_per_linting(
    tmp_path: Path, calls: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixer lints once per pass and once more for what remains: one working-out each."""
    from cardlint.fixer import apply

    lintings = {"count": 0}
    real_lint = apply.lint_card

    def counting_lint(*args: Any, **kwargs: Any) -> Any:
        lintings["count"] += 1
        return real_lint(*args, **kwargs)

    monkeypatch.setattr(apply, "lint_card", counting_lint)
    outcome = fix_path(_card(tmp_path), Settings(), unsafe=True)
    assert outcome.fixed > 0 and outcome.result.error is None
    remaining = 1  # result_for lints the fixed card through the linter, not through apply
    assert calls == {"read_log": 1, "figures": lintings["count"] + remaining}


def test_a_card_without_a_log_never_works_figures_out(
    tmp_path: Path, calls: dict[str, int]
) -> None:
    result = lint_path(_card(tmp_path, log=False))
    assert result.error is None and not result.notes
    assert calls == {"read_log": 0, "figures": 0}
