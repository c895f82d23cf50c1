"""CL002 yaml-syntax-error."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Parses the metadata block with PyYAML, as huggingface_hub does, and reports the first syntax
error at its README line and column. PyYAML's fast reader (libyaml) accepts a few things that
huggingface_hub's (PyYAML's pure-Python loader) refuses, such as a tab after a colon
(`emissions:\t12`): there the block is read again as huggingface_hub reads it, and the finding
says that its reader fails. A value PyYAML cannot build (`!!int` with no value, the date
`2020-13-45`) is reported at that value. Beside the parser's words, the message says what the
author most likely wrote: a tab in the indentation or between tokens, a value holding ': ' or
starting with '@' or '`' unquoted, keys of one mapping in different columns, a quote never closed.

## Why is this bad?
The Hub cannot read any of the card's metadata: tags, license, datasets and emissions are all lost.

## Example
```yaml
co2_eq_emissions:
\temissions: 2.04
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 2.04
```

## Fix safety
No fix.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    problem = ctx.card.problem
    if problem is None or problem.kind != "syntax":
        return
    message = problem.message
    hint = _hint(message, ctx.card.text[problem.offset : problem.offset + 1])
    if hint:
        message += f" ({hint})"
    if "{{" in ctx.card.block_text:
        message += " (the block holds an unrendered template placeholder '{{ ... }}')"
    yield RULE.at(ctx, problem.offset, problem.offset, f"invalid YAML: {message}")


# What the author did, for the parser's words: (words in PyYAML's message, character at the error or "", hint).
_HINTS = (
    ("'\\t'", "", "huggingface_hub's reader takes no tab between tokens: use a space"),
    (
        "mapping values are not allowed",
        "",
        "a value that contains ': ' must be quoted, and the keys of one mapping start in the same column",
    ),
    ("cannot start any token", "@", "a value cannot start with '@' unless it is quoted"),
    ("cannot start any token", "`", "a value cannot start with '`' unless it is quoted"),
    ("scanning a quoted scalar", "", "a quote is opened and never closed"),
)


def _hint(message: str, at: str) -> str | None:
    """What the author most likely wrote, for a message in the parser's words; None if unknown."""
    return next(
        (hint for words, char, hint in _HINTS if words in message and char in (at, "")), None
    )


RULE = Rule(
    code="CL002",
    name="yaml-syntax-error",
    severity="error",
    summary="The metadata block is not valid YAML",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
