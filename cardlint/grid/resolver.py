"""Resolve a free-text location to a grid region and its carbon intensity.

``resolve("Brooklyn, NY, USA")`` finds the city Brooklyn, in New York state, and returns the
grid figure for ``US-NY``. Places are read most specific first ("Orsay, France",
"Montréal, QC"); later names settle ambiguous earlier ones ("Perth, WA" is Western Australia).
Importing this module is cheap: the data is read on the first call, and the fuzzy matcher
(rapidfuzz, with difflib as a fallback) is imported only when part of a text matches nothing.
"""

import functools
import re
from itertools import product
from typing import NamedTuple

from cardlint.grid.data import RANK_CONTEXT, GridData, Place, Region, load
from cardlint.grid.names import DIRECTIONS, STOPWORDS, TEMPLATE_MARKERS, Token, normalize, segments

__all__ = [
    "GRANULARITIES",
    "Candidate",
    "Region",
    "Resolution",
    "contradicts",
    "format_resolution",
    "regions",
    "resolution_to_dict",
    "resolve",
    "resolve_log_region",
]

GRANULARITIES = ("world", "continent", "country", "subregion", "cloud_region", "city")
_SPECIFICITY = {
    "world": 0,
    "vague": 0,
    "provider": 0,
    "continent": 1,
    "country": 2,
    "subregion": 3,
    "city": 4,
    "cloud_region": 5,
}
# Which reading of an ambiguous name to prefer when nothing else decides: "CA" is Canada.
_PREFERENCE = {
    "country": 0,
    "subregion": 1,
    "cloud_region": 2,
    "city": 3,
    "continent": 4,
    "vague": 5,
    "world": 6,
    "provider": 7,
}
_MAX_WORDS = 10  # the longest name the scanner tries, in words
_MAX_CHARS = 1000  # a longer text is read only this far
_ZONE = re.compile(r"(\d+)[a-f]")  # "1a" in the AWS zone "us-east-1a"
_SUGGESTIONS = 5
_SUGGEST_CUTOFF = 75.0
_FUZZY_TEXTS = 8  # unmatched parts of one location compared with every place name


class Candidate(NamedTuple):
    """A place the text may have meant: a near spelling, or another reading of an ambiguous name."""

    id: str
    name: str
    region_id: str | None  #: the grid row whose figure would apply
    score: float  #: similarity 0-100; 100 for another reading of the same name


class Resolution(NamedTuple):
    """What a location text names and which grid figure applies to it.

    ``granularity`` says how specific the text is ("city" for Brooklyn, even though the figure
    is New York state's); ``region`` is the grid row whose figure applies (None for a continent
    or a country the data has no figure for). ``coarse`` marks texts too vague for a good
    figure; ``finer`` then lists the ``(id, name)`` of the regions to choose from.
    """

    text: str
    place_id: str | None = None  #: the most specific place understood
    place: str | None = None  #: its name
    granularity: str | None = None  #: one of GRANULARITIES; None when unresolved
    region: Region | None = None
    areas: tuple[str, ...] = ()  #: ids of the areas the place lies in, country first
    provider: str | None = None  #: cloud provider named in the text ("aws", "gcp", "azure", ...)
    coarse: bool = False
    finer: tuple[tuple[str, str], ...] = ()
    unparsed: tuple[str, ...] = ()  #: parts of the text that were not understood
    candidates: tuple[Candidate, ...] = ()
    notes: tuple[str, ...] = ()
    #: other readings of the name the place was taken from, where nothing in the text decides
    alternatives: tuple[Candidate, ...] = ()
    #: parts of the text that name places the chosen one cannot lie in or beside
    conflicts: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """ "resolved", "coarse" or "unresolved"."""
        if self.granularity is None:
            return "unresolved"
        return "coarse" if self.coarse else "resolved"


class _Mention:
    """A run of words that names something, with every place it may name and each one's rank."""

    __slots__ = ("text", "entries", "weak", "span", "settlement")

    def __init__(
        self,
        text: str,
        entries: list[tuple[Place, int]],
        weak: bool = False,
        span: tuple[int, int, int] = (0, 0, 0),
    ) -> None:
        self.text = text
        self.entries = entries
        self.weak = weak  # a lower-case code inside a longer text ("usa" in "brooklyn ny usa")
        self.span = span  # segment, first word, end
        self.settlement = (
            False  # followed by "City" or "Town": "Kansas City" names a town, not Kansas
        )


def regions() -> tuple[Region, ...]:
    """Every row of the packaged grid-intensity table."""
    return tuple(load().regions.values())


@functools.lru_cache(maxsize=4096)
def resolve(text: str) -> Resolution:
    """Resolve a ``geographical_location`` text such as "Brooklyn, NY, USA" or "AWS us-east-1".

    Answers are cached: the same text gives the same (immutable) resolution.
    """
    d = load()
    head = text[:_MAX_CHARS]
    key = normalize(head)
    if not key or key in d.placeholders:
        return Resolution(text, notes=("names no place",))
    folded = " ".join(head.casefold().split())
    if any(marker in folded for marker in TEMPLATE_MARKERS):
        return Resolution(text, notes=("template text, not a place",))
    segs = segments(head)
    mentions, unparsed = _scan(d, segs, (), set())
    providers = _providers(mentions)
    countries = _countries(d, mentions)
    rest = [
        t.key
        for s, seg in enumerate(segs)
        for i, t in enumerate(seg)
        if not any(_covers(m, s, i) for m in mentions if _is_provider(m))
    ]
    whole = [e for e in _lookup(d, " ".join(rest), providers, countries) if e[0].kind != "provider"]
    if whole:
        return _conclude(d, text, [_Mention(text, whole)], [], providers)
    if providers or countries:
        mentions, unparsed = _scan(d, segs, providers, countries)
    return _conclude(d, text, [m for m in mentions if not _is_provider(m)], unparsed, providers)


def resolve_log_region(
    country_iso: str | None,
    region: str | None,
    cloud_provider: str | None,
    cloud_region: str | None,
) -> Resolution:
    """Resolve the location fields of a measurement log, e.g. CodeCarbon's ``("DEU",
    "north rhine-westphalia", "", "")`` or ``("USA", "iowa", "gcp", "us-central1")``."""
    d = load()
    country_iso, region = (country_iso or "").strip(), (region or "").strip()
    cloud_provider, cloud_region = (cloud_provider or "").strip(), (cloud_region or "").strip()
    cloud = f"{cloud_provider}:{cloud_region}" if cloud_provider else cloud_region
    text = ", ".join(part for part in (cloud if cloud_region else "", region, country_iso) if part)
    providers = tuple(
        p.id.split(":", 1)[1] for p, _ in d.names(normalize(cloud_provider)) if p.kind == "provider"
    )
    mentions: list[_Mention] = []
    unparsed: list[str] = []
    countries: set[str] = set()
    if country_iso:
        found = [e for e in d.names(normalize(country_iso)) if e[0].kind == "country"]
        _add(mentions, unparsed, country_iso, found)
        countries = {place.id for place, _ in found}
    if region:
        found = [
            e
            for e in _lookup(d, normalize(region), (), countries)
            if e[0].kind in ("subregion", "city")
            and (not countries or _country(d, e[0]) in countries)
        ]
        subregions = [e for e in found if e[0].kind == "subregion"]
        _add(mentions, unparsed, region, subregions or found)
    if cloud_region:
        found = [
            e
            for e in _lookup(d, normalize(cloud_region), providers, set())
            if e[0].kind == "cloud_region"
        ]
        _add(mentions, unparsed, cloud_region, found)
    if not text:
        return Resolution(text, notes=("names no place",))
    return _conclude(d, text, mentions, unparsed, providers)


def contradicts(a: Resolution, b: Resolution) -> bool:
    """Whether two resolutions name places that cannot both be right (neither lies in the other).

    "Brooklyn" and "USA" agree; "Germany" and "Quebec" do not; anything unresolved, a continent
    or the world agrees with everything.
    """
    if a.place_id is None or b.place_id is None or a.place_id == b.place_id:
        return False
    size = min(len(a.areas), len(b.areas))
    return a.areas[:size] != b.areas[:size]


def format_resolution(res: Resolution) -> str:
    """A few lines for people: what the text resolved to, the figure, and what to write instead."""
    lines = [f"{res.text}: {res.status}"]
    if res.place is not None:
        lines.append(f"  place: {res.place} ({res.granularity}, {res.place_id})")
    if res.region is not None:
        r = res.region
        lines.append(
            f"  grid: {r.id} {r.name}, {r.g_co2eq_per_kwh:g} gCO2eq/kWh ({r.year}; {r.source})"
        )
    if res.finer:
        lines.append("  write one of: " + ", ".join(f"{name} ({rid})" for rid, name in res.finer))
    if res.unparsed:
        lines.append("  not understood: " + ", ".join(repr(part) for part in res.unparsed))
    if res.candidates:
        label = "did you mean" if res.granularity is None or res.unparsed else "or perhaps"
        lines.append(
            f"  {label}: " + ", ".join(f"{c.name} ({c.region_id or c.id})" for c in res.candidates)
        )
    lines.extend(f"  note: {note}" for note in res.notes)
    return "\n".join(lines)


def resolution_to_dict(res: Resolution) -> dict[str, object]:
    """A JSON-ready dict of a resolution."""
    return {
        "text": res.text,
        "status": res.status,
        "place": None
        if res.place_id is None
        else {"id": res.place_id, "name": res.place, "granularity": res.granularity},
        "areas": list(res.areas),
        "region": None if res.region is None else res.region._asdict(),
        "provider": res.provider,
        "coarse": res.coarse,
        "finer": [{"id": rid, "name": name} for rid, name in res.finer],
        "unparsed": list(res.unparsed),
        "candidates": [c._asdict() for c in res.candidates],
        "notes": list(res.notes),
        "alternatives": [c._asdict() for c in res.alternatives],
        "conflicts": list(res.conflicts),
    }


# --- scanning ---------------------------------------------------------------------------------


def _lookup(
    d: GridData,
    key: str,
    providers: tuple[str, ...],
    countries: set[str],
) -> list[tuple[Place, int]]:
    """Places a normalised name leads to, given the providers and countries named around it."""
    for provider in providers:
        scoped = d.cloud_names(provider, key) or d.cloud_names(provider, _zone_free(key))
        if scoped:
            return [(place, 0) for place in scoped]
    found = d.names(key) + [
        (place, RANK_CONTEXT) for cc in sorted(countries) for place in d.local_names(key, cc)
    ]
    if not found and _zone_free(key):
        found = [e for e in d.names(_zone_free(key)) if e[0].kind == "cloud_region"]
    return found


def _zone_free(key: str) -> str:
    """The region code inside a zone code ("us central1 a" -> "us central1"), or ""."""
    head, _, last = key.rpartition(" ")
    if head and len(last) == 1 and last in "abcdef":
        return head
    zone = _ZONE.fullmatch(last)
    return f"{head} {zone.group(1)}" if head and zone else ""


def _is_code(key: str) -> bool:
    """Short names (ISO codes, "NSW", "USA") count only where they cannot be ordinary words."""
    return len(key) <= 3 and " " not in key


_SETTLEMENT_WORDS = frozenset(("city", "town", "village"))


def _idle(token: Token) -> bool:
    """A word that names nothing by itself."""
    return token.key in STOPWORDS or token.key in DIRECTIONS


def _scan(
    d: GridData,
    segs: list[list[Token]],
    providers: tuple[str, ...],
    countries: set[str],
) -> tuple[list[_Mention], list[str]]:
    """Find the longest known names in each segment; return them and the words left over."""
    mentions: list[_Mention] = []
    unparsed: list[str] = []
    for s, seg in enumerate(segs):
        run: list[Token] = []
        i = 0
        while i < len(seg):
            size, mention = _match_at(d, seg, i, providers, countries)
            if size == 0:
                if run or not _idle(seg[i]):
                    run.append(seg[i])
                i += 1
                continue
            _flush(run, unparsed)
            if mention is not None:
                mention.span = (s, i, i + size)
                mention.settlement = i + size < len(seg) and seg[i + size].key in _SETTLEMENT_WORDS
                mentions.append(mention)
            i += size
        _flush(run, unparsed)
    return mentions, unparsed


def _match_at(
    d: GridData, seg: list[Token], i: int, providers: tuple[str, ...], countries: set[str]
) -> tuple[int, _Mention | None]:
    """The longest name starting at word ``i``: its length in words and what it names.

    A placeholder ("unknown", "not disclosed") matches with no mention; no match is size 0.
    """
    for size in range(min(_MAX_WORDS, len(seg) - i), 0, -1):
        words = seg[i : i + size]
        key = " ".join(t.key for t in words)
        if key in d.placeholders:
            return size, None
        entries = _lookup(d, key, providers, countries)
        if not entries:
            continue
        weak = False
        if _is_code(key):
            alone = all(_idle(t) for t in seg[:i] + seg[i + size :])
            if not alone and not words[0].raw.isupper():
                if key in STOPWORDS:
                    return 0, None
                weak = True
        return size, _Mention(" ".join(t.raw for t in words), entries, weak)
    return 0, None


def _flush(run: list[Token], unparsed: list[str]) -> None:
    """Move a run of unknown words (without trailing filler words) to ``unparsed``."""
    while run and _idle(run[-1]):
        run.pop()
    if run:
        unparsed.append(" ".join(t.raw for t in run))
    run.clear()


def _covers(mention: _Mention, seg: int, word: int) -> bool:
    """Whether the mention spans word ``word`` of segment ``seg``."""
    s, start, end = mention.span
    return s == seg and start <= word < end


def _is_provider(mention: _Mention) -> bool:
    """Whether the mention names a cloud provider ("AWS", "Google Cloud")."""
    return any(place.kind == "provider" for place, _ in mention.entries)


def _providers(mentions: list[_Mention]) -> tuple[str, ...]:
    """The providers named, in order: "aws", "gcp", ..."""
    names = (
        place.id.split(":", 1)[1]
        for m in mentions
        if _is_provider(m)
        for place, _ in m.entries
        if place.kind == "provider"
    )
    return tuple(dict.fromkeys(names))


def _country(d: GridData, place: Place) -> str | None:
    """The country a place lies in (None for the world, a continent or a vague word)."""
    areas = d.areas(place.id)
    return areas[0] if areas else None


def _countries(d: GridData, mentions: list[_Mention]) -> set[str]:
    """Every country any reading of any mention lies in."""
    found = {_country(d, place) for m in mentions if not m.weak for place, _ in m.entries}
    return {cc for cc in found if cc}


def _add(
    mentions: list[_Mention], unparsed: list[str], text: str, entries: list[tuple[Place, int]]
) -> None:
    """Record a log field as a mention, or as not understood."""
    if entries:
        mentions.append(_Mention(text, entries))
    else:
        unparsed.append(text)


# --- choosing a reading -----------------------------------------------------------------------


def _consistent(d: GridData, a: Place, b: Place) -> bool:
    """Whether one place can lie in the other (or they are the same area)."""
    if a.id == b.id:
        return True
    x, y = d.areas(a.id), d.areas(b.id)
    size = min(len(x), len(y))
    return x[:size] == y[:size]


def _conflicts(d: GridData, places: list[Place]) -> int:
    """How many pairs of places disagree."""
    return sum(not _consistent(d, a, b) for i, a in enumerate(places) for b in places[i + 1 :])


def _choose(d: GridData, mentions: list[_Mention]) -> tuple[list[Place], int, list[int], list[int]]:
    """Pick one reading per mention, the fewest disagreements first; return them, the index of
    the place the text is taken to mean, the mentions that gave way to a qualifier, and those of
    them that name a town after a broader place.

    A qualifier constrains the match: where two readings cannot both be right, the finer one
    gives way ("Paris, Texas" is in Texas, whatever the data knows of a Paris); between two
    equally fine ones, the earlier gives way ("city, state, country" names the broadest last).
    A broader place written before a state or country it cannot lie in is a town named after it
    ("Lebanon, New Hampshire", "Jersey City, NJ"): it gives way, and contradicts nothing. So is
    a state written as a city before another state ("Kansas City, Missouri"); two states written
    plainly ("Texas, California") still contradict each other.
    """
    per_mention = max(1, int(256 ** (1 / len(mentions))))
    options = [
        sorted(m.entries, key=lambda e: (e[1], _PREFERENCE[e[0].kind]))[:per_mention]
        for m in mentions
    ]
    best = min(
        product(*options),
        key=lambda combo: (
            _conflicts(d, [p for p, _ in combo]),
            sum(rank for _, rank in combo),
            sum(_PREFERENCE[p.kind] for p, _ in combo),
        ),
    )
    chosen = [place for place, _ in best]
    kept = list(range(len(chosen)))
    towns: list[int] = []
    clash = _clash(d, chosen, kept)
    while clash is not None:
        i, j = clash
        if chosen[j].kind in ("country", "subregion") and (
            _SPECIFICITY[chosen[i].kind] < _SPECIFICITY[chosen[j].kind]
            or (mentions[i].settlement and chosen[i].kind == chosen[j].kind)
        ):
            towns.append(i)
        kept.remove(
            i if _SPECIFICITY[chosen[i].kind] >= _SPECIFICITY[chosen[j].kind] or i in towns else j
        )
        clash = _clash(d, chosen, kept)

    def weight(i: int) -> tuple[int, int, int]:
        place = chosen[i]
        return _SPECIFICITY[place.kind], len(d.areas(place.id)), -i

    return chosen, max(kept, key=weight), [i for i in range(len(chosen)) if i not in kept], towns


def _clash(d: GridData, chosen: list[Place], kept: list[int]) -> tuple[int, int] | None:
    """The first pair of kept readings (earlier first) that cannot both be right, if any."""
    for n, i in enumerate(kept):
        for j in kept[n + 1 :]:
            if not _consistent(d, chosen[i], chosen[j]):
                return i, j
    return None


def _conclude(
    d: GridData,
    text: str,
    mentions: list[_Mention],
    unparsed: list[str],
    providers: tuple[str, ...],
) -> Resolution:
    """Turn the mentions found in a text into a resolution."""
    unparsed = list(unparsed)
    notes: list[str] = []
    candidates: tuple[Candidate, ...] = ()
    strong = [m for m in mentions if not m.weak]
    weak = [m for m in mentions if m.weak]
    if not strong:
        strong, weak = weak, []
    alternatives: tuple[Candidate, ...] = ()
    conflicts: list[str] = []
    if strong:
        chosen, at, dropped, towns = _choose(d, strong)
        place = chosen[at]
        for i in dropped:  # a city or town the data does not know there is no contradiction
            town = chosen[i].kind == "city" or i in towns
            if not town:
                conflicts.append(strong[i].text)
            notes.append(_gave_way(d, strong[i].text, chosen[i], place, town))
        unparsed.extend(
            m.text for m in weak if not any(_consistent(d, p, place) for p, _ in m.entries)
        )
        if (
            providers
            and place.kind == "cloud_region"
            and place.id.split(":", 1)[0] not in providers
        ):
            conflicts.append(place.name)
            named = d.place(f"provider:{providers[0]}")
            notes.append(
                f"{strong[at].text!r} is {place.name}, not a region of {named.name}:"
                f" name one of {named.name}'s regions"
            )
            place = named
        else:
            alternatives = _other_readings(d, strong[at], chosen, at)
        if alternatives:
            notes.append(
                f"{strong[at].text!r} may also mean "
                + ", ".join(f"{c.name} ({c.region_id or c.id})" for c in alternatives)
                + f"; read as {_where(d, place)}: add the country or state to be sure"
            )
        candidates = alternatives
        if unparsed:  # "Frankfrut, Germany": offer the places in Germany spelled like it
            candidates += _suggest(d, unparsed, near=place)
    elif providers:
        place = d.place(f"provider:{providers[0]}")
    else:
        return Resolution(
            text,
            unparsed=tuple(unparsed),
            candidates=_suggest(d, unparsed or [text]),
            notes=() if unparsed else ("names no place",),
        )
    return _resolution(d, text, place, providers, unparsed, candidates, notes)._replace(
        alternatives=alternatives, conflicts=tuple(conflicts)
    )


def _where(d: GridData, place: Place) -> str:
    """A place's name with its country, or its grid region in a split country: "Perth
    (Western Australia)", "Paris (France)"."""
    areas = d.areas(place.id)
    if not areas or "(" in place.name:
        return place.name
    split = areas[1:2] if areas[0] in d.subregions else ()
    around = [area for area in (*split, areas[0]) if area != place.id]
    return f"{place.name} ({d.place(around[0]).name})" if around else place.name


def _gave_way(d: GridData, text: str, reading: Place, place: Place, town: bool) -> str:
    """The note for a name that does not fit the qualifier the text gives for it."""
    if town:
        return (
            f"{text!r} is not a place the data knows in {place.name} (it knows"
            f" {_where(d, reading)}): the figure is {place.name}'s"
        )
    return (
        f"{text!r} and {place.name} cannot both be right ({_where(d, reading)} is not in"
        f" {place.name}): the figure is {place.name}'s; write only where the training ran"
    )


def _other_readings(
    d: GridData,
    mention: _Mention,
    chosen: list[Place],
    at: int,
) -> tuple[Candidate, ...]:
    """Readings of the chosen mention that fit the rest of the text as well as the chosen one."""
    base = _conflicts(d, chosen)
    place = chosen[at]
    out = []
    for other, rank in mention.entries:
        if other.region == place.region or other.id == place.id or rank >= RANK_CONTEXT:
            continue
        if _conflicts(d, chosen[:at] + [other] + chosen[at + 1 :]) <= base:
            out.append(Candidate(other.id, other.name, other.region, 100.0))
    return tuple(out)


def _resolution(
    d: GridData,
    text: str,
    place: Place,
    providers: tuple[str, ...],
    unparsed: list[str],
    candidates: tuple[Candidate, ...],
    notes: list[str],
) -> Resolution:
    """Build the resolution for the place a text was taken to mean."""
    granularity = "world" if place.kind in ("vague", "provider") else place.kind
    areas = d.areas(place.id)
    region = d.regions.get(place.region) if place.region else None
    country = areas[0] if areas else None
    split = granularity == "country" and country in d.subregions
    coarse = granularity in ("world", "continent") or split
    finer: tuple[Region, ...] = ()
    if coarse and providers:
        finer = tuple(
            r
            for p in providers
            for r in d.provider_regions(p)
            if d.areas(r.id)[: len(areas)] == areas
        )
    elif split and country:
        finer = d.subregions[country]
    if region is None:
        notes.append(f"the data has no grid figure for {place.name}")
    return Resolution(
        text=text,
        place_id=place.id,
        place=place.name,
        granularity=granularity,
        region=region,
        areas=areas,
        provider=providers[0] if providers else None,
        coarse=coarse,
        finer=tuple((r.id, r.name) for r in finer),
        unparsed=tuple(unparsed),
        candidates=candidates,
        notes=tuple(notes),
    )


# --- suggestions ------------------------------------------------------------------------------


def _suggest(d: GridData, texts: list[str], near: Place | None = None) -> tuple[Candidate, ...]:
    """The places closest to texts that matched nothing: subdivisions whose local name it is
    (which count only beside their country), then near spellings; only places that fit
    ``near`` when it is given."""
    scores: dict[str, float] = {}
    keys, pids = d.fuzzy_choices
    # a long location of many unknown parts: its first few are enough
    for text in texts[:_FUZZY_TEXTS]:
        key = normalize(text)
        if not key:
            continue
        for cc in d.countries_with_subdivisions():
            for place in d.local_names(key, cc):
                scores[place.id] = 100.0
        for index, score in _similar(key, keys):
            for pid in pids[index]:
                scores[pid] = max(scores.get(pid, 0.0), score)
    if near is not None:
        scores = {
            pid: score
            for pid, score in scores.items()
            if pid != near.id and _consistent(d, d.place(pid), near)
        }
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:_SUGGESTIONS]
    return tuple(
        Candidate(pid, d.place(pid).name, d.place(pid).region, round(score, 1))
        for pid, score in best
    )


def _similar(query: str, keys: list[str]) -> list[tuple[int, float]]:
    """Indexes and scores (0-100) of the keys most like ``query``."""
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # rapidfuzz is optional; difflib gives the same ratio, more slowly
        import difflib

        matcher = difflib.SequenceMatcher(b=query)
        found = []
        for index, key in enumerate(keys):
            matcher.set_seq1(key)
            if (
                matcher.real_quick_ratio() * 100 >= _SUGGEST_CUTOFF
                and matcher.quick_ratio() * 100 >= _SUGGEST_CUTOFF
            ):
                score = matcher.ratio() * 100
                if score >= _SUGGEST_CUTOFF:
                    found.append((index, score))
        return sorted(found, key=lambda item: -item[1])[: 2 * _SUGGESTIONS]
    hits = process.extract(
        query, keys, scorer=fuzz.ratio, limit=2 * _SUGGESTIONS, score_cutoff=_SUGGEST_CUTOFF
    )
    return [(index, score) for _, score, index in hits]
