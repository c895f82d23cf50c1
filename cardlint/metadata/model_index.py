"""One walk over a card's ``model-index``, as huggingface_hub's parser reads it
(``model_index_to_eval_results``, ``EvalResult``, ``ModelCardData``), for MC601 to MC604.

The walk reads the metadata the Hub's reader gets and finds each value's node for its location.
Each problem has a kind: ``invalid`` (huggingface_hub raises: MC601), ``wrong-type`` (the Hub's
schema wants another type; huggingface_hub reads past it: MC602), ``verified`` (MC603) and ``task``
(a ``task.type`` that is neither a pipeline tag nor a subtask, for MC604).
"""

import json
from typing import Any, NamedTuple, TypeGuard
from weakref import WeakKeyDictionary

import yaml

from cardlint.metadata.data import hub_lists
from cardlint.metadata.paths import PathPart, key_node, path_text
from cardlint.reading.card import Card

KEY = "model-index"

# What to write for a key huggingface_hub requires, by the key's place.
_REQUIRED = {
    "model": {"name": "name: <the model's name>", "results": "results: with a list of results"},
    "result": {
        "task": "task: {type: <a pipeline tag, e.g. text-classification>}",
        "dataset": "dataset: {type: <the dataset's Hub id>, name: <its pretty name>}",
        "metrics": "metrics: [{type: <a metric id, e.g. accuracy>, value: <the score>}]",
    },
    "task": {"type": "type: <a pipeline tag, e.g. text-classification>"},
    "dataset": {
        "type": "type: <the dataset's Hub id, e.g. stanfordnlp/imdb>",
        "name": "name: <its pretty name, e.g. IMDb>",
    },
    "metric": {
        "type": "type: <a metric id, e.g. accuracy>",
        "value": "value: <the score, e.g. 0.91>",
    },
}
# The string fields of each place (model_index_fields.csv); the required ones come first.
_STRINGS = {
    "task": ("type", "name"),
    "dataset": ("type", "name", "config", "split", "revision"),
    "metric": ("type", "name", "config", "verifyToken"),
    "source": ("name", "url"),
}
# For the fast check: each place's string fields, and whether each is required.
_CLEAN_FIELDS = {
    place: tuple((key, key in _REQUIRED.get(place, {})) for key in keys)
    for place, keys in _STRINGS.items()
}
_WHAT = {
    "model-index": "a list of models (- name: ..., results: [...])",
    "model": "a mapping with name and results",
    "results": "a list of results (- task: ..., dataset: ..., metrics: [...])",
    "result": "a mapping with task, dataset and metrics",
    "task": "a mapping with type (and name)",
    "dataset": "a mapping with type and name",
    "metrics": "a list of metrics (- type: ..., value: ...)",
    "metric": "a mapping with type and value",
    "source": "a mapping with name and url",
}


class Problem(NamedTuple):
    """One thing wrong (``task``: a task.type the Hub does not list) at ``path``, spanning
    ``start..end``; ``node`` is the value's node when the span is exactly it (a fix may edit it)."""

    kind: str
    path: tuple[PathPart, ...]
    start: int
    end: int
    message: str
    value: Any = None
    node: yaml.Node | None = None


_WALKS: WeakKeyDictionary[Card, tuple[Problem, ...]] = WeakKeyDictionary()


def problems(card: Card) -> tuple[Problem, ...]:
    """Every problem of the card's model-index, in source order of the walk (cached per card)."""
    if card not in _WALKS:
        metadata = card.metadata
        if not isinstance(metadata, dict) or KEY not in metadata or clean(metadata[KEY]):
            _WALKS[card] = ()  # most model-indexes are well formed: nothing to locate
        else:
            _WALKS[card] = walk(card, metadata[KEY])
    return _WALKS[card]


def walk(card: Card, data: object) -> tuple[Problem, ...]:
    """Every problem of ``data``, the card's model-index, located in the card's source."""
    state = _Walk(card)
    state.index(data)
    return tuple(state.found)


def clean(data: object) -> bool:
    """Whether the walk finds nothing in a model-index: the same checks, without building a
    path or a message (tests/metadata/test_model_index_clean.py holds it to the walk)."""
    if not data:
        return data is None or isinstance(data, list)
    if not isinstance(data, list):
        return False
    for model in data:
        if not isinstance(model, dict) or "name" not in model or "results" not in model:
            return False
        name, results = model["name"], model["results"]
        if not (isinstance(name, str) and name.strip()) or not isinstance(results, list):
            return False
        for result in results:
            if not _clean_result(result):
                return False
    return True


def _clean_result(result: object) -> bool:
    """Whether the walk finds nothing in one result (see ``clean``)."""
    if not isinstance(result, dict):
        return False
    if "task" not in result or "dataset" not in result or "metrics" not in result:
        return False
    task, dataset, metrics = result["task"], result["dataset"], result["metrics"]
    if not (_clean_strings(task, "task") and _clean_strings(dataset, "dataset")):
        return False
    if not (_known_task(task["type"]) or _mteb(result)):
        return False
    source = result.get("source")
    if source is not None and not (
        _clean_strings(source, "source") and isinstance(source.get("url"), str)
    ):
        return False
    if not isinstance(metrics, list) or not metrics:
        return False
    for metric in metrics:
        if not _clean_strings(metric, "metric") or "value" not in metric:
            return False
        if metric["value"] is None:
            return False
        if "verified" in metric:
            verified = metric["verified"]
            if verified is not False and not ("verifyToken" in metric and verified is True):
                return False
    return True


def _clean_strings(value: object, place: str) -> bool:
    """Whether ``value`` is a mapping with ``place``'s required strings, not blank, and its
    optional ones strings or empty."""
    if not isinstance(value, dict):
        return False
    for key, required in _CLEAN_FIELDS[place]:
        text = value.get(key)  # absent reads as empty
        if text is None:
            if required:
                return False
        elif not isinstance(text, str) or (required and not text.strip()):
            return False
    return True


def kind_of(value: object) -> str:
    """``a list``, ``a string``, ``a number``... as a message names a value's type."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    names: dict[type, str] = {dict: "a mapping", list: "a list", str: "a string"}
    return names.get(type(value), f"a {type(value).__name__}")


def shown(value: object) -> str:
    """A value as a message quotes it."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        if isinstance(value, int):  # too long for Python to print
            return f"a number of about {value.bit_length() * 0.30103:.0f} digits"
        return str(value)


def find(card: Card, path: tuple[PathPart, ...]) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The value node at ``path`` and the node of its key (None for a list item); (None, None)
    when the source has no such node (a value taken in by a merge key)."""
    node: yaml.Node | None = card.root
    key: yaml.Node | None = None
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, yaml.SequenceNode) or part >= len(node.value):
                return None, None
            node, key = node.value[part], None
        else:
            pair = key_node(node, part) if node is not None else None
            if pair is None:
                return None, None
            key, node = pair
    return node, key


class _Walk:
    """The walk's state: the card, and the problems found so far."""

    def __init__(self, card: Card) -> None:
        self.card = card
        self.found: list[Problem] = []
        self.seen: set[tuple[str, int, int]] = set()

    # --- locating -------------------------------------------------------------------------
    def _span(self, path: tuple[PathPart, ...], whole: bool) -> tuple[int, int, yaml.Node | None]:
        """Where a finding about ``path`` goes: the value itself when ``whole``, else (for a
        mapping that lacks a key) its key, or the first key of a list item's mapping; the
        nearest node there is when the path is not in the source."""
        for length in range(len(path), 0, -1):
            node, key = find(self.card, path[:length])
            if node is None:
                continue
            exact = length == len(path)
            if key is not None and node.start_mark.index < key.end_mark.index:
                exact = False  # an alias: the value is written elsewhere, the key is here
            if exact and whole:
                start, end = self.card.node_offsets(node)
                return start, end, node
            if key is not None:
                start, end = self.card.node_offsets(key)
                return start, end, None
            if isinstance(node, yaml.MappingNode) and node.value:
                start = self.card.node_offsets(node)[0]
                return start, self.card.node_offsets(node.value[0][0])[1], None
            start, end = self.card.node_offsets(node)
            return start, end, None
        return 0, 0, None

    def add(
        self,
        kind: str,
        path: tuple[PathPart, ...],
        message: str,
        whole: bool = True,
        value: Any = None,
    ) -> None:
        start, end, node = self._span(path, whole)
        if (kind, start, end) in self.seen:
            return  # the same source reached again through an alias: reported once
        self.seen.add((kind, start, end))
        self.found.append(Problem(kind, path, start, end, message, value, node))

    # --- the walk -------------------------------------------------------------------------
    def index(self, data: object) -> None:
        path: tuple[PathPart, ...] = (KEY,)
        if not data:
            if data is not None and not isinstance(data, list):
                self._not_a_list(path, "model-index", data)
            return  # huggingface_hub skips an empty model-index
        if not isinstance(data, list):
            self._invalid_type(path, "model-index", data)
            return
        counted = _has_metrics(data)
        for number, model in enumerate(data):
            here = path + (number,)
            if not self._mapping(model, here, "model"):
                continue
            self._required(here, "model", model)
            if "name" in model:
                last = number == len(data) - 1
                self._name(here + ("name",), model["name"], last and counted)
            if "results" in model:
                for at, result in self._items(here + ("results",), "results", model["results"]):
                    self._result(at, result)

    def _result(self, path: tuple[PathPart, ...], result: object) -> None:
        if not self._mapping(result, path, "result"):
            return
        self._required(path, "result", result)
        for place in ("task", "dataset"):
            if place in result and self._mapping(result[place], path + (place,), place):
                self._required(path + (place,), place, result[place])
                self._strings(path + (place,), place, result[place])
        task = result.get("task")
        kind = task.get("type") if isinstance(task, dict) else None
        if isinstance(kind, str) and kind.strip() and not _known_task(kind) and not _mteb(result):
            self.add("task", path + ("task", "type"), kind, value=kind)
        self._source(path, result)
        if result.get("metrics") == []:
            self.add(
                "wrong-type",
                path + ("metrics",),
                f"{path_text(path + ('metrics',))} is an empty list: the result shows nothing: "
                f"add a metric ({_REQUIRED['result']['metrics']}) or remove the result",
            )
        if "metrics" in result:
            for at, metric in self._items(path + ("metrics",), "metrics", result["metrics"]):
                if self._mapping(metric, at, "metric"):
                    self._required(at, "metric", metric)
                    self._strings(at, "metric", metric)
                    self._metric_values(at, metric)

    def _source(self, path: tuple[PathPart, ...], result: dict[Any, Any]) -> None:
        source = result.get("source")
        here = path + ("source",)
        if not source:
            if source == {}:
                self._no_url(here)
            elif "source" in result and source is not None and not isinstance(source, dict):
                self.add(
                    "wrong-type",
                    here,
                    f"{path_text(here)} is {kind_of(source)}: the Hub expects {_WHAT['source']}",
                )
            return
        if not isinstance(source, dict):
            # huggingface_hub calls source.get(...): AttributeError
            self._invalid_type(here, "source", source)
            return
        self._strings(here, "source", source)
        if source.get("url") is not None:
            return
        if source.get("name") is not None and result.get("metrics"):
            self.add(
                "invalid",
                here,
                f'{path_text(here)}: "name" without "url" (huggingface_hub raises: a source '
                "with a name needs a url): add 'url: <the link to the source>'",
                whole=False,
            )
        else:
            self._no_url(here)

    def _no_url(self, path: tuple[PathPart, ...]) -> None:
        """A source without a url, which huggingface_hub reads past (it has no name, or the
        result no metric): the Hub's schema requires the url of a source."""
        self.add(
            "wrong-type",
            path,
            f'{path_text(path)}: missing "url", which every source needs: add '
            "'url: <the link to the source>' or remove the source",
            whole=False,
        )

    # --- checks ---------------------------------------------------------------------------
    def _mapping(
        self, value: object, path: tuple[PathPart, ...], place: str
    ) -> TypeGuard[dict[Any, Any]]:
        """Whether ``value`` is a mapping; reports it (huggingface_hub raises) when not."""
        if isinstance(value, dict):
            return True
        self._invalid_type(path, place, value)
        return False

    def _items(
        self, path: tuple[PathPart, ...], place: str, value: object
    ) -> list[tuple[tuple[PathPart, ...], object]]:
        """The items of a list huggingface_hub iterates, with their paths; a non-list is reported
        (as invalid when iterating it raises, else as a wrong type) and gives none."""
        if isinstance(value, list):
            return [(path + (number,), item) for number, item in enumerate(value)]
        if not value and isinstance(value, str | bytes | dict | set | frozenset | tuple):
            self._not_a_list(path, place, value)  # iterating it gives nothing: no error
        else:
            self._invalid_type(path, place, value)
        return []

    def _required(self, path: tuple[PathPart, ...], place: str, value: dict[Any, Any]) -> None:
        for key, write in _REQUIRED[place].items():
            if key not in value:
                self.add(
                    "invalid",
                    path,
                    f'{path_text(path)}: missing "{key}", which huggingface_hub needs to read '
                    f"the eval results: add '{write}'",
                    whole=False,
                )

    def _invalid_type(self, path: tuple[PathPart, ...], place: str, value: object) -> None:
        self.add(
            "invalid",
            path,
            f"{path_text(path)} is {kind_of(value)}: huggingface_hub needs {_WHAT[place]} "
            "and cannot read the eval results",
        )

    def _not_a_list(self, path: tuple[PathPart, ...], place: str, value: object) -> None:
        self.add(
            "wrong-type",
            path,
            f"{path_text(path)} is {kind_of(value)}: the Hub expects {_WHAT[place]}",
        )

    def _name(self, path: tuple[PathPart, ...], value: object, read: bool) -> None:
        """A model's name; the last entry's is huggingface_hub's model_name, which it needs as
        soon as there is one metric."""
        if value is None and read:
            self.add(
                "invalid",
                path,
                f"{path_text(path)} is empty: huggingface_hub takes the model's name from the last "
                "entry and raises without it: write the model's name",
            )
        else:
            self._string(path, value, _REQUIRED["model"]["name"])

    def _strings(self, path: tuple[PathPart, ...], place: str, value: dict[Any, Any]) -> None:
        required = _REQUIRED.get(place, {})
        for key in _STRINGS[place]:
            if key in value:
                self._string(path + (key,), value[key], required.get(key))

    def _string(self, path: tuple[PathPart, ...], value: object, required: str | None) -> None:
        """A field the Hub's schema types as a string (``required`` says what to write when it
        must be there): a scalar of another type is reported (the source text, quoted, is the
        fix); an empty optional field is left alone: huggingface_hub reads it as absent."""
        if (isinstance(value, str) and (value.strip() or required is None)) or (
            value is None and required is None
        ):
            return
        name = path_text(path)
        if value is None or isinstance(value, str):
            message = f"{name} is empty: the Hub expects a string there: write '{required}'"
        elif isinstance(value, dict | list):
            message = f"{name} is {kind_of(value)}: the Hub expects a string there: write one"
        else:
            node = find(self.card, path)[0]
            written = node.value if isinstance(node, yaml.ScalarNode) else shown(value)
            written = written if len(written) <= 40 else written[:20] + "..."
            read = (
                f"{shown(value)}"
                if written == shown(value)
                else f"YAML reads {written} as {shown(value)}"
            )
            message = (
                f"{name} is {kind_of(value)} ({read}): the Hub rejects the push with "
                f"'\"{name}\" must be a string': quote it"
            )
        self.add("wrong-type", path, message, value=value)

    def _metric_values(self, path: tuple[PathPart, ...], metric: dict[Any, Any]) -> None:
        """A metric's value, which must be there (any type but empty), and ``verified``: only
        the Hub's evaluation sets it, with a verifyToken; a ``false`` claims nothing (tools write
        it), and one beside its token is the Hub's own (then it must be a boolean)."""
        if "value" in metric and metric["value"] is None:
            here = path + ("value",)
            self.add(
                "wrong-type",
                here,
                f"{path_text(here)} is empty: write '{_REQUIRED['metric']['value']}'",
            )
        if "verified" not in metric or metric["verified"] is False:
            return
        here = path + ("verified",)
        if "verifyToken" in metric:
            if not isinstance(metric["verified"], bool):
                self.add(
                    "wrong-type",
                    here,
                    f"{path_text(here)} is {kind_of(metric['verified'])}: the Hub expects true "
                    "or false (it sets the flag itself from the verifyToken)",
                )
            return
        self.add(
            "verified",
            here,
            f"{path_text(here)} is {shown(metric['verified'])} without a verifyToken: only the "
            "Hub's evaluation service marks a result verified, with a token it signs: remove "
            "the key",
            whole=False,
        )


def _has_metrics(models: list[Any]) -> bool:
    """Whether some result lists a metric, so that huggingface_hub builds an eval result (and
    then needs the model's name)."""
    return any(
        isinstance(result, dict) and bool(result.get("metrics"))
        for model in models
        if isinstance(model, dict) and isinstance(model.get("results"), list)
        for result in model["results"]
    )


def _known_task(kind: str) -> bool:
    """Whether a task.type is one of the Hub's pipeline tags or subtasks (only the others are
    located, for MC604)."""
    lists = hub_lists()
    return kind in lists.pipeline_tag_ids or kind in lists.subtasks


def _mteb(result: dict[Any, Any]) -> bool:
    """A result MTEB wrote (a ``main_score`` metric, or an ``mteb/`` dataset): its task.type is
    MTEB's task type (Classification, STS...), which MTEB's leaderboard reads, not a Hub task."""
    dataset = result.get("dataset")
    if isinstance(dataset, dict) and str(dataset.get("type", "")).startswith("mteb/"):
        return True
    metrics = result.get("metrics")
    return isinstance(metrics, list) and any(
        isinstance(metric, dict) and metric.get("type") == "main_score" for metric in metrics
    )
