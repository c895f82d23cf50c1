"""The command line of ``check`` and ``fix``, parsed once into a typed request (argv in, fields out),
and the settings a request gives a card with its configuration file."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cardlint

from cardlint.cli import build_parser
from cardlint.exit_codes import UsageError
from cardlint.request import CheckRequest, HubRequest, parse_check
from cardlint.settings import RunOptions


def _parse(argv: list[str], environ: dict[str, str] | None = None) -> CheckRequest:
    return parse_check(build_parser(argv).parse_args(argv), environ or {})


@pytest.fixture(autouse=True)
def _in_a_folder_with_a_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths in the tables are in an empty folder holding one log and one subfolder."""
    (tmp_path / "emissions.csv").write_text("run_id,duration,emissions\nr1,3600,1.2\n")
    (tmp_path / "logs").mkdir()
    monkeypatch.chdir(tmp_path)


# argv, then the fields that differ from CheckRequest() (the defaults of `cardlint check`)
REQUESTS: list[tuple[list[str], dict[str, object]]] = [
    (["check"], {}),
    (["check", "README.md", "org/model"], {"targets": ("README.md", "org/model")}),
    (
        ["check", "--select", " CO21, CL ,", "--ignore", "CO2105"],
        {"select": ("CO21", "CL"), "ignore": ("CO2105",)},
    ),
    (["check", "--ignore", ""], {"ignore": ()}),  # given and empty: replaces the file's
    (["check", "--include", "*.md", "--include", "MODEL.md"], {"include": ("*.md", "MODEL.md")}),
    (["check", "--no-config", "-j", "0"], {"use_config": False, "jobs": 0}),
    (["fix", "a"], {"targets": ("a",), "fix": True}),
    (["check", "--fix"], {"fix": True}),
    (["check", "--fix-only"], {"fix": True, "fix_only": True}),
    (["check", "--diff", "--unsafe-fixes"], {"diff": True, "unsafe_fixes": True}),
    (["fix", "--diff"], {"fix": True, "diff": True}),
    (
        ["check", "--output-format", "json", "--output-file", "r.json", "--color", "never"],
        {"output_format": "json", "output_file": "r.json", "color": "never"},
    ),
    (
        ["check", "-q", "--statistics", "--exit-zero"],
        {"quiet": True, "statistics": True, "exit_zero": True},
    ),
    (["check", "--log", "emissions.csv"], {"options": RunOptions(log_paths=("emissions.csv",))}),
    (
        ["check", "--no-discover-logs", "--recompute-intensity", "--training-type", "fine-tuning"],
        {
            "options": RunOptions(
                discover_logs=False, recompute_intensity=True, training_type="fine-tuning"
            )
        },
    ),
    (["check", "--hours", "2.5"], {"options": RunOptions(hours=2.5)}),
    (
        ["fix", "--hours", "3", "--estimate", "--pue", "1.2"],
        {"fix": True, "options": RunOptions(hours=3.0, estimate=True, pue=1.2)},
    ),
    (
        ["check", "--author", "org", "--author", "two"],
        {"targets": (), "hub": HubRequest(authors=("org", "two"))},
    ),
    (
        ["fix", "o/m", "--revision", "v1", "--repo-type", "dataset", "--limit", "3"]
        + ["--filter", "t", "--concurrency", "2", "--create-pr", "--commit"],
        {
            "targets": ("o/m",),
            "fix": True,
            "hub": HubRequest("v1", "dataset", (), 3, ("t",), 2, create_pr=True, commit=True),
            # the rules read it too: a local dataset card gets no model-only finding
            "options": RunOptions(repo_type="dataset"),
        },
    ),
]


@pytest.mark.parametrize("argv, fields", REQUESTS, ids=[" ".join(a) for a, _ in REQUESTS])
def test_argv_gives_the_request(argv: list[str], fields: dict[str, object]) -> None:
    assert _parse(argv) == CheckRequest()._replace(**fields)


# environment, argv, the output format reported
FORMATS = [
    ({}, ["check"], "full"),
    ({"GITHUB_ACTIONS": "true"}, ["check"], "github"),
    ({"GITHUB_ACTIONS": "false"}, ["check"], "full"),
    ({"GITHUB_ACTIONS": "true"}, ["check", "--statistics"], "concise"),
    ({"GITHUB_ACTIONS": "true"}, ["check", "--output-format", "json"], "json"),
    ({}, ["check", "--statistics", "--output-format", "github"], "concise"),
]


@pytest.mark.parametrize("environ, argv, shown", FORMATS)
def test_the_output_format_follows_the_environment(
    environ: dict[str, str], argv: list[str], shown: str
) -> None:
    assert _parse(argv, environ).output_format == shown


# argv, the start of the usage error
USAGE_ERRORS = [
    (["check", "--hours", "0"], "--hours must be above 0"),
    (["check", "--hours", "-1", "--estimate"], "--hours must be above 0"),
    (["check", "--estimate"], "--estimate needs --hours"),
    (["check", "--log", "missing.csv"], "--log missing.csv: no such file"),
    (["check", "--log", "emissions.csv", "--log", "logs"], "--log logs: a folder, not a log"),
    (["check", "--statistics", "--output-format", "sarif"], "--statistics prints a table or JSON"),
]


@pytest.mark.parametrize("argv, message", USAGE_ERRORS)
def test_values_that_cannot_be_used_are_usage_errors(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError) as raised:
        _parse(argv)
    assert str(raised.value).startswith(message)


def test_a_usage_error_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    result = run_cardlint("check", "--estimate", str(tmp_path))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "cardlint: error: --estimate needs --hours\n"


CONFIG = '[tool.cardlint]\nselect = ["CO2"]\nignore = ["CO2105"]\nexclude = ["old/*"]\n'

# the configuration file (None: there is none), argv, the settings fields the card gets
WITH_CONFIG: list[tuple[str | None, list[str], dict[str, object]]] = [
    (None, ["check"], {"select": ("ALL",), "ignore": (), "exclude": ()}),
    (CONFIG, ["check"], {"select": ("CO2",), "ignore": ("CO2105",), "exclude": ("old/*",)}),
    (CONFIG, ["check", "--select", "CL"], {"select": ("CL",), "ignore": ("CO2105",)}),
    (CONFIG, ["check", "--ignore", ""], {"select": ("CO2",), "ignore": ()}),
    (CONFIG, ["check", "--no-config"], {"select": ("ALL",), "ignore": (), "exclude": ()}),
    (CONFIG, ["check", "--hours", "4"], {"ignore": ("CO2105",), "options": RunOptions(hours=4.0)}),
    (
        None,
        ["check", "--log", "emissions.csv"],
        {"options": RunOptions(log_paths=("emissions.csv",))},
    ),
]


@pytest.mark.parametrize("config, argv, fields", WITH_CONFIG)
def test_the_command_line_and_the_configuration_file_make_the_settings(
    tmp_path: Path, config: str | None, argv: list[str], fields: dict[str, object]
) -> None:
    card = tmp_path / "models" / "README.md"
    card.parent.mkdir()
    card.write_text("# m\n")
    if config is not None:
        (tmp_path / "pyproject.toml").write_text(config)
    settings = _parse(argv).settings_for(str(card))
    assert {name: getattr(settings, name) for name in fields} == fields
    assert settings.root == str(tmp_path)  # the file's folder, or the current one without it


def test_a_broken_configuration_file_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".cardlint.toml").write_text('select = "CO2"\n')
    with pytest.raises(UsageError, match=r"\.cardlint\.toml: 'select' must be a list of strings"):
        _parse(["check"]).settings_for(str(tmp_path / "README.md"))
    assert _parse(["check", "--no-config"]).settings_for(str(tmp_path)).select == ("ALL",)
