"""The packaged grid data (``cardlint/data/grid.json``), read once on first use.

``scripts/build_grid_data.py`` writes the file from ``../shared/data``; see
``cardlint/data/GRID-SOURCES.md`` for where each figure comes from.
"""

import bisect
import functools
import os
from typing import NamedTuple

DATA_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "grid.json")
# How the document packs its tables into strings (JSON would escape a tab or a line break, and
# unescaping makes decoding several times slower): "lexicon" is one string of "name=places"
# entries, sorted; a subdivision block holds lines; a place or a block line holds fields.
FIELD, LINE, KEY = "^", "|", "="
# Rank given to a subdivision's local name, which counts only where its country is named too.
RANK_CONTEXT = 3


class Region(NamedTuple):
    """A row of the grid-intensity table: where, and how much CO2eq one kWh there emits."""

    id: str  #: "WORLD", ISO 3166-1 alpha-2 ("DE"), ISO 3166-2 ("US-NY") or "provider:region"
    kind: str  #: "world", "country", "subregion" or "cloud"
    name: str
    country: str | None  #: ISO 3166-1 alpha-2 of the country it lies in; None for the world
    g_co2eq_per_kwh: float
    year: int  #: the year the figure describes (for Australian states: the NGA Factors edition)
    source: str


class Place:
    """Anything a location text can name: a grid row, an ISO subdivision, a city, a vague word."""

    __slots__ = ("id", "kind", "name", "region", "parent")

    def __init__(
        self,
        pid: str,
        kind: str,
        name: str,
        region: str | None,
        parent: str | None,
    ) -> None:
        self.id = pid
        self.kind = kind  # world continent country subregion cloud_region city vague provider
        self.name = name
        self.region = region  # the grid row whose figure applies; None where the data has none
        self.parent = parent  # the place it lies in (for a cloud region: its location)


class GridData:
    """Lookups over the decoded document; entries are decoded lazily and cached."""

    def __init__(self, path: str) -> None:
        import json

        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        sources = doc["sources"]
        self.regions = {
            rid: Region(rid, kind, name, country, float(g), int(year), sources[src])
            for rid, (kind, name, country, g, year, src) in doc["regions"].items()
        }
        self._places: dict[str, str] = doc["places"]
        self._lexicon = doc["lexicon"].split(LINE)
        self._cloud: dict[str, dict[str, str]] = doc["cloud"]
        self._blocks: dict[str, str] = doc["subdivisions"]
        self.placeholders = frozenset(doc["placeholders"])
        self._place_cache: dict[str, Place] = {}
        self._area_cache: dict[str, tuple[str, ...]] = {}
        self._local: dict[str, dict[str, list[str]]] = {}

    def place(self, pid: str) -> Place:
        """The place with id ``pid``."""
        cached = self._place_cache.get(pid)
        if cached is None:
            if pid not in self._places:  # an ISO 3166-2 subdivision
                self._decode_block(pid[:2])
                return self._place_cache[pid]
            kind, name, region, parent = self._places[pid].split(FIELD)
            cached = self._place_cache[pid] = Place(pid, kind, name, region or None, parent or None)
        return cached

    def _decode_block(self, cc: str) -> dict[str, list[str]]:
        """Decode one country's subdivisions; return its names that need the country named."""
        local = self._local.get(cc)
        if local is None:
            local = self._local[cc] = {}
            block = self._blocks.get(cc)
            for line in block.split(LINE) if block else ():
                code, name, parent, *keys = line.split(FIELD)
                self._place_cache[code] = Place(code, "subregion", name, cc, parent or cc)
                for key in keys:
                    local.setdefault(key, []).append(code)
        return local

    def countries_with_subdivisions(self) -> list[str]:
        """Countries whose ISO 3166-2 subdivisions the data holds."""
        return list(self._blocks)

    def names(self, key: str) -> list[tuple[Place, int]]:
        """Places a normalised name leads to, with their rank (0 preferred, 2 weak)."""
        out = []
        for entry in self._lexicon_entry(key).split():
            pid, _, rank = entry.partition("/")
            out.append((self.place(pid), int(rank) if rank else 1))
        return out

    def _lexicon_entry(self, key: str) -> str:
        """The places a name leads to, as the lexicon writes them ("" for none)."""
        prefix = key + KEY
        # a name has no KEY: its entry sorts first
        index = bisect.bisect_left(self._lexicon, prefix)
        if index < len(self._lexicon) and self._lexicon[index].startswith(prefix):
            return self._lexicon[index][len(prefix) :]
        return ""

    def local_names(self, key: str, country: str) -> list[Place]:
        """Subdivisions of ``country`` that a normalised name leads to (local-language names)."""
        return [self.place(code) for code in self._decode_block(country).get(key, ())]

    def cloud_names(self, provider: str, key: str) -> list[Place]:
        """Cloud regions of ``provider`` that a normalised code or name leads to."""
        return [self.place(pid) for pid in self._cloud.get(provider, {}).get(key, "").split()]

    def areas(self, pid: str) -> tuple[str, ...]:
        """Ids of the areas a place lies in, country first, itself last when it is an area."""
        cached = self._area_cache.get(pid)
        if cached is None:
            place = self.place(pid)
            above = self.areas(place.parent) if place.parent else ()
            own = (pid,) if place.kind in ("country", "subregion") else ()
            cached = self._area_cache[pid] = above + own
        return cached

    @functools.cached_property
    def subregions(self) -> dict[str, tuple[Region, ...]]:
        """Grid subregions by country, for the countries the data splits."""
        out: dict[str, list[Region]] = {}
        for region in self.regions.values():
            if region.kind == "subregion" and region.country:
                out.setdefault(region.country, []).append(region)
        return {cc: tuple(regions) for cc, regions in out.items()}

    def provider_regions(self, provider: str) -> tuple[Region, ...]:
        """The cloud regions of one provider."""
        return tuple(r for rid, r in self.regions.items() if rid.startswith(provider + ":"))

    @functools.cached_property
    def fuzzy_choices(self) -> tuple[list[str], list[list[str]]]:
        """Names for suggestions (not the short codes) and the places each leads to."""
        keys, pids = [], []
        for key, _, value in (entry.partition(KEY) for entry in self._lexicon):
            if len(key) > 3:
                keys.append(key)
                pids.append([entry.partition("/")[0] for entry in value.split()])
        return keys, pids


@functools.lru_cache(maxsize=1)
def load() -> GridData:
    """Read and decode the packaged data (once)."""
    return GridData(DATA_FILE)
