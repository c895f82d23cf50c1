"""MC601 model-index-invalid."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.metadata.model_index import KEY, problems
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that `model-index` has what huggingface_hub's parser (`model_index_to_eval_results`,
`EvalResult`, `ModelCardData`) needs: a list of models, each with `name` and a list of `results`;
each result a mapping with `task.type`, `dataset.type`, `dataset.name` and a list of `metrics`;
each metric a mapping with `type` and `value`; a `source` that is a mapping, with a `url` when it
has a `name`; and a `name` on the last model as soon as there is a metric. One finding per
problem, at the value (or at the mapping that lacks the key), named by its Hub path
(`model-index[0].results[1].dataset`). Model cards only.

## Why is this bad?
huggingface_hub raises on such a card (`Invalid model_index in metadata cannot be parsed`, or a
`ValueError` for a source without a url): `ModelCard.load` fails, and tools that load the card
with `ignore_metadata_errors` lose every eval result. Severity error: the Hub misreads the field.

## Example
```yaml
model-index:
- name: my-model
  results:
  - task:
      type: text-classification
    dataset:
      type: stanfordnlp/imdb
    metrics:
    - type: accuracy
      value: 0.91
```

Use instead:
```yaml
model-index:
- name: my-model
  results:
  - task:
      type: text-classification
    dataset:
      type: stanfordnlp/imdb
      name: IMDb
    metrics:
    - type: accuracy
      value: 0.91
```

## Fix safety
No fix: only the author knows the missing name, dataset or score.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if ctx.repo_type != "model" or not isinstance(metadata, dict) or KEY not in metadata:
        return
    for problem in problems(ctx.card):
        if problem.kind == "invalid":
            yield RULE.at(ctx, problem.start, problem.end, problem.message)


RULE = Rule(
    code="MC601",
    name="model-index-invalid",
    severity="error",
    summary="model-index lacks what huggingface_hub's parser needs, which then raises",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
