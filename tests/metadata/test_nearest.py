"""Near-match suggestions."""

import pytest

from cardlint.metadata.nearest import closest, folded

KNOWN = ("apache-2.0", "mit", "cc-by-4.0", "llama2")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apache 2.0", "apache-2.0"),
        ("apache2", "apache-2.0"),
        ("MIT", "mit"),
        ("CC-BY-4.0", "cc-by-4.0"),
        ("llama-2", "llama2"),
        ("proprietary", None),
    ],
)
def test_closest(text, expected):
    assert closest(text, KNOWN) == expected


def test_folded_drops_case_and_separators():
    assert folded("Apache_2.0") == folded("apache-2-0") == "apache20"
