"""CO2202 training-type-unknown."""

import re
from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.reading.co2 import TRAINING_TYPES
from cardlint.rules._helpers import show_value
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that `training_type` is exactly `pre-training` or `fine-tuning`.

## Why is this bad?
Those are the two values the specification defines and the Hub groups by; `Fine-tuning`,
`finetuning` or `pre−training` (with a Unicode minus) are different strings to every program.

## Example
```yaml
co2_eq_emissions:
  emissions: 120
  training_type: Fine Tuning
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  training_type: fine-tuning
```

## Fix safety
Normalising a recognisable variant (case, spaces, underscores, Unicode dashes, missing hyphen)
is safe. Anything else ("second-stage pre-training", "RLHF") has no fix: choose the value that
describes the run.
"""

_SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015\u2212]+")


def normalise(value: str) -> str | None:
    """The spec's value that ``value`` is a variant of, or None."""
    squashed = _SEPARATORS.sub("", value.strip().lower())
    return {
        "pretraining": "pre-training",
        "finetuning": "fine-tuning",
        "finetune": "fine-tuning",
        "finetuned": "fine-tuning",
    }.get(squashed)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    field = co2.field("training_type") if co2 is not None else None
    if field is None or field.value in TRAINING_TYPES:
        return
    shown = show_value(field.value)
    target = normalise(field.value) if isinstance(field.value, str) else None
    if target is None:
        yield RULE.at_node(
            ctx, field.value_node, f"training_type {shown} is not one of: pre-training, fine-tuning"
        )
        return
    fix = ctx.replace_node(field.value_node, target, f"Write {target}")
    yield RULE.at_node(
        ctx,
        field.value_node,
        f"training_type {shown} is not one of the spec's values: write '{target}'",
        fix,
    )


RULE = Rule(
    code="CO2202",
    name="training-type-unknown",
    severity="error",
    summary="training_type is not exactly pre-training or fine-tuning",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE}),
    doc=DOC,
    check=check,
)
