"""The hardware catalogue: each known GPU, TPU, CPU and SoC with its rated power.

The data (``cardlint/data/hardware.json``, built by ``scripts/build_hardware_data.py`` from
``hardware-power.csv``) is read once, on first use, and a row is decoded only when a text first
reaches one of its alias words. A device the catalogue does not hold has no wattage: nothing
here invents a figure.
"""

import functools
import json
import os
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from cardlint.hardware.tokens import FORM_FACTORS, tokenize

DATA_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "hardware.json")
KINDS = ("gpu", "tpu", "cpu", "soc")


class Device(NamedTuple):
    """A catalogue entry: rated power per device (per chip for TPUs), in watts."""

    id: str
    kind: str
    vendor: str
    name: str
    watts: float


def device(device_id: str) -> Device | None:
    """The catalogue entry with this id, or None."""
    catalogue = load()
    index = catalogue.by_id.get(device_id)
    return None if index is None else catalogue.device(index)


def total_watts(counted: Iterable[tuple[int, float]]) -> Decimal:
    """The rated power of ``(count, watts per device)`` pairs, summed exactly: each wattage is
    taken as written in the catalogue (its shortest repr), never as a binary fraction."""
    return sum((Decimal(count) * Decimal(repr(watts)) for count, watts in counted), Decimal(0))


_KEY_PART_RE = re.compile(r"[a-z]+|\d+(?:\.\d+)?|[+,]")


class Node:
    """A trie node over alias tokens; ``ends`` holds (length, glued positions, device index)."""

    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, Node] = {}
        self.ends: list[tuple[int, tuple[int, ...], int]] = []


class Catalogue:
    """The loaded data: devices, their memory sizes and form factors, and aliases by first word.

    The data file holds one device row per line, so a row is decoded from JSON only when a text
    first reaches one of its alias words, and the aliases of a first word are put in a trie then.
    """

    def __init__(self, row_lines: list[bytes], first_words: dict[str, str]) -> None:
        self.row_lines = row_lines
        self.first_words = first_words  # the row indices of each first word, as written: "3 17 204"
        self._rows: dict[int, list] = {}  # type: ignore[type-arg]
        self._devices: dict[int, Device] = {}
        self.tries: dict[str, Node] = {}

    def row(self, index: int) -> list:  # type: ignore[type-arg]
        """``[id, kind, vendor, name, watts, alias keys, memory sizes]`` of row ``index``."""
        found = self._rows.get(index)
        if found is None:
            found = self._rows[index] = json.loads(self.row_lines[index].rstrip(b","))
        return found

    @functools.cached_property
    def by_id(self) -> dict[str, int]:
        return {self.row(index)[0]: index for index in range(len(self.row_lines))}

    def device(self, index: int) -> Device:
        """The device of row ``index``, built on first use (most of the 4,800 rows never are)."""
        found = self._devices.get(index)
        if found is None:
            found = self._devices[index] = Device(*self.row(index)[:5])
        return found

    def memory(self, index: int) -> frozenset[int]:
        """The memory sizes (GB) written in the device's name and aliases."""
        return frozenset(self.row(index)[6])

    def form(self, index: int) -> frozenset[str]:
        """The form-factor words in a GPU's name (SXM, PCIe, ...)."""
        found = self.device(index)
        if found.kind != "gpu":
            return frozenset()
        return frozenset(t.norm for t in tokenize(found.name)) & FORM_FACTORS

    def trie(self, first_word: str) -> Node:
        """The trie of the aliases whose first word is ``first_word``."""
        root = self.tries.get(first_word)
        if root is None:
            root = self.tries[first_word] = Node()
            indices = map(int, self.first_words.get(first_word, "").split())
            keys = [(key, index) for index in indices for key in self.row(index)[5]]
            for key, index in keys:
                if key.partition(" ")[0] != first_word:
                    continue
                node = root
                length = 0
                glued: list[int] = []
                for word in key.split(" "):
                    parts = _KEY_PART_RE.findall(word)
                    glued.extend(range(length + 1, length + len(parts)))
                    for part in parts:
                        node = node.children.setdefault(part, Node())
                    length += len(parts)
                node.ends.append((length, tuple(glued), index))
        return root


_HEADER = b'{"format":2,"source":"hardware-power.csv","devices":['
_FIRST_WORDS = b'"first_words":'


@functools.cache
def load() -> Catalogue:
    """The catalogue, split into its row lines (the layout scripts/build_hardware_data.py writes).

    The lines stay UTF-8 bytes until a row is needed (json reads bytes): decoding the whole file
    would cost more than reading it.
    """
    with open(DATA_FILE, "rb") as handle:
        lines = handle.read().splitlines()
    if lines[0] != _HEADER or lines[-2] != b"]," or not lines[-1].startswith(_FIRST_WORDS):
        raise ValueError(f"{DATA_FILE}: not the layout scripts/build_hardware_data.py writes")
    return Catalogue(lines[1:-2], json.loads(lines[-1][len(_FIRST_WORDS) : -1]))
