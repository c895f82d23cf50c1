"""``cardlint check`` and ``cardlint fix``: lint targets, optionally fix them, and report."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from typing import Iterator, TextIO

from cardlint.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, PARALLEL_FROM, UsageError
from cardlint.config import ConfigError, settings_for
from cardlint.diagnostics import FileResult
from cardlint.linter import lint_path
from cardlint.paths import normal, parent
from cardlint.report import RunSummary, get_reporter
from cardlint.settings import Settings
from cardlint.targets import expand


def run_check(args: argparse.Namespace) -> int:
    fix_mode = args.command == "fix" or getattr(args, "fix", False) or getattr(args, "fix_only", False)
    overrides: dict[str, object] = {"select": _codes(args.select), "ignore": _codes(args.ignore), "options": _options(args)}
    targets, missing = expand(args.paths or ([] if args.author else ["."]), tuple(args.include or ("README.md",)))
    results: list[FileResult] = []
    fixed_total = 0
    diff_found = False
    if missing or args.author:
        from cardlint.commands.hub import hub_results

        hub = hub_results(args, missing, overrides)
        results.extend(hub.results)
        missing = hub.not_found
        fixed_total, diff_found = hub.fixed, hub.diff_found
    elif args.create_pr or args.commit:
        raise UsageError("--create-pr and --commit apply to Hub repositories (org/model), not local files")
    for argument in missing:
        sys.stderr.write(f"cardlint: {argument}: no such file or directory\n")

    jobs: list[tuple[str, Settings]] = []
    for target in targets:
        assert target.path is not None
        try:
            settings = settings_for(target.path, overrides, use_config=not args.no_config)
        except ConfigError as error:
            raise UsageError(str(error)) from None
        if not settings.is_excluded(target.path):
            jobs.append((target.path, settings))

    if fix_mode or args.diff:
        from cardlint.fixer import FixOutcome, fix_path
        from cardlint.linter import failed

        for path, settings in jobs:
            try:
                outcome = fix_path(path, settings, unsafe=args.unsafe_fixes, write=not args.diff)
            except Exception as error:  # a bug met in one file is that file's error; the others are fixed
                outcome = FixOutcome(failed(path, error), 0, None)
            results.append(outcome.result)
            fixed_total += outcome.fixed
            if args.diff and outcome.diff:
                diff_found = True
                sys.stdout.write(outcome.diff)
    else:
        results.extend(_lint_all(jobs, args.jobs))

    for result in results:
        if result.error is not None:
            sys.stderr.write(f"cardlint: {result.error}\n")
    summary = RunSummary.of(results)
    summary.fix_mode = fix_mode and not args.diff
    summary.fixed = fixed_total
    if not args.diff and not getattr(args, "fix_only", False):
        _report(args, results, summary)

    if missing or summary.unreadable:
        return EXIT_ERROR
    if args.diff:
        return EXIT_FINDINGS if diff_found else EXIT_CLEAN
    if args.exit_zero or getattr(args, "fix_only", False):
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.errors + summary.warnings else EXIT_CLEAN


def _lint_all(jobs: list[tuple[str, Settings]], processes: int | None) -> list[FileResult]:
    """Lint every (path, settings) pair, in parallel processes when asked or when there are many.

    Where processes cannot be started (no semaphores in some sandboxes) or one dies, the files
    are linted in this process instead.
    """
    if processes is None:
        processes = 0 if len(jobs) >= PARALLEL_FROM else 1
    workers = processes if processes > 0 else (os.cpu_count() or 1)
    if workers == 1 or len(jobs) < 2 * workers:
        return [lint_path(path, settings) for path, settings in jobs]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(_lint_job, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    except (OSError, BrokenProcessPool):
        return [lint_path(path, settings) for path, settings in jobs]


def _lint_job(job: tuple[str, Settings]) -> FileResult:
    return lint_path(*job)


def _report(args: argparse.Namespace, results: list[FileResult], summary: RunSummary) -> None:
    output_format = args.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full")
    summary.quiet = args.quiet
    with _output(args.output_file) as stream:
        get_reporter(output_format, color=_use_color(args.color, stream)).report(results, summary, stream)


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        os.makedirs(parent(path), exist_ok=True)
        handle = open(path, "w", encoding="utf-8", newline="\n")
    except OSError as error:
        raise UsageError(f"cannot write the report to {path}: {error.strerror or error}") from None
    with handle:
        yield handle


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _options(args: argparse.Namespace) -> dict[str, object]:
    """Per-run options that rules read (attached logs, training type, ...)."""
    options: dict[str, object] = {
        "log_paths": tuple(args.log or ()),
        "discover_logs": not args.no_discover_logs,
        "recompute_intensity": args.recompute_intensity,
    }
    if args.training_type:
        options["training_type"] = args.training_type
    if args.hours is not None:
        if args.hours <= 0:
            raise UsageError("--hours must be above 0")
        options["hours"] = args.hours
    if args.estimate:
        if args.hours is None:
            raise UsageError("--estimate needs --hours")
        options["estimate"] = True
        options["pue"] = args.pue
    missing = [path for path in options["log_paths"] if not os.path.isfile(normal(path))]  # type: ignore[attr-defined]
    if missing:
        raise UsageError(f"--log {missing[0]}: no such file")
    return options


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(code.strip() for code in value.split(",") if code.strip())
