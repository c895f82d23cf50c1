"""What a value meant as a Hub repository id is when it is not one (MC401, MC501): a link to the
repository's page, a local path, an id with a revision, prose; and the id it names, if any.
"""

import re
from typing import NamedTuple

from cardlint.metadata.repo_ids import is_repo_id

_ALLOWED = re.compile(r"[A-Za-z0-9_./-]")

_HUB_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)(?::\d+)?(?P<path>/[^?#]*)?(?:[?#].*)?",
    re.IGNORECASE,
)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# the first part of a huggingface.co address that is no model's organisation
_NOT_A_NAMESPACE = frozenset(
    "api blog buckets changelog chat collections datasets docs enterprise join learn login models "
    "new organizations papers posts pricing search settings spaces tasks".split()
)
# what may follow org/name in a repository's address (/tree/main, /blob/main/config.json...)
_REPO_PAGES = frozenset(
    "blame blob commit commits community discussions edit raw resolve settings tree viewer".split()
)
_CACHE_DIR = re.compile(r"(?:^|[\\/])(models|datasets|spaces)--([^\\/]+)")
_WINDOWS_PATH = re.compile(r"[A-Za-z]:[\\/]")
_REVISION = re.compile(r"(?P<id>[^@:\s]+)(?P<sep>[@:])(?P<rev>\S+)")


class Reading(NamedTuple):
    """What a value that is no repository id is: ``kind`` (url, hub-url, other-kind, path,
    revision, prose, empty, invalid), why it is no id, the id it names when it names one, and
    whether writing that id instead changes nothing the author meant (a safe fix)."""

    kind: str
    reason: str
    repo_id: str | None = None
    safe: bool = False


def read_reference(text: str, repo_type: str) -> Reading | None:
    """What ``text``, meant as the id of a ``repo_type`` ("model" or "dataset") repository, is
    when it is not one; None when it is one."""
    if is_repo_id(text):
        return None
    if not text.strip():
        return Reading("empty", "it is empty")
    hub = _HUB_URL.fullmatch(text.strip())
    if hub is not None:
        return _hub_address(hub.group("path") or "", repo_type)
    if _URL.match(text.strip()):
        return Reading("url", f"it is a URL, not a Hub {repo_type} id")
    if _is_path(text):
        cached = _CACHE_DIR.search(text)
        if cached is not None and cached.group(1) == f"{repo_type}s":
            repo_id = "/".join(cached.group(2).split("--"))
            if is_repo_id(repo_id):
                return Reading(
                    "path",
                    f"it is a local path into the Hugging Face cache of '{repo_id}'",
                    repo_id,
                )
        return Reading("path", "it is a local path")
    revision = _REVISION.fullmatch(text.strip())
    if revision is not None and is_repo_id(revision.group("id")):
        what = "a revision" if revision.group("sep") == "@" else "a tag or revision"
        return Reading(
            "revision",
            f"a Hub id names no revision, and '{revision.group('rev')}' after "
            f"'{revision.group('sep')}' is {what}",
            revision.group("id"),
        )
    if any(char.isspace() for char in text):
        return Reading("prose", "a Hub id has no spaces")
    return Reading("invalid", _grammar_reason(text))


def _is_path(text: str) -> bool:
    """A local file-system path: absolute, relative with ./ or ~, Windows, or deeper than org/name."""
    return (
        text.startswith(("/", "./", "../", "~", "\\"))
        or _WINDOWS_PATH.match(text) is not None
        or "\\" in text
        or text.count("/") > 1
    )


def _hub_address(path: str, repo_type: str) -> Reading:
    """What a huggingface.co address names: a repository of ``repo_type`` (its id), another
    kind of repository, or a page that is no repository."""
    parts = [part for part in path.split("/") if part]
    kinds = {"datasets": "dataset", "spaces": "Space"}
    kind = "model"
    if parts and parts[0] in kinds:
        kind, parts = kinds[parts[0]], parts[1:]
    if not parts or (kind == "model" and parts[0] in _NOT_A_NAMESPACE):
        return Reading("url", f"it is a link to a Hub page, not to a {repo_type}")
    if kind != repo_type:
        return Reading("other-kind", f"it is a link to a {kind}, not to a {repo_type}")
    # hf.co/org/name-GGUF:Q4_K_M, as llama.cpp and Ollama write a quantization: a tag, dropped
    name, _, tag = parts[1].removesuffix(".git").partition(":") if len(parts) > 1 else ("", "", "")
    if len(parts) == 1 or name in _REPO_PAGES:
        repo_id = parts[0].removesuffix(".git")
        if not is_repo_id(repo_id):
            return Reading("url", f"it is a URL, not a Hub {repo_type} id")
        return Reading(
            "hub-url",
            f"it is a link to the Hub page of '{repo_id}', which is either a legacy {repo_type} "
            "id (one without an organisation) or an organisation",
            repo_id,
        )
    repo_id = f"{parts[0]}/{name}"
    if not is_repo_id(repo_id):
        return Reading("url", f"it is a URL, not a Hub {repo_type} id")
    if tag:
        return Reading("hub-url", f"it is a link to the {repo_type} with the tag '{tag}'", repo_id)
    known_page = len(parts) == 2 or parts[2] in _REPO_PAGES
    return Reading("hub-url", f"it is a link to the {repo_type}'s page", repo_id, known_page)


def _grammar_reason(text: str) -> str:
    """Which of validate_repo_id's rules ``text`` (no path, URL or prose) breaks."""
    odd = sorted({char for char in text if not _ALLOWED.match(char)})
    if odd:
        shown = " ".join(repr(char) for char in odd[:5])
        return f"a Hub id has only letters, digits, '-', '_', '.' and one '/', not {shown}"
    if "--" in text or ".." in text:
        return "a Hub id has no '--' or '..'"
    if text.endswith(".git"):
        return "a Hub id does not end in '.git'"
    if any(len(part) > 96 for part in text.split("/")):
        return "a Hub id's name and organisation have at most 96 characters each"
    return "a Hub id's name and organisation start and end with a letter, a digit or '_'"
