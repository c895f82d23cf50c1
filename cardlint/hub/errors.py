"""Hub failures as one-line messages, and the retries huggingface_hub does not already make.

What huggingface_hub 2.x retries by itself (so it is not retried again here):
``hf_hub_download``'s HEAD request (429 after ``Retry-After``, 5xx, time-outs: five retries
once no cached copy can answer), its GET (429 and time-outs) and ``list_models`` (429, 5xx).
What it does not retry: ``repo_info`` and a 5xx on the GET; :func:`call_api` and
:func:`call_download` cover those, :data:`ATTEMPTS` tries at most. A commit is never retried:
a lost answer would open a second pull request.
"""

import time
from collections.abc import Callable
from typing import TypeVar

import httpx2
from huggingface_hub import constants, get_token
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    LocalEntryNotFoundError,
    OfflineModeIsEnabled,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)

from cardlint.hub.refs import RepoRef

T = TypeVar("T")

ATTEMPTS = 3
BACKOFF_S = 0.5  # then doubled
MAX_RETRY_AFTER_S = 60.0  # a longer Retry-After fails the repository rather than stall the run
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
LOGIN = "log in with `hf auth login` or set HF_TOKEN"


MISSING, UNREACHABLE = "missing", "unreachable"  # the kinds of HubError a caller tells apart


class HubError(Exception):
    """A repository that could not be read or written; the message is one line, without the token.

    ``kind`` is MISSING when no repository of that name can be read (absent, or private without
    a token that opens it), UNREACHABLE when the Hub did not answer at all, else empty.
    """

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


def call_api(call: Callable[[], T]) -> T:
    """Run an API call that huggingface_hub does not retry: 429 (after Retry-After), 5xx, time-outs, network errors."""
    return _retrying(call, _api_wait)


def call_download(call: Callable[[], T]) -> T:
    """Run ``hf_hub_download``, retrying only what it does not: a 5xx answer to its GET."""
    return _retrying(call, _download_wait)


def _retrying(call: Callable[[], T], wait_for: Callable[[Exception, int], float | None]) -> T:
    for attempt in range(1, ATTEMPTS):
        try:
            return call()
        except (HfHubHTTPError, httpx2.TransportError) as error:
            wait = wait_for(error, attempt)
            if wait is None:
                raise
            time.sleep(wait)
    return call()


def _api_wait(error: Exception, attempt: int) -> float | None:
    if isinstance(error, (httpx2.TimeoutException, httpx2.NetworkError)):
        return _backoff(attempt)
    status = _status(error)
    if status == 429 and isinstance(error, HfHubHTTPError) and error.response is not None:
        after = error.response.headers.get("Retry-After", "").strip()
        if after.isdigit():
            return float(after) if float(after) <= MAX_RETRY_AFTER_S else None
    return _backoff(attempt) if status in RETRY_STATUSES else None


def _download_wait(error: Exception, attempt: int) -> float | None:
    return _backoff(attempt) if _status(error) in RETRY_STATUSES - {429} else None


def _backoff(attempt: int) -> float:
    return BACKOFF_S * 2 ** (attempt - 1)


def _status(error: BaseException) -> int | None:
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None)


def explain(error: BaseException, ref: RepoRef) -> str:
    """Why ``ref`` failed, in one line that says what to do; the token is never part of it."""
    return redact(_explain(error, ref))


def hub_error(error: BaseException, ref: RepoRef) -> HubError:
    """``error`` as a HubError: its one-line explanation and its kind."""
    cause = (
        error.__cause__
        if isinstance(error, LocalEntryNotFoundError) and error.__cause__ is not None
        else error
    )
    kind = (
        MISSING
        if isinstance(cause, RepositoryNotFoundError) and not isinstance(cause, GatedRepoError)
        else ""
    )
    if isinstance(cause, httpx2.TransportError) and not isinstance(cause, httpx2.TimeoutException):
        kind = UNREACHABLE
    return HubError(explain(error, ref), kind)


def missing_path() -> str:
    """What to say of an argument that is neither a local path nor a Hub repository that can be read."""
    if get_token():
        return "no such file or folder, and no Hub repo of that name that your token can read"
    return f"no such file or folder, and no Hub repo of that name (or it is private: if you have access, {LOGIN})"


def redact(text: str) -> str:
    """``text`` with the configured token, if any, masked."""
    token = get_token()
    return text.replace(token, "hf_***") if token else text


def _explain(error: BaseException, ref: RepoRef) -> str:
    kind = f"{ref.repo_type} repository"
    if isinstance(error, LocalEntryNotFoundError) and (
        constants.is_offline_mode() or isinstance(error.__cause__, OfflineModeIsEnabled)
    ):
        return f"offline (HF_HUB_OFFLINE is set) and {ref.filename} of {ref.repo_id}@{ref.revision} is not in the cache ({constants.HF_HUB_CACHE})"
    cause = (
        error.__cause__
        if isinstance(error, LocalEntryNotFoundError) and error.__cause__ is not None
        else error
    )
    page = ref.page(constants.ENDPOINT)
    if isinstance(cause, GatedRepoError):
        if get_token():
            return f"gated {kind}: the account of your token has no access yet; accept the conditions on {page}"
        return f"gated {kind}: accept the conditions on {page}, then {LOGIN}"
    if isinstance(cause, RepositoryNotFoundError):
        if get_token():
            return f"no {kind} '{ref.repo_id}' that your token can read (it does not exist, or it is private)"
        return (
            f"no {kind} '{ref.repo_id}' on the Hub, or it is private: if you have access, {LOGIN}"
        )
    if isinstance(cause, RevisionNotFoundError):
        return f"no revision '{ref.revision}' in {kind} '{ref.repo_id}'"
    if isinstance(cause, RemoteEntryNotFoundError):
        return f"the {kind} has no {ref.filename} at revision '{ref.revision}'"
    return describe(cause)


def describe(error: BaseException) -> str:
    """Why a request to the Hub failed, whatever the repository: time-out, network, HTTP status."""
    if isinstance(error, httpx2.TimeoutException):
        return f"timed out waiting for the Hub, also on retry (HF_HUB_ETAG_TIMEOUT={constants.HF_HUB_ETAG_TIMEOUT}s, HF_HUB_DOWNLOAD_TIMEOUT={constants.HF_HUB_DOWNLOAD_TIMEOUT}s)"
    if isinstance(error, httpx2.TransportError):
        return (
            f"cannot reach the Hub at {constants.ENDPOINT} ({type(error).__name__}), also on retry"
        )
    status = _status(error)
    if status is not None:
        return _explain_status(status, error)
    return _first_line(error) or type(error).__name__


def _explain_status(status: int, error: BaseException) -> str:
    if status == 401:
        if get_token():
            return f"the Hub rejected the token (401): it is invalid or expired; {LOGIN}"
        return f"the Hub needs a token for this (401): {LOGIN}"
    if status == 403:
        return "the Hub refused (403): your token does not have the permission this needs (write access, or a fine-grained scope)"
    if status in (409, 412):
        return f"the repository changed since cardlint read it ({status}): run cardlint again"
    if status == 429:
        return "rate-limited by the Hub (429), also after retrying: wait, or lower --concurrency"
    if status >= 500:
        return f"the Hub answered {status} (server error), also after retrying: try again later"
    server = getattr(error, "server_message", None) or ""
    return f"the Hub answered {status}" + (f": {server.splitlines()[0]}" if server else "")


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else ""
