"""Reading a license value the Hub does not list, and a license_link's file name."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardlint.metadata import licenses
from cardlint.metadata.data import hub_lists
from cardlint.metadata.licenses import link_file, loose, read_license, same_file_names


def test_no_two_hub_ids_share_a_loose_form():
    forms = [loose(known) for known in hub_lists().licenses]
    assert len(set(forms)) == len(forms) == len(hub_lists().licenses)


def test_every_hub_id_reads_back_as_itself_written_another_way():
    for known in hub_lists().licenses:
        for variant in (known.upper(), known.replace("-", " ").title()):
            if variant != known:
                assert read_license(variant) == (licenses.VARIANT, (known,), ""), variant


@pytest.mark.parametrize(
    ("value", "kind", "ids", "lost"),
    [
        ("MIT", licenses.VARIANT, ("mit",), ""),
        ("Apache 2.0", licenses.VARIANT, ("apache-2.0",), ""),
        ("apache2", licenses.VARIANT, ("apache-2.0",), ""),
        ("Apache License, Version 2.0", licenses.VARIANT, ("apache-2.0",), ""),
        ("GPLv3", licenses.VARIANT, ("gpl-3.0",), ""),
        ("The Unlicense", licenses.NEAR, ("unlicense",), ""),
        ("GPL-3.0-or-later", licenses.QUALIFIED, ("gpl-3.0",), "or later"),
        ("GPL-2.0+", licenses.QUALIFIED, ("gpl-2.0",), "or later"),
        ("LGPL-2.1-only", licenses.QUALIFIED, ("lgpl-2.1",), "only"),
        ("ODbL-1.0", licenses.UNVERSIONED, ("odbl",), "1.0"),
        ("CC0", licenses.VERSION_ADDED, ("cc0-1.0",), ""),
        ("Apache", licenses.VERSION_ADDED, ("apache-2.0",), ""),
        ("CC-BY-NC", licenses.VERSIONS, ("cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0"), ""),
        ("BSD-3", licenses.VERSIONS, ("bsd-3-clause", "bsd-3-clause-clear"), ""),
        ("cc-by-sa-2.0", licenses.VERSIONS, ("cc-by-sa-3.0", "cc-by-sa-4.0"), ""),
        ("apach-2.0", licenses.NEAR, ("apache-2.0",), ""),
        ("MIT OR Apache-2.0", licenses.EXPRESSION, (), ""),
        ("Apache-2.0 WITH LLVM-exception", licenses.EXPRESSION, (), ""),
        ("open-mdw", licenses.RENAMED, ("openmdw-1.0",), ""),
        ("tii-falcon-llm", licenses.REMOVED, (), ""),
        ("proprietary", licenses.NONE, (), ""),
        # a near spelling with another version is another license, not a typo
        ("bsd-4-clause", licenses.NONE, (), ""),
    ],
)
def test_read_license(value, kind, ids, lost):
    assert read_license(value) == (kind, ids, lost)


@pytest.mark.parametrize(
    ("link", "name"),
    [
        ("LICENSE", "LICENSE"),
        ("LICENSE.md", "LICENSE.md"),
        ("./docs//LICENSE.txt", "docs/LICENSE.txt"),
        ("https://coqui.ai/cpml", None),
        ("huggingface.co/acme/model/blob/main/LICENSE", None),
        ("www.apache.org/licenses/LICENSE-2.0", None),
        ("mailto:legal@example.com", None),
        ("See the license file", None),
        ("../LICENSE", None),
        ("  ", None),
    ],
)
def test_link_file(link, name):
    assert link_file(link) == name


def test_same_file_names_differ_in_case_or_extension_only():
    files = ("README.md", "license.txt", "LICENSE-MIT", "docs/LICENSE", "LICENSE.md")
    assert same_file_names("LICENSE", files) == ("license.txt", "LICENSE.md")


@given(st.text(max_size=40))
def test_any_text_reads_as_listed_ids_or_none(value: str) -> None:
    reading = read_license(value)
    assert set(reading.ids) <= set(hub_lists().licenses)
    assert (reading.ids == ()) == (
        reading.kind in (licenses.REMOVED, licenses.EXPRESSION, licenses.NONE)
    )
