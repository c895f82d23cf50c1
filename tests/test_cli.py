"""The CLI as a user runs it: a separate process, its output and its exit code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, corpus_cards, needs_corpus, run_cardlint

BAD = '---\nco2_eq_emissions:\n  emissions: "1.2 kg"\n  training_type: Fine-tuning\n---\n# Model\n'
GOOD = (
    "---\nco2_eq_emissions:\n  emissions: 1200\n  source: CodeCarbon\n  training_type: fine-tuning\n"
    "  geographical_location: Quebec, Canada\n  hardware_used: 1 x NVIDIA A100-SXM4-80GB\n---\n# Model\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_version() -> None:
    from cardlint import __version__

    result = run_cardlint("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"cardlint {__version__}"


def test_clean_card_exits_0(tmp_path: Path) -> None:
    result = run_cardlint("check", str(write(tmp_path / "README.md", GOOD)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_findings_exit_1_with_location_code_and_caret(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint("check", str(card))
    assert result.returncode == 1
    assert f'{card}:3:14: CO2101 [*] emissions is the string "1.2 kg"' in result.stdout
    assert '3 |   emissions: "1.2 kg"' in result.stdout
    assert "  |              ^^^^^^^^" in result.stdout
    assert "help: Write 1200" in result.stdout
    assert "[*] 2 fixable with --fix" in result.stdout
    assert result.stderr == ""


def test_concise_output(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint(
        "check", "--output-format", "concise", "--select", "CO2101,CO2202", str(card)
    )
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        f'{card}:3:14: CO2101 [*] emissions is the string "1.2 kg", not a number: write 1200 (kg converted to grams)',
        f"{card}:4:18: CO2202 [*] training_type \"Fine-tuning\" is not one of the spec's values: write 'fine-tuning'",
    ]
    assert lines[2] == "Found 2 problems (2 errors)."


def test_json_output_fields(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint("check", "--output-format", "json", "--select", "CO2101", str(card))
    assert result.returncode == 1
    [item] = json.loads(result.stdout)
    assert (
        item["code"] == "CO2101"
        and item["name"] == "emissions-not-a-number"
        and item["severity"] == "error"
    )
    assert item["filename"] == str(card)
    assert item["location"] == {"row": 3, "column": 14} and item["end_location"] == {
        "row": 3,
        "column": 22,
    }
    assert item["fix"]["applicability"] == "safe"
    assert item["fix"]["edits"] == [
        {
            "content": "1200",
            "location": {"row": 3, "column": 14},
            "end_location": {"row": 3, "column": 22},
        }
    ]
    assert item["url"].endswith("#co2101")


def test_select_ignore_and_exit_zero(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    assert run_cardlint("check", "--select", "CO22", str(card)).stdout.count("CO2202") >= 1
    ignored = run_cardlint("check", "--ignore", "CO2", "--output-format", "concise", str(card))
    assert ignored.returncode == 0 and "CO2" not in ignored.stdout.split("All checks passed")[0]
    assert run_cardlint("check", "--exit-zero", str(card)).returncode == 0


def test_quiet_prints_findings_only(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint("check", "-q", "--output-format", "concise", str(card))
    assert result.returncode == 1
    assert all(line.startswith(str(card)) for line in result.stdout.splitlines())


def test_folder_search_skips_vcs_venv_and_node_modules(tmp_path: Path) -> None:
    write(tmp_path / "a" / "README.md", BAD)
    write(tmp_path / "b" / "nested" / "README.md", GOOD)
    write(tmp_path / ".git" / "README.md", BAD)
    write(tmp_path / "node_modules" / "x" / "README.md", BAD)
    write(tmp_path / "env" / "pyvenv.cfg", "home = /usr\n")
    write(tmp_path / "env" / "README.md", BAD)
    write(tmp_path / "a" / "NOTES.md", BAD)
    result = run_cardlint("check", "--output-format", "json", str(tmp_path))
    files = {
        Path(item["filename"]).relative_to(tmp_path).as_posix()
        for item in json.loads(result.stdout)
    }
    assert files == {"a/README.md"}


def test_a_file_is_linted_whatever_its_name(tmp_path: Path) -> None:
    card = write(tmp_path / "model_card.md", BAD)
    assert run_cardlint("check", str(card)).returncode == 1


def test_default_target_is_current_folder(tmp_path: Path) -> None:
    write(tmp_path / "README.md", BAD)
    result = run_cardlint("check", "--output-format", "concise", cwd=tmp_path)
    assert result.returncode == 1 and "README.md:3:14: CO2101" in result.stdout


def test_config_file_and_cli_override(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.cardlint]\nignore = ["CO2101"]\n\n[tool.cardlint.per-file-ignores]\n"legacy/*" = ["CO2202"]\n',
    )
    card = write(tmp_path / "README.md", BAD)
    legacy = write(tmp_path / "legacy" / "README.md", BAD)
    result = run_cardlint("check", "--output-format", "concise", str(card), str(legacy))
    assert "CO2101" not in result.stdout
    assert f"{card}:4:18: CO2202" in result.stdout
    assert f"{legacy}:4:18: CO2202" not in result.stdout
    overridden = run_cardlint(
        "check", "--output-format", "concise", "--ignore", "CO2202", str(card)
    )
    assert "CO2101" in overridden.stdout and "CO2202" not in overridden.stdout


def test_dot_cardlint_toml_wins_and_exclude(tmp_path: Path) -> None:
    write(tmp_path / ".cardlint.toml", 'select = ["CO2202"]\nexclude = ["vendor/*"]\n')
    write(tmp_path / "README.md", BAD)
    write(tmp_path / "vendor" / "README.md", BAD)
    result = run_cardlint("check", "--output-format", "concise", str(tmp_path))
    assert (
        result.stdout.count("CO2202") == 1
        and "vendor" not in result.stdout
        and "CO2101" not in result.stdout
    )


def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path / ".cardlint.toml", "selekt = [\n")
    write(tmp_path / "README.md", GOOD)
    result = run_cardlint("check", str(tmp_path / "README.md"))
    assert (
        result.returncode == 2
        and ".cardlint.toml" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_inline_suppression(tmp_path: Path) -> None:
    card = write(
        tmp_path / "README.md", BAD.replace('"1.2 kg"', '"1.2 kg"  # cardlint: ignore[CO2101]')
    )
    result = run_cardlint("check", "--output-format", "concise", str(card))
    assert "CO2101" not in result.stdout and "CO2202" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary", b"\x00\x01\x02---\n", "binary file"),
        ("latin1", "---\nname: Montr\xe9al\n---\n".encode("latin-1"), "not UTF-8"),
        ("huge", b"---\na: 1\n---\n" + b"x" * (10 * 1024 * 1024 + 1), "over the 10 MB limit"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / f"{name}.md"
    path.write_bytes(content)
    result = run_cardlint("check", str(path))
    assert result.returncode == 2
    assert message in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_file_directory_fifo_and_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "dir" / "README.md").mkdir(parents=True)
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    cases = {
        str(tmp_path / "missing.md"): "no such file or folder",
        str(tmp_path / "dir" / "README.md"): "is a directory",
        str(tmp_path / "fifo.md"): "not a regular file",
        str(tmp_path / "dangling.md"): "dangling symbolic link",
    }
    for target, message in cases.items():
        result = run_cardlint("check", target)
        assert result.returncode == 2, target
        assert message in result.stderr and "Traceback" not in result.stderr


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = write(tmp_path / "README.md", GOOD)
    path.chmod(0)
    result = run_cardlint("check", str(path))
    assert result.returncode == 2 and "permission denied" in result.stderr


def test_errors_and_findings_together_report_both(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    result = run_cardlint(
        "check", "--output-format", "concise", str(card), str(tmp_path / "missing.md")
    )
    assert result.returncode == 2 and "CO2101" in result.stdout and "missing.md" in result.stderr


def test_usage_error_exits_2() -> None:
    result = run_cardlint("check", "--output-format", "xml")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_rule_documentation() -> None:
    result = run_cardlint("rule", "CO2103")
    assert result.returncode == 0
    for heading in (
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "Use instead:",
        "## Fix safety",
    ):
        assert heading in result.stdout
    listing = run_cardlint("rule", "--all")
    assert "CO2101  emissions-not-a-number" in listing.stdout
    assert run_cardlint("rule", "XX999").returncode == 2


def test_color_always_and_no_color(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    assert "\x1b[" in run_cardlint("check", "--color", "always", str(card)).stdout
    assert "\x1b[" not in run_cardlint("check", str(card), env={"NO_COLOR": "1"}).stdout


def test_output_file(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", BAD)
    report = tmp_path / "out" / "report.json"
    result = run_cardlint(
        "check", "--output-format", "json", "--output-file", str(report), str(card)
    )
    assert result.returncode == 1 and result.stdout == ""
    assert {item["code"] for item in json.loads(report.read_text())} >= {"CO2101", "CO2202"}


def test_shipped_example_has_findings() -> None:
    result = run_cardlint("check", str(REPO / "examples" / "README.md"))
    assert result.returncode == 1 and "CO2101" in result.stdout


@needs_corpus
def test_corpus_never_crashes() -> None:
    cards = [str(p) for p in corpus_cards()]
    result = run_cardlint("check", "--output-format", "json", *cards)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    findings = json.loads(result.stdout)
    assert {item["filename"] for item in findings} <= set(cards)


def test_locate_prints_region_intensity_and_source() -> None:
    result = run_cardlint("locate", "Quebec, Canada")
    assert result.returncode == 0
    assert "CA-QC" in result.stdout and "gCO2eq/kWh" in result.stdout


def test_locate_json_and_exit_code_for_coarse_or_unresolved() -> None:
    result = run_cardlint("locate", "--output-format", "json", "USA", "aws:us-east-1")
    assert result.returncode == 1
    usa, aws = json.loads(result.stdout)
    assert usa["coarse"] is True and usa["region"]["id"] == "US"
    assert aws["region"]["id"] == "aws:us-east-1" and aws["coarse"] is False


def test_folder_without_readme_checks_its_markdown_and_include_narrows(tmp_path: Path) -> None:
    write(tmp_path / "cards" / "001.md", BAD)
    write(tmp_path / "cards" / "002.md", GOOD)
    fallback = run_cardlint("check", "--output-format", "json", str(tmp_path / "cards"))
    assert (
        "no README.md under" in fallback.stderr
        and "checking its 2 Markdown files instead" in fallback.stderr
    )
    assert {Path(item["filename"]).name for item in json.loads(fallback.stdout)} == {"001.md"}
    chosen = run_cardlint("check", "--include", "002.md", str(tmp_path / "cards"))
    assert (
        chosen.returncode == 0
        and "All checks passed (1 file)." in chosen.stdout
        and chosen.stderr == ""
    )
    write(tmp_path / "empty" / "notes.txt", "nothing")
    empty = run_cardlint("check", str(tmp_path / "empty"))
    assert (
        empty.returncode == 0
        and "No cards to check." in empty.stdout
        and "no other Markdown file" in empty.stderr
    )


def test_many_files_in_several_processes_report_as_one_process(tmp_path: Path) -> None:
    count = 60
    for number in range(count):
        write(tmp_path / f"{number:03d}" / "README.md", BAD if number % 3 else GOOD)
    (tmp_path / "007" / "README.md").write_bytes(b"\x00\x01binary")
    parallel = run_cardlint("check", "--output-format", "concise", "--jobs", "2", str(tmp_path))
    one_process = run_cardlint("check", "--output-format", "concise", "--jobs", "1", str(tmp_path))
    assert (parallel.returncode, parallel.stdout, parallel.stderr) == (
        one_process.returncode,
        one_process.stdout,
        one_process.stderr,
    )
    assert parallel.returncode == 2  # the binary file
    per_card = len(
        run_cardlint(
            "check", "--output-format", "concise", "-q", str(tmp_path / "001" / "README.md")
        ).stdout.splitlines()
    )
    bad = sum(1 for number in range(count) if number % 3 and number != 7)
    assert f"Found {bad * per_card} problems" in parallel.stdout, parallel.stdout[-300:]


@pytest.mark.parametrize(
    ("files", "kilobytes", "cpus", "processes"),
    [
        (5000, 20, 1, 1),  # one free CPU: one process, whatever the corpus (benchmarks/PARALLEL.md)
        (150, 100, 16, 1),  # too few files to share out
        (1000, 2, 16, 1),  # 2 MB: not half a second of work
        (1000, 10, 2, 2),  # 10 MB: two processes of 4 MB
        (1000, 10, 16, 2),
        (2000, 20, 4, 4),  # 40 MB, but 4 free CPUs
        (2000, 20, 16, 10),
        (300, 100, 16, 3),  # 30 MB in 300 files: 100 files a process at least
    ],
)
def test_the_default_number_of_processes_follows_free_cpus_files_and_bytes(
    tmp_path: Path, files: int, kilobytes: int, cpus: int, processes: int
) -> None:
    from cardlint.commands.check import default_processes

    paths = []
    for number in range(files):
        path = tmp_path / f"{number}.md"
        with open(path, "wb") as handle:
            handle.truncate(kilobytes * 1000)  # a sparse file: its size without writing it
        paths.append(str(path))
    assert default_processes(paths + [str(tmp_path / "gone.md")], cpus) == processes


@pytest.mark.parametrize(
    ("cpus", "load", "free"),
    [(2, 0.3, 2), (2, 0.84, 1), (2, 3.5, 1), (16, 4.4, 12), (16, None, 16)],
)
def test_free_cpus_are_the_cpus_less_the_load(
    monkeypatch: pytest.MonkeyPatch, cpus: int, load: float | None, free: int
) -> None:
    from cardlint.commands import check

    monkeypatch.setattr(check, "_cpus", lambda: cpus)
    if load is None:
        monkeypatch.delattr(os, "getloadavg")  # Windows has none
    else:
        monkeypatch.setattr(os, "getloadavg", lambda: (load, 0.0, 0.0))
    assert check._free_cpus() == free


@pytest.mark.skipif(
    not Path("/dev/full").exists(), reason="/dev/full (a device that is always full) is Linux's"
)
def test_a_full_output_device_is_an_environment_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    card = write(tmp_path / "README.md", BAD)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cardlint", "check", str(card)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr == "cardlint: error: No space left on device\n"


def test_output_is_complete_when_the_interpreter_exits_early(tmp_path: Path) -> None:
    """A local run skips the interpreter's teardown; every line must still reach the pipe."""
    for number in range(50):
        write(tmp_path / f"{number:02d}" / "README.md", BAD)
    result = run_cardlint("check", "--output-format", "json", str(tmp_path))
    assert result.returncode == 1
    assert len({finding["filename"] for finding in json.loads(result.stdout)}) == 50


TEARDOWN_CASES = {
    "nothing running": ("", True),
    "a thread still running": (
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(2,), daemon=True).start()\n",
        False,
    ),
    "a thread that ended": (
        "import threading\nthread = threading.Thread(target=len, args=((),))\n"
        "thread.start(); thread.join()\n",
        True,
    ),
    "an exit handler": ("import atexit\natexit.register(print, 'bye')\n", False),
    "a child process": (
        "import multiprocessing, time\n"
        "child = multiprocessing.get_context('spawn').Process(target=time.sleep, args=(2,))\n"
        "child.start()\n",
        False,
    ),
    "a process pool that was shut down (multiprocessing's exit handler stays)": (
        "from concurrent.futures import ProcessPoolExecutor\n"
        "with ProcessPoolExecutor(1) as pool: pool.submit(len, ()).result()\n",
        False,
    ),
}


@pytest.mark.parametrize("name", sorted(TEARDOWN_CASES))
def test_teardown_is_skipped_exactly_when_nothing_needs_it(name: str) -> None:
    """The fast exit depends on what is running (threads, children, atexit), not on module names."""
    setup, expected = TEARDOWN_CASES[name]
    code = (
        "if __name__ == '__main__':\n"
        + "".join(f"    {line}\n" for line in setup.splitlines())
        + "    from cardlint.cli import may_skip_teardown\n"
        + "    print(may_skip_teardown(), flush=True)\n"
        + "    import os; os._exit(0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.stdout.strip() == str(expected), result.stderr


# -- summaries that say what happened (issue 17) ------------------------------------------------

ESTIMABLE = (
    "---\nco2_eq_emissions:\n  source: CodeCarbon\n  training_type: fine-tuning\n"
    "  geographical_location: Quebec, Canada\n  hardware_used: 1 x NVIDIA A100-SXM4-80GB\n---\n# Model\n"
)


def test_statistics_count_each_rule_over_all_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / name / "README.md", BAD)
    write(tmp_path / "c" / "README.md", GOOD)
    per_card = run_cardlint("check", "--output-format", "json", str(tmp_path / "a"))
    codes = [finding["code"] for finding in json.loads(per_card.stdout)]
    fixable = {
        finding["code"]
        for finding in json.loads(per_card.stdout)
        if finding["fix"] and finding["fix"]["applicability"] == "safe"
    }
    text = run_cardlint("check", "--statistics", str(tmp_path))
    assert text.returncode == 1
    rows = [
        re.fullmatch(r" *(\d+)  (\S+) +(\[.\]) (\S+)", row)
        for row in text.stdout.splitlines()[: len(set(codes))]
    ]
    # the most frequent first
    expected = sorted(set(codes), key=lambda code: (-codes.count(code), code))
    assert [(row[1], row[2]) for row in rows if row] == [
        (str(2 * codes.count(code)), code) for code in expected
    ]
    assert [row[3] for row in rows if row] == [
        "[*]" if code in fixable else "[ ]" for code in expected
    ]
    assert text.stdout.splitlines()[len(rows)].startswith(f"Found {2 * len(codes)} problems (")
    assert "^^^" not in text.stdout  # counts instead of each finding
    as_json = json.loads(
        run_cardlint("check", "--statistics", "--output-format", "json", str(tmp_path)).stdout
    )
    assert [(row["code"], row["count"], row["fixable"]) for row in as_json] == [
        (code, 2 * codes.count(code), code in fixable) for code in expected
    ]
    assert all(
        row["fixable_count"] == (row["count"] if row["fixable"] else 0) and row["name"]
        for row in as_json
    )
    unsafe = json.loads(
        run_cardlint(
            "check",
            "--statistics",
            "--unsafe-fixes",
            "--output-format",
            "json",
            "--estimate",
            "--hours",
            "5",
            str(write(tmp_path / "d" / "README.md", ESTIMABLE)),
        ).stdout
    )
    assert [(row["code"], row["fixable_count"]) for row in unsafe] == [("CO2002", 1)]
    sarif = run_cardlint("check", "--statistics", "--output-format", "sarif", str(tmp_path))
    assert sarif.returncode == 2 and "--statistics" in sarif.stderr
    in_a_workflow = run_cardlint(
        "check", "--statistics", str(tmp_path), env={"GITHUB_ACTIONS": "true"}
    )
    # the table, not annotations
    assert in_a_workflow.stdout == run_cardlint("check", "--statistics", str(tmp_path)).stdout


def test_fix_diff_says_what_it_would_fix_and_exits_1_only_for_a_change(tmp_path: Path) -> None:
    bad, also_bad, good = (
        write(tmp_path / "a.md", BAD),
        write(tmp_path / "b.md", BAD),
        write(tmp_path / "c.md", GOOD),
    )
    result = run_cardlint(
        "fix", "--diff", "--select", "CO2101,CO2202", str(bad), str(also_bad), str(good)
    )
    assert result.returncode == 1
    assert result.stdout.count("+++ b/") == 2 and result.stdout.startswith("--- a/")
    assert result.stderr == "Would fix 4 findings in 2 files.\n"
    assert bad.read_text(encoding="utf-8") == BAD
    nothing = run_cardlint("fix", "--diff", str(good))
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (0, "", "Nothing to fix.\n")
    quiet = run_cardlint("fix", "--diff", "-q", str(bad))
    assert quiet.returncode == 1 and quiet.stderr == ""


def test_fix_diff_with_only_unsafe_fixes_changes_nothing_and_says_what_it_held_back(
    tmp_path: Path,
) -> None:
    card = write(tmp_path / "README.md", ESTIMABLE)
    held = run_cardlint("fix", "--diff", "--estimate", "--hours", "5", str(card))
    assert (held.returncode, held.stdout) == (0, "")
    assert held.stderr == "Nothing to fix.\n1 unsafe fix held back: apply it with --unsafe-fixes.\n"
    unsafe = run_cardlint(
        "fix", "--diff", "--estimate", "--hours", "5", "--unsafe-fixes", str(card)
    )
    assert unsafe.returncode == 1 and "+  emissions: " in unsafe.stdout
    assert unsafe.stderr == "Would fix 1 finding in 1 file.\n"


def test_fix_diff_json_gives_the_edits_per_file(tmp_path: Path) -> None:
    bad, good = write(tmp_path / "a.md", BAD), write(tmp_path / "c.md", GOOD)
    result = run_cardlint("fix", "--diff", "--output-format", "json", str(bad), str(good))
    assert result.returncode == 1 and result.stderr == ""
    report = json.loads(result.stdout)
    [change] = report["changes"]
    assert change["filename"] == str(bad)
    assert {fix["code"] for fix in change["fixes"]} >= {"CO2101", "CO2202"}
    lines = BAD.splitlines(keepends=True)
    text = BAD
    for edit in sorted(
        change["edits"], key=lambda e: (e["location"]["row"], e["location"]["column"]), reverse=True
    ):
        start = (
            sum(len(line) for line in lines[: edit["location"]["row"] - 1])
            + edit["location"]["column"]
            - 1
        )
        end = (
            sum(len(line) for line in lines[: edit["end_location"]["row"] - 1])
            + edit["end_location"]["column"]
            - 1
        )
        text = text[:start] + edit["content"] + text[end:]
    run_cardlint("fix", str(bad))
    assert text == bad.read_text(encoding="utf-8")  # the edits make exactly what fix writes
    assert {finding["filename"] for finding in report["remaining"]} == {str(bad)}


def test_fix_says_how_many_unsafe_fixes_it_held_back(tmp_path: Path) -> None:
    card = write(tmp_path / "README.md", ESTIMABLE)
    result = run_cardlint("fix", "--estimate", "--hours", "5", str(card))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-3:] == [
        "Fixed 0 findings (1 remaining).",
        "Found 1 problem (1 error).",
        "1 unsafe fix held back: apply it with --unsafe-fixes.",
    ]
    counted = run_cardlint("check", "--estimate", "--hours", "5", "--unsafe-fixes", str(card))
    assert counted.stdout.splitlines()[-1] == "[*] 1 fixable with --fix --unsafe-fixes."
    applied = run_cardlint("fix", "--estimate", "--hours", "5", "--unsafe-fixes", str(card))
    assert (
        applied.returncode == 0
        and "held back" not in applied.stdout
        and "Fixed 1 finding (0 remaining)." in applied.stdout
    )


def test_a_missing_file_beside_a_good_one_is_not_all_checks_passed(tmp_path: Path) -> None:
    good = write(tmp_path / "README.md", GOOD)
    result = run_cardlint("check", str(good), str(tmp_path / "missing.md"))
    assert result.returncode == 2
    assert "All checks passed" not in result.stdout
    assert (
        result.stdout.splitlines()[-1]
        == "No findings in the files that could be read (1 of 2 files could not be read)."
    )
    assert result.stderr == f"cardlint: {tmp_path / 'missing.md'}: no such file or folder\n"
    with_findings = run_cardlint(
        "check",
        "--output-format",
        "concise",
        str(write(tmp_path / "bad.md", BAD)),
        str(tmp_path / "missing.md"),
    )
    assert "1 of 2 files could not be read." in with_findings.stdout.splitlines()
    fixing = run_cardlint("fix", str(good), str(tmp_path / "missing.md"))
    assert (
        fixing.returncode == 2 and "1 of 2 files could not be read." in fixing.stdout.splitlines()
    )


def test_huggingface_hub_is_a_dependency_and_the_hub_extra_still_installs() -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the backport cardlint itself uses there
        import tomli as tomllib  # type: ignore[no-redef]

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(requirement.startswith("huggingface_hub") for requirement in project["dependencies"])
    assert "hub" in project["optional-dependencies"] and "nvml" in project["optional-dependencies"]
    assert not any(
        "huggingface_hub" in requirement for requirement in project["optional-dependencies"]["nvml"]
    )


# -- numbers printed for people (issue 17) ------------------------------------------------------

QUEBEC_LOG = (
    "timestamp,project_name,run_id,duration,emissions,energy_consumed,country_name,country_iso_code,region\n"
    "2024-01-01T10:00:00,p,r1,3600,3.456,37.001106513850389,Canada,CAN,quebec\n"
)


def test_recomputed_intensity_prints_energy_to_four_figures(tmp_path: Path) -> None:
    log = write(tmp_path / "run.csv", QUEBEC_LOG)
    card = write(
        tmp_path / "README.md",
        GOOD.replace("emissions: 1200", "emissions: 3456").replace(
            "Quebec, Canada", "Montreal, Quebec, Canada"
        ),
    )
    result = run_cardlint(
        "check",
        "--recompute-intensity",
        "--log",
        str(log),
        "--select",
        "CO2107",
        "--output-format",
        "concise",
        str(card),
    )
    assert "37.001106513850389" not in result.stdout
    assert "differs from 37.00 kWh x 2.565 gCO2eq/kWh" in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("0.00001", "0.00001"),
        ("1.0e-05", "0.00001"),
        ("123456789", "123456789"),
        ("123456.789", "123457"),
    ],
)
def test_a_cards_figure_is_quoted_without_an_exponent(
    tmp_path: Path, written: str, shown: str
) -> None:
    log = write(tmp_path / "run.csv", QUEBEC_LOG)
    card = write(tmp_path / "README.md", GOOD.replace("emissions: 1200", f"emissions: {written}"))
    result = run_cardlint(
        "check", "--log", str(log), "--select", "CO2107", "--output-format", "concise", str(card)
    )
    assert f"CO2107 [*] emissions of {shown} g differs from" in result.stdout, result.stdout
    assert "e-05" not in result.stdout and "e+0" not in result.stdout


def test_estimate_text_is_rounded_and_its_json_keeps_full_precision() -> None:
    arguments = (
        "estimate",
        "--hardware",
        "8 x V100",
        "--hours",
        "3.3333",
        "--location",
        "Germany",
        "--pue",
        "1.1",
    )
    as_json = json.loads(run_cardlint(*arguments, "--output-format", "json").stdout)
    text = run_cardlint(*arguments).stdout
    assert (
        as_json["energy_kwh"] == pytest.approx(8 * 300 * 3.3333 / 1000 * 1.1)
        and len(str(as_json["emissions_g"])) > 6
    )
    assert (
        f"emissions: {round(as_json['emissions_g'])} g CO2eq" in text
        and str(as_json["emissions_g"]) not in text
    )
