"""``report.md``: what an audit found, read back from ``cards.parquet`` and ``findings.parquet``.

The first table has the columns of the headline table of Castaño et al., "Exploring the Carbon
Footprint of Hugging Face's ML Models" (ESEM 2023), so that the two can be compared. The same
tables give the same file, byte for byte; figures are PNG files under ``figures/``.
"""

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cardlint.audit import figures
from cardlint.audit.columns import CARDS_SCHEMA, CO2_FIELDS, METADATA_FIELDS

KILOGRAMS_CODE = "CO2105"  # emissions-likely-kilograms
TOP_CODES = 15
DETAILS = {"training_type", "region", "region_granularity", "hardware_count", "hardware_device"}
TOP_AUTHORS = 10
TOP_DOWNLOADED_SHARE = 0.01  # the authors' table looks at the top 1% of models by downloads...
TOP_DOWNLOADED_MIN = 100  # ...and at least this many models, so that a small dump has a table
# the columns of cards.parquet the report reads (the resolved details stay in the table)
USED = [name for name in CARDS_SCHEMA.names if name not in DETAILS]
FIELD_NAMES = {
    "source": "source",
    "training_type": "training type",
    "location": "location",
    "hardware": "hardware",
}


def percent(part: float, whole: float) -> str:
    """``part`` of ``whole`` as a percentage: one decimal from 1%, two significant figures below;
    a dash when ``whole`` is 0."""
    if not whole:
        return "–"
    value = 100 * part / whole
    if value == 0:
        return "0%"
    if value >= 1:
        return f"{value:.1f}%"
    return "<0.001%" if value < 0.001 else f"{value:.2g}%"


def grams(value: float) -> str:
    """An amount in grams to three significant figures, thousands separated."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    digits = 2 - math.floor(math.log10(abs(value)))
    return f"{round(value, digits):,.{max(digits, 0)}f}"


def count(value: int) -> str:
    return f"{value:,}"


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A Markdown table; ``align`` gives each column's alignment (l or r), left by default."""
    marks = ["---:" if a == "r" else "---" for a in align.ljust(len(header), "l")]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    return [*lines, *("| " + " | ".join(row) + " |" for row in rows), ""]


def _ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Entries by count, largest first, ties by name."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _load(out_dir: Path) -> "tuple[Any, Codes]":
    """The cards as a frame (without their codes), and the counts of the codes."""
    import pyarrow.parquet as pq

    table = pq.read_table(out_dir / "cards.parquet", columns=USED)
    codes = Codes.read(out_dir, table.column("codes"))
    cards = table.drop_columns(["codes"]).to_pandas()
    cards["year"] = cards["created"].dt.year.astype("Int64").astype("string").fillna("unknown")
    cards["reporting"] = cards["co2_form"].notna()
    return cards, codes


@dataclass(frozen=True)
class Codes:
    """Per finding code: its findings, its severity, and the models it was found on."""

    findings: dict[str, int]
    severity: dict[str, str]
    models: dict[str, int]

    @classmethod
    def read(cls, out_dir: Path, card_codes: Any) -> "Codes":
        """Counted with pyarrow, without a frame of every finding: a dump has millions."""
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        findings = pq.read_table(out_dir / "findings.parquet", columns=["code", "severity"])
        pairs = findings.group_by(["code", "severity"]).aggregate([([], "count_all")]).to_pylist()
        per_code: Counter[str] = Counter()
        for pair in pairs:
            per_code[pair["code"]] += pair["count_all"]
        models = pc.value_counts(pc.list_flatten(card_codes)).to_pylist()  # each code once a card
        return cls(
            dict(per_code),
            {pair["code"]: pair["severity"] for pair in pairs},
            {entry["values"]: entry["counts"] for entry in models},
        )


def _castano_row(label: str, group: Any) -> list[str]:
    reporting = group[group["reporting"]]
    given = [int(reporting[f"has_{name}"].sum()) for name in CO2_FIELDS]
    return [
        label,
        count(len(group)),
        count(len(reporting)),
        percent(len(reporting), len(group)),
        *(f"{count(n)} ({percent(n, len(reporting))})" for n in given),
    ]


def _reporting(cards: Any, out_dir: Path) -> list[str]:
    years = sorted(set(cards["year"]) - {"unknown"}) + (
        ["unknown"] if (cards["year"] == "unknown").any() else []
    )
    groups = [(year, cards[cards["year"] == year]) for year in years]
    rows = [_castano_row("all", cards), *(_castano_row(year, group) for year, group in groups)]
    header = ["created", "models", "reporting emissions", "reporting share"]
    header += [FIELD_NAMES[name] for name in CO2_FIELDS]
    dated = [(year, group) for year, group in groups if year != "unknown"]
    figures.reporting_by_year(
        out_dir / "figures" / "reporting_by_year.png",
        [year for year, _ in dated],
        [len(group) for _, group in dated],
        [int(group["reporting"].sum()) for _, group in dated],
    )
    return [
        "## Models reporting emissions",
        "",
        "Columns as in Castaño et al. (ESEM 2023): of the models created each year, how many have a",
        "`co2_eq_emissions` entry, and how many of those give each field (share of the reporting models).",
        "",
        *_table(header, rows, "lrrrrrrr"),
        "![Models reporting emissions by year](figures/reporting_by_year.png)",
        "",
    ]


def _fields(cards: Any) -> list[str]:
    reporting = cards[cards["reporting"]]
    total = len(reporting)
    numbers = int(reporting["emissions_hub_g"].notna().sum())
    rows = [["emissions the Hub reads as a number", count(numbers), percent(numbers, total)]]
    for name in CO2_FIELDS:
        given = int(reporting[f"has_{name}"].sum())
        rows.append([FIELD_NAMES[name], count(given), percent(given, total)])
    forms = _ranked(reporting["co2_form"].value_counts().to_dict())
    sources = _ranked(reporting["source_category"].fillna("missing").value_counts().to_dict())
    return [
        "## Fields given",
        "",
        f"Of the {count(total)} models reporting emissions:",
        "",
        *_table(["field", "models", "share"], rows, "lrr"),
        *_table(
            ["form of co2_eq_emissions", "models", "share"],
            [[form, count(n), percent(n, total)] for form, n in forms],
            "lrr",
        ),
        *_table(
            ["source", "models", "share"],
            [[source, count(n), percent(n, total)] for source, n in sources],
            "lrr",
        ),
    ]


def _distribution(cards: Any, out_dir: Path) -> list[str]:
    hub = cards["emissions_hub_g"].dropna()
    fixed = cards["emissions_fixed_g"].dropna()
    positive, positive_fixed = hub[hub > 0], fixed[fixed > 0]
    quantiles = (0.0, 0.25, 0.5, 0.75, 0.9, 1.0)
    rows = [
        [label, count(len(values)), *(grams(float(values.quantile(q))) for q in quantiles)]
        if len(values)
        else [label, "0", *("–" for _ in quantiles)]
        for label, values in (
            ("as the Hub reads them", positive),
            ("after safe fixes", positive_fixed),
        )
    ]
    figures.emissions_histogram(
        out_dir / "figures" / "emissions.png", positive.tolist(), positive_fixed.tolist()
    )
    return [
        "## Emissions",
        "",
        f"{count(len(hub) - len(positive))} of the {count(len(hub))} values the Hub reads as a number"
        " are zero or negative and are left out below (grams of CO2eq).",
        "",
        *_table(
            ["emissions", "models", "min", "25%", "median", "75%", "90%", "max"],
            rows,
            "lrrrrrrr",
        ),
        "![Emissions, log scale](figures/emissions.png)",
        "",
    ]


def _kilograms(cards: Any, codes: Codes) -> list[str]:
    flagged = codes.models.get(KILOGRAMS_CODE, 0)
    reporting = int(cards["reporting"].sum())
    return [
        "## Kilograms in the grams field",
        "",
        f"{count(flagged)} models ({percent(flagged, reporting)} of those reporting emissions) give an"
        f" amount that looks like kilograms where the Hub expects grams ({KILOGRAMS_CODE}).",
        "",
    ]


def _findings(codes: Codes, readable: int, out_dir: Path) -> list[str]:
    per_code = _ranked(codes.findings)
    severity, cards_with = codes.severity, codes.models
    top = per_code[:TOP_CODES]
    rows = [
        [
            code,
            severity[code],
            count(n),
            count(cards_with.get(code, 0)),
            percent(cards_with.get(code, 0), readable),
        ]
        for code, n in top
    ]
    figures.frequent_findings(
        out_dir / "figures" / "findings.png", [code for code, _ in top], [n for _, n in top]
    )
    return [
        "## Most frequent findings",
        "",
        f"{count(sum(codes.findings.values()))} findings of {count(len(per_code))} codes; the {len(top)} most frequent"
        " (`cardlint rule CODE` explains each):",
        "",
        *_table(
            ["code", "severity", "findings", "models", "share of readable cards"], rows, "llrrr"
        ),
        "![Most frequent findings](figures/findings.png)",
        "",
    ]


def _authors(cards: Any) -> list[str]:
    size = min(len(cards), max(math.ceil(TOP_DOWNLOADED_SHARE * len(cards)), TOP_DOWNLOADED_MIN))
    ranked = cards.assign(downloads=cards["downloads"].fillna(0)).sort_values(
        ["downloads", "id"], ascending=[False, True], kind="mergesort"
    )
    top = ranked.head(size).assign(author=lambda f: f["author"].fillna("(unknown)"))
    top = top.assign(with_findings=top["finding_count"] > 0)
    grouped = top.groupby("author").agg(
        models=("id", "size"), flagged=("with_findings", "sum"), findings=("finding_count", "sum")
    )
    order = sorted(grouped.itertuples(), key=lambda row: (-row.findings, row.Index))[:TOP_AUTHORS]
    rows = [
        [str(row.Index), count(int(row.models)), count(int(row.flagged)), count(int(row.findings))]
        for row in order
        if row.findings > 0
    ]
    return [
        "## Authors with the most findings among the most downloaded models",
        "",
        f"The {count(size)} most downloaded models (the top {TOP_DOWNLOADED_SHARE:.0%} by downloads,"
        f" at least {TOP_DOWNLOADED_MIN}, ties by id); the {TOP_AUTHORS} authors with the most findings there:",
        "",
        *_table(["author", "models", "models with findings", "findings"], rows, "lrrr"),
    ]


def _metadata(cards: Any, codes: Codes, readable: int) -> list[str]:
    read = cards[cards["readable"]]
    rows = []
    for name, key in METADATA_FIELDS.items():
        given = int(read[f"has_{name}"].sum())
        rows.append([f"`{key}`", count(given), percent(given, readable)])
    mc = _ranked({code: n for code, n in codes.findings.items() if code.startswith("MC")})
    found = (
        _table(["code", "findings"], [[code, count(n)] for code, n in mc], "lr")
        if mc
        else ["No metadata (MC) rule found anything, or none ran in this audit.", ""]
    )
    return [
        "## Metadata fields",
        "",
        f"Of the {count(readable)} readable cards, how many give each top-level field:",
        "",
        *_table(["field", "models", "share"], rows, "lrr"),
        "Findings of the metadata rules (MC):",
        "",
        *found,
    ]


def _summary(cards: Any) -> list[str]:
    """The opening lines (no table: the first table is the one comparable with Castaño et al.)."""
    readable = int(cards["readable"].sum())
    reasons = _ranked(cards["unreadable_reason"].dropna().value_counts().to_dict())
    unreadable = "; ".join(f"{count(n)} {reason}" for reason, n in reasons)
    return [
        "# cardlint audit",
        "",
        f"{count(len(cards))} cards, {count(readable)} readable"
        f" ({percent(readable, len(cards))}); {count(int(cards['has_metadata'].sum()))} with metadata."
        + (f" Unreadable: {unreadable}." if unreadable else ""),
        "",
    ]


def write_report(out_dir: str | Path) -> str:
    """Write ``out_dir/report.md`` and its figures from the audit's tables; return the report's path."""
    folder = Path(out_dir)
    cards, codes = _load(folder)
    readable = int(cards["readable"].sum())
    lines = [
        *_summary(cards),
        *_reporting(cards, folder),
        *_fields(cards),
        *_distribution(cards, folder),
        *_kilograms(cards, codes),
        *_findings(codes, readable, folder),
        *_authors(cards),
        *_metadata(cards, codes, readable),
    ]
    path = folder / "report.md"
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    return str(path)
