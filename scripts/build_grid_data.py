#!/usr/bin/env python3
"""Regenerate cardlint's grid data from the shared tables.

    python scripts/build_grid_data.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to ``../shared/data`` beside the repository. It reads
``grid-intensity.csv``, ``cloud-region-map.csv`` and ``SOURCES.md`` there, the curated names in
``scripts/grid_places.csv`` and ISO 3166 names and codes from pycountry (needed only here), and
writes ``cardlint/data/grid.json`` and ``cardlint/data/GRID-SOURCES.md``.

``grid_places.csv`` columns: ``kind,target,name,aliases,rank``. Kinds:

- ``alias``: more names (``|``-separated) for the grid row ``target``;
- ``subdivision``: English names for the ISO 3166-2 code ``target``;
- ``city``: a city or site inside ``target`` (a grid subregion, an ISO 3166-2 code or a country);
- ``continent``: a continent or a multi-country area (``target`` is a slug);
- ``vague``: a word that says only "somewhere" (cloud, Colab): resolves to the world, coarse;
- ``placeholder``: a word that says nothing (N/A, unknown, laptop);
- ``provider``: a cloud provider; ``target`` is its id prefix in grid-intensity.csv.

``rank`` orders the readings of an ambiguous name: 0 preferred, 1 default (empty), 2 weak.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardlint.grid.data import FIELD, KEY, LINE  # noqa: E402
from cardlint.grid.names import normalize  # noqa: E402

OUT_JSON = ROOT / "cardlint" / "data" / "grid.json"
OUT_SOURCES = ROOT / "cardlint" / "data" / "GRID-SOURCES.md"
PLACES_CSV = ROOT / "scripts" / "grid_places.csv"
# Subdivisions of these countries are rows of grid-intensity.csv; pycountry's copies are skipped.
GRID_SPLIT = ("US", "CA", "AU")
# Cloud region codes that are distinctive enough to resolve without the provider's name.
GLOBAL_CODE_PROVIDERS = ("aws", "gcp", "azure")
GRANULARITY = {"world": "world", "country": "country", "subregion": "subregion"}
# 0 preferred, 1 default, 2 weak, 3 only where the text (or log) also names the country.
RANK_DEFAULT, RANK_WEAK, RANK_CONTEXT = 1, 2, 3
ISO_3166_2 = re.compile(r"[A-Z]{2}-[0-9A-Z]{1,3}")


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV file into dicts, keeping empty strings (Namibia's id is NA)."""
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def sha256(path: Path) -> str:
    """Hex digest of a file, recorded so that the data says what it was built from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def slug(text: str) -> str:
    """A short id fragment for a name."""
    return normalize(text).replace(" ", "-")


def iso_names(raw: str) -> list[str]:
    """Names in a pycountry name such as 'Catalunya [Cataluña]' or 'London, City of'.

    The first is the one to display: 'Valenciana, Comunidad' gives 'Comunidad Valenciana'.
    """
    names: list[str] = []
    for part in re.split(r"\s*/\s*", raw):
        base = re.sub(r"\s*\[.*?\]", "", part).strip()
        if ", " in base:
            head, tail = base.split(", ", 1)
            names.extend([f"{tail} {head}", head, base])
        else:
            names.append(base)
        for bracket in re.findall(r"\[(.*?)\]", part):
            extra = re.sub(r"\b[A-Z]{2}-\w+\b", "", bracket).strip()
            if extra:
                names.append(extra)
    return [name for name in names if len(normalize(name)) >= 2]


def _packed(text: str) -> str:
    """``text``, checked to hold none of the separators grid.json packs its tables with."""
    if any(separator in text for separator in (FIELD, LINE, KEY)):
        raise SystemExit(
            f"{text!r} contains a separator ({FIELD!r}, {LINE!r} or {KEY!r}): choose others in cardlint/grid/data.py"
        )
    return text


class PlaceRow:
    """A place as the package data stores it (see cardlint.grid.data.Place)."""

    def __init__(self, kind: str, name: str, region: str | None, parent: str | None) -> None:
        self.kind, self.name, self.region, self.parent = kind, name, region, parent

    def encode(self) -> str:
        """The form of ``grid.json``'s "places": fields separated by FIELD."""
        return FIELD.join(
            _packed(v or "") for v in (self.kind, self.name, self.region, self.parent)
        )


class Builder:
    """Collects places and the names that lead to them."""

    def __init__(self) -> None:
        self.places: dict[str, PlaceRow] = {}
        self.lexicon: dict[str, dict[str, int]] = defaultdict(dict)
        self.cloud: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.placeholders: set[str] = set()

    def place(self, pid: str, kind: str, name: str, region: str | None, parent: str | None) -> None:
        """Add a place: its kind, display name, grid region and containing place."""
        if pid in self.places:
            raise SystemExit(f"duplicate place id {pid}")
        self.places[pid] = PlaceRow(kind, name, region, parent)

    def name(self, text: str, pid: str, rank: int = RANK_DEFAULT) -> None:
        """Let ``text`` lead to ``pid``; the best (lowest) rank wins when given twice."""
        key = normalize(text)
        if key:
            self.lexicon[key][pid] = min(rank, self.lexicon[key].get(pid, rank))


def add_grid(b: Builder, grid: list[dict[str, str]], cloud_map: dict[str, dict[str, str]]) -> None:
    """Add every grid row as a place with its names; cloud rows get provider-scoped names."""
    for row in grid:
        rid, kind = row["id"], row["kind"]
        if kind == "cloud":
            provider, code = rid.split(":", 1)
            b.place(rid, "cloud_region", row["name"], rid, cloud_map[rid]["location_id"])
            scoped = b.cloud[provider]
            for text in [code, row["name"].split(" ", 1)[1], *row["aliases"].split("|")]:
                key = normalize(text)
                if rid not in scoped[key]:
                    scoped[key].append(rid)
            if provider in GLOBAL_CODE_PROVIDERS:
                b.name(code, rid)
            continue
        parent = row["country_iso2"] if kind == "subregion" else None
        b.place(rid, GRANULARITY[kind], row["name"], rid, parent)
        for text in [row["name"], rid, *row["aliases"].split("|")]:
            b.name(text, rid)


def add_iso(b: Builder, grid_ids: set[str], containers: set[str]) -> None:
    """Add ISO 3166 country names and codes and ISO 3166-2 subdivisions from pycountry.

    Top-level subdivisions are all kept; lower levels only where a curated city lies in one.
    """
    import pycountry

    for country in pycountry.countries:
        cc = country.alpha_2
        has_data = cc in grid_ids
        if not has_data:
            b.place(cc, "country", country.name, None, None)
        for attr in ("name", "official_name", "common_name"):
            for name in iso_names(getattr(country, attr, "")):
                b.name(name, cc)
        for code in (country.alpha_2, country.alpha_3):
            b.name(code, cc, RANK_DEFAULT if has_data else RANK_WEAK)
    wanted = set(containers)
    for code in containers:
        sub = pycountry.subdivisions.get(code=code)
        while sub is not None and sub.parent_code:
            wanted.add(sub.parent_code)
            sub = pycountry.subdivisions.get(code=sub.parent_code)
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc in GRID_SPLIT or cc not in grid_ids or sub.parent_code and sub.code not in wanted:
            continue
        names = iso_names(sub.name)
        b.place(sub.code, "subregion", names[0], cc, sub.parent_code or cc)
        if sub.parent_code is None:
            b.name(sub.code, sub.code)
        for name in names:
            b.name(name, sub.code, RANK_CONTEXT)


def add_curated(b: Builder, rows: list[dict[str, str]], providers: set[str]) -> None:
    """Add the curated names of scripts/grid_places.csv."""
    for row in rows:
        kind, target, name = row["kind"], row["target"], row["name"]
        aliases = [a for a in row["aliases"].split("|") if a]
        rank = int(row["rank"]) if row["rank"] else RANK_DEFAULT
        if kind == "alias":
            pid = target
        elif kind == "subdivision":
            pid = target
            if pid not in b.places:
                raise SystemExit(f"grid_places.csv: unknown subdivision {target}")
            b.places[pid].name = name
        elif kind == "city":
            if target not in b.places:
                raise SystemExit(f"grid_places.csv: {name}: unknown container {target}")
            pid = f"city:{target}:{slug(name)}"
            b.place(pid, "city", name, b.places[target].region, target)
        elif kind in ("continent", "vague", "provider"):
            if kind == "provider" and target not in providers:
                raise SystemExit(f"grid_places.csv: unknown provider {target}")
            pid = f"{kind}:{slug(target if kind != 'vague' else name)}"
            b.place(pid, kind, name, None if kind == "continent" else "WORLD", None)
        elif kind == "placeholder":
            b.placeholders.update(normalize(alias) for alias in aliases)
            continue
        else:
            raise SystemExit(f"grid_places.csv: unknown kind {kind}")
        if pid not in b.places:
            raise SystemExit(f"grid_places.csv: unknown target {target}")
        for alias in aliases:
            b.name(alias, pid, rank)


def sources_md(shared: Path) -> str:
    """GRID-SOURCES.md: what cardlint adds, then the shared SOURCES.md verbatim."""
    own = (
        "# Sources of cardlint's grid data\n\n"
        "`cardlint/data/grid.json` is generated by `scripts/build_grid_data.py`; do not edit it.\n"
        "Its carbon intensities are copied unchanged from `grid-intensity.csv` (every row: id,\n"
        "value in g CO2-eq/kWh, year and source), and its cloud regions are placed as\n"
        "`cloud-region-map.csv` says. The citations and licences for those figures follow below,\n"
        "as published with the tables.\n\n"
        "Place names added by cardlint, which carry no figures:\n\n"
        "- ISO 3166-1 country names and alpha-2/alpha-3 codes and ISO 3166-2 subdivision codes\n"
        "  and names, taken at build time from pycountry, which packages the Debian `iso-codes`\n"
        "  data (LGPL-2.1-or-later). Only the codes and names are used, and they are facts of the\n"
        "  ISO standard. pycountry is not needed at run time.\n"
        "- `scripts/grid_places.csv`: English names of subdivisions, the cities and data-centre\n"
        "  sites that host most training with the subdivision each lies in, continents, vague\n"
        "  words and cloud providers, written for cardlint.\n\n"
        "---\n\n"
    )
    return own + (shared / "SOURCES.md").read_text(encoding="utf-8")


def build(shared: Path) -> dict[str, object]:
    """Build the JSON document from the shared data folder."""
    grid = read_csv(shared / "grid-intensity.csv")
    cloud_map = {row["id"]: row for row in read_csv(shared / "cloud-region-map.csv")}
    curated = [row for row in read_csv(PLACES_CSV) if row["kind"]]
    grid_ids = {row["id"] for row in grid}
    missing = {row["id"] for row in grid if row["kind"] == "cloud"} ^ set(cloud_map)
    if missing:
        raise SystemExit(f"grid-intensity.csv and cloud-region-map.csv differ on {sorted(missing)}")

    b = Builder()
    add_grid(b, grid, cloud_map)
    add_iso(b, grid_ids, {row["target"] for row in curated if row["kind"] == "city"})
    add_curated(b, curated, set(b.cloud))

    sources = sorted({row["source"] for row in grid})
    regions = {
        row["id"]: [
            row["kind"],
            row["name"],
            row["country_iso2"] or None,
            float(row["g_co2eq_per_kwh"]),
            int(row["year"]),
            sources.index(row["source"]),
        ]
        for row in grid
    }
    # ISO subdivisions go into one text block per country, decoded only when a text needs that
    # country; compact text values keep json.loads fast. Block lines: code, name, parent (empty
    # for the country itself), then the names that lead to it where the country is named.
    # Separators are printable characters that no name has: JSON escapes a tab or a line break,
    # and unescaping makes json.loads several times slower.
    context: dict[str, list[str]] = defaultdict(list)
    for key, pids in b.lexicon.items():
        for pid, rank in pids.items():
            if rank == RANK_CONTEXT:
                context[pid].append(key)
    blocks: dict[str, list[str]] = defaultdict(list)
    places = {}
    for pid, place in b.places.items():
        if ISO_3166_2.fullmatch(pid) and pid not in grid_ids:
            parent = "" if place.parent == place.region else place.parent or ""
            blocks[pid[:2]].append(
                FIELD.join(map(_packed, [pid, place.name, parent, *sorted(context[pid])]))
            )
        else:
            places[pid] = place.encode()
    lexicon = {
        key: " ".join(
            pid if rank == RANK_DEFAULT else f"{pid}/{rank}"
            for pid, rank in sorted(pids.items(), key=lambda e: (e[1], e[0]))
            if rank < RANK_CONTEXT
        )
        for key, pids in sorted(b.lexicon.items())
    }
    entries = [_packed(key) + KEY + _packed(value) for key, value in lexicon.items() if value]
    return {
        "format": 2,
        "built_from": {
            name: sha256(path)
            for name, path in [
                ("grid-intensity.csv", shared / "grid-intensity.csv"),
                ("cloud-region-map.csv", shared / "cloud-region-map.csv"),
                ("grid_places.csv", PLACES_CSV),
            ]
        }
        | {"pycountry": metadata.version("pycountry")},
        "sources": sources,
        "regions": regions,
        "places": places,
        "lexicon": LINE.join(sorted(entries)),
        "subdivisions": {cc: LINE.join(sorted(lines)) for cc, lines in sorted(blocks.items())},
        "cloud": {
            p: {k: " ".join(v) for k, v in sorted(keys.items())}
            for p, keys in sorted(b.cloud.items())
        },
        "placeholders": sorted(b.placeholders),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "shared",
        nargs="?",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="folder holding grid-intensity.csv (default: ../shared/data)",
    )
    args = parser.parse_args(argv)
    doc = build(args.shared)
    OUT_JSON.write_text(
        json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    OUT_SOURCES.write_text(sources_md(args.shared), encoding="utf-8")
    print(
        f"wrote {OUT_JSON.relative_to(ROOT)} ({OUT_JSON.stat().st_size} bytes) "
        f"and {OUT_SOURCES.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
