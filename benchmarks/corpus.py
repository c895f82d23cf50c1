"""Generate a synthetic corpus of model cards shaped like real ones (sizes, keys, common mistakes).

Every card is written as ``<dir>/<number>/README.md``, as on the Hub. The text is generated
here from word lists, never copied from real cards. The mix, per 100 cards: about 35 clean
cards, 35 with a common mistake in ``co2_eq_emissions`` (a string with a unit, kilograms pasted
as grams, an exponent, a misspelled key, the list form, tabs, a placeholder, a non-standard
training type), 10 in AutoTrain style, 10 with metadata but no block and 10 without metadata.
About a third carry a long ``model-index``; a few are CRLF copies; bodies run from 1 to 30 kB.
"""

from __future__ import annotations

import random
from pathlib import Path

# Filler words: none speaks of emissions, which real cards mention only in a section or two
# (13% of the lines of ../shared/corpus's cards that mention them at all).
WORDS = (
    "model trained fine-tuned dataset evaluation results training procedure hyperparameters learning rate batch size "
    "epochs optimizer language tokens classification summarization translation accuracy benchmark license intended "
    "uses limitations bias risks environmental impact hardware cloud provider region compute hours "
    "checkpoint architecture transformer encoder decoder attention layers parameters vocabulary inference pipeline "
    "framework version citation authors contact sentiment reviews questions answers images audio speech"
).split()
LANGUAGES = "en fr de es it pt nl sv da fi nb pl cs ro hu el tr ru uk ar he fa hi bn ta te ur zh ja ko vi th id ms sw yo".split()
TAGS = "text-classification generated_from_trainer autotrain pytorch transformers sentence-transformers peft lora".split()
DATASETS = "imdb glue squad cnn_dailymail wikitext common_voice xsum conll2003 emotion amazon_polarity".split()
METRICS = "accuracy f1 precision recall rouge bleu wer perplexity exact_match".split()
PRECISE_LOCATIONS = ("Quebec, Canada", "Orsay, France", "AWS us-east-1", "Oregon, USA")
LOCATIONS = PRECISE_LOCATIONS + ("Singapore", "United States of America", "Germany", "East USA")
PRECISE_HARDWARE = ("1 x NVIDIA A100-SXM4-40GB", "8 x NVIDIA V100-SXM2-16GB", "1 x NVIDIA Tesla T4")
HARDWARE = PRECISE_HARDWARE + ("8 v100 GPUs", "NVIDIA A100-SXM4-80GB", "TPU v3-8", "Apple M1")
SOURCES = (
    "CodeCarbon",
    "MLCo2 Machine Learning Impact calculator",
    "https://mlco2.github.io/impact/",
    "AutoTrain",
    "code carbon",
)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, size: int) -> str:
    """Markdown prose, tables and code fences, about ``size`` characters."""
    parts = [f"# {rng.choice(WORDS).title()}-{rng.randrange(1000)}\n"]
    total = 0
    while total < size:
        kind = rng.random()
        if kind < 0.6:
            chunk = (
                f"\n## {_sentence(rng, 3)[:-1]}\n\n"
                + " ".join(_sentence(rng, rng.randint(6, 20)) for _ in range(rng.randint(2, 6)))
                + "\n"
            )
        elif kind < 0.8:
            rows = "".join(
                f"| {rng.choice(WORDS)} | {rng.random():.4f} | {rng.randint(1, 99)} |\n"
                for _ in range(rng.randint(3, 10))
            )
            chunk = "\n| name | value | epoch |\n|---|---|---|\n" + rows
        else:
            chunk = (
                '\n```python\nfrom transformers import pipeline\n\npipe = pipeline("'
                + rng.choice(WORDS)
                + '")\nprint(pipe("hello"))\n```\n'
            )
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)


def _list(key: str, items: list[str]) -> str:
    return f"{key}:\n" + "".join(f"- {item}\n" for item in items)


def _common_keys(rng: random.Random) -> str:
    lines = [f"license: {rng.choice(['mit', 'apache-2.0', 'cc-by-4.0', 'openrail', 'other'])}\n"]
    if rng.random() < 0.8:
        lines.append(_list("language", rng.sample(LANGUAGES, rng.choice([1, 1, 2, 5, 30]))))
    if rng.random() < 0.7:
        lines.append(_list("tags", rng.sample(TAGS, rng.randint(1, 4))))
    if rng.random() < 0.5:
        lines.append(_list("datasets", rng.sample(DATASETS, rng.randint(1, 3))))
    if rng.random() < 0.5:
        lines.append(_list("metrics", rng.sample(METRICS, rng.randint(1, 3))))
    if rng.random() < 0.4:
        lines.append(
            f"base_model: {rng.choice(['bert-base-uncased', 'gpt2', 'facebook/bart-large', 'meta-llama/Llama-2-7b-hf'])}\n"
        )
    if rng.random() < 0.3:
        widget = "".join(
            f"- text: '{_sentence(rng, rng.randint(5, 40))}'\n  example_title: {rng.choice(WORDS)}\n"
            for _ in range(rng.randint(1, 4))
        )
        lines.append("widget:\n" + widget)
    if rng.random() < 0.6:
        lines.append(
            f"pipeline_tag: {rng.choice(['text-classification', 'summarization', 'translation', 'text-generation'])}\n"
        )
    rng.shuffle(lines)
    return "".join(lines)


def _model_index(rng: random.Random) -> str:
    """A model-index block with 1 to 12 results, as evaluation tooling writes them."""
    lines = [
        "model-index:\n",
        f"- name: {rng.choice(WORDS)}-{rng.randrange(100)}\n",
        "  results:\n",
    ]
    for _ in range(rng.randint(1, 12)):
        lines += [
            "  - task:\n",
            f"      type: {rng.choice(['text-classification', 'summarization', 'text-generation'])}\n",
            f"      name: {_sentence(rng, 2)[:-1]}\n",
            "    dataset:\n",
            f"      name: {rng.choice(DATASETS)}\n",
            f"      type: {rng.choice(DATASETS)}\n",
            f"      split: {rng.choice(['test', 'validation', 'train'])}\n",
            "      args:\n",
            f"        num_few_shot: {rng.choice([0, 3, 5, 25])}\n",
            "    metrics:\n",
        ]
        for metric in rng.sample(METRICS, rng.randint(1, 3)):
            lines += [
                f"    - type: {metric}\n",
                f"      value: {rng.uniform(0, 100):.2f}\n",
                f"      name: {metric.title()}\n",
            ]
        lines += [
            "    source:\n",
            f"      url: https://huggingface.co/spaces/{rng.choice(WORDS)}/leaderboard\n",
            "      name: Open Leaderboard\n",
        ]
    return "".join(lines)


def _co2_clean(rng: random.Random) -> tuple[str, str]:
    """A complete, correct block, and the body's statement of the same amount."""
    grams = rng.randint(1, 99_999)
    block = (
        "co2_eq_emissions:\n"
        f"  emissions: {grams}\n"
        f"  source: {rng.choice(SOURCES[:3])}\n"
        f"  training_type: {rng.choice(['fine-tuning', 'pre-training'])}\n"
        f"  geographical_location: {rng.choice(PRECISE_LOCATIONS)}\n"
        f"  hardware_used: {rng.choice(PRECISE_HARDWARE)}\n"
    )
    return block, f"\n## Environmental impact\n\nTraining emitted {grams} g of CO2eq.\n"


def _co2_mistake(rng: random.Random) -> str:
    """One of the mistakes people make in the block."""
    kind = rng.randrange(10)
    if kind == 0:
        unit = rng.choice(["kg", "g CO2eq", "kgCO2e", "gCO2e", "tons"])
        return f'co2_eq_emissions:\n  emissions: "{rng.uniform(0.01, 50):.3f} {unit}"\n  source: {rng.choice(SOURCES)}\n'
    if kind == 1:  # kilograms pasted into the grams field, next to a CodeCarbon source
        return f"co2_eq_emissions:\n  emissions: {rng.uniform(0.0001, 2):.4f}\n  source: CodeCarbon\n  training_type: fine-tuning\n"
    if kind == 2:
        return f"co2_eq_emissions:\n  emissions: {rng.randint(1, 9)}.{rng.randint(1, 99)}e-0{rng.randint(1, 6)}\n  source: CodeCarbon\n"
    if kind == 3:
        key = rng.choice(
            ["geographic_location", "emision", "trainig_type", "hardware used", "Source"]
        )
        return f"co2_eq_emissions:\n  emissions: {rng.randint(10, 5000)}\n  {key}: {rng.choice(LOCATIONS)}\n"
    if kind == 4:
        return f"co2_eq_emissions:\n- emissions: {rng.uniform(0.5, 5):.1f}g CO2\n- source: {rng.choice(SOURCES)}\n- training_type: fine-tuning\n"
    if kind == 5:  # tab indentation: a YAML syntax error
        return (
            f'co2_eq_emissions:\n\temissions: {rng.uniform(0.5, 5):.2f}\n\tsource: "CodeCarbon"\n'
        )
    if kind == 6:
        return f"co2_eq_emissions:\n  emissions: {rng.choice(['TBD', '0', '1', 'null'])}\n  source: {rng.choice(SOURCES)}\n"
    if kind == 7:
        kind_text = rng.choice(
            ["Fine-tuning", "pretraining", "second-stage pre-training", "finetuning"]
        )
        return f"co2_eq_emissions:\n  emissions: {rng.randint(10, 5000)}\n  training_type: {kind_text}\n  source: CodeCarbon\n"
    if kind == 8:
        return f"co2_eq_emissions:\n  emissions: {rng.randint(10, 5000)}\n  hardware_used:\n    gpu_model: Tesla T4\n    gpu_count: {rng.randint(1, 8)}\n"
    return f"co2_eq_emissions:\n  emissions: 1_{rng.randint(100, 999)}_000\n  source: CodeCarbon\nlanguage: no\n"


def _co2_autotrain(rng: random.Random) -> str:
    value = f"{rng.uniform(0.0001, 200):.{rng.randint(2, 14)}f}"
    return (
        f"co2_eq_emissions: {value}\n"
        if rng.random() < 0.5
        else f"co2_eq_emissions:\n  emissions: {value}\n"
    )


KINDS = ("no-metadata", "clean", "mistake", "autotrain", "no-block")


def make_card(rng: random.Random, kind: str | None = None) -> str:
    """One card's text, of a kind drawn from the mix unless ``kind`` (one of KINDS) is given."""
    if kind is None:
        roll = rng.random()
        kind = (
            "no-metadata"
            if roll < 0.10
            else "clean"
            if roll < 0.45
            else "mistake"
            if roll < 0.80
            else "autotrain"
            if roll < 0.90
            else "no-block"
        )
    body = _body(
        rng, rng.choice([1000, 3000, 5000, 5000, 8000, 12000]) if rng.random() < 0.97 else 30000
    )
    if kind == "clean":
        co2, statement = _co2_clean(rng)
    else:
        makers = {"mistake": _co2_mistake, "autotrain": _co2_autotrain}
        co2 = makers[kind](rng) if kind in makers else ""
        statement = (
            f"\n---\n\n**Carbon emitted:** {rng.uniform(0.01, 9):.3f} kg CO2eq\n\n---\n"
            if rng.random() < 0.3
            else ""
        )
    if kind == "no-metadata":
        return body + statement
    block = _common_keys(rng) + co2 + (_model_index(rng) if rng.random() < 0.33 else "")
    text = f"---\n{block}---\n\n{body}{statement}"
    return text.replace("\n", "\r\n") if rng.random() < 0.03 else text


def generate(directory: Path, count: int, seed: int = 0, kind: str | None = None) -> list[Path]:
    """Write ``count`` cards under ``directory`` (one folder each; all of ``kind`` if given) and return their paths."""
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = directory / f"{number:05d}" / "README.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make_card(rng, kind).encode("utf-8"))
        paths.append(path)
    return paths
