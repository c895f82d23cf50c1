"""MC603 model-index-verified-by-hand."""

from collections.abc import Iterator

import yaml

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Fix, Target
from cardlint.metadata.model_index import KEY, Problem, find, problems
from cardlint.metadata.paths import key_node
from cardlint.reading.edits import delete_items, hand_edit_reason
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Finds `verified:` set on a metric of `model-index` without the `verifyToken` that the Hub's
evaluation service signs. Only the Hub sets `verified` (huggingface_hub: "Automatically computed
by Hugging Face, do not set"; the spec dropped the field in 2023-12). `verified: false`, which
tools write and which claims nothing, and a `verified` beside its `verifyToken`, which the
evaluation service wrote itself, are left alone. Model cards only.

## Why is this bad?
`verified: true` written by hand claims that Hugging Face checked the score; the Hub works the
flag out from the token and ignores the card's, so the claim misleads readers of the YAML and
tools that trust it. Severity warning: the Hub does not reject the push.

## Example
```yaml
    metrics:
    - type: accuracy
      value: 0.91
      verified: true
```

Use instead:
```yaml
    metrics:
    - type: accuracy
      value: 0.91
```

## Fix safety
Removing the key is unsafe: it deletes a line the author wrote, and the author may want to know
why the score was marked verified before it goes. A key in a mapping shared through an anchor, or
whose removal would take a neighbour's comma in a flow mapping, is left to be removed by hand.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if ctx.repo_type != "model" or not isinstance(metadata, dict) or KEY not in metadata:
        return
    for problem in problems(ctx.card):
        if problem.kind == "verified":
            fix, reason = removal(ctx, problem)
            note = f" (by hand: {reason})" if reason else ""
            yield RULE.at(ctx, problem.start, problem.end, problem.message + note, fix)


def removal(ctx: LintContext, problem: Problem) -> tuple[Fix | None, str]:
    """The fix that deletes the ``verified`` key, or why no edit can do it alone."""
    metric, _ = find(ctx.card, problem.path[:-1])
    pair = key_node(metric, "verified") if metric is not None else None
    if not isinstance(metric, yaml.MappingNode) or pair is None:
        return None, "the key comes in through a merge key (<<)"
    reason = hand_edit_reason(ctx.card, metric) or hand_edit_reason(ctx.card, pair[1])
    if reason is not None:
        return None, reason.replace("the value", "the metric", 1)
    keys = [key for key, _ in metric.value if isinstance(key, yaml.ScalarNode)]
    edits = delete_items(ctx.card, metric, [key for key in keys if key.value == "verified"])
    if edits is None:
        return None, "its neighbours in the flow mapping would lose a comma"
    sets = (Target(problem.path, REMOVED),)
    return Fix(Applicability.UNSAFE, "Remove 'verified'", edits, sets), ""


RULE = Rule(
    code="MC603",
    name="model-index-verified-by-hand",
    severity="warning",
    summary="verified is set on a model-index metric without the Hub's verifyToken",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
