"""Reading a language value the Hub does not list."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardlint.metadata import languages
from cardlint.metadata.data import is_listed_language as is_listed
from cardlint.metadata.data import language_names
from cardlint.metadata.languages import read_language


@pytest.mark.parametrize("value", ["en", "yue", "unk", "mul", "code", "multilingual", "no"])
def test_listed(value):
    assert is_listed(value)


@pytest.mark.parametrize("value", ["EN", "English", "fre", "es-ES", "jb", "", "eng-US"])
def test_not_listed(value):
    assert not is_listed(value)


def test_every_iso_639_1_name_reads_as_its_code():
    for code, name in language_names().items():
        if len(code) == 2:
            # "Ewe" is also the code ewe in other case: the same language
            kind, codes, _ = read_language(name)
            assert kind in (languages.NAME, languages.CASE), name
            assert language_names()[codes[0]] == name


@pytest.mark.parametrize(
    ("value", "kind", "codes", "lost"),
    [
        ("EN", languages.CASE, ("en",), ""),
        ("Multilingual", languages.CASE, ("multilingual",), ""),
        ("fre", languages.BIBLIOGRAPHIC, ("fr",), ""),
        ("GER", languages.BIBLIOGRAPHIC, ("de",), ""),
        ("english", languages.NAME, ("en",), ""),
        ("Cantonese", languages.NAME, ("yue",), ""),
        ("es-ES", languages.TAG, ("es",), "ES"),
        ("en_US", languages.TAG, ("en",), "US"),
        ("zh-Hans-CN", languages.TAG, ("zh",), "Hans-CN"),
        ("fre-CA", languages.TAG, ("fr",), "CA"),
        ("Englsh", languages.NEAR, ("en",), ""),
        ("jb", languages.NONE, (), ""),
        ("xx-YY", languages.NONE, (), ""),
    ],
)
def test_read_language(value, kind, codes, lost):
    assert read_language(value) == (kind, codes, lost)


def test_a_name_several_iso_639_3_codes_share_is_left_to_the_author():
    names = language_names()
    assert names["ain"].startswith("Ainu") and names["aib"].startswith("Ainu")
    assert read_language("Ainu") == (languages.NAMES, ("aib", "ain"), "")


def test_a_code_in_other_case_that_names_another_language_is_left_to_the_author():
    names = language_names()
    assert (names["han"], names["haa"]) == ("Hangaza", "Han")
    assert read_language("Han") == (languages.AMBIGUOUS, ("han", "haa"), "")
    assert read_language("Ko") == (languages.CASE, ("ko",), "")  # a two-letter code wins


@given(st.text(max_size=20))
def test_any_text_reads_as_listed_codes_or_none(value: str) -> None:
    reading = read_language(value)
    assert all(is_listed(code) for code in reading.codes)
    assert (reading.codes == ()) == (reading.kind == languages.NONE)
