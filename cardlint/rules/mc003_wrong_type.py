"""MC003 wrong-type."""

import json
from collections.abc import Iterator
from typing import Any

import yaml

from cardlint.diagnostics import Applicability, Diagnostic, Fix, Target
from cardlint.metadata.fields import (
    Field,
    fields_for,
    is_empty,
    items_fit,
    json_type,
    type_fits,
)
from cardlint.reading.card import is_plain
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks the type of each documented top-level field against the one table of field types that
the metadata schema (`schemas/modelcard.schema.json`) is built from: `widget`, `tags`,
`metrics`, `model-index` are lists, `tags` of strings; `pipeline_tag`, `library_name`,
`license_name` are strings; `license`, `language`, `datasets`, `base_model` a string or a list
of strings; `inference` true/false or a mapping. It checks the top level (and the items of a
top-level list) only: the inside of `model-index` is MC601/MC602's, `co2_eq_emissions` the CO2
rules'.

On a dataset card only the fields it shares with a model card are checked; a Space's card is not
checked.

## Why is this bad?
The Hub rejects a card whose field has the wrong type (`"widget" must be an array`) or misreads
it: a `pipeline_tag` list is no pipeline tag, a `base_model` mapping links to no model.
Severity: error.

## Example
```yaml
tags: text-classification
pipeline_tag:
- text-classification
```

Use instead:
```yaml
tags:
- text-classification
pipeline_tag: text-classification
```

## Fix safety
A lone string where a list of strings is required is wrapped in a list (`tags: nlp` ->
`tags: [nlp]`): safe, the list holds exactly what the card said. When the string holds a comma
(`tags: nlp, bert`) the wrap is unsafe: the author may have meant two items. A plain value that
YAML 1.1 reads as no string where a string is expected (`language: no` is false,
`license_name: 2020-01-01` a date) is quoted as written: safe, it is the text the author typed.
Other wrong types have no fix: what the value should be is the author's to say.
"""

_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
}


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not metadata:
        return
    fields = fields_for(ctx.repo_type)
    for key, value in metadata.items():
        field = fields.get(key) if isinstance(key, str) else None
        if field is None or field.owner is not None or is_empty(value):
            continue  # an empty value is MC002's
        if not type_fits(value, field.types):
            yield from _wrong(ctx, field, value)
        elif isinstance(value, list) and field.items is not None:
            if not items_fit(value, field.items):
                yield from _wrong_items(ctx, field, value)


def expected(field: Field) -> str:
    """The types a field takes, in words: "a string or a list of strings"."""
    words = []
    for kind in field.types:
        if kind == "array" and field.items is not None:
            words.append(f"a list of {_WORDS[field.items].split(' ', 1)[1]}s")
        else:
            words.append(_WORDS[kind])
    return " or ".join(words)


def _wrong(ctx: LintContext, field: Field, value: Any) -> Iterator[Diagnostic]:
    from cardlint.schema import describe_value

    pair = ctx.card.top_level(field.name)
    if pair is None:
        return
    message = f"{field.name} is {describe_value(value)} where {expected(field)} is expected"
    message += _ADVICE.get(field.name, "")
    if field.name == "tags" and isinstance(value, str):
        message += (
            " (huggingface_hub reads a lone string as a one-item list; the Hub documents a list,"
            " and its API types tags as one)"
        )
    fix: Fix | None = None
    if isinstance(value, str) and "array" in field.types and field.items == "string":
        fix, by_hand = _wrap(ctx, field.name, pair[1], value)
        message += by_hand
    elif "string" in field.types:
        fix, advice = _quote(ctx, field.name, pair[1], value)
        message += advice
    yield RULE.at_node(ctx, pair[1], message, fix)


def _wrong_items(ctx: LintContext, field: Field, value: list[Any]) -> Iterator[Diagnostic]:
    from cardlint.schema import describe_value

    pair = ctx.card.top_level(field.name)
    if pair is None or not isinstance(pair[1], yaml.SequenceNode):
        return
    for index, item in enumerate(value):
        if item is None or type_fits(item, (field.items or "",)):
            continue  # a null item is MC002's
        message = f"{field.name}[{index}] is {describe_value(item)} where {_WORDS[field.items or '']} is expected"
        if field.items == "string" and json_type(item) in ("integer", "number", "boolean"):
            message += ": quote it (YAML reads it as a number or true/false)"
        elif field.items == "string" and not isinstance(item, (dict, list)):
            message += ": quote it (YAML reads it as a date)"
        yield RULE.at_node(ctx, pair[1].value[index], message)


def _quote(ctx: LintContext, key: str, node: yaml.Node, value: Any) -> tuple[Fix | None, str]:
    """For a plain scalar that YAML 1.1 reads as no string (``no``, ``2020``, a date) where a
    string is expected: the advice, and a safe fix quoting the text as written."""
    from cardlint.reading.edits import hand_edit_reason
    from cardlint.schema import describe_value

    if isinstance(value, (str, list, dict)) or not is_plain(node):
        return None, ""
    kind = json_type(value)
    read = (
        f"YAML reads {node.value} as {describe_value(value)}; "
        if kind == "boolean"
        else ""
        if kind in ("integer", "number")
        else "YAML reads it as a date; "
    )
    quoted = json.dumps(node.value, ensure_ascii=False)
    reason = hand_edit_reason(ctx.card, node)
    if reason is not None:
        return None, f": {read}quote it ({quoted}; fix it by hand: {reason})"
    sets = (Target((key,), node.value),)
    fix = ctx.replace_node(node, quoted, f"Write {quoted}", sets=sets)
    return fix, f": {read}quote it"


def _wrap(ctx: LintContext, key: str, node: yaml.Node, value: str) -> tuple[Fix | None, str]:
    """A fix writing the lone string as a one-item flow list, or why it must be done by hand."""
    from cardlint.reading.edits import hand_edit_reason, in_flow

    reason = hand_edit_reason(ctx.card, node)
    if reason is not None:
        return None, f" (fix it by hand: {reason})"
    text = ctx.card.node_source(node)
    if "\n" in text or "\r" in text:
        return None, " (fix it by hand: the string spans several lines)"
    listed = f"[{in_flow(text)}]"
    try:
        if yaml.safe_load(f"k: {listed}") != {"k": [value]}:
            return None, ""
    except yaml.YAMLError:
        return None, ""
    safe = "," not in value
    sets = (Target((key,), [value]),)
    words = "Write it as a one-item list" if safe else "Write it as a one-item list (or split it)"
    return ctx.replace_node(node, listed, words, safe=safe, sets=sets), ""


_ADVICE = {
    "widget": ': the Hub rejects it ("widget" must be an array); write each example as a list item (- text: ...)',
    "pipeline_tag": ": a model has one pipeline tag; put the others in tags",
    "base_model": ": write the base model's Hub id (org/name), or a list of ids for a merge",
    "model-index": ": write it as a list of models (- name: ...)",
    "library_name": ": a model has one library; put the others in tags",
}


RULE = Rule(
    code="MC003",
    name="wrong-type",
    severity="error",
    summary="A documented field whose value has the wrong type",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
