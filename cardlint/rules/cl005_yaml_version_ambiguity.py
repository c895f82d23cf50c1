"""CL005 yaml-version-ambiguity."""

import json
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from cardlint.amounts.numbers import is_number
from cardlint.diagnostics import Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.reading.card import is_plain, same_data
from cardlint.reading.edits import hand_edit_reason, node_path
from cardlint.rules._emissions_fix import declared_unit, write_emissions
from cardlint.rules._helpers import show_value
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Finds unquoted values that huggingface_hub (PyYAML, YAML 1.1) and YAML 1.2 parsers (the Hub's
JavaScript side, most other tools) read as different values: `1e3` (a string to 1.1, a number to
1.2), `yes`/`no`/`on`/`off` (booleans to 1.1, strings to 1.2), `0777` (octal 511 to 1.1, 777 to
1.2), `1_000`, `1_000.5` and `1:30` (numbers to 1.1, strings to 1.2).

## Why is this bad?
The same card means different things to different readers: `language: no` (Norwegian) is the
boolean `false` to huggingface_hub.

## Example
```yaml
language: no
co2_eq_emissions:
  emissions: 1_000
```

Use instead:
```yaml
language: "no"
co2_eq_emissions:
  emissions: 1000
```

## Fix safety
The fix writes what huggingface_hub reads, in a form both versions agree on: quoting a string,
`true`/`false` for a boolean, digits for `1_000`; under `language` the value is quoted as the
language code it is. Safe for a decimal with digit-group underscores (`1_000`, `1_000.5`:
1000.5), unsafe where the YAML 1.1 reading is probably not what the author meant (`0777`,
`0b101`; `10:30`, which looks like a time, is 630 to huggingface_hub: the message says so). The emissions figure is written in grams
(a unit key beside it is applied and removed). A value with an anchor, a tag or a merge key has
no fix: an edit would drop the anchor or change the keys that share it (fix it by hand).
"""

_TEXT_KEYS = frozenset({"language", "license", "pipeline_tag", "library_name"})
_STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
# the same int or float to both readers
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
# YAML 1.2 reads a plain scalar as something other than a string only if it is empty, one of
# these words, or starts like a number (or is "~"), and never if it holds a space ("8 x A100")
_YAML12_WORDS = frozenset(
    {"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"}
)
_NUMBER_START = frozenset("~+-.0123456789")
# (tag, text) of the booleans and nulls both versions read alike: a card of 100,000s is passed over fast
_AGREED = frozenset(
    [
        ("tag:yaml.org,2002:bool", word)
        for word in ("true", "True", "TRUE", "false", "False", "FALSE")
    ]
    + [("tag:yaml.org,2002:null", word) for word in ("null", "Null", "NULL", "~")]
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    card = ctx.card
    if card.metadata is None:
        return
    constructor = SafeConstructor()
    emissions_nodes = _emissions_nodes(ctx)
    for node, key in card.nodes():
        value = node.value
        if type(value) is not str:
            continue  # a mapping or a sequence (a third of the nodes)
        tag = node.tag
        if tag == _STR_TAG:
            if value and (value[0] not in _NUMBER_START or " " in value):
                if value not in _YAML12_WORDS:
                    continue  # a string to both readers, plain or not (the common case)
        elif (tag, value) in _AGREED:
            continue
        if not is_plain(node) or tag.endswith(":timestamp"):
            continue
        if tag in _NUMBER_TAGS and _PLAIN_NUMBER.fullmatch(value):
            continue
        v11 = constructor.construct_object(node)
        if isinstance(v11, str) and id(node) in emissions_nodes:
            continue  # an emissions value that huggingface_hub reads as a string: CO2103's or CO2101's
        v12 = _yaml12_reading(node.value)
        if same_data(v11, v12):
            continue
        assert isinstance(node, yaml.ScalarNode)
        fix, refused = _fix(ctx, node, v11, key, id(node) in emissions_nodes)
        if _sexagesimal(node.value, v11):
            advice = "it looks like a time, which YAML 1.1 reads in base 60: write the value meant as a plain number"
        else:
            advice = f"write {fix.edits[0].content if fix else 'it unambiguously'}"
        yield RULE.at_node(
            ctx,
            node,
            f"'{node.value}' is {_describe(v11)} to huggingface_hub (YAML 1.1) but {_describe(v12)} to YAML 1.2 "
            f"parsers; {advice}{refused}",
            fix,
        )


def _sexagesimal(text: str, v11: Any) -> bool:
    """Whether YAML 1.1 read ``text`` as a base-60 number (`10:30` is 630): a time, most likely."""
    return ":" in text and is_number(v11)


def _clear_number(text: str) -> bool:
    """Whether a YAML 1.1 number is a plain decimal with digit-group underscores (`1_000`,
    `1_000.5`, `-24_700_000`): its value is not in doubt, unlike `0777`, `0b101` or `10:30`."""
    return _PLAIN_NUMBER.fullmatch(text.replace("_", "").removeprefix("+")) is not None


def _yaml12_reading(text: str) -> Any:
    """What a YAML 1.2 parser makes of a plain scalar (cardlint.reading.yaml12 and its regexes load only when a card needs them)."""
    from cardlint.reading.yaml12 import read_plain_scalar

    return read_plain_scalar(text)


def _emissions_nodes(ctx: LintContext) -> set[int]:
    co2 = ctx.co2
    if co2 is None:
        return set()
    if not co2.is_mapping:
        return {id(co2.node)}
    found = co2.field("emissions")
    return {id(found.value_node)} if found else set()


def _exact(text: str, v11: Any, clear: bool) -> Decimal | None:
    """The number huggingface_hub reads, exactly: the digits as written for a clear number
    (`1_000.5`: 1000.5), else its integer or float; None for anything else, or one too long to write."""
    if not is_number(v11):
        return None
    if isinstance(v11, int):
        return Decimal(v11) if v11.bit_length() < 14_000 else None
    if not math.isfinite(v11):
        return None
    return Decimal(text.replace("_", "")) if clear else Decimal(repr(v11))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, int):
        return f"the number {show_value(value)}"
    if isinstance(value, str):
        return f"the string {show_value(value)}"
    return show_value(value)


def _fix(
    ctx: LintContext, node: yaml.ScalarNode, v11: Any, key: str | None, emissions: bool
) -> tuple[Fix | None, str]:
    """The fix writing what huggingface_hub reads, unambiguously, and what to add to the message
    when an edit in place cannot be made ("; fix it by hand: ...")."""
    start, end = ctx.card.node_offsets(node)
    reason = hand_edit_reason(ctx.card, node)
    if reason is not None:
        return None, f"; fix it by hand: {reason}"
    clear = _clear_number(node.value)
    number = _exact(node.value, v11, clear)
    if emissions and number is not None:
        factor, unit = declared_unit(ctx)  # the emissions figure: in grams, through the one writer
        if factor is None:
            return None, f"; fix it by hand: {unit}"
        written = write_emissions(
            ctx,
            node,
            number * factor,
            f"the card's {node.value} as huggingface_hub reads it",
            safe=clear,
        )
        return written.fix, written.refused
    if isinstance(v11, str) or (isinstance(v11, bool) and key in _TEXT_KEYS):
        content, safe, value = json.dumps(node.value, ensure_ascii=False), True, node.value
    elif isinstance(v11, bool):
        content, safe, value = str(v11).lower(), True, v11
    elif isinstance(v11, int) and v11.bit_length() < 14_000:  # str() refuses over 4,300 digits
        content, safe, value = str(v11), clear, v11
    elif isinstance(v11, float) and number is not None and _PLAIN_NUMBER.fullmatch(repr(v11)):
        content, safe, value = repr(v11), clear, v11  # a float both readers read as this float
    else:
        return None, ""
    path = node_path(ctx.card, node)
    sets = (
        (
            Target(
                path, value, Evidence.FORM, f"the card's {node.value} as huggingface_hub reads it"
            ),
        )
        if path is not None
        else ()
    )
    return Fix(Applicability.of(safe), f"Write {content}", (Edit(start, end, content),), sets), ""


RULE = Rule(
    code="CL005",
    name="yaml-version-ambiguity",
    severity="warning",
    summary="A plain scalar that YAML 1.1 and YAML 1.2 read differently",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
