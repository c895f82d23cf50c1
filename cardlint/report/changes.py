"""What ``fix --diff`` would change: a unified diff for people, the edits per file for programs."""

from typing import Any, NamedTuple

from cardlint.diagnostics import Diagnostic
from cardlint.reading.card import Card


class Change(NamedTuple):
    """One file that fixing would change: its text before and after, and the findings fixed."""

    filename: str
    before: str
    after: str
    fixed: tuple[Diagnostic, ...]


def text_edits(before: str, after: str) -> list[dict[str, Any]]:
    """Replacements that turn ``before`` into ``after``: one per changed run of lines, trimmed to
    the characters that differ, positioned in ``before`` (rows and columns 1-based, as findings)."""
    from difflib import SequenceMatcher  # only for --diff --output-format json

    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    old_starts, new_starts = _starts(old_lines), _starts(new_lines)
    # the lines both share at the start and the end (a fix keeps the body) are not compared
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_lines), len(new_lines)) - head
        and old_lines[-1 - tail] == new_lines[-1 - tail]
    ):
        tail += 1
    middle = SequenceMatcher(
        None,
        old_lines[head : len(old_lines) - tail],
        new_lines[head : len(new_lines) - tail],
        autojunk=False,
    )
    card = Card(before)
    edits = []
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        # as many lines replaced as replacing them: an edit per line, else one for the run
        pairs = zip(range(i1, i2), range(j1, j2)) if i2 - i1 == j2 - j1 else [(i1, j1)]
        for i, j in pairs:
            i_end, j_end = (i + 1, j + 1) if i2 - i1 == j2 - j1 else (i2, j2)
            start, end = old_starts[i], old_starts[i_end]
            content = after[new_starts[j] : new_starts[j_end]]
            while start < end and content and before[start] == content[0]:
                start, content = start + 1, content[1:]
            while start < end and content and before[end - 1] == content[-1]:
                end, content = end - 1, content[:-1]
            edits.append(
                {
                    "content": content,
                    "location": card.position(start)._asdict(),
                    "end_location": card.position(end)._asdict(),
                }
            )
    return edits


def _starts(lines: list[str]) -> list[int]:
    """The offset where each line starts, and the text's length."""
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def change_to_dict(change: Change) -> dict[str, Any]:
    """The JSON form of one change: the file, its edits and the findings they fix."""
    return {
        "filename": change.filename,
        "edits": text_edits(change.before, change.after),
        "fixes": [finding.to_dict() for finding in change.fixed],
    }
