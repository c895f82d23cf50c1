"""The Hub's own verdict on a card: ``POST {HF_ENDPOINT}/api/validate-yaml``, the check a push runs.

The README's text goes as it is, with its repository kind: ``{"content": ..., "repoType": ...}``,
the body ``HfApi.create_commit`` and ``upload_folder`` send before uploading a README.md. A 200
may carry ``warnings[].message``; a 400 carries ``errors[].message``. The request is made with
huggingface_hub's own session, headers and error mapping (``get_session``, ``build_hf_headers``,
``hf_raise_for_status``), not through ``RepoCard(text).validate()``: that method sends the card
re-serialised by PyYAML (``language: no``, Norwegian to the Hub's YAML 1.2 reader, goes as
``language: false``; ``1.10`` as ``1.1``; comments dropped), so the Hub would judge another card;
it keeps a 200's warnings to itself, and gives a 400's errors only as the response's raw text.
Only the --hub-validate path imports this module (and so huggingface_hub).
"""

from typing import Any, NamedTuple

import httpx2
from huggingface_hub import constants
from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

from cardlint import __version__
from cardlint.hub.errors import UNREACHABLE, HubError, call_api, describe, redact

BOM = "\ufeff"


class HubAnswer(NamedTuple):
    """What the validation endpoint said of one card: the errors that reject it, and warnings."""

    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def ensure_ready() -> None:
    """HubError, one line, when the endpoint cannot be asked: offline mode, or no answer at all."""
    _online()
    from cardlint.hub.client import ensure_reachable

    ensure_reachable()


def validate_text(text: str, repo_type: str = "model", bom: bool = False) -> HubAnswer:
    """The Hub's verdict on a README's text (the endpoint's 429, 5xx and time-outs retried);
    HubError, one line, when the endpoint gives none."""
    _online()
    content = (BOM if bom else "") + text  # as a push sends the file
    try:
        response = call_api(lambda: _post(content, repo_type))
    except Exception as error:
        raise HubError(redact(describe(error)), _kind(error)) from None
    body = _json(response)
    warnings = _messages(body, "warnings")
    if response.status_code == 200:
        return HubAnswer((), warnings)
    errors = _messages(body, "errors")
    if not errors:  # a 400 that names no error: a request the endpoint did not understand
        raise HubError(f"the Hub's validation endpoint answered 400: {_first_line(response)}")
    return HubAnswer(errors, warnings)


def _online() -> None:
    if constants.is_offline_mode():
        raise HubError("HF_HUB_OFFLINE is set, and --hub-validate asks the Hub")


def _post(content: str, repo_type: str) -> httpx2.Response:
    """One request; raises as huggingface_hub does for any answer but 200 and 400."""
    response = get_session().post(
        f"{constants.ENDPOINT}/api/validate-yaml",
        json={"content": content, "repoType": repo_type},
        headers=build_hf_headers(library_name="cardlint", library_version=__version__),
        timeout=float(constants.HF_HUB_ETAG_TIMEOUT),
    )
    if response.status_code != 400:
        hf_raise_for_status(response)
    return response


def _kind(error: BaseException) -> str:
    timed_out = isinstance(error, httpx2.TimeoutException)
    return UNREACHABLE if isinstance(error, httpx2.TransportError) and not timed_out else ""


def _json(response: httpx2.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _messages(body: dict[str, Any], key: str) -> tuple[str, ...]:
    """``body[key][].message``, each a string; entries without one are left out."""
    items = body.get(key)
    if not isinstance(items, list):
        return ()
    return tuple(
        item["message"]
        for item in items
        if isinstance(item, dict) and isinstance(item.get("message"), str)
    )


def _first_line(response: httpx2.Response) -> str:
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    return lines[0][:200] if lines else "(empty body)"
