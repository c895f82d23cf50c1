"""Table-driven rule and fix tests: every file under tests/rules/cases is a card, its findings, its fixed form.

Format of a ``.case`` file (sections start with a line ``==== NAME``):

    options: select=CO2101,CO2103 unsafe crlf cr bom noeol recompute-intensity training-type=fine-tuning
    ==== card
    ...the README...
    ==== log codecarbon emissions.csv
    ...a measurement log, written beside the README (optional, repeatable)...
    ==== file config.json
    ...any other file, written beside the README as NAME (optional, repeatable)...
    ==== hub errors
    ...with it, the card is linted as ``check --hub-validate`` and the Hub answers these (one a line)...
    ==== diagnostics
    CO2101 3:14
    ==== messages
    CO2101 emissions is a string ...
        fix safe: Write ...
    ==== fixed
    ...the README after ``cardlint fix`` (optional section)...

``diagnostics`` lists every finding (code row:column) of the selected rules, in order; an empty
section means the rules must stay silent. ``messages`` pins each finding's text, one ``CODE message``
line per finding in the same order, each followed by ``    fix APPLICABILITY: message`` when the
finding has a fix; every case with findings has one (``CARDLINT_UPDATE_CASES=1 python -m pytest
tests/rules/test_cases.py`` writes the current ones into the files: review the diff).

``log FORMAT NAME`` writes a log of that format (codecarbon, carbontracker, eco2ai or cardlint,
checked) as NAME beside the README, where cardlint finds it when NAME is the name its tool writes;
``log FORMAT NAME --log`` names it with ``--log`` instead. Options: ``select=`` codes (default: every
rule), ``unsafe`` (apply unsafe fixes too), ``crlf``/``cr`` (line endings), ``bom``, ``noeol`` (no
final newline), ``recompute-intensity``, ``training-type=`` and ``repo-type=`` (as on the command line).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import pytest
from support import assert_fixes_as_declared

from cardlint.diagnostics import Diagnostic, FileResult
from cardlint.fixer.apply import fix_path
from cardlint.linter import lint_path
from cardlint.logs.discover import detect_format
from cardlint.settings import RunOptions, Settings

CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))
UPDATE = os.environ.get("CARDLINT_UPDATE_CASES") == "1"


class CaseLog(NamedTuple):
    """A log section: its format, its file name, whether it is named with --log, its text."""

    format: str
    name: str
    named: bool
    text: str


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


def case_logs(case: dict[str, object]) -> list[CaseLog]:
    """The case's ``log FORMAT NAME [--log]`` sections, in order."""
    logs = []
    for section, text in case.items():
        words = section.split()
        if words[0] == "log":
            assert len(words) in (3, 4) and words[3:] in ([], ["--log"]), f"bad section {section!r}"
            content = str(text).removesuffix("\n") + "\n"
            logs.append(CaseLog(words[1], words[2], words[3:] == ["--log"], content))
    return logs


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


def _settings(options: dict[str, str], logs: list[CaseLog]) -> Settings:
    """The rules selected and the run's options, as the command line would give them."""
    select = tuple(options["select"].split(",")) if options.get("select") else ("ALL",)
    run = RunOptions(
        log_paths=tuple(log.name for log in logs if log.named),
        recompute_intensity="recompute-intensity" in options,
        training_type=options.get("training-type") or None,
        repo_type=options.get("repo-type") or "model",
    )
    return Settings(select=select, options=run)


def pinned(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    """Each finding's message, and its fix's applicability and message, as the ``messages`` section
    holds them."""
    lines = []
    for d in diagnostics:
        lines.append(f"{d.code} {d.message}")
        if d.fix is not None:
            applicability = getattr(d.fix.applicability, "value", d.fix.applicability)
            lines.append(f"    fix {applicability}: {d.fix.message}")
    assert all("\n" not in line for line in lines), "a message is one line"
    return lines


def write_messages(path: Path, lines: list[str]) -> None:
    """Replace the ``messages`` section of ``path`` by ``lines`` (adding it after ``diagnostics``),
    keeping every other byte of the file."""
    text = path.read_bytes().decode("utf-8")
    final = "\n" if text.endswith("\n") else ""
    rows = text.removesuffix("\n").split("\n")
    headers = [i for i, row in enumerate(rows) if row.startswith("==== ")]
    names = [rows[i][5:].strip() for i in headers]
    anchor = headers[names.index("messages" if "messages" in names else "diagnostics")]
    end = next((i for i in headers if i > anchor), len(rows))
    if "messages" in names:
        start = anchor + 1
    else:
        while end > anchor + 1 and rows[end - 1] == "":
            end -= 1  # blank lines that close the diagnostics stay after the new section
        start = end
        lines = ["==== messages", *lines]
    path.write_bytes(("\n".join(rows[:start] + lines + rows[end:]) + final).encode("utf-8"))


class Linted(NamedTuple):
    """A case written out and linted: what the test compares with its sections."""

    case: dict[str, object]
    options: dict[str, str]
    settings: Settings
    readme: Path
    bom: str
    diagnostics: tuple[Diagnostic, ...]


def lint_case(path: Path) -> Linted:
    """Write the case's README and logs into the current folder (the messages name the logs as
    the command line does: emissions.csv) and lint it."""
    case = load_case(path)
    options = case["options"]
    assert isinstance(options, dict)
    logs = case_logs(case)
    settings = _settings(options, logs)
    bom = "\ufeff" if "bom" in options else ""
    text = _shape(str(case["card"]).removesuffix("\n"), options)
    readme = Path("README.md")
    readme.write_bytes((bom + text).encode("utf-8"))
    for log in logs:
        assert detect_format(log.name, log.text) == log.format, f"{log.name} is not {log.format}"
        Path(log.name).write_bytes(log.text.encode("utf-8"))
    for section, content in case.items():
        if section.startswith("file "):  # a file beside the README (config.json, LICENSE...)
            Path(section[len("file ") :].strip()).write_bytes(str(content).encode("utf-8"))
    if "hub errors" in case:  # --hub-validate, and the Hub's 400 says these
        result = _judged(readme, settings, str(case["hub errors"]))
    else:
        result = lint_path(readme, settings)
    assert result.error is None, result.error.message
    return Linted(case, options, settings, readme, bom, result.diagnostics)


def _judged(readme: Path, settings: Settings, errors: str) -> FileResult:
    """The README linted as ``check --hub-validate`` lints it, the Hub answering ``errors`` (one a line)."""
    from cardlint.commands.hub_validate import judge_path
    from cardlint.hub.validate import HubAnswer

    answer = HubAnswer(tuple(line for line in errors.splitlines() if line.strip()))
    return judge_path(str(readme), settings, ask=lambda text, repo_type, bom: answer)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    case, options, settings, readme, bom, diagnostics = lint_case(path)
    found = [f"{d.code} {d.location.row}:{d.location.column}" for d in diagnostics]
    expected = [
        line.strip() for line in str(case.get("diagnostics", "")).splitlines() if line.strip()
    ]
    assert found == expected
    assert_fixes_as_declared(diagnostics)
    if UPDATE and found:
        write_messages(path, pinned(diagnostics))
    elif found:
        assert "messages" in case, "pin the messages: CARDLINT_UPDATE_CASES=1 (then review them)"
        assert pinned(diagnostics) == [
            line for line in str(case["messages"]).splitlines() if line.strip()
        ]

    if "fixed" in case:
        outcome = fix_path(readme, settings, unsafe="unsafe" in options)
        assert outcome.result.error is None, outcome.result.error.message
        fixed = (bom + _shape(str(case["fixed"]).removesuffix("\n"), options)).encode("utf-8")
        assert readme.read_bytes() == fixed
        again = fix_path(readme, settings, unsafe="unsafe" in options)
        assert again.new_text is None and not again.fixed and readme.read_bytes() == fixed, (
            "a second fix run must change nothing"
        )
