"""``cardlint measure``: argparse wiring for :func:`~.command.measure_command`.

The cardlint CLI calls :func:`add_measure_arguments` on its ``measure`` sub-parser and
:func:`run_measure` with the parsed arguments and its grid-intensity resolver.
"""

import argparse
import os
import sys
from typing import TYPE_CHECKING, TextIO

from .log import DEFAULT_LOG

if TYPE_CHECKING:
    from .emissions import Resolver
    from .nvml_api import NvmlApi

USAGE_ERROR = 2


def add_measure_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``measure``'s options and its ``-- COMMAND [ARGS]`` to ``parser``."""
    parser.usage = (
        "%(prog)s [--location TEXT] [--intensity G_PER_KWH] [--pue P] [--log PATH]"
        " [--interval S] [--sample-every S] -- COMMAND [ARGS]"
    )
    parser.add_argument(
        "--location", metavar="TEXT", help="where the run happens, e.g. 'Quebec, Canada'"
    )
    parser.add_argument(
        "--intensity",
        metavar="G_PER_KWH",
        type=float,
        help="grid carbon intensity in gCO2eq/kWh (overrides the location's)",
    )
    parser.add_argument(
        "--pue", metavar="P", type=float, help="data-centre power usage effectiveness (>= 1)"
    )
    parser.add_argument(
        "--log",
        metavar="PATH",
        default=DEFAULT_LOG,
        help=f"energy log to write (default: {DEFAULT_LOG}; replaced if it exists)",
    )
    parser.add_argument(
        "--interval",
        metavar="S",
        type=float,
        default=0.1,
        help="power and RAPL polling period in seconds (default: 0.1)",
    )
    parser.add_argument(
        "--sample-every",
        metavar="S",
        type=float,
        default=60.0,
        help="seconds between cumulative log samples (default: 60)",
    )
    parser.add_argument(
        "command",
        nargs=argparse.REMAINDER,
        metavar="-- COMMAND [ARGS]",
        help="the command to run and measure",
    )


def run_measure(
    args: argparse.Namespace,
    resolver: "Resolver | None" = None,
    *,
    nvml: "NvmlApi | None" = None,
    rapl_root: str | os.PathLike[str] = "/sys/class/powercap",
    err: TextIO | None = None,
) -> int:
    """Run ``args.command`` measured; return its exit status, or 2 on a usage/environment error.

    ``resolver`` maps ``--location`` to a grid intensity; ``nvml`` and ``rapl_root`` let tests
    substitute fakes. Messages and the summary go to ``err`` (default: stderr).
    """
    from .command import measure_command
    from .meter import EnergyMeasurementError, EnergyMeter

    err = err if err is not None else sys.stderr
    command = list(args.command)
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        return _usage(err, "no command given (usage: cardlint measure [OPTIONS] -- COMMAND [ARGS])")
    if args.location is not None and resolver is None and args.intensity is None:
        return _usage(
            err, "--location needs a grid-intensity resolver here; give --intensity G_PER_KWH"
        )
    try:
        meter = EnergyMeter(
            args.log,
            interval=args.interval,
            sample_every=args.sample_every,
            location=args.location,
            intensity=args.intensity,
            resolver=resolver,
            pue=args.pue,
            command=command,
            nvml=nvml,
            rapl_root=rapl_root,
        )
    except (ValueError, LookupError) as exc:
        return _usage(err, str(exc))
    try:
        return measure_command(command, meter=meter, summary_to=err)
    except EnergyMeasurementError as exc:
        return _usage(err, str(exc))
    except OSError as exc:
        return _usage(err, f"cannot write the log {args.log}: {exc.strerror or exc}")


def _usage(err: TextIO, message: str) -> int:
    """Print ``cardlint measure: error: MESSAGE`` and return 2."""
    print(f"cardlint measure: error: {message}", file=err, flush=True)
    return USAGE_ERROR
