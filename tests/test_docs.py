"""Documentation that is generated or promised stays true."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from support import REPO

from cardlint.rules import all_rules

sys.path.insert(0, str(REPO / "scripts"))


def test_rules_doc_is_current() -> None:
    from build_rules_doc import render

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == render(), (
        "run: python scripts/build_rules_doc.py"
    )


def test_every_rule_documented_in_ruff_form() -> None:
    for rule in all_rules():
        for heading in (
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
            "## Fix safety",
        ):
            assert heading in rule.doc, f"{rule.code} lacks {heading!r}"
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule.name
        assert rule.severity in ("error", "warning")


def test_rules_table_lists_every_rule() -> None:
    """docs/checking.md's rules table, which the README links: each rule with its declared fix, as
    `cardlint rule` shows it."""
    table = (REPO / "docs" / "checking.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"| {rule.code} | {rule.name} | {rule.severity} | {rule.fix_label} |" in table, (
            rule.code
        )
    assert "](docs/checking.md#rules)" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "\n## Rules\n" in table


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0].startswith("python -m pip install . && cardlint check examples/")
    assert block[1] == 'python -m pip install ".[test]" && python -m pytest'
    assert block[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")


PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n\n).)*?(?<!`)\1(?!`)", re.S)
LINK = re.compile(r"\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)|^\[[^\]\n]+\]:[ \t]+(\S+)", re.M)
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
HTML_ID = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")


def prose(text: str) -> str:
    """A page's text without its code blocks and code spans (where `](x)` is not a link)."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def links(text: str) -> list[str]:
    """The targets of a page's Markdown links, in order."""
    return [inline or reference for inline, reference in LINK.findall(prose(text))]


def anchors(text: str) -> set[str]:
    """The fragments a link to a page may name: GitHub's heading slugs, and `<a id>` anchors."""
    found, seen = set(HTML_ID.findall(text)), dict[str, int]()
    for heading in HEADING.findall(FENCE.sub("", text)):
        slug = re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def broken_links(page: Path, root: Path = REPO) -> list[str]:
    """The relative links of a page whose file (in ``root``) or anchor is missing."""
    broken = []
    for target in links(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):
            continue  # https:, mailto:
        path, _, fragment = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if path and not (resolved.is_relative_to(root) and resolved.exists()):
            broken.append(f"{target}: no such file in the repository")
        elif fragment and resolved.suffix == ".md":
            if fragment not in anchors(resolved.read_text(encoding="utf-8")):
                broken.append(f"{target}: no heading or anchor #{fragment} there")
    return broken


def test_relative_links_resolve() -> None:
    broken = {
        page.relative_to(REPO).as_posix(): found for page in PAGES if (found := broken_links(page))
    }
    assert not broken, broken


def test_the_link_check_finds_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# A `code` heading (one)\n\n## Twice\n\n## Twice\n\n```sh\n# not a heading\n```\n"
        "[ok](#a-code-heading-one) [ok](#twice-1) [web](https://example.org/x#y) "
        "`[in code](nowhere.md)` [gone](missing.md) [bad](#not-a-heading) [ok](page.md#twice)\n"
        "\n[ref]: other.md\n",
        encoding="utf-8",
    )
    assert links(page.read_text()) == [
        "#a-code-heading-one",
        "#twice-1",
        "https://example.org/x#y",
        "missing.md",
        "#not-a-heading",
        "page.md#twice",
        "other.md",
    ]
    assert [line.split(":")[0] for line in broken_links(page, tmp_path)] == [
        "missing.md",
        "#not-a-heading",
        "other.md",
    ]


def test_the_pages_link_one_another() -> None:
    """Every page of docs/ is reachable from the README, directly or through another page."""
    reached, todo = set(), [REPO / "README.md"]
    while todo:
        page = todo.pop()
        if page in reached or page.suffix != ".md" or not page.is_file():
            continue
        reached.add(page)
        todo += [
            (page.parent / target.partition("#")[0]).resolve()
            for target in links(page.read_text(encoding="utf-8"))
        ]
    assert set(PAGES) <= reached, sorted(str(page) for page in set(PAGES) - reached)


def test_python_names_the_docs_import_exist() -> None:
    """Each `from cardlint... import ...` line of a Python example names something importable."""
    import importlib

    for page in PAGES:
        for block in re.findall(r"^```python\n(.*?)^```", page.read_text("utf-8"), re.M | re.S):
            for module, names in re.findall(r"^from (cardlint[\w.]*) import (.+)$", block, re.M):
                imported = importlib.import_module(module)
                for name in names.split(","):
                    name = name.split(" as ")[0].strip()
                    assert hasattr(imported, name), f"{page.name}: {module}.{name}"
