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
from typing import NamedTuple

_FOLDER = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
DATA_FILE = os.path.join(_FOLDER, "hub.json")
LANGUAGE_NAMES_FILE = os.path.join(_FOLDER, "hub-languages.json")


class HubLists(NamedTuple):
    """The Hub's ids, as sets for membership and in their published order where order matters."""

    licenses: tuple[str, ...]
    pipeline_tags: tuple[str, ...]
    subtasks: frozenset[str]
    libraries: tuple[str, ...]
    two_letter_languages: frozenset[str]  # ISO 639-1
    three_letter_languages: str  # ISO 639-3, sorted and concatenated: see is_listed_language
    special_languages: frozenset[str]  # `code`, `multilingual`
    iso639_2b: dict[str, str]  # bibliographic code -> the ISO 639-1 code the Hub lists
    deprecated: dict[str, dict[str, str]]  # kind -> id -> replacement ("" when none)
    documented_keys: frozenset[str]
    dataset_card_keys: frozenset[str]
    common_keys: frozenset[str]  # in common use on model cards, though no Hub document lists them
    base_model_relations: tuple[str, ...]  # adapter, merge, quantized, finetune
    subtask_pipelines: dict[str, list[str]]  # subtask type -> the pipeline tags listing it
    # the ordered lists above as sets, for membership
    license_ids: frozenset[str]
    pipeline_tag_ids: frozenset[str]
    library_ids: frozenset[str]


@functools.lru_cache(maxsize=1)
def hub_lists() -> HubLists:
    """The packaged lists, read once."""
    with open(DATA_FILE, encoding="utf-8") as handle:
        raw = json.load(handle)
    return HubLists(
        licenses=tuple(raw["licenses"]),
        pipeline_tags=tuple(raw["pipeline_tags"]),
        subtasks=frozenset(raw["subtasks"]),
        libraries=tuple(raw["libraries"]),
        two_letter_languages=frozenset(raw["two_letter_languages"]),
        three_letter_languages=raw["three_letter_languages"],
        special_languages=frozenset(raw["special_languages"]),
        iso639_2b=raw["iso639_2b"],
        deprecated=raw["deprecated"],
        documented_keys=frozenset(raw["documented_keys"]),
        dataset_card_keys=frozenset(raw["dataset_card_keys"]),
        common_keys=frozenset(raw["common_keys"]),
        base_model_relations=tuple(raw["base_model_relations"]),
        subtask_pipelines=raw["subtask_pipelines"],
        license_ids=frozenset(raw["licenses"]),
        pipeline_tag_ids=frozenset(raw["pipeline_tags"]),
        library_ids=frozenset(raw["libraries"]),
    )


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
