"""The words every emissions statement in a card's text has in its line, table or label.

A body without one holds no statement, so the Markdown scan (text_amounts) is neither run nor
imported for it; within a body, only the sections that hold one are read.
"""

import re

# a superset of text_amounts' emissions labels and of the units that name CO2
MENTION_WORDS = (
    "co2",
    "co₂",
    "co<sub>",
    "carbon",
    "emission",
    "emit",
    "footprint",
    "ghg",
    "greenhouse",
)
MENTIONS = re.compile("|".join(MENTION_WORDS), re.I)
_STARTS = re.compile(f"(?=(?:{MENTIONS.pattern}))", re.I)  # every start, overlapping ones too


def mention_offsets(text: str) -> list[int]:
    """Where the words of MENTIONS start in ``text``, sorted.

    ASCII text is lowercased and searched word by word with str.find: the same words (the
    characters re.IGNORECASE also folds, like the long s or the Kelvin sign, are not ASCII),
    found twice as fast as with the regex.
    """
    if not text.isascii():
        return [m.start() for m in _STARTS.finditer(text)]  # "ghghg": 0 and 2
    lowered = text.lower()
    found = []
    for word in MENTION_WORDS:
        index = lowered.find(word)
        while index >= 0:
            found.append(index)
            index = lowered.find(word, index + 1)
    return sorted(found)


def has_mentions(text: str) -> bool:
    """Whether a word of MENTIONS occurs in ``text``."""
    if not text.isascii():
        return MENTIONS.search(text) is not None
    lowered = text.lower()
    return any(word in lowered for word in MENTION_WORDS)
