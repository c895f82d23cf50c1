"""``cardlint check`` and ``cardlint fix``: lint targets, optionally fix them, and report."""

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from cardlint.diagnostics import FileError, FileResult
from cardlint.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from cardlint.linter import failed, lint_path, read_card
from cardlint.report import RunSummary, get_reporter
from cardlint.report.base import plural
from cardlint.report.changes import Change
from cardlint.report.text import held_back
from cardlint.request import CheckRequest, parse_check
from cardlint.settings import Settings
from cardlint.speedups.paths import parent
from cardlint.targets import Target, expand


def run_check(args: argparse.Namespace) -> int:
    """``cardlint check`` and ``cardlint fix``: the command line, read once, then the run."""
    return check(parse_check(args))


def check(request: CheckRequest) -> int:
    """Lint (or fix) the request's targets and report; the exit code."""
    targets, missing = expand(list(request.targets), request.include)
    results: list[FileResult] = []
    changes: list[Change] = []
    fixed_total = 0
    if missing or request.hub.authors:
        from cardlint.commands.hub import hub_results

        hub = hub_results(request, missing)
        results.extend(hub.results)
        missing = hub.not_found
        fixed_total, changes = hub.fixed, hub.changes
    elif request.hub.create_pr or request.hub.commit:
        raise UsageError(
            "--create-pr and --commit apply to Hub repositories (org/model), not local files"
        )
    results[:0] = [
        FileResult(argument, error=FileError(argument, "no such file or folder"))
        for argument in missing
    ]
    jobs = _jobs(targets, request)

    if request.fix or request.diff:
        fixed_total += _fix_all(jobs, request.unsafe_fixes, request.diff, results, changes)
    elif request.options.hub_validate and jobs:
        from cardlint.commands.hub_validate import judge_all

        results.extend(judge_all(jobs, request.hub.concurrency))
    else:
        results.extend(_lint_all(jobs, request.jobs))

    for result in results:
        if result.error is not None:
            sys.stderr.write(f"cardlint: {result.error}\n")
    summary = RunSummary.of(results)
    summary.fix_mode = request.fix and not request.diff
    summary.fixed = fixed_total
    summary.quiet = request.quiet
    summary.statistics = request.statistics
    summary.unsafe_fixes = request.unsafe_fixes
    if request.diff:
        _report_changes(request, changes, results, summary)
    elif not request.fix_only:
        _report(request, results, summary)

    if summary.unreadable:
        return EXIT_ERROR
    if request.diff:
        return EXIT_FINDINGS if changes else EXIT_CLEAN
    if request.exit_zero or request.fix_only:
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.errors + summary.warnings else EXIT_CLEAN


def _jobs(targets: list[Target], request: CheckRequest) -> list[tuple[str, Settings]]:
    """Each local file with the settings of its folder, leaving out the excluded ones."""
    jobs: list[tuple[str, Settings]] = []
    for target in targets:
        settings = request.settings_for(target.path)
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
    request: CheckRequest,
    changes: list[Change],
    results: list[FileResult],
    summary: RunSummary,
) -> None:
    """``--diff``: the diffs (or, in JSON, the edits per file) on stdout, then what they add up to on stderr."""
    with _output(request.output_file) as stream:
        if request.output_format == "json":
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
    if not request.quiet:
        sys.stdout.flush()  # the diff first, then what it adds up to
        sys.stderr.write(_would_fix(summary.fixed, len(changes)))
        if summary.unreadable:
            sys.stderr.write(
                f"{summary.unreadable} of {plural(summary.files, 'file')} could not be read.\n"
            )
        if summary.fixable_unsafe and not request.unsafe_fixes:
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


def _report(request: CheckRequest, results: list[FileResult], summary: RunSummary) -> None:
    with _output(request.output_file) as stream:
        get_reporter(request.output_format, color=_use_color(request.color, stream)).report(
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
