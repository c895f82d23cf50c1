"""Which NVML devices a run can see: ``CUDA_VISIBLE_DEVICES`` as CUDA reads it, and MIG refusal.

CUDA's rules, followed here: unset means every device; entries are comma-separated integer
indices (read like ``strtoul``: ``"1gpu"`` is 1) or UUIDs starting with ``GPU-``, which may be
shortened to any prefix that matches exactly one device; the first invalid entry (negative,
out of range, unknown or ambiguous UUID) ends the list; a device named twice makes the list
empty. ``MIG-`` entries and GPUs in MIG mode are refused: NVML reports energy for the whole
GPU, not for a slice.

Indices are NVML's (``nvidia-smi``'s) order, i.e. PCI bus order. CUDA uses that order only
with ``CUDA_DEVICE_ORDER=PCI_BUS_ID``; otherwise it puts the fastest GPU first, which differs
only on machines with mixed GPU models, where a warning is issued.
"""

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .nvml_api import NvmlApi, NvmlNotSupported

_MIG_ENABLED = 1


class MigUnsupportedError(Exception):
    """The run would measure a MIG slice, which NVML cannot meter on its own."""


@dataclass(frozen=True)
class Device:
    """One visible GPU: its NVML index, name and UUID, and how to read it."""

    index: int
    name: str
    uuid: str
    handle: Any
    api: NvmlApi

    def energy_mj(self) -> int:
        """The device's energy counter (mJ)."""
        return self.api.total_energy_mj(self.handle)

    def power_mw(self) -> int:
        """The device's power draw (mW)."""
        return self.api.power_mw(self.handle)


def parse_index(entry: str) -> int:
    """Read an entry the way ``strtoul`` would: leading sign and digits, or -1 if none."""
    entry = entry.strip()
    end = 0
    while end < len(entry) and (entry[end].isdigit() or (end == 0 and entry[end] in "+-")):
        end += 1
    digits = entry[:end]
    if not digits.lstrip("+-"):
        return -1
    return int(digits)


def _match_uuid(prefix: str, uuids: list[str]) -> int:
    """Index of the only UUID starting with ``prefix``, or -1 when none or several do."""
    matches = [i for i, uuid in enumerate(uuids) if uuid.lower().startswith(prefix.lower())]
    return matches[0] if len(matches) == 1 else -1


def visible_indices(value: str | None, uuids: list[str]) -> list[int]:
    """NVML indices selected by a ``CUDA_VISIBLE_DEVICES`` value, in CUDA's order."""
    if value is None:
        return list(range(len(uuids)))
    chosen: list[int] = []
    for raw in value.split(","):
        entry = raw.strip()
        if entry.upper().startswith("MIG-"):
            raise MigUnsupportedError(
                f"CUDA_VISIBLE_DEVICES names a MIG slice ({entry}): NVML reports energy for the"
                " whole GPU, not per MIG instance, so cardlint cannot measure it; measure on a"
                " whole GPU"
            )
        if entry.upper().startswith("GPU-"):
            index = _match_uuid(entry, uuids)
        else:
            index = parse_index(entry)
            if index >= len(uuids):
                index = -1
        if index < 0:
            break
        if index in chosen:
            return []
        chosen.append(index)
    return chosen


def select_devices(api: NvmlApi, environ: Mapping[str, str]) -> list[Device]:
    """The devices a process started with ``environ`` would see; refuses MIG.

    Raises :class:`MigUnsupportedError` and lets :class:`~.nvml_api.NvmlError` through.
    """
    handles = [api.handle(i) for i in range(api.device_count())]
    uuids = [api.uuid(h) for h in handles]
    value = environ.get("CUDA_VISIBLE_DEVICES")
    devices = [
        Device(i, api.name(handles[i]), uuids[i], handles[i], api)
        for i in visible_indices(value, uuids)
    ]
    for device in devices:
        try:
            mig = api.mig_mode(device.handle) == _MIG_ENABLED
        except NvmlNotSupported:
            mig = False
        if mig:
            raise MigUnsupportedError(
                f"GPU {device.index} ({device.name}, {device.uuid}) is in MIG mode: NVML reports"
                " energy for the whole GPU, not per MIG instance, so cardlint cannot measure a"
                " slice; disable MIG or measure on another GPU"
            )
    _warn_on_ambiguous_order(value, environ, {api.name(h) for h in handles})
    return devices


def _warn_on_ambiguous_order(
    value: str | None, environ: Mapping[str, str], names: set[str]
) -> None:
    """Warn when integer indices may mean a different GPU to CUDA than to NVML."""
    uses_indices = value is not None and any(
        not e.strip().upper().startswith("GPU-") for e in value.split(",") if e.strip()
    )
    if uses_indices and len(names) > 1 and environ.get("CUDA_DEVICE_ORDER") != "PCI_BUS_ID":
        warnings.warn(
            "CUDA_VISIBLE_DEVICES uses indices on a machine with different GPU models;"
            " cardlint reads them in PCI bus order (nvidia-smi's). Set"
            " CUDA_DEVICE_ORDER=PCI_BUS_ID or use GPU UUIDs so CUDA agrees.",
            RuntimeWarning,
            stacklevel=3,
        )
