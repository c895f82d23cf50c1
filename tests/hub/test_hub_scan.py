"""``cardlint check --author ORG`` (or ``ORG/*``): every repository of an author, concurrently, with a summary."""

from __future__ import annotations

import io

from fake_hub import FakeHub, Fault
from hubtest import BAD, GOOD, NO_CO2, Run, add_card

from cardlint.diagnostics import FileError, FileResult
from cardlint.hub.report import Progress


def _acme(hub: FakeHub, count: int) -> None:
    """``acme/m00``...: bad, without a co2 block, good, bad...; the even ones tagged ``energy``."""
    for index in range(count):
        text = (BAD, NO_CO2, GOOD)[index % 3]
        add_card(hub, f"acme/m{index:02d}", text, tags=["energy"] if index % 2 == 0 else [])
    add_card(hub, "other/model", BAD)


def test_an_author_scan_reports_every_repository_and_a_summary(hub: FakeHub, run: Run) -> None:
    _acme(hub, 55)  # more than one page of the listing
    hub.inject(Fault("GET", "/api/models/acme/m04", 500, times=99))
    result = run("check", "--author", "acme", "--output-format", "concise", "--concurrency", "16")
    assert result.returncode == 2
    names = {line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("acme/")}
    assert names == {f"acme/m{index:02d}@main" for index in range(0, 55, 3)}
    assert "other/model" not in result.stdout
    summary = result.stderr.split("cardlint: acme/m04@main")[0]
    assert summary.splitlines() == [
        "Hub scan: 55 repositories",
        "  cards checked                               54",
        "  with a co2_eq_emissions block               37",
        "  clean                                       35",
        "  could not be read                            1",
        "  findings by rule                         found  cards",
        "    CO2101  emissions-not-a-number            19     19",
        "    CO2202  training-type-unknown             19     19",
        "    CO2301  location-missing                  19     19",
        "    CO2401  hardware-missing                  19     19",
        "    CO2501  source-missing                    19     19",
    ]
    assert "cardlint: acme/m04@main: the Hub answered 500 (server error)" in result.stderr
    assert hub.count("GET", "/api/models?") == 2  # two pages


def test_limit_filter_and_the_org_star_form(hub: FakeHub, run: Run) -> None:
    _acme(hub, 6)
    result = run(
        "check", "acme/*", "--limit", "4", "--filter", "energy", "-q", "--output-format", "concise"
    )
    assert result.returncode == 1, result.stderr
    names = sorted({line.split(":")[0] for line in result.stdout.splitlines()})
    # m00, m02, m04 are tagged; m02 has no co2 block and m04 is clean
    assert names == ["acme/m00@main"]
    assert result.stderr == ""  # --quiet: no summary
    request = next(r.path for r in hub.requests if r.path.startswith("/api/models?"))
    assert "author=acme" in request and "filter=energy" in request and "limit=4" in request
    assert hub.count("GET", "/api/models/acme/m0") == 3


def test_an_author_without_repositories_is_an_error(hub: FakeHub, run: Run) -> None:
    result = run("check", "--author", "nobody", "--filter", "energy")
    assert result.returncode == 2
    assert (
        "cardlint: nobody/*: no model repositories by 'nobody' tagged energy on the Hub"
        in result.stderr
    )


def test_the_scan_table_counts_what_could_not_be_read(hub: FakeHub, run: Run) -> None:
    _acme(hub, 3)
    hub.inject(Fault("GET", "/api/models/acme/m01", 404, times=99))
    result = run("check", "--author", "acme", "--author", "nobody", "--output-format", "concise")
    assert result.returncode == 2
    table = result.stderr.split("cardlint: ")[0].splitlines()
    assert table[:6] == [
        "Hub scan: 3 repositories",
        "  cards checked                                2",
        "  with a co2_eq_emissions block                2",
        "  clean                                        1",
        "  could not be read                            1",
        "  authors that could not be listed             1",
    ]
    assert "cardlint: nobody/*: no model repositories by 'nobody' on the Hub" in result.stderr


def test_scan_options_need_a_scan(run: Run) -> None:
    result = run("check", "acme/model", "--limit", "3")
    assert result.returncode == 2
    assert (
        result.stderr
        == "cardlint: error: --limit and --filter select repositories of --author (or org/*)\n"
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_terminals_only() -> None:
    terminal = _Terminal()
    progress = Progress(4, terminal)
    progress.advance("acme/a@main")
    progress.advance("acme/b@main")
    progress.close()
    assert terminal.getvalue() == (
        "\r[" + "#" * 7 + "." * 23 + "] 1/4 acme/a@main\x1b[K"
        "\r[" + "#" * 15 + "." * 15 + "] 2/4 acme/b@main\x1b[K"
        "\r\x1b[K"
    )
    pipe = io.StringIO()
    quiet = Progress(4, pipe)
    quiet.advance("acme/a@main")
    quiet.close()
    assert pipe.getvalue() == ""


def test_summary_counts_unreadable_cards_apart() -> None:
    from cardlint.hub.report import ScanSummary

    summary = ScanSummary()
    summary.add(FileResult("acme/a@main"), has_co2=True)
    summary.add(FileResult("acme/b@main", error=FileError("acme/b@main", "gone")), has_co2=False)
    assert summary.table().splitlines()[1:5] == [
        "  cards checked                                1",
        "  with a co2_eq_emissions block                1",
        "  clean                                        1",
        "  could not be read                            1",
    ]
