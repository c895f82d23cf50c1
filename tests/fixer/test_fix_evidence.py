"""One value, one decision: which evidence a fix writes, and how the losing proposals are reported.

Issue 15 points 1 and 2, as the user runs them (the CLI as a process), and a table of cards and
logs (in process) with the figure each must end with and where its fix says it came from.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from support import run_cardlint

from cardlint.fixer.apply import fix_passes, fix_path
from cardlint.linter import lint_card
from cardlint.logs import Measurement
from cardlint.logs.attach import AttachedLogs
from cardlint.logs.measurement import Run
from cardlint.reading.card import parse_card
from cardlint.settings import Settings

HEADER = "timestamp,project_name,run_id,duration,emissions,energy_consumed\n"
TEXT_AND_LOG_CARD = (
    "---\nco2_eq_emissions:\n  emissions: 1710\n---\n# m\n\n- **Emissions:** 1.71 kg CO2\n"
)


def folder(tmp_path: Path, card: str, kg: str | None = None) -> tuple[Path, Path]:
    (tmp_path / "README.md").write_text(card, encoding="utf-8")
    if kg is not None:
        (tmp_path / "run.csv").write_text(
            HEADER + f"2024-01-01T10:00:00,p,r1,3600,{kg},9.1\n", encoding="utf-8"
        )
    return tmp_path / "README.md", tmp_path / "run.csv"


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_log_and_text_disagreeing_settle_in_one_decision(tmp_path: Path, unsafe: bool) -> None:
    """Issue 15 point 1: the named log wins, the other safe fix still applies, the text's figure is reported."""
    readme, log = folder(tmp_path, TEXT_AND_LOG_CARD, "3.456")
    flags = ["--unsafe-fixes"] if unsafe else []
    result = run_cardlint(
        "fix", "--log", str(log), *flags, "--output-format", "concise", str(readme)
    )
    assert result.returncode == 1, result.stderr
    assert (
        readme.read_text()
        == "---\nco2_eq_emissions:\n  emissions: 3456\n  source: CodeCarbon\n---\n# m\n\n- **Emissions:** 1.71 kg CO2\n"
    )
    assert "Fixed 2 findings" in result.stdout
    assert (
        "CO2108 emissions of 3456 g disagrees with the card's text, which states 1.71 kg on line 8 (1710 g); "
        "the log's total (run.csv, 1 run; named with --log) is 3456 g and comes before the text: correct the text"
    ) in result.stdout
    again = run_cardlint("fix", "--log", str(log), *flags, str(readme))
    assert "Fixed 0 findings" in again.stdout and "emissions: 3456" in readme.read_text()


@pytest.mark.parametrize("written", ["0.6", "1", "0.554"])
def test_kilograms_with_a_log_take_the_logs_total(tmp_path: Path, written: str) -> None:
    """Issue 15 point 2: never the card's figure times 1000 (600, 1000), always the log's 554 g."""
    readme, log = folder(
        tmp_path, f"---\nco2_eq_emissions:\n  emissions: {written}\n---\n", "0.554"
    )
    diff = run_cardlint(
        "fix", "--log", str(log), "--diff", "--select", "CO2105,CO2107", str(readme)
    )
    assert f"-  emissions: {written}\n+  emissions: 554\n" in diff.stdout
    fixed = run_cardlint(
        "fix",
        "--log",
        str(log),
        "--select",
        "CO2105,CO2107",
        "--output-format",
        "json",
        str(readme),
    )
    report = json.loads(fixed.stdout)
    assert [item["fix"]["message"] for item in report["fixed"]] == [
        "Write 554: the log's total (run.csv, 1 run; named with --log)"
    ]
    assert "  emissions: 554\n" in readme.read_text()
    check = run_cardlint("check", "--log", str(log), "--select", "CO2105,CO2107", str(readme))
    assert check.returncode == 0, check.stdout


def test_a_losing_proposal_is_reported_with_its_value(tmp_path: Path) -> None:
    """Two unsafe proposals for the figure: the text's wins over a plausibility guess, and the guess is named."""
    card = (
        "---\nco2_eq_emissions:\n  emissions: 0.002\n  source: CodeCarbon\n  hardware_used: 8 x NVIDIA A100-SXM4-80GB\n---\n"
        "# m\n\nCarbon Emitted: 1.71 kg CO2\n"
    )
    readme, _ = folder(tmp_path, card)
    result = run_cardlint(
        "fix",
        "--unsafe-fixes",
        "--select",
        "CO2105,CO2108",
        "--output-format",
        "concise",
        str(readme),
    )
    assert "emissions: 1710\n" in readme.read_text()
    assert (
        f"{readme}: CO2105's co2_eq_emissions.emissions: 2 (1000 times the card's 0.002, a guess from plausibility) not applied: "
        "CO2108's co2_eq_emissions.emissions: 1710 (the text's 1.71 kg on line 9, in grams) comes first"
    ) in result.stdout
    # the guess's finding is gone, but its fix was not applied
    assert "Fixed 1 finding (0 remaining)." in result.stdout


def test_fix_and_diff_agree_on_duplicate_unit_keys(tmp_path: Path) -> None:
    """Issue 21: eleven `unit: g` keys go in one fix; the diff shows what the fix writes; a second run changes nothing."""
    readme, _ = folder(
        tmp_path, "---\nco2_eq_emissions:\n  emissions: 12\n" + "  unit: g\n" * 11 + "---\n"
    )
    expected = fix_path(readme, write=False).new_text
    diff = run_cardlint("fix", "--diff", str(readme))
    lines = diff.stdout.splitlines()
    assert lines.count("-  unit: g") == 11 and not [
        line for line in lines if line.startswith("+") and not line.startswith("+++")
    ]
    run_cardlint("fix", str(readme))
    assert readme.read_text() == expected == "---\nco2_eq_emissions:\n  emissions: 12\n---\n"
    once = readme.read_bytes()
    assert (
        "Fixed 0 findings" in run_cardlint("fix", str(readme)).stdout
        and readme.read_bytes() == once
    )


def _log(grams: str | None, explicit: bool) -> AttachedLogs:
    total = Decimal(grams) if grams is not None else None
    run = Run("r1", None, total, Decimal("9.1"), Decimal(3600), line=2)
    return AttachedLogs(
        (
            Measurement(
                "run.csv",
                "codecarbon",
                "CodeCarbon",
                emissions_g=total,
                energy_kwh=Decimal("9.1"),
                runs=(run,),
            ),
        ),
        explicit,
    )


# card block, log total in grams (None: no log), log named, unsafe, the figure after the fix,
# a fragment of the message of the fix that wrote it (None: no fix wrote it)
TABLE = [
    (
        "emissions: 0.6",
        "554",
        True,
        False,
        554,
        "Write 554: the log's total (run.csv, 1 run; named with --log)",
    ),
    ("emissions: 0.6", "554", False, True, 554, "found beside the README"),
    (
        "emissions: 1",
        "554",
        False,
        False,
        1,
        None,
    ),  # a found log proves nothing 1 kg from 554 g: unsafe only
    (
        'emissions: "1.2 kg"',
        "3456",
        True,
        False,
        3456,
        "the log's total (run.csv, 1 run; named with --log), not the card's \"1.2 kg\", in grams",
    ),
    ('emissions: "1.2 kg"', "1200", True, False, 1200, 'the card\'s "1.2 kg", in grams'),
    (
        "emissions: 1.2\n  unit: kg",
        "3456",
        True,
        False,
        3456,
        "Write 3456 and remove 'unit': the log's total",
    ),
    (
        "emissions: 1.2\n  unit: kg",
        None,
        False,
        False,
        1200,
        "Write 1200 and remove 'unit': the card's 1.2 'unit: kg', in grams",
    ),
    (
        "emissions: 2.4e-05",
        "3456",
        True,
        False,
        3456,
        "not the card's 2.4e-05 without its exponent",
    ),
    ("emissions: 1710", "3456", True, True, 3456, "Write 3456: the log's total"),
    ("emissions: 1710", None, False, True, 1710, None),
    ("emissions: 2000", "500", False, True, 500, "one node's if the log covers one of 4"),
    (
        "emissions: 2000",
        "500",
        True,
        False,
        2000,
        None,
    ),  # four times a one-node log: unsafe even when named
]


@pytest.mark.parametrize("block, grams, explicit, unsafe, figure, message", TABLE)
def test_the_strongest_evidence_is_written_with_its_provenance(
    block: str, grams: str | None, explicit: bool, unsafe: bool, figure: int, message: str | None
) -> None:
    card = parse_card(
        f"---\nco2_eq_emissions:\n  {block}\n---\n# m\n\nEmissions: 1.71 kg CO2\n", "README.md"
    )
    settings = Settings(select=("CO21",))
    logs = _log(grams, explicit) if grams else None
    run = fix_passes(card, settings, unsafe, logs)
    assert run.card.metadata == {"co2_eq_emissions": {"emissions": figure}}
    writers = [
        d.fix.message
        for d in run.applied
        if d.fix is not None and "emissions" in d.fix.message + str(d.fix.sets)
    ]
    if message is None:
        assert not writers
    else:
        assert any(message in text for text in writers), writers
    assert fix_passes(run.card, settings, unsafe, logs).passes == 0
    if grams is not None and figure == int(grams):
        assert not {"CO2105", "CO2107"} & {d.code for d in lint_card(run.card, settings)}
