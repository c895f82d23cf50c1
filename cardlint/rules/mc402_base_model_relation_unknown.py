"""MC402 base-model-relation-unknown."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that `base_model_relation` is one of the four relations the Hub documents: `adapter`,
`merge`, `quantized`, `finetune`, and names the one a variant most resembles. Model cards
only.

## Why is this bad?
The Hub groups a model in its base model's tree by this value ("Adapters", "Merges",
"Quantizations", "Finetunes"); a value outside the four is no relation it knows. No source
says the Hub rejects it, hence a warning.

## Example
```yaml
base_model: meta-llama/Llama-3.1-8B
base_model_relation: fine-tuned
```

Use instead:
```yaml
base_model: meta-llama/Llama-3.1-8B
base_model_relation: finetune
```

## Fix safety
A case variant (`Finetune`, `QUANTIZED`) is lowercased: safe. A near spelling (`fine-tune`,
`fine_tuned`, `finetuning`, `quantised`, `quantization`, `merged`, `lora`) is replaced by the
relation it resembles: unsafe, since it may name something else (a LoRA that was merged into
its base is a finetune, not an adapter). Anything else has no fix: write the relation, or
remove the key and let the Hub infer it.
"""

# near spellings, folded (case and separators dropped: nearest.folded), and their relation
_NEAR = {
    "finetuned": "finetune",
    "finetuning": "finetune",
    "finetunes": "finetune",
    "quantised": "quantized",
    "quantize": "quantized",
    "quantise": "quantized",
    "quantization": "quantized",
    "quantisation": "quantized",
    "merged": "merge",
    "merging": "merge",
    "merges": "merge",
    "adapters": "adapter",
    "lora": "adapter",
    "qlora": "adapter",
    "peft": "adapter",
}


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not isinstance(metadata, dict) or ctx.repo_type != "model":
        return
    value = metadata.get("base_model_relation")
    if not isinstance(value, str) or not value.strip():
        return  # absent, empty (MC002) or not a string (MC003)
    from cardlint.metadata.data import hub_lists

    relations = hub_lists().base_model_relations
    if value in relations:
        return
    from cardlint.metadata.nearest import closest, folded
    from cardlint.metadata.string_items import rewrite, string_items

    for item in string_items(ctx, "base_model_relation"):
        head = f"base_model_relation {_shown(value)} is not one of {', '.join(relations)}"
        lowered = value.strip().lower()
        safe = lowered in relations
        target = lowered if safe else _NEAR.get(folded(value)) or closest(value, relations)
        if target is None:
            advice = "write the one that says how this model derives from base_model, or remove the key (the Hub then infers it)"
            yield RULE.at_node(ctx, item.node, f"{head}: {advice}")
            continue
        advice = f"write '{target}'" if safe else f"did you mean '{target}'?"
        fix, by_hand = rewrite(ctx, item, target, safe)
        yield RULE.at_node(ctx, item.node, f"{head}: {advice}{by_hand}", fix)


def _shown(value: str) -> str:
    import json  # only for a finding

    return json.dumps(value, ensure_ascii=False)


RULE = Rule(
    code="MC402",
    name="base-model-relation-unknown",
    severity="warning",
    summary="base_model_relation is not one of adapter, merge, quantized, finetune",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
