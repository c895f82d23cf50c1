"""CO2001 co2-schema-violation."""

from collections.abc import Iterator
from typing import Any

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule
from cardlint.schema import SchemaError, co2_schema, validate

DOC = """\
## What it does
Validates `co2_eq_emissions` against cardlint's JSON Schema
(`schemas/co2_eq_emissions.schema.json`) and reports each violation that no more specific rule
(CO2002, CO2003, CO2004, CO2101, CO2104, CO2202) already names, at the offending node.

## Why is this bad?
The Hub and the tools that read cards expect the types the specification gives: strings for
`source`, `geographical_location` and `hardware_used`, numbers for the extension keys.

## Example
```yaml
co2_eq_emissions:
  emissions: 120
  hardware_used:
    gpu_model: Tesla T4
    gpu_count: 1
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 120
  hardware_used: 1 x Tesla T4
```

## Fix safety
No fix.
"""


def _named_elsewhere(error: SchemaError) -> bool:
    """Errors that a more specific rule reports."""
    if not error.path:
        return error.keyword in ("required", "additionalProperties", "type", "exclusiveMinimum")
    field = error.path[0]
    if field == "emissions" and len(error.path) == 1:
        return error.keyword in ("type", "exclusiveMinimum")
    return field == "training_type" and error.keyword in ("enum", "type")


_ANNOTATIONS = frozenset({"title", "description", "examples", "$comment"})
# keywords whose every error _named_elsewhere drops: at the top, on emissions, on training_type
_NAMED_TOP = frozenset({"type", "required", "additionalProperties", "properties"})
_NAMED_FIELDS = {
    "emissions": frozenset({"type", "exclusiveMinimum"}),
    "training_type": frozenset({"type", "enum"}),
}


def _keywords(subschema: dict[str, Any]) -> set[str]:
    if "$ref" in subschema:
        subschema = co2_schema()["$defs"][subschema["$ref"].rsplit("/", 1)[-1]]
    return set(subschema) - _ANNOTATIONS


def _reportable(instance: Any) -> Any:
    """What is left of ``instance`` to validate once the parts that only other rules report are set aside.

    Decided from the schema's keywords, so that the common mistakes (a string for emissions, a
    misspelled key) need no jsonschema; None when nothing is left to report.
    """
    defs = co2_schema()["$defs"]
    if not isinstance(instance, dict):
        return None if _keywords(defs["emissions"]) <= _NAMED_FIELDS["emissions"] else instance
    mapping, properties = defs["mapping"], defs["mapping"]["properties"]
    if _keywords(mapping) - _NAMED_TOP or mapping.get("additionalProperties") is not False:
        return instance
    rest = {
        key: value
        for key, value in instance.items()
        if key in properties and key not in _NAMED_FIELDS
    }
    for key, named in _NAMED_FIELDS.items():
        if not _keywords(properties[key]) <= named:
            return instance
    # stand-ins for the parts other rules report (were one invalid, validate would only take longer)
    rest["emissions"] = defs["emissions"].get("examples", [1])[0]
    if "training_type" in instance:
        rest["training_type"] = properties["training_type"].get("enum", [""])[0]
    return rest


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    if co2 is None:
        return
    reportable = _reportable(co2.value)
    if reportable is None or (reportable is not co2.value and not validate(reportable)):
        return
    for error in validate(co2.value):
        if _named_elsewhere(error):
            continue
        node = co2.node
        if error.path and co2.is_mapping:
            found = co2.field(str(error.path[0]))
            if found is not None:
                node = found.value_node
        where = ".".join(str(part) for part in ("co2_eq_emissions", *error.path))
        yield RULE.at_node(ctx, node, f"{where}: {error.message}")


RULE = Rule(
    code="CO2001",
    name="co2-schema-violation",
    severity="error",
    summary="co2_eq_emissions breaks the JSON Schema in a way no other rule names",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
