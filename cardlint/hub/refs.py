"""Name Hub repositories: parse ``org/model``, ``hf://`` and huggingface.co URLs, print ``org/model@rev``.

Pure string work: this module does not import huggingface_hub, so a mistyped local path costs nothing.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

README = "README.md"
DEFAULT_REVISION = "main"
_PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}
_KIND = {"datasets": "dataset", "spaces": "space"}

_NAME = r"[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?"
_REPO = rf"(?:(?P<kind>datasets|spaces)/)?(?P<repo_id>{_NAME}/{_NAME})"
_AT = r"(?:@(?P<at>[^/@]+))?"
_BARE = re.compile(rf"{_REPO}{_AT}/?")
_HF = re.compile(rf"{_REPO}{_AT}(?:/(?P<path>.+))?")
_WEB = re.compile(
    rf"{_REPO}(?:/tree/(?P<tree>[^/]+)(?:/(?P<folder>.+?))?|/(?:blob|resolve|raw)/(?P<rev>[^/]+)/(?P<path>.+?))?/?"
)
_AUTHOR = re.compile(rf"(?:hf://)?(?P<author>{_NAME})/\*")
_WEB_HOSTS = ("https://huggingface.co/", "https://hf.co/", "http://huggingface.co/")


@dataclass(frozen=True)
class RepoRef:
    """One card on the Hub: a repository, its kind, a revision and the file (README.md by default)."""

    repo_id: str
    repo_type: str = "model"
    revision: str = DEFAULT_REVISION
    filename: str = README
    # as named on the command line; empty when listed
    argument: str = field(default="", compare=False)

    @property
    def display(self) -> str:
        """``org/model@main`` (``datasets/org/name@v1``; the file is added when it is not README.md)."""
        name = f"{_PREFIX[self.repo_type]}{self.repo_id}@{self.revision}"
        return name if self.filename == README else f"{name}/{self.filename}"

    def page(self, endpoint: str) -> str:
        """The repository's page on the Hub."""
        return f"{endpoint.rstrip('/')}/{_PREFIX[self.repo_type]}{self.repo_id}"

    def blob_url(self, endpoint: str, commit: str) -> str:
        """The card file at ``commit`` on the Hub."""
        return f"{self.page(endpoint)}/blob/{commit}/{self.filename}"


def parse_target(
    argument: str, revision: str | None = None, repo_type: str = "model"
) -> RepoRef | None:
    """The repository an argument names, or None when it does not look like one.

    A revision or kind inside the argument (``@v1``, ``/tree/v1``, ``datasets/``) wins over the
    ``revision`` and ``repo_type`` options. A bare ``dir/file.md`` is taken for a missing local file.
    """
    web = _strip_web_host(argument)
    if web is not None:
        match = _WEB.fullmatch(web)
        if match is None:
            return None
        tree, rev, path, folder = match["tree"], match["rev"], match["path"], match["folder"]
        filename = path or (f"{folder.strip('/')}/{README}" if folder else README)
        return _ref(match, tree or rev, revision, repo_type, filename, argument)
    if argument.startswith("hf://"):
        match = _HF.fullmatch(argument[len("hf://") :])
        return (
            None
            if match is None
            else _ref(match, match["at"], revision, repo_type, match["path"] or README, argument)
        )
    match = _BARE.fullmatch(argument)
    if match is None or match["repo_id"].lower().endswith(".md"):
        return None
    return _ref(match, match["at"], revision, repo_type, README, argument)


def could_be_path(argument: str) -> bool:
    """Whether an argument taken for a repository could as well be a mistyped local path (``mydir/models``)."""
    return bool(argument) and "@" not in argument and "://" not in argument


def parse_author(argument: str) -> str | None:
    """The author of an ``org/*`` argument, or None."""
    match = _AUTHOR.fullmatch(argument)
    return match["author"] if match else None


def log_names(files: list[str], card: str) -> list[str]:
    """The files beside ``card`` under the names measurement tools write by default."""
    folder = PurePosixPath(card).parent
    return [
        name
        for name in files
        if PurePosixPath(name).parent == folder and is_log_name(PurePosixPath(name).name)
    ]


def is_log_name(name: str) -> bool:
    """CodeCarbon's ``emissions.csv``, cardlint's ``cardlint-energy.jsonl``, carbontracker's ``*_carbontracker_output.log``."""
    return name in ("emissions.csv", "emission.csv", "cardlint-energy.jsonl") or name.endswith(
        "_carbontracker_output.log"
    )


def _strip_web_host(argument: str) -> str | None:
    endpoint = os.environ.get("HF_ENDPOINT", "").rstrip("/")
    for host in (*_WEB_HOSTS, *((endpoint + "/",) if endpoint else ())):
        if argument.startswith(host):
            return argument[len(host) :]
    return None


def _ref(
    match: re.Match[str],
    inline: str | None,
    revision: str | None,
    repo_type: str,
    filename: str,
    argument: str,
) -> RepoRef:
    kind = _KIND.get(match["kind"] or "", repo_type)
    return RepoRef(
        match["repo_id"], kind, unquote(inline or revision or DEFAULT_REVISION), filename, argument
    )
