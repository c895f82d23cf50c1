"""MC103 license-link-missing."""

from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that a `license_link` that names a file (`LICENSE`, `LICENSE.md`, `docs/LICENSE.txt`,
anything that is not a URL) names one that is there: beside a local README, or in the Hub
repository of a card checked on the Hub (its paths are relative to the repository's root). A
file whose name differs only in case or extension (`license.txt` for `LICENSE`) is named in
the message. Silent for a URL, for prose, and for a card read as text (standard input), which
has no folder to look in. Applies to model, dataset and Space cards.

## Why is this bad?
The Hub links `license_link` from the model page: a file that is not in the repository is a
broken link, and the license terms are nowhere to be read.

## Example
```yaml
license: other
license_name: my-license-1.0
license_link: LICENSE
```
(with no `LICENSE` file in the repository)

Use instead: add the license text as `LICENSE`, or link it:
```yaml
license_link: https://example.com/my-license-1.0
```

## Fix safety
No fix: the license text must be added, or its location given, by the author.
"""

KEY = "license_link"


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata or not isinstance(metadata.get(KEY), str):
        return
    from cardlint.metadata.licenses import link_file, same_file_names

    name = link_file(metadata[KEY])
    pair = ctx.card.top_level(KEY)
    # a folder's listing (or a Hub repository's) holds the README itself: an empty one means the
    # card was read as text, with no folder to look in
    files = ctx.files_beside
    if name is None or pair is None or not files or _present(ctx, name, files):
        return
    where = "in the repository" if ctx.card.repo_files is not None else "beside the README"
    message = f"license_link '{metadata[KEY]}' names a file that is not {where}"
    alike = same_file_names(name, files) if "/" not in name else ()
    if alike:
        message += f": the license file there is {' or '.join(alike)}; write that name"
    else:
        message += f": add the license text as {name}, or link the license text's URL"
    yield RULE.at_node(ctx, pair[1], message)


def _present(ctx: LintContext, name: str, files: tuple[str, ...]) -> bool:
    """Whether the file is there: in the listing, or (a path into a local folder) on disk."""
    if name in files:
        return True
    if "/" not in name or ctx.card.repo_files is not None:
        return False
    import os

    return os.path.isfile(os.path.join(os.path.dirname(ctx.card.path), name))


RULE = Rule(
    code="MC103",
    name="license-link-missing",
    severity="warning",
    summary="license_link names a file that is not beside the README",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
