"""MC604 model-index-task-unknown."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.metadata.model_index import KEY, problems, shown
from cardlint.metadata.paths import path_text
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that each `task.type` of `model-index` is one of the Hub's pipeline tags
(`text-classification`, `automatic-speech-recognition`...) or one of their subtasks
(`sentiment-analysis`, `semantic-segmentation`...), which huggingface.js says may be used there,
and names the closest one when the value is a spelling variant of one or close to only one (the
close ones, for the author to choose, when several are). Results that MTEB wrote (a
`main_score` metric or an `mteb/` dataset) are left alone: their `task.type` is MTEB's task type
(`Classification`, `STS`), which MTEB's leaderboard reads. Model cards only.

## Why is this bad?
The Hub groups and shows eval results by task: a task it does not know (`binary-classification`,
`text_classification`) links to nothing, and leaderboards that filter by task miss the result.
Severity warning: the Hub accepts the push.

## Example
```yaml
  - task:
      type: text_classification
```

Use instead:
```yaml
  - task:
      type: text-classification
```

## Fix safety
No fix: a task type names what was evaluated, and the closest id in spelling is a suggestion, not
a certainty.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if ctx.repo_type != "model" or not isinstance(metadata, dict) or KEY not in metadata:
        return
    tasks = [problem for problem in problems(ctx.card) if problem.kind == "task"]
    if not tasks:
        return
    from cardlint.metadata.data import hub_lists

    lists = hub_lists()
    known = (*lists.pipeline_tags, *sorted(lists.subtasks))
    for problem in tasks:
        value = problem.value
        if value in lists.pipeline_tag_ids or value in lists.subtasks:
            continue
        yield RULE.at(
            ctx,
            problem.start,
            problem.end,
            f"{path_text(problem.path)} {shown(value)} is neither a Hub pipeline tag nor a "
            f"subtask: {advice(value, known)}",
        )


def advice(value: str, known: tuple[str, ...]) -> str:
    """The id to write when one is the value's spelling variant or the only one close to it;
    the close ones, for the author to choose, when several are."""
    from cardlint.metadata.nearest import closest, folded

    near: list[str] = []
    while len(near) < 3:
        found = closest(value, [item for item in known if item not in near])
        if found is None:
            break
        if folded(found) == folded(value):
            return f"write '{found}'"
        near.append(found)
    if len(near) == 1:
        return f"did you mean '{near[0]}'?"
    if near:
        listed = ", ".join(near) + ("..." if len(near) == 3 else "")
        return f"several are close in spelling ({listed}): write the one that was evaluated"
    return (
        "write one of the Hub's pipeline tags (text-classification, "
        "automatic-speech-recognition...) or subtasks"
    )


RULE = Rule(
    code="MC604",
    name="model-index-task-unknown",
    severity="warning",
    summary="a model-index task.type is neither a Hub pipeline tag nor a subtask",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
