"""Emissions amounts that a model card's Markdown states: "- **Emissions:** 1.71 KgCO2".

:func:`find_text_emissions` finds them in three layouts:

- **field**: a label, a colon and an amount, in a list item, in bold or plain
  ("**Carbon Emitted:** 149.2 kg eq. CO2", "CO2 Emissions (in grams): 2.3558",
  "**Carbon Emitted** *(Power consumption x Time x ...)*: 11250 kg CO2 eq."); list items under
  such a field ("- Training: 42,17 kg Co2") are its parts;
- **table**: a Markdown or HTML table with an emissions column ("Carbon Emitted(tCO2eq)", a row
  per model and a "Total" row) or an emissions row ("| Carbon footprint | 4.858 g CO2eq |");
- **prose**: a sentence naming emissions, carbon or CO2 with a mass amount ("emitted 0.15
  KgCO2", "Estimated total emissions were 2290 tCO2eq"), or any amount whose unit names CO2.

The unit is the one written after the number, else one named in the label or column header
("(in grams)", "(KgCO2eq)"); an amount with neither is not reported. Code fences (``` and
~~~), HTML comments, template placeholders ("{{ co2 }}") and a leading metadata block are
ignored, and so is inline code unless it holds just a figure ("`0.001917 kg CO2eq`" is read
like the words around it; "`emissions: 12 kg`" is syntax), so the whole README or only its body may be passed; offsets are always in
the string given.

Each statement has a ``role``: "total" (stated as a total), "part" (one row or sub-item of a
breakdown), "other" (inference, evaluation, per-sample, yearly or all-experiments figures) or
"single". A metadata figure is best compared with the "total" and "single" statements, and
agrees with the text when it agrees with any of them.
"""

import bisect
import re
from typing import NamedTuple

from cardlint.amounts.mentions import mention_offsets
from cardlint.amounts.parse import Amount, match_amount, parse_amount, parse_unit


class TextAmount(NamedTuple):
    """One emissions statement: where it is, its label, its amount and how it is written.

    ``start``/``end`` span the statement (label to amount), ``value_start``/``value_end`` the
    amount as written. ``unit_source`` is "text" (after the number) or "label" (label or
    column header). ``row`` is the row label of a table row or the label of a part, else None.
    """

    start: int
    end: int
    value_start: int
    value_end: int
    label: str
    amount: Amount
    unit_source: str
    role: str
    row: str | None = None


def find_text_emissions(markdown: str, *, include_other_units: bool = False) -> list[TextAmount]:
    """Emissions statements in ``markdown``, in order of position.

    With ``include_other_units``, fields and table cells labelled as emissions that hold
    another quantity ("Carbon Emitted: 0.000618 kWh") are returned too; their amount's
    ``is_emissions`` is False.
    """
    return _Finder(markdown, include_other_units).run()


_BREAK_RE = re.compile(r"(\r\n|\r|\n)")
# str.translate: C speed
_ASCII_BLANK = {code: " " for code in range(128) if chr(code) not in "\r\n"}
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# A run of 3 or more backticks or tildes opens or closes a code fence when only up to 3 spaces
# precede it on its line. Two patterns, because each has a literal prefix that the regex engine
# searches for quickly; one pattern for either kind of run is 30 times slower.
_FENCE_MARKS = (re.compile(r"```+"), re.compile(r"~~~+"))
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
# A whole run of backticks (the lookahead takes it all, and is not backtracked into), then
# characters and whole runs of another length, then a run of the same length, on one line.
_INLINE_CODE_RE = re.compile(r"`(?<!``)(?=(`*))\1(?:[^`\n]|(?=(`+))(?!`\1(?!`))\2)*?`\1(?!`)")
# Each run that nothing closes makes the regex read on to the end of its line: a line of runs of
# ever more backticks and then megabytes of text takes minutes. Longer texts pair runs in Python.
_REGEX_PAIRING_MAX = 64 * 1024
_SENTENCE_REACH = 500  # characters of a sentence read before and after an amount in prose
_BACKTICKS_RE = re.compile(r"`+")
# what a unit naming CO2 needs
_CO2_IN_TEXT_RE = re.compile(r"co2|co₂|co<sub>|carbon\s+dioxide", re.I)
# (opener, closer) pairs blanked as a whole; scanned by _closed_spans in linear time
_TEMPLATES = ((re.compile(r"\{\{"), re.compile(r"\}\}")), (re.compile(r"\{%"), re.compile(r"%\}")))
_HTML_TABLE = (re.compile(r"<table\b", re.I), re.compile(r"</table\s*>", re.I))
_HTML_ROW_RE = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.S | re.I)
_HTML_CELL_RE = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]\s*>", re.S | re.I)
_TAG_RE = re.compile(r"<[^<>]*>")  # an unclosed "<" stops at the next one: no quadratic rescans
_LINK_RE = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
# The "#" that opens a line that _HEADING_RE matches (with its line break: "##\r\n" is none) and
# that has no pipe, which a table could take as a row; lines start after an LF only (after a lone
# CR none is found: sections merge, safely). The pattern starts with "#", which the regex engine
# looks for at C speed; the look-behinds ask for up to three spaces after a line break before it.
_SECTION_HEADING_RE = re.compile(
    r"#(?:(?<![^\n]#)|(?<= #)(?<![^\n] #)|(?<=  #)(?<![^\n]  #)|(?<=   #)(?<![^\n]   #))"
    r"#{0,5}(?:[ \t][^|\r\n]*(?![^\r\n])|\n|\Z)"
)
_ITEM_RE = re.compile(r"[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_FIELD_RE = re.compile(r"(?P<label>[^:\r\n|]{1,200}?)\s*:(?![/\d])[*_ \t]*")
_DELIMITER_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# a number not glued to a word or to digits before it ("v3-8", "CO2", the "200" of "4 200")
_NUMBER_START_RE = re.compile(
    r"(?<![\w.,\-+−])(?<!\d[ \u00a0\u202f])(?:(?:~|≈|∼)\s*)?[-+−]?(?:\d|[.,]\d)"
)
_PARENTHESIS_RE = re.compile(r"[(\[]([^()\[\]]{1,80})[)\]]")
_DIGIT_RE = re.compile(r"\d")
_PIPE_RE = re.compile(r"(?<!\\)\|")
_IN_UNIT_RE = re.compile(r"\bin\s+(\S+)\s*$")
_EMPHASIS_RE = re.compile(r"[*_`]+")
_SENTENCE_END_RE = re.compile(r"[.!?;](?:\s|$)")

# The lookahead on the first letters changes no match; it lets the regex engine skip ahead
# instead of trying every branch at every character, which makes the search three times faster.
_EMISSION_RE = re.compile(
    r"(?=[cefg])(?:co2|co₂|carbon|emission|emitted|emit\b|footprint|ghg|greenhouse)", re.I
)
_NOT_EMISSION_RE = re.compile(
    r"intensity|energy|power|electricity|kwh|label|source|method|tool|track|offset|calculator|region|"
    r"location|hardware|type|time|duration|mix",
    re.I,
)
_OTHER_RE = re.compile(
    r"\b(?:inference|validation|evaluation|testing|experiments?|hyper-?parameters?|yearly|annual(?:ly)?|"
    r"daily|weekly|monthly|per\s+(?:sample|request|query|image|token|prediction|call|inference|epoch|"
    r"day|week|month|year|run))\b",
    re.I,
)
_TOTAL_RE = re.compile(r"\b(?:total|overall|cumulative|in\s+all|sum)\b", re.I)


_Cell = tuple[int, int]  # a table cell's (start, end) in the masked text


class _Parent(NamedTuple):
    indent: int
    label: str  # as written
    is_emission: bool
    statement: int | None  # index in _Finder.found of its amount


class _Finder:
    """One pass over a card: mask what is not prose, then tables, fields and sentences."""

    def __init__(self, markdown: str, include_other_units: bool) -> None:
        self.masked = _mask(markdown)
        self.mentions = mention_offsets(self.masked)  # no word spans a line, so none spans a region
        self.include_other = include_other_units
        self.found: list[TextAmount] = []
        self.totals: set[int] = set()  # fields whose list items are their parts

    def _mentions_in(self, start: int, end: int) -> bool:
        """Whether an emissions word starts in ``masked[start:end]`` (a line or a run of lines)."""
        index = bisect.bisect_left(self.mentions, start)
        return index < len(self.mentions) and self.mentions[index] < end

    def run(self) -> list[TextAmount]:
        for start, end in _closed_spans(self.masked, *_HTML_TABLE):
            if self._mentions_in(start, end):  # else no label or unit can make a cell count
                rows = [
                    [c.span(1) for c in _HTML_CELL_RE.finditer(self.masked, r.start(1), r.end(1))]
                    for r in _HTML_ROW_RE.finditer(self.masked, start, end)
                ]
                self._table([row for row in rows if row])
            self.masked = self.masked[:start] + _blank(self.masked[start:end]) + self.masked[end:]
        # Headings (those no table can take as a row) end the list-item ancestry, so each section
        # is read on its own, and one without an emissions word cannot hold a statement.
        bounds = [0, *_section_starts(self.masked), len(self.masked)]
        for start, end in zip(bounds, bounds[1:]):
            if start < end and self._mentions_in(start, end):
                self._section(
                    [(m.start(), m.end()) for m in _LINE_RE.finditer(self.masked, start, end)]
                )
        for index in self.totals:
            if self.found[index].role == "single":
                self.found[index] = self.found[index]._replace(role="total")
        return sorted(self.found, key=lambda found: found.start)

    def _section(self, lines: list[tuple[int, int]]) -> None:
        stack: list[_Parent] = []
        i = 0
        while i < len(lines):
            start, end = lines[i]
            line = self._line_text(lines[i])
            if (
                "|" in line
                and i + 1 < len(lines)
                and _DELIMITER_RE.match(self._line_text(lines[i + 1]))
            ):
                j = i + 2
                while j < len(lines) and "|" in self.masked[lines[j][0] : lines[j][1]]:
                    j += 1
                if self._mentions_in(start, lines[j - 1][1]):
                    self._table([self._row(*lines[k]) for k in [i, *range(i + 2, j)]])
                i, stack = j, []
                continue
            i += 1
            if not line.strip():
                continue
            if _HEADING_RE.match(line):
                stack = []
                if self._mentions_in(start, end):
                    self._prose(start, start + len(line), [])
                continue
            self._line(start, line, stack)

    # -- lines

    def _line_text(self, line: tuple[int, int]) -> str:
        return self.masked[line[0] : line[1]].rstrip("\r\n")

    def _line(self, start: int, line: str, stack: list[_Parent]) -> None:
        """Read one line as a field or as prose; keep ``stack`` as its list-item ancestry."""
        item = _ITEM_RE.match(line)
        assert item is not None
        indent = len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))
        is_item = bool(item.group().strip(" \t>"))
        field = _FIELD_RE.match(line, item.end()) if ":" in line else None
        while stack and stack[-1].indent >= indent:
            stack.pop()
        if not is_item and indent == 0 and not field:
            stack.clear()
        label = field.group("label") if field else ""
        statement = None
        if _DIGIT_RE.search(line, item.end()) and (
            self._mentions_in(start, start + len(line)) or any(p.is_emission for p in stack)
        ):
            parents = list(stack)
            body = start + item.end()
            if field:
                statement = self._field(
                    body, start + field.end(), start + len(line), label, parents
                )
            if statement is None:
                self._prose(body, start + len(line), parents)
        if field or is_item:
            label = label or line[item.end() :]
            stack.append(_Parent(indent, label, _is_emission_label(label), statement))

    def _field(
        self, body: int, value: int, line_end: int, label: str, parents: list[_Parent]
    ) -> int | None:
        """Record the amount of "label: amount"; its index in ``found``, or None when there is none."""
        found = match_amount(self.masked, value)
        if found is None:
            return None
        amount, value_start, value_end = found
        emission_parent = next((p for p in reversed(parents) if p.is_emission), None)
        parent_statement = None if emission_parent is None else emission_parent.statement
        if _is_emission_label(label):
            amount, unit_source = self._unit(amount, label)
            if amount.unit is None or (not amount.is_emissions and not self.include_other):
                return None
        elif emission_parent is not None and amount.is_emissions:
            unit_source = "text"
        else:
            return None
        label = _plain(label)
        if parent_statement is not None:
            self.totals.add(parent_statement)
            role, row = "part", label
        else:
            role, row = (
                _role(
                    [label, *(_plain(p.label) for p in parents), self.masked[value_end:line_end]]
                ),
                None,
            )
        self.found.append(
            TextAmount(
                body,
                value_end,
                value_start,
                value_end,
                label,
                amount,
                unit_source,
                role,
                row,
            )
        )
        return len(self.found) - 1

    def _prose(self, start: int, end: int, parents: list[_Parent]) -> None:
        """Mass amounts in sentences that speak of emissions, or whose unit names CO2."""
        parent_labels = [_plain(p.label) for p in parents]
        marks = _SentenceMarks(self.masked, start, end)
        for m in _NUMBER_START_RE.finditer(self.masked, start, end):
            found = match_amount(self.masked, m.start())
            if found is None or not found[0].is_emissions or found[0].unit is None:
                continue
            amount, value_start, value_end = found
            sentence, trailing_end = marks.sentence(value_start, value_end)
            before = self.masked[sentence:value_start]
            if not (amount.mentions_co2 or _EMISSION_RE.search(before)):
                continue
            label = _plain(before[-2 * 80 :])[-80:].strip()
            role = marks.role((sentence, value_start), (value_end, trailing_end), parent_labels)
            self.found.append(
                TextAmount(
                    sentence,
                    value_end,
                    value_start,
                    value_end,
                    label,
                    amount,
                    "text",
                    role,
                )
            )

    # -- tables

    def _row(self, start: int, end: int) -> list[_Cell]:
        """The cells of a Markdown table line, without the empty ones outside its outer pipes."""
        line = self.masked[start:end].rstrip("\r\n")
        bounds = [m.start() for m in _PIPE_RE.finditer(line)]
        edges = [-1, *bounds, len(line)]
        cells = [(start + a + 1, start + b) for a, b in zip(edges, edges[1:])]
        if bounds and not line[: bounds[0]].strip():
            cells = cells[1:]
        if bounds and not line[bounds[-1] + 1 :].strip():
            cells = cells[:-1]
        return cells

    def _table(self, rows: list[list[_Cell]]) -> None:
        """Amounts in an emissions column (a row each) or in rows labelled as emissions."""
        if not rows:
            return
        header = [_plain(self.masked[a:b]) for a, b in rows[0]]
        columns = [c for c, text in enumerate(header) if _is_emission_label(text)]
        for column in columns:
            found = []
            for row in rows[1:]:
                if column < len(row):
                    row_label = _plain(self.masked[row[0][0] : row[0][1]]) if column else None
                    statement = self._cell(row, column, header[column], row_label)
                    if statement is not None:
                        found.append(statement)
            for statement in found:
                if statement.row and _OTHER_RE.search(statement.row):
                    role = "other"
                elif statement.row and _TOTAL_RE.search(statement.row):
                    role = "total"
                else:
                    role = "part" if len(found) > 1 else "single"
                self.found.append(statement._replace(role=role))
        if columns:
            return
        for row in rows:
            if len(row) < 2:
                continue  # a row of one cell (or none: `|` alone) holds no labelled amount
            label = _plain(self.masked[row[0][0] : row[0][1]])
            if not (
                _is_emission_label(label)
                or _CO2_IN_TEXT_RE.search(self.masked, row[1][0], row[-1][1])
            ):
                continue  # neither an emissions label nor a CO2 unit: no cell of this row can count
            for column in range(1, len(row)):
                statement = self._cell(row, column, label, None)
                if statement is None:
                    continue
                if _is_emission_label(label) or (
                    statement.amount.mentions_co2 and statement.amount.is_emissions
                ):
                    self.found.append(statement._replace(role=_role([label])))
                break

    def _cell(
        self, row: list[_Cell], column: int, label: str, row_label: str | None
    ) -> TextAmount | None:
        """The amount at the start of a cell, with the unit of ``label`` if it writes none."""
        start, end = row[column]
        m = _NUMBER_START_RE.search(self.masked, start, end)
        if m is None or self.masked[start : m.start()].strip().strip("*_"):
            return None
        found = match_amount(self.masked, m.start())
        if found is None or found[2] > end:
            return None
        amount, value_start, value_end = found
        amount, unit_source = self._unit(amount, label)
        if amount.unit is None or (not amount.is_emissions and not self.include_other):
            return None
        if amount.dimension == "intensity" and not self.include_other:
            return None
        return TextAmount(
            row[0][0],
            value_end,
            value_start,
            value_end,
            label,
            amount,
            unit_source,
            "single",
            row_label,
        )

    def _unit(self, amount: Amount, label: str) -> tuple[Amount, str]:
        """The amount with the label's unit when it writes none itself."""
        if amount.unit is not None:
            return amount, "text"
        unit = _label_unit(label)
        return (amount, "text") if unit is None else (amount._replace(unit=unit), "label")


def _mask(text: str) -> str:
    """``text`` with metadata, code, comments and placeholders blanked out (newlines kept)."""
    from cardlint.reading.card import REGEX_YAML_BLOCK  # the Hub's own rule for the metadata block

    spans: list[tuple[int, int]] = []
    front = REGEX_YAML_BLOCK.match(text)
    if front:
        spans.append((0, front.end()))
    fence: tuple[str, int] | None = None
    fence_start = 0
    start = front.end() if front else 0
    marks = sorted(
        (m for pattern in _FENCE_MARKS for m in pattern.finditer(text, start)),
        key=lambda m: m.start(),
    )
    for opener in marks:
        # only up to 3 spaces may precede a fence on its line: look back 4 characters, not to the start
        before = max(0, opener.start() - 4)
        line_start = (
            max(text.rfind("\n", before, opener.start()), text.rfind("\r", before, opener.start()))
            + 1
        )
        if line_start == 0 and before > 0:
            continue
        indent = text[line_start : opener.start()]
        if len(indent) > 3 or indent.strip(" "):
            continue
        rest = _LINE_RE.match(text, opener.end())
        line_end = rest.end() if rest else len(text)
        marker = opener.group()
        if fence is None:
            fence, fence_start = (marker[0], len(marker)), opener.start()
        elif (
            marker[0] == fence[0]
            and len(marker) >= fence[1]
            and not text[opener.end() : line_end].strip()
        ):
            spans.append((fence_start, line_end))
            fence = None
    if fence is not None:
        spans.append((fence_start, len(text)))
    masked = _blank_spans(text, spans)
    masked = _blank_spans(masked, [m.span() for m in _COMMENT_RE.finditer(masked)])
    masked = _blank_spans(masked, _code_spans(masked, _inline_code_spans(masked)))
    for template_open, template_close in _TEMPLATES:
        masked = _blank_spans(masked, _closed_spans(masked, template_open, template_close))
    return masked


def _section_starts(text: str) -> list[int]:
    """Where the lines that start a section (see _SECTION_HEADING_RE) start."""
    return [text.rfind("\n", 0, m.start()) + 1 for m in _SECTION_HEADING_RE.finditer(text)]


def _closed_spans(
    text: str, opener: re.Pattern[str], closer: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Spans from each opener to the closer after it; an opener with no closer ends the search
    (no later one can have a closer either), so the scan is linear whatever the text."""
    spans = []
    position = 0
    while (start := opener.search(text, position)) is not None:
        end = closer.search(text, start.end())
        if end is None:
            break
        spans.append((start.start(), end.end()))
        position = end.end()
    return spans


def _code_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What to blank of each inline code span: only the backticks around a figure ("`0.001917
    kg CO2eq`" is a figure the author wrote about this model), the whole of anything else
    ("`emissions: 12 kg`" is syntax)."""
    out = []
    for start, end in spans:
        code = text[start:end]
        width = len(code) - len(code.lstrip("`"))
        inner = code[width : len(code) - width]
        if _DIGIT_RE.search(inner) and parse_amount(inner) is not None:
            out += [(start, start + width), (end - width, end)]
        else:
            out.append((start, end))
    return out


def _inline_code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code: a run of backticks up to the next run of the same length on the same line."""
    if len(text) <= _REGEX_PAIRING_MAX:
        return [m.span() for m in _INLINE_CODE_RE.finditer(text)]
    return _paired_runs(text)


def _paired_runs(text: str) -> list[tuple[int, int]]:
    """What _INLINE_CODE_RE finds, in time linear in the number of runs (ten times slower on a card)."""
    spans: list[tuple[int, int]] = []
    line: list[tuple[int, int]] = []  # the runs of one line
    line_end = -1
    for run in _BACKTICKS_RE.finditer(text):
        if run.start() > line_end:
            _pair_runs(line, spans)
            line = []
            line_end = text.find("\n", run.start()) % (len(text) + 1)  # no line break: the end
        line.append(run.span())
    _pair_runs(line, spans)
    return spans


def _pair_runs(runs: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    """Pair each opener with the next run of its length (found by one pass from the right)."""
    following: dict[int, int] = {}
    partners = [0] * len(runs)  # 0: none (run 0 is never a partner)
    for index in range(len(runs) - 1, -1, -1):
        start, end = runs[index]
        partners[index] = following.get(end - start, 0)
        following[end - start] = index
    index = 0
    while index < len(runs):
        partner = partners[index]
        if partner:
            spans.append((runs[index][0], runs[partner][1]))
        index = partner + 1 if partner else index + 1


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(_blank(text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _blank(text: str) -> str:
    """Spaces for every character but line breaks."""
    if text.isascii():
        return text.translate(_ASCII_BLANK)
    parts = _BREAK_RE.split(text)
    parts[::2] = [" " * len(part) for part in parts[::2]]
    return "".join(parts)


def _plain(text: str) -> str:
    """Markdown/HTML inline text as plain words: links, tags and emphasis dropped."""
    text = _LINK_RE.sub(r"\1", text)
    text = _TAG_RE.sub("", text)
    text = _EMPHASIS_RE.sub("", text)
    return " ".join(text.split())


def _is_emission_label(label: str) -> bool:
    head = _PARENTHESIS_RE.sub(" ", label)
    return bool(_EMISSION_RE.search(head)) and not _NOT_EMISSION_RE.search(head)


def _label_unit(label: str) -> str | None:
    """A unit a label names: "(in grams)", "(KgCO2eq)", "[kg]", "Emissions in kg"."""
    for m in _PARENTHESIS_RE.finditer(label):
        unit = parse_unit(m.group(1))
        if unit is not None:
            return unit
    trailing = _IN_UNIT_RE.search(label)
    return parse_unit(trailing.group(1)) if trailing else None


class _SentenceMarks:
    """Where sentences end and where the words of _OTHER_RE and _TOTAL_RE stand in a stretch of
    prose, found once, so that each amount's sentence is a lookup rather than a search of its own
    (a paragraph of many amounts is read in linear time). A sentence is read at most
    _SENTENCE_REACH characters either side of its amount."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start, self.end = start, end
        stops = [(m.start(), m.end()) for m in _SENTENCE_END_RE.finditer(text, start, end)]
        self.stop_starts, self.stop_ends = [s for s, _ in stops], [e for _, e in stops]
        self.other = [(m.start(), m.end()) for m in _OTHER_RE.finditer(text, start, end)]
        self.total = [(m.start(), m.end()) for m in _TOTAL_RE.finditer(text, start, end)]

    def sentence(self, value_start: int, value_end: int) -> _Cell:
        """Where the sentence around an amount starts, and where its text after the amount ends."""
        first = max(self.start, value_start - _SENTENCE_REACH)
        index = bisect.bisect_right(self.stop_ends, value_start) - 1
        if index >= 0:
            first = max(first, self.stop_ends[index])
        last = min(self.end, value_end + _SENTENCE_REACH)
        index = bisect.bisect_left(self.stop_starts, value_end)
        if index < len(self.stop_starts):
            last = min(last, self.stop_starts[index])
        return first, last

    def role(self, before: _Cell, after: _Cell, labels: list[str]) -> str:
        """What _role gives for the text spans ``before`` and ``after`` and the ``labels``."""
        if self._within(self.other, before, after) or _OTHER_RE.search(" ".join(labels)):
            return "other"
        if self._within(self.total, before, after) or _TOTAL_RE.search(" ".join(labels)):
            return "total"
        return "single"

    @staticmethod
    def _within(hits: list[_Cell], *spans: _Cell) -> bool:
        for low, high in spans:
            index = bisect.bisect_left(hits, (low, low))
            if index < len(hits) and hits[index][1] <= high:
                return True
        return False


def _role(texts: list[str]) -> str:
    joined = " ".join(texts)
    if _OTHER_RE.search(joined):
        return "other"
    if _TOTAL_RE.search(joined):
        return "total"
    return "single"
