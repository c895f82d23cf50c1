"""Where an audit's cards come from: parquet files (local or ``hf://``) or a folder of READMEs,
cut into partitions that are each read on their own, so memory is bounded by one partition.

A parquet partition is one row group; a README partition is up to README_CHUNK files. Both
column layouts of the model-card dump are read: ``modelId, createdAt`` and the older
``id, created``. ``--sample`` keeps each row with the given probability, drawn from a random
generator seeded with the partition's number (so a run is repeatable); ``--limit`` then keeps
the first N rows in partition order.
"""

import glob
import os
import posixpath
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cardlint.audit.columns import INPUT_COLUMNS
from cardlint.exit_codes import UsageError
from cardlint.targets import README_NAME, find_cards

if TYPE_CHECKING:
    import pandas as pd

README_CHUNK = 1000
HF = "hf://"
# the older layout's names for the normalised columns
OLD_NAMES = {"id": "modelId", "created": "createdAt"}
GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Partition:
    """One piece of a source, read by ``load`` in the process that audits it."""

    index: int
    location: str  # a parquet file (local or hf://), or a README folder
    row_group: int = -1  # the parquet row group; -1 for README files
    files: tuple[str, ...] = ()  # README paths relative to ``location``
    rows: int = 0  # rows in the piece
    sample: float | None = None  # the probability of keeping each row
    take: int | None = None  # keep only the first ``take`` rows (after sampling)

    @property
    def count(self) -> int:
        """The rows this partition gives the audit."""
        kept = int(self.kept().sum()) if self.sample is not None else self.rows
        return kept if self.take is None else min(kept, self.take)

    def kept(self) -> Any:
        """Which rows ``--sample`` keeps (a numpy bool array), seeded with the partition's number."""
        import numpy as np

        generator = np.random.default_rng(self.index)
        return generator.random(self.rows) < (1.0 if self.sample is None else self.sample)

    def load(self) -> "pd.DataFrame":
        """The partition's rows in the normalised layout (modelId, author, createdAt, downloads, card)."""
        return self.prepare(self._read_readmes() if self.row_group < 0 else self._read_parquet())

    def prepare(self, raw: "pd.DataFrame") -> "pd.DataFrame":
        """The partition's rows read (in either layout, with any other columns) as ``load`` gives
        them: normalised, sampled and limited."""
        frame = normalise(raw)
        if self.sample is not None:
            frame = frame[self.kept()]
        if self.take is not None:
            frame = frame.iloc[: self.take]
        return frame.reset_index(drop=True)

    def _read_parquet(self) -> "pd.DataFrame":
        import pyarrow.parquet as pq

        with _open(self.location) as handle:
            parquet = pq.ParquetFile(handle)
            present = [name for name in parquet.schema_arrow.names if _wanted(name)]
            table = parquet.read_row_group(self.row_group, columns=present)
        return table.to_pandas()

    def _read_readmes(self) -> "pd.DataFrame":
        import pandas as pd

        from cardlint.linter import MAX_BYTES

        cards: list[Any] = []
        for name in self.files:
            with open(os.path.join(self.location, name), "rb") as handle:
                data = handle.read(
                    MAX_BYTES + 1
                )  # a bigger card is unreadable: no need for all of it
            try:
                cards.append(data.decode("utf-8"))
            except UnicodeDecodeError:
                cards.append(data if len(data) <= MAX_BYTES else data.decode("utf-8", "replace"))
        ids = [card_id(name) for name in self.files]
        return pd.DataFrame({"modelId": ids, "card": cards})


@dataclass(frozen=True)
class Source:
    """An audit's input: its partitions in order, and what was read to find them."""

    text: str  # as given on the command line
    partitions: tuple[Partition, ...]
    parquet_files: tuple[str, ...]  # empty for a README folder
    description: str

    @property
    def rows(self) -> int:
        return sum(partition.count for partition in self.partitions)


def normalise(frame: "pd.DataFrame") -> "pd.DataFrame":
    """A frame in either layout as the normalised one: the INPUT_COLUMNS, null where absent."""
    renamed = frame.rename(
        columns={old: new for old, new in OLD_NAMES.items() if new not in frame.columns}
    )
    for name in INPUT_COLUMNS:
        if name not in renamed.columns:
            renamed[name] = None
    return renamed[list(INPUT_COLUMNS)]


def card_id(name: str) -> str:
    """The id of a card file in a folder: its folder's path for a README.md (as on the Hub),
    else its own path without the extension."""
    name = name.replace(os.sep, "/")
    folder, file = posixpath.split(name)
    if file == README_NAME:
        return folder or "."
    return posixpath.splitext(name)[0]


def open_source(
    text: str,
    limit: int | None = None,
    sample: float | None = None,
    include: tuple[str, ...] = (README_NAME,),
) -> Source:
    """The partitions of SOURCE (``include``: the names of the card files in a folder); a source
    that cannot be read raises UsageError with one line."""
    if sample is not None and not 0 < sample <= 1:
        raise UsageError(f"--sample must be a fraction in (0, 1], not {sample}")
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    source = _hub_source(text) if text.startswith(HF) else _local_source(text, include)
    partitions = [replace(p, sample=sample) for p in source.partitions]
    if limit is not None:
        partitions = _first(partitions, limit)
    return replace(source, partitions=tuple(partitions))


def _first(partitions: list[Partition], limit: int) -> list[Partition]:
    kept: list[Partition] = []
    for partition in partitions:
        if limit <= 0:
            break
        count = partition.count
        kept.append(replace(partition, take=min(count, limit)))
        limit -= count
    return kept


def _local_source(text: str, include: tuple[str, ...]) -> Source:
    if GLOB_CHARS & set(text):
        files = sorted(glob.glob(text, recursive=True))
        if not files:
            raise UsageError(f"{text}: no file matches")
        return _parquet_source(text, files)
    if os.path.isdir(text):
        files = sorted(
            glob.glob(os.path.join(glob.escape(text), "**", "*.parquet"), recursive=True)
        )
        return _parquet_source(text, files) if files else _readme_source(text, include)
    if os.path.isfile(text):
        return _parquet_source(text, [text])
    raise UsageError(f"{text}: {_missing(text)}")


def _missing(text: str) -> str:
    """Why a local SOURCE is not there; where it could name a Hub dataset, the Hub is asked."""
    from cardlint.hub.refs import parse_target

    ref = parse_target(text, repo_type="dataset")
    if ref is None or os.path.splitext(text)[1]:
        return "no such file or folder"
    from cardlint.hub.client import MISSING, UNREACHABLE, HubError, ensure_reachable, missing_path

    try:
        ensure_reachable()
        _repo_info(ref.repo_id, ref.revision)
    except HubError as error:
        if error.kind == MISSING:
            return missing_path()
        if error.kind == UNREACHABLE:
            return f"no such file or folder, and the Hub could not be asked for a dataset of that name: {error}"
        return f"no such file or folder, and the Hub dataset of that name cannot be read: {error}"
    return f"no such file or folder; to audit the Hub dataset of that name, write {HF}datasets/{ref.repo_id}"


def _readme_source(folder: str, include: tuple[str, ...]) -> Source:
    cards = [os.path.relpath(path, folder) for path in find_cards(folder, include)]
    if not cards:
        names = " or ".join(include)
        hint = "" if include != (README_NAME,) else " (name other card files with --include '*.md')"
        raise UsageError(f"{folder}: no parquet file and no {names} in this folder{hint}")
    chunks = [cards[start : start + README_CHUNK] for start in range(0, len(cards), README_CHUNK)]
    partitions = tuple(
        Partition(index, folder, files=tuple(chunk), rows=len(chunk))
        for index, chunk in enumerate(chunks)
    )
    kind = "README" if include == (README_NAME,) else "card"
    return Source(folder, partitions, (), f"{len(cards)} {kind} files")


def _parquet_source(text: str, files: list[str]) -> Source:
    import pyarrow.parquet as pq

    partitions: list[Partition] = []
    for path in files:
        try:
            with _open(path) as handle:
                metadata = pq.ParquetFile(handle).metadata
        except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
            raise UsageError(f"{path}: not a parquet file this audit can read ({error})") from None
        names = set(metadata.schema.names)
        if "card" not in names or not names & {"modelId", "id"}:
            raise UsageError(
                f"{path}: not a model-card dump: it needs the columns card and modelId (or id); it has {', '.join(sorted(names))}"
            )
        first = len(partitions)
        partitions.extend(
            Partition(first + group, path, group, rows=metadata.row_group(group).num_rows)
            for group in range(metadata.num_row_groups)
        )
    description = (
        f"{len(files)} parquet file{'s' * (len(files) != 1)}, {len(partitions)} row groups"
    )
    return Source(text, tuple(partitions), tuple(files), description)


def _hub_source(text: str) -> Source:
    """An hf://datasets/ORG/NAME[@REVISION][/PATH] source, through huggingface_hub's file system."""
    from cardlint.hub.client import HubError, ensure_reachable
    from cardlint.hub.refs import parse_target

    ref = parse_target(text, repo_type="dataset")
    if ref is None or ref.repo_type != "dataset":
        raise UsageError(f"{text}: an hf:// source names a dataset: hf://datasets/ORG/NAME[/PATH]")
    try:
        ensure_reachable()
        _repo_info(ref.repo_id, ref.revision)
    except HubError as error:
        raise UsageError(f"{text}: {error}") from None
    from huggingface_hub import HfFileSystem

    fs = HfFileSystem()
    path = text[len(HF) :]
    try:
        if GLOB_CHARS & set(path):
            found = fs.glob(path)
        elif fs.isdir(path):
            found = [name for name in fs.find(path) if name.endswith(".parquet")]
        else:
            found = [path] if fs.isfile(path) else []
    except OSError as error:
        raise UsageError(f"{text}: {error}") from None
    if not found:
        raise UsageError(f"{text}: no parquet file there")
    return _parquet_source(text, [HF + name for name in sorted(found)])


def _repo_info(repo_id: str, revision: str) -> None:
    """Raise HubError when the dataset cannot be read (absent, private, gated, unreachable)."""
    from huggingface_hub import HfApi, constants

    from cardlint.hub.errors import call_api, hub_error
    from cardlint.hub.refs import RepoRef

    try:
        call_api(
            lambda: HfApi().repo_info(
                repo_id,
                repo_type="dataset",
                revision=revision,
                timeout=constants.HF_HUB_ETAG_TIMEOUT,
            )
        )
    except Exception as error:
        raise hub_error(error, RepoRef(repo_id, "dataset", revision)) from None


def _open(location: str) -> Any:
    """A binary file handle on a local path or an hf:// path."""
    if location.startswith(HF):
        from huggingface_hub import HfFileSystem

        return HfFileSystem().open(location[len(HF) :], "rb")
    return open(location, "rb")


def _wanted(name: str) -> bool:
    return name in INPUT_COLUMNS or name in OLD_NAMES
