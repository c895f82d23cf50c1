"""audit_partition, the function both engines run: one row per input row, the findings of the
library function `check` uses, and the card's fields as huggingface_hub reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from audit.dumps import GENERATED, UNREADABLE, dump_rows
from huggingface_hub import metadata_load

from cardlint.audit import partition
from cardlint.audit.columns import CARDS_SCHEMA, FINDINGS_SCHEMA, METADATA_FIELDS
from cardlint.audit.partition import audit_partition
from cardlint.audit.sources import normalise
from cardlint.linter import MAX_BYTES, lint_text


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["modelId", "author", "createdAt", "downloads", "card"])


@pytest.fixture(scope="module")
def audited() -> tuple[list[dict[str, Any]], pd.DataFrame, pd.DataFrame]:
    rows = dump_rows()
    cards, findings = audit_partition(frame(rows))
    return rows, cards, findings


def test_one_row_per_input_row_in_order_with_the_schemas(audited: Any) -> None:
    rows, cards, findings = audited
    assert list(cards["id"]) == [r["modelId"] for r in rows]
    assert list(cards.columns) == CARDS_SCHEMA.names
    assert list(findings.columns) == FINDINGS_SCHEMA.names


def test_findings_are_those_of_lint_text(audited: Any) -> None:
    rows, cards, findings = audited
    for row, card in zip(rows, cards.itertuples()):
        if not card.readable:
            assert row["modelId"] in UNREADABLE
            continue
        text = row["card"].removeprefix("\ufeff")
        expected = [
            (d.code, d.severity, *d.location, d.message, d.fix is not None)
            for d in lint_text(text, row["modelId"], bom=text != row["card"]).diagnostics
        ]
        mine = findings[findings["id"] == row["modelId"]]
        got = list(
            zip(mine.code, mine.severity, mine.line, mine.column, mine.message, mine.fixable)
        )
        assert got == expected, row["modelId"]
        assert list(card.codes) == sorted({e[0] for e in expected})
        assert card.finding_count == len(expected)


def given(value: Any) -> bool:
    return value not in (None, "", [], {}) and not (isinstance(value, str) and not value.strip())


def test_fields_as_huggingface_hub_reads_them(audited: Any, tmp_path: Path) -> None:
    """Presence of each metadata field and the emissions, against metadata_load of the same text."""
    rows, cards, _ = audited
    checked = 0
    for row, card in zip(rows, cards.to_dict("records")):
        if not card["readable"]:
            continue
        readme = tmp_path / "README.md"
        readme.write_text(row["card"], encoding="utf-8")
        try:
            metadata = metadata_load(readme) or {}
        except yaml.YAMLError:
            metadata = {}
        for name in METADATA_FIELDS:
            key = "model-index" if name == "model_index" else name
            assert card[f"has_{name}"] == given(metadata.get(key)), (row["modelId"], name)
        co2 = metadata.get("co2_eq_emissions")
        emissions = co2.get("emissions") if isinstance(co2, dict) else co2
        number = (
            float(emissions)
            if isinstance(emissions, (int, float)) and not isinstance(emissions, bool)
            else None
        )
        assert _same(card["emissions_hub_g"], number), row["modelId"]
        assert pd.isna(card["co2_form"]) == ("co2_eq_emissions" not in metadata), row["modelId"]
        checked += 1
    assert checked >= len(GENERATED) - len(UNREADABLE)


def _same(value: Any, number: float | None) -> bool:
    return (pd.isna(value) and number is None) or value == number


@pytest.mark.parametrize(
    ("card", "reason"),
    [
        (None, "card is null"),
        (float("nan"), "card is null"),
        (pd.NA, "card is null"),
        (np.float64("nan"), "card is null"),
        (["a list"], "card is list, not text"),
        (b"---\nlicense: mit\n---\n", "card is bytes, not text"),
        (12, "card is int, not text"),
        ("x" * (MAX_BYTES + 1), "over the 10 MB limit"),
        ("\u00e9" * (MAX_BYTES // 2 + 1), "over the 10 MB limit"),  # 2 bytes each in UTF-8
    ],
)
def test_unreadable_cards_are_rows_with_a_reason(card: Any, reason: str) -> None:
    cards, findings = audit_partition(frame([{"modelId": "m/x", "card": card}]))
    assert cards["readable"].tolist() == [False]
    assert reason in cards["unreadable_reason"][0]
    assert cards["finding_count"].tolist() == [0] and findings.empty


def test_a_bug_in_one_card_is_that_rows_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    real = partition.result_for

    def failing(card: Any, *args: Any) -> Any:
        if "boom" in card.text:
            raise RuntimeError("boom")
        return real(card, *args)

    monkeypatch.setattr(partition, "result_for", failing)
    cards, _ = audit_partition(
        frame([{"modelId": "a", "card": "boom"}, {"modelId": "b", "card": "fine"}])
    )
    assert cards["readable"].tolist() == [False, True]
    assert cards["unreadable_reason"][0].startswith("internal error while linting: RuntimeError")


CO2 = "---\nco2_eq_emissions:\n{}---\n"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "  emissions: 1.5e6\n  source: code carbon\n  training_type: fine-tuning\n",
            {
                "co2_form": "mapping",
                "emissions_hub_g": None,  # YAML 1.1: an exponent without a dot is a string
                "emissions_fixed_g": 1.5e6,
                "source_category": "codecarbon",
                "training_type": "fine-tuning",
                "has_training_type": True,
            },
        ),
        (
            "  emissions: 20\n  source: AutoTrain\n  geographical_location: Paris, France\n"
            "  hardware_used: 8 x NVIDIA A100-SXM4-80GB\n",
            {
                "emissions_hub_g": 20.0,
                "source_category": "autotrain",
                "region": "FR",
                "hardware_count": 8,
                "hardware_device": "NVIDIA A100 SXM4 80GB",
                "has_location": True,
                "has_hardware": True,
            },
        ),
        ("  emissions: 3\n  source: ''\n", {"source_category": "missing", "has_source": False}),
        ("  emissions: 3\n  source: Google Colab\n", {"source_category": "other"}),
        ("  emissions: 3\n  source: mlco2 calculator\n", {"source_category": "ml-co2-impact"}),
        ("  emissions: 3\n  source: eco2AI\n", {"source_category": "eco2ai"}),
        ("  emissions: 3\n  source: carbontracker\n", {"source_category": "carbontracker"}),
        ("  - 3\n", {"co2_form": "other", "emissions_hub_g": None}),
    ],
)
def test_co2_columns(block: str, expected: dict[str, Any]) -> None:
    cards, _ = audit_partition(frame([{"modelId": "m/x", "card": CO2.format(block)}]))
    row = cards.to_dict("records")[0]
    for column, value in expected.items():
        assert pd.isna(row[column]) if value is None else row[column] == value, column


def test_the_short_form_is_a_number() -> None:
    cards, _ = audit_partition(frame([{"modelId": "m", "card": "---\nco2_eq_emissions: 7\n---\n"}]))
    assert cards["co2_form"][0] == "number" and cards["emissions_hub_g"][0] == 7.0


def test_the_older_layout_gives_the_same_rows() -> None:
    rows = [
        {"modelId": r["modelId"], "createdAt": r["createdAt"], "card": r["card"]}
        for r in dump_rows(with_corpus=False)
    ]
    old = pd.DataFrame(
        {
            "id": [r["modelId"] for r in rows],
            "created": [r["createdAt"] for r in rows],
            "lastModified": [r["createdAt"] for r in rows],
            "card": [r["card"] for r in rows],
        }
    )
    current = pd.DataFrame(rows)
    assert audit_partition(normalise(old))[0].equals(audit_partition(normalise(current))[0])
    assert audit_partition(normalise(old))[0]["created"].notna().all()
