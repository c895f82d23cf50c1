"""One bad file is that file's one-line error: the other targets of the run are still linted,
fixed and reported (issue 21, part 2). A bug is injected into a real ``cardlint`` process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from support import run_cardlint

from cardlint.fixer.apply import WriteError, write_atomically

BAD_UNIT = "---\nco2_eq_emissions:\n  emissions: 1.2\n  unit: kg\n---\n"
FIXED_UNIT = "---\nco2_eq_emissions:\n  emissions: 1200\n---\n"
CRASHING = "---\nlicense: mit  # BOOM\n---\n"

# Runs the command line with parse_card raising for any card that holds "BOOM": a bug met
# while reading one file (the kind that was `cardlint: internal error` for the whole run).
INJECT = """\
import sys
import cardlint.linter as linter
real = linter.parse_card
def parse_card(text, *args, **kwargs):
    if "BOOM" in text:
        raise RuntimeError("injected bug")
    return real(text, *args, **kwargs)
linter.parse_card = parse_card
from cardlint.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_with_bug(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-c", INJECT, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def folder_of_cards(root: Path, good: int) -> list[Path]:
    """``good`` cards that each need a fix, and one whose reading crashes, in sorted folders."""
    (root / "a_crash").mkdir()
    (root / "a_crash" / "README.md").write_text(CRASHING)
    paths = []
    for index in range(good):
        folder = root / f"b_good{index}"
        folder.mkdir()
        paths.append(folder / "README.md")
        paths[-1].write_text(BAD_UNIT)
    return paths


@pytest.mark.parametrize("jobs", [[], ["-j", "2"]])
def test_check_reports_the_other_cards_when_one_crashes(tmp_path: Path, jobs: list[str]) -> None:
    good = folder_of_cards(tmp_path, 5)  # five: enough for two worker processes
    result = run_with_bug(
        "check",
        "--no-config",
        "--select",
        "CO2102",
        "--output-format",
        "json",
        *jobs,
        ".",
        cwd=tmp_path,
    )
    errors = result.stderr.splitlines()
    assert (
        len(errors) == 1
        and "a_crash" in errors[0]
        and "internal error" in errors[0]
        and "RuntimeError" in errors[0]
    ), result.stderr
    findings = json.loads(result.stdout)
    assert sorted({Path(f["filename"]).parent.name for f in findings}) == sorted(
        path.parent.name for path in good
    )
    assert result.returncode == 2  # a file could not be checked


def test_fix_fixes_the_other_cards_when_one_crashes(tmp_path: Path) -> None:
    good = folder_of_cards(tmp_path, 2)
    result = run_with_bug("fix", "--no-config", "--select", "CO2102", ".", cwd=tmp_path)
    assert (
        "a_crash" in result.stderr
        and "internal error" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert all(path.read_text() == FIXED_UNIT for path in good)
    assert (tmp_path / "a_crash" / "README.md").read_text() == CRASHING
    assert result.returncode == 2


def test_a_read_only_target_leaves_the_next_one_fixed(tmp_path: Path) -> None:
    """`fix ro/README.md rw/README.md`: the first is refused by its mode (for root too), the second fixed."""
    read_only, writable = tmp_path / "ro" / "README.md", tmp_path / "rw" / "README.md"
    for path in (read_only, writable):
        path.parent.mkdir()
        path.write_text(BAD_UNIT)
    read_only.chmod(0o444)
    result = run_cardlint("fix", "--no-config", "--select", "CO2102", str(read_only), str(writable))
    assert "read-only" in result.stderr and str(read_only) in result.stderr
    assert read_only.read_text() == BAD_UNIT and writable.read_text() == FIXED_UNIT
    assert result.returncode == 2


def test_a_folder_that_refuses_the_temporary_file_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder without write permission (which root does not meet) makes the temporary file fail."""
    card = tmp_path / "README.md"
    card.write_text(BAD_UNIT)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(WriteError, match="Permission denied"):
        write_atomically(card, BAD_UNIT, FIXED_UNIT, bom=False)
    assert card.read_text() == BAD_UNIT


def test_a_fix_that_utf8_cannot_hold_is_a_write_error(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(BAD_UNIT)
    with pytest.raises(WriteError, match="UTF-8 cannot hold"):
        write_atomically(card, BAD_UNIT, BAD_UNIT.replace("kg", "\ud800"), bom=False)
    assert card.read_text() == BAD_UNIT


def test_a_lone_surrogate_in_a_value_is_printed_escaped(tmp_path: Path) -> None:
    """`"\\ud800"` is a string huggingface_hub reads; its findings print it escaped, not as an internal error."""
    card = tmp_path / "README.md"
    card.write_text('---\nco2_eq_emissions:\n  emissions: 12\n  training_type: "\\ud800"\n---\n')
    for output_format in ("full", "concise", "json", "sarif", "github"):
        result = run_cardlint(
            "check",
            "--no-config",
            "--select",
            "CO2202",
            "--output-format",
            output_format,
            str(card),
        )
        assert result.returncode == 1 and "internal error" not in result.stderr, result.stderr
        assert "\\ud800" in result.stdout
