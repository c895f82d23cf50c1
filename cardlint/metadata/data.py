"""The Hub's metadata lists, packaged in ``cardlint/data/hub.json`` (built by
``scripts/build_hub_data.py`` from ../shared/data/hub; sources and commits in HUB-SOURCES.md).

The file is read on first use, so a card without the keys the lists check never loads it.
"""

import functools
import json
import os
from typing import NamedTuple

DATA_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "hub.json")


class HubLists(NamedTuple):
    """The Hub's ids, as sets for membership and in their published order where order matters."""

    licenses: tuple[str, ...]
    pipeline_tags: tuple[str, ...]
    subtasks: frozenset[str]
    libraries: tuple[str, ...]
    languages: dict[str, str]  # code -> English name (the 639-1 and 639-3 tables share no code)
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
        languages=raw["languages"],
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
