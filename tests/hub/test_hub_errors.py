"""Hub failures: each is one line for its repository, exit code 2, and the other repositories are still reported."""

from __future__ import annotations

import time
from pathlib import Path

from fake_hub import FakeHub, FakeRepo, Fault
from hubtest import BAD, CODECARBON_LOG, GOOD, TOKEN, Run, add_card

LOGIN = "log in with `hf auth login` or set HF_TOKEN"


def test_missing_private_gated_and_readme_less_repositories(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/bad", BAD)
    add_card(hub, "acme/private", GOOD, private=True)
    add_card(hub, "acme/gated", GOOD, gated=True)
    hub.add(FakeRepo("acme/weights", {"config.json": b"{}"}))
    result = run(
        "check",
        "acme/bad",
        "acme/private",
        "acme/gated",
        "acme/nope",
        "acme/weights",
        "acme/bad@v9",
        "nope.md",
    )
    assert result.returncode == 2
    assert "acme/bad@main:3:14: CO2101" in result.stdout
    assert result.stderr.splitlines() == [
        "cardlint: nope.md: no such file or folder",
        f"cardlint: acme/private: no such file or folder, and no Hub repo of that name (or it is private: if you have access, {LOGIN})",
        f"cardlint: acme/gated@main: gated model repository: accept the conditions on {hub.url}/acme/gated, then {LOGIN}",
        f"cardlint: acme/nope: no such file or folder, and no Hub repo of that name (or it is private: if you have access, {LOGIN})",
        "cardlint: acme/weights@main: the model repository has no README.md at revision 'main'",
        "cardlint: acme/bad@v9: no revision 'v9' in model repository 'acme/bad'",
    ]


def test_the_token_is_sent_and_never_printed(hub: FakeHub, run: Run, hf_home: Path) -> None:
    add_card(hub, "acme/private", BAD, private=True)
    add_card(hub, "acme/gated", GOOD, gated=True)
    add_card(hub, "acme/gated2", GOOD, gated=True)
    add_card(hub, "acme/public", BAD)
    hub.inject(Fault("GET", "/api/models/acme/down", 500, times=99))
    with_token = run(
        "check", "acme/private", "acme/gated", "acme/nope", "acme/down", env={"HF_TOKEN": TOKEN}
    )
    assert "acme/private@main:3:14: CO2101" in with_token.stdout
    assert "acme/gated" not in with_token.stderr
    assert (
        "cardlint: acme/nope: no such file or folder, and no Hub repo of that name that your token can read"
        in with_token.stderr
    )
    wrong = "hf_WrongDistinctiveTokenK9v3"
    hf_home.mkdir(parents=True, exist_ok=True)
    (hf_home / "token").write_text(wrong)  # the login token's file
    with_login = run("fix", "--create-pr", "acme/private", "acme/gated2", "acme/public")
    assert (
        "cardlint: acme/public@main: the Hub rejected the token (401): it is invalid or expired"
        in with_login.stderr
    )
    assert (
        "cardlint: acme/gated2@main: gated model repository: the account of your token has no access yet"
        in with_login.stderr
    )
    for output in (with_token, with_login):
        assert output.returncode == 2
        for secret in (TOKEN, wrong, TOKEN[3:12], wrong[3:12]):
            assert secret not in output.stdout + output.stderr
    sent = {r.headers.get("authorization") for r in hub.requests}
    assert {f"Bearer {TOKEN}", f"Bearer {wrong}"} <= sent
    assert hub.commits == []


def test_transient_failures_are_retried_a_bounded_number_of_times(hub: FakeHub, run: Run) -> None:
    for name in ("limited", "head-limited", "hour", "down", "flaky", "head-down", "stuck", "slow"):
        add_card(hub, f"acme/{name}", BAD)
    hub.inject(Fault("GET", "/api/models/acme/limited", 429, times=2, headers={"Retry-After": "1"}))
    hub.inject(
        Fault("HEAD", "/acme/head-limited/resolve/", 429, times=1, headers={"Retry-After": "1"})
    )
    hub.inject(
        Fault("GET", "/api/models/acme/hour", 429, times=99, headers={"Retry-After": "3600"})
    )
    hub.inject(Fault("GET", "/api/models/acme/down", 500, times=99))
    hub.inject(Fault("GET", "/acme/flaky/resolve/", 502, times=1))
    hub.inject(Fault("HEAD", "/acme/head-down/resolve/", 503, times=1))
    hub.inject(Fault("GET", "/api/models/acme/stuck", None, times=99, delay=2.5))
    hub.inject(Fault("HEAD", "/acme/slow/resolve/", None, times=1, delay=2))
    start = time.monotonic()
    result = run(
        "check",
        "--output-format",
        "concise",
        *(
            f"acme/{name}"
            for name in (
                "limited",
                "head-limited",
                "hour",
                "down",
                "flaky",
                "head-down",
                "stuck",
                "slow",
            )
        ),
    )
    assert time.monotonic() - start >= 2  # two Retry-After: 1 waits, one after the other
    assert result.returncode == 2
    errors = result.stderr.splitlines()
    assert errors[:2] == [
        "cardlint: acme/hour@main: rate-limited by the Hub (429), also after retrying: wait, or lower --concurrency",
        "cardlint: acme/down@main: the Hub answered 500 (server error), also after retrying: try again later",
    ]
    assert errors[2].startswith(
        "cardlint: acme/stuck@main: timed out waiting for the Hub, also on retry (HF_HUB_ETAG_TIMEOUT=1s"
    )
    assert len(errors) == 3
    for name in ("limited", "head-limited", "flaky", "head-down", "slow"):
        assert f"acme/{name}@main:3:14: CO2101" in result.stdout
    # cardlint's retries: huggingface_hub makes none here
    assert hub.count("GET", "/api/models/acme/limited") == 3
    assert hub.count("GET", "/api/models/acme/hour") == 1  # an hour's wait fails at once
    assert hub.count("GET", "/api/models/acme/down") == 3
    assert hub.count("GET", "/api/models/acme/stuck") == 3
    # huggingface_hub's own retry, not doubled
    assert hub.count("HEAD", "/acme/head-limited/resolve/") == 2
    assert hub.count("HEAD", "/acme/head-down/resolve/") == 2
    assert hub.count("HEAD", "/acme/slow/resolve/") == 2
    # the one failure huggingface_hub does not retry
    assert hub.count("GET", "/acme/flaky/resolve/") == 2


def test_offline_reads_the_cache_and_names_what_is_not_cached(
    hub: FakeHub, run: Run, hf_home: Path
) -> None:
    add_card(hub, "acme/bad", BAD, files={"emissions.csv": CODECARBON_LOG})
    add_card(hub, "acme/other", BAD)
    assert run("check", "acme/bad").returncode == 1
    before = len(hub.requests)
    result = run("check", "acme/bad", "acme/other", env={"HF_HUB_OFFLINE": "1"})
    assert len(hub.requests) == before
    assert "acme/bad@main:3:14: CO2101" in result.stdout
    assert "acme/bad@main: measurement log in the repository: emissions.csv" in result.stdout
    assert result.stderr == (
        "cardlint: acme/other@main: offline (HF_HUB_OFFLINE is set) and README.md of acme/other@main is not in the cache "
        f"({hf_home / 'hub'})\n"
    )
    assert result.returncode == 2


def test_an_unreachable_hub_fails_an_author_scan_at_once_in_one_line(run: Run) -> None:
    with FakeHub() as stopped:
        endpoint = stopped.url
    # the port is closed now: every connection is refused, as with no network
    start = time.monotonic()
    result = run(
        "check", "--author", "acme", "acme/model", "mydir/models", env={"HF_ENDPOINT": endpoint}
    )
    elapsed = time.monotonic() - start
    # a hang check: huggingface_hub's own retries of a listing take over 20 s
    assert elapsed < 5, f"took {elapsed:.1f} s"
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"cardlint: error: cannot reach the Hub at {endpoint} (ConnectError), also on retry; not checked: "
        "acme/*, acme/model (no such file or folder either), mydir/models (no such file or folder either)\n"
    )


def test_a_mistyped_path_says_it_is_neither_a_file_nor_a_repository(
    hub: FakeHub, run: Run, tmp_path: Path
) -> None:
    (tmp_path / "mydir").mkdir()
    result = run("check", "mydir/models", "hf://mydir/other", cwd=tmp_path)
    assert result.returncode == 2
    # hf:// names nothing but a repository
    assert result.stderr.splitlines() == [
        f"cardlint: mydir/models: no such file or folder, and no Hub repo of that name (or it is private: if you have access, {LOGIN})",
        f"cardlint: mydir/other@main: no model repository 'mydir/other' on the Hub, or it is private: if you have access, {LOGIN}",
    ]


def test_repositories_the_hub_stopped_answering_for_are_one_line() -> None:
    from cardlint.commands.hub import _Done, one_line_when_unreachable
    from cardlint.diagnostics import FileError, FileResult

    def failed(name: str, message: str, unreachable: bool) -> _Done:
        return _Done(FileResult(name, error=FileError(name, message)), unreachable=unreachable)

    down = "cannot reach the Hub at http://hub (ConnectError), also on retry"
    done = [
        _Done(FileResult("acme/a@main")),
        failed("acme/b@main", down, True),
        failed("acme/c@main", "the Hub answered 500", False),
        failed("acme/d@main", down, True),
        failed("acme/e@main", down, True),
    ]
    results = one_line_when_unreachable(done)
    assert [str(result.error) for result in results if result.error] == [
        "acme/c@main: the Hub answered 500",
        f"acme/b@main and 2 more: {down}; not checked",
    ]
    assert one_line_when_unreachable(done[:1]) == [done[0].result]
