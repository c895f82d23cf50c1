"""``cardlint check`` and ``cardlint fix``: lint targets, optionally fix them, and report."""

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from cardlint.config import ConfigError, settings_for
from cardlint.diagnostics import FileError, FileResult
from cardlint.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from cardlint.linter import failed, lint_path, read_card
from cardlint.report import RunSummary, get_reporter
from cardlint.report.base import plural
from cardlint.report.changes import Change
from cardlint.report.text import held_back
from cardlint.settings import Settings
from cardlint.speedups.paths import normal, parent
from cardlint.targets import Target, expand


def run_check(args: argparse.Namespace) -> int:
    fix_mode = (
        args.command == "fix" or getattr(args, "fix", False) or getattr(args, "fix_only", False)
    )
    output_format = args.output_format or (
        "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    )
    if args.statistics and output_format == "github":
        output_format = "concise"  # the table in the workflow's log: a count is no annotation
    elif args.statistics and output_format == "sarif":
        raise UsageError(
            "--statistics prints a table or JSON: use it with --output-format full, concise or json, not sarif"
        )
    overrides: dict[str, object] = {
        "select": _codes(args.select),
        "ignore": _codes(args.ignore),
        "options": _options(args),
    }
    targets, missing = expand(
        args.paths or ([] if args.author else ["."]), tuple(args.include or ("README.md",))
    )
    results: list[FileResult] = []
    changes: list[Change] = []
    fixed_total = 0
    if missing or args.author:
        from cardlint.commands.hub import hub_results

        hub = hub_results(args, missing, overrides)
        results.extend(hub.results)
        missing = hub.not_found
        fixed_total, changes = hub.fixed, hub.changes
    elif args.create_pr or args.commit:
        raise UsageError(
            "--create-pr and --commit apply to Hub repositories (org/model), not local files"
        )
    results[:0] = [
        FileResult(argument, error=FileError(argument, "no such file or folder"))
        for argument in missing
    ]
    jobs = _jobs(targets, overrides, args.no_config)

    if fix_mode or args.diff:
        fixed_total += _fix_all(jobs, args.unsafe_fixes, args.diff, results, changes)
    else:
        results.extend(_lint_all(jobs, args.jobs))

    for result in results:
        if result.error is not None:
            sys.stderr.write(f"cardlint: {result.error}\n")
    summary = RunSummary.of(results)
    summary.fix_mode = fix_mode and not args.diff
    summary.fixed = fixed_total
    summary.quiet = args.quiet
    summary.statistics = args.statistics
    summary.unsafe_fixes = args.unsafe_fixes
    if args.diff:
        _report_changes(args, output_format, changes, results, summary)
    elif not getattr(args, "fix_only", False):
        _report(args, output_format, results, summary)

    if summary.unreadable:
        return EXIT_ERROR
    if args.diff:
        return EXIT_FINDINGS if changes else EXIT_CLEAN
    if args.exit_zero or getattr(args, "fix_only", False):
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.errors + summary.warnings else EXIT_CLEAN


def _jobs(
    targets: list[Target], overrides: dict[str, object], no_config: bool
) -> list[tuple[str, Settings]]:
    """Each local file with the settings of its folder, leaving out the excluded ones."""
    jobs: list[tuple[str, Settings]] = []
    for target in targets:
        assert target.path is not None
        try:
            settings = settings_for(target.path, overrides, use_config=not no_config)
        except ConfigError as error:
            raise UsageError(str(error)) from None
        if not settings.is_excluded(target.path):
            jobs.append((target.path, settings))
    return jobs


def _fix_all(
    jobs: list[tuple[str, Settings]],
    unsafe: bool,
    diff: bool,
    results: list[FileResult],
    changes: list[Change],
) -> int:
    """Fix (with ``diff``: only compute the change of) each file, adding to ``results`` and ``changes``; the findings fixed."""
    from cardlint.fixer.apply import FixOutcome, fix_path

    fixed = 0
    for path, settings in jobs:
        try:
            outcome = fix_path(path, settings, unsafe=unsafe, write=not diff)
        except Exception as error:  # a bug met in one file loses this file, not the whole run
            outcome = FixOutcome(failed(path, error), 0, None)
        results.append(outcome.result)
        fixed += outcome.fixed
        if diff and outcome.new_text is not None:
            changes.append(
                Change(
                    outcome.result.filename, _text_of(path), outcome.new_text, outcome.result.fixed
                )
            )
    return fixed


def _text_of(path: str) -> str:
    """The text of a card that fixing would change (read again: --diff wrote nothing)."""
    card = read_card(path)
    return "" if isinstance(card, FileError) else card.text


def _report_changes(
    args: argparse.Namespace,
    output_format: str,
    changes: list[Change],
    results: list[FileResult],
    summary: RunSummary,
) -> None:
    """``--diff``: the diffs (or, in JSON, the edits per file) on stdout, then what they add up to on stderr."""
    with _output(args.output_file) as stream:
        if output_format == "json":
            import json

            from cardlint.report.changes import change_to_dict

            remaining = [finding.to_dict() for result in results for finding in result.diagnostics]
            json.dump(
                {"changes": [change_to_dict(change) for change in changes], "remaining": remaining},
                stream,
                indent=2,
                ensure_ascii=False,
            )
            stream.write("\n")
            return
        from cardlint.fixer.apply import unified_diff

        for change in changes:
            stream.write(unified_diff(change.filename, change.before, change.after))
    if not args.quiet:
        sys.stdout.flush()  # the diff first, then what it adds up to
        sys.stderr.write(_would_fix(summary.fixed, len(changes)))
        if summary.unreadable:
            sys.stderr.write(
                f"{summary.unreadable} of {plural(summary.files, 'file')} could not be read.\n"
            )
        if summary.fixable_unsafe and not args.unsafe_fixes:
            sys.stderr.write(held_back(summary.fixable_unsafe) + "\n")


def _would_fix(findings: int, files: int) -> str:
    if not files:
        return "Nothing to fix.\n"
    return f"Would fix {plural(findings, 'finding')} in {plural(files, 'file')}.\n"


# When several processes pay (benchmarks/PARALLEL.md): a second process costs 15 to 70 % more
# CPU time in all. On 2 CPUs it made a check 1.4 to 1.6 times faster from about 5 MB of cards
# while the other CPU was free, and up to 1.85 times slower while other work kept it busy. So
# the CPUs counted are those free (the CPUs less the last minute's load average), and each
# process must have PARALLEL_BYTES of cards (about half a second of work) and PARALLEL_FILES
# files to pay for its start and for passing results back.
PARALLEL_BYTES = 4_000_000
PARALLEL_FILES = 100


def default_processes(paths: list[str], free_cpus: int) -> int:
    """How many processes to lint ``paths`` with when --jobs does not say: by free CPUs, files and bytes."""
    if free_cpus < 2 or len(paths) < 2 * PARALLEL_FILES:
        return 1
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass  # reported when it is linted
    return max(1, min(free_cpus, total // PARALLEL_BYTES, len(paths) // PARALLEL_FILES))


def _cpus() -> int:
    """The CPUs this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _free_cpus() -> int:
    """The CPUs less the load average of the last minute, rounded (all of them where it is unknown)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return max(1, round(_cpus() - load))


def _lint_all(jobs: list[tuple[str, Settings]], processes: int | None) -> list[FileResult]:
    """Lint every (path, settings) pair, in parallel processes when asked or when it pays.

    Where processes cannot be started (no semaphores in some sandboxes) or one dies, the files
    are linted in this process instead.
    """
    if processes is None:
        workers = default_processes([path for path, _ in jobs], _free_cpus())
    else:
        workers = processes if processes > 0 else _cpus()
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


def _report(
    args: argparse.Namespace, output_format: str, results: list[FileResult], summary: RunSummary
) -> None:
    with _output(args.output_file) as stream:
        get_reporter(output_format, color=_use_color(args.color, stream)).report(
            results, summary, stream
        )


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        os.makedirs(parent(path), exist_ok=True)
        handle = open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
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
        problem = (
            "a folder, not a log: name the log file in it"
            if os.path.isdir(normal(missing[0]))
            else "no such file"
        )
        raise UsageError(f"--log {missing[0]}: {problem}")
    return options


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(code.strip() for code in value.split(",") if code.strip())
