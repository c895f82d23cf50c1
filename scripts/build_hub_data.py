"""Build cardlint's copy of the Hub's metadata lists from ../shared/data/hub.

    python scripts/build_hub_data.py [--input DIR] [--output DIR]

Reads DIR (default: ../shared/data/hub beside the repository root) and writes, under
cardlint/data/:

- hub.json: the lists the metadata rules (MC*) read, each exactly as extracted upstream:
  license ids, pipeline tags, subtask types, library ids, language codes, the deprecated and
  renamed ids, and the documented top-level keys of a model card. The 7,916 three-letter
  language codes are one string, sorted and concatenated, looked up by bisection: 20 times
  faster to load than a list;
- hub-languages.json: the language codes with their English names, read only to explain a
  `language` value the Hub does not list;
- HUB-SOURCES.md: the sources document (every list's repository, path and commit), copied, with
  this build's own decisions appended.

ISO 639-2/B bibliographic codes (``fre``, ``ger``, ``chi``) are not in the Hub's language list;
they are taken from pycountry's ISO 639 tables (``pip install pycountry``) and mapped to the
ISO 639-1 code the Hub lists, so that MC201 can offer a safe fix for them.
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Keys documented for a model card (modelcard_fields.md: the field table, and the further keys
# huggingface.js's ApiModelMetadata types) are read from the document; the fields of a dataset
# card are listed here from hub-docs datasetcard.md (commit in HUB-SOURCES.md).
DATASET_CARD_KEYS = (
    "annotations_creators",
    "configs",
    "dataset_info",
    "language_creators",
    "multilinguality",
    "paperswithcode_id",
    "pretty_name",
    "size_categories",
    "source_datasets",
    "task_categories",
    "task_ids",
    "train-eval-index",
    "viewer",
)

# Keys in common use on model cards that no Hub document lists (MC001 knows them, and the schema
# allows them with any value). Chosen from evidence, not from taste:
# - the 117 cards of ../shared/corpus: every top-level key counted; the undocumented ones used by
#   more than one card's author as metadata: `programming_language` (BigScience's BLOOM cards);
#   the others were co2_eq_emissions keys written at the top level, prose, or a dataset-card key;
# - keys written by tools that publish many cards: TheBloke's (and other quantizers') templates
#   write `model_creator`, `model_link`, `model_name`, `model_type`, `prompt_template` and
#   `quantized_by`; TRL's model card (trl/templates/lm_model_card.md, via ModelCardData) writes
#   `model_name`;
# - hub-docs `docs/hub/models-gated.md`: `extra_gated_eu_disallowed`.
COMMON_KEYS = (
    "extra_gated_eu_disallowed",
    "model_creator",
    "model_link",
    "model_name",
    "model_type",
    "programming_language",
    "prompt_template",
    "quantized_by",
)

# the field types of `extra_gated_fields`, which the same bullets name
_GATED_FIELD_TYPES = {"text", "checkbox", "date_picker", "country", "ip_location", "select"}

BUILD_NOTES = """
## Changes made when building cardlint's package data

`scripts/build_hub_data.py` copies every id of licenses.csv, pipeline_tags.csv,
pipeline_subtasks.csv, libraries.csv and deprecated_ids.csv unchanged into `hub.json`, and the
codes of languages.csv into `hub.json` (the two-letter codes as a list, the three-letter codes
as one string, sorted and concatenated) and, with their names, into `hub-languages.json`. It adds:

- `documented_keys`: every key named in modelcard_fields.md (the field table and the further keys
  huggingface.js types in `ApiModelMetadata`), read from the document's backticked names;
- `dataset_card_keys`: the top-level keys of hub-docs `datasetcard.md`, listed in the script;
- `base_model_relations`: the values of `base_model_relation`, read from the field table of
  modelcard_fields.md (hub-docs model-cards.md);
- `common_keys`: top-level keys in common use that no Hub document lists (see COMMON_KEYS in
  the script for the evidence: corpus counts, the templates of TRL and of quantizers, models-gated.md);
- `iso639_2b`: ISO 639-2/B bibliographic codes mapped to the ISO 639-1 code the Hub lists, from
  pycountry's ISO 639 tables (only codes whose 639-1 code is in languages.csv);
- `subtask_pipelines`: each subtask type of pipeline_subtasks.csv with the pipeline tags it is
  listed under, so that MC301 can name the pipeline tag of a subtask written as `pipeline_tag`;
- `special_languages`: `code` and `multilingual`, the special values huggingface_hub's
  ModelCardData docstring names, which the Hub's public list lacks.
"""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def documented_keys(fields_md: str) -> list[str]:
    """The keys the field reference names: its table's first column and the extra-key bullets."""
    table = re.findall(r"^\| `([a-z_][a-z0-9_-]*)` \|", fields_md, re.M)
    extra_section = fields_md.split("Other keys typed in HFJS-api", 1)[1].split("## 2.", 1)[0]
    extra = re.findall(r"`([a-z_][a-z0-9_]*)`(?: \(|,| and|\.)", extra_section)
    return sorted(set(table) | set(extra) - _GATED_FIELD_TYPES)


def base_model_relations(fields_md: str) -> list[str]:
    """The values the field reference allows for `base_model_relation` (its table row)."""
    row = re.search(r"^\| `base_model_relation` \|[^|]*\|([^|]*)\|", fields_md, re.M)
    assert row is not None, "modelcard_fields.md has no base_model_relation row"
    return re.findall(r"`([a-z]+)`", row.group(1))


def bibliographic_codes(iso639_1: set[str]) -> dict[str, str]:
    """ISO 639-2/B codes that differ from 639-2/T, mapped to their ISO 639-1 code."""
    import pycountry

    found = {}
    for language in pycountry.languages:
        b = getattr(language, "bibliographic", None)
        one = getattr(language, "alpha_2", None)
        if b and one in iso639_1 and b != language.alpha_3:
            found[b] = one
    return dict(sorted(found.items()))


def _subtask_pipelines(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["subtask_type"], []).append(row["pipeline_tag"])
    return found


def build(source: Path) -> dict[str, object]:
    languages = _rows(source / "languages.csv")
    iso639_1 = {row["code"] for row in languages if row["standard"] == "ISO 639-1"}
    deprecated: dict[str, dict[str, str]] = {}
    for row in _rows(source / "deprecated_ids.csv"):
        deprecated.setdefault(row["kind"], {})[row["id"]] = row["replacement"]
    return {
        "licenses": [row["id"] for row in _rows(source / "licenses.csv")],
        "pipeline_tags": [row["id"] for row in _rows(source / "pipeline_tags.csv")],
        "subtasks": sorted(
            {row["subtask_type"] for row in _rows(source / "pipeline_subtasks.csv")}
        ),
        # subtask type -> the pipeline tags it is listed under (closed-domain-qa has two)
        "subtask_pipelines": _subtask_pipelines(_rows(source / "pipeline_subtasks.csv")),
        "libraries": [row["id"] for row in _rows(source / "libraries.csv")],
        # ISO 639-1, sorted; ISO 639-3, sorted and concatenated (see the docstring)
        "two_letter_languages": sorted(row["code"] for row in languages if len(row["code"]) == 2),
        "three_letter_languages": "".join(
            sorted(row["code"] for row in languages if len(row["code"]) == 3)
        ),
        "special_languages": ["code", "multilingual"],
        "iso639_2b": bibliographic_codes(iso639_1),
        "deprecated": deprecated,
        "documented_keys": documented_keys((source / "modelcard_fields.md").read_text("utf-8")),
        "dataset_card_keys": list(DATASET_CARD_KEYS),
        "common_keys": list(COMMON_KEYS),
        "base_model_relations": base_model_relations(
            (source / "modelcard_fields.md").read_text("utf-8")
        ),
    }


def language_names(source: Path) -> dict[str, str]:
    """Code -> English name (the ISO 639-1 and 639-3 tables share no code)."""
    return {row["code"]: row["name"] for row in _rows(source / "languages.csv")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=ROOT.parent / "shared" / "data" / "hub")
    parser.add_argument("--output", type=Path, default=ROOT / "cardlint" / "data")
    args = parser.parse_args()
    data = build(args.input)
    names = language_names(args.input)
    for name, content in (("hub.json", data), ("hub-languages.json", names)):
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (args.output / name).write_text(text + "\n", encoding="utf-8")
    sources = (args.input / "SOURCES.md").read_text("utf-8")
    header = "<!-- Copied from ../shared/data/hub/SOURCES.md by scripts/build_hub_data.py. -->\n\n"
    (args.output / "HUB-SOURCES.md").write_text(header + sources + BUILD_NOTES, encoding="utf-8")
    print(
        f"wrote {args.output / 'hub.json'}: " + ", ".join(f"{k} {len(v)}" for k, v in data.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
