"""What a `language` value that is not a code the Hub lists most likely means (MC201)."""

import functools
import re
from typing import NamedTuple

from cardlint.metadata.data import hub_lists, is_listed_language, language_names
from cardlint.metadata.nearest import closest

CASE = "case"  # a listed code in other case: `EN` (safe)
BIBLIOGRAPHIC = "bibliographic"  # an ISO 639-2/B code: `fre` -> `fr` (safe)
NAME = "name"  # an English name: `English` -> `en` (safe)
NAMES = "names"  # a name several ISO 639-3 codes share: the author chooses
AMBIGUOUS = "ambiguous"  # a three-letter code in other case that is another language's name
TAG = "tag"  # a language tag with a region or script: `es-ES` -> `es` (unsafe: the rest is lost)
NEAR = "near"  # a misspelt ISO 639-1 name: `Englsh` -> `en` (unsafe)
NONE = "none"

_TAG = re.compile(
    r"(?P<language>[A-Za-z]{2,3})[-_](?P<rest>[A-Za-z0-9]{2,8}(?:[-_][A-Za-z0-9]{1,8})*)"
)


_ASIDE = re.compile(r"\s*\([^)]*\)")


class Reading(NamedTuple):
    """What a language value most likely stands for: how (a kind above), the codes it points to
    (one for a fix, several to choose from, none), and what a fix would lose (a tag's region)."""

    kind: str
    codes: tuple[str, ...] = ()
    lost: str = ""


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[str, ...]]:
    """The codes by their English name, case-folded, with and without a parenthesis
    ("Cantonese (Yue Chinese)"); the two-letter code first."""
    names: dict[str, list[str]] = {}
    for code, name in language_names().items():
        for form in {name.casefold(), _ASIDE.sub("", name).strip().casefold()}:
            names.setdefault(form, []).append(code)
    return {
        name: tuple(sorted(codes, key=lambda code: (len(code), code)))
        for name, codes in names.items()
    }


def _code(text: str) -> str | None:
    """``text`` as a listed code: itself, lower-cased, or the ISO 639-1 code of a 639-2/B code."""
    lower = text.lower()
    if is_listed_language(lower):
        return lower
    return hub_lists().iso639_2b.get(lower)


def read_language(value: str) -> Reading:
    """The code the Hub lists that ``value`` (not itself listed) most likely means."""
    text = value.strip()
    lists = hub_lists()
    named = _by_name().get(text.casefold(), ())
    if is_listed_language(text.lower()):
        if len(text) > 2 and named and text.lower() not in named:  # "Han": han is Hangaza
            return Reading(AMBIGUOUS, (text.lower(), *named))
        return Reading(CASE, (text.lower(),))
    if text.lower() in lists.iso639_2b:
        return Reading(BIBLIOGRAPHIC, (lists.iso639_2b[text.lower()],))
    if len(named) == 1 or (named and len(named[0]) == 2 and len(named[1]) > 2):
        return Reading(NAME, named[:1])
    if named:
        return Reading(NAMES, named)
    tag = _TAG.fullmatch(text)
    if tag and _code(tag["language"]) is not None:
        return Reading(TAG, (str(_code(tag["language"])),), tag["rest"].replace("_", "-"))
    if len(text) > 3:
        two_letter = {name: codes[0] for name, codes in _by_name().items() if len(codes[0]) == 2}
        near = closest(text.casefold(), list(two_letter), cutoff=0.8)
        if near is not None:
            return Reading(NEAR, (two_letter[near],))
    return Reading(NONE)
