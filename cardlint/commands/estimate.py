"""``cardlint estimate``: grams of CO2eq from hardware, hours and location, with the formula."""

import argparse
import json
import sys

from cardlint.amounts.parse import format_plain_decimal
from cardlint.estimate import EstimateError, estimate
from cardlint.exit_codes import EXIT_CLEAN, UsageError
from cardlint.grid.resolver import resolve
from cardlint.logs.attach import round_grams


def run_estimate(args: argparse.Namespace) -> int:
    try:
        result = estimate(args.hardware, args.hours, args.location, args.pue)
    except EstimateError as error:
        raise UsageError(str(error)) from None
    if args.output_format == "json":
        json.dump(result.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    lines = [
        f"emissions: {format_plain_decimal(round_grams(result.grams))} g CO2eq",
        f"energy: {format_plain_decimal(round_grams(result.energy_kwh))} kWh",
        f"formula: {result.formula()}",
    ]
    lines += [
        f"device: {count} x {name}, rated {watts:g} W ({source})"
        for count, name, watts, source in result.devices
    ]
    lines.append(
        f"grid: {result.region_id} {result.region_name}, {result.intensity:g} gCO2eq/kWh ({result.intensity_year}; {result.intensity_source})"
    )
    # "Paris" may also mean Paris, Texas
    lines += [f"note: {note}" for note in resolve(args.location).notes]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_CLEAN
