"""The Hub's metadata lists, packaged in ``cardlint/data/hub.json`` and the language names in
``hub-languages.json`` (built by ``scripts/build_hub_data.py`` from ../shared/data/hub; sources
and commits in HUB-SOURCES.md).

Each file is read on first use: a card without the keys the lists check never loads them, and
the language names (150 kB, 2 ms) are read only to explain a language code the Hub does not list.
"""

import bisect
import functools
import json
import os
from typing import Any

_FOLDER = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
DATA_FILE = os.path.join(_FOLDER, "hub.json")
LANGUAGE_NAMES_FILE = os.path.join(_FOLDER, "hub-languages.json")


class HubLists:
    """The Hub's ids, as sets for membership and in their published order where order matters.

    A plain class, read-only by convention: a named tuple of 17 fields takes 0.15 ms to define,
    on every check of a card with a license."""

    __slots__ = (
        "licenses",
        "pipeline_tags",
        "subtasks",
        "libraries",
        "two_letter_languages",
        "three_letter_languages",
        "special_languages",
        "iso639_2b",
        "deprecated",
        "documented_keys",
        "dataset_card_keys",
        "common_keys",
        "base_model_relations",
        "subtask_pipelines",
        "license_ids",
        "pipeline_tag_ids",
        "library_ids",
    )

    def __init__(self, raw: dict[str, Any]) -> None:
        self.licenses: tuple[str, ...] = tuple(raw["licenses"])
        self.pipeline_tags: tuple[str, ...] = tuple(raw["pipeline_tags"])
        self.subtasks: frozenset[str] = frozenset(raw["subtasks"])
        self.libraries: tuple[str, ...] = tuple(raw["libraries"])
        self.two_letter_languages: frozenset[str] = frozenset(raw["two_letter_languages"])  # 639-1
        # ISO 639-3, sorted and concatenated: see is_listed_language
        self.three_letter_languages: str = raw["three_letter_languages"]
        self.special_languages: frozenset[str] = frozenset(raw["special_languages"])
        # bibliographic code -> the ISO 639-1 code the Hub lists
        self.iso639_2b: dict[str, str] = raw["iso639_2b"]
        # kind -> id -> replacement ("" when none)
        self.deprecated: dict[str, dict[str, str]] = raw["deprecated"]
        self.documented_keys: frozenset[str] = frozenset(raw["documented_keys"])
        self.dataset_card_keys: frozenset[str] = frozenset(raw["dataset_card_keys"])
        # in common use on model cards, though no Hub document lists them
        self.common_keys: frozenset[str] = frozenset(raw["common_keys"])
        # adapter, merge, quantized, finetune
        self.base_model_relations: tuple[str, ...] = tuple(raw["base_model_relations"])
        # subtask type -> the pipeline tags listing it
        self.subtask_pipelines: dict[str, list[str]] = raw["subtask_pipelines"]
        # the ordered lists above as sets, for membership
        self.license_ids: frozenset[str] = frozenset(raw["licenses"])
        self.pipeline_tag_ids: frozenset[str] = frozenset(raw["pipeline_tags"])
        self.library_ids: frozenset[str] = frozenset(raw["libraries"])


@functools.lru_cache(maxsize=1)
def hub_lists() -> HubLists:
    """The packaged lists, read once."""
    with open(DATA_FILE, encoding="utf-8") as handle:
        return HubLists(json.load(handle))


def is_listed_language(code: str) -> bool:
    """Whether the Hub lists ``code`` as a language (ISO 639-1, 639-3, `code`, `multilingual`)."""
    lists = hub_lists()
    if len(code) == 2:
        return code in lists.two_letter_languages
    if len(code) != 3:
        return code in lists.special_languages
    packed = lists.three_letter_languages  # by bisection over its three-letter slices
    index = bisect.bisect_left(
        range(len(packed) // 3), code, key=lambda i: packed[3 * i : 3 * i + 3]
    )
    return packed[3 * index : 3 * index + 3] == code


@functools.lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Every language code the Hub lists, with its English name."""
    with open(LANGUAGE_NAMES_FILE, encoding="utf-8") as handle:
        names: dict[str, str] = json.load(handle)
    return names
