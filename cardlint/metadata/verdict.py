"""What a value missing from one of the Hub's lists was meant to be, and the fix that writes it
(shared by MC301 and MC302)."""

from typing import NamedTuple

import yaml

from cardlint.diagnostics import Fix
from cardlint.metadata.string_items import write_value
from cardlint.rules.base import LintContext


class Verdict(NamedTuple):
    """Why a value is not one of the Hub's ids (``kind``), what to write instead (``ids``: one
    when sure enough to fix, several when the card must choose) and the listed or formerly
    listed id it matched (``matched``, for the message)."""

    kind: str
    ids: tuple[str, ...] = ()
    matched: str = ""

    def as_matched(self, value: str) -> str:
        """``'keras-nlp', `` when ``value`` is another form of the id it matched (``Keras-NLP``),
        for a message's "'Keras-NLP' is 'keras-nlp', a library id the Hub replaced"."""
        return "" if self.matched == value else f"'{self.matched}', "


def write_id(
    ctx: LintContext, key: str, node: yaml.Node, value: str, safe: bool
) -> tuple[Fix | None, str]:
    """A fix that writes ``value`` in place of the top-level ``key``'s scalar ``node``, and what
    the message adds: nothing, or why the value must be fixed by hand."""
    return write_value(ctx, node, (key,), value, safe, f"Write '{key}: {value}'")
