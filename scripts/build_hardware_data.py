"""Build cardlint's hardware catalogue from hardware-power.csv.

    python scripts/build_hardware_data.py [--input DIR] [--output DIR]

Reads DIR/hardware-power.csv and DIR/HARDWARE-SOURCES.md (default: ../shared/data beside the
repository root) and writes, under cardlint/data/:

- hardware.json: one row per device and per line (cardlint decodes only the rows a text needs),
  [id, kind, vendor, name, watts, alias keys, memory sizes],
  and `first_words`: for each first word of an alias, the indices of the rows that have such an
  alias, as one string ("3 17 204": a string per word keeps json.loads of the index fast);
- HARDWARE-SOURCES.md: the sources document, copied, with the build's own decisions appended.

Each row's own citation (the CSV's watts_basis and source columns) stays in the CSV, which
HARDWARE-SOURCES.md names; the package carries the figures and the sources document.

Aliases are stored as cardlint.hardware.tokens.alias_key() forms, so rerun this script whenever that
function changes (tests/hardware/test_hardware.py checks that the stored data is current).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardlint.hardware.catalogue import KINDS  # noqa: E402
from cardlint.hardware.tokens import alias_key  # noqa: E402

COLUMNS = ["id", "kind", "vendor", "name", "aliases", "watts", "watts_basis", "source"]
_CORE_MODEL = re.compile(r"^(?:Intel )?Core (i[3579]-\w+)$")

BUILD_NOTES = """
## Changes made when building cardlint's package data

`scripts/build_hardware_data.py` copies every row's id, kind, vendor, name and watts unchanged
into `hardware.json` (each row's `watts_basis` and `source` stay in `hardware-power.csv`). It
changes only the aliases used for matching:

- Aliases with no letter at all (codecarbon's bare AMD model numbers "460", "555", "750", ...)
  are dropped: a bare number in a hardware text is a count, an hour figure or a memory size far
  more often than a CPU. The vendor-prefixed alias ("AMD 460") is kept.
- CPU aliases without a word of three or more letters ("B57", "1075T", "N640") are dropped for
  the same reason; "AMD B57" and the like are kept.
- For Intel Core CPUs the bare model number is added ("i7-9750H" for "Intel Core i7-9750H"),
  because CPU strings are often written that way ("12 CPU (i7-9750H CPU @ 2.60GHz)").
- Aliases are stored in the normalised form `cardlint.hardware.tokens.alias_key()` matches on (lower
  case; "(R)", "(TM)", "CPU" and "Processor" dropped; punctuation as token breaks).
- An alias that, normalised, is already an alias of an earlier row with the same watts is left
  to that row (codecarbon lists a few CPUs twice, with and without "Processor"); the later row
  keeps its id and figure. Two rows with different watts sharing an alias stop the build.
- Memory sizes written in a GPU's name or aliases ("80GB") are stored with it, so that a text
  naming another size ("RTX 3050 6GB") is reported as an unknown device, not matched.
"""


def build(input_dir: Path, output_dir: Path) -> None:
    """Read the CSV and sources document from ``input_dir``; write the package data to ``output_dir``."""
    with open(input_dir / "hardware-power.csv", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise SystemExit(f"unexpected columns: {reader.fieldnames}")
        rows = list(reader)
    devices = []
    owner: dict[str, tuple[str, Decimal]] = {}
    for row in rows:
        if row["kind"] not in KINDS:
            raise SystemExit(f"{row['id']}: unknown kind {row['kind']!r}")
        watts = Decimal(row["watts"])
        if not watts > 0:
            raise SystemExit(f"{row['id']}: watts {row['watts']!r} is not positive")
        keys: list[str] = []
        aliases = [a for a in [row["name"], *row["aliases"].split("|")] if _keep(a, row["kind"])]
        for alias in aliases + _derived(row):
            key = alias_key(alias)
            if key in keys:
                continue
            first_id, first_watts = owner.setdefault(key, (row["id"], watts))
            if first_id != row["id"]:
                if first_watts != watts:
                    raise SystemExit(
                        f"alias {alias!r} of {row['id']} is already an alias of {first_id}"
                    )
                continue  # the same CPU listed twice ("... Processor"): the first row answers
            keys.append(key)
        memory = sorted(
            {int(size) for size in re.findall(r"(\d+)\s*GB", row["name"] + "|" + row["aliases"])}
        )
        devices.append(
            [
                row["id"],
                row["kind"],
                row["vendor"],
                row["name"],
                _number(watts),
                keys,
                memory if row["kind"] == "gpu" else [],
            ]
        )
    output_dir.mkdir(parents=True, exist_ok=True)
    lines = ",\n".join(
        json.dumps(device, ensure_ascii=False, separators=(",", ":")) for device in devices
    )
    # the rows whose aliases start with each word, so that loading needs no pass over every alias
    first_words: dict[str, list[str]] = {}
    for index, device in enumerate(devices):
        for word in dict.fromkeys(key.partition(" ")[0] for key in device[5]):
            first_words.setdefault(word, []).append(str(index))
    index = {word: " ".join(indices) for word, indices in first_words.items()}
    index_json = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (output_dir / "hardware.json").write_text(
        '{"format":2,"source":"hardware-power.csv","devices":[\n'
        + lines
        + '\n],\n"first_words":'
        + index_json
        + "}\n",
        encoding="utf-8",
    )
    sources = (input_dir / "HARDWARE-SOURCES.md").read_text(encoding="utf-8")
    (output_dir / "HARDWARE-SOURCES.md").write_text(
        "<!-- Copied from hardware-power.csv's HARDWARE-SOURCES.md by scripts/build_hardware_data.py. -->\n\n"
        + sources.rstrip("\n")
        + "\n"
        + BUILD_NOTES,
        encoding="utf-8",
    )


def _keep(alias: str, kind: str) -> bool:
    if not re.search(r"[A-Za-z]", alias):
        return False
    return kind != "cpu" or bool(re.search(r"[A-Za-z]{3}", alias))


def _derived(row: dict[str, str]) -> list[str]:
    if row["kind"] != "cpu":
        return []
    return [m.group(1) for alias in row["aliases"].split("|") if (m := _CORE_MODEL.match(alias))]


def _number(watts: Decimal) -> int | float:
    return int(watts) if watts == watts.to_integral_value() else float(watts)


def main() -> None:
    """Command line: build the package data."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--output", type=Path, default=ROOT / "cardlint" / "data")
    args = parser.parse_args()
    build(args.input, args.output)


if __name__ == "__main__":
    main()
