"""Text normalisation for place names, shared by the resolver and the data build script.

The package data stores every name already normalised with :func:`normalize`, so the resolver
and ``scripts/build_grid_data.py`` must agree on it exactly; the tests check that they do.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "ß": "ss",
    }
)
_DROP = re.compile(r"[.'’‘`´ʻʼ]")  # "U.S.A." -> "USA", "Côte d'Ivoire" -> "Cote dIvoire"
_SEPARATORS = re.compile(r"[,;:()\[\]{}/|\\\n\r\t]+|\s[-–—]\s")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")

# Words that say nothing about a place; skipped between the names in a longer text.
STOPWORDS = frozenset(
    """
    a an and the of in on at to by for from via with near around or is it be as so do no me am
    de du des la le les el y en et di da del della dos das van von der den het und im am
    region regions zone zones area areas city town state province county country district
    data center centre centers centres datacenter datacentre datacenters facility site campus
    server servers cluster clusters hpc supercomputer machine machines node nodes instance
    instances vm vms gpu gpus tpu tpus compute computing location located based hosted trained
    training run runs ran assumed approx approximately probably likely estimated roughly mostly
    free tier our my their its
    """.split()
)
# Compass words: they narrow nothing the data can resolve ("East USA" is still the USA).
DIRECTIONS = frozenset(
    """
    east west north south central eastern western northern southern northeast northwest
    southeast southwest northeastern northwestern southeastern southwestern middle mid midwest
    midwestern upper lower coast coastal
    """.split()
)
# Text copied from a model-card template or from the spec's own example sentence.
TEMPLATE_MARKERS = ("{{", "{%", "more information needed", "as granular as possible")


class Token:
    """One word of a location text: its normalised form and its case-kept form."""

    __slots__ = ("key", "raw")

    def __init__(self, key: str, raw: str) -> None:
        self.key = key
        self.raw = raw


def _fold(text: str) -> str:
    """Strip accents and apostrophes and dots, keeping letter case."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _DROP.sub("", text)


def normalize(text: str) -> str:
    """Return the lookup key for a name: no accents, lower case, words joined by single spaces."""
    return " ".join(_NON_WORD.sub(" ", _fold(text)).lower().split())


def segments(text: str) -> list[list[Token]]:
    """Split a location text at commas, brackets, slashes and the like into lists of tokens."""
    out: list[list[Token]] = []
    for part in _SEPARATORS.split(text):
        words = _NON_WORD.sub(" ", _fold(part)).split()
        if words:
            out.append([Token(word.lower(), word) for word in words])
    return out
