"""Read free-text hardware descriptions ("8 v100 GPUs", "4xH100", "TPU v3-8") against the catalogue.

The catalogue (:mod:`cardlint.hardware.catalogue`) gives each known device its rated power. A
device that the catalogue does not hold is reported with its name as written and no wattage.

Matching is by whole tokens, case-insensitively, longest alias first. "A100-SXM4-80GB" and
"A100 SXM4 80GB" are the same tokens; "RTX3090" matches "RTX 3090", but "A 100" does not match
"A100" (what an alias writes joined must be joined in the text). A match followed by a word
that makes it another product ("Laptop", "Max-Q", "Ti", "Pro", "Max", a different memory size
or form factor) is refused and the device is reported as unknown.

Counts: "8 x A100", "8xA100", "8 A100", "32 x 8 x A100" (256), "32 nodes of TPU v3-8",
"8 GPUs", "GPU count: 1". TPU slices name TensorCores: ``vN-K`` is K cores, and v2, v3, v4 and
v5p have 2 cores per chip (v5e and v6e have 1), so "TPU v3-8" is 4 chips and the count is in
chips, matching the catalogue's per-chip watts. For CPUs, "12 CPUs", "CPU count: 16" and
"64 cores" count logical CPUs (``count_unit == "core"``, as CodeCarbon's ``cpu_count``), while
"2 x Xeon Gold 6145" counts packages. Text after an "=" is taken as another description of
the same hardware and not read ("TPU v3-256 = 32 nodes of v3-8"). "TTPU" is read as "TPU",
with a note.
"""

import functools
import math
import re
from typing import NamedTuple

from cardlint.hardware.catalogue import KINDS, Catalogue, Device, Node, device, load, total_watts
from cardlint.hardware.tokens import FILLER, FORM_FACTORS, SOFT_SEPS, tokenize


class HardwareItem(NamedTuple):
    """One kind of hardware in a description.

    ``count`` is None when no count was written; ``count_unit`` is "device" (GPUs, chips,
    CPU packages) or "core" (logical CPUs). ``device_id`` is the catalogue id, None for a
    device the catalogue does not hold or when only a kind was given ("GPU"). ``name`` is the
    catalogue name ("TPU v3" for TPUs, whose rows are per chip), the name as written for an
    unknown device, or None for a bare kind.
    ``watts`` is the catalogue's rated power per device, never guessed. ``span`` is the
    ``(start, end)`` of the item in the parsed text.
    """

    count: int | None  # type: ignore[assignment]  # shadows tuple.count, which no caller needs
    count_unit: str
    device_id: str | None
    name: str | None
    kind: str
    vendor: str | None
    watts: float | None
    span: tuple[int, int]

    @property
    def devices(self) -> int:
        """How many devices the item stands for: its count, or 1 when none was written ("NVIDIA T4")."""
        return 1 if self.count is None else self.count


class HardwareSpec(NamedTuple):
    """What a hardware description says: its items, and notes on how it was read."""

    text: str
    items: tuple[HardwareItem, ...]
    notes: tuple[str, ...]

    @property
    def has_count(self) -> bool:
        """Whether any item has a count."""
        return any(item.count is not None for item in self.items)

    @property
    def has_device(self) -> bool:
        """Whether any item names a device (known to the catalogue or not), not just a kind."""
        return any(item.name is not None for item in self.items)

    @property
    def is_vague(self) -> bool:
        """No count or no named device: what CO2402 reports."""
        return not (self.has_count and self.has_device)

    @property
    def rated_watts(self) -> float | None:
        """Sum of devices x rated watts over the items the catalogue rates (a lower bound: other
        items add nothing); None if there is none. A count of logical CPUs is not rated."""
        rated = [
            (item.devices, item.watts)
            for item in self.items
            if item.watts is not None and item.count_unit == "device"
        ]
        return float(total_watts(rated)) if rated else None


@functools.lru_cache(maxsize=4096)
def parse_hardware(text: str) -> HardwareSpec:
    """Read a hardware description such as "8 x NVIDIA A100-SXM4-80GB" or "TPU v3-8".

    Cached: the spec is immutable, two rules read the same field, and cards repeat descriptions.
    """
    return _Parser(text).parse()


def format_hardware(items: tuple[HardwareItem, ...] | list[HardwareItem]) -> str:
    """Write items canonically, so that they read back the same: "4 x NVIDIA A100 SXM4 80GB",
    "TPU v3-8", "12 CPUs (Intel Core i7-9750H)" (logical CPUs), "GPU"."""
    parts = []
    for item in items:
        if item.kind == "tpu" and item.name is not None and item.name.startswith("TPU v"):
            cores = _TPU_CORES_PER_CHIP.get(item.name[4:].lower())
            if item.count is not None and cores:
                parts.append(f"{item.name}-{item.count * cores}")
            else:
                parts.append(item.name)
            continue
        name = item.name or _KIND_WORD[item.kind]
        if item.count is None:
            parts.append(name)
        elif item.count_unit == "core":
            parts.append(f"{item.count} CPUs ({item.name})" if item.name else f"{item.count} CPUs")
        elif item.name is None:
            parts.append(f"{item.count} {name}s")
        else:
            parts.append(f"{item.count} x {name}")
    return ", ".join(parts)


_NOISE_RE = re.compile(r"\s*(?:\(\s*(?:r|tm|c)\s*\)|[®™©])", re.I)  # "(R)", "™" in a name
_VARIANTS = frozenset({"laptop", "mobile", "notebook", "max", "ultra", "pro", "ti", "super", "q"})
_MEMORY_WORDS = frozenset({"gb", "g", "gib"})
_SYSTEM_MEMORY = frozenset({"ram", "system", "dram", "ddr"})
_GROUPS = frozenset(
    {
        "pod",
        "pods",
        "node",
        "nodes",
        "slice",
        "slices",
        "machine",
        "machines",
        "server",
        "servers",
        "instance",
        "instances",
        "host",
        "hosts",
        "vm",
        "vms",
        "board",
        "boards",
    }
)
_KIND_WORD = {"gpu": "GPU", "tpu": "TPU", "cpu": "CPU", "soc": "SoC"}
_GENERIC = {
    "gpu": ("gpu", "device"),
    "gpus": ("gpu", "device"),
    "tpu": ("tpu", "device"),
    "tpus": ("tpu", "device"),
    "cpu": ("cpu", "core"),
    "cpus": ("cpu", "core"),
    "vcpu": ("cpu", "core"),
    "vcpus": ("cpu", "core"),
    "cores": ("cpu", "core"),
    "threads": ("cpu", "core"),
    "processor": ("cpu", "device"),
    "processors": ("cpu", "device"),
}
# vendor or family word -> (vendor, kind or None when the next word decides)
_BRANDS: dict[str, tuple[str, str | None]] = {
    "nvidia": ("NVIDIA", "gpu"),
    "geforce": ("NVIDIA", "gpu"),
    "quadro": ("NVIDIA", "gpu"),
    "tesla": ("NVIDIA", "gpu"),
    "titan": ("NVIDIA", "gpu"),
    "rtx": ("NVIDIA", "gpu"),
    "gtx": ("NVIDIA", "gpu"),
    "jetson": ("NVIDIA", "soc"),
    "amd": ("AMD", None),
    "radeon": ("AMD", "gpu"),
    "instinct": ("AMD", "gpu"),
    "ryzen": ("AMD", "cpu"),
    "epyc": ("AMD", "cpu"),
    "threadripper": ("AMD", "cpu"),
    "opteron": ("AMD", "cpu"),
    "athlon": ("AMD", "cpu"),
    "intel": ("Intel", "cpu"),
    "xeon": ("Intel", "cpu"),
    "celeron": ("Intel", "cpu"),
    "pentium": ("Intel", "cpu"),
    "arc": ("Intel", "gpu"),
    "apple": ("Apple", "soc"),
    "google": ("Google", None),
    "graviton": ("AWS", "cpu"),
}
# words that end an unknown device's name
_STOP_WORDS = frozenset(
    {
        "and",
        "or",
        "with",
        "x",
        "of",
        "on",
        "per",
        "in",
        "for",
        "ram",
        "memory",
        "vram",
        "count",
        "model",
        "type",
    }
)
_HEDGES = ("or equivalent", "or similar")

_TPU_RE = re.compile(
    r"(?<![\w-])(?:(?:google\s+)?(?:cloud\s+)?(?P<tpu>t?tpu)(?:[\s-]*vm)?[\s-]*v?|(?=v\d[a-z]*-\d))"
    r"v?(?P<gen>[2-7])(?P<variant>e|p|\s*lite(?:pod)?)?(?:\s*pod)?(?:\s*-\s*(?P<cores>\d+))?(?![\w.])",
    re.I,
)
_TPU_CORES_PER_CHIP = {"v2": 2, "v3": 2, "v4": 2, "v5p": 2, "v5e": 1, "v6e": 1}


class _Parser:
    """One parse: tokens, then TPUs, catalogue devices, unknown devices and bare kinds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.notes: list[str] = []
        head = text
        cut = text.find("=")
        if cut >= 0:
            head = text[:cut]
            if text[cut + 1 :].strip():
                self.notes.append(
                    "text after '=' taken as another description of the same hardware; not read"
                )
        self.tokens = tokenize(head)
        self.covered = [False] * len(self.tokens)
        # (first token, last token, item without its span)
        self.found: list[tuple[int, int, HardwareItem]] = []

    def parse(self) -> HardwareSpec:
        self._tpus()
        rejected = self._catalogue_devices()
        self._unknown_devices(rejected)
        self._generics()
        items = self._merge()
        lowered = self.text.lower()
        for hedge in _HEDGES:
            if hedge in lowered:
                self.notes.append(f"'{hedge}': the hardware is not stated exactly")
        return HardwareSpec(self.text, tuple(items), tuple(self.notes))

    # -- helpers on tokens

    def _span_text(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def _cover(self, first: int, last: int) -> None:
        for i in range(first, last + 1):
            self.covered[i] = True

    def _index_at(self, offset: int) -> int:
        for i, token in enumerate(self.tokens):
            if token.end > offset:
                return i
        return len(self.tokens)

    def _count_before(self, first: int) -> tuple[int | None, int]:
        """Count factors written before token ``first``: (product or None, first token of the item)."""
        j = first - 1
        if j >= 1 and self.tokens[j].norm in _MEMORY_WORDS and self.tokens[j - 1].norm.isdigit():
            j -= 2  # "8 16GB V100"
        elif self._ordinal_generation(j):
            j -= 3  # "1 x 11th Gen Intel Core i5-1135G7"
        factors: list[int] = []
        start = first
        while j >= 0:
            k = j
            if self.tokens[k].norm in ("of", "with") and k > 0:
                k -= 1
            if self.tokens[k].norm in _GROUPS and k > 0:
                k -= 1
            if self.tokens[k].norm == "x" and k > 0:
                k -= 1
            token = self.tokens[k]
            if token.sep or not token.norm.isdigit() or token.glued or self.covered[k]:
                break
            if (
                k + 1 < len(self.tokens)
                and self.tokens[k + 1].glued
                and self.tokens[k + 1].norm != "x"
            ):
                break  # "12th", "80GB"
            factors.append(int(token.norm))
            start = k
            j = k - 1
        return (math.prod(factors) if factors else None), start

    def _ordinal_generation(self, j: int) -> bool:
        """Whether tokens ``j-2`` to ``j`` are an ordinal generation ("11th Gen", "3rd generation")."""
        if j < 2 or self.tokens[j].norm not in ("gen", "generation"):
            return False
        suffix, number = self.tokens[j - 1], self.tokens[j - 2]
        return suffix.norm in ("st", "nd", "rd", "th") and suffix.glued and number.norm.isdigit()

    def _add(self, first: int, last: int, item: HardwareItem) -> None:
        """Record ``item`` (tokens ``first`` to ``last``) with the count written around it."""
        count, start = self._count_before(first)
        if count is None and last + 2 < len(self.tokens) and self.tokens[last + 1].norm == "x":
            after = self.tokens[last + 2]
            if after.norm.isdigit() and (
                last + 3 >= len(self.tokens) or not self.tokens[last + 3].glued
            ):
                count, last = int(after.norm), last + 2  # "Tesla T4 x 2"
        if count is not None:
            item = item._replace(count=count if item.count is None else count * item.count)
        if item.count is None:
            item = item._replace(count_unit="device")
        self._cover(start, last)
        self.found.append((start, last, item))

    # -- passes

    def _tpus(self) -> None:
        head_end = self.tokens[-1].end if self.tokens else 0
        for m in _TPU_RE.finditer(self.text, 0, head_end):
            first, last = self._index_at(m.start()), self._index_at(m.end() - 1)
            if first >= len(self.tokens) or any(self.covered[first : last + 1]):
                continue
            if m.group("tpu") and m.group("tpu").lower() == "ttpu":
                self.notes.append("'TTPU' read as 'TPU'")
            variant = (m.group("variant") or "").strip().lower()
            version = f"v{m.group('gen')}{'e' if variant.startswith('lite') else variant}"
            per_chip = _TPU_CORES_PER_CHIP.get(version)
            chips: int | None = None
            if m.group("cores"):
                cores = int(m.group("cores"))
                if per_chip and cores % per_chip == 0:
                    chips = cores // per_chip
                else:
                    self.notes.append(f"TPU {version}-{cores}: chip count unknown")
            known = device(f"google-tpu-{version}")
            item = HardwareItem(
                chips, "device", None, f"TPU {version}", "tpu", "Google", None, (0, 0)
            )
            if known is not None:
                item = item._replace(device_id=known.id, watts=known.watts)
            self._add(first, last, item)

    def _catalogue_devices(self) -> list[tuple[int, Device]]:
        """Accept catalogue matches; return refused ones (position, device) as seeds for unknowns."""
        catalogue = load()
        view = [
            i for i, t in enumerate(self.tokens) if t.norm not in FILLER and t.norm not in SOFT_SEPS
        ]
        norms = tuple("," if self.tokens[i].sep else self.tokens[i].norm for i in view)
        rejected: list[tuple[int, Device]] = []
        pos = 0
        while pos < len(view):
            first = view[pos]
            accepted = None
            if not self.covered[first] and self._may_start(first):
                for length, index in self._candidates(catalogue, norms, view, pos):
                    last = view[pos + length - 1]
                    if self._may_end(last) and self._fits(catalogue, index, last):
                        accepted = (index, last)
                        break
                    rejected.append((first, catalogue.device(index)))
            if accepted is None:
                pos += 1
                continue
            index, last = accepted
            found = catalogue.device(index)
            while (
                first > 0 and self.tokens[first - 1].norm in _BRANDS and not self.covered[first - 1]
            ):
                first -= 1
            last = self._absorb_after(last, found.kind)
            item = HardwareItem(
                None, "device", found.id, found.name, found.kind, found.vendor, found.watts, (0, 0)
            )
            self._add(first, last, item)
            pos = next((p for p, i in enumerate(view) if i > last), len(view))
        return rejected

    def _candidates(
        self, catalogue: Catalogue, norms: tuple[str, ...], view: list[int], pos: int
    ) -> list[tuple[int, int]]:
        """(length, device index) of the aliases matching at ``pos``, longest first. An alias's
        first word is a run of glued tokens, so each glued prefix of the text is looked up."""
        found = []
        word = ""
        for k in range(pos, len(view)):
            if k > pos and not self.tokens[view[k]].glued:
                break
            word += norms[k]
            node: Node | None = catalogue.trie(word)
            j = pos
            while node is not None and j < len(norms):
                node = node.children.get(norms[j])
                j += 1
                for length, glued, index in node.ends if node is not None else ():
                    if all(self.tokens[view[pos + g]].glued for g in glued):
                        found.append((length, index))
        found.sort(key=lambda match: -match[0])
        return found

    def _may_start(self, i: int) -> bool:
        token = self.tokens[i]
        return not token.glued or self.tokens[i - 1].norm == "x"

    def _may_end(self, i: int) -> bool:
        return i + 1 >= len(self.tokens) or not self.tokens[i + 1].glued

    def _fits(self, catalogue: Catalogue, index: int, last: int) -> bool:
        """Whether the words after a match leave it the same product (no other memory, form or variant)."""
        j = last + 1
        while j < len(self.tokens):
            token = self.tokens[j]
            if token.sep:
                if token.norm not in SOFT_SEPS:
                    return True
                j += 1
                continue
            if (
                token.norm.isdigit()
                and j + 1 < len(self.tokens)
                and self.tokens[j + 1].norm in _MEMORY_WORDS
            ):
                after = self.tokens[j + 2].norm if j + 2 < len(self.tokens) else ""
                sizes = catalogue.memory(index)
                if after not in _SYSTEM_MEMORY and sizes and int(token.norm) not in sizes:
                    return False
                j += 2
                continue
            if token.norm in _VARIANTS:
                return False
            if token.norm in FORM_FACTORS:
                forms = catalogue.form(index)
                return not forms or token.norm in forms
            return True
        return True

    def _absorb_after(self, last: int, kind: str) -> int:
        """Extend an item over a memory size, "64-Core" and kind words written after it ("GPUs", "CPU/GPU")."""
        j = last + 1
        while j < len(self.tokens):
            token = self.tokens[j]
            nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
            if token.norm.isdigit() and nxt is not None and nxt.norm in _MEMORY_WORDS:
                j += 2
            elif token.norm.isdigit() and nxt is not None and nxt.norm == "core" and nxt.gap == "-":
                j += 2
            elif token.norm in _GENERIC and (_GENERIC[token.norm][0] == kind or kind == "soc"):
                last = j
                j += 1
                if j < len(self.tokens) and self.tokens[j].norm == "/":
                    j += 1
                continue
            else:
                break
            last = j - 1
        return last

    def _unknown_devices(self, rejected: list[tuple[int, Device]]) -> None:
        seeds: dict[int, tuple[str | None, str | None]] = {}
        for i, token in enumerate(self.tokens):
            if (
                token.norm in _BRANDS
                and not self.covered[i]
                and (i == 0 or self.tokens[i - 1].norm not in _BRANDS)
            ):
                seeds[i] = _BRANDS[token.norm]
        for i, refused in rejected:
            while i > 0 and self.tokens[i - 1].norm in _BRANDS:
                i -= 1
            if not self.covered[i]:
                seeds[i] = (refused.vendor, refused.kind)
        for first in sorted(seeds):
            if self.covered[first]:
                continue
            vendor, kind = seeds[first]
            last = first
            j = first + 1
            while j < len(self.tokens) and j - first < 8:
                token = self.tokens[j]
                if token.sep or token.norm in _GENERIC or token.norm in _STOP_WORDS:
                    break
                if self.covered[j]:
                    break
                if kind is None and token.norm in _BRANDS:
                    kind = _BRANDS[token.norm][1]
                last = j
                j += 1
            if kind is None:
                continue
            if not any(
                any(c.isdigit() for c in self.tokens[k].norm) for k in range(first + 1, last + 1)
            ):
                self._counted_family(first, last, vendor, kind)
                continue
            name = _NOISE_RE.sub("", self._span_text(first, last))
            item = HardwareItem(None, "device", None, name, kind, vendor, None, (0, 0))
            self._add(first, self._absorb_after(last, kind), item)

    def _counted_family(self, first: int, last: int, vendor: str | None, kind: str) -> None:
        """A vendor or family without a model is left to the kind words ("8 x NVIDIA GPUs"); with a
        count and no kind word after it ("2 x AMD EPYC") it is a counted device of no named model."""
        after = self.tokens[last + 1].norm if last + 1 < len(self.tokens) else ""
        if after not in _GENERIC and self._count_before(first)[0] is not None:
            self._add(
                first, last, HardwareItem(None, "device", None, None, kind, vendor, None, (0, 0))
            )

    def _generics(self) -> None:
        for i, token in enumerate(self.tokens):
            if token.norm not in _GENERIC or self.covered[i]:
                continue
            kind, unit = _GENERIC[token.norm]
            if token.norm in ("cores", "threads") and not (
                i > 0 and self.tokens[i - 1].norm.isdigit()
            ):
                continue
            first = i
            vendor = None
            while (
                first > 0
                and not self.covered[first - 1]
                and (
                    self.tokens[first - 1].norm in _BRANDS or self.tokens[first - 1].norm == "core"
                )
            ):
                first -= 1
                vendor = _BRANDS.get(self.tokens[first].norm, (vendor,))[0]
            count = self._count_after(i)
            item = HardwareItem(
                None if count is None else count[0], unit, None, None, kind, vendor, None, (0, 0)
            )
            self._add(first, i if count is None else count[1], item)

    def _count_after(self, i: int) -> tuple[int, int] | None:
        """A count written after a kind word ("GPU count: 1", "CPU number 8"): (count, last token)."""
        j = i + 1
        if j < len(self.tokens) and self.tokens[j].norm in ("count", "number", "num"):
            j += 1
        else:
            return None
        if j < len(self.tokens) and self.tokens[j].norm.isdigit():
            return int(self.tokens[j].norm), j
        return None

    def _merge(self) -> list[HardwareItem]:
        """Join "N CPUs" with the one CPU model named without a count, and drop repeats."""
        self.found.sort(key=lambda entry: entry[0])
        items = [
            item._replace(span=(self.tokens[first].start, self.tokens[last].end))
            for first, last, item in self.found
        ]
        for kind in KINDS:
            # a bare kind word ("CPU model: ...") next to another item of its kind says nothing more
            bare = [
                item
                for item in items
                if item.kind == kind and item.name is None and item.count is None
            ]
            keep = bare[:1] if len(bare) == sum(item.kind == kind for item in items) else []
            items = [item for item in items if item not in bare or item in keep]
            named = [item for item in items if item.kind == kind and item.name is not None]
            counted = [
                item
                for item in items
                if item.kind == kind and item.name is None and item.count is not None
            ]
            if len(named) != 1 or len(counted) != 1:
                continue
            one, count = named[0], counted[0]
            if one.count is None:
                items[items.index(one)] = one._replace(
                    count=count.count, count_unit=count.count_unit
                )
                items.remove(count)
            elif one.count == count.count:
                items.remove(count)
        return items
