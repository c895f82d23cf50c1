"""MC101 license-unknown."""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.metadata.data import hub_lists
from cardlint.metadata.fields import all_pass
from cardlint.rules.base import FixAvailability, LintContext, Rule

if TYPE_CHECKING:  # the module is imported only when a card has a license
    from cardlint.metadata.licenses import Reading

DOC = """\
## What it does
Checks that `license` (or each license of a list) is one of the Hub's 83 license ids
(https://huggingface.co/docs/hub/repositories-licenses), and says what the value most likely
means: the same id written another way (`MIT`, `Apache 2.0`, `apache2`, `Apache License,
Version 2.0`, `CC-BY-NC-4.0`, `GPLv3`), an SPDX id with `-only`, `-or-later` or `+`, a license
the Hub lists only by version (`CC-BY-NC`: 2.0, 3.0 or 4.0?), an id the Hub renamed
(`open-mdw` is now `openmdw-1.0`) or removed (`tii-falcon-llm`), an SPDX expression
(`MIT OR Apache-2.0`), or nothing the Hub lists. Applies to model, dataset and Space cards.
huggingface.js types the field `License | License[]`, so a list is not reported; each item is
checked as `license[0]`, `license[1]`...

## Why is this bad?
The Hub validates `license` on every push and rejects a value it does not list (severity
error); a license it does not list must be declared as `license: other` with `license_name`
and `license_link`.

## Example
```yaml
license: Apache License 2.0
```

Use instead:
```yaml
license: apache-2.0
```

## Fix safety
The same id in another case or spelling (separators, the words "License" and "Version", `2`
for `2.0`) and a renamed id are rewritten safely: each can only mean that id. An SPDX
qualifier (`GPL-3.0-or-later` → `gpl-3.0`: the Hub's id does not say "or later"), a version
the Hub's id does not carry (`ODbL-1.0` → `odbl`), a version it adds (`Apache` →
`apache-2.0`, the only one it lists) and a near spelling (`apach-2.0`) get an unsafe fix: the
message says what the new id drops or assumes. Several candidates (`CC-BY-NC`, `BSD-3`), an
expression, a removed id and a value close to no id have no fix. A value with an anchor, a
tag or in block style is left to be fixed by hand.
"""

KEY = "license"
_OTHER = (
    "write `license: other` with license_name (a short id for the license) and license_link "
    "(LICENSE, LICENSE.md or the license text's URL)"
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata or KEY not in metadata:
        return
    known = hub_lists().license_ids
    if all_pass(metadata[KEY], known.__contains__):
        return
    from cardlint.metadata import licenses  # its patterns compile only for an unlisted license
    from cardlint.metadata.string_items import rewrite, string_items

    for item in string_items(ctx, KEY):
        if item.value in known:
            continue
        reading = licenses.read_license(item.value)
        message, safe = _message(f"{item.name} '{item.value}'", reading), None
        if reading.kind in (licenses.RENAMED, licenses.VARIANT):
            safe = True
        elif reading.kind in (
            licenses.QUALIFIED,
            licenses.UNVERSIONED,
            licenses.VERSION_ADDED,
            licenses.NEAR,
        ):
            safe = False
        fix = None
        if safe is not None:
            fix, by_hand = rewrite(ctx, item, reading.ids[0], safe)
            message += by_hand
        yield RULE.at_node(ctx, item.node, message, fix)


def _message(shown: str, reading: "Reading") -> str:
    """What the finding says for a reading of the value."""
    from cardlint.metadata import licenses

    kind, ids = reading.kind, reading.ids
    first = ids[0] if ids else ""
    listed = f"{shown} is not one of the Hub's license ids"
    if kind == licenses.RENAMED:
        return f"{shown}: the Hub renamed this license id to '{first}'"
    if kind == licenses.REMOVED:
        return f"{shown}: the Hub no longer lists this license id and names no successor: {_OTHER}"
    if kind == licenses.VARIANT:
        return f"{listed}: the Hub writes it '{first}'"
    if kind == licenses.QUALIFIED:
        return (
            f"{shown} is an SPDX id the Hub does not list: the Hub's id is '{first}', which does "
            f"not say '{reading.lost}' (say it in the card's text), or {_OTHER}"
        )
    if kind == licenses.UNVERSIONED:
        return (
            f"{listed}: the Hub lists this license as '{first}', without its version "
            f"({reading.lost}); say the version in the card's text"
        )
    if kind == licenses.VERSION_ADDED:
        return f"{listed}: the Hub lists it only as '{first}'; check that this version applies"
    if kind == licenses.VERSIONS:
        return f"{listed}: it may be any of {', '.join(ids)}; write the one that applies"
    if kind == licenses.EXPRESSION:
        return (
            f"{shown} is an SPDX expression, and the Hub takes license ids: write the id that "
            f"applies, or {_OTHER}"
        )
    if kind == licenses.NEAR:
        return f"{listed}; the nearest is '{first}'"
    return f"{listed} and is close to none: {_OTHER}"


RULE = Rule(
    code="MC101",
    name="license-unknown",
    severity="error",
    summary="license is not one of the Hub's license ids",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
