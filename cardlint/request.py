"""``cardlint check`` and ``cardlint fix`` as asked on the command line, parsed once into types.

check-jsonschema's ``ParseResult`` is the model: argparse's Namespace is read here and nowhere
else; the commands, the Hub path and the rules (through ``RunOptions``) read the typed request.
"""

import argparse
import os
from collections.abc import Mapping
from typing import NamedTuple

from cardlint.config import ConfigError, settings_for
from cardlint.exit_codes import UsageError
from cardlint.settings import DEFAULT_OPTIONS, RunOptions, Settings
from cardlint.speedups.paths import normal


class HubRequest(NamedTuple):
    """Which Hub repositories to read, and how fixing one is delivered."""

    revision: str | None = None  # None: main
    repo_type: str = "model"
    authors: tuple[str, ...] = ()  # --author: every repository of these
    limit: int | None = None  # with --author: at most this many repositories
    filters: tuple[str, ...] = ()  # with --author: only repositories with these tags
    concurrency: int = 8  # repositories fetched at once
    create_pr: bool = False
    commit: bool = False


class CheckRequest(NamedTuple):
    """One run of ``cardlint check`` or ``cardlint fix``: what to lint, how, and how to report."""

    targets: tuple[str, ...] = (".",)  # files, folders and Hub repositories, as named
    include: tuple[str, ...] = ("README.md",)  # file names linted in folders
    select: tuple[str, ...] | None = None  # None: the configuration's
    ignore: tuple[str, ...] | None = None  # None: the configuration's
    use_config: bool = True  # not --no-config
    options: RunOptions = DEFAULT_OPTIONS
    fix: bool = False  # `cardlint fix`, --fix or --fix-only
    fix_only: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    output_format: str = "full"  # as reported: the default and --statistics already applied
    output_file: str | None = None
    color: str = "auto"
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False
    jobs: int | None = None  # None: by free CPUs and bytes; 0: one process per CPU
    hub: HubRequest = HubRequest()

    def settings_for(self, target: str | os.PathLike[str]) -> Settings:
        """The settings of ``target``: its configuration file (unless --no-config), then this request's."""
        try:
            return settings_for(target, self.select, self.ignore, self.options, self.use_config)
        except ConfigError as error:
            raise UsageError(str(error)) from None


def parse_check(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> CheckRequest:
    """The request that ``cardlint check`` or ``cardlint fix`` arguments make; a UsageError for
    values that cannot be used (the Hub's options are judged once Hub targets are known)."""
    output_format = args.output_format or (
        "github" if environ.get("GITHUB_ACTIONS") == "true" else "full"
    )
    if args.statistics and output_format == "github":
        output_format = "concise"  # the table in the workflow's log: a count is no annotation
    elif args.statistics and output_format == "sarif":
        raise UsageError(
            "--statistics prints a table or JSON: use it with --output-format full, concise or json, not sarif"
        )
    fix_only = getattr(args, "fix_only", False)  # `cardlint fix` has no --fix or --fix-only
    if args.hub_validate and (
        args.subcommand == "fix" or getattr(args, "fix", False) or fix_only or args.diff
    ):
        raise UsageError(
            "--hub-validate reports what the Hub rejects: use it with `cardlint check`, without "
            "--fix, --fix-only or --diff (a push of a fixed card is validated by the Hub anyway)"
        )
    return CheckRequest(
        targets=tuple(args.paths) or (() if args.author else (".",)),
        include=tuple(args.include or ("README.md",)),
        select=_codes(args.select),
        ignore=_codes(args.ignore),
        use_config=not args.no_config,
        options=_run_options(args),
        fix=args.subcommand == "fix" or getattr(args, "fix", False) or fix_only,
        fix_only=fix_only,
        diff=args.diff,
        unsafe_fixes=args.unsafe_fixes,
        output_format=output_format,
        output_file=args.output_file,
        color=args.color,
        quiet=args.quiet,
        statistics=args.statistics,
        exit_zero=args.exit_zero,
        jobs=args.jobs,
        hub=HubRequest(
            revision=args.revision,
            repo_type=args.repo_type,
            authors=tuple(args.author or ()),
            limit=args.limit,
            filters=tuple(args.filter or ()),
            concurrency=args.concurrency,
            create_pr=args.create_pr,
            commit=args.commit,
        ),
    )


def _run_options(args: argparse.Namespace) -> RunOptions:
    """What the rules read: the logs to attach, --training-type, --hours, --estimate ..."""
    if args.hours is not None and args.hours <= 0:
        raise UsageError("--hours must be above 0")
    if args.estimate and args.hours is None:
        raise UsageError("--estimate needs --hours")
    log_paths = tuple(args.log or ())
    missing = [path for path in log_paths if not os.path.isfile(normal(path))]
    if missing:
        problem = (
            "a folder, not a log: name the log file in it"
            if os.path.isdir(normal(missing[0]))
            else "no such file"
        )
        raise UsageError(f"--log {missing[0]}: {problem}")
    return RunOptions(
        log_paths=log_paths,
        discover_logs=not args.no_discover_logs,
        recompute_intensity=args.recompute_intensity,
        training_type=args.training_type,
        hours=args.hours,
        estimate=args.estimate,
        pue=args.pue,
        repo_type=args.repo_type,
        hub_validate=args.hub_validate,
    )


def _codes(value: str | None) -> tuple[str, ...] | None:
    """``--select CO21,CL`` as codes; None when the option was not given."""
    if value is None:
        return None
    return tuple(code.strip() for code in value.split(",") if code.strip())
