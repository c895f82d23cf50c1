"""MC103 reads the files beside the README; a card read as text has none to read."""

from cardlint.linter import lint_text
from cardlint.settings import Settings

CARD = "---\nlicense: other\nlicense_name: x-1.0\nlicense_link: LICENSE\n---\n"


def test_text_without_a_folder_is_not_reported():
    assert lint_text(CARD, settings=Settings(select=("MC103",))).diagnostics == ()


def test_a_readme_in_a_folder_without_the_file_is_reported(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(CARD)
    found = lint_text(CARD, str(readme), Settings(select=("MC103",))).diagnostics
    assert [d.code for d in found] == ["MC103"]
    (tmp_path / "LICENSE").write_text("terms\n")
    assert lint_text(CARD, str(readme), Settings(select=("MC103",))).diagnostics == ()
