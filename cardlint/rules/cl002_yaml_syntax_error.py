"""CL002 yaml-syntax-error."""

from __future__ import annotations

from typing import Iterator

from cardlint.rules.base import LintContext, Violation

CODE = "CL002"
NAME = "yaml-syntax-error"
SEVERITY = "error"
SUMMARY = "The metadata block is not valid YAML"
DOC = """\
## What it does
Parses the metadata block with PyYAML, as huggingface_hub does, and reports the first syntax
error at its README line and column. PyYAML's fast reader (libyaml) accepts a few things that
huggingface_hub's (PyYAML's pure-Python loader) refuses, such as a tab after a colon
(`emissions:\t12`): there the block is read again as huggingface_hub reads it, and the finding
says that its reader fails. A value PyYAML cannot build (`!!int` with no value, the date
`2020-13-45`) is reported at that value.

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


def check(ctx: LintContext) -> Iterator[Violation]:
    problem = ctx.card.problem
    if problem is None or problem.kind != "syntax":
        return
    message = problem.message
    if "'\\t'" in message:
        message += " (YAML does not allow tabs for indentation: indent with spaces)"
    if "{{" in ctx.card.block_text:
        message += " (the block holds an unrendered template placeholder '{{ ... }}')"
    yield Violation(problem.offset, problem.offset, f"invalid YAML: {message}")
