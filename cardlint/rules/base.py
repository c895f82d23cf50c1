"""What a rule is, and what its check receives and yields."""

from typing import Any, Callable, Iterator, Mapping, NamedTuple

import yaml

from cardlint.card import Card
from cardlint.co2 import Co2Block


class TextEdit(NamedTuple):
    """Replace ``text[start:end]`` with ``content`` (character offsets in the decoded README)."""

    start: int
    end: int
    content: str


class ProposedFix(NamedTuple):
    applicability: str  # "safe" or "unsafe"
    message: str
    edits: tuple[TextEdit, ...]


class Violation(NamedTuple):
    """What a check yields: a span of the README, a message and an optional fix."""

    start: int
    end: int
    message: str
    fix: ProposedFix | None = None


class LintContext(NamedTuple):
    """What a check can look at: the card, its co2 block (if any) and the run's options."""

    card: Card
    co2: Co2Block | None
    options: Mapping[str, Any]

    def node_violation(self, node: yaml.Node, message: str, fix: ProposedFix | None = None) -> Violation:
        start, end = self.card.node_offsets(node)
        return Violation(start, end, message, fix)

    def replace_node(self, node: yaml.Node, content: str, message: str, safe: bool = True) -> ProposedFix:
        """A fix that replaces a node's source text."""
        start, end = self.card.node_offsets(node)
        return ProposedFix("safe" if safe else "unsafe", message, (TextEdit(start, end, content),))


Check = Callable[[LintContext], Iterator[Violation]]


class Rule(NamedTuple):
    """A rule: its public code and name, default severity, documentation and check.

    ``doc`` follows ruff's form: "What it does", "Why is this bad?", "Example" (with
    "Use instead:") and "Fix safety".
    """

    code: str
    name: str
    severity: str
    summary: str
    doc: str
    check: Check
    fixable: str | None = None  # None, "safe", "unsafe" or "sometimes"
