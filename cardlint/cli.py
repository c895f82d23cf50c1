"""The command line: build the parser and dispatch to one function per command.

Every command returns an exit code: 0 clean, 1 findings, 2 usage or environment error.
Errors that escape a command become one line on stderr and exit code 2, never a traceback.
"""

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from cardlint import __version__
from cardlint.exit_codes import EXIT_ERROR, UsageError
from cardlint.speedups.help_format import HelpFormatter


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


def _add_lint_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders to lint (default: .)"
    )
    parser.add_argument(
        "--select",
        metavar="CODES",
        help="comma-separated rule codes or prefixes to enable (ALL for every rule)",
    )
    parser.add_argument(
        "--ignore", metavar="CODES", help="comma-separated rule codes or prefixes to disable"
    )
    parser.add_argument(
        "--output-format",
        choices=("full", "concise", "json", "github", "sarif"),
        help="how to print findings (default: full; github when GITHUB_ACTIONS is set)",
    )
    parser.add_argument(
        "--output-file",
        metavar="PATH",
        help="write the report to this file instead of standard output",
    )
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, no summary"
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule has (and whether they are fixable) instead of each finding",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output (auto honours NO_COLOR)",
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore .cardlint.toml and pyproject.toml"
    )
    parser.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="file names to lint in folders (repeatable; default: README.md)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="lint with N processes (0: one per CPU; default: one per free CPU and 4 MB of cards, at least 1; see docs/performance.md)",
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="also apply (or count) fixes that may change the card's meaning",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of the fixes (JSON edits with --output-format json), write nothing; exit 1 if it would change a file",
    )
    logs = parser.add_argument_group(
        "measurement logs",
        "CodeCarbon, carbontracker, eco2AI or cardlint energy logs of the training run",
    )
    logs.add_argument(
        "--log",
        action="append",
        metavar="PATH",
        help="attach this log (repeatable); otherwise logs beside the README are used",
    )
    logs.add_argument(
        "--no-discover-logs", action="store_true", help="do not attach logs found beside the README"
    )
    logs.add_argument(
        "--training-type",
        choices=("pre-training", "fine-tuning"),
        help="fix: the training_type to write",
    )
    logs.add_argument(
        "--hours",
        type=float,
        metavar="H",
        help="training time: checks plausibility (CO2105) and, with --estimate, fills emissions",
    )
    logs.add_argument(
        "--estimate",
        action="store_true",
        help="fix: fill a missing emissions from hardware_used, geographical_location and --hours (unsafe)",
    )
    logs.add_argument(
        "--pue",
        type=float,
        default=1.0,
        metavar="P",
        help="with --estimate: the data centre's PUE (default: 1.0)",
    )
    logs.add_argument(
        "--recompute-intensity",
        action="store_true",
        help="expected grams = the log's energy x the grid intensity of the card's location",
    )
    hub = parser.add_argument_group(
        "Hugging Face Hub",
        "targets that are not local paths are read as Hub repositories (org/model)",
    )
    hub.add_argument(
        "--revision",
        metavar="REV",
        help="branch, tag or commit of Hub repositories (default: main)",
    )
    hub.add_argument(
        "--repo-type",
        choices=("model", "dataset", "space"),
        default="model",
        help="kind of Hub repository",
    )
    hub.add_argument(
        "--author",
        metavar="ORG",
        action="append",
        help="check every model of this user or organisation",
    )
    hub.add_argument("--limit", type=int, metavar="N", help="with --author: at most N repositories")
    hub.add_argument(
        "--filter",
        metavar="TAG",
        action="append",
        help="with --author: only repositories with this tag",
    )
    hub.add_argument(
        "--concurrency",
        type=int,
        default=8,
        metavar="N",
        help="repositories fetched at once (default: 8)",
    )
    hub.add_argument(
        "--hub-validate",
        action="store_true",
        help="check: also send each card to the Hub's validation endpoint, and report what it rejects (MC801)",
    )
    hub.add_argument(
        "--create-pr", action="store_true", help="fix: open a pull request with the fixed README"
    )
    hub.add_argument(
        "--commit",
        action="store_true",
        help="fix: commit the fixed README directly (repository owners)",
    )


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    _add_lint_options(parser)
    parser.add_argument(
        "--fix", action="store_true", help="apply safe fixes (and unsafe ones with --unsafe-fixes)"
    )
    parser.add_argument(
        "--fix-only",
        action="store_true",
        help="apply fixes without reporting the remaining findings",
    )


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code", nargs="?", help="a rule code (CO2101) or name (emissions-not-a-number)"
    )
    parser.add_argument("--all", action="store_true", help="list every rule")
    parser.add_argument("--output-format", choices=("text", "json"), default="text")


def _add_estimate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hardware", required=True, metavar="TEXT", help='e.g. "8 x NVIDIA A100-SXM4-80GB"'
    )
    parser.add_argument(
        "--hours", required=True, type=float, metavar="H", help="training time in hours"
    )
    parser.add_argument(
        "--location", required=True, metavar="TEXT", help='e.g. "Quebec, Canada" or "aws:us-east-1"'
    )
    parser.add_argument(
        "--pue",
        type=float,
        default=1.0,
        metavar="P",
        help="power usage effectiveness of the data centre (default: 1.0)",
    )
    parser.add_argument("--output-format", choices=("text", "json"), default="text")


def _add_measure_options(parser: argparse.ArgumentParser) -> None:
    from cardlint.energy.cli import add_measure_arguments

    add_measure_arguments(parser)


def _add_audit_options(parser: argparse.ArgumentParser) -> None:
    from cardlint.commands.audit import add_arguments

    add_arguments(parser)


def _add_locate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "texts",
        nargs="+",
        metavar="TEXT",
        help='a location, e.g. "Brooklyn, NY, USA" or "aws:us-east-1"',
    )
    parser.add_argument("--output-format", choices=("text", "json"), default="text")


# name: (help, function adding its options)
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("find problems in model cards", _add_check_options),
    "fix": ("apply fixes to model cards (same options as check)", _add_lint_options),
    "rule": ("explain a rule, or list every rule", _add_rule_options),
    "estimate": (
        "estimate emissions from hardware, hours and location (ML CO2 Impact method)",
        _add_estimate_options,
    ),
    "measure": ("run a command and log its GPU and CPU energy and emissions", _add_measure_options),
    "locate": (
        "show how location texts resolve to grid regions and intensities",
        _add_locate_options,
    ),
    "audit": (
        "lint a dump of many model cards (parquet, hf://, a folder) into tables and a report",
        _add_audit_options,
    ),
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` that names a command, only that command is built (start-up time)."""
    parser = _Parser(
        prog="cardlint",
        description="Lint, validate and fix Hugging Face model-card metadata (co2_eq_emissions first).",
    )
    parser.add_argument("--version", action="version", version=f"cardlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    named = None if argv is None else next((arg for arg in argv if not arg.startswith("-")), None)
    for name, (help_text, add_options) in COMMANDS.items():
        if named in COMMANDS and named != name:
            continue  # only "cardlint --help" and unknown commands need the others' names
        subparser = commands.add_parser(name, help=help_text)
        add_options(subparser)
        subparser.set_defaults(subcommand=name)  # "measure" has a positional named "command"
    return parser


def _dispatch(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {}
    if args.subcommand in ("check", "fix"):
        from cardlint.commands.check import run_check

        handlers[args.subcommand] = run_check
    elif args.subcommand == "rule":
        from cardlint.commands.rule import run_rule

        handlers["rule"] = run_rule
    elif args.subcommand == "estimate":
        from cardlint.commands.estimate import run_estimate

        handlers["estimate"] = run_estimate
    elif args.subcommand == "measure":
        from cardlint.commands.measure import run as run_measure

        handlers["measure"] = run_measure
    elif args.subcommand == "locate":
        from cardlint.commands.locate import run_locate

        handlers["locate"] = run_locate
    elif args.subcommand == "audit":
        from cardlint.commands.audit import run_audit

        handlers["audit"] = run_audit
    return handlers[args.subcommand](args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) and return its exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if getattr(args, "subcommand", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    # a value may hold a lone surrogate ("\ud800" reads as one)
    for stream in (
        sys.stdout,
        sys.stderr,
    ):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _dispatch(args)
    except UsageError as error:
        sys.stderr.write(f"cardlint: error: {error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("cardlint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except OSError as error:  # the environment, not a bug: a full disk, a closed terminal
        sys.stderr.write(f"cardlint: error: {error.strerror or error}\n")
        return EXIT_ERROR
    except Exception as error:  # the one place that turns a bug into a message
        sys.stderr.write(
            f"cardlint: internal error: {type(error).__name__}: {error} (please report this)\n"
        )
        return EXIT_ERROR


def may_skip_teardown() -> bool:
    """Whether nothing running needs Python's orderly shutdown.

    That is: no thread but this one (a worker pool's, the Hub client's, the energy meter's), no
    child process still running, and no exit handler registered (``atexit``). When any is there,
    the interpreter exits the usual way, which joins, waits for and calls them.
    """
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    process = sys.modules.get("multiprocessing.process")
    if process is not None and process.active_children():
        return False
    count_handlers = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere, assume some
    return count_handlers is not None and count_handlers() == 0


# Collect young objects after this many allocations (Python's default: 700). Loading rules and
# data allocates objects that live until exit, which Python traversed in some 25 collections
# during a one-card check (several milliseconds); mypy raises the threshold further. Only
# objects in reference cycles wait longer to be freed, and collection still runs on long runs.
GC_YOUNG_THRESHOLD = 100_000


def run() -> NoReturn:
    """The console script: main(), then, after a local run, exit without tearing the interpreter down.

    Freeing every module and object at exit takes about 15 ms, a tenth of a one-card check that
    pre-commit runs on every commit. Nothing is lost: the output streams are flushed here, files
    written are already closed, and runs that started processes, threads or connections exit the
    usual way.
    """
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    code = main()
    if not may_skip_teardown():
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        code = EXIT_ERROR
    os._exit(code)


if __name__ == "__main__":
    run()
