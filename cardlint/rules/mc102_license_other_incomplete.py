"""MC102 license-other-incomplete."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that a card with `license: other` (or `other` in a list of licenses) also says which
license that is: `license_name` (a short id, such as `my-license-1.0`) and `license_link` (a
license file in the repository, `LICENSE` or `LICENSE.md`, or the URL of the license text).
An empty value counts as missing. Applies to model, dataset and Space cards.

## Why is this bad?
`other` alone tells nobody the terms: the Hub's documentation (modelcard.md, "If license =
other") asks for both keys, and the Hub shows the name and links the text on the model page.
No documentation says the Hub rejects the push without them, so this is a warning.

## Example
```yaml
license: other
```

Use instead:
```yaml
license: other
license_name: coqui-public-model-license
license_link: https://coqui.ai/cpml
```

## Fix safety
No fix: only the author knows the license.
"""

_NAME = "license_name (a short id for the license, such as my-license-1.0)"
_LINK = "license_link (LICENSE or LICENSE.md, a license file in the repository, or the license text's URL)"


def _given(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata:
        return
    value = metadata.get("license")
    if value != "other" and not (isinstance(value, list) and "other" in value):
        return
    missing = [
        text
        for key, text in (("license_name", _NAME), ("license_link", _LINK))
        if not _given(metadata.get(key))
    ]
    pair = ctx.card.top_level("license")
    if not missing or pair is None:
        return
    message = f"license is 'other', so the card must say which license: add {' and '.join(missing)}"
    if not _given(metadata.get("license_name")) and _given(metadata.get("license_details")):
        message += "; license_details is the legacy form of license_name" + (
            " (MC104 renames it)" if ctx.repo_type == "model" else ""
        )
    yield RULE.at_node(ctx, pair[1], message)


RULE = Rule(
    code="MC102",
    name="license-other-incomplete",
    severity="warning",
    summary="license: other without license_name or license_link",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
