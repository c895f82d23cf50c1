"""MC201 language-unknown."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.metadata.data import is_listed_language, language_names
from cardlint.metadata.fields import all_pass
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that `language` (a code, or each code of a list) is one the Hub lists
(https://huggingface.co/languages): an ISO 639-1 code (`en`), an ISO 639-3 code (`yue`), or
`code` or `multilingual`. It says what the value most likely means: the code in other case
(`EN`), an ISO 639-2/B code (`fre` for `fr`), an English name (`English`, `French`,
`Cantonese`), a language tag with a region or script (`es-ES`, `zh-CN`, `en_US`, `zh-Hans`),
or a misspelt name (`Englsh`). Applies to model, dataset and Space cards: dataset cards have
`language` too.

## Why is this bad?
The Hub validates `language` on push and has begun rejecting values that are not ISO 639
codes (huggingface_hub#3862, 2026), so this is an error; a value it does not know also keeps
the model out of the language filter.

## Example
```yaml
language:
- English
- es-ES
```

Use instead:
```yaml
language:
- en
- es
language_bcp47:
- es-ES
```

## Fix safety
A listed code in other case, an ISO 639-2/B code and an English name are rewritten safely (a
name shared by an ISO 639-1 and an ISO 639-3 code gets the 639-1 code). A tag's language
(`es-ES` → `es`) is an unsafe fix: the region or script is lost from `language`; keep the
whole tag in `language_bcp47` (or `language_details` on a dataset card). A misspelt name gets
an unsafe fix to the nearest ISO 639-1 name's code. A name several ISO 639-3 codes share, and
a value close to nothing, have no fix. A value with an anchor, a tag or in block style is
left to be fixed by hand.
"""

KEY = "language"
_CODES = (
    "write an ISO 639-1 code (en, fr, zh), an ISO 639-3 code (yue), or code or multilingual; "
    "see https://huggingface.co/languages"
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata or KEY not in metadata:
        return
    if all_pass(metadata[KEY], is_listed_language):
        return
    from cardlint.metadata import languages  # its patterns compile only for an unlisted code
    from cardlint.metadata.string_items import rewrite, string_items

    for item in string_items(ctx, KEY):
        if is_listed_language(item.value):
            continue
        reading = languages.read_language(item.value)
        kind, codes = reading.kind, reading.codes
        shown = f"{item.name} '{item.value}'"
        listed = f"{shown} is not a language code the Hub lists"
        safe: bool | None = kind in (languages.CASE, languages.BIBLIOGRAPHIC, languages.NAME)
        if kind == languages.CASE:
            message = f"{listed}: write '{codes[0]}'"
        elif kind == languages.BIBLIOGRAPHIC:
            message = f"{listed}: it is the ISO 639-2/B code for '{codes[0]}'"
        elif kind == languages.NAME:
            message = f"{shown} is a language's name, not its code: write '{codes[0]}'"
        elif kind == languages.TAG:
            message = (
                f"{listed}: it is a language tag, and language takes the language alone, "
                f"'{codes[0]}', which drops its '{reading.lost}'; keep the whole tag in "
                "language_bcp47 (a list) or language_details"
            )
        elif kind == languages.NEAR:
            message = f"{listed}; the nearest language name is that of '{codes[0]}'"
        elif kind == languages.AMBIGUOUS:
            safe = None
            names = language_names()
            message = (
                f"{listed}: it may be the code '{codes[0]}' ({names[codes[0]]}) or the name of "
                f"{', '.join(f'{code!r}' for code in codes[1:])}; write the code that applies"
            )
        elif kind == languages.NAMES:
            safe = None
            message = f"{shown} is the name of several languages ({', '.join(codes)}): write the code that applies"
        else:
            safe = None
            message = f"{listed}: {_CODES}"
        fix = None
        if safe is not None and codes:
            fix, by_hand = rewrite(ctx, item, codes[0], safe)
            message += by_hand
        yield RULE.at_node(ctx, item.node, message, fix)


RULE = Rule(
    code="MC201",
    name="language-unknown",
    severity="error",
    summary="language is not a code the Hub lists",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
