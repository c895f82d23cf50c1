"""The packaged Hub lists: current with ../shared/data/hub, and read as the rules need them."""

import json
import subprocess
import sys

import pytest
from support import REPO, SHARED

from cardlint.metadata.data import (
    DATA_FILE,
    LANGUAGE_NAMES_FILE,
    hub_lists,
    is_listed_language,
    language_names,
)

HUB_DATA = SHARED / "data" / "hub"


@pytest.mark.skipif(not HUB_DATA.is_dir(), reason="../shared/data/hub is absent (CI has it)")
def test_packaged_lists_are_built_from_the_shared_data(tmp_path):
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_hub_data.py"), "--output", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for built, packaged in (("hub.json", DATA_FILE), ("hub-languages.json", LANGUAGE_NAMES_FILE)):
        assert (tmp_path / built).read_text("utf-8") == open(packaged, encoding="utf-8").read()
    assert (tmp_path / "HUB-SOURCES.md").read_text("utf-8") == (
        REPO / "cardlint" / "data" / "HUB-SOURCES.md"
    ).read_text("utf-8")


@pytest.mark.skipif(not HUB_DATA.is_dir(), reason="../shared/data/hub is absent (CI has it)")
@pytest.mark.parametrize(
    ("csv_name", "field"),
    [
        ("licenses.csv", "licenses"),
        ("pipeline_tags.csv", "pipeline_tags"),
        ("libraries.csv", "libraries"),
    ],
)
def test_every_listed_id_is_packaged(csv_name, field):
    assert list(getattr(hub_lists(), field)) == _first_column(csv_name)


def _first_column(csv_name: str) -> list[str]:
    import csv

    with open(HUB_DATA / csv_name, encoding="utf-8", newline="") as handle:
        return [next(iter(row.values())) for row in csv.DictReader(handle)]


@pytest.mark.skipif(not HUB_DATA.is_dir(), reason="../shared/data/hub is absent (CI has it)")
def test_every_listed_language_is_packaged_and_found():
    codes = _first_column("languages.csv")
    assert sorted(language_names()) == sorted(codes) and len(language_names()) == len(codes)
    assert all(is_listed_language(code) for code in codes)
    # a slice across two codes, and codes just before, after and between the listed ones
    packed = hub_lists().three_letter_languages
    near = {packed[i : i + 3] for i in range(1, len(packed) - 3, 3)}
    near |= {code[:-1] + chr(ord(code[-1]) + delta) for code in codes for delta in (-1, 1)}
    near |= {"", "a", "aaa", "zzz", "zzzz", "e", "en-", "{{{", "   "}
    assert {code for code in near if is_listed_language(code)} == near & (
        set(codes) | {"code", "multilingual"}
    )


def test_lists_hold_what_the_rules_rely_on():
    lists = hub_lists()
    assert {"mit", "apache-2.0", "other", "unknown"} <= set(lists.licenses)
    assert "text-generation" in lists.pipeline_tags and "conversational" not in lists.pipeline_tags
    assert lists.deprecated["pipeline_tag"]["conversational"] == "text-generation"
    assert language_names()["en"] == "English" and "eng" in language_names()
    assert lists.iso639_2b["fre"] == "fr" and "fre" not in language_names()
    assert {"code", "multilingual"} == lists.special_languages
    assert {"license", "language", "model-index", "co2_eq_emissions"} <= lists.documented_keys
    assert "pretty_name" in lists.dataset_card_keys


def test_the_data_file_is_compact_json():
    raw = open(DATA_FILE, encoding="utf-8").read()
    assert json.loads(raw) and "\n" not in raw.rstrip("\n")
