"""MC303 library-name-missing."""

from collections.abc import Iterator

import yaml

from cardlint.diagnostics import Applicability, Diagnostic, Evidence, Fix, Target
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that a model card whose repository files show its library says which: `library_name`,
or a tag equal to a library id. The files are the Hub repository's listing for a Hub card, and
the names in the README's folder for a local one (text from standard input has none, and the
rule is silent). The signs, most specific first:

| files | library |
|---|---|
| `config_setfit.json` | setfit |
| `modules.json`, `config_sentence_transformers.json` | sentence-transformers |
| `pytorch_adapter.bin`, `adapter.safetensors`, `head_config.json` | adapter-transformers |
| `adapter_config.json` | peft |
| `model_index.json` | diffusers |
| `open_clip_config.json` | open_clip |
| `*.nemo` | nemo |
| `config.json` (at the root) | transformers |

A more specific sign wins over one it explains (a sentence-transformers model has a
`config.json` too), and the message names the files it saw. File formats (`*.gguf`, `*.onnx`,
`*.safetensors`) show no library: the Hub's library list is of modelling libraries.

Model cards only: dataset and Space cards have no `library_name`, so the rule is silent on them.
A README without a metadata block is left to CL001.

## Why is this bad?
The Hub no longer infers the library from the files of a repository created after August
2024 (hub-docs model-cards.md): without `library_name` such a model shows no library, no
"Use this model" snippet, and is missing from the library filter. Severity: warning.

## Example
A README beside `config.json` and `model.safetensors`:
```yaml
license: mit
```

Use instead:
```yaml
license: mit
library_name: transformers
```

## Fix safety
Adding `library_name` (as the block's last top-level key) is unsafe: files are evidence, not
proof (a `config.json` may belong to another library). When the signs point at libraries that
do not explain each other (`model_index.json` and `*.nemo`), or a `config.json` lies beside
weights transformers does not write (`model.joblib`, `*.pkl`, `*.skops`, `*.keras`,
`saved_model.pb`, speechbrain's `hyperparams.yaml`: AutoTrain's tabular models have a
`config.json` too), there is no fix: the message names the files.
"""

KEY = "library_name"


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if metadata is None or KEY in metadata or ctx.repo_type != "model":
        return
    if _tagged_library(metadata.get("tags")):
        return  # the tag names the library: the folder need not be listed
    files = ctx.files_beside
    if not files:
        return
    from cardlint.metadata.file_signs import conflicts, libraries_shown

    shown = libraries_shown(files)
    if not shown:
        return
    root = ctx.card.root
    if not isinstance(root, yaml.MappingNode) or not root.value:
        return  # an empty block: the Hub reads no metadata, and MC rules have nothing to add to
    best, others = shown[0], conflicts(shown)
    first_key = root.value[0][0]
    if others:
        seen = "; ".join(f"{item.library} ({_names(item.files)})" for item in [best, *others])
        message = (
            f"no {KEY}, and the files beside the README show different libraries: {seen}; "
            f"add '{KEY}' with the one the model loads with"
        )
        yield RULE.at_node(ctx, first_key, message)
        return
    why = f"{best.library} ({_names(best.files)})"
    if best.doubts:
        message = (
            f"no {KEY}, and the files beside the README show {why}, but also "
            f"{_names(best.doubts)}, which a {best.library} model does not have: add '{KEY}' "
            "with the library the model loads with"
        )
        yield RULE.at_node(ctx, first_key, message)
        return
    if len(shown) > 1:
        rest = " and ".join(f"{item.library} ({_names(item.files)})" for item in shown[1:])
        why += f", a more specific sign than {rest}"
    message = (
        f"no {KEY}, and the files beside the README show {why}; the Hub does not infer the "
        f"library for new repositories: add '{KEY}: {best.library}'"
    )
    from cardlint.reading.edits import insert_items

    edit = insert_items(ctx.card, root, [(KEY, best.library)])
    target = Target((KEY,), best.library, Evidence.ESTIMATE, _names(best.files))
    fix = Fix(Applicability.UNSAFE, f"Add '{KEY}: {best.library}'", (edit,), (target,))
    yield RULE.at_node(ctx, first_key, message, fix)


def _tagged_library(tags: object) -> bool:
    """Whether a tag is a library id (the Hub reads it as the library)."""
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not tags:
        return False
    from cardlint.metadata.data import hub_lists

    ids = hub_lists().library_ids
    return any(isinstance(tag, str) and tag in ids for tag in tags)


def _names(files: tuple[str, ...]) -> str:
    """Up to three of the files, then how many more."""
    more = f" and {len(files) - 3} more" if len(files) > 3 else ""
    return ", ".join(files[:3]) + more


RULE = Rule(
    code="MC303",
    name="library-name-missing",
    severity="warning",
    summary="no library_name, while the files beside the README show the library",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
