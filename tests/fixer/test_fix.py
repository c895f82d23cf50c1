"""cardlint fix as a user runs it, and the guarantees of writing a fixed file."""

from __future__ import annotations

import json
import os
import re
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from support import run_cardlint

from cardlint.diagnostics import Applicability, Fix, Target
from cardlint.fixer.apply import FixRefused, fix_passes, fix_path, verify, write_atomically
from cardlint.linter import read_card
from cardlint.reading.card import parse_card
from cardlint.settings import Settings

BAD = '---\nlicense: mit\nco2_eq_emissions:\n  emissions: "1.2 kg"  # from CodeCarbon\n  training_type: Fine-tuning\n---\n# Model\n\nBody text.\n'
FIXED = "---\nlicense: mit\nco2_eq_emissions:\n  emissions: 1200  # from CodeCarbon\n  training_type: fine-tuning\n---\n# Model\n\nBody text.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_fix_writes_the_fixed_card_and_reports(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint("fix", "--select", "CO2101,CO2202", str(card))
    assert card.read_text(encoding="utf-8") == FIXED
    assert "Fixed 2 findings (0 remaining)." in result.stdout
    assert result.returncode == 0


def test_check_fix_reports_what_remains(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint(
        "check", "--fix", "--select", "CO2", "--output-format", "concise", str(card)
    )
    assert card.read_text(encoding="utf-8").startswith(FIXED[:60])
    assert "Fixed 2 findings (3 remaining)." in result.stdout
    assert "CO2301" in result.stdout and "CO2101" not in result.stdout
    assert result.returncode == 1


def test_fix_only_reports_nothing_and_exits_0(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint("check", "--fix-only", str(card))
    assert result.returncode == 0 and result.stdout == ""
    assert "emissions: 1200" in card.read_text(encoding="utf-8")


def test_diff_writes_nothing(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint("fix", "--diff", "--select", "CO2101", str(card))
    assert result.returncode == 1
    assert card.read_text(encoding="utf-8") == BAD
    assert f"--- a/{card}" in result.stdout
    assert '-  emissions: "1.2 kg"  # from CodeCarbon' in result.stdout
    assert "+  emissions: 1200  # from CodeCarbon" in result.stdout
    clean = run_cardlint(
        "fix", "--diff", "--select", "CO2101", str(write(tmp_path / "clean.md", FIXED))
    )
    assert clean.returncode == 0 and clean.stdout == ""


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    text = "---\nmode: 0777\n---\n"
    card = write(tmp_path / "README.md", text)
    run_cardlint("fix", "--select", "CL005", str(card))
    assert card.read_text() == text
    shown = run_cardlint("check", "--select", "CL005", str(card))
    assert (
        "1 hidden fix can be enabled with --unsafe-fixes" in shown.stdout
        or "hidden fixes" in shown.stdout
    )
    run_cardlint("fix", "--unsafe-fixes", "--select", "CL005", str(card))
    assert card.read_text() == "---\nmode: 511\n---\n"


def test_json_in_fix_mode_lists_applied_fixes(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint("fix", "--output-format", "json", "--select", "CO2101,CO2301", str(card))
    report = json.loads(result.stdout)
    assert [item["code"] for item in report["fixed"]] == ["CO2101"]
    assert report["fixed"][0]["location"] == {"row": 4, "column": 14}
    assert report["fixed"][0]["fix"]["edits"][0]["content"] == "1200"
    assert [item["code"] for item in report["remaining"]] == ["CO2301"]


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    run_cardlint("fix", "--unsafe-fixes", str(card))
    once = card.read_bytes()
    result = run_cardlint("fix", "--unsafe-fixes", str(card))
    assert card.read_bytes() == once and "Fixed 0 findings" in result.stdout


def test_crlf_bom_and_missing_final_newline_are_kept(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").rstrip("\r\n").encode("utf-8")
    card = write(tmp_path / "README.md", raw)
    run_cardlint("fix", "--select", "CO2101,CO2202", str(card))
    assert card.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").rstrip("\r\n").encode(
        "utf-8"
    )


def test_permissions_are_kept(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    card.chmod(0o640)
    fix_path(card)
    assert stat.S_IMODE(card.stat().st_mode) == 0o640
    assert "1200" in card.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"], "no temporary file is left behind"


def test_symlink_is_written_through(tmp_path: Path) -> None:
    target = write(tmp_path / "real.md", BAD)
    link = tmp_path / "README.md"
    link.symlink_to(target.name)
    fix_path(link)
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert "emissions: 1200" in target.read_text()


def test_read_only_file_is_left_alone(tmp_path: Path) -> None:
    """Refused by its mode bits, also when the tests run as root (who may write any file)."""
    card = write(tmp_path / "README.md", BAD)
    card.chmod(0o444)
    result = run_cardlint("fix", str(card))
    assert result.returncode == 2 and "read-only" in result.stderr
    assert card.read_text() == BAD


def test_read_only_is_refused_even_for_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = write(tmp_path / "README.md", BAD)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    outcome = fix_path(card)
    assert outcome.result.error is not None and "read-only" in outcome.result.error.message
    assert card.read_text() == BAD


def test_file_changed_under_us_is_left_as_it_is_now(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    loaded = read_card(card)
    assert not isinstance(loaded, str)
    write(card, BAD + "edited meanwhile\n")
    with pytest.raises(Exception, match="changed while cardlint was fixing it"):
        write_atomically(card, loaded.text, FIXED, bom=False)
    assert card.read_text() == BAD + "edited meanwhile\n"


def test_verification_refuses_collateral_changes() -> None:
    before = parse_card("---\nlicense: mit\nco2_eq_emissions: 1\n---\nbody\n")
    after = parse_card("---\nlicense: apache-2.0\nco2_eq_emissions: 1\n---\nbody\n")
    with pytest.raises(FixRefused, match="'license'"):
        verify(before, after, [])
    broken = parse_card("---\nlicense: [mit\n---\nbody\n")
    with pytest.raises(FixRefused, match="would not parse"):
        verify(before, broken, [])


@pytest.mark.parametrize(
    "before, after",
    [
        (
            "co2_eq_emissions:\n  emissions: 1\n  emision: 2\n",
            "co2_eq_emissions:\n  emissions: 1\n  emissions: 2\n",
        ),
        ("a: 1\nb: 2\n", "a: 1\na: 2\n"),
        ("a: 1\na: 2\nb: 3\n", "a: 1\na: 2\nb: 1\nb: 3\n"),
    ],
)
def test_verification_refuses_a_key_written_twice(before: str, after: str) -> None:
    """A fix that makes a mapping hold a key twice loses one value (the Hub keeps the last)."""
    original, fixed = parse_card(f"---\n{before}---\n"), parse_card(f"---\n{after}---\n")
    with pytest.raises(FixRefused, match="written the key '(emissions|a|b)' twice"):
        verify(original, fixed, [Fix(Applicability.UNSAFE, "test", (), ())])
    verify(original, original, [])  # the duplicates a card already has are its own


def test_a_proposal_applied_in_a_later_pass_is_not_reported_as_lost() -> None:
    """CL005 rewrites 24_700_000 first; the rename that lost to it in that pass is applied in the
    next, so no note says it was not applied."""
    card = parse_card("---\nco2_eq_emissions:\n  emision: 24_700_000\n---\n")
    run = fix_passes(card, Settings(select=("CL005", "CO2003")), True)
    assert run.card.text == "---\nco2_eq_emissions:\n  emissions: 24700000\n---\n"
    assert [d.code for d in run.applied] == ["CL005", "CO2003"] and run.passes == 2
    assert run.conflicts == []


def _sets_emissions(value: str) -> Fix:
    """A fix announcing co2_eq_emissions.emissions = value (its edits do not matter to the verifier)."""
    return Fix(
        Applicability.SAFE, "test", (), (Target(("co2_eq_emissions", "emissions"), Decimal(value)),)
    )


@pytest.mark.parametrize(
    "after, refusal",
    [
        (
            "emissions: 150005\n  source: x",
            "meant 'co2_eq_emissions.emissions' to be 15000, but the fixed card would hold 150005",
        ),
        (
            "emissions: 15000\n  source: y",
            "would have changed 'co2_eq_emissions.source', which no fix meant to touch",
        ),
        ("emissions: 15000\n  source: x\n  unit: kg", "would have changed 'co2_eq_emissions.unit'"),
        ('emissions: "15000"\n  source: x', "but the fixed card would hold '15000'"),
    ],
)
def test_verification_compares_every_key_with_what_the_fixes_announced(
    after: str, refusal: str
) -> None:
    """Key by key, nested keys of co2_eq_emissions too: the BOM shift and collateral edits of issue 21 are refused."""
    before = parse_card("---\nco2_eq_emissions:\n  emissions: 15\n  source: x\n---\n")
    fixed = parse_card(f"---\nco2_eq_emissions:\n  {after}\n---\n")
    with pytest.raises(FixRefused, match=re.escape(refusal)):
        verify(before, fixed, [_sets_emissions("15000")])
    verify(
        before,
        parse_card("---\nco2_eq_emissions:\n  emissions: 15000.0\n  source: x\n---\n"),
        [_sets_emissions("15000")],
    )


def test_a_rule_that_crashes_loses_one_file_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardlint.linter import lint_path
    from cardlint.rules import all_rules, registry
    from cardlint.rules import co2202_training_type_unknown as rule

    card = write(tmp_path / "README.md", BAD)

    def broken(ctx: object) -> object:
        raise RuntimeError("boom\nsecond line")

    from cardlint import linter

    def forget_rules() -> None:
        registry.cache_clear()
        all_rules.cache_clear()
        linter._rules_for.cache_clear()

    forget_rules()
    monkeypatch.setattr(rule, "RULE", rule.RULE._replace(check=broken))
    try:
        result = lint_path(card)
        outcome = fix_path(card)
    finally:
        monkeypatch.undo()
        forget_rules()
    assert result.error is not None and result.error.message.startswith(
        "internal error while linting: RuntimeError: boom ("
    )
    assert outcome.result.error is not None and card.read_text() == BAD


def test_a_refused_fix_names_a_mapping_that_holds_a_huge_integer():
    """Found by tests/test_fuzz_classes.py: a 5,000-digit hex number reached through a merge key
    made the verifier's message raise instead of refusing the fix."""
    from cardlint.fixer.values import shown

    huge = int("f" * 5000, 16)
    assert shown({"emissions": huge}) == "a dict holding an integer too long to show"
    assert shown(huge) == "an integer of about 6000 digits"
