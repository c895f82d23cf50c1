"""Tests for cardlint.grid.resolver: location texts to grid regions, and the packaged data."""

from __future__ import annotations

import csv
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardlint.grid import data as grid_data
from cardlint.grid import resolver as grid
from cardlint.grid.names import normalize
from cardlint.grid.resolver import (
    GRANULARITIES,
    contradicts,
    format_resolution,
    regions,
    resolution_to_dict,
    resolve,
    resolve_log_region,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared"
needs_shared = pytest.mark.skipif(
    not (SHARED / "data" / "grid-intensity.csv").is_file(),
    reason="../shared/data (the source tables) is not beside the repository",
)

# (text, status, grid region id or None, granularity or None). Texts come from the corpus of real
# model cards (marked "corpus") and from what people write.
CASES = [
    # corpus: geographical_location and "Compute Region" values
    ("Germany", "resolved", "DE", "country"),
    ("Singapore", "resolved", "SG", "country"),
    ("United States of America", "coarse", "US", "country"),
    ("Fredericia, Denmark", "resolved", "DK", "city"),
    ("East USA", "coarse", "US", "country"),
    ("Canada", "coarse", "CA", "country"),
    ("Apulia, Italy", "resolved", "IT", "subregion"),
    ("Denmark", "resolved", "DK", "country"),
    ("Barcelona, Catalonia", "resolved", "ES", "city"),
    ("Barcelona", "resolved", "ES", "city"),
    ("Ghent, Belgium", "resolved", "BE", "city"),
    ("Orsay, France", "resolved", "FR", "city"),
    ("Île-de-France, France", "resolved", "FR", "subregion"),
    ("Catalunya, Spain", "resolved", "ES", "subregion"),
    ("Quebec, Canada", "resolved", "CA-QC", "subregion"),
    ("Spain", "resolved", "ES", "country"),
    ("Andalusia", "resolved", "ES", "subregion"),
    ("us-east1", "resolved", "gcp:us-east1", "cloud_region"),
    ("us-east1 (provided by model developers)", "resolved", "gcp:us-east1", "cloud_region"),
    ("us-east-1", "resolved", "aws:us-east-1", "cloud_region"),
    ("US-east", "coarse", "US", "country"),
    ("EMEA", "coarse", None, "continent"),
    ("unavailable, assumed East US for calculations", "coarse", "US", "country"),
    (
        "Google Cloud via Kaggle free tier (region not disclosed, US assumed)",
        "coarse",
        "US",
        "country",
    ),
    ("unknown", "unresolved", None, None),
    ("Unknown", "unresolved", None, None),
    ("More information needed", "unresolved", None, None),
    ("[More Information Needed]", "unresolved", None, None),
    ('{{ cloud_region | default("[More Information Needed]", true)}}', "unresolved", None, None),
    (
        "as granular as possible, for instance Quebec, Canada\nor Brooklyn, NY, USA.",
        "unresolved",
        None,
        None,
    ),
    ("N/A", "unresolved", None, None),
    # the spec's own examples and comma lists, most specific first
    ("Brooklyn, NY, USA", "resolved", "US-NY", "city"),
    ("Montréal, QC", "resolved", "CA-QC", "city"),
    ("Oregon, USA", "resolved", "US-OR", "subregion"),
    ("Seattle, WA", "resolved", "US-WA", "city"),
    ("Perth, WA", "resolved", "AU-WA", "city"),
    ("Portland, OR", "resolved", "US-OR", "city"),
    ("Portland, Maine", "resolved", "US-ME", "city"),
    ("Cambridge, MA", "resolved", "US-MA", "city"),
    ("Cambridge, UK", "resolved", "GB", "city"),
    ("Atlanta, Georgia", "resolved", "US-GA", "city"),
    ("Georgia, USA", "resolved", "US-GA", "subregion"),
    ("Tbilisi, Georgia", "resolved", "GE", "subregion"),
    ("Victoria, Australia", "resolved", "AU-VIC", "subregion"),
    ("Victoria, BC", "resolved", "CA-BC", "city"),
    ("San Jose, CA", "resolved", "US-CA", "city"),
    ("LA, California", "resolved", "US-CA", "city"),
    ("Toronto, ON", "resolved", "CA-ON", "city"),
    ("NSW, Australia", "resolved", "AU-NSW", "subregion"),
    ("Bavaria, Germany", "resolved", "DE", "subregion"),
    ("Hessen, Deutschland", "resolved", "DE", "subregion"),
    ("Lombardy, Italy", "resolved", "IT", "subregion"),
    ("Milano, Italia", "resolved", "IT", "city"),
    ("Groningen, Netherlands", "resolved", "NL", "subregion"),
    ("Essonne, France", "resolved", "FR", "subregion"),
    ("Karnataka, India", "resolved", "IN", "subregion"),
    ("Dubai, UAE", "resolved", "AE", "city"),
    ("Riyadh, KSA", "resolved", "SA", "city"),
    ("France (Paris)", "resolved", "FR", "city"),
    ("Washington, D.C.", "resolved", "US-DC", "subregion"),
    ("Korea, Republic of", "resolved", "KR", "country"),
    # data-centre and research cities
    ("Ashburn, Virginia", "resolved", "US-VA", "city"),
    ("Council Bluffs, Iowa", "resolved", "US-IA", "city"),
    ("The Dalles, Oregon", "resolved", "US-OR", "city"),
    ("Frankfurt", "resolved", "DE", "city"),
    ("Dublin", "resolved", "IE", "city"),
    ("Paris", "resolved", "FR", "city"),
    ("Amsterdam", "resolved", "NL", "city"),
    ("Tokyo", "resolved", "JP", "city"),
    ("Seoul", "resolved", "KR", "city"),
    ("Sydney", "resolved", "AU-NSW", "city"),
    ("London", "resolved", "GB", "city"),
    ("Stockholm", "resolved", "SE", "city"),
    ("Helsinki", "resolved", "FI", "city"),
    ("Zurich", "resolved", "CH", "city"),
    ("Quebec City", "resolved", "CA-QC", "city"),
    ("San Francisco", "resolved", "US-CA", "city"),
    ("Los Angeles", "resolved", "US-CA", "city"),
    ("Boston", "resolved", "US-MA", "city"),
    ("NYC", "resolved", "US-NY", "city"),
    ("Jülich, Germany", "resolved", "DE", "city"),
    ("Juelich", "resolved", "DE", "city"),
    ("Kajaani, Finland", "resolved", "FI", "city"),
    ("Bangalore", "resolved", "IN", "city"),
    ("Sao Paulo, Brazil", "resolved", "BR", "city"),
    # case and accents
    ("MONTREAL", "resolved", "CA-QC", "city"),
    ("montréal", "resolved", "CA-QC", "city"),
    ("Koln", "resolved", "DE", "city"),
    ("FRANCE", "resolved", "FR", "country"),
    ("Cote d'Ivoire", "resolved", "CI", "country"),
    ("Türkiye", "resolved", "TR", "country"),
    # codes and common names of countries and states
    ("USA", "coarse", "US", "country"),
    ("U.S.A.", "coarse", "US", "country"),
    ("US", "coarse", "US", "country"),
    ("UK", "resolved", "GB", "country"),
    ("DEU", "resolved", "DE", "country"),
    ("DE", "resolved", "DE", "country"),
    ("CH", "resolved", "CH", "country"),
    ("UAE", "resolved", "AE", "country"),
    ("the Netherlands", "resolved", "NL", "country"),
    ("Holland", "resolved", "NL", "country"),
    ("Viet Nam", "resolved", "VN", "country"),
    ("Namibia", "resolved", "NA", "country"),
    ("Australia", "coarse", "AU", "country"),
    ("Texas", "resolved", "US-TX", "subregion"),
    ("Washington", "resolved", "US-WA", "subregion"),
    ("Washington DC", "resolved", "US-DC", "subregion"),
    ("New York", "resolved", "US-NY", "subregion"),
    ("Northern Virginia", "resolved", "US-VA", "subregion"),
    ("Tas.", "resolved", "AU-TAS", "subregion"),
    ("Nordrhein-Westfalen", "resolved", "DE", "subregion"),
    # cloud regions, with and without the provider
    ("AWS us-east-1", "resolved", "aws:us-east-1", "cloud_region"),
    ("aws:us-east-1", "resolved", "aws:us-east-1", "cloud_region"),
    ("us-east-1a", "resolved", "aws:us-east-1", "cloud_region"),
    ("AWS US East (N. Virginia)", "resolved", "aws:us-east-1", "cloud_region"),
    ("AWS eu-west-1", "resolved", "aws:eu-west-1", "cloud_region"),
    ("Amazon Web Services, Ireland", "resolved", "aws:eu-west-1", "cloud_region"),
    ("AWS Frankfurt", "resolved", "aws:eu-central-1", "cloud_region"),
    ("Trained on AWS in us-west-2", "resolved", "aws:us-west-2", "cloud_region"),
    ("GCP europe-west4", "resolved", "gcp:europe-west4", "cloud_region"),
    ("europe-west4-a", "resolved", "gcp:europe-west4", "cloud_region"),
    ("Google Cloud us-central1", "resolved", "gcp:us-central1", "cloud_region"),
    ("GCP Iowa", "resolved", "gcp:us-central1", "cloud_region"),
    ("Google Cloud, Belgium", "resolved", "gcp:europe-west1", "cloud_region"),
    ("Azure West Europe", "resolved", "azure:westeurope", "cloud_region"),
    ("westeurope", "resolved", "azure:westeurope", "cloud_region"),
    ("Azure, East US", "resolved", "azure:eastus", "cloud_region"),
    ("Microsoft Azure (West US 2)", "resolved", "azure:westus2", "cloud_region"),
    ("Scaleway fr-par", "resolved", "scaleway:fr-par", "cloud_region"),
    ("OVH Gravelines", "resolved", "ovh:gra", "cloud_region"),
    ("CoreWeave LGA1", "resolved", "coreweave:LGA1", "cloud_region"),
    # vague words
    ("cloud", "coarse", "WORLD", "world"),
    ("Cloud (AWS)", "coarse", "WORLD", "world"),
    ("AWS", "coarse", "WORLD", "world"),
    ("global", "coarse", "WORLD", "world"),
    ("worldwide", "coarse", "WORLD", "world"),
    ("Google Colab", "coarse", "WORLD", "world"),
    ("Kaggle", "coarse", "WORLD", "world"),
    ("Europe", "coarse", None, "continent"),
    ("Western Europe", "coarse", None, "continent"),
    ("EU", "coarse", None, "continent"),
    ("Asia", "coarse", None, "continent"),
    ("North America", "coarse", None, "continent"),
    ("APAC", "coarse", None, "continent"),
    ("US West Coast", "coarse", "US", "country"),
    ("Northern Italy", "resolved", "IT", "country"),
    # nothing usable
    ("", "unresolved", None, None),
    ("   ", "unresolved", None, None),
    ("NA", "unresolved", None, None),
    ("TBD", "unresolved", None, None),
    ("-", "unresolved", None, None),
    ("local machine", "unresolved", None, None),
    ("my laptop", "unresolved", None, None),
    ("Germny", "unresolved", None, None),
    ("Atlantis", "unresolved", None, None),
]


@pytest.mark.parametrize(("text", "status", "region", "granularity"), CASES)
def test_resolve(text: str, status: str, region: str | None, granularity: str | None) -> None:
    res = resolve(text)
    assert (res.status, res.region.id if res.region else None, res.granularity) == (
        status,
        region,
        granularity,
    ), format_resolution(res)


def test_cases_are_many_and_distinct() -> None:
    texts = [case[0] for case in CASES]
    assert len(set(texts)) >= 150
    assert {case[3] for case in CASES} - {None} == set(GRANULARITIES)


@pytest.mark.parametrize(
    ("text", "unparsed"),
    [
        ("Springfield, USA", ("Springfield",)),
        ("us-east1 (provided by model developers)", ("provided by model developers",)),
        ("unavailable, assumed East US for calculations", ("calculations",)),
        ("brooklyn ny usa", ()),
        ("Brooklyn, NY, USA", ()),
    ],
)
def test_unparsed(text: str, unparsed: tuple[str, ...]) -> None:
    assert resolve(text).unparsed == unparsed


@pytest.mark.parametrize(
    ("text", "finer"),
    [
        ("USA", 51),
        ("Canada", 13),
        ("Australia", 8),
        ("AWS, USA", 6),
        ("AWS", 22),
        ("Germany", 0),
        ("Europe", 0),
    ],
)
def test_finer_choices_for_coarse_texts(text: str, finer: int) -> None:
    res = resolve(text)
    assert len(res.finer) == finer
    if text == "USA":
        assert ("US-NY", "New York") in res.finer


def test_ambiguous_names_offer_the_other_reading() -> None:
    res = resolve("Georgia")
    assert res.region is not None and res.region.id == "GE"
    assert [c.id for c in res.candidates] == ["US-GA"]
    assert "US-GA" in res.notes[0]
    assert resolve("Georgia, USA").candidates == ()


def test_a_city_unknown_in_its_qualifier_gives_way_with_a_note() -> None:
    res = resolve("Seattle, Canada")
    assert (res.place, res.conflicts) == ("Canada", ())
    assert res.notes[0] == (
        "'Seattle' is not a place the data knows in Canada (it knows Seattle"
        " (Washington)): the figure is Canada's"
    )


def test_areas_that_exclude_each_other_are_conflicts() -> None:
    res = resolve("Quebec, Germany")
    assert (res.place, res.conflicts) == ("Germany", ("Quebec",))
    assert "cannot both be right (Quebec (Canada) is not in Germany)" in res.notes[0]


def test_close_spellings_are_suggested() -> None:
    assert resolve("Germny").candidates[0].id == "DE"
    assert resolve("Frankfrut").candidates[0].name == "Frankfurt"
    assert all(c.score >= 75 for c in resolve("Atlantis").candidates)
    assert resolve("xqzvw").candidates == ()


def test_misspelt_part_of_a_resolved_text_gets_suggestions_that_fit() -> None:
    res = resolve("Frankfrut, Germany")
    assert (res.status, res.place_id, res.unparsed) == ("resolved", "DE", ("Frankfrut",))
    assert [c.name for c in res.candidates] == ["Frankfurt"]
    assert "did you mean: Frankfurt (DE)" in format_resolution(res)
    assert "Montréal" in [c.name for c in resolve("Montreall, Canada").candidates]


def test_local_subdivision_names_need_their_country() -> None:
    assert resolve("Tbilisi, Georgia").place_id == "GE-TB"
    alone = resolve("Tbilisi")
    assert alone.status == "unresolved"
    assert [c.id for c in alone.candidates] == ["GE-TB"]


def test_suggestions_without_rapidfuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    d = grid_data.load()
    assert grid._suggest(d, ["Germny"])[0].id == "DE"
    assert grid._suggest(d, ["xqzvw"]) == ()


@pytest.mark.parametrize(
    ("fields", "status", "place"),
    [
        # every distinct location in the corpus's CodeCarbon logs
        (("DEU", "north rhine-westphalia", "", ""), "resolved", "DE-NW"),
        (("DEU", "", "", ""), "resolved", "DE"),
        (("ESP", "catalonia", "", ""), "resolved", "ES-CT"),
        (("ESP", "valencia", "", ""), "resolved", "ES-V"),
        (("CAN", "", "", ""), "coarse", "CA"),
        (("CAN", "quebec", "", ""), "resolved", "CA-QC"),
        (("NLD", "groningen", "", ""), "resolved", "NL-GR"),
        (("SGP", "", "", ""), "resolved", "SG"),
        (("FRA", "île-de-france", "", ""), "resolved", "FR-IDF"),
        (("ITA", "apulia", "", ""), "resolved", "IT-75"),
        # what CodeCarbon writes on clouds and elsewhere
        (("USA", "iowa", "gcp", "us-central1"), "resolved", "gcp:us-central1"),
        (("USA", "virginia", "aws", "us-east-1"), "resolved", "aws:us-east-1"),
        ((None, None, "azure", "westeurope"), "resolved", "azure:westeurope"),
        ((None, None, None, "us-east-1"), "resolved", "aws:us-east-1"),
        (("USA", "california", None, None), "resolved", "US-CA"),
        (("NA", None, None, None), "resolved", "NA"),
        (("GBR", "england", "", ""), "resolved", "GB-ENG"),
        (("FRA", "nowhere", None, None), "resolved", "FR"),
        (("", "", "", ""), "unresolved", None),
    ],
)
def test_resolve_log_region(
    fields: tuple[str | None, ...],
    status: str,
    place: str | None,
) -> None:
    res = resolve_log_region(*fields)
    assert (res.status, res.place_id) == (status, place), format_resolution(res)


def test_log_region_keeps_what_it_did_not_understand() -> None:
    assert resolve_log_region("FRA", "nowhere", None, None).unparsed == ("nowhere",)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Brooklyn, NY, USA", "USA", False),
        ("Montréal, QC", "Quebec", False),
        ("us-east-1", "Ashburn", False),
        ("Germany", "Quebec, Canada", True),
        ("Barcelona", "Andalusia", True),
        ("Germany", "Europe", False),
        ("Germany", "unknown", False),
    ],
)
def test_contradicts(a: str, b: str, expected: bool) -> None:
    assert contradicts(resolve(a), resolve(b)) is expected


def test_log_and_card_agree() -> None:
    log = resolve_log_region("DEU", "north rhine-westphalia", "", "")
    assert not contradicts(resolve("Jülich, Germany"), log)
    assert contradicts(resolve("Munich"), log)


def test_resolution_is_frozen_picklable_and_cached() -> None:
    res = resolve("Brooklyn, NY, USA")
    assert pickle.loads(pickle.dumps(res)) == res
    assert resolve("Brooklyn, NY, USA") is res
    with pytest.raises(AttributeError):
        res.coarse = True  # type: ignore[misc]


def test_format_resolution() -> None:
    text = format_resolution(resolve("Brooklyn, NY, USA"))
    assert "resolved" in text and "US-NY" in text and "211.6 gCO2eq/kWh" in text
    assert "write one of:" in format_resolution(resolve("Canada"))
    assert "did you mean: Germany (DE)" in format_resolution(resolve("Germny"))


def test_resolution_to_dict_is_json() -> None:
    data = resolution_to_dict(resolve("AWS, USA"))
    assert json.loads(json.dumps(data)) == data
    assert data["status"] == "coarse"
    region, finer = data["region"], data["finer"]
    assert isinstance(region, dict) and region["id"] == "US"
    assert isinstance(finer, list)
    assert {"id": "aws:us-east-1", "name": "AWS US East (N. Virginia)"} in finer
    assert resolution_to_dict(resolve("Germny"))["place"] is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_resolves_without_error(text: str) -> None:
    res = resolve(text)
    assert res.status in ("resolved", "coarse", "unresolved")
    assert (res.granularity is None) == (res.status == "unresolved")
    assert res.granularity is None or res.granularity in GRANULARITIES
    if res.status == "unresolved":
        assert res.region is None and res.place_id is None


def test_long_text_is_read_only_so_far() -> None:
    res = resolve("Paris " * 100_000)
    assert res.place == "Paris"


# --- the packaged data --------------------------------------------------------------------


@needs_shared
def test_intensities_equal_the_shared_table() -> None:
    with (SHARED / "data" / "grid-intensity.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    packaged = {r.id: r for r in regions()}
    assert len(packaged) == len(rows) == 411
    for row in rows:
        r = packaged[row["id"]]
        assert (r.kind, r.name, r.country or "", r.g_co2eq_per_kwh, r.year, r.source) == (
            row["kind"],
            row["name"],
            row["country_iso2"],
            float(row["g_co2eq_per_kwh"]),
            int(row["year"]),
            row["source"],
        ), row["id"]


@needs_shared
def test_cloud_regions_lie_where_the_map_says() -> None:
    d = grid_data.load()
    with (SHARED / "data" / "cloud-region-map.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert d.place(row["id"]).parent == row["location_id"]
            assert d.areas(row["id"]) == d.areas(row["location_id"])


@needs_shared
def test_package_data_is_what_the_build_script_writes() -> None:
    pytest.importorskip("pycountry")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_grid_data
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    built = json.loads(json.dumps(build_grid_data.build(SHARED / "data"), ensure_ascii=False))
    packaged = json.loads(Path(grid_data.DATA_FILE).read_text(encoding="utf-8"))
    assert built == packaged, "run scripts/build_grid_data.py"
    sources = (ROOT / "cardlint" / "data" / "GRID-SOURCES.md").read_text(encoding="utf-8")
    assert sources == build_grid_data.sources_md(SHARED / "data")


def test_names_in_the_data_are_normalised() -> None:
    d = grid_data.load()
    names = [entry.partition(grid_data.KEY)[0] for entry in d._lexicon]
    keys = names + [k for scoped in d._cloud.values() for k in scoped]
    assert all(key == normalize(key) for key in keys)
    assert max(len(key.split()) for key in keys) <= grid._MAX_WORDS
    assert d._lexicon == sorted(d._lexicon)  # looked up by bisection
    for key in names:
        assert d.names(key), key  # every entry is found, and decodes to places


def test_every_place_has_a_region_or_says_why() -> None:
    d = grid_data.load()
    for pid in d._places:
        place = d.place(pid)
        assert place.region is None or place.region in d.regions, pid
        if place.kind == "city":
            assert place.region == d.place(place.parent).region  # type: ignore[arg-type]
        if place.region is None:
            assert place.kind in ("continent", "country"), pid


def test_normalize() -> None:
    assert normalize("  Île-de-France ") == "ile de france"
    assert normalize("U.S.A.") == "usa"
    assert normalize("Côte d’Ivoire") == "cote divoire"
    assert normalize("Łódź") == "lodz"
    assert normalize("São Paulo") == normalize("Sao Paulo")


def test_import_is_lazy() -> None:
    code = (
        "import sys, cardlint.grid.resolver as g, cardlint.grid.data as d\n"
        "assert d.load.cache_info().currsize == 0, 'data read at import'\n"
        "g.resolve('Brooklyn, NY, USA')\n"
        "assert 'rapidfuzz' not in sys.modules, 'fuzzy matcher imported for a known place'\n"
        "assert 'pycountry' not in sys.modules\n"
        "g.resolve('Germny')\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "ok", out.stderr


@pytest.mark.skipif(not (SHARED / "corpus" / "cards").is_dir(), reason="no ../shared/corpus")
def test_corpus_locations_resolve_or_say_why() -> None:
    import re

    pattern = re.compile(r"(?i)(?:geographic(?:al)?[ _]location|compute region)\W*:\**\s*(.+)")
    seen = 0
    for card in sorted((SHARED / "corpus" / "cards").glob("*.md")):
        for line in card.read_text(encoding="utf-8", errors="replace").splitlines():
            match = pattern.search(line)
            if match:
                res = resolve(match.group(1).strip().strip('"'))
                seen += 1
                assert res.status != "unresolved" or res.notes or res.unparsed, match.group(1)
    assert seen >= 40


# Places with qualifiers (issue 16): (text, place id, grid region id, other readings, conflicts).
# A qualifier constrains the match; a city the data does not know in its qualifier gives way to
# it; an unqualified homonym is read one way and says which others exist.
QUALIFIED = [
    # city + state, province or country
    ("Paris, Texas", "city:US-TX:paris-texas", "US-TX", (), ()),
    ("Paris, TX", "city:US-TX:paris-texas", "US-TX", (), ()),
    ("Paris, TX, USA", "city:US-TX:paris-texas", "US-TX", (), ()),
    ("Paris, France", "city:FR-75C:paris", "FR", (), ()),
    ("Perth, Scotland", "city:GB-SCT:perth-scotland", "GB", (), ()),
    ("Perth, UK", "city:GB-SCT:perth-scotland", "GB", (), ()),
    ("Perth, WA", "city:AU-WA:perth", "AU-WA", (), ()),
    ("Perth, Western Australia", "city:AU-WA:perth", "AU-WA", (), ()),
    ("Perth, Australia", "city:AU-WA:perth", "AU-WA", (), ()),
    ("London, Ontario", "city:CA-ON:london-ontario", "CA-ON", (), ()),
    ("London, ON, Canada", "city:CA-ON:london-ontario", "CA-ON", (), ()),
    ("London, UK", "city:GB-LND:london", "GB", (), ()),
    ("London, England", "city:GB-LND:london", "GB", (), ()),
    ("Moscow, Russia", "city:RU-MOW:moscow", "RU", (), ()),
    ("Cambridge, MA", "city:US-MA:cambridge-massachusetts", "US-MA", (), ()),
    ("Cambridge, Massachusetts", "city:US-MA:cambridge-massachusetts", "US-MA", (), ()),
    ("Cambridge, UK", "city:GB-CAM:cambridge-england", "GB", (), ()),
    ("Portland, Maine", "city:US-ME:portland-maine", "US-ME", (), ()),
    ("Portland, ME", "city:US-ME:portland-maine", "US-ME", (), ()),
    ("Portland, Oregon", "city:US-OR:portland", "US-OR", (), ()),
    ("Georgia, USA", "US-GA", "US-GA", (), ()),
    ("Atlanta, Georgia", "city:US-GA:atlanta", "US-GA", (), ()),
    ("Tbilisi, Georgia", "GE-TB", "GE", (), ()),
    ("Vancouver, BC", "city:CA-BC:vancouver", "CA-BC", (), ()),
    ("Victoria, BC", "city:CA-BC:victoria-british-columbia", "CA-BC", (), ()),
    ("Sydney, NSW", "city:AU-NSW:sydney", "AU-NSW", (), ()),
    ("Ashburn, Virginia, USA", "city:US-VA:ashburn", "US-VA", (), ()),
    ("Dublin, Ireland", "city:IE-D:dublin", "IE", (), ()),
    # a qualifier naming a region whose city the data does not know: that region's figure
    ("Moscow, Idaho", "US-ID", "US-ID", (), ()),
    ("Springfield, Illinois", "US-IL", "US-IL", (), ()),
    ("Berlin, New Hampshire", "US-NH", "US-NH", (), ()),
    ("Sydney, Nova Scotia", "CA-NS", "CA-NS", (), ()),
    ("Hamilton, Ontario", "CA-ON", "CA-ON", (), ()),
    ("Vancouver, Washington", "US-WA", "US-WA", (), ()),
    ("Dublin, Ohio", "US-OH", "US-OH", (), ()),
    ("Seattle, Canada", "CA", "CA", (), ()),
    # a town named after a country or state, in the state the text names: that state's figure,
    # and no contradiction (a country cannot lie in a state)
    ("Lebanon, New Hampshire", "US-NH", "US-NH", (), ()),
    ("Lebanon, NH", "US-NH", "US-NH", (), ()),
    ("Mexico, Missouri", "US-MO", "US-MO", (), ()),
    ("Holland, Michigan", "US-MI", "US-MI", (), ()),
    ("Wales, Wisconsin", "US-WI", "US-WI", (), ()),
    ("Panama City, Florida", "US-FL", "US-FL", (), ()),
    ("Jersey City, NJ", "US-NJ", "US-NJ", (), ()),
    ("Texas, Moscow", "US-TX", "US-TX", (), ()),
    # a state written as a city ("Kansas City") before another state: a town there; two states
    # written plainly still contradict each other
    ("Kansas City, Missouri", "US-MO", "US-MO", (), ()),
    ("Texas, California", "US-CA", "US-CA", (), ("Texas",)),
    # an ambiguous qualifier is read one way and says so
    ("Moscow, ID", "ID", "ID", ("US-ID",), ()),
    ("Springfield, MO", "MO", "MO", ("US-MO",), ()),
    # homonyms across countries, unqualified: the likeliest reading, and the others
    ("Paris", "city:FR-75C:paris", "FR", ("city:US-TX:paris-texas",), ()),
    ("Perth", "city:AU-WA:perth", "AU-WA", ("city:GB-SCT:perth-scotland",), ()),
    ("London", "city:GB-LND:london", "GB", ("city:CA-ON:london-ontario",), ()),
    (
        "Cambridge",
        "city:GB-CAM:cambridge-england",
        "GB",
        ("city:US-MA:cambridge-massachusetts",),
        (),
    ),
    ("Portland", "city:US-OR:portland", "US-OR", ("city:US-ME:portland-maine",), ()),
    ("Georgia", "GE", "GE", ("US-GA",), ()),
    ("WA", "US-WA", "US-WA", ("AU-WA",), ()),
    # cloud region + provider: the provider constrains the code
    ("AWS us-east-1", "aws:us-east-1", "aws:us-east-1", (), ()),
    ("AWS, Paris", "aws:eu-west-3", "aws:eu-west-3", (), ()),
    ("Google Cloud, Iowa", "gcp:us-central1", "gcp:us-central1", (), ()),
    ("Azure, West Europe", "azure:westeurope", "azure:westeurope", (), ()),
    ("Azure us-east-1", "provider:azure", "WORLD", (), ("AWS US East (N. Virginia)",)),
    # areas that exclude each other: the broader is read, and it is a conflict
    ("Quebec, Germany", "DE", "DE", (), ("Quebec",)),
    ("Texas, Canada", "CA", "CA", (), ("Texas",)),
    ("France, Germany", "DE", "DE", (), ("France",)),
    ("us-east-1, Germany", "DE", "DE", (), ("us east 1",)),
]


@pytest.mark.parametrize(("text", "place", "region", "alternatives", "conflicts"), QUALIFIED)
def test_qualifiers_constrain_the_match(
    text: str, place: str, region: str, alternatives: tuple[str, ...], conflicts: tuple[str, ...]
) -> None:
    res = resolve(text)
    got = (
        res.place_id,
        res.region.id if res.region else None,
        tuple(c.id for c in res.alternatives),
        res.conflicts,
    )
    assert got == (place, region, alternatives, conflicts), format_resolution(res)
    assert not any("set aside" in note for note in res.notes)


def test_qualified_table_is_large_and_distinct() -> None:
    assert len({case[0] for case in QUALIFIED}) == len(QUALIFIED) >= 40


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "Moscow, Idaho",
            "'Moscow' is not a place the data knows in Idaho (it knows Moscow (Russia)):"
            " the figure is Idaho's",
        ),
        (
            "Lebanon, New Hampshire",
            "'Lebanon' is not a place the data knows in New Hampshire (it knows"
            " Lebanon): the figure is New Hampshire's",
        ),
        (
            "Perth",
            "'Perth' may also mean Perth (Scotland) (GB); read as Perth (Western Australia):"
            " add the country or state to be sure",
        ),
        (
            "France, Germany",
            "'France' and Germany cannot both be right (France is not in Germany):"
            " the figure is Germany's; write only where the training ran",
        ),
        (
            "Azure us-east-1",
            "'Azure us-east-1' is AWS US East (N. Virginia), not a region of Azure:"
            " name one of Azure's regions",
        ),
    ],
)
def test_every_reading_that_gives_way_says_so(text: str, note: str) -> None:
    assert note in resolve(text).notes


def test_locate_and_estimate_read_the_qualifier_as_a_process() -> None:
    from support import run_cardlint

    located = run_cardlint("locate", "Paris, Texas", "Moscow, Idaho", "Perth")
    assert located.returncode == 0, located.stderr
    assert "grid: US-TX Texas" in located.stdout and "grid: US-ID Idaho" in located.stdout
    assert "note: 'Perth' may also mean Perth (Scotland) (GB)" in located.stdout
    assert "set aside" not in located.stdout
    as_json = json.loads(run_cardlint("locate", "--output-format", "json", "Perth").stdout)
    assert [c["id"] for c in as_json[0]["alternatives"]] == ["city:GB-SCT:perth-scotland"]
    estimated = run_cardlint(
        "estimate", "--hardware", "1 x NVIDIA A100", "--hours", "10", "--location", "Paris, Texas"
    )
    assert "grid: US-TX Texas" in estimated.stdout, estimated.stderr
    ambiguous = run_cardlint(
        "estimate", "--hardware", "1 x NVIDIA A100", "--hours", "10", "--location", "Paris"
    )
    assert "note: 'Paris' may also mean Paris (Texas) (US-TX)" in ambiguous.stdout


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Paris, Texas", 0),
        ("Lebanon, New Hampshire", 0),
        ("Perth", 0),
        ("East USA", 1),
        ("Frankfrut", 1),
        ("Cambridge, Massachusetts, UK", 1),
        ("Quebec, Germany", 1),
        ("Azure us-east-1", 1),
    ],
)
def test_locate_exits_1_for_a_place_unknown_coarse_or_contradictory(text: str, code: int) -> None:
    from support import run_cardlint

    assert run_cardlint("locate", text).returncode == code
