"""Which top-level keys MC001 knows on a card, and the known key an unknown one stands for."""

from cardlint.metadata.nearest import closest, folded

# British spellings of the words in documented keys (`licence` for `license`)
_BRITISH = (("licence", "license"),)


def known_keys(repo_type: str) -> frozenset[str]:
    """The documented keys and those in common use; a dataset card's own keys too."""
    from cardlint.metadata.data import hub_lists

    lists = hub_lists()
    known = lists.documented_keys | lists.common_keys
    return known | lists.dataset_card_keys if repo_type == "dataset" else known


def _spelling(text: str) -> str:
    """A key folded as ``folded`` does, with British spellings made American."""
    text = folded(text)
    for british, american in _BRITISH:
        text = text.replace(british, american)
    return text


def spelling_variant(key: str, known: frozenset[str]) -> str | None:
    """The known key that ``key`` spells another way (case, ``-``/``_``/space, British
    spelling: ``Pipeline-Tag``, ``licence``), or None."""
    wanted = _spelling(key)
    for candidate in sorted(known):
        if _spelling(candidate) == wanted:
            return candidate
    return None


def resembles(key: str, known: frozenset[str]) -> str | None:
    """The known key closest in spelling to ``key`` (``langauge``: ``language``), or None."""
    return closest(_spelling(key), sorted(known))
