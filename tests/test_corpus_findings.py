"""The real cards' findings are pinned: a change that turns a corpus card from clean to flagged (or
back), or changes what is found on it, must update tests/corpus_findings.txt on purpose, and say
why in its commit. Regenerate with ``CARDLINT_UPDATE_CORPUS=1 python -m pytest tests/test_corpus_findings.py``."""

from __future__ import annotations

import os
from pathlib import Path

from support import corpus_cards, needs_corpus

from cardlint.linter import lint_path

PINNED = Path(__file__).parent / "corpus_findings.txt"


def _findings() -> str:
    lines = []
    for path in corpus_cards():
        result = lint_path(path)
        if result.error is not None:
            lines.append(f"{path.name}: error: {result.error.message}")
            continue
        codes = [
            f"{d.code}@{d.location.row}:{d.location.column}{'*' if d.fix is not None and d.fix.is_safe else ''}"
            for d in result.diagnostics
        ]
        lines.append(f"{path.name}: {' '.join(codes) if codes else 'clean'}")
    return "\n".join(lines) + "\n"


@needs_corpus
def test_corpus_findings_are_the_pinned_ones() -> None:
    """Each card's codes, positions and whether a safe fix is offered (``*``), as pinned."""
    found = _findings()
    if os.environ.get("CARDLINT_UPDATE_CORPUS"):
        PINNED.write_text(found, encoding="utf-8")
    assert found == PINNED.read_text(encoding="utf-8"), (
        "the corpus findings changed: check why, then regenerate (see the module doc)"
    )
