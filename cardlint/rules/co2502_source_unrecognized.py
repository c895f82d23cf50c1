"""CO2502 source-unrecognized."""

import json
import re
from collections.abc import Iterator

from cardlint.diagnostics import Diagnostic
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that `source` names a known tool (AutoTrain, CodeCarbon, ML CO2 Impact, carbontracker,
eco2AI, Zeus, Green Algorithms, cardlint) or cites something a reader can follow (a URL, a DOI or
an arXiv id).

## Why is this bad?
`source` tells readers how the figure was obtained. "Google Colab" or "estimated" does not say
whether it was measured or by which method, so the figure cannot be checked.

## Example
```yaml
co2_eq_emissions:
  emissions: 33.4
  source: Google Colab
```

Use instead:
```yaml
co2_eq_emissions:
  emissions: 33.4
  source: CodeCarbon
```

## Fix safety
No fix. With an attached log, `cardlint fix --log` writes the tool that produced the log.
"""

KNOWN_TOOLS = re.compile(
    r"auto\s*train|auto\s*nlp|code\s*carbon|ml\s*co2|mlco2|machine\s+learning\s+(?:emissions|impact)|impact\s+calculator"
    r"|carbon\s*tracker|eco2ai|\bzeus\b|green\s*algorithms|cardlint|experiment[-\s]impact[-\s]tracker",
    re.IGNORECASE,
)
CITATION = re.compile(
    r"https?://|\bdoi\s*:|\b10\.\d{4,9}/\S+|arxiv|\b\d{4}\.\d{4,5}\b", re.IGNORECASE
)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    co2 = ctx.co2
    field = co2.field("source") if co2 is not None else None
    if field is None or not isinstance(field.value, str):
        return
    if KNOWN_TOOLS.search(field.value) or CITATION.search(field.value):
        return
    yield RULE.at_node(
        ctx,
        field.value_node,
        f"source {json.dumps(field.value, ensure_ascii=False)} names no known tool and cites nothing: name the tool "
        "(e.g. CodeCarbon, ML CO2 Impact) or link the method or paper",
    )


RULE = Rule(
    code="CO2502",
    name="source-unrecognized",
    severity="warning",
    summary="source names no known tool and cites nothing",
    fix=FixAvailability.NEVER,
    applicabilities=frozenset(),
    doc=DOC,
    check=check,
)
