"""Which library the files beside a README show (MC303): each library's own file names, from the
most specific to the least.

A ``*.gguf`` or ``*.onnx`` file shows no library: the Hub's library ids are modelling libraries,
"not file formats" (see ``cardlint.metadata.libraries``).
"""

import fnmatch
import functools
import re
from collections.abc import Callable
from typing import NamedTuple


class FileSign(NamedTuple):
    """Files that show a library: name patterns (fnmatch on the path from the repository root,
    so ``config.json`` is the root's only), the libraries whose signs these files explain (a
    sentence-transformers model also has a ``config.json``), and files that put the sign in
    doubt (``unless``: a ``model.joblib`` beside a ``config.json`` is no transformers model)."""

    library: str
    patterns: tuple[str, ...]
    covers: frozenset[str]
    unless: tuple[str, ...] = ()


# From the most specific to the least. Sources: hub-docs model-cards.md, "Specifying a library"
# (``*.nemo`` -> NeMo; a ``config.json`` and nothing else -> transformers); each library's own
# file names: setfit CONFIG_NAME, sentence-transformers' modules.json and
# config_sentence_transformers.json, Adapters' WEIGHTS_NAME / SAFE_WEIGHTS_NAME /
# HEAD_CONFIG_NAME (it writes an adapter_config.json too, as PEFT does), PEFT's
# adapter_config.json, diffusers' model_index.json, open_clip's HF_CONFIG_NAME.
# A config.json is the transformers sign only with no weights transformers does not write beside it
# (AutoTrain's tabular models: config.json and model.joblib; speechbrain's hyperparams.yaml;
# pickled or Keras models).
# Left out: ``*saved_model.pb*`` (Keras 3's keras or the legacy tf-keras: the Hub's docs say
# "Keras", its list has both) and every file format (gguf, onnx, safetensors).
_T = frozenset({"transformers"})
FILE_SIGNS = (
    FileSign("setfit", ("config_setfit.json",), frozenset({"sentence-transformers"}) | _T),
    FileSign("sentence-transformers", ("modules.json", "config_sentence_transformers.json"), _T),
    FileSign(
        "adapter-transformers",
        ("pytorch_adapter.bin", "adapter.safetensors", "head_config.json"),
        frozenset({"peft"}) | _T,
    ),
    FileSign("peft", ("adapter_config.json",), _T),
    FileSign("diffusers", ("model_index.json",), _T),
    FileSign("open_clip", ("open_clip_config.json",), _T),
    FileSign("nemo", ("*.nemo",), _T),
    FileSign(
        "transformers",
        ("config.json",),
        frozenset(),
        ("*.joblib", "*.pkl", "*.skops", "hyperparams.yaml", "*.keras", "*saved_model.pb*"),
    ),
)


_ALL_PATTERNS = tuple(pattern for sign in FILE_SIGNS for pattern in sign.patterns)


class Shown(NamedTuple):
    """A library the files show, with the files that show it and those that put it in doubt."""

    library: str
    files: tuple[str, ...]
    doubts: tuple[str, ...] = ()


def libraries_shown(files: tuple[str, ...]) -> list[Shown]:
    """Each library whose files are among ``files``, the most specific first."""
    if not _matching(files, _ALL_PATTERNS):
        return []  # most folders: no file shows a library
    found = []
    for sign in FILE_SIGNS:
        matched = _matching(files, sign.patterns)
        if matched:
            found.append(Shown(sign.library, matched, _matching(files, sign.unless)))
    return found


def _matching(files: tuple[str, ...], patterns: tuple[str, ...]) -> tuple[str, ...]:
    if not patterns:
        return ()
    match = _any_of(patterns)
    return tuple(path for path in files if match(path))


@functools.cache
def _any_of(patterns: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """A test that a path matches one of the fnmatch ``patterns`` (as ``fnmatchcase`` does), in
    one regular expression."""
    return re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns)).match


def conflicts(shown: list[Shown]) -> list[Shown]:
    """The libraries shown that the most specific one does not explain (empty: it is the answer)."""
    if not shown:
        return []
    covers = next(sign.covers for sign in FILE_SIGNS if sign.library == shown[0].library)
    return [other for other in shown[1:] if other.library not in covers]
