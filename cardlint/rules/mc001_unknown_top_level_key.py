"""MC001 unknown-top-level-key."""

from collections.abc import Iterator

import yaml

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.metadata.fields import FIELDS, is_empty, type_fits
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags a top-level metadata key that is neither a documented field of the card (the Hub's
model-card reference, huggingface.js's `ApiModelMetadata`) nor a key in common use
(`model_name`, `model_type`, `prompt_template`, `quantized_by`, `programming_language`... the
list and how it was chosen are in cardlint/data/HUB-SOURCES.md), and names the known key it
stands for: `licence` -> `license`, `pipeline-tag` -> `pipeline_tag`, `langauge` -> `language`.
It says when the key belongs inside `co2_eq_emissions` (`training_type` written at the top
level), or is a dataset card's field written on a model card (`train-eval-index`).

On a dataset card (`--repo-type dataset`, or a Hub dataset's card) the dataset card's own fields
(`pretty_name`, `task_categories`, `configs`...) are known too; a Space's card has fields of its
own, and the rule is silent there.

## Why is this bad?
The Hub ignores a key it does not know: a misspelt `licence` is a license nobody sees, and the
model is listed under none. Severity: warning (the push goes through).

## Example
```yaml
licence: mit
pipeline-tag: text-generation
```

Use instead:
```yaml
license: mit
pipeline_tag: text-generation
```

## Fix safety
Renaming a spelling variant of a known key (other case, `-` or `_` or a space between words,
British spelling) is safe: it can only be that key. Renaming to a merely similar key
(`langauge` -> `language`) is unsafe. There is no fix when the card already has the key, when no
known key is close (or the close one takes another type of value: `task` holding a mapping is
not `tags`), or when the key is written twice or carries an anchor or a tag.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata or ctx.repo_type == "space" or all(key in FIELDS for key in metadata):
        return
    from cardlint.metadata.data import hub_lists
    from cardlint.metadata.keys import known_keys

    known = known_keys(ctx.repo_type)
    items = ctx.card.mapping_items()
    written = [key.value for key, _ in items if isinstance(key, yaml.ScalarNode)]
    for key_node, _value in items:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in known:
            continue
        name = key_node.value
        if name not in metadata:
            continue  # a key YAML reads as a number, a date, a boolean or null
        message, fix = _finding(ctx, key_node, known, written, hub_lists().dataset_card_keys)
        yield RULE.at_node(ctx, key_node, message, fix)


def _finding(
    ctx: LintContext,
    key_node: yaml.ScalarNode,
    known: frozenset[str],
    written: list[str],
    dataset_keys: frozenset[str],
) -> tuple[str, Fix | None]:
    """The message for one unknown key, and its rename when there is one."""
    from cardlint.metadata.keys import resembles, spelling_variant
    from cardlint.reading.co2 import KEY as CO2_KEY
    from cardlint.reading.co2 import KNOWN_KEYS as CO2_KEYS

    name = key_node.value
    shown = f"unknown key '{name}'"
    if name in dataset_keys:
        return (
            f"{shown}: it is a dataset card's field, which the Hub does not read on a model card "
            "(a dataset's README is checked with --repo-type dataset)",
            None,
        )
    if spelling_variant(name, frozenset(CO2_KEYS)) is not None:
        return (
            f"{shown}: it is a key of {CO2_KEY}, and the Hub reads it only inside that block: "
            f"indent it under '{CO2_KEY}:'",
            None,
        )
    target = spelling_variant(name, known)
    safe = target is not None
    value = ctx.card.metadata.get(name) if ctx.card.metadata else None
    if target is None:
        target = resembles(name, known)
        field = FIELDS.get(target or "")
        if field is not None and not is_empty(value) and not type_fits(value, field.types):
            target = None  # `task` holding a mapping is not `tags`
    if target is None:
        return (
            f"{shown}: the Hub ignores it; it is neither a documented field of the card nor a "
            "key in common use",
            None,
        )
    if target in written:
        return f"{shown}: the Hub ignores it, and the card already has '{target}'", None
    advice = f"the Hub reads '{target}'" if safe else f"did you mean '{target}'?"
    from cardlint.reading.edits import hand_edit_reason

    reason = hand_edit_reason(ctx.card, key_node)
    if written.count(name) > 1 or reason is not None:
        why = reason or "the key is written twice"
        return f"{shown}: {advice} (rename it by hand: {why})", None
    start, end = ctx.card.node_offsets(key_node)
    renamed = (
        Target((target,), value, Evidence.MOVED),
        Target((name,), REMOVED, Evidence.MOVED),
    )
    fix = Fix(Applicability.of(safe), f"Rename to '{target}'", (Edit(start, end, target),), renamed)
    return f"{shown}: {advice}", fix


RULE = Rule(
    code="MC001",
    name="unknown-top-level-key",
    severity="warning",
    summary="A top-level key that is neither documented nor in common use",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
