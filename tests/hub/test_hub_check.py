"""``cardlint check org/model``: the real huggingface_hub client against the fake Hub, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from fake_hub import FakeHub, FakeRepo
from hubtest import BAD, CODECARBON_LOG, GOOD, Run, add_card


def test_findings_are_reported_under_the_repository_name_with_a_link(
    hub: FakeHub, run: Run
) -> None:
    repo = add_card(hub, "acme/bad", BAD)
    result = run("check", "acme/bad")
    assert result.returncode == 1, result.stderr
    assert 'acme/bad@main:3:14: CO2101 [*] emissions is the string "1.2 kg"' in result.stdout
    assert '3 |   emissions: "1.2 kg"' in result.stdout
    sha = repo.refs["main"]
    assert (
        f"acme/bad@main: README.md at commit {sha[:7]}: {hub.url}/acme/bad/blob/{sha}/README.md"
        in result.stdout
    )
    assert result.stderr == ""


def test_a_clean_card_passes_without_notes(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/good", GOOD)
    result = run("check", "acme/good")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "All checks passed (1 file).\n"


def test_revisions_urls_and_repository_kinds(hub: FakeHub, run: Run) -> None:
    add_card(
        hub, "acme/bad", BAD, branches={"v1": {"README.md": GOOD.replace("1200", "1e-05").encode()}}
    )
    hub.add(FakeRepo("acme/data", {"README.md": BAD.encode()}, repo_type="dataset"))
    result = run(
        "check",
        "--output-format",
        "concise",
        "hf://acme/bad",
        f"{hub.url}/acme/bad/blob/v1/README.md",
        "https://huggingface.co/datasets/acme/data/tree/main",
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stderr
    assert any(line.startswith("acme/bad@main:3:14: CO2101") for line in lines)
    # the branch's own card
    assert any(line.startswith("acme/bad@v1:3:14: CO2103") for line in lines)
    assert any(line.startswith("datasets/acme/data@main:3:14: CO2101") for line in lines)
    again = run("check", "--output-format", "concise", "--revision", "v1", "acme/bad")
    assert again.stdout.startswith("acme/bad@v1:3:14: CO2103")
    data = run("check", "--output-format", "json", "--repo-type", "dataset", "acme/data")
    assert {item["filename"] for item in json.loads(data.stdout)} == {"datasets/acme/data@main"}


def test_logs_beside_the_card_are_downloaded_named_and_checked(hub: FakeHub, run: Run) -> None:
    logs = {
        "emissions.csv": CODECARBON_LOG,
        "run_carbontracker_output.log": b"CarbonTracker:\n",
        "old/emissions.csv": b"x\n",
    }
    add_card(
        hub,
        "acme/logged",
        GOOD,
        files={"emissions.csv": CODECARBON_LOG, "old/emissions.csv": b"x\n"},
    )
    result = run("check", "acme/logged")
    assert result.returncode == 0, result.stderr
    assert "acme/logged@main: measurement log in the repository: emissions.csv" in result.stdout
    assert "using the log emissions.csv (CodeCarbon 2.3.4)" in result.stdout
    assert "old/emissions.csv" not in result.stdout
    add_card(
        hub,
        "acme/kilograms",
        GOOD.replace("emissions: 1200", "emissions: 1.2"),
        files={"emissions.csv": CODECARBON_LOG},
    )
    pasted = run("check", "--output-format", "concise", "acme/kilograms")
    assert (
        "acme/kilograms@main:3:14: CO2105 [*] emissions of 1.2 is the attached log's total in kilograms"
        in pasted.stdout
    )
    add_card(hub, "acme/logged2", GOOD, files=logs)
    api = run(
        "acme/logged2",
        code="import sys; from cardlint.hub.client import fetch_card; from cardlint.hub.refs import parse_target\n"
        "card = fetch_card(parse_target(sys.argv[1]))\n"
        "print(card.readme.read_text()); [print(path.name, path.read_bytes()) for path in card.logs]",
    )
    assert api.returncode == 0, api.stderr
    assert api.stdout.startswith(GOOD)
    assert "emissions.csv b'timestamp,project_name" in api.stdout
    assert "run_carbontracker_output.log b'CarbonTracker:\\n'" in api.stdout


def test_an_existing_local_path_wins_over_a_repository(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    add_card(hub, "acme/bad", BAD)
    (tmp_path / "acme" / "bad").mkdir(parents=True)
    (tmp_path / "acme" / "bad" / "README.md").write_text(GOOD, encoding="utf-8")
    result = run("check", "acme/bad", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert hub.requests == []


def test_a_local_check_never_imports_huggingface_hub(run: Run, tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(GOOD, encoding="utf-8")
    code = (
        "import sys; from cardlint.cli import main\n"
        "codes = [main(['check', sys.argv[1]]), main(['check', 'missing/README.md'])]\n"
        "print(codes, sorted(m for m in sys.modules if m.startswith(('huggingface_hub', 'httpx')) or m == 'cardlint.hub.client'))"
    )
    result = run(str(card), code=code)
    assert result.stdout.splitlines()[-1] == "[0, 2] []", result.stdout + result.stderr
