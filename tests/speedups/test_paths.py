"""speedups.paths spells and splits str paths exactly as pathlib.PurePosixPath does."""

from pathlib import PurePosixPath

from hypothesis import example, given
from hypothesis import strategies as st

from cardlint.speedups import paths

_PATHS = st.text(alphabet="/.ab", max_size=12) | st.sampled_from(
    ["", ".", "..", "/", "//", "///", "//a", "./a//b/", "a/./b", "../a", "/a/..", ".a", "a."]
)


@given(_PATHS)
@example("//a/b")
def test_normal_parent_name_and_parts_are_pathlib_s(path: str) -> None:
    pure = PurePosixPath(path)
    assert paths.normal(path) == str(pure)
    assert paths.normal(pure) == str(pure)  # a PathLike too
    assert paths.parent(path) == str(pure.parent)
    assert paths.name(path) == pure.name
    assert paths.parts(path) == list(pure.parts)


@given(_PATHS, _PATHS)
@example("a/b", "a")
@example("/a/b", "a")
@example("//a/b", "/a")
@example("a", ".")
def test_relative_to_is_pathlib_s(path: str, start: str) -> None:
    try:
        expected: str | None = PurePosixPath(path).relative_to(start).as_posix()
    except ValueError:
        expected = None
    assert paths.relative_to(path, start) == expected
