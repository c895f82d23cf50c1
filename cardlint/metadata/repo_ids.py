"""Hub repository ids (``org/name``, or a legacy ``name`` without an organisation) checked by the
rules of huggingface_hub's ``validate_repo_id`` (without importing it);
``cardlint.metadata.references`` says what a value that is not one is instead.
"""

import re

# validate_repo_id (huggingface_hub/utils/_validators.py): each part is 1 to 96 of [A-Za-z0-9_.-]
# (ASCII only), starting and ending with [A-Za-z0-9_] (its regex's word boundaries); at most one
# "/"; no "--" or ".."; no ".git" at the end.
_PART = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?"
_REPO_ID = re.compile(rf"(?:{_PART}/)?{_PART}")


def is_repo_id(text: str) -> bool:
    """Whether ``text`` is a repository id by huggingface_hub's ``validate_repo_id`` rules."""
    return (
        _REPO_ID.fullmatch(text) is not None
        and "--" not in text
        and ".." not in text
        and not text.endswith(".git")
    )
