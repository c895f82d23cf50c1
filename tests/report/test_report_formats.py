"""The CI formats: GitHub workflow commands and SARIF 2.1.0 (checked against the OASIS schema)."""

from __future__ import annotations

import io
import json
import os
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import SHARED, run_cardlint

from cardlint.diagnostics import (
    DOCS_URL,
    Applicability,
    Diagnostic,
    Edit,
    FileError,
    FileResult,
    Fix,
)
from cardlint.linter import lint_path, lint_text
from cardlint.reading.card import Lines, Position
from cardlint.report import RunSummary, get_reporter
from cardlint.report.github import escape_data, escape_property
from cardlint.report.sarif import sarif_log
from cardlint.rules import all_rules

SARIF_SCHEMA = SHARED / "data" / "schemas" / "sarif-schema-2.1.0.json"
needs_sarif_schema = pytest.mark.skipif(
    not SARIF_SCHEMA.is_file(),
    reason=f"the SARIF schema is absent ({SARIF_SCHEMA}): ../shared is not beside the clone",
)

CARD = (
    '---\nlicense: mit\nco2_eq_emissions:\n  emissions: "1.2 kg"\n  source: CodeCarbon\n  training_type: Fine-tuning\n'
    "  geographical_location: Quebec, Canada\n  hardware_used: 1 x NVIDIA A100-SXM4-80GB\n---\n# Model\n"
)


def validate_sarif(log: dict[str, Any]) -> None:
    """Fail unless ``log`` is valid against the OASIS SARIF 2.1.0 schema."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def report(name: str, results: list[FileResult]) -> str:
    stream = io.StringIO()
    get_reporter(name).report(results, RunSummary.of(results), stream)
    return stream.getvalue()


LINES = Lines(1, (0, 4, 21))  # a README whose third line starts at offset 21


def finding(message: str, filename: str = "README.md", severity: str = "error") -> Diagnostic:
    """A finding at 3:14 to 3:22."""
    return Diagnostic(
        "CO2101", "emissions-not-a-number", message, severity, filename, 34, 42, LINES
    )


def test_a_finding_is_located_from_its_offsets() -> None:
    """Line and column are computed from the offsets when reported, in every format."""
    assert (finding("m").location, finding("m").end_location) == (Position(3, 14), Position(3, 22))
    found = finding("m")._replace(
        fix=Fix(Applicability.SAFE, "f", (Edit(21, 21, "x"), Edit(40, 45, "")))
    )
    as_json = found.to_dict()
    assert (as_json["location"], as_json["end_location"]) == (
        {"row": 3, "column": 14},
        {"row": 3, "column": 22},
    )
    assert [(e["location"], e["end_location"]) for e in as_json["fix"]["edits"]] == [
        ({"row": 3, "column": 1}, {"row": 3, "column": 1}),
        ({"row": 3, "column": 20}, {"row": 3, "column": 25}),
    ]
    assert as_json["fix"]["applicability"] == "safe"


# --- github --------------------------------------------------------------------------------


def test_findings_with_fixes_pickle_and_report_the_same() -> None:
    """A result crosses process boundaries: the same findings, fixes and JSON after pickling."""
    result = lint_text(CARD, "README.md")
    assert any(d.fix is not None for d in result.diagnostics)
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert report("json", [again]) == report("json", [result])


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"
    assert escape_property("a: b, c%\n") == "a%3A b%2C c%25%0A"


def test_github_one_command_per_finding_then_summary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    results = [
        FileResult(
            "odd: dir, 100%/README.md",
            (
                finding('write 1200\nnot "1.2 kg" (50% off)'),
                finding("a warning", "odd: dir, 100%/README.md", "warning"),
            ),
        ),
        FileResult(
            str(tmp_path / "broken" / "README.md"),
            error=FileError("broken/README.md", "binary file, not a README"),
        ),
    ]
    lines = report("github", results).splitlines()
    assert (
        lines
        == [
            "::error file=odd%3A dir%2C 100%25/README.md,line=3,col=14,endLine=3,endColumn=22,title=cardlint (CO2101)::"
            'write 1200%0Anot "1.2 kg" (50%25 off)',
            "::warning file=odd%3A dir%2C 100%25/README.md,line=3,col=14,endLine=3,endColumn=22,title=cardlint (CO2101)::a warning",
            "::error file=broken/README.md,title=cardlint::binary file, not a README",  # made relative to the workspace
            "Found 2 problems (1 error, 1 warning).",
            "1 of 2 files could not be read.",
        ]
    )


def test_cli_picks_github_under_github_actions(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    result = run_cardlint(
        "check", str(tmp_path / "README.md"), cwd=tmp_path, env={"GITHUB_ACTIONS": "true"}
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        "::error file=README.md,line=4,col=14,endLine=4,endColumn=22,title=cardlint (CO2101)::"
    )
    assert run_cardlint(
        "check", "README.md", cwd=tmp_path, env={"GITHUB_ACTIONS": "false"}
    ).stdout.startswith("README.md:4:14: CO2101")


# --- sarif ---------------------------------------------------------------------------------


def sarif_of(tmp_path: Path, text: str) -> dict[str, Any]:
    card = tmp_path / "models" / "a b" / "README.md"
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text(text, encoding="utf-8")
    return sarif_log([lint_path(card)])


@needs_sarif_schema
def test_sarif_is_valid_with_findings_and_an_unreadable_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "README.md").write_bytes(b"\x00\x01")
    log = sarif_log([lint_path("README.md"), lint_path(tmp_path / "bin" / "README.md")])
    validate_sarif(log)
    run = log["runs"][0]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("CO2101", "error"),
        ("CO2202", "error"),
    ]
    assert run["results"][0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "README.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 4, "startColumn": 14, "endLine": 4, "endColumn": 22},
    }
    assert run["artifacts"] == [
        {"location": {"uri": "README.md", "uriBaseId": "%SRCROOT%"}},
        {"location": {"uri": "bin/README.md", "uriBaseId": "%SRCROOT%"}},
    ]
    [unreadable] = run["invocations"][0]["toolExecutionNotifications"]
    assert unreadable["level"] == "error" and "NUL" in unreadable["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


@needs_sarif_schema
def test_sarif_of_a_clean_run_is_valid(tmp_path: Path) -> None:
    log = sarif_log([])
    validate_sarif(log)
    assert (
        log["runs"][0]["results"] == []
        and log["runs"][0]["invocations"][0]["executionSuccessful"] is True
    )


def test_sarif_uris_relative_to_the_current_folder_else_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "inside").mkdir()
    monkeypatch.chdir(tmp_path / "inside")
    log = sarif_of(tmp_path / "inside", CARD)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "models/a%20b/README.md",
        "uriBaseId": "%SRCROOT%",
    }
    monkeypatch.chdir(tmp_path / "inside" / "models")
    outside = sarif_of(tmp_path / "elsewhere", CARD)["runs"][0]["artifacts"][0]["location"]
    assert outside == {
        "uri": (tmp_path / "elsewhere" / "models" / "a b" / "README.md").resolve().as_uri()
    }


def test_sarif_lists_every_rule_with_its_documentation() -> None:
    driver = sarif_log([])["runs"][0]["tool"]["driver"]
    from cardlint import __version__

    assert (driver["name"], driver["version"]) == ("cardlint", __version__)
    assert driver["informationUri"].startswith("https://")
    rules = all_rules()
    assert [descriptor["id"] for descriptor in driver["rules"]] == [rule.code for rule in rules]
    for descriptor, rule in zip(driver["rules"], rules):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert (
            descriptor["fullDescription"]["text"]
            and "##" not in descriptor["fullDescription"]["text"]
        )
        assert descriptor["help"]["markdown"] == rule.doc and descriptor["help"]["text"]
        assert descriptor["helpUri"] == DOCS_URL.format(code=rule.code.lower())
        assert descriptor["defaultConfiguration"]["level"] == rule.severity


def test_sarif_rule_index_points_at_the_rule(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    run = sarif_of(tmp_path, CARD)["runs"][0]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_fingerprints_survive_lines_inserted_above_and_change_with_the_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)

    def fingerprints(text: str) -> dict[str, tuple[str, int]]:
        results = sarif_of(tmp_path, text)["runs"][0]["results"]
        return {
            r["ruleId"]: (
                r["partialFingerprints"]["cardlintLineHash/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    before = fingerprints(CARD)
    after = fingerprints(
        CARD.replace("license: mit\n", "license: mit\ntags:\n- text-classification\n")
    )
    assert set(before) == set(after) == {"CO2101", "CO2202"}
    for code in before:
        assert after[code][0] == before[code][0] and after[code][1] == before[code][1] + 2
    edited = fingerprints(CARD.replace('"1.2 kg"', '"1.3 kg"'))
    assert edited["CO2101"][0] != before["CO2101"][0] and edited["CO2202"][0] == before["CO2202"][0]


def test_fingerprints_of_identical_lines_are_numbered(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    results = [
        FileResult("README.md", (finding("one"), finding("two")), lines=((3, "  emissions: x\n"),))
    ]
    prints = [
        r["partialFingerprints"]["cardlintLineHash/v1"]
        for r in sarif_log(results)["runs"][0]["results"]
    ]
    assert (
        prints[0].endswith(":1") and prints[1].endswith(":2") and prints[0][:-2] == prints[1][:-2]
    )


@needs_sarif_schema
def test_output_file_writes_the_sarif(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    out = tmp_path / "reports" / "cardlint.sarif"
    result = run_cardlint(
        "check", "--output-format", "sarif", "--output-file", str(out), ".", cwd=tmp_path
    )
    assert result.returncode == 1 and result.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    validate_sarif(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"CO2101", "CO2202"}
    assert (
        os.path.basename(
            log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
                "uri"
            ]
        )
        == "README.md"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.0019166161214843, "0.00191662"),
        (1e-05, "0.00001"),
        (1234567, "1234567"),  # a whole number as it is
        (1234567.8, "1234570"),
        (1200.0, "1200"),
        (Decimal("37.001106513850389"), "37.0011"),
        (10**200, "1.00000e+200"),
    ],
)
def test_figures_for_people_have_six_significant_digits_and_no_exponent(
    value: object, shown: str
) -> None:
    from cardlint.amounts.parse import format_figure

    assert format_figure(value, 6) == shown  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(10.2195, "10.22"), (12345.6, "12350"), (6.773, "6.773"), (0.000012345, "0.00001234")],
)
def test_measured_grams_are_printed_to_four_figures_without_an_exponent(
    value: float, shown: str
) -> None:
    from cardlint.energy.result import plain_figures

    assert plain_figures(value) == shown


_LINES = st.lists(
    st.sampled_from(
        [
            "---",
            "co2_eq_emissions:",
            "  emissions: 1.2",
            "  emissions: 1200",
            'x: "no"',
            "",
            "# body",
            "é €",
        ]
    ),
    max_size=8,
)
_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@given(_LINES, _LINES, _ENDINGS)
def test_the_edits_of_a_change_turn_the_text_before_into_the_text_after(
    before_lines: list[str], after_lines: list[str], ending: str
) -> None:
    from cardlint.reading.card import Card
    from cardlint.report.changes import text_edits

    before, after = ending.join(before_lines), ending.join(after_lines)
    card = Card(before)
    starts = {card.position(offset): offset for offset in range(len(before) + 1)}
    text = before
    edits = text_edits(before, after)
    spans = [
        (starts[Position(**e["location"])], starts[Position(**e["end_location"])], e["content"])
        for e in edits
    ]
    # in order, apart
    assert all(end <= next_start for (_, end, _), (next_start, _, _) in zip(spans, spans[1:]))
    for start, end, content in reversed(spans):
        text = text[:start] + content + text[end:]
    assert text == after
    assert (edits == []) == (before == after)
