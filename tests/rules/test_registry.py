"""What the registry says each rule reads: a rule skipped for a card without it would have found
nothing."""

from pathlib import Path

import pytest
import test_cases as harness
from support import REPO, corpus_cards

from cardlint import linter
from cardlint.reading.card import parse_card
from cardlint.rules import Registered, all_rules, registry


def test_the_registry_lists_every_rule_under_its_code() -> None:
    assert [entry.code for entry in registry()] == [rule.code for rule in all_rules()]
    assert all(entry.module.startswith(entry.code.lower() + "_") for entry in registry())


def _without_skipping(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the linter run every enabled rule on every card."""
    enabled = linter._enabled_rules
    monkeypatch.setattr(
        linter,
        "_enabled_rules",
        lambda settings, path: tuple(
            Registered(entry.module, None, False) for entry in enabled(settings, path)
        ),
    )


@pytest.mark.parametrize("path", harness.CASES, ids=[p.stem for p in harness.CASES])
def test_skipping_rules_changes_no_finding_of_a_case(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    skipping = harness.lint_case(path).diagnostics
    _without_skipping(monkeypatch)
    assert harness.lint_case(path).diagnostics == skipping


@pytest.mark.skipif(not corpus_cards(), reason="../shared/corpus is absent (CI has it)")
@pytest.mark.parametrize("repo_type", ["model", "dataset"])
def test_skipping_rules_changes_no_finding_of_a_corpus_card(
    repo_type: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardlint.settings import RunOptions, Settings

    settings = Settings(options=RunOptions(repo_type=repo_type))
    cards = [parse_card(path.read_text("utf-8"), str(path)) for path in corpus_cards()]
    skipping = [linter.lint_card(card, settings) for card in cards]
    _without_skipping(monkeypatch)
    assert [linter.lint_card(card, settings) for card in cards] == skipping


def test_a_card_without_a_rules_keys_does_not_import_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    card = tmp_path / "README.md"
    card.write_text("---\nlicense: mit\ntags:\n- text\n---\n# Model\n", encoding="utf-8")
    code = (
        "import sys; from cardlint.cli import main\nmain(['check', sys.argv[1]])\n"
        "print(sorted(m.rsplit('.', 1)[1].split('_')[0] for m in sys.modules "
        "if m.startswith('cardlint.rules.') and m.rsplit('.', 1)[1][:2] in ('co', 'mc')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(card)], capture_output=True, text=True, cwd=REPO
    )
    imported = result.stdout.splitlines()[-1]
    reads = {"license", "tags"}
    expected = sorted(
        entry.code.lower()
        for entry in registry()
        if entry.code[:2] in ("CO", "MC")
        and not entry.hub_answer
        and (entry.reads is None or entry.reads & reads)
    )
    assert imported == str(expected), result.stdout + result.stderr
