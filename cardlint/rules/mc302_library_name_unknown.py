"""MC302 library-name-unknown."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.metadata.data import hub_lists
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that a model card's `library_name` is one of the Hub's 240 library ids (the keys of
huggingface.js `MODEL_LIBRARIES_UI_ELEMENTS`, packaged in cardlint). It names an id the Hub
renamed or replaced (`mlxim` -> `mlx-image`, `keras-nlp` -> `keras-hub`, `dia` -> `dia-tts`,
`contexttab` -> `sap-rpt-1-oss`), one it removed with no successor (`mistral_common`), a
framework or file format written as a library (`pytorch`, `gguf`: the Hub lists modelling
libraries, not file formats) and a near spelling.

Model cards only: `library_name` is not a field of dataset or Space cards, so the rule is
silent on them (`--repo-type`, or a Hub card's own kind).

## Why is this bad?
The library decides the model page's "Use this model" snippet, its library filter and how
downloads are counted. An id the Hub does not list is misread: the model shows no library.
Severity: error.

## Example
```yaml
library_name: Transformers
```

Use instead:
```yaml
library_name: transformers
```

## Fix safety
A listed id in another case (`Transformers`, `PEFT`, `paddleocr` for `PaddleOCR`) and an id
the Hub renamed are rewritten safely: each can only mean that id. A near spelling
(`sentence_transformers`) gets an unsafe fix to the nearest id. A removed id, a framework or
file format, and a value near no id have no fix: write the library the weights load with. A
value with an anchor, a tag or in block style is left to be fixed by hand.
"""

KEY = "library_name"


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata or not isinstance(metadata.get(KEY), str) or ctx.repo_type != "model":
        return
    value = metadata[KEY]
    if value in hub_lists().library_ids:
        return
    from cardlint.metadata.libraries import library_verdict

    verdict = library_verdict(value)
    pair = ctx.card.top_level(KEY)
    if verdict is None or pair is None:
        return
    shown = f"{KEY} '{value}'"
    kind, ids = verdict.kind, verdict.ids
    if kind == "renamed":
        message = (
            f"{shown} is {verdict.as_matched(value)}a library id the Hub replaced by "
            f"'{ids[0]}': write '{ids[0]}'"
        )
    elif kind == "removed":
        message = (
            f"{shown} is {verdict.as_matched(value)}a library id the Hub removed, with no "
            "successor: write the library the weights load with, or remove library_name"
        )
    elif kind == "case":
        message = f"{shown} is not written as the Hub lists it: write '{ids[0]}'"
    elif kind == "not-a-library":
        message = (
            f"{shown} names a framework or file format, not a library: the Hub lists "
            "modelling libraries (transformers, diffusers, timm...); write the one the weights "
            "load with, or remove library_name"
        )
    elif kind == "near":
        message = f"{shown} is not one of the Hub's library ids; the nearest is '{ids[0]}'"
    else:
        message = (
            f"{shown} is not one of the Hub's 240 library ids "
            "(https://huggingface.co/docs/hub/models-libraries): write the library the weights "
            "load with, or remove library_name"
        )
    fix = None
    if ids:
        from cardlint.metadata.verdict import write_id

        fix, by_hand = write_id(ctx, KEY, pair[1], ids[0], safe=kind in ("renamed", "case"))
        message += by_hand
    yield RULE.at_node(ctx, pair[1], message, fix)


RULE = Rule(
    code="MC302",
    name="library-name-unknown",
    severity="error",
    summary="library_name is not one of the Hub's library ids",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
