"""MC103 on the Hub: ``license_link: LICENSE`` is looked up in the repository's own listing."""

from __future__ import annotations

from fake_hub import FakeHub
from hubtest import Run, add_card

CARD = """---
license: other
license_name: acme-license-1.0
license_link: LICENSE
---
# Model
"""


def test_a_license_file_in_the_repository_satisfies_the_link(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/licensed", CARD, files={"LICENSE": b"The terms.\n"})
    result = run("check", "--select", "MC103", "acme/licensed")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "All checks passed (1 file).\n"


def test_a_missing_license_file_is_reported_at_the_link(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/unlicensed", CARD, files={"docs/LICENSE": b"The terms.\n"})
    result = run("check", "--select", "MC103", "--output-format", "concise", "acme/unlicensed")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        "acme/unlicensed@main:4:15: MC103 license_link 'LICENSE' names a file that is not in "
        "the repository: add the license text as LICENSE, or link the license text's URL"
    )


def test_a_license_file_under_another_name_is_named(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/txt", CARD, files={"LICENSE.txt": b"The terms.\n"})
    result = run("check", "--select", "MC103", "--output-format", "concise", "acme/txt")
    assert result.returncode == 1, result.stderr
    assert "the license file there is LICENSE.txt; write that name" in result.stdout


def test_a_path_into_the_repository_is_found(hub: FakeHub, run: Run) -> None:
    add_card(
        hub,
        "acme/nested",
        CARD.replace("license_link: LICENSE", "license_link: ./docs/LICENSE.md"),
        files={"docs/LICENSE.md": b"The terms.\n"},
    )
    result = run("check", "--select", "MC103", "acme/nested")
    assert result.returncode == 0, result.stdout + result.stderr
