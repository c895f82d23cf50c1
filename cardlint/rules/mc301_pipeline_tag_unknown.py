"""MC301 pipeline-tag-unknown."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.metadata.data import hub_lists
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that a model card's `pipeline_tag` is one of the Hub's 57 pipeline tags (huggingface.js
`PIPELINE_DATA`, packaged in cardlint). It names a tag the Hub removed (`conversational`,
`text2text-generation`) with its successor, a subtask type written where a pipeline tag belongs
(`sentiment-analysis` is a subtask of `text-classification`), and a near spelling.

Model cards only: a dataset card gives its tasks in `task_categories` and `task_ids`, and
`pipeline_tag` is not one of its fields, so the rule is silent on dataset (and Space) cards
(`--repo-type`, or a Hub card's own kind).

## Why is this bad?
The pipeline tag decides which task filter lists the model on the Hub, which widget its page
shows and which inference API serves it. A tag the Hub does not list is misread: the model is
under no task, and gets no widget. Severity: error.

## Example
```yaml
pipeline_tag: Text_Generation
```

Use instead:
```yaml
pipeline_tag: text-generation
```

## Fix safety
A listed tag in another case or with other separators (`Text_Generation`, `text generation`)
is rewritten safely: it can only be that tag. A removed tag is replaced by its successor
(`conversational` -> `text-generation`), a subtask by its pipeline tag and a near spelling by
the nearest tag, as unsafe fixes: the successor or the nearest tag may not describe the model.
A subtask listed under two pipeline tags, or a value near none, has no fix. A value with an
anchor, a tag or in block style is left to be fixed by hand.
"""

KEY = "pipeline_tag"


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata or not isinstance(metadata.get(KEY), str) or ctx.repo_type != "model":
        return
    value = metadata[KEY]
    if value in hub_lists().pipeline_tag_ids:
        return
    from cardlint.metadata.pipelines import pipeline_verdict

    verdict = pipeline_verdict(value)
    pair = ctx.card.top_level(KEY)
    if verdict is None or pair is None:
        return
    shown = f"{KEY} '{value}'"
    kind, ids = verdict.kind, verdict.ids
    if kind == "removed":
        message = f"{shown} is {verdict.as_matched(value)}a pipeline tag the Hub removed" + (
            f"; its successor is '{ids[0]}': write it if it describes the model" if ids else ""
        )
    elif kind == "variant":
        message = f"{shown} is not written as the Hub lists it: write '{ids[0]}'"
    elif kind == "subtask" and len(ids) == 1:
        message = (
            f"{shown} is a subtask of the pipeline tag '{ids[0]}', not a pipeline tag: write "
            f"'{ids[0]}' (the subtask may go in tags)"
        )
    elif kind == "subtask":
        listed = " or ".join(f"'{tag}'" for tag in ids)
        message = f"{shown} is a subtask, not a pipeline tag: write the one it is for ({listed})"
        ids = ()
    elif kind == "near":
        message = f"{shown} is not one of the Hub's pipeline tags; the nearest is '{ids[0]}'"
    else:
        message = (
            f"{shown} is not one of the Hub's 57 pipeline tags (https://huggingface.co/tasks): "
            "write the task the model performs, or 'other'"
        )
    fix = None
    if ids:
        from cardlint.metadata.verdict import write_id

        fix, by_hand = write_id(ctx, KEY, pair[1], ids[0], safe=kind == "variant")
        message += by_hand
    yield RULE.at_node(ctx, pair[1], message, fix)


RULE = Rule(
    code="MC301",
    name="pipeline-tag-unknown",
    severity="error",
    summary="pipeline_tag is not one of the Hub's pipeline tags",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
