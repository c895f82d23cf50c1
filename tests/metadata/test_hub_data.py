"""The packaged Hub lists: current with ../shared/data/hub, and read as the rules need them."""

import json
import subprocess
import sys

import pytest
from support import REPO, SHARED

from cardlint.metadata.data import DATA_FILE, hub_lists

HUB_DATA = SHARED / "data" / "hub"


@pytest.mark.skipif(not HUB_DATA.is_dir(), reason="../shared/data/hub is absent (CI has it)")
def test_packaged_lists_are_built_from_the_shared_data(tmp_path):
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_hub_data.py"), "--output", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "hub.json").read_text("utf-8") == open(DATA_FILE, encoding="utf-8").read()
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
        ("languages.csv", "languages"),
    ],
)
def test_every_listed_id_is_packaged(csv_name, field):
    import csv

    with open(HUB_DATA / csv_name, encoding="utf-8", newline="") as handle:
        ids = [next(iter(row.values())) for row in csv.DictReader(handle)]
    packaged = getattr(hub_lists(), field)
    if isinstance(packaged, dict):  # languages: the 639-1 and 639-3 tables share no code
        assert sorted(packaged) == sorted(ids) and len(packaged) == len(ids)
    else:
        assert list(packaged) == ids


def test_lists_hold_what_the_rules_rely_on():
    lists = hub_lists()
    assert {"mit", "apache-2.0", "other", "unknown"} <= set(lists.licenses)
    assert "text-generation" in lists.pipeline_tags and "conversational" not in lists.pipeline_tags
    assert lists.deprecated["pipeline_tag"]["conversational"] == "text-generation"
    assert lists.languages["en"] == "English" and "eng" in lists.languages
    assert lists.iso639_2b["fre"] == "fr" and "fre" not in lists.languages
    assert {"code", "multilingual"} == lists.special_languages
    assert {"license", "language", "model-index", "co2_eq_emissions"} <= lists.documented_keys
    assert "pretty_name" in lists.dataset_card_keys


def test_the_data_file_is_compact_json():
    raw = open(DATA_FILE, encoding="utf-8").read()
    assert json.loads(raw) and "\n" not in raw.rstrip("\n")
