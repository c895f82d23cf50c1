"""MC501 dataset-id-invalid."""

from collections.abc import Iterator

from cardlint.diagnostics import Applicability, Diagnostic
from cardlint.metadata.fields import all_pass
from cardlint.metadata.repo_ids import is_repo_id
from cardlint.rules.base import FixAvailability, LintContext, Rule

DOC = """\
## What it does
Checks that each entry of `datasets` (a string or a list) is a Hub dataset id: `org/name`, or
a legacy id without an organisation (`imdb`), by the rules of huggingface_hub's
`validate_repo_id` (see MC401). It says what the entry is instead: a local path, a URL, prose
(`SemEval-2023 Visual Word Sense Disambiguation`), an empty string. A null entry is MC002's.
Model and Space cards (both document `datasets` as Hub dataset ids); silent on dataset cards,
which name their sources in `source_datasets`.

## Why is this bad?
The Hub rejects the push: `"datasets[0]" with value "/var/hf/images/" is not valid. If
possible, use a dataset id from https://hf.co/datasets.` (autotrain-advanced#648). The
message repeats the Hub's words and adds what to write.

## Example
```yaml
datasets:
- https://huggingface.co/datasets/stanfordnlp/imdb
- /var/hf/images/
```

Use instead:
```yaml
datasets:
- stanfordnlp/imdb
```

## Fix safety
A link to a dataset's page (`https://huggingface.co/datasets/org/name`, with `/tree/main`,
`/blob/...`) is replaced by the id it names: safe. Unsafe: a link with one part
(`https://huggingface.co/datasets/squad`, a legacy id), a link with a path no repository page
has (`/viewer/...`), and a path into the Hugging Face cache (`datasets--org--name`). Other
paths, URLs and prose have no fix: write the dataset's id, or remove the entry when the data
is not on the Hub.
"""


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    metadata = ctx.card.metadata
    if not isinstance(metadata, dict) or "datasets" not in metadata or ctx.repo_type == "dataset":
        return
    if all_pass(metadata["datasets"], is_repo_id):
        return  # every entry is an id
    from cardlint.metadata.id_fields import IdField, invalid_ids

    advice = "If possible, use a dataset id from https://hf.co/datasets."
    yield from invalid_ids(RULE, ctx, IdField("datasets", "dataset", advice, "the dataset"))


RULE = Rule(
    code="MC501",
    name="dataset-id-invalid",
    severity="error",
    summary="A datasets entry is not a Hub dataset id (a path, a URL, prose)",
    fix=FixAvailability.SOMETIMES,
    applicabilities=frozenset({Applicability.SAFE, Applicability.UNSAFE}),
    doc=DOC,
    check=check,
)
