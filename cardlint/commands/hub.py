"""Hub targets for ``check`` and ``fix``: repositories named ``org/model`` and whole authors.

Repositories are fetched and linted concurrently (``--concurrency`` threads); one that fails
becomes a result with an error and never stops the others. On stderr: a progress bar when it is
a terminal, the URL of each pull request or commit, and after an author scan a summary table
(not with ``--quiet``). Fixing a repository pushes only with ``--create-pr`` or ``--commit``;
``--diff`` returns the change for the caller to show; ``fix`` with none of the three is a usage
error. A Hub that does not answer at all stops the run with one line (exit 2), before any repository.
"""

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from cardlint.diagnostics import FileError, FileResult
from cardlint.exit_codes import UsageError
from cardlint.fixer.apply import FixRefused, fix_card
from cardlint.hub.refs import RepoRef, could_be_path, parse_author, parse_target
from cardlint.hub.report import Progress, ScanSummary
from cardlint.linter import read_card, result_for
from cardlint.logs.attach import AttachedLogs, attach_found
from cardlint.logs.names import LogError
from cardlint.reading.card import Card
from cardlint.reading.co2 import find_block
from cardlint.report.changes import Change
from cardlint.request import CheckRequest, HubRequest
from cardlint.settings import Settings

if TYPE_CHECKING:  # cardlint.hub.client imports huggingface_hub: only on this path, at run time
    from cardlint.commands.hub_validate import Ask
    from cardlint.hub.client import HubCard

BOM = b"\xef\xbb\xbf"


@dataclass
class HubOutcome:
    """Results for the Hub targets, and the arguments that are neither paths nor repositories."""

    results: list[FileResult] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    fixed: int = 0  # findings fixed (pushed, or shown with --diff)
    # with --diff: the cards that fixing would change
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class _Done:
    """What processing one repository gave."""

    result: FileResult
    has_co2: bool = False
    fixed: int = 0
    change: Change | None = None  # with --diff
    pushed: str = ""  # the URL of the pull request or commit
    unreachable: bool = False  # not read because the Hub stopped answering


def hub_results(request: CheckRequest, arguments: list[str]) -> HubOutcome:
    """Lint (or fix) the Hub repositories among ``arguments`` and the repositories of ``--author``."""
    refs, authors, not_found = _classify(request.hub, arguments)
    outcome = HubOutcome(not_found=not_found)
    if not refs and not authors:
        return outcome
    mode = _mode(request, bool(authors))
    settings = request.settings_for(Path.cwd())  # the current folder's, as for a card in it
    hub = _hub_module()
    try:
        hub.ensure_reachable()
    except hub.HubError as error:
        raise UsageError(f"{error}; not checked: {', '.join(_unchecked(refs, authors))}") from None
    unlisted = 0
    for author in authors:
        listed = _list(hub, request.hub, author)
        if isinstance(listed, FileResult):
            outcome.results.append(listed)
            unlisted += 1
        else:
            refs.extend(listed)
    stopped: list[str] = []  # why the Hub stopped answering, once it has
    ask = _asker() if request.options.hub_validate else None
    done = _run_all(
        list(dict.fromkeys(refs)),
        lambda ref: _process(hub, ref, settings, mode, request.unsafe_fixes, stopped, ask),
        request.hub.concurrency,
    )
    outcome.results.extend(one_line_when_unreachable(done))
    for item in done:
        outcome.fixed += item.fixed
        if item.change is not None:
            outcome.changes.append(item.change)
        if item.pushed:
            action = "opened pull request" if mode == "create_pr" else "committed"
            sys.stderr.write(f"cardlint: {item.result.filename}: {action} {item.pushed}\n")
    if authors and not request.quiet:
        summary = ScanSummary(unlisted=unlisted)
        for item in done:
            summary.add(item.result, item.has_co2)
        sys.stderr.write(summary.table())
    return outcome


def one_line_when_unreachable(done: list[_Done]) -> list[FileResult]:
    """The results, those the Hub did not answer for folded into one (one line, not one per repository)."""
    lost = [item.result for item in done if item.unreachable]
    results = [item.result for item in done if not item.unreachable]
    if lost:
        name = lost[0].filename + (f" and {len(lost) - 1} more" if len(lost) > 1 else "")
        why = lost[0].error.message if lost[0].error is not None else "not read"
        results.append(FileResult(name, error=FileError(name, f"{why}; not checked")))
    return results


def _unchecked(refs: list[RepoRef], authors: list[str]) -> list[str]:
    """The targets a run that cannot reach the Hub leaves unchecked, as the user named them."""
    names = [f"{author}/*" for author in authors]
    for ref in refs:
        names.append(
            f"{ref.argument} (no such file or folder either)"
            if could_be_path(ref.argument)
            else ref.argument or ref.display
        )
    return names


def _classify(
    asked: HubRequest, arguments: list[str]
) -> tuple[list[RepoRef], list[str], list[str]]:
    """Repositories, authors (``--author`` and ``org/*``) and the arguments that are neither."""
    refs: list[RepoRef] = []
    authors = list(asked.authors)
    not_found: list[str] = []
    for argument in arguments:
        author = parse_author(argument)
        ref = parse_target(argument, asked.revision, asked.repo_type)
        if author is not None:
            authors.append(author)
        elif ref is not None:
            refs.append(ref)
        else:
            not_found.append(argument)
    return refs, list(dict.fromkeys(authors)), not_found


def _mode(request: CheckRequest, scanning: bool) -> str:
    """``check``, ``diff``, ``create_pr`` or ``commit``; usage errors for options that do not fit."""
    asked = request.hub
    if asked.create_pr and asked.commit:
        raise UsageError("choose one of --create-pr and --commit")
    if (asked.create_pr or asked.commit) and not request.fix:
        raise UsageError(
            "--create-pr and --commit push fixes: use them with `cardlint fix` (or check --fix)"
        )
    if (asked.limit is not None or asked.filters) and not scanning:
        raise UsageError("--limit and --filter select repositories of --author (or org/*)")
    if asked.limit is not None and asked.limit < 1 or asked.concurrency < 1:
        raise UsageError("--limit and --concurrency must be at least 1")
    if request.diff:
        return "diff"
    if not request.fix:
        return "check"
    if not (asked.create_pr or asked.commit):
        raise UsageError(
            "fixing a Hub repository pushes a change: add --create-pr (a pull request), --commit (owners) or --diff (show it)"
        )
    return "create_pr" if asked.create_pr else "commit"


def _hub_module() -> ModuleType:
    """``cardlint.hub.client`` (and so huggingface_hub), its log and download bars silenced: cardlint reports."""
    from huggingface_hub.utils import disable_progress_bars, logging

    import cardlint.hub.client as hub

    logging.set_verbosity_error()
    disable_progress_bars()
    return hub


def _list(hub: ModuleType, asked: HubRequest, author: str) -> list[RepoRef] | FileResult:
    name = f"{author}/*"
    try:
        found: list[RepoRef] = hub.list_repos(
            author, asked.repo_type, asked.revision, asked.limit, asked.filters
        )
    except hub.HubError as error:
        return FileResult(name, error=FileError(name, str(error)))
    if not found:
        tags = f" tagged {', '.join(asked.filters)}" if asked.filters else ""
        return FileResult(
            name,
            error=FileError(
                name, f"no {asked.repo_type} repositories by '{author}'{tags} on the Hub"
            ),
        )
    return found


def _run_all(
    refs: list[RepoRef], work: Callable[[RepoRef], _Done], concurrency: int
) -> list[_Done]:
    """``work`` on every repository in a bounded thread pool; results in the order of ``refs``."""
    done: dict[int, _Done] = {}
    progress = Progress(len(refs), sys.stderr)
    pool = ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(refs))))
    try:
        futures = {pool.submit(work, ref): index for index, ref in enumerate(refs)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            progress.advance(refs[futures[future]].display)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        progress.close()
    return [done[index] for index in range(len(refs))]


def _asker() -> "Ask":
    from cardlint.commands.hub_validate import Asker

    return Asker()


def _process(
    hub: ModuleType,
    ref: RepoRef,
    settings: Settings,
    mode: str,
    unsafe: bool,
    stopped: list[str],
    ask: "Ask | None" = None,
) -> _Done:
    """Fetch, lint and maybe fix one repository; every failure becomes an error result.

    Once the Hub has stopped answering (``stopped`` holds why), the rest are not tried. With
    ``ask`` (--hub-validate), the Hub's validation endpoint judges the card too.
    """
    if stopped:
        return replace(_failed(ref, stopped[0]), unreachable=True)
    try:
        fetched = hub.fetch_card(ref)
        card = read_card(fetched.readme)
        if isinstance(card, FileError):
            return _failed(ref, card.message)
        card.path = ref.display
        card.repo_files, card.repo_type = fetched.files, ref.repo_type
        logs = attach_found(settings.options, list(fetched.logs))  # named, or in the repository
        has_co2 = find_block(card) is not None
        if mode == "check" and ask is not None:
            from cardlint.commands.hub_validate import lint_judged

            done = _Done(lint_judged(card, settings, logs, ask), has_co2)
        elif mode == "check":
            done = _Done(result_for(card, settings, logs), has_co2)
        else:
            done = _fix(hub, fetched, card, settings, logs, mode, unsafe, has_co2)
    except hub.HubError as error:
        if error.kind == hub.MISSING and could_be_path(ref.argument):
            return _Done(
                FileResult(ref.argument, error=FileError(ref.argument, hub.missing_path()))
            )
        if error.kind == hub.UNREACHABLE:
            stopped.append(str(error))
            return replace(_failed(ref, str(error)), unreachable=True)
        return _failed(ref, str(error))
    except LogError as error:
        return _failed(
            ref, f"cannot use measurement log: {error}; the card was not checked against it"
        )
    except Exception as error:  # one failing repository never stops the others
        detail = next(iter(str(error).splitlines()), "")
        return _failed(
            ref,
            hub.redact(f"internal error: {type(error).__name__}: {detail} (please report this)"),
        )
    if done.result.error is not None:
        return done
    return replace(done, result=done.result._replace(notes=_notes(fetched, done.result, logs)))


def _fix(
    hub: ModuleType,
    fetched: "HubCard",
    card: Card,
    settings: Settings,
    logs: AttachedLogs | None,
    mode: str,
    unsafe: bool,
    has_co2: bool,
) -> _Done:
    """Fix the downloaded text (the cached file is only read); show the change or push it."""
    ref = fetched.ref
    try:
        fixed_card, applied = fix_card(card, settings, unsafe, logs)
    except FixRefused as error:
        return _failed(ref, f"fix refused, nothing pushed: {error}")
    result = result_for(fixed_card, settings, logs)._replace(fixed=tuple(applied))
    if fixed_card.text == card.text:
        return _Done(result, has_co2)
    if mode == "diff":
        return _Done(
            result,
            has_co2,
            len(applied),
            Change(ref.display, card.text, fixed_card.text, tuple(applied)),
        )
    content = (BOM if fixed_card.bom else b"") + fixed_card.text.encode("utf-8")
    url = hub.push_card(
        fetched, content, hub.describe_fixes(ref.filename, applied), create_pr=mode == "create_pr"
    )
    return _Done(result, has_co2, len(applied), pushed=url)


def _notes(fetched: "HubCard", result: FileResult, logs: AttachedLogs | None) -> tuple[str, ...]:
    """A link to the card at its commit (when there is something to look at), and the logs beside it."""
    notes = list(result.notes)
    if logs is not None:
        notes.append(logs.describe())
    if result.diagnostics or result.fixed:
        notes.append(f"{fetched.ref.filename} at commit {fetched.commit[:7]}: {fetched.url}")
    notes += [f"measurement log in the repository: {path.name}" for path in fetched.logs]
    notes += fetched.notes
    return tuple(notes)


def _failed(ref: RepoRef, message: str) -> _Done:
    return _Done(FileResult(ref.display, error=FileError(ref.display, message)))
