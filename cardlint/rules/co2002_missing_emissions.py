"""CO2002 co2-missing-emissions."""

from __future__ import annotations

from typing import Iterator

from cardlint.edits import insert_items
from cardlint.rules._helpers import log_figures
from cardlint.rules.base import LintContext, ProposedFix, Violation

CODE = "CO2002"
NAME = "co2-missing-emissions"
SEVERITY = "error"
SUMMARY = "The mapping form has no emissions key"
DOC = """\
## What it does
Checks that the mapping form of `co2_eq_emissions` has an `emissions` key.

## Why is this bad?
`emissions` is the figure itself. huggingface_hub's emissions filter
(`_is_emission_within_threshold`) raises a KeyError on a block without it, and the Hub shows nothing.

## Example
```yaml
co2_eq_emissions:
  source: CodeCarbon
  training_type: fine-tuning
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  source: CodeCarbon
  training_type: fine-tuning
```

## Fix safety
With an attached measurement log, the fix adds the log's total in grams: safe when the log was
named with `--log`, unsafe when it was only found beside the README. Otherwise no fix.
"""


def check(ctx: LintContext) -> Iterator[Violation]:
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping or "emissions" in co2.value:
        return
    message = "co2_eq_emissions has no 'emissions': add 'emissions: <grams of CO2eq>' (the Hub's filter fails without it)"
    found = log_figures(ctx)
    fix = None
    if found is not None and found.grams_text is not None:
        edit = insert_items(ctx.card, co2.node, [("emissions", found.grams_text)])  # type: ignore[arg-type]
        fix = ProposedFix("safe" if found.explicit else "unsafe", f"Add 'emissions: {found.grams_text}' ({found.how})", (edit,))
        message = f"co2_eq_emissions has no 'emissions': the attached log gives {found.grams_text} g ({found.how})"
    yield ctx.node_violation(co2.key_node, message, fix)
