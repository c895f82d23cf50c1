"""Talk to the Hugging Face Hub through huggingface_hub: fetch a card and its logs, list an author, push a fix.

Only the Hub code path imports this module, so a local check never loads huggingface_hub.
``HF_ENDPOINT``, ``HF_TOKEN`` (or the login token), ``HF_HOME`` and ``HF_HUB_OFFLINE`` work as
they do for huggingface_hub itself. Every failure is raised as :class:`HubError`, one line.
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import httpx2
from huggingface_hub import CommitOperationAdd, HfApi, constants, hf_hub_download
from huggingface_hub.utils import get_session

from cardlint import __version__
from cardlint.diagnostics import Diagnostic
from cardlint.hub.errors import (
    MISSING,
    UNREACHABLE,
    HubError,
    call_api,
    call_download,
    hub_error,
    missing_path,
    redact,
)
from cardlint.hub.refs import DEFAULT_REVISION, RepoRef, is_log_name, log_names

__all__ = [
    "MISSING",
    "PR_TITLE",
    "UNREACHABLE",
    "HubCard",
    "HubError",
    "describe_fixes",
    "ensure_reachable",
    "fetch_card",
    "list_repos",
    "missing_path",
    "push_card",
    "redact",
]

PR_TITLE = "Fix co2_eq_emissions metadata (cardlint)"
PROBE_TIMEOUT_S = 5.0  # at most, per try: HF_HUB_ETAG_TIMEOUT if shorter
PROBE_RETRY_AFTER_S = 0.5


@dataclass(frozen=True)
class HubCard:
    """A card downloaded from the Hub, with the measurement logs found beside it."""

    ref: RepoRef
    commit: str  # the commit the revision pointed at
    readme: Path  # the card in the huggingface_hub cache: read it, never write it
    url: str  # the card at that commit on the Hub
    # emissions.csv, cardlint-energy.jsonl, *_carbontracker_output.log (cache paths)
    logs: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()  # logs that were listed but could not be downloaded
    files: tuple[str, ...] = ()  # every file of the repository at that commit


def ensure_reachable(api: HfApi | None = None) -> None:
    """Raise HubError (kind UNREACHABLE) when the Hub does not answer at all, after one retry.

    One request before a run's Hub work, so that a machine without network fails in seconds,
    once, rather than per repository after huggingface_hub's own retries (over 20 s for a
    listing). Any HTTP answer will do; offline mode (HF_HUB_OFFLINE) reads the cache and skips it.
    """
    if constants.is_offline_mode():
        return
    endpoint = (api or HfApi()).endpoint
    timeout = min(PROBE_TIMEOUT_S, float(constants.HF_HUB_ETAG_TIMEOUT))
    for attempt in range(2):
        try:
            get_session().head(endpoint, timeout=timeout)
            return
        except httpx2.TransportError as error:
            if attempt:
                raise HubError(
                    f"cannot reach the Hub at {endpoint} ({type(error).__name__}), also on retry",
                    UNREACHABLE,
                ) from None
            time.sleep(PROBE_RETRY_AFTER_S)


def fetch_card(ref: RepoRef, api: HfApi | None = None) -> HubCard:
    """List the repository once, download its card, then the logs beside it at the card's commit (offline: the cache)."""
    api = api or HfApi()
    if constants.is_offline_mode():
        return _from_cache(ref, api)
    try:
        info = call_api(
            lambda: api.repo_info(
                ref.repo_id,
                repo_type=ref.repo_type,
                revision=ref.revision,
                timeout=constants.HF_HUB_ETAG_TIMEOUT,
            )
        )
    except Exception as error:
        raise hub_error(error, ref) from None
    files = [sibling.rfilename for sibling in getattr(info, "siblings", None) or ()]
    if ref.filename not in files:
        raise HubError(
            f"the {ref.repo_type} repository has no {ref.filename} at revision '{ref.revision}'"
        )
    # by name, so that the cache knows the branch offline
    readme = _download(api, ref, ref.filename, ref.revision)
    commit = _commit_of(readme, ref.filename)
    logs: list[Path] = []
    notes: list[str] = []
    for name in log_names(files, ref.filename):
        try:
            logs.append(_download(api, ref, name, commit))
        except HubError as error:
            notes.append(
                f"measurement log {name} is in the repository but could not be downloaded: {error}"
            )
    return HubCard(
        ref,
        commit,
        readme,
        ref.blob_url(api.endpoint, commit),
        tuple(logs),
        tuple(notes),
        tuple(files),
    )


def list_repos(
    author: str,
    repo_type: str = "model",
    revision: str | None = None,
    limit: int | None = None,
    tags: Iterable[str] = (),
    api: HfApi | None = None,
) -> list[RepoRef]:
    """The repositories of ``author`` (``HfApi.list_models`` and friends, which retry 429 and 5xx themselves)."""
    api = api or HfApi()
    lister = {"model": api.list_models, "dataset": api.list_datasets, "space": api.list_spaces}[
        repo_type
    ]
    try:
        found = lister(author=author, limit=limit, filter=list(tags) or None)  # type: ignore[operator]
        return [RepoRef(info.id, repo_type, revision or DEFAULT_REVISION) for info in found]
    except Exception as error:
        raise hub_error(error, RepoRef(f"{author}/*", repo_type)) from None


def push_card(
    card: HubCard, content: bytes, description: str, create_pr: bool, api: HfApi | None = None
) -> str:
    """Upload ``content`` as the card in one commit on top of ``card.commit``; the pull request's (or commit's) URL.

    Never retried: a lost answer would otherwise open a second pull request.
    """
    api = api or HfApi()
    ref = card.ref
    try:
        info = api.create_commit(
            ref.repo_id,
            operations=[CommitOperationAdd(path_in_repo=ref.filename, path_or_fileobj=content)],
            commit_message=PR_TITLE,
            commit_description=description,
            repo_type=ref.repo_type,
            revision=ref.revision,
            create_pr=create_pr,
            parent_commit=card.commit,
        )
    except Exception as error:
        raise hub_error(error, ref) from None
    return str(info.pr_url if create_pr else info.commit_url)


def describe_fixes(filename: str, fixes: Iterable[Diagnostic]) -> str:
    """The pull request's description: one line per fix applied."""
    lines = [f"cardlint fixed these findings in `{filename}`:", ""]
    for finding in fixes:
        how = f" ({finding.fix.message})" if finding.fix is not None else ""
        lines.append(
            f"- line {finding.location.row}, {finding.code} `{finding.name}`: {finding.message}{how}"
        )
    lines += [
        "",
        "Nothing else in the file changed, byte for byte.",
        "",
        f"Made with cardlint {__version__}: https://github.com/cardlint/cardlint",
    ]
    return "\n".join(lines) + "\n"


def _download(api: HfApi, ref: RepoRef, filename: str, revision: str) -> Path:
    try:
        return Path(
            call_download(
                lambda: hf_hub_download(
                    ref.repo_id,
                    filename,
                    repo_type=ref.repo_type,
                    revision=revision,
                    endpoint=api.endpoint,
                    token=api.token,
                )
            )
        )
    except Exception as error:
        raise hub_error(
            error, RepoRef(ref.repo_id, ref.repo_type, ref.revision, filename)
        ) from None


def _from_cache(ref: RepoRef, api: HfApi) -> HubCard:
    """Offline: the cached card of the revision, and the logs cached beside it."""
    try:
        readme = Path(
            hf_hub_download(
                ref.repo_id,
                ref.filename,
                repo_type=ref.repo_type,
                revision=ref.revision,
                endpoint=api.endpoint,
                local_files_only=True,
            )
        )
    except Exception as error:
        raise hub_error(error, ref) from None
    commit = _commit_of(readme, ref.filename)
    logs = tuple(sorted(path for path in readme.parent.iterdir() if is_log_name(path.name)))
    snapshot = readme.parents[len(PurePosixPath(ref.filename).parts) - 1]
    cached = tuple(sorted(path.relative_to(snapshot).as_posix() for path in snapshot.rglob("*")))
    return HubCard(ref, commit, readme, ref.blob_url(api.endpoint, commit), logs, (), cached)


def _commit_of(cached: Path, filename: str) -> str:
    """The commit of a file in the huggingface_hub cache: ``.../snapshots/<commit>/<filename>``."""
    return cached.parents[len(PurePosixPath(filename).parts) - 1].name
