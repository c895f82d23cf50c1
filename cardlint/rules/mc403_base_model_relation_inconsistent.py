"""MC403 base-model-relation-inconsistent."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that `base_model_relation` agrees with `base_model`: a relation needs a base model to
relate to, and `merge` needs two or more of them. Model cards only.

## Why is this bad?
A relation without `base_model` places the model in no tree: the Hub has nothing to relate it
to. The Hub's documentation asks for "a list of two or more base_models" for a merge; a merge
of one model is either a mislabelled finetune, adapter or quantization, or a list that lost
the other models. No source says the Hub rejects either, hence a warning.

## Example
```yaml
base_model: mistralai/Mistral-7B-v0.1
base_model_relation: merge
```

Use instead:
```yaml
base_model:
- mistralai/Mistral-7B-v0.1
- HuggingFaceH4/zephyr-7b-beta
base_model_relation: merge
```

## Fix safety
No fix: only the author knows the missing base models, or the relation meant.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not isinstance(metadata, dict) or ctx.repo_type != "model":
        return
    relation = metadata.get("base_model_relation")
    if not isinstance(relation, str) or not relation.strip():
        return  # absent, empty (MC002) or not a string (MC003)
    base = metadata.get("base_model")
    if isinstance(base, str):
        models = [base] if base.strip() else []
    elif isinstance(base, list):
        models = [item for item in base if isinstance(item, str) and item.strip()]
    elif base is None:
        models = []
    else:
        return  # a mapping or a number: MC003's
    merge = relation.strip().lower() == "merge"
    if models and not (merge and len(models) == 1):
        return
    from cardlint.metadata.paths import key_node

    pair = key_node(ctx.card.root, "base_model_relation") if ctx.card.root is not None else None
    if pair is None:
        return
    import json  # only for a finding

    shown = json.dumps(relation, ensure_ascii=False)
    if not models:
        yield RULE.at_node(
            ctx,
            pair[0],
            f"base_model_relation {shown} without a base_model: add base_model with the Hub id "
            "of the model this one derives from, or remove base_model_relation",
        )
        return
    yield RULE.at_node(
        ctx,
        pair[1],
        f"base_model_relation is {shown}, but base_model names one model ({json.dumps(models[0], ensure_ascii=False)}): "
        "list every model merged in base_model, or, if this model derives from that one alone, "
        "write the relation that says how (adapter, quantized or finetune)",
    )


RULE = Rule(
    code="MC403",
    name="base-model-relation-inconsistent",
    severity="warning",
    summary="base_model_relation without base_model, or merge with a single base model",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
