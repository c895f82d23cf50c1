"""MC401 base-model-invalid."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.metadata.fields import all_pass
from cardlint.metadata.repo_ids import is_repo_id
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that `base_model` (a string, or a list for a merge) and `new_version` name models by
their Hub id: `org/name`, or a legacy id without an organisation (`bert-base-uncased`). It
applies the rules of huggingface_hub's `validate_repo_id`: letters, digits, `-`, `_` and `.`,
at most one `/`, each part 1 to 96 characters starting and ending with a letter, a digit or
`_`, no `--` or `..`, no `.git` at the end. It says what the value is instead: a local path
(`/home/me/out`, `./out`, `C:\\models\\x`), a URL, an id with a revision (`org/model@main`,
`org/model:Q4_K_M`), prose (`Llama 2 7B`), an empty entry. Model cards only: dataset and
Space cards have no base model, and the rule stays silent on them.

## Why is this bad?
The Hub rejects the push: `"base_model" with value "/workspace/parent" is not valid.` is the
error that trainers writing the local folder they loaded the model from meet (peft#2124,
transformers#33922, axolotl#2140; `"base_model" is not allowed to be empty` in
transformers#25961). The model tree, the "Finetuned from" link and the Hub's
`new_version` banner follow ids only. No source says the Hub checks `new_version`; it names a
model the same way, and the Hub follows it only when it is an id.

## Example
```yaml
base_model: https://huggingface.co/meta-llama/Llama-3.1-8B/tree/main
new_version: /home/me/runs/v2
```

Use instead:
```yaml
base_model: meta-llama/Llama-3.1-8B
new_version: me/my-model-v2
```

## Fix safety
A link to a model's page on huggingface.co (`https://huggingface.co/org/name`, with
`/tree/main`, `/blob/...`, `.git`, or `hf.co/org/name`) is replaced by the id it names: safe.
Unsafe: a link with one part (`https://huggingface.co/gpt2`: a legacy id, or an
organisation's page), a link with a path no repository page has, an id with a revision or a
link with a tag (`hf.co/org/name-GGUF:Q4_K_M`; the revision or tag is dropped), and a path into the Hugging Face cache
(`.../hub/models--org--name/snapshots/...`, which names `org/name`). Other paths, URLs and
prose have no fix: only the author knows which Hub model they mean. A value with an anchor or
a tag, or in a block scalar, is fixed by hand.
"""

_FIELDS = ("base_model", "new_version")


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not isinstance(metadata, dict) or ctx.repo_type != "model":
        return
    if all(all_pass(metadata.get(key), is_repo_id) for key in _FIELDS):
        return  # absent, or every entry an id
    from cardlint.metadata.id_fields import IdField, invalid_ids

    for key in _FIELDS:
        names = "the base model" if key == "base_model" else "the newer model"
        yield from invalid_ids(
            RULE, ctx, IdField(key, "model", "Use a model id from https://hf.co/models.", names)
        )


RULE = Rule(
    code="MC401",
    name="base-model-invalid",
    severity="error",
    summary="base_model or new_version is not a Hub model id (a path, a URL, a revision, prose)",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
