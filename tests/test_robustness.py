"""cardlint never crashes, hangs or balloons: generated and damaged cards in-process, hostile
files through the CLI, a 10,000-card run, and fixing the real-card corpus."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from card_strategies import GeneratedCard, mutated_cards
from huggingface_hub.repocard import metadata_load
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import REPO, corpus_cards, needs_corpus, run_cardlint

from cardlint.fixer.apply import FixRefused, fix_card
from cardlint.linter import lint_path, lint_text
from cardlint.reading.card import MAX_DEPTH, parse_card
from cardlint.reading.co2 import find_block
from cardlint.rules import co2001_schema_violation as co2001
from cardlint.rules.base import LintContext
from cardlint.schema import SchemaError, validate
from cardlint.settings import Settings

# No test here is timed (benchmarks/scaling.py measures how time and memory grow): a run that
# hangs or turns quadratic is stopped by run_cardlint's two-minute timeout.


def hub_reads(text: str, bom: bool) -> bool:
    """Whether huggingface_hub's metadata_load reads the card (a file written with ``text``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "README.md"
        path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
        try:
            metadata_load(path)
        except (yaml.YAMLError, ValueError, RecursionError):
            return False
    return True


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Load what rules load on first use (jsonschema, the hardware and grid data) before any time box."""
    card = "---\nco2_eq_emissions:\n  emissions: 5\n  source: [x]\n  hardware_used: 1 x A100\n  geographical_location: Quebec\n---\nEmitted 3 kg CO2.\n"
    fix_card(parse_card(card), Settings(), unsafe=True)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_cards())
def test_lint_and_fix_never_raise_or_hang(card: GeneratedCard) -> None:
    """Linting and fixing a damaged card neither raise nor hang; a fix breaks no readable metadata."""
    result = lint_text(card.text, "README.md", Settings(), bom=card.bom)
    assert result.error is None
    parsed = parse_card(card.text, "README.md", card.bom)
    for unsafe in (False, True):
        try:
            fixed, _ = fix_card(parsed, Settings(), unsafe)
        except FixRefused:
            continue  # verification refused the fix: the file would be left alone, and that is reported
        if parsed.problem is None:
            assert fixed.problem is None, f"the fix broke the metadata: {fixed.problem}"
        if (
            fixed.text != parsed.text
            and parsed.problem is None
            and hub_reads(parsed.text, parsed.bom)
        ):
            assert hub_reads(fixed.text, fixed.bom), (
                f"huggingface_hub cannot read the fixed card:\n{fixed.text!r}"
            )


def _depth(text: str) -> int:
    """The deepest nesting of collections in ``text``, from PyYAML's events."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


@st.composite
def nested(draw: st.DrawFn) -> str:
    """YAML nested about MAX_DEPTH deep, in block, flow or mixed style, with various indentation."""
    value: object = draw(st.sampled_from([1, "x", None, [], {}]))
    for _ in range(draw(st.integers(MAX_DEPTH - 8, MAX_DEPTH + 8))):
        kind = draw(st.sampled_from(["list", "map", "wide"]))
        value = (
            [value]
            if kind == "list"
            else {"k": value}
            if kind == "map"
            else {"a": 1, "b": [value, 2]}
        )
    style = draw(st.sampled_from([False, True, None]))
    return yaml.safe_dump(
        {"deep": value},
        default_flow_style=style,
        indent=draw(st.integers(2, 5)),
        width=draw(st.sampled_from([40, 10_000])),
    )


@settings(max_examples=60, deadline=None)
@given(nested(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_nesting_is_refused_exactly_beyond_the_limit(text: str, newline: str) -> None:
    """CL006 refuses nesting deeper than MAX_DEPTH, and only that (the text bound is never too low)."""
    card = parse_card("---\n" + text.replace("\n", newline) + "---\n")
    refused = card.problem is not None and card.problem.kind == "too-complex"
    assert refused == (_depth(text) > MAX_DEPTH), card.problem


_VALUES = st.one_of(
    st.integers(-5, 10**6),
    st.floats(),
    st.text(max_size=8),
    st.booleans(),
    st.none(),
    st.sampled_from(["fine-tuning", "pre-training", "Fine-tuning", "CodeCarbon", "1.2 kg"]),
)
_CO2_KEYS = st.sampled_from(
    [
        "emissions",
        "source",
        "training_type",
        "geographical_location",
        "hardware_used",
        "energy_consumed",
        "hours_used",
        "on_cloud",
        "cpu_model",
        "ram_total_size",
        "emision",
        "x",
    ]
)
_CO2_VALUES = st.recursive(
    _VALUES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
    ),
    max_leaves=5,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_CO2_VALUES, st.dictionaries(_CO2_KEYS, _CO2_VALUES, max_size=6)))
def test_co2001_shortcut_agrees_with_full_validation(value: object) -> None:
    """CO2001 skips jsonschema only where validating would give nothing it reports."""
    card = parse_card("---\n" + yaml.safe_dump({"co2_eq_emissions": value}) + "---\n")
    assume(card.problem is None)
    ctx = LintContext(card, find_block(card))
    assert ctx.co2 is not None
    reported = [(v.start, v.message) for v in co2001.check(ctx)]
    expected = [
        (
            ctx.card.node_offsets(_error_node(ctx, error))[0],
            ".".join(map(str, ("co2_eq_emissions", *error.path))) + ": " + error.message,
        )
        for error in validate(ctx.co2.value)
        if not co2001._named_elsewhere(error)
    ]
    assert reported == expected


def _error_node(ctx: LintContext, error: SchemaError) -> yaml.Node:
    """The node CO2001 points at for a schema error: the field's value, else the block."""
    assert ctx.co2 is not None
    found = ctx.co2.field(str(error.path[0])) if error.path and ctx.co2.is_mapping else None
    return found.value_node if found is not None else ctx.co2.node


def _alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefgh"):
        previous = "abcdefgh"[index]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n"


# name -> (content, expected exit code, text expected in stdout or stderr)
HOSTILE: dict[str, tuple[bytes, int, str]] = {
    "empty": (b"", 1, "CL001"),
    "binary-without-nul": (bytes(range(1, 256)) * 64, 2, "not UTF-8"),
    "nul-after-8-kb-in-block": (b"---\nname: " + b"a" * 9000 + b"\x00\n---\n", 1, "CL002"),
    "alias-bomb": (_alias_bomb().encode(), 1, "CL006"),
    "flow-10000-deep": (
        b"---\nco2_eq_emissions: " + b"[" * 10_000 + b"]" * 10_000 + b"\n---\n",
        1,
        "CL006",
    ),
    "flow-10000-deep-unclosed": (
        b"---\nco2_eq_emissions: " + b"{a: " * 10_000 + b"\n---\n",
        1,
        "CL00",
    ),
    "block-10000-deep": (b"---\nco2_eq_emissions:\n" + b"- " * 10_000 + b"1\n---\n", 1, "CL006"),
    "block-mapping-3000-deep": (
        b"---\n" + b"".join(b" " * i + b"k%d:\n" % i for i in range(3000)) + b"---\n",
        1,
        "CL006",
    ),
    "5-mb-line-in-block": (
        b"---\nname: " + b"x" * 5_000_000 + b'\nco2_eq_emissions: "12 kg"\n---\n',
        1,
        "CO2004",
    ),
    "5-mb-line-without-newline": (b"y" * 5_000_000, 1, "CL001"),
    "exponent-of-1000-digits": (
        b"---\nco2_eq_emissions:\n  emissions: 1.5e-" + b"9" * 1000 + b"\n---\n",
        1,
        "CO2103",
    ),
    "exponent-beyond-10-to-the-1000": (
        b"---\nco2_eq_emissions:\n  emissions: 1e5000\n---\n",
        1,
        "CO2103",
    ),
    "5-mb-number-in-block": (
        b"---\nco2_eq_emissions:\n  emissions: 1" + b"0" * 5_000_000 + b"\n---\n",
        1,
        "CL002",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file(name: str, tmp_path: Path) -> None:
    """Each hostile file gives a finding or one short line on stderr and a defined exit code."""
    content, code, expected = HOSTILE[name]
    path = tmp_path / "README.md"
    path.write_bytes(content)
    result = run_cardlint("check", "--output-format", "concise", str(path))
    assert result.returncode == code, result.stdout[:500] + result.stderr[:500]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert expected in result.stdout + result.stderr
    if code == 2:
        assert len(result.stderr.splitlines()) == 1 and len(result.stderr) < 300, result.stderr[
            :500
        ]


# Amounts with millions of digits: too large to write out in grams, so no fix and no comparison.
HUGE_AMOUNTS = {
    "5-mb-amount-string": (
        b'---\nco2_eq_emissions:\n  emissions: "1' + b"0" * 5_000_000 + b' kg"\n---\n',
        "CO2101",
    ),
    "5-mb-bare-amount-string": (
        b'---\nco2_eq_emissions: "1' + b"0" * 5_000_000 + b' kg"\n---\n',
        "CO2004",
    ),
    "5-mb-amount-in-body": (
        b"---\nco2_eq_emissions: 5\n---\nEmissions: " + b"1" * 5_000_000 + b" kg CO2\n",
        None,
    ),
    "5-mb-amount-in-body-only": (
        b"---\nlicense: mit\n---\nEmissions: " + b"1" * 5_000_000 + b" kg CO2\n",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(HUGE_AMOUNTS))
def test_huge_amounts_are_findings_without_fixes(name: str, tmp_path: Path) -> None:
    """An amount with millions of digits is at most a finding without a fix, never an internal error."""
    content, code = HUGE_AMOUNTS[name]
    path = tmp_path / "README.md"
    path.write_bytes(content)
    result = run_cardlint("check", "--output-format", "json", str(path))
    assert result.returncode in (0, 1) and "internal error" not in result.stderr, result.stderr[
        :500
    ]
    findings = json.loads(result.stdout)
    # CO2006 rewrites a short-form block whatever the body says; no other CO2 rule may fix
    assert all(
        finding["fix"] is None
        for finding in findings
        if finding["code"].startswith("CO2") and finding["code"] != "CO2006"
    )
    if code is not None:
        assert any(finding["code"].startswith(code) for finding in findings), [
            f["code"] for f in findings
        ]


# Markdown constructs that the body scan (text_amounts) must not rescan to the end of the text
# from every opener when nothing closes them (that took over a minute for 210 kB before d0c1f66).
UNCLOSED = ("<table>", "{{", "`", "[", "[a](", "<", "<!--")
# runs of 1 to 1,000 backticks, none closed, then 2 MB on the same line: minutes for a regex
# that reads to the end of the line from each run
GROWING_BACKTICKS = "".join("`" * n + "a" for n in range(1, 1001)) + "a" * 2_000_000
# 250,000 fence marks that do not start a line: seconds for a scan that looks back to the
# previous line break from each of them
UNINDENTED_FENCES = "x```" * 250_000


def test_unclosed_markdown_is_scanned_in_linear_time(tmp_path: Path) -> None:
    """A body of 30 kB runs of each unclosed construct, a line of ever longer runs of backticks and
    one of fence marks is checked (in a second or two: a scan that reread each opener to the end
    took minutes, which run_cardlint's timeout stops)."""
    lines = ["Emissions: " + opener * (30_000 // len(opener)) + " 5 kg CO2" for opener in UNCLOSED]
    adversarial = ["Emissions: " + GROWING_BACKTICKS + " 5 kg CO2", "\r" + UNINDENTED_FENCES]
    body = "\n\n".join([*adversarial, *lines])  # before "<!--" blanks the rest
    path = tmp_path / "README.md"
    path.write_text("---\nco2_eq_emissions: 5\n---\n" + body + "\n", encoding="utf-8")
    result = run_cardlint("check", str(path))
    assert result.returncode in (0, 1), result.stderr[:500]


def test_100_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A 100 MB file is refused from its size, in one line."""
    path = tmp_path / "README.md"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: nothing written, 100 MB to stat and read
    result = run_cardlint("check", str(path))
    assert result.returncode == 2 and "100.0 MB, over the 10 MB limit" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_hostile_entries_found_in_a_folder(tmp_path: Path) -> None:
    """A FIFO, a dangling symlink and a folder, each named README.md, beside a good card."""
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "README.md").write_text(
        '---\nco2_eq_emissions:\n  emissions: "1.2 kg"\n---\n', encoding="utf-8"
    )
    (tmp_path / "fifo").mkdir()
    os.mkfifo(tmp_path / "fifo" / "README.md")
    (tmp_path / "dangling").mkdir()
    (tmp_path / "dangling" / "README.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "folder" / "README.md").mkdir(parents=True)
    result = run_cardlint("check", "--output-format", "concise", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "good/README.md:3:14: CO2101" in result.stdout
    errors = result.stderr.splitlines()
    assert any("fifo/README.md" in line and "not a regular file" in line for line in errors), errors
    assert any(
        "dangling/README.md" in line and "dangling symbolic link" in line for line in errors
    ), errors
    assert not any("folder/README.md" in line for line in errors), (
        "a folder named README.md is searched, not read"
    )


def _corpus_module() -> ModuleType:
    """benchmarks/corpus.py, the generator of realistic cards."""
    spec = importlib.util.spec_from_file_location(
        "benchmark_corpus", REPO / "benchmarks" / "corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MEASURE = """\
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_rss_kb(*args: str) -> int:
    """Peak RSS of ``cardlint check ARGS`` as a process of its own (kB)."""
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "cardlint", "check", *args]
    env = {**os.environ, "NO_COLOR": "1"}
    return int(
        subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=600, env=env
        ).stdout
    )


def _rss_ratio(tmp_path: Path, kind: str | None) -> tuple[int, int]:
    """Peak RSS of one ``cardlint check`` over 1,000 and over 10,000 generated cards (kB)."""
    corpus = _corpus_module()
    small, large = tmp_path / "small", tmp_path / "large"
    corpus.generate(small, 1_000, seed=1, kind=kind)
    corpus.generate(large, 10_000, seed=1, kind=kind)
    return _peak_rss_kb("--output-format", "concise", str(small)), _peak_rss_kb(
        "--output-format", "concise", str(large)
    )


def test_memory_is_flat_over_10000_clean_cards(tmp_path: Path) -> None:
    """Reading and linting keep almost nothing per card: 10,000 clean cards peak within 1.5 times 1,000."""
    small, large = _rss_ratio(tmp_path, "clean")
    assert large <= 1.5 * small, f"peak RSS {small} kB for 1,000 clean cards, {large} kB for 10,000"


def test_memory_is_stable_over_10000_cards(tmp_path: Path) -> None:
    """With findings (about 1.5 a card), which check keeps until it reports: within twice the 1,000-card peak.

    Keeping each card's text, or its parsed YAML, would cost several times that.
    """
    small, large = _rss_ratio(tmp_path, None)
    assert large <= 2 * small, f"peak RSS {small} kB for 1,000 cards, {large} kB for 10,000"


@needs_corpus
def test_fixed_corpus_keeps_its_body_and_reads_on_the_hub(tmp_path: Path) -> None:
    """After ``cardlint fix`` on copies of the real cards: no safe fix left, nothing outside the block changed, the Hub reads them."""
    originals = corpus_cards()
    copies = []
    for original in originals:
        copy = tmp_path / original.name
        shutil.copyfile(original, copy)
        copies.append(copy)
    result = run_cardlint("fix", "--output-format", "concise", *map(str, copies))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for original, copy in zip(originals, copies):
        before, after = (
            parse_card(original.read_text(encoding="utf-8-sig")),
            parse_card(copy.read_text(encoding="utf-8-sig")),
        )
        remaining = [
            d.code for d in lint_path(copy).diagnostics if d.fix is not None and d.fix.is_safe
        ]
        assert not remaining, f"{original.name}: safe fixes left: {remaining}"
        if before.has_block:
            assert after.text[: after.block_start] == before.text[: before.block_start], (
                original.name
            )
            assert after.text[after.block_end :] == before.text[before.block_end :], original.name
        else:
            assert after.text == before.text, original.name
        try:
            metadata_load(original)
        except (yaml.YAMLError, ValueError):
            continue  # unreadable before: fixing it is not required
        metadata_load(copy)


# Issue 21, part 5: inputs that took time or memory growing with the square of their size, at
# moderate sizes (benchmarks/scaling.py measures their growth; here only the answers are checked).
def _location(n: int) -> str:
    return (
        '---\nco2_eq_emissions:\n  emissions: 12\n  geographical_location: "'
        + ("qwzx vbnm, " * n)[:n]
        + '"\n---\n'
    )


SCALING: dict[str, tuple[str, dict[str, int]]] = {
    "prose-amounts": ("---\nlicense: mit\n---\n" + "Emissions 3 kg CO2 " * 400, {"CO2109": 1}),
    "yes-list": ("---\nx: [" + ", ".join(["yes"] * 500) + "]\n---\n", {"CL005": 500}),
    "exponent-keys": (
        "---\n" + "".join(f"k{i:06d}: 1e3\n" for i in range(300)) + "---\n",
        {"CL005": 300},
    ),
    "plain-keys": ("---\n" + "".join(f"k{i:06d}: v\n" for i in range(20_000)) + "---\n", {}),
    "long-location": (_location(1000), {"CO2303": 1}),
}


@pytest.mark.parametrize("name", sorted(SCALING))
def test_large_inputs_give_their_findings(name: str) -> None:
    text, expected = SCALING[name]
    result = lint_text(text, "README.md", Settings(select=("CL005", "CO2109", "CO2303")))
    assert result.error is None
    counts: dict[str, int] = {}
    for finding in result.diagnostics:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    assert counts == expected


def test_findings_on_a_long_line_show_it_cut_around_the_column(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(SCALING["yes-list"][0])
    result = run_cardlint("check", "--no-config", "--select", "CL005", str(card))
    shown = [line for line in result.stdout.splitlines() if line.startswith("2 | ")]
    assert len(shown) == 500 and max(map(len, shown)) <= 4 + 126
    carets = [
        line for line in result.stdout.splitlines() if line.strip().startswith("| ") and "^" in line
    ]
    for source, caret in zip(shown, carets):  # each caret stands under a "yes"
        column = caret.index("^")
        assert source[column : column + 3] == "yes", (source, caret)
    assert shown[0].endswith("...") and shown[-1].startswith("2 | ...")


@pytest.mark.parametrize(
    "length, start, width",
    [(80, 10, 3), (120, 119, 1), (121, 0, 5), (5000, 2500, 10), (5000, 4999, 1), (5000, 4990, 400)],
)
def test_cut_line_keeps_the_caret_on_its_character(length: int, start: int, width: int) -> None:
    from cardlint.report.text import SHOWN_WIDTH, cut_line

    line = "".join(chr(33 + i % 90) for i in range(length))
    shown, column, shown_width = cut_line(line, start, width)
    assert len(shown) <= SHOWN_WIDTH + 6 and shown[column] == line[start]
    assert (
        1 <= shown_width <= width
        and shown[column : column + shown_width] == line[start : start + shown_width]
    )
    assert (shown == line) == (length <= SHOWN_WIDTH)
