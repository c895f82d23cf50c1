"""What a `license` value that is not one of the Hub's ids most likely means (MC101), and how a
`license_link` names a file (MC103)."""

import functools
import re
from typing import NamedTuple

from cardlint.metadata.data import hub_lists
from cardlint.metadata.nearest import closest, folded

# How sure a reading is: the same id written another way (safe), a guess (unsafe), or no id
RENAMED = "renamed"  # a renamed id: its successor (safe)
REMOVED = "removed"  # an id the Hub no longer lists, with no successor
VARIANT = "variant"  # case, separators, "License"/"Version" words, "2" for "2.0" (safe)
QUALIFIED = "qualified"  # an SPDX id with -only, -or-later or + (unsafe: the qualifier is lost)
UNVERSIONED = "unversioned"  # the Hub's id has no version (unsafe: the version is lost)
VERSION_ADDED = "version-added"  # the Hub lists the license under one version only (unsafe)
VERSIONS = "versions"  # several ids could be meant (versions, clauses): the author chooses
EXPRESSION = "expression"  # an SPDX expression (A OR B): no one id
NEAR = "near"  # a near spelling with the same version digits (unsafe)
NONE = "none"  # nothing close: license: other

_WORDS = re.compile(r"(?<![a-z])(?:licen[cs]e[sd]?|version)(?![a-z])|v(?=\d)")
_SEPARATORS = re.compile(r"[\s_.,;:()/\-]+")
_TRAILING_ZEROS = re.compile(r"(?<=\d)0+$")
_VERSION_SUFFIX = re.compile(r"[\s_-]v?\d+(?:\.\d+)*[a-z]?$", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"^(?P<base>.+?)(?P<qualifier>-only|-or-later|\+|\s+or\s+later|\s+only)$", re.IGNORECASE
)
_OPERATOR = re.compile(r"\s(?:OR|AND|WITH)\s(?!later)", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


class Reading(NamedTuple):
    """What a license value most likely stands for: how (one of the kinds above), the Hub ids it
    points to (one for a fix; several to choose from; none), and what a fix would lose."""

    kind: str
    ids: tuple[str, ...] = ()
    lost: str = ""


def loose(text: str) -> str:
    """``Apache License, Version 2.0``, ``apache2`` and ``Apache-2.0`` all give ``apache2``: case,
    separators, the words "license" and "version", and a version's trailing zeros dropped."""
    text = _WORDS.sub(" ", text.lower())
    return _TRAILING_ZEROS.sub("", _SEPARATORS.sub("", text))


@functools.lru_cache(maxsize=1)
def _by_loose() -> dict[str, str]:
    """The Hub's ids by their loose form (no two ids share one: tests/metadata/test_licenses.py)."""
    return {loose(known): known for known in hub_lists().licenses}


def read_license(value: str) -> Reading:
    """The Hub id ``value`` (not itself one) most likely means, and how sure that is."""
    lists = hub_lists()
    renamed = lists.deprecated.get("license", {})
    if value in renamed:
        return Reading(RENAMED, (renamed[value],)) if renamed[value] else Reading(REMOVED)
    index = _by_loose()
    if _OPERATOR.search(value):
        return Reading(EXPRESSION)
    if loose(value) in index:
        return Reading(VARIANT, (index[loose(value)],))
    qualified = _QUALIFIER.match(value.strip())
    if qualified and loose(qualified["base"]) in index:
        said = "or later" if qualified["qualifier"] == "+" else qualified["qualifier"]
        return Reading(
            QUALIFIED,
            (index[loose(qualified["base"])],),
            said.strip(" -").replace("-", " ").lower(),
        )
    versioned = _VERSION_SUFFIX.search(value.strip())
    stem = loose(value[: versioned.start()]) if versioned else loose(value)
    if loose(value)[-1:].isdigit():  # "bsd 3": the ids that go on with words after that version
        longer = tuple(
            known
            for key, known in index.items()
            if key.startswith(loose(value)) and not key[len(loose(value))].isdigit()
        )
        if longer:
            return Reading(NEAR if len(longer) == 1 else VERSIONS, longer)
    if versioned and stem in index:
        return Reading(UNVERSIONED, (index[stem],), versioned.group(0).strip(" _-"))
    family = tuple(known for key, known in index.items() if re.match(re.escape(stem) + r"\d", key))
    if stem and len(family) == 1 and not versioned:
        return Reading(VERSION_ADDED, family)
    if stem and family:
        return Reading(VERSIONS, family)
    near = closest(loose(value), list(index), cutoff=0.8)
    if near is not None and _DIGITS.findall(near) == _DIGITS.findall(loose(value)):
        return Reading(NEAR, (index[near],))
    return Reading(NONE)


_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.|//)|^[\w-]+(?:\.[\w-]+)+/", re.IGNORECASE)


def link_file(link: str) -> str | None:
    """The repository path a ``license_link`` names (``LICENSE``, ``./docs/LICENSE.md``), or None
    for a URL, prose (a space) or an empty value."""
    text = link.strip()
    if not text or _URL.search(text) or any(space in text for space in " \t\n"):
        return None
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        return None  # outside the repository: not a file the Hub shows
    return "/".join(parts)


def same_file_names(name: str, files: tuple[str, ...]) -> tuple[str, ...]:
    """The files whose names differ from ``name`` only in case or extension (``license``,
    ``LICENSE.txt`` for ``LICENSE``): what the author probably meant."""
    stem = folded(name.rsplit(".", 1)[0]) if "." in name else folded(name)
    return tuple(
        item
        for item in files
        if "/" not in item
        and (folded(item.rsplit(".", 1)[0]) if "." in item else folded(item)) == stem
    )
