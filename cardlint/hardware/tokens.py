"""The words of a hardware description, as both the catalogue's aliases and the parser read them.

Tokens are words, numbers and punctuation, lower-cased, each knowing whether it is written
glued to the one before ("A100", "80GB"). "(R)", "(TM)", "®" and the like are dropped.
"""

import re

FILLER = frozenset({"cpu", "processor"})  # words an alias may add or leave out
FORM_FACTORS = frozenset({"pcie", "sxm", "nvl"})
SOFT_SEPS = frozenset({"(", ")", "[", "]"})  # brackets: not a separator between items


class Token:
    """A word, number or punctuation mark of the text, with where it is and what precedes it."""

    __slots__ = ("norm", "start", "end", "glued", "gap", "sep")

    def __init__(self, norm: str, start: int, end: int, glued: bool, gap: str, sep: bool) -> None:
        self.norm = norm  # lower case
        self.start = start
        self.end = end
        self.glued = glued  # no gap since the previous token
        self.gap = gap  # the text between the previous token and this one
        self.sep = sep  # punctuation such as "," "+" "(" "="


_TOKEN_RE = re.compile(
    r"(?P<noise>\(\s*(?:r|tm|c)\s*\)|[®™©])|(?P<word>(?<=\d)x(?=[a-z]+\d)|[a-z]+|\d+(?:\.\d+)?|(?<=[a-z0-9])\+|[×])|(?P<sep>[,;+/&()=|@\[\]{}*])",
    re.I,
)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``; "×" and "*" are read as the word "x"."""
    tokens: list[Token] = []
    last = 0
    for m in _TOKEN_RE.finditer(text):
        if m.group("noise"):
            continue
        gap = text[last : m.start()]
        norm = m.group().lower()
        if norm in ("×", "*"):
            norm, is_sep = "x", False
        else:
            is_sep = m.group("sep") is not None
        glued = bool(tokens) and gap == "" and not is_sep and not tokens[-1].sep
        tokens.append(Token(norm, m.start(), m.end(), glued, gap, is_sep))
        last = m.end()
    return tokens


def alias_key(text: str) -> str:
    """The form an alias is stored and matched in: lower case, noise dropped, tokens joined as written.

    Words written together stay together ("a100"); separate words, and punctuation other than
    brackets (written as ","), are separated by spaces. scripts/build_hardware_data.py stores
    the catalogue's aliases so.
    """
    out: list[str] = []
    for token in tokenize(text):
        if token.norm in FILLER or token.norm in SOFT_SEPS:
            continue
        if out and not token.glued:
            out.append(" ")
        out.append("," if token.sep else token.norm)
    return "".join(out)
