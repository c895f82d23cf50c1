"""Table-driven rule and fix tests: every file under tests/rules/cases is a card, its findings, its fixed form.

Format of a ``.case`` file (sections start with a line ``==== NAME``):

    options: select=CO2101,CO2103 unsafe crlf cr bom noeol
    ==== card
    ...the README...
    ==== diagnostics
    CO2101 3:14
    ==== messages
    CO2101 emissions is a string ...
    ==== fixed
    ...the README after ``cardlint fix`` (optional section)...

``diagnostics`` lists every finding (code row:column) of the selected rules, in order; an empty
section means the rules must stay silent. ``messages`` (optional) pins each finding's text, one
``CODE message`` line per finding, in the same order. Options: ``select=`` codes (default: every rule),
``unsafe`` (apply unsafe fixes too), ``crlf``/``cr`` (line endings), ``bom``, ``noeol`` (no final newline).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import assert_fixes_as_declared

from cardlint.fixer.apply import fix_card
from cardlint.linter import lint_card
from cardlint.reading.card import parse_card
from cardlint.settings import Settings

CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))


def load_case(path: Path) -> dict[str, object]:
    sections: dict[str, list[str]] = {}
    current = "header"
    sections[current] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("==== "):
            current = line[5:].strip()
            sections[current] = []
        else:
            sections[current].append(line)
    options: dict[str, str] = {}
    for line in sections["header"]:
        if line.startswith("options:"):
            for item in line[len("options:") :].split():
                key, _, value = item.partition("=")
                options[key] = value
    return {
        "options": options,
        **{name: "\n".join(lines) for name, lines in sections.items() if name != "header"},
    }


def _shape(text: str, options: dict[str, str]) -> str:
    if "noeol" in options:
        text = text.rstrip("\n")
    elif not text.endswith("\n"):
        text += "\n"
    if "crlf" in options:
        text = text.replace("\n", "\r\n")
    elif "cr" in options:
        text = text.replace("\n", "\r")
    return text


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = load_case(path)
    options = case["options"]
    assert isinstance(options, dict)
    select = tuple(options["select"].split(",")) if options.get("select") else ("ALL",)
    settings = Settings(select=select)
    text = _shape(str(case["card"]).removesuffix("\n"), options)
    card = parse_card(text, "README.md", bom="bom" in options)

    diagnostics = lint_card(card, settings)
    found = [f"{d.code} {d.location.row}:{d.location.column}" for d in diagnostics]
    expected = [
        line.strip() for line in str(case.get("diagnostics", "")).splitlines() if line.strip()
    ]
    assert found == expected
    assert_fixes_as_declared(diagnostics)
    if "messages" in case:
        pinned = [line for line in str(case["messages"]).splitlines() if line.strip()]
        assert [f"{d.code} {d.message}" for d in diagnostics] == pinned

    if "fixed" in case:
        fixed, _ = fix_card(card, settings, unsafe="unsafe" in options)
        assert fixed.text == _shape(str(case["fixed"]).removesuffix("\n"), options)
        again, applied_again = fix_card(fixed, settings, unsafe="unsafe" in options)
        assert again.text == fixed.text and not applied_again, (
            "a second fix run must change nothing"
        )
