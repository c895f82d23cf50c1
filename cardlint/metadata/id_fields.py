"""The finding for an entry of a field that holds Hub ids (``base_model``, ``new_version``,
``datasets``) when it is no id (MC401, MC501)."""

from collections.abc import Iterator
from typing import NamedTuple

from cardlint.diagnostics import Diagnostic
from cardlint.metadata.fields import all_pass
from cardlint.metadata.references import read_reference
from cardlint.metadata.repo_ids import is_repo_id
from cardlint.metadata.string_items import rewrite, string_items
from cardlint.rules.base import LintContext, Rule


class IdField(NamedTuple):
    """How a rule speaks of a field: its key, the kind of repository it names ("model",
    "dataset"), the sentence the Hub adds to its rejection, and what it names ("the base model")."""

    key: str
    repo_type: str
    hub_advice: str
    names: str


def invalid_ids(rule: Rule, ctx: LintContext, field: IdField) -> Iterator[Diagnostic]:
    """A finding for each string of the field that is no Hub id of ``field.repo_type``, in the
    Hub's words and with what to write instead; a fix writes the id it names, when it names one.
    A blank string alone is MC002's (an empty value), a value that is no string MC003's."""
    metadata = ctx.card.metadata
    if not isinstance(metadata, dict) or all_pass(metadata.get(field.key), is_repo_id):
        return  # every entry is an id (read_reference reads none of them)
    import json  # only for a finding

    for item in string_items(ctx, field.key):
        reading = read_reference(item.value, field.repo_type)
        if reading is None or (len(item.path) == 1 and not item.value.strip()):
            continue
        shown = json.dumps(item.value, ensure_ascii=False)
        head = f'"{item.name}" with value {shown} is not valid. {field.hub_advice}'
        reason = reading.reason[0].upper() + reading.reason[1:]
        repo_id = reading.repo_id
        if repo_id is None:
            entry = "the entry" if len(item.path) > 1 else "the key"
            advice = f"write the Hub id of {field.names} (org/name), or remove {entry} if it is not on the Hub"
            yield rule.at_node(ctx, item.node, f"{head} {reason}: {advice}.")
            continue
        if reading.kind == "hub-url" and "/" not in repo_id:
            advice = f"write '{repo_id}' if that is {field.names}, else its id (org/name)"
        elif reading.kind == "revision":
            advice = f"write '{repo_id}' (a revision that matters belongs in the card's text)"
        else:
            advice = f"write '{repo_id}'"
        fix, by_hand = rewrite(ctx, item, repo_id, reading.safe)
        yield rule.at_node(ctx, item.node, f"{head} {reason}: {advice}{by_hand}.", fix)
