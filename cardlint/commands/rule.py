"""``cardlint rule``: print a rule's documentation, or list every rule."""

import argparse
import json
import sys

from cardlint.exit_codes import EXIT_CLEAN, UsageError
from cardlint.rules import all_rules, rule_by_code


def run_rule(args: argparse.Namespace) -> int:
    if args.all:
        rules = list(all_rules())
    elif args.code:
        rule = rule_by_code(args.code)
        if rule is None:
            raise UsageError(f"unknown rule '{args.code}' (see 'cardlint rule --all')")
        rules = [rule]
    else:
        raise UsageError("give a rule code, or --all")
    if args.output_format == "json":
        json.dump(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity,
                    "summary": r.summary,
                    "fix": r.fix_label,
                    "fix_availability": r.fix.value,
                    "applicabilities": sorted(kind.value for kind in r.applicabilities),
                    "doc": r.doc,
                }
                for r in rules
            ],
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
    elif args.all:
        for r in rules:
            sys.stdout.write(f"{r.code:<7} {r.name:<32} {r.severity:<8} {r.summary}\n")
    else:
        r = rules[0]
        sys.stdout.write(
            f"# {r.name} ({r.code})\n\nSeverity: {r.severity}. Fix: {r.fix_label}.\n\n{r.doc}"
        )
    return EXIT_CLEAN
