"""The model-index rules through the command line, as a process: located findings in JSON, the
safe fix written, silence on a dataset card, and the corpus cards read without a crash."""

import json
from pathlib import Path
from typing import Any

from support import corpus_cards, needs_corpus, run_cardlint

CARD = """\
---
model-index:
- name: my-model
  results:
  - task:
      type: text_classification
    dataset:
      type: wmt/wmt19
      config: 2019
    metrics:
    - type: accuracy
      value: 0.91
      verified: true
---
# My model
"""


def check(folder: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run_cardlint(
        "check", "--select", "MC6", "--output-format", "json", *args, ".", cwd=folder
    )
    return result.returncode, json.loads(result.stdout)


def test_each_rule_reports_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    code, found = check(tmp_path)
    assert code == 1
    located = [(d["code"], d["location"]["row"]) for d in found]
    assert located == [("MC604", 6), ("MC601", 7), ("MC602", 9), ("MC603", 13)]
    assert found[1]["message"].startswith('model-index[0].results[0].dataset: missing "name"')


def test_fix_quotes_the_number_and_leaves_the_unsafe_removal(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(CARD, encoding="utf-8")
    run_cardlint("check", "--select", "MC6", "--fix", ".", cwd=tmp_path)
    text = readme.read_text(encoding="utf-8")
    assert text == CARD.replace("config: 2019", 'config: "2019"')
    run_cardlint("check", "--select", "MC6", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert readme.read_text(encoding="utf-8") == text.replace("      verified: true\n", "")


def test_silent_on_a_dataset_card(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    assert check(tmp_path, "--repo-type", "dataset") == (0, [])


@needs_corpus
def test_corpus_cards_are_read_without_a_crash() -> None:
    folder = corpus_cards()[0].parent
    select = "MC601,MC602,MC603,MC604"
    result = run_cardlint(
        "check", "--select", select, "--include", "*.md", "--output-format", "json", str(folder)
    )
    assert result.returncode in (0, 1), result.stderr
    assert all(d["code"] in select.split(",") for d in json.loads(result.stdout))
