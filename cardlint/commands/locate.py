"""``cardlint locate TEXT ...``: how each location text resolves to a grid region."""

import argparse
import json
import sys

from cardlint.exit_codes import EXIT_CLEAN, EXIT_FINDINGS
from cardlint.grid.resolver import format_resolution, resolution_to_dict, resolve


def run_locate(args: argparse.Namespace) -> int:
    resolutions = [resolve(text) for text in args.texts]
    if args.output_format == "json":
        json.dump(
            [resolution_to_dict(r) for r in resolutions], sys.stdout, indent=2, ensure_ascii=False
        )
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(format_resolution(r) for r in resolutions) + "\n")
    unusable = any(r.granularity is None or r.coarse or r.conflicts for r in resolutions)
    return EXIT_FINDINGS if unusable else EXIT_CLEAN
