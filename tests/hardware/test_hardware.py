"""Hardware descriptions against the catalogue, and the catalogue against its CSV."""

from __future__ import annotations

import csv
import json
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import needs_corpus, run_cardlint

from cardlint.hardware import catalogue
from cardlint.hardware.catalogue import DATA_FILE, Device, device, total_watts
from cardlint.hardware.parse import format_hardware, parse_hardware
from cardlint.hardware.tokens import alias_key


def devices() -> list[Device]:
    """Every catalogue entry, in the data file's order."""
    loaded = catalogue.load()
    return [loaded.device(index) for index in range(len(loaded.row_lines))]


ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared"
CSV = SHARED / "data" / "hardware-power.csv"

A100_80 = "nvidia-a100-sxm4-80gb"
A100_40 = "nvidia-a100-sxm4-40gb"
V100 = "nvidia-v100-sxm2-16gb"
T4 = "nvidia-t4"

# text -> items as (count, device): a catalogue id, "?name" for a device the catalogue lacks
# (reported with its name as written), or None when only a kind is given; then whether the
# description is vague (no count or no device: CO2402).
CASES: list[tuple[str, list[tuple[int | None, str | None]], bool]] = [
    # the spec's own example and what people write after it
    ("8 v100 GPUs", [(8, V100)], False),
    ("1 v100 GPU", [(1, V100)], False),
    ("8 16GB V100", [(8, V100)], False),
    ("NVIDIA V100 or equivalent", [(None, V100)], True),
    ("4xH100", [(4, "nvidia-h100-sxm5-80gb")], False),
    ("8xV100", [(8, V100)], False),
    ("8 × A100", [(8, A100_80)], False),
    ("8 x A100 80GB", [(8, A100_80)], False),
    ("384 A100 80GB GPUs", [(384, A100_80)], False),
    ("32 x 8 x A100 GPUs", [(256, A100_80)], False),
    ("A100-80GB", [(None, A100_80)], True),
    ("A100 PCIe 40GB", [(None, "nvidia-a100-pcie-40gb")], True),
    ("NVIDIA A100 40GB", [(None, A100_40)], True),
    ("H100-80GB", [(None, "nvidia-h100-sxm5-80gb")], True),
    ("H100 SXM5 x 8", [(8, "nvidia-h100-sxm5-80gb")], False),
    ("Tesla T4 x 2", [(2, T4)], False),
    # CodeCarbon's gpu_model and the cards that copy it
    ("1 x NVIDIA A100-SXM4-80GB", [(1, A100_80)], False),
    ("4 x NVIDIA A100-SXM4-80GB", [(4, A100_80)], False),
    ("1 x NVIDIA A100-SXM4-40GB", [(1, A100_40)], False),
    ("1 NVIDIA A100-SXM4-40GB", [(1, A100_40)], False),
    ("16 NVIDIA A100-SXM4-80GB", [(16, A100_80)], False),
    ("8 x NVIDIA A40", [(8, "nvidia-a40")], False),
    ("8 NVIDIA A40", [(8, "nvidia-a40")], False),
    ("1 x Tesla T4", [(1, T4)], False),
    ("1x NVIDIA Tesla T4 (16 GB)", [(1, T4)], False),
    ("2 x NVIDIA TITAN Xp", [(2, "nvidia-titan-xp")], False),
    ("1 x NVIDIA GeForce RTX 2060", [(1, "nvidia-geforce-rtx-2060")], False),
    ("1 x NVIDIA GeForce RTX 3060 Laptop GPU", [(1, "?NVIDIA GeForce RTX 3060 Laptop")], False),
    ("1 x GeForce RTX 3060 Laptop GPU", [(1, "?GeForce RTX 3060 Laptop")], False),
    ("1 x NVIDIA GeForce RTX 4070 Laptop GPU", [(1, "?NVIDIA GeForce RTX 4070 Laptop")], False),
    ("NVIDIA GeForce RTX 5070 Laptop GPU", [(None, "?NVIDIA GeForce RTX 5070 Laptop")], True),
    # names as NVML reports them
    ("NVIDIA A100-SXM4-80GB", [(None, A100_80)], True),
    ("NVIDIA A100-SXM4-40GB", [(None, A100_40)], True),
    ("NVIDIA A100-PCIE-40GB", [(None, "nvidia-a100-pcie-40gb")], True),
    ("NVIDIA A100 80GB PCIe", [(None, "nvidia-a100-pcie-80gb")], True),
    ("NVIDIA H100 80GB HBM3", [(None, "nvidia-h100-sxm5-80gb")], True),
    ("NVIDIA H100 PCIe", [(None, "nvidia-h100-pcie-80gb")], True),
    ("NVIDIA H100 NVL", [(None, "nvidia-h100-nvl")], True),
    ("NVIDIA H200", [(None, "nvidia-h200-sxm-141gb")], True),
    ("NVIDIA L40S", [(None, "nvidia-l40s")], True),
    ("NVIDIA A10G", [(None, "nvidia-a10g")], True),
    ("NVIDIA L4", [(None, "nvidia-l4")], True),
    ("NVIDIA RTX 6000 Ada Generation", [(None, "nvidia-rtx-6000-ada")], True),
    ("NVIDIA RTX A6000", [(None, "nvidia-rtx-a6000")], True),
    ("Tesla V100-SXM2-16GB", [(None, V100)], True),
    ("Tesla V100-SXM2-32GB", [(None, "nvidia-v100-sxm2-32gb")], True),
    ("Tesla V100-PCIE-16GB", [(None, "nvidia-v100-pcie-16gb")], True),
    ("Tesla P100-PCIE-16GB", [(None, "nvidia-p100-pcie-16gb")], True),
    ("Tesla P100-PCIE-16GB GPU,", [(None, "nvidia-p100-pcie-16gb")], True),
    ("Tesla K80", [(None, "nvidia-k80")], True),
    ("Tesla T4", [(None, T4)], True),
    ("NVIDIA T4", [(None, T4)], True),
    ("NVIDIA GeForce RTX 3090", [(None, "nvidia-geforce-rtx-3090")], True),
    ("NVIDIA GeForce RTX 4090", [(None, "nvidia-geforce-rtx-4090")], True),
    ("NVIDIA GeForce GTX 1080 Ti", [(None, "nvidia-geforce-gtx-1080-ti")], True),
    ("NVIDIA TITAN RTX", [(None, "nvidia-titan-rtx")], True),
    ("NVIDIA TITAN X (Pascal)", [(None, "nvidia-titan-x-pascal")], True),
    ("Quadro RTX 8000", [(None, "nvidia-quadro-rtx-8000")], True),
    ("NVIDIA RTX 4000 Ada", [(None, "nvidia-rtx-4000-ada")], True),
    ("AMD Instinct MI300X", [(None, "amd-instinct-mi300x")], True),
    ("8 x AMD Instinct MI250X", [(8, "amd-instinct-mi250x")], False),
    ("Google Colab T4 (free tier, 15 GB VRAM)", [(None, T4)], True),
    # variants the catalogue does not hold: never matched to a neighbour's wattage
    ("A800 PCIe", [(None, "?A800 PCIe")], True),
    ("H200 PCIe", [(None, "?H200 PCIe")], True),
    ("RTX 3050 6GB", [(None, "?RTX 3050 6GB")], True),
    ("GTX 1070 Ti", [(None, "?GTX 1070 Ti")], True),
    ("Apple M1 Pro", [(None, "?Apple M1 Pro")], True),
    ("Apple M2 Max", [(None, "?Apple M2 Max")], True),
    ("Apple M3 Pro CPU/GPU", [(None, "?Apple M3 Pro")], True),
    ("Apple M1", [(None, "apple-m1")], True),
    # TPUs: counts are chips (v2-v4: 2 TensorCores per chip)
    ("TPU v3-8", [(4, "google-tpu-v3")], False),
    ("TPU v3-256", [(128, "google-tpu-v3")], False),
    ("TTPU v3-256", [(128, "google-tpu-v3")], False),
    ("Google Cloud TPU v4-16", [(8, "google-tpu-v4")], False),
    ("TPU v2-8", [(4, "google-tpu-v2")], False),
    ("v3-8", [(4, "google-tpu-v3")], False),
    ("TPUv4", [(None, "google-tpu-v4")], True),
    ("32 nodes of TPU VM v3-8", [(128, "google-tpu-v3")], False),
    (
        "1 pod TPU v3-256 = 32 nodes of TPU VM v3-8 (8 TPU per node) = 256 TPU v3",
        [(128, "google-tpu-v3")],
        False,
    ),
    ("TPU v5e-8", [(8, "?TPU v5e")], False),
    ("TPU v5p-128", [(64, "?TPU v5p")], False),
    # CPUs
    ("AMD EPYC 7713 64-Core Processor", [(None, "amd-epyc-7713")], True),
    ("Intel(R) Xeon(R) CPU @ 2.20GHz", [(None, None)], True),
    ("Intel Core Processor (Broadwell, no TSX, IBRS)", [(None, None)], True),
    ("Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz", [(None, "intel-core-i7-10510u")], True),
    ("11th Gen Intel(R) Core(TM) i7-11800H @ 2.30GHz", [(None, "intel-core-i7-11800h")], True),
    ("11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz", [(None, "intel-core-i7-1165g7")], True),
    ("AMD Ryzen 7 7745HX with Radeon Graphics", [(None, "amd-ryzen-7-7745hx")], True),
    ("AMD Ryzen AI 9 365", [(None, "amd-ryzen-ai-9-365")], True),
    ("2 x Intel Xeon Gold 6145", [(2, "intel-xeon-gold-6145")], False),
    ("12 CPU (i7-9750H CPU @ 2.60GHz)", [(12, "intel-core-i7-9750h")], False),
    ("8 CPUs and 0 GPUs", [(8, None), (0, None)], True),
    (
        "8 CPUs and 0 GPUs, 16Gb ram/cpu, Cpu model: Intel(R) Core(TM) i7-10510U CPU @ 1.80GHz",
        [(0, None), (8, "intel-core-i7-10510u")],
        False,
    ),
    (
        "CPU count: 16, CPU model: 12th Gen Intel(R) core(TM) i7-12650H, GPU count: 1, "
        "GPU model: 1 x NVIDIA GeForce RTX 3050 6GB Laptop GPU",
        [(16, "?Intel core i7-12650H"), (1, "?NVIDIA GeForce RTX 3050 6GB Laptop")],
        False,
    ),
    (
        "12th Gen Intel(R) Core(TM) i7-12650H and NVIDIA GeForce RTX 3050 6GB Laptop GPU",
        [(None, "?Intel Core i7-12650H"), (None, "?NVIDIA GeForce RTX 3050 6GB Laptop")],
        True,
    ),
    (
        "Desktop device (1 x NVIDIA GeForce RTX 3060 + 32GB RAM + 12th Gen Intel(R) Core(TM) i5-12400F)",
        [(1, "nvidia-geforce-rtx-3060"), (None, "?Intel Core i5-12400F")],
        False,
    ),
    (
        "Intel(R) Core(TM) i5-9600K CPU @ 3.70GHz, 1 x NVIDIA GeForce RTX 2080",
        [(None, "intel-core-i5-9600k"), (1, "nvidia-geforce-rtx-2080")],
        False,
    ),
    # vague
    ("GPU", [(None, None)], True),
    ("GPU, GPU", [(None, None)], True),
    ("GPU Power", [(None, None)], True),
    ("NVIDIA GPU", [(None, None)], True),
    ("NVIDIA GPUs", [(None, None)], True),
    ("cloud", [], True),
    ("", [], True),
    ("[More Information Needed]", [], True),
    ("a 100 node cluster", [], True),
]


def _actual(text: str) -> list[tuple[int | None, str | None]]:
    return [
        (item.count, item.device_id if item.device_id or item.name is None else f"?{item.name}")
        for item in parse_hardware(text).items
    ]


@pytest.mark.parametrize(("text", "items", "vague"), CASES)
def test_parse_hardware(text: str, items: list[tuple[int | None, str | None]], vague: bool) -> None:
    spec = parse_hardware(text)
    assert _actual(text) == items
    assert spec.is_vague is vague
    for item in spec.items:
        start, end = item.span
        assert 0 <= start < end <= len(text)
        if item.device_id is None:
            assert item.watts is None  # an unknown device is never given a wattage
        else:
            assert item.watts == device(item.device_id).watts  # type: ignore[union-attr]


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 60


# Ordinal generations between the count and the device ("11th Gen", "3rd generation") keep the count.
ORDINALS: list[tuple[str, list[tuple[int | None, str | None]], bool]] = [
    ("1 x 11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz", [(1, "intel-core-i5-1135g7")], False),
    ("12 x 13th Gen Intel(R) Core(TM) i7-1355U (CPU)", [(12, None)], False),
    ("1 12th Gen Intel(R) Core(TM) i7-12700H", [(1, "intel-core-i7-12700h")], False),
    ("2 x 3rd Gen AMD EPYC 7763", [(2, "amd-epyc-7763")], False),
    ("2x 4th Gen Intel Xeon Platinum 8480+", [(2, "intel-xeon-platinum-8480-plus")], False),
    ("2 x 2nd Gen Intel Xeon Gold 6248", [(2, "intel-xeon-gold-6248")], False),
    ("2 x 2nd generation Intel Xeon Gold 6248", [(2, "intel-xeon-gold-6248")], False),
    ("11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz", [(None, "intel-core-i5-1135g7")], True),
    ("12th Gen Intel Core i9-12900K", [(None, "intel-core-i9-12900k")], True),
]


@pytest.mark.parametrize(("text", "items", "vague"), ORDINALS)
def test_counts_before_ordinal_generations(
    text: str, items: list[tuple[int | None, str | None]], vague: bool
) -> None:
    spec = parse_hardware(text)
    assert [(item.count, item.device_id) for item in spec.items] == items
    assert spec.is_vague is vague


# A count before a vendor or family named without a model is kept: only the model is missing.
COUNTED_FAMILIES: list[tuple[str, list[tuple[int | None, str | None]]]] = [
    ("2 x AMD EPYC", [(2, None)]),
    ("2 x Intel Xeon", [(2, None)]),
    ("1 x 4th Gen Intel Xeon", [(1, None)]),
    ("2 x 3rd Gen AMD EPYC", [(2, None)]),
    ("4 x Apple", [(4, None)]),
    ("2 x Intel Xeon CPUs", [(2, None)]),
    ("8 x NVIDIA GPUs", [(8, None)]),
    ("AMD EPYC", []),
    ("NVIDIA", []),
    ("2 x AMD EPYC, 8 x NVIDIA A100", [(2, None), (8, "nvidia-a100-sxm4-80gb")]),
]


@pytest.mark.parametrize(("text", "items"), COUNTED_FAMILIES)
def test_counts_before_a_family_without_a_model(
    text: str, items: list[tuple[int | None, str | None]]
) -> None:
    spec = parse_hardware(text)
    assert [(item.count, item.device_id) for item in spec.items] == items
    assert spec.has_count is any(count is not None for count, _ in items)


def test_fields_of_an_item() -> None:
    spec = parse_hardware("Trained on 8 x NVIDIA A100-SXM4-80GB GPUs.")
    (item,) = spec.items
    assert item.count == 8 and item.count_unit == "device"
    assert item.kind == "gpu" and item.vendor == "NVIDIA" and item.watts == 400
    assert spec.text[item.span[0] : item.span[1]] == "8 x NVIDIA A100-SXM4-80GB GPUs"
    assert spec.has_count and spec.has_device and not spec.is_vague
    assert spec.rated_watts == 3200


def test_cpu_counts_are_logical_cpus() -> None:
    (item,) = parse_hardware("12 CPU (i7-9750H CPU @ 2.60GHz)").items
    assert item.count_unit == "core"
    assert parse_hardware("12 CPU (i7-9750H CPU @ 2.60GHz)").rated_watts is None
    (package,) = parse_hardware("2 x Intel Xeon Gold 6145").items
    assert package.count_unit == "device"


def test_notes() -> None:
    assert parse_hardware("TTPU v3-256").notes == ("'TTPU' read as 'TPU'",)
    assert "not stated exactly" in parse_hardware("NVIDIA V100 or equivalent").notes[0]
    assert "'='" in parse_hardware("TPU v3-256 = 32 nodes of TPU VM v3-8").notes[0]


@pytest.mark.parametrize(
    ("text", "watts"),
    [
        ("8 x NVIDIA A100-SXM4-80GB", 3200),
        ("NVIDIA A100-SXM4-80GB", 400),  # a device named without a count is one: at least 400 W
        ("2 x NVIDIA A100-SXM4-80GB, NVIDIA T4", 870),
        (
            "2 x Quantum Frobnicator, 1 x NVIDIA T4",
            70,
        ),  # a lower bound: unknown devices add nothing
        ("0 GPUs, 2 x NVIDIA T4", 140),
        ("8 GPUs", None),
        ("12 CPU (i7-9750H CPU @ 2.60GHz)", None),  # logical CPUs, not packages
    ],
)
def test_rated_watts(text: str, watts: float | None) -> None:
    assert parse_hardware(text).rated_watts == watts


@pytest.mark.parametrize(
    ("counted", "watts"),
    [
        ([], Decimal(0)),
        ([(8, 400.0)], Decimal(3200)),
        ([(0, 300.0)], Decimal(0)),
        (
            [(1, 0.1), (2, 0.2)],
            Decimal("0.5"),
        ),  # as the catalogue writes them, not binary fractions
        ([(3, 70.5), (2, 250.0)], Decimal("711.5")),
    ],
)
def test_total_watts(counted: list[tuple[int, float]], watts: Decimal) -> None:
    assert total_watts(counted) == watts


def test_spec_is_picklable_and_frozen() -> None:
    spec = parse_hardware("8 x NVIDIA A100-SXM4-80GB, 2 x AMD EPYC 7713")
    assert pickle.loads(pickle.dumps(spec)) == spec
    with pytest.raises(AttributeError):
        spec.items[0].count = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("4xH100", "4 x NVIDIA H100 SXM5 80GB"),
        ("1 x NVIDIA A100-SXM4-80GB", "1 x NVIDIA A100 SXM4 80GB"),
        ("NVIDIA T4", "NVIDIA T4"),
        ("TPU v3-8", "TPU v3-8"),
        ("32 nodes of TPU VM v3-8", "TPU v3-256"),
        ("8 CPUs and 0 GPUs", "8 CPUs, 0 GPUs"),
        ("12 CPU (i7-9750H CPU @ 2.60GHz)", "12 CPUs (Intel Core i7-9750H)"),
        ("1 x NVIDIA GeForce RTX 3060 Laptop GPU", "1 x NVIDIA GeForce RTX 3060 Laptop"),
        ("GPU", "GPU"),
    ],
)
def test_format_hardware(text: str, canonical: str) -> None:
    assert format_hardware(parse_hardware(text).items) == canonical


@pytest.mark.parametrize("text", [text for text, _, _ in CASES])
def test_format_reads_back(text: str) -> None:
    items = parse_hardware(text).items
    again = parse_hardware(format_hardware(items)).items
    assert [(i.count, i.device_id, i.kind) for i in again] == [
        (i.count, i.device_id, i.kind) for i in items
    ]


def test_every_catalogue_name_reads_back() -> None:
    first: dict[str, str] = {}
    for entry in devices():
        first.setdefault(alias_key(entry.name), entry.id)  # rows listed twice resolve to the first
    for entry in devices():
        if entry.kind == "tpu":
            continue
        got = [(item.count, item.device_id) for item in parse_hardware(f"3 x {entry.name}").items]
        assert got == [(3, first[alias_key(entry.name)])], entry.name


@given(st.text(max_size=60))
def test_never_crashes(text: str) -> None:
    spec = parse_hardware(text)
    for item in spec.items:
        assert 0 <= item.span[0] <= item.span[1] <= len(text)
        assert item.count is None or item.count >= 0


@given(
    st.sampled_from([d for d in devices() if d.kind == "gpu"]),
    st.integers(min_value=1, max_value=4096),
)
def test_count_and_gpu(entry: Device, count: int) -> None:
    for text in (f"{count} x {entry.name}", f"{count}x {entry.name}", f"{count} {entry.name} GPUs"):
        assert [(i.count, i.device_id) for i in parse_hardware(text).items] == [
            (count, entry.id)
        ], text


def test_catalogue_is_loaded_lazily() -> None:
    code = "import sys, cardlint.hardware.parse; print('cardlint.hardware.catalogue' in sys.modules, 'json' in sys.modules)"
    script = code + "; import cardlint.hardware.catalogue as c; print(c.load.cache_info().currsize)"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["True", "True", "0"]


# --- the data against its source ----------------------------------------------------------

needs_shared = pytest.mark.skipif(
    not CSV.exists(), reason=f"{CSV} is not present (it lives beside the repo)"
)


@needs_shared
def test_every_csv_row_has_the_same_watts() -> None:
    with open(CSV, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    packaged = {entry.id: entry for entry in devices()}
    assert len(packaged) == len(rows)
    for row in rows:
        entry = packaged[row["id"]]
        assert Decimal(repr(entry.watts)) == Decimal(row["watts"]), row["id"]
        assert (entry.kind, entry.vendor, entry.name) == (row["kind"], row["vendor"], row["name"])


@needs_shared
def test_package_data_is_current(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_hardware_data.py"),
            "--output",
            str(tmp_path),
        ],
        check=True,
    )
    assert (tmp_path / "hardware.json").read_bytes() == Path(DATA_FILE).read_bytes()
    assert (tmp_path / "HARDWARE-SOURCES.md").read_bytes() == (
        Path(DATA_FILE).parent / "HARDWARE-SOURCES.md"
    ).read_bytes()


def test_lazy_rows_are_the_json_rows() -> None:
    """The loader decodes rows line by line; it must read what a JSON parser reads."""
    with open(DATA_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    loaded = catalogue.load()
    assert [loaded.row(index) for index in range(len(loaded.row_lines))] == data["devices"]
    assert loaded.first_words == data["first_words"]
    rows_by_word: dict[str, list[int]] = {}
    for index, row in enumerate(data["devices"]):
        for word in dict.fromkeys(key.partition(" ")[0] for key in row[5]):
            rows_by_word.setdefault(word, []).append(index)
    assert {
        word: [int(i) for i in indices.split()] for word, indices in loaded.first_words.items()
    } == rows_by_word
    assert all(loaded.by_id[row[0]] == index for index, row in enumerate(data["devices"]))


def test_another_layout_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(DATA_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    relaid = tmp_path / "hardware.json"
    relaid.write_text(json.dumps(data, indent=2), encoding="utf-8")  # valid JSON, other line layout
    monkeypatch.setattr(catalogue, "DATA_FILE", str(relaid))
    catalogue.load.cache_clear()
    try:
        with pytest.raises(ValueError, match="not the layout"):
            catalogue.load()
    finally:
        catalogue.load.cache_clear()


def test_package_data_shape() -> None:
    with open(DATA_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["format"] == 2
    ids = [row[0] for row in data["devices"]]
    assert len(ids) == len(set(ids))
    for row in data["devices"]:
        assert row[1] in ("gpu", "tpu", "cpu", "soc") and row[4] > 0


@needs_corpus
def test_co2402_hint_uses_the_attached_logs_count(tmp_path: Path) -> None:
    log = tmp_path / "emissions.csv"
    log.write_bytes((SHARED / "corpus" / "logs" / "001.csv").read_bytes())  # 8 x NVIDIA A40
    readme = tmp_path / "README.md"
    readme.write_text("---\nco2_eq_emissions:\n  emissions: 10\n  hardware_used: NVIDIA A40\n---\n")
    with_log = run_cardlint(
        "check",
        "--no-config",
        "--select",
        "CO2402",
        "--output-format",
        "concise",
        "--log",
        str(log),
        str(readme),
    )
    assert (
        "does not say how many devices: the attached log records '8 x NVIDIA A40'"
        in with_log.stdout
    )
    alone = run_cardlint(
        "check",
        "--no-config",
        "--select",
        "CO2402",
        "--output-format",
        "concise",
        "--no-discover-logs",
        str(readme),
    )
    assert "does not say how many devices: e.g. '1 x NVIDIA A40'" in alone.stdout
