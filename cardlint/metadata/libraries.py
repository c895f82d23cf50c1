"""``library_name``: what a value that is not one of the Hub's 240 library ids was meant to be
(MC302). ``cardlint.metadata.file_signs`` says which library the files beside a README show.

Library ids are the keys of huggingface.js ``MODEL_LIBRARIES_UI_ELEMENTS``, which says of itself
that it lists modelling libraries, "not file formats (like ONNX, etc)": ``gguf``, ``onnx`` or
``safetensors`` are no library id, and a ``*.gguf`` file is no evidence of one.
"""

from cardlint.metadata.data import hub_lists
from cardlint.metadata.nearest import closest, folded
from cardlint.metadata.verdict import Verdict

# Frameworks and file formats written as library_name: the Hub lists neither (folded forms).
NOT_LIBRARIES = frozenset(
    {"pytorch", "torch", "tensorflow", "tf", "jax", "flax", "onnx", "gguf", "ggml", "safetensors"}
)


def library_verdict(value: str) -> Verdict | None:
    """None for a listed id; else why it is not one and what to write:

    - ``renamed``: an id the Hub replaced (``mlxim`` -> ``mlx-image``), any case;
    - ``removed``: an id the Hub removed with no successor (``mistral_common``);
    - ``case``: a listed id in another case (``Transformers``, ``paddleocr``);
    - ``not-a-library``: a framework or file format (``pytorch``, ``gguf``);
    - ``near``: a near spelling of an id (``sentence_transformers``);
    - ``unknown``: none of these.
    """
    lists = hub_lists()
    if value in lists.library_ids:
        return None
    lower = value.lower()
    for old, successor in lists.deprecated.get("library_name", {}).items():
        if old.lower() == lower:
            return (
                Verdict("renamed", (successor,), old) if successor else Verdict("removed", (), old)
            )
    for library in lists.libraries:
        if library.lower() == lower:
            return Verdict("case", (library,), library)
    if folded(value) in NOT_LIBRARIES:
        return Verdict("not-a-library")
    near = closest(value, lists.libraries)
    return Verdict("near", (near,), near) if near else Verdict("unknown")
