"""Near-match suggestions for a mistyped id: the known ids a text is closest to."""

import re

_SEPARATORS = re.compile(r"[\s_.-]+")


def folded(text: str) -> str:
    """``Apache_2.0`` and ``apache-2-0`` both fold to ``apache20``: case and separators dropped."""
    return _SEPARATORS.sub("", text).lower()


def closest(text: str, known: tuple[str, ...] | list[str], cutoff: float = 0.75) -> str | None:
    """The known id closest in spelling to ``text`` (difflib's ratio on folded forms), or None
    when none is at least ``cutoff`` alike."""
    import difflib  # only when a finding needs a suggestion

    by_fold: dict[str, str] = {}
    for item in known:
        by_fold.setdefault(folded(item), item)
    match = difflib.get_close_matches(folded(text), list(by_fold), n=1, cutoff=cutoff)
    return by_fold[match[0]] if match else None
