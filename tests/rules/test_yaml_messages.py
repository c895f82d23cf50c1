"""CL002 says what the author most likely wrote, not only the parser's words (issue 16, point 9)."""

from __future__ import annotations

import pytest

from cardlint.linter import lint_text

# (metadata block, row and column of the finding, what the message must say beside the parser)
MESSAGES = [
    (
        "co2_eq_emissions:\n  source: see: here\n",
        (3, 14),
        "a value that contains ': ' must be quoted",
    ),
    (
        "co2_eq_emissions:\n  emissions: 1\n   source: x\n",
        (4, 10),
        "the keys of one mapping start in the same column",
    ),
    (
        "co2_eq_emissions:\n  source: @codecarbon\n",
        (3, 11),
        "a value cannot start with '@' unless it is quoted",
    ),
    (
        "co2_eq_emissions:\n  source: `codecarbon`\n",
        (3, 11),
        "a value cannot start with '`' unless it is quoted",
    ),
    ('co2_eq_emissions:\n  source: "CodeCarbon\n', (3, 22), "a quote is opened and never closed"),
    ("co2_eq_emissions:\n  source: 'x\n", (3, 13), "a quote is opened and never closed"),
    (
        "co2_eq_emissions:\n  emissions:\t12\n",
        (3, 13),
        "huggingface_hub's reader takes no tab between tokens: use a space",
    ),
    ("co2_eq_emissions: {emissions: 1,\tsource: x}\n", (2, 33), "takes no tab between tokens"),
    (
        "co2_eq_emissions:\n\temissions: 1\n",
        (3, 1),
        "a tab in the indentation: YAML forbids tabs for indentation",
    ),
]


@pytest.mark.parametrize(("block", "where", "said"), MESSAGES)
def test_a_syntax_error_says_what_the_author_wrote(
    block: str, where: tuple[int, int], said: str
) -> None:
    (finding,) = [d for d in lint_text(f"---\n{block}---\n").diagnostics if d.code == "CL002"]
    assert (finding.location.row, finding.location.column) == where
    assert said in finding.message
