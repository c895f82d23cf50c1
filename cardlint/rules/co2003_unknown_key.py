"""CO2003 co2-unknown-key."""

from collections.abc import Iterator

from cardlint.diagnostics import REMOVED, Applicability, Diagnostic, Edit, Evidence, Fix, Target
from cardlint.reading.co2 import KEY, KNOWN_KEYS, UNIT_KEYS
from cardlint.rules._helpers import ALIASES
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Flags keys of `co2_eq_emissions` that are neither in the Hub's specification (`emissions`,
`source`, `training_type`, `geographical_location`, `hardware_used`) nor a known extension
(`energy_consumed`, `hours_used`, `on_cloud`, `cpu_model`, `ram_total_size`, as the
sentence-transformers and setfit templates write them, and `training_time`), and says which
known key each most resembles; it never suggests a key the block already has, nor one about
another device (`gpu_model` is not a misspelt `cpu_model`).

## Why is this bad?
The Hub ignores unknown keys: a misspelled `geographic_location` is a location nobody sees.

## Example
```yaml
co2_eq_emissions:
  emissions: 4.858
  geographic_location: Denmark
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 4.858
  geographical_location: Denmark
```

## Fix safety
Renaming is safe for the well-known misspellings (`emission`, `geographic_location`, `location`,
`hardware`, `hardware used`, `training-type`, ...) when the block does not already have the
target key; renaming to a merely similar key is unsafe.
"""

# Extension keys in common use beside KNOWN_KEYS: known, never reported.
COMMON_EXTENSIONS = frozenset({"training_time"})
# A key about another device is no misspelling: "gpu_model" is not "cpu_model".
_DEVICE_WORDS = frozenset({"cpu", "gpu", "tpu", "ram"})


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    if co2 is None or not co2.is_mapping:
        return
    present = set(co2.value)
    for field in co2.fields():
        name = field.name
        if name in KNOWN_KEYS or name in COMMON_EXTENSIONS or name.lower() in UNIT_KEYS:
            continue
        target = ALIASES.get(name.lower().strip())
        safe = target is not None
        if target is None:
            import difflib  # only for a key that is not known: it costs 2 ms to import

            absent = [
                key
                for key in KNOWN_KEYS
                if key not in present and _devices(key) == _devices(name.lower())
            ]
            close = difflib.get_close_matches(name.lower(), absent, n=1, cutoff=0.6)
            target = close[0] if close else None
        if target in present:  # never suggest a key the block already has
            yield RULE.at_node(
                ctx,
                field.key_node,
                f"unknown key '{name}' in co2_eq_emissions: the Hub ignores it, and the block already has '{target}'",
            )
            continue
        if target is None:
            yield RULE.at_node(
                ctx,
                field.key_node,
                f"unknown key '{name}' in co2_eq_emissions: the Hub ignores it; known keys are {', '.join(KNOWN_KEYS)}",
            )
            continue
        start, end = ctx.card.node_offsets(field.key_node)
        renamed = (
            Target((KEY, target), field.value, Evidence.MOVED),
            Target((KEY, name), REMOVED, Evidence.MOVED),
        )
        fix = Fix(
            Applicability.of(safe), f"Rename to '{target}'", (Edit(start, end, target),), renamed
        )
        yield RULE.at_node(
            ctx,
            field.key_node,
            f"unknown key '{name}' in co2_eq_emissions: did you mean '{target}'?",
            fix,
        )


def _devices(key: str) -> frozenset[str]:
    """The device words in a key ("cpu_model", "cpumodel": cpu)."""
    return frozenset(word for word in _DEVICE_WORDS if word in key)


RULE = Rule(
    code="CO2003",
    name="co2-unknown-key",
    severity="warning",
    summary="A key that is neither in the spec nor a known extension",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
