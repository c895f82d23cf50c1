"""What a rule is: its declaration, and what its check receives."""

import os
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

import yaml

from cardlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Target
from cardlint.reading.card import Card
from cardlint.reading.co2 import Co2Block
from cardlint.settings import DEFAULT_OPTIONS, RunOptions

if TYPE_CHECKING:  # a card with no log never loads the log model
    from cardlint.logs.attach import AttachedLogs
    from cardlint.logs.card_values import LogFigures


class LintContext:
    """What a check can look at: the card, its co2 block (if any), the run's options and the
    measurement logs attached to the card, whose figures are worked out once, when first asked for."""

    __slots__ = ("card", "co2", "options", "logs", "_figures", "_files")

    def __init__(
        self,
        card: Card,
        co2: Co2Block | None,
        options: RunOptions = DEFAULT_OPTIONS,
        logs: "AttachedLogs | None" = None,
    ) -> None:
        self.card = card
        self.co2 = co2
        self.options = options
        self.logs = logs
        self._figures: LogFigures | None = None
        self._files = card.repo_files if card.repo_files is not None else card.names_beside

    @property
    def repo_type(self) -> str:
        """The kind of repository the card describes: a Hub card's own, else --repo-type."""
        return self.card.repo_type or self.options.repo_type

    @property
    def files_beside(self) -> tuple[str, ...]:
        """The files beside the README: a Hub card's repository listing (paths relative to its
        root), or the names in a local README's folder, listed when first asked for; none for
        text that is not a file."""
        if self._files is None:
            on_disk = os.path.isfile(self.card.path)
            self._files = names_in(os.path.dirname(self.card.path) or ".") if on_disk else ()
        return self._files

    @property
    def log_figures(self) -> "LogFigures | None":
        """What the attached logs say the block should hold; None when no log is attached."""
        if self._figures is None and self.logs is not None:
            from cardlint.logs.card_values import figures

            co2 = self.co2
            place = co2.value.get("geographical_location") if co2 and co2.is_mapping else None
            self._figures = figures(
                self.logs, self.options, place if isinstance(place, str) else None
            )
        return self._figures

    def replace_node(
        self,
        node: yaml.Node,
        content: str,
        message: str,
        safe: bool = True,
        sets: tuple[Target, ...] = (),
    ) -> Fix:
        """A fix that replaces a node's source text (and declares the values it sets)."""
        start, end = self.card.node_offsets(node)
        return Fix(Applicability.of(safe), message, (Edit(start, end, content),), sets)


Check = Callable[[LintContext], Iterator[Diagnostic]]


class FixAvailability(Enum):
    """Whether a rule's findings come with a fix: never, for some findings, or for every one."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Rule(NamedTuple):
    """A rule's one declaration: its public code and name, default severity, summary, which fixes
    it makes (how often, and of which applicabilities), documentation and check.

    ``doc`` follows ruff's form: "What it does", "Why is this bad?", "Example" (with
    "Use instead:") and "Fix safety". The case tests fail when a rule's findings disagree with
    ``fix`` and ``applicabilities`` (tests/support.py).
    """

    code: str
    name: str
    severity: str
    summary: str
    fix: FixAvailability
    applicabilities: frozenset[Applicability]
    doc: str
    check: Check

    @property
    def fix_label(self) -> str:
        """The fix column of `cardlint rule` and the rules tables: "no fix", "unsafe fix",
        "safe fix sometimes available", "safe or unsafe fix sometimes available"..."""
        if self.fix is FixAvailability.NEVER:
            return "no fix"
        kinds = " or ".join(kind.value for kind in Applicability if kind in self.applicabilities)
        sometimes = " sometimes available" if self.fix is FixAvailability.SOMETIMES else ""
        return f"{kinds} fix{sometimes}"

    def at(
        self, ctx: LintContext, start: int, end: int, message: str, fix: Fix | None = None
    ) -> Diagnostic:
        """A finding of this rule on ``ctx``'s card, from offset ``start`` to ``end``."""
        low, high = start, end
        for edit in fix.edits if fix is not None else ():
            low, high = min(low, edit.start), max(high, edit.end)
        lines = ctx.card.lines_around(low, high)
        return Diagnostic(
            self.code, self.name, message, self.severity, ctx.card.path, start, end, lines, fix
        )

    def at_node(
        self, ctx: LintContext, node: yaml.Node, message: str, fix: Fix | None = None
    ) -> Diagnostic:
        """A finding of this rule on a node's source text."""
        start, end = ctx.card.node_offsets(node)
        return self.at(ctx, start, end, message, fix)


def names_in(folder: str) -> tuple[str, ...]:
    """The names in ``folder``, sorted; none when it cannot be listed."""
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()
