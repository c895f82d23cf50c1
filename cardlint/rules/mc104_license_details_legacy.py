"""MC104 license-details-legacy."""

import re
from collections.abc import Iterator

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.metadata.fields import is_empty
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags `license_details`, the legacy key that hub-docs' model-card specification replaced by
`license_name` in 2023 (with `license: other` and `license_link`).

Model cards only: a dataset card's specification still lists `license_details` (as legacy), so
the rule is silent on dataset and Space cards.

## Why is this bad?
The Hub no longer reads `license_details` on a model card: the custom license has no name on
the model's page. Severity: warning.

## Example
```yaml
license: other
license_details: my-license-1.0
```

Use instead:
```yaml
license: other
license_name: my-license-1.0
```

## Fix safety
Renaming the key to `license_name` is safe when its value is a short name without spaces, as
`license_name` asks (`my-license-1.0`); a description in words is renamed only as an unsafe fix,
since `license_name` wants an identifier. An empty `license_name` beside it is removed by the same
fix. No fix when the card already has a `license_name`, or when the key is written twice or
carries an anchor or a tag.
"""

KEY = "license_details"
NEW = "license_name"
_NAME = re.compile(r"[\w.+-]{1,64}")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata or KEY not in metadata or ctx.repo_type != "model":
        return
    pair = ctx.card.top_level(KEY)
    if pair is None:
        return
    key_node, _ = pair
    message = f"{KEY} is legacy: the Hub reads the custom license's name from '{NEW}'"
    empty = ctx.card.top_level(NEW) if NEW in metadata and is_empty(metadata[NEW]) else None
    if NEW in metadata and empty is None:
        yield RULE.at_node(ctx, key_node, message + f", which the card has: remove '{KEY}'")
        return
    from cardlint.reading.edits import delete_items, hand_edit_reason

    reason = hand_edit_reason(ctx.card, key_node)
    written = [key.value for key, _ in ctx.card.mapping_items()]
    removal = delete_items(ctx.card, ctx.card.root, [empty[0]]) if empty else ()  # type: ignore[arg-type]
    if removal is None or written.count(NEW) > 1:
        reason = f"the card has an empty '{NEW}' that cannot be removed apart from it"
    if reason is not None or written.count(KEY) > 1:
        why = reason or "the key is written twice"
        yield RULE.at_node(ctx, key_node, message + f": rename it by hand ({why})")
        return
    value = metadata[KEY]
    safe = isinstance(value, str) and _NAME.fullmatch(value) is not None
    if not safe:
        message += (
            " (a short identifier such as my-license-1.0; the text goes in license_link's file)"
        )
    start, end = ctx.card.node_offsets(key_node)
    renamed = (Target((NEW,), value, Evidence.MOVED), Target((KEY,), REMOVED, Evidence.MOVED))
    edits = (Edit(start, end, NEW), *(removal or ()))
    words = f"Rename to '{NEW}'" + (f" (in place of the empty '{NEW}')" if empty else "")
    fix = Fix(Applicability.of(safe), words, edits, renamed)
    yield RULE.at_node(ctx, key_node, message, fix)


RULE = Rule(
    code="MC104",
    name="license-details-legacy",
    severity="warning",
    summary="license_details, the legacy key replaced by license_name",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
