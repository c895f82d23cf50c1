"""RAPL powercap reading on fake sysfs trees: discovery, wraps, unreadable counters."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardlint.energy.rapl import RaplEnergy, RaplUnavailable, discover
from cardlint.energy.testing import set_rapl_energy, write_rapl_zone

RANGE = 1_000_000_000  # 1 kJ counters make wraps easy to provoke; 1 s tolerated gap


def _server(root: Path) -> Path:
    """Two sockets with DRAM, plus zones that must not be counted."""
    write_rapl_zone(root, "intel-rapl:0", "package-0", 500_000_000, RANGE)
    write_rapl_zone(root, "intel-rapl:0:0", "core", 1, RANGE)
    write_rapl_zone(root, "intel-rapl:0:1", "dram", 100_000, RANGE)
    write_rapl_zone(root, "intel-rapl:1", "package-1", 0, RANGE)
    write_rapl_zone(root, "intel-rapl:1:0", "dram", 0, RANGE)
    write_rapl_zone(root, "intel-rapl:2", "psys", 0, RANGE)
    write_rapl_zone(root, "intel-rapl-mmio:0", "package-0", 0, RANGE)
    (root / "intel-rapl").mkdir()  # the control-type folder has no zone files
    return root


def test_discover_keeps_packages_and_dram_only(tmp_path: Path) -> None:
    zones = discover(_server(tmp_path))
    assert sorted((z.label, z.kind) for z in zones) == [
        ("dram-0", "dram"),
        ("dram-1", "dram"),
        ("package-0", "cpu"),
        ("package-1", "cpu"),
    ]
    package0 = next(z for z in zones if z.label == "package-0")
    assert package0.energy_path == tmp_path / "intel-rapl:0" / "energy_uj"  # MSR zone, not mmio


def test_missing_tree_is_not_measured_with_reason(tmp_path: Path) -> None:
    with pytest.raises(RaplUnavailable, match="no RAPL package zone under .*nothere"):
        discover(tmp_path / "nothere")


def test_permission_denied_is_not_measured_with_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_rapl_zone(tmp_path, "intel-rapl:0", "package-0", 5, RANGE)
    real_read_text = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "energy_uj":  # the kernel makes energy_uj root-only; we run as root here
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    rapl = RaplEnergy(discover(tmp_path))
    with pytest.raises(RaplUnavailable, match="permission denied reading .*energy_uj"):
        rapl.start(0.0)


def test_unreadable_counter_is_not_measured(tmp_path: Path) -> None:
    folder = write_rapl_zone(tmp_path, "intel-rapl:0", "package-0", 5, RANGE)
    (folder / "energy_uj").unlink()
    (folder / "energy_uj").mkdir()
    rapl = RaplEnergy(discover(tmp_path))
    with pytest.raises(RaplUnavailable, match="cannot read"):
        rapl.start(0.0)
    (folder / "energy_uj").rmdir()
    (folder / "energy_uj").write_text("garbage\n")
    with pytest.raises(RaplUnavailable, match="unexpected content"):
        rapl.start(0.0)


def test_energy_without_wrap(tmp_path: Path) -> None:
    rapl = RaplEnergy(discover(_server(tmp_path)))
    rapl.start(0.0)
    set_rapl_energy(tmp_path, "intel-rapl:0", 900_000_000)
    set_rapl_energy(tmp_path, "intel-rapl:1", 250_000_000)
    set_rapl_energy(tmp_path, "intel-rapl:0:1", 50_100_000)
    rapl.poll(0.5)
    assert rapl.totals() == {"cpu": pytest.approx(400.0 + 250.0), "dram": pytest.approx(50.0)}


def test_single_wrap(tmp_path: Path) -> None:
    write_rapl_zone(tmp_path, "intel-rapl:0", "package-0", 900_000_000, RANGE)
    rapl = RaplEnergy(discover(tmp_path))
    rapl.start(0.0)
    set_rapl_energy(tmp_path, "intel-rapl:0", 200_000_000)  # passed max_energy_range_uj once
    rapl.poll(0.5)
    assert rapl.totals()["cpu"] == pytest.approx(300.0)
    assert rapl.zones[0].wraps == 1


def test_many_wraps_between_start_and_end(tmp_path: Path) -> None:
    write_rapl_zone(tmp_path, "intel-rapl:0", "package-0", 100_000_000, RANGE)
    rapl = RaplEnergy(discover(tmp_path))
    rapl.start(0.0)
    # 4 wraps
    values = [
        700_000_000,
        300_000_000,
        900_000_000,
        100_000_000,
        50_000_000,
        600_000_000,
        200_000_000,
    ]
    for i, value in enumerate(values, start=1):
        set_rapl_energy(tmp_path, "intel-rapl:0", value)
        rapl.poll(0.5 * i)
    assert rapl.zones[0].wraps == 4
    # 600 + 600 + 600 + 200 + 950 + 550 + 600 J
    assert rapl.totals()["cpu"] == pytest.approx(4100.0)
    assert rapl.totals()["cpu"] == pytest.approx((200_000_000 - 100_000_000 + 4 * RANGE) / 1e6)


def test_failed_poll_is_skipped_when_short(tmp_path: Path) -> None:
    folder = write_rapl_zone(tmp_path, "intel-rapl:0", "package-0", 0, RANGE)
    rapl = RaplEnergy(discover(tmp_path))
    rapl.start(0.0)
    (folder / "energy_uj").write_text("")  # a failed read
    rapl.poll(0.2)
    set_rapl_energy(tmp_path, "intel-rapl:0", 400_000_000)
    rapl.poll(0.4)
    assert rapl.totals()["cpu"] == pytest.approx(400.0)


def test_reads_failing_longer_than_a_wrap_period_make_energy_unknown(tmp_path: Path) -> None:
    # 1 kJ range / 1 kW assumed maximum = 1 s: a longer gap could hide a wrap
    folder = write_rapl_zone(tmp_path, "intel-rapl:0", "package-0", 0, RANGE)
    write_rapl_zone(tmp_path, "intel-rapl:0:2", "dram", 0, 262_143_328_850)
    rapl = RaplEnergy(discover(tmp_path))
    assert rapl.zones[0].max_gap_s == pytest.approx(1.0)
    assert rapl.zones[1].max_gap_s == 10.0  # capped
    rapl.start(0.0)
    (folder / "energy_uj").write_text("")
    rapl.poll(0.5)
    assert rapl.totals() == {"cpu": 0.0, "dram": 0.0}  # within the tolerated gap
    rapl.poll(1.5)
    assert rapl.totals() == {"cpu": None, "dram": 0.0}
    assert "wraps may have been missed" in rapl.problems()["package-0"]


def test_no_dram_zone_means_dram_unknown(tmp_path: Path) -> None:
    write_rapl_zone(tmp_path, "intel-rapl:0", "package-0", 0, RANGE)
    rapl = RaplEnergy(discover(tmp_path))
    rapl.start(0.0)
    assert rapl.totals() == {"cpu": 0.0, "dram": None}
