"""Read a model card the way the Hugging Face Hub reads it.

The metadata block is found with huggingface_hub's ``REGEX_YAML_BLOCK`` (the same regex as the
Hub server), the file is decoded as ``utf-8-sig`` with line endings kept, and the YAML is
composed with positions so that every node maps back to a README line and column.
"""

import bisect
import re
import sys
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from cardlint.speedups.yaml_plain import construct_plain
from cardlint.speedups.yaml_resolve import remembering

if TYPE_CHECKING:  # only --hub-validate loads the Hub's answer (and huggingface_hub)
    from cardlint.hub.validate import HubAnswer

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]
_LIBYAML = _BaseLoader is not yaml.SafeLoader
_Loader = remembering(_BaseLoader)

# Exactly huggingface_hub.repocard.REGEX_YAML_BLOCK ("exact same regex as in the Hub server").
REGEX_YAML_BLOCK = re.compile(
    r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

MAX_NODES = 100_000  # expanded node count (aliases counted at every use) before CL006
MAX_DEPTH = 64  # nesting depth before CL006


class Position(NamedTuple):
    """A 1-based line and column (columns count characters, as editors do)."""

    row: int
    column: int


class ParseProblem(NamedTuple):
    """Why the metadata block could not be read, located by character offset."""

    kind: str  # "syntax", "not-mapping", "too-complex"
    message: str
    offset: int


class Lines(NamedTuple):
    """Where lines ``first_row``, ``first_row + 1``, ... of a text start (character offsets): as
    much of the text's line index as placing offsets within those lines needs."""

    first_row: int
    starts: tuple[int, ...]

    def position(self, offset: int) -> Position:
        """The line and column (1-based) of ``offset``, which lies within these lines."""
        index = bisect.bisect_right(self.starts, offset)
        return Position(self.first_row + index - 1, offset - self.starts[index - 1] + 1)


class Card:
    """A README split the Hub's way, with its YAML composed to nodes.

    Offsets are character offsets into ``text`` (the decoded file without its BOM).
    ``parse_card`` fills in the block's offsets, nodes, metadata or the problem that stopped it.
    """

    def __init__(self, text: str, path: str = "<string>", bom: bool = False) -> None:
        self.text = text
        self.path = path
        # the files of the card's Hub repository, when the card came from one (None: a local card,
        # whose folder is listed when a rule asks)
        self.repo_files: tuple[str, ...] | None = None
        # a local card's folder, sorted, when it was listed while reading the card (the linter
        # lists it once, for the logs beside the README and for the rules)
        self.names_beside: tuple[str, ...] | None = None
        self.repo_type: str | None = None  # a Hub card's repository kind (model, dataset, space)
        self._top_level: dict[str, tuple[yaml.Node, yaml.Node]] | None = None
        # with --hub-validate: what the Hub's validation endpoint said of the card (MC801 reads it)
        self.hub_answer: HubAnswer | None = None
        self.bom = bom
        self.block_start: int | None = None  # offset of the first YAML character
        self.mark_shift = (
            0  # characters the YAML loader skipped before its first mark (a leading BOM)
        )
        self.block_end: int | None = None  # offset just after the last YAML character
        self.body_start = 0  # offset of the Markdown body (after the closing delimiter)
        self.root: yaml.Node | None = None
        self.metadata: dict[str, Any] | None = None
        self.problem: ParseProblem | None = None
        self._line_starts: tuple[int, ...] = ()
        self._nodes: list[tuple[yaml.Node, str | None]] | None = None
        self._block: tuple[tuple[int, int], str] | None = None
        # True when the metadata was built with no mapping key overwritten: no duplicate keys
        self.keys_distinct = False

    def __repr__(self) -> str:
        return f"Card(path={self.path!r}, block=({self.block_start}, {self.block_end}), problem={self.problem!r})"

    @property
    def has_block(self) -> bool:
        return self.block_start is not None

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def block_text(self) -> str:
        """The YAML between the delimiters; sliced once (rules ask for it once per node)."""
        if self.block_start is None or self.block_end is None:
            return ""
        if self._block is None or self._block[0] != (self.block_start, self.block_end):
            self._block = (
                (self.block_start, self.block_end),
                self.text[self.block_start : self.block_end],
            )
        return self._block[1]

    def position(self, offset: int) -> Position:
        """Map a character offset to a README line and column (1-based)."""
        return Lines(1, self._lines()).position(offset)

    def line_text(self, row: int) -> str:
        """The text of line ``row`` (1-based) with its line ending."""
        starts = self._lines()
        end = starts[row] if row < len(starts) else len(self.text)
        return self.text[starts[row - 1] : end]

    def line_start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` starts."""
        starts = self._lines()
        return starts[bisect.bisect_right(starts, offset) - 1]

    def lines_around(self, low: int, high: int) -> Lines:
        """The lines that hold the offsets from ``low`` to ``high``."""
        starts = self._lines()
        first = bisect.bisect_right(starts, low)
        return Lines(first, starts[first - 1 : bisect.bisect_right(starts, high)])

    def _lines(self) -> tuple[int, ...]:
        if not self._line_starts:
            if "\r" in self.text:
                self._line_starts = (0, *(m.end() for m in _LINE_BREAK.finditer(self.text)))
            else:  # the same starts, from C-speed splitting rather than a match object per line
                self._line_starts = (
                    0,
                    *accumulate(len(line) + 1 for line in self.text.split("\n")),
                )[:-1]
        return self._line_starts

    def nodes(self) -> list[tuple[yaml.Node, str | None]]:
        """Every node of the metadata once, with the key it is the value of (see all_nodes); computed once."""
        if self._nodes is None:
            self._nodes = all_nodes(self.root, may_share="&" in self.block_text)
        return self._nodes

    def node_offsets(self, node: yaml.Node) -> tuple[int, int]:
        """Start and end offsets of a node in ``text``."""
        base = (self.block_start or 0) + self.mark_shift
        return base + node.start_mark.index, base + node.end_mark.index

    def node_source(self, node: yaml.Node) -> str:
        start, end = self.node_offsets(node)
        return self.text[start:end]

    def duplicate_keys(self) -> list[tuple[yaml.Node, yaml.Node]]:
        """Each key that repeats an earlier key of the same mapping (at any depth), with that
        earlier key: PyYAML keeps the last value and drops the others."""
        if self.metadata is None or self.keys_distinct:
            return []
        found: list[tuple[yaml.Node, yaml.Node]] = []
        for node, _ in self.nodes():
            if not isinstance(node, yaml.MappingNode) or len(node.value) < 2:
                continue
            first: dict[tuple[str, str], yaml.Node] = {}
            for key_node, _value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    ident = (key_node.tag, key_node.value)
                    if ident in first:
                        found.append((first[ident], key_node))
                    else:
                        first[ident] = key_node
        return found

    def mapping_items(self) -> list[tuple[yaml.Node, yaml.Node]]:
        """The top-level key and value nodes (empty when the block is not a mapping)."""
        if isinstance(self.root, yaml.MappingNode) and self.problem is None:
            return list(self.root.value)
        return []

    def top_level(self, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        """The last key/value node pair for ``key`` (PyYAML keeps the last duplicate)."""
        if self._top_level is None:  # indexed once: many rules look up their key
            self._top_level = {
                key_node.value: (key_node, value_node)
                for key_node, value_node in self.mapping_items()
                if isinstance(key_node, yaml.ScalarNode)
            }
        return self._top_level.get(key)


def decode(data: bytes) -> tuple[str, bool]:
    """Decode README bytes as the Hub does (``utf-8-sig``); return the text and whether a BOM was there.

    Raises UnicodeDecodeError for bytes that are not UTF-8.
    """
    bom = data.startswith(b"\xef\xbb\xbf")
    return data[3:].decode("utf-8") if bom else data.decode("utf-8"), bom


def split(text: str) -> tuple[int, int, int] | None:
    """Return (block start, block end, body start) offsets, or None when the Hub sees no block.

    huggingface_hub's ``metadata_load`` reads the file with universal newlines (CR and CRLF
    become LF) before matching, so the match is made on that view and mapped back to ``text``.
    """
    if "\r" not in text:
        match = REGEX_YAML_BLOCK.search(text)
        return None if match is None else (match.start(2), match.end(2), match.end(3))
    match = REGEX_YAML_BLOCK.search(text.replace("\r\n", "\n").replace("\r", "\n"))
    if match is None:
        return None
    # each CRLF pair became one character: shift translated offsets past the pairs before them
    pairs = [m.start() for m in re.finditer("\r\n", text)]
    translated = [raw - index for index, raw in enumerate(pairs)]

    def raw(offset: int) -> int:
        return offset + bisect.bisect_right(translated, offset - 1)

    return raw(match.start(2)), raw(match.end(2)), raw(match.end(3))


def is_plain(node: yaml.Node) -> bool:
    """A plain (unquoted, non-block) scalar; the C and Python loaders spell its style differently."""
    return isinstance(node, yaml.ScalarNode) and node.style in (None, "")


def parse_card(text: str, path: str = "<string>", bom: bool = False) -> Card:
    """Split ``text`` and compose its metadata block; problems are recorded, never raised."""
    card = Card(text=text, path=path, bom=bom)
    offsets = split(text)
    if offsets is None:
        return card
    card.block_start, card.block_end, card.body_start = offsets
    _compose(card)
    if READERS_DIFFER.search(card.block_text) and (
        card.problem is None or card.problem.kind == "syntax"
    ):
        return _as_the_hub_reads(card)
    return card


# What libyaml (cardlint's fast reader) and PyYAML's pure-Python loader (huggingface_hub's
# yaml.safe_load) read differently needs one of these: a tab, a BOM, a comment glued to a block
# scalar's header (`|#`), a \u or \U escape (surrogates, code points beyond Unicode), a lone `!`
# tag (an empty string to one, null to the other), or a `?` inside a word where the block has a
# flow collection (`[a?]`: the pure loader ends the word there). tests/reading/test_yaml_readers.py holds
# that, without them, the two agree.
READERS_DIFFER = re.compile(
    r"[\t\ufeff]|[|>][0-9+-]*#|\\[uU]|(?m:(?:^|[\s\[{,])!(?=[\s,\]}]|$))|(?s:^(?=.*[\[{]).*[^\s\[\]{},]\?)"
)


def _as_the_hub_reads(card: Card) -> Card:
    """The card as composed by the pure-Python loader where the two readers disagree on it; a
    syntax error that only huggingface_hub's reader meets says so."""
    hub = Card(text=card.text, path=card.path, bom=card.bom)
    hub.block_start, hub.block_end, hub.body_start = (
        card.block_start,
        card.block_end,
        card.body_start,
    )
    _compose(hub, yaml.SafeLoader)
    if hub.problem is None and card.problem is None and same_data(hub.metadata, card.metadata):
        return card
    if hub.problem is not None and hub.problem.kind == "syntax" and card.problem is None:
        message = f"huggingface_hub's reader (PyYAML's pure-Python loader) fails here, though libyaml reads it: {hub.problem.message}"
        hub.problem = hub.problem._replace(message=message)
    return hub


def same_data(a: Any, b: Any) -> bool:
    """The same type and value, as huggingface_hub would read them (so 1 is not True, nor 1.0)."""
    if type(a) is int and type(b) is int:
        return a == b  # the repr of an integer over 4,300 digits raises
    try:
        return type(a) is type(b) and repr(a) == repr(b)
    except ValueError:  # such an integer inside a collection
        return False


def _compose(card: Card, loader_class: Any = _Loader) -> None:
    block = card.block_text
    try:
        loader = loader_class(block)
    except yaml.reader.ReaderError as error:  # the pure-Python loader checks every character first
        card.problem = ParseProblem(
            "syntax", str(error).splitlines()[0], (card.block_start or 0) + error.position
        )
        return
    if block.startswith("\ufeff") and loader_class is _Loader and _LIBYAML:
        card.mark_shift = (
            1  # libyaml skips a BOM without counting it; the offsets of its marks start after it
        )
    try:
        depth_problem = _check_depth(block)
        if depth_problem is not None:
            card.problem = ParseProblem(
                "too-complex",
                depth_problem[0],
                card.block_start + depth_problem[1],  # type: ignore[operator]
            )
            return
        node = loader.get_single_node()
        if node is None:
            card.metadata = None
            return
        card.root = node
        size_problem = _check_size(node) if "&" in block else None  # no anchor, no alias
        if size_problem is not None:
            card.problem = ParseProblem(
                "too-complex", size_problem[0], card.node_offsets(size_problem[1])[0]
            )
            return
        plain = construct_plain(loader, node) if "&" not in block else None
        if plain is None:
            data = loader.construct_document(node)
        else:
            data, card._nodes, card.keys_distinct = plain
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = card.block_start + card.mark_shift + (mark.index if mark is not None else 0)  # type: ignore[operator]
        message = _yaml_message(error)
        index = mark.index if mark is not None else 0
        tab = (
            _tab_indent(block, index)
            if "tab" in message or block[index : index + 1] == "\t"
            else None
        )
        if tab is not None:
            message = (
                "a tab in the indentation: YAML forbids tabs for indentation; indent with spaces"
            )
            offset = card.block_start + card.mark_shift + tab  # type: ignore[operator]
        kind = "too-complex" if "maximum nesting depth" in message else "syntax"
        card.problem = ParseProblem(kind, message, offset)
        card.root = None
        return
    except (
        Exception
    ) as error:  # PyYAML's constructors fail unmarked: `!!int` with no value, `2020-13-45`
        card.problem = _construction_problem(card, error)
        card.root = None
        return
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        card.problem = ParseProblem(
            "not-mapping",
            f"the metadata block is a {_kind(data)}, not a mapping of keys to values",
            card.node_offsets(node)[0],
        )
        return
    card.metadata = data


def _construction_problem(card: Card, error: Exception) -> ParseProblem:
    """Locate an error PyYAML's constructor raised without a mark: the first node that fails alone.

    huggingface_hub's ``yaml.safe_load`` raises the same error, so the card's metadata is lost to it.
    """
    base = card.block_start or 0
    failing = _failing_node(card.root) if card.root is not None else None
    if failing is None:
        message = "PyYAML, which huggingface_hub uses, cannot build a value of the metadata block"
        return ParseProblem("syntax", message, base)
    node, failure = failing
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    shown = (
        repr(node.value[:40] + ("..." if len(node.value) > 40 else "")) if node.value else "(empty)"
    )
    message = f"PyYAML, which huggingface_hub uses, cannot build the {tag} value {shown}: {_failure_words(node, failure, tag)}"
    return ParseProblem("syntax", message, base + node.start_mark.index)


# What a value under each tag whose constructor fails without a mark must look like.
_TAG_EXPECTS = {
    "!!bool": "true or false, yes or no, on or off",
    "!!int": "an integer such as 42 or 0x2a",
    "!!float": "a number such as 1.5, 1.0e+3 or .inf",
    "!!timestamp": "a date such as 2020-01-31, or a date and time such as 2020-01-31 10:00:00",
}


def _failure_words(node: yaml.ScalarNode, failure: Exception, tag: str) -> str:
    """What is wrong with the tagged value, in words (never the constructor's exception)."""
    if isinstance(failure, ValueError) and "integer string conversion" in str(failure):
        digits = sum(character.isdigit() for character in node.value)
        return f"an integer of {digits} digits, over the {sys.get_int_max_str_digits()} that Python reads from text"
    # the date's fields are out of range
    if tag == "!!timestamp" and isinstance(failure, ValueError):
        return f"not a calendar date ({next(iter(str(failure).splitlines()), '')[:120]})"
    expects = _TAG_EXPECTS.get(tag)
    return (
        f"a {tag} value must be {expects}" if expects else f"the value does not fit the tag {tag}"
    )


def _failing_node(root: yaml.Node) -> tuple[yaml.ScalarNode, Exception] | None:
    """The first scalar (in document order) that PyYAML's safe constructor cannot build on its own."""
    constructor = yaml.constructor.SafeConstructor()
    for node, _ in all_nodes(root):
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except Exception as error:  # whatever the constructor raises is the finding
                return node, error
    return None


def _tab_indent(block: str, index: int) -> int | None:
    """Where a tab sits in the indentation of the line of ``index`` or of the line before it
    (PyYAML's error about a tab points at one of them), or None."""
    start = max(block.rfind("\n", 0, index), block.rfind("\r", 0, index)) + 1
    before = (
        max(block.rfind("\n", 0, max(start - 1, 0)), block.rfind("\r", 0, max(start - 1, 0))) + 1
    )
    for line_start in (before, start) if start > 0 else (start,):
        line = block[line_start:].split("\n", 1)[0].split("\r", 1)[0]
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return line_start + indent.index("\t")
    return None


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (error.context, error.problem) if p]
    return ", ".join(parts) or "invalid YAML"


def _kind(value: object) -> str:
    names = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return names.get(type(value), type(value).__name__)


_FLOW_OPENER = re.compile(r"[\[{]")
# The start of a line: its indentation, then the indicators ("- ", "? ", ": ", with anchors and
# tags) after which a block collection may start on the same line.
_LINE_LEAD = re.compile(r"^[ \t]*(?:(?:[-?:]|[&!]\S*)[ \t]+)*", re.MULTILINE)
_INDICATOR = re.compile(r"(?:[-?:]|[&!]\S*)[ \t]+")


def _depth_bound(block: str) -> int:
    """An upper bound on the nesting depth of ``block``, from its text alone.

    Flow collections nest at most as deep as there are ``[`` and ``{``. A nested block
    collection starts at a column at least its parent's, and at the same column only for a
    sequence under a mapping key, so a chain of block collections uses at least half as many
    distinct columns as it is long; each is a line's indentation or follows an indicator there.
    """
    if "\r" in block or not block.isascii():  # YAML also breaks lines at CR, NEL, LS and PS
        block = "\n".join(block.splitlines())
    columns: set[int] = set()
    for lead in set(_LINE_LEAD.findall(block)):
        indent = len(lead) - len(lead.lstrip(" \t"))
        columns.add(indent)
        columns.update(indicator.end() for indicator in _INDICATOR.finditer(lead, indent))
    return len(_FLOW_OPENER.findall(block)) + 2 * len(columns)


def _check_depth(block: str) -> tuple[str, int] | None:
    """Refuse nesting deeper than MAX_DEPTH before composing (the composer recurses).

    Only blocks whose text bounds their depth above MAX_DEPTH are scanned event by event.
    """
    if _depth_bound(block) <= MAX_DEPTH:
        return None
    depth = 0
    for event in yaml.parse(block, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return (
                    f"nesting deeper than {MAX_DEPTH} levels: refused",
                    event.start_mark.index if event.start_mark else 0,
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _check_size(root: yaml.Node) -> tuple[str, yaml.Node] | None:
    """Refuse recursive aliases and aliases that would expand beyond MAX_NODES, without expanding."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    anchors_seen = False

    def size(node: yaml.Node) -> int:
        nonlocal anchors_seen
        if id(node) in in_progress:
            raise _Recursive(node)
        known = sizes.get(id(node))
        if known is not None:
            anchors_seen = True
            return known
        in_progress.add(id(node))
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        in_progress.discard(id(node))
        sizes[id(node)] = min(total, MAX_NODES + 1)
        return sizes[id(node)]

    try:
        if size(root) > MAX_NODES and anchors_seen:
            return (
                f"aliases expand to more than {MAX_NODES:,} nodes: refused without expanding them",
                root,
            )
    except _Recursive as recursive:
        return (
            "an alias refers to the node that contains it (a recursive structure): refused",
            recursive.node,
        )
    return None


class _Recursive(Exception):
    def __init__(self, node: yaml.Node) -> None:
        super().__init__()
        self.node = node


def all_nodes(root: yaml.Node | None, may_share: bool = True) -> list[tuple[yaml.Node, str | None]]:
    """Every node once (aliased nodes are not revisited), with the key it is the value of.

    Nodes are shared only through aliases; without an anchor in the block (``may_share`` False)
    no node needs to be checked for a second visit.
    """
    found: list[tuple[yaml.Node, str | None]] = []
    if root is None:
        return found
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str | None]] = [(root, None)]
    while stack:
        node, key = stack.pop()
        if may_share:
            if id(node) in seen:
                continue
            seen.add(id(node))
        found.append((node, key))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                stack.append(
                    (value_node, key_node.value if isinstance(key_node, yaml.ScalarNode) else None)
                )
                stack.append((key_node, None))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, key) for child in reversed(node.value))
    return found
