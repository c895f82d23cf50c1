"""CL001 missing-metadata."""

import re
from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that the README starts with a YAML metadata block that the Hugging Face Hub recognises:
a line `---`, the YAML, and a closing line `---` (blank lines before the block are allowed).

## Why is this bad?
Without the block the Hub shows no metadata and cannot filter the model by its emissions.
`----`, `+++` (TOML front matter) and a block that is never closed are not recognised.

## Example
```markdown
+++
co2_eq_emissions = 120
+++
```

Use instead:
```markdown
---
co2_eq_emissions:
  emissions: 120
---
```

## Fix safety
No fix.
"""

_NEAR_MISSES = (
    (
        re.compile(r"\A\s*-{4,}[ \t]*(?:\r\n|\r|\n)"),
        "the block opens with '----'; the Hub needs exactly '---'",
    ),
    (
        re.compile(r"\A\s*\+\+\+[ \t]*(?:\r\n|\r|\n)"),
        "'+++' (TOML front matter) is not read by the Hub; use a YAML block between '---' lines",
    ),
    (
        re.compile(r"\A\s*---[ \t]+(?:\r\n|\r|\n)"),
        "the opening '---' has trailing spaces; the Hub needs '---' alone on the line",
    ),
    (
        re.compile(r"\A\s*---(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|\Z)"),
        "nothing stands between the two '---' lines: the Hub reads an empty block (huggingface_hub sees none at all); write the metadata between them",
    ),
    (
        re.compile(r"\A\s*---(?:\r\n|\r|\n)"),
        "the block opened with '---' is never closed by a line '---'",
    ),
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    card = ctx.card
    if card.has_block:
        return
    for pattern, message in _NEAR_MISSES:
        match = pattern.match(card.text)
        if match:
            start = len(match.group(0)) - len(match.group(0).lstrip())
            yield RULE.at(ctx, start, start, f"no metadata block the Hub recognises: {message}")
            return
    yield RULE.at(
        ctx, 0, 0, "no metadata block: start the README with a YAML block between '---' lines"
    )


RULE = Rule(
    code="CL001",
    name="missing-metadata",
    severity="warning",
    summary="The README has no metadata block that the Hub recognises",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
