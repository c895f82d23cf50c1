"""``cardlint check --hub-validate``: each card is also sent to the Hub's validation endpoint.

The Hub's answer is attached to the card before it is linted (``Card.hub_answer``), so MC801
reports its errors as any rule reports findings (selection, inline suppression, every output
format); its warnings become notes. A card whose answer the endpoint would not give keeps its
local findings and gets one error line (exit 2). Cards are judged ``--concurrency`` at a time.
Only this path imports huggingface_hub for a local card.
"""

from collections.abc import Callable

from cardlint.diagnostics import FileError, FileResult
from cardlint.exit_codes import UsageError
from cardlint.hub.errors import UNREACHABLE, HubError
from cardlint.hub.validate import HubAnswer, validate_text
from cardlint.linter import failed, lint_path, prepare, result_for
from cardlint.logs.attach import AttachedLogs
from cardlint.reading.card import Card
from cardlint.settings import Settings

CODE = "MC801"
Ask = Callable[[str, str, bool], HubAnswer]  # (text, repo type, BOM) -> the Hub's answer


class Asker:
    """:func:`validate_text`, which stops asking once the Hub has stopped answering at all:
    the cards left get the same one-line reason without waiting for retries."""

    def __init__(self) -> None:
        self.stopped: HubError | None = None

    def __call__(self, text: str, repo_type: str, bom: bool) -> HubAnswer:
        if self.stopped is not None:
            raise self.stopped
        try:
            return validate_text(text, repo_type, bom)
        except HubError as error:
            if error.kind == UNREACHABLE:
                self.stopped = error
            raise


def lint_judged(card: Card, settings: Settings, logs: AttachedLogs | None, ask: Ask) -> FileResult:
    """Lint ``card`` with the Hub's answer (when MC801 runs on it); the Hub's warnings as notes,
    and the endpoint's failure as the result's error."""
    failure = None
    if settings.is_enabled(CODE, card.path):
        try:
            card.hub_answer = ask(card.text, card.repo_type or settings.options.repo_type, card.bom)
        except HubError as error:
            failure = f"not validated by the Hub: {error}"
    result = result_for(card, settings, logs)
    warnings = card.hub_answer.warnings if card.hub_answer is not None else ()
    return result._replace(
        notes=result.notes + tuple(f"the Hub's validation warns: {text}" for text in warnings),
        error=FileError(card.path, failure) if failure else None,
    )


def judge_all(jobs: list[tuple[str, Settings]], concurrency: int) -> list[FileResult]:
    """Lint each local (path, settings) pair with the Hub's answer; a UsageError, before any
    card, when the Hub does not answer at all."""
    if not any(settings.is_enabled(CODE, path) for path, settings in jobs):
        return [lint_path(path, settings) for path, settings in jobs]
    from concurrent.futures import ThreadPoolExecutor

    from cardlint.hub.validate import ensure_ready

    try:
        ensure_ready()
    except HubError as error:
        names = [path for path, _ in jobs]
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        raise UsageError(
            f"{error}; --hub-validate needs the Hub, not checked: {', '.join(names[:3])}{more}"
        ) from None
    ask = Asker()
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(jobs)))) as pool:
        return list(pool.map(lambda job: judge_path(job[0], job[1], ask), jobs))


def judge_path(path: str, settings: Settings, ask: Ask) -> FileResult:
    """One local card, read, linted and judged; never an exception."""
    try:
        prepared = prepare(path, settings)
        if isinstance(prepared, FileError):
            return FileResult(prepared.filename, error=prepared)
        card, logs, notes = prepared
        result = lint_judged(card, settings, logs, ask)
        return result._replace(notes=notes + result.notes)
    except Exception as error:  # a bug met in one file loses this file, not the whole run
        return failed(path, error)
