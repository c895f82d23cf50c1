"""MC801 hub-rejects."""

import re
from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.metadata.paths import node_at, path_parts
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
With `cardlint check --hub-validate`, sends the card to the Hub's validation endpoint (the check
a push of README.md runs) and reports each error the Hub returns, word for word, at the field
its path names (`"model-index[0].results[0].dataset.config" must be a string` points at that
`config`); where the named field is absent, at the nearest field on its path, and where the
message names no field of the card, at the start of the metadata block. Without
`--hub-validate` the rule reports nothing: the card never leaves the machine.

The Hub's rules are not public and change; the other MC rules are cardlint's local version of
them, and this rule is the Hub's own word. What the Hub only warns about (an empty metadata
block) does not block a push: it is shown as a note, not as a finding. Severity error: the Hub
rejects the push.

## Why is this bad?
The Hub refuses the push (`Sorry, your push was rejected during YAML metadata verification`),
and `huggingface_hub`'s `create_commit`/`upload_folder` raise before uploading anything.

## Example
```yaml
widget:
  text: I like you.
```

Use instead:
```yaml
widget:
  - text: I like you.
```

## Fix safety
No fix: the Hub says what it rejects, not what it would accept.
"""

_PATH = re.compile(r'\A\s*"([^"]+)"')  # the Hub's messages start with the quoted path


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    answer = ctx.card.hub_answer
    if answer is None:
        return
    for message in answer.errors:
        yield _located(ctx, message)


def _located(ctx: LintContext, message: str) -> Diagnostic:
    """The Hub's message at the field its path names (or the nearest one on the path that the
    card has), else at the block's start."""
    card = ctx.card
    named = _PATH.match(message)
    node = node_at(card.root, path_parts(named.group(1))) if named else None
    text = f"the Hub rejects this card: {message}"
    if node is not None:
        return RULE.at_node(ctx, node, text)
    start = card.block_start if card.block_start is not None else 0
    return RULE.at(ctx, start, start, text)


RULE = Rule(
    code="MC801",
    name="hub-rejects",
    severity="error",
    summary="The Hub's validation endpoint rejects the card (--hub-validate)",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
