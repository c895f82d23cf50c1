"""MC602 model-index-wrong-type."""

import json
from collections.abc import Iterator

import yaml

from cardlint.diagnostics import Applicability, Diagnostic, Fix, Target
from cardlint.metadata.model_index import KEY, Problem, problems
from cardlint.reading.edits import hand_edit_reason
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks the types the Hub's schema gives the fields of `model-index` (model_index_fields.csv):
`name`, `task.type`, `task.name`, `dataset.type`, `dataset.name`, `dataset.config`,
`dataset.split`, `dataset.revision`, `metrics[].type`, `metrics[].name`, `metrics[].config`,
`metrics[].verifyToken`, `source.name` and `source.url` are strings; `results` and `metrics` are
lists and `source` a mapping (when huggingface_hub reads past an empty one of another type; when
it raises, MC601 reports it). A required field left empty or blank (`type:`, `name: ""`,
`value:`), a source without a `url` (which every source needs: huggingface_hub raises only when
it has a name and the result a metric, and MC601 reports that), `metrics: []` (the result shows
nothing) and a `verified` beside its verifyToken that is no boolean are reported too; an empty
optional field is read as absent. Model cards only.

## Why is this bad?
The Hub rejects the push: `"model-index[0].results[0].dataset.config" must be a string` is the
message authors get for `config: 2019`. Severity error.

## Example
```yaml
    dataset:
      type: wmt/wmt19
      name: WMT19
      config: 2019
```

Use instead:
```yaml
    dataset:
      type: wmt/wmt19
      name: WMT19
      config: "2019"
```

## Fix safety
Quoting a number, a boolean or a date where a string is required is safe: the fix writes the text
the card already has (`2019`, `no`, `2021-01-01`), which is what the author typed and what a string
field can only have meant. Other wrong types (a list or a mapping for a string, an empty field)
have no fix. A value with an anchor or a tag, or one shared through an alias, is left to be fixed
by hand.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if ctx.repo_type != "model" or not isinstance(metadata, dict) or KEY not in metadata:
        return
    for problem in problems(ctx.card):
        if problem.kind == "wrong-type":
            fix, note = quoted(ctx, problem)
            yield RULE.at(ctx, problem.start, problem.end, problem.message + note, fix)


def quoted(ctx: LintContext, problem: Problem) -> tuple[Fix | None, str]:
    """The fix that quotes a scalar written where a string is required, or why there is none."""
    node = problem.node
    if problem.value is None or isinstance(problem.value, str | dict | list):
        return None, ""
    if not isinstance(node, yaml.ScalarNode):
        return None, " (fix it by hand: the value is written elsewhere, through an alias or <<)"
    reason = hand_edit_reason(ctx.card, node)
    if reason is not None:
        return None, f" (fix it by hand: {reason})"
    text = json.dumps(node.value, ensure_ascii=False)
    fix = ctx.replace_node(node, text, f"Write {text}", sets=(Target(problem.path, node.value),))
    return fix, ""


RULE = Rule(
    code="MC602",
    name="model-index-wrong-type",
    severity="error",
    summary="a model-index field has a type the Hub rejects (a number where a string is required)",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE}),
    doc=DOC,
    check=check,
)
