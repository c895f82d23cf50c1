"""CUDA_VISIBLE_DEVICES parsing, device selection and MIG refusal."""

from __future__ import annotations

import warnings

import pytest

from cardlint.energy.devices import (
    MigUnsupportedError,
    parse_index,
    select_devices,
    visible_indices,
)
from cardlint.energy.testing import FakeDevice, FakeNvml, SineTrace

UUIDS = [
    "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6",
    "GPU-8932aaaa-0000-4106-c12f-20bd9faed9f6",
    "GPU-11111111-2222-3333-4444-555555555555",
]


def _nvml(
    names: tuple[str, ...] = ("A100", "A100", "A100"),
    mig: tuple[bool | None, ...] = (False, False, None),
) -> FakeNvml:
    return FakeNvml(
        [FakeDevice(n, u, SineTrace(100.0), mig=m) for n, u, m in zip(names, UUIDS, mig)]
    )


@pytest.mark.parametrize(
    "entry, expected",
    [
        ("0", 0),
        ("12", 12),
        (" 2 ", 2),
        ("1gpu2", 1),
        ("+3", 3),
        ("-1", -1),
        ("", -1),
        ("abc", -1),
        ("-", -1),
    ],
)
def test_parse_index_reads_like_strtoul(entry: str, expected: int) -> None:
    assert parse_index(entry) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, [0, 1, 2]),
        ("", []),
        ("-1", []),
        ("2,0", [2, 0]),
        ("0,2,-1,1", [0, 2]),  # CUDA's documented example: the invalid entry ends the list
        ("0,7,1", [0]),  # out of range ends the list
        ("1,1", []),  # a repeated device empties the list
        ("GPU-11111111-2222-3333-4444-555555555555", [2]),
        ("GPU-1111", [2]),  # a unique prefix is enough
        ("gpu-11111111", [2]),
        ("GPU-8932f", [0]),
        ("GPU-1111,GPU-8932", [2]),  # ambiguous prefix ends the list
        ("GPU-8932a,0", [1, 0]),
        ("GPU-ffff,0", []),  # unknown UUID ends the list
        ("GPU-1111,GPU-11111111-2222", []),  # the same device twice
    ],
)
def test_visible_indices_follow_cuda_rules(value: str | None, expected: list[int]) -> None:
    assert visible_indices(value, UUIDS) == expected


def test_mig_entry_is_refused_with_a_clear_message() -> None:
    with pytest.raises(MigUnsupportedError, match="MIG slice.*MIG-GPU-8932f937/1/0"):
        visible_indices("MIG-GPU-8932f937/1/0", UUIDS)


def test_select_devices_records_index_name_uuid_in_cuda_order() -> None:
    api = FakeNvml([FakeDevice(f"GPU model {i}", u, SineTrace(100.0)) for i, u in enumerate(UUIDS)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        devices = select_devices(api, {"CUDA_VISIBLE_DEVICES": "2,0"})
    assert [(d.index, d.name, d.uuid) for d in devices] == [
        (2, "GPU model 2", UUIDS[2]),
        (0, "GPU model 0", UUIDS[0]),
    ]


def test_gpu_in_mig_mode_is_refused_only_when_visible() -> None:
    api = _nvml(mig=(False, True, None))
    with pytest.raises(MigUnsupportedError, match="GPU 1 .*MIG mode"):
        select_devices(api, {})
    assert [d.index for d in select_devices(api, {"CUDA_VISIBLE_DEVICES": "0,2"})] == [0, 2]


def test_mixed_models_with_indices_warn_unless_pci_bus_order() -> None:
    api = _nvml(names=("A100", "T4", "A100"))
    with pytest.warns(RuntimeWarning, match="CUDA_DEVICE_ORDER=PCI_BUS_ID"):
        select_devices(api, {"CUDA_VISIBLE_DEVICES": "1"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        select_devices(api, {"CUDA_VISIBLE_DEVICES": "1", "CUDA_DEVICE_ORDER": "PCI_BUS_ID"})
        select_devices(api, {"CUDA_VISIBLE_DEVICES": "GPU-8932a"})
        select_devices(_nvml(), {"CUDA_VISIBLE_DEVICES": "1"})
