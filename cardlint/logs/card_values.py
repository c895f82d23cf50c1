"""What a card's co2_eq_emissions should say, according to its attached measurement logs.

Every value is written so that cardlint's own next check accepts it: a total only when every run
has one and the log is possible, hardware only with a count and a device the reader recognises,
a location as a place name, and never the devices of several machines joined into one line.
"""

from decimal import Decimal
from typing import NamedTuple

from cardlint.amounts.parse import format_plain_decimal
from cardlint.logs import Device, Location, Measurement
from cardlint.logs.attach import AttachedLogs, round_grams
from cardlint.settings import RunOptions

# a machine whose runs make this share of the log's total stands for it
DOMINANT_SHARE = Decimal("0.9")


class LogFigures(NamedTuple):
    """The block's values derived from the logs, as text ready for the card (None: unknown).

    ``known_grams`` is what the runs with a figure add up to when the total is unknown (a lower
    bound); ``no_total`` says why there is no total to write, ``hardware_note`` why there is no
    hardware or which of several machines it describes.
    """

    grams: Decimal | None
    grams_text: str | None
    basis: str  # what the grams are, for messages: "the log's total", or recomputed
    recomputed: str | None  # the energy times the intensity, when recomputed; else None
    source: str
    location: str | None
    hardware: str | None
    training_type: str | None
    explicit: bool
    known_grams: Decimal | None = None
    no_total: str | None = None
    hardware_note: str | None = None
    location_note: str | None = None  # why the logs give no one location

    @property
    def how(self) -> str:
        """How the grams were obtained, in words: "the log's total", or the recomputation."""
        return self.recomputed or self.basis


def figures(
    attached: AttachedLogs, options: RunOptions, card_location: str | None = None
) -> LogFigures:
    """The grams, source, location and hardware the logs give (grams recomputed on request)."""
    logs = "the logs'" if len(attached.measurements) > 1 else "the log's"
    grams, basis, recomputed = attached.emissions_g, f"{logs} total", None
    problems = [
        f"{m.path}: {problem}" for m in attached.measurements if (problem := m.implausible())
    ]
    if problems:
        grams = None
    elif options.recompute_intensity and card_location and attached.energy_kwh is not None:
        from cardlint.grid.resolver import resolve

        region = resolve(card_location).region
        if region is not None:
            grams = attached.energy_kwh * Decimal(repr(region.g_co2eq_per_kwh))
            basis = f"{logs} energy times the card's grid intensity"
            recomputed = (
                f"{round_grams(attached.energy_kwh):f} kWh x {region.g_co2eq_per_kwh:g} gCO2eq/kWh "
                f"({region.name}, {region.year}, {region.source})"
            )
    hardware, hardware_note = _hardware(attached.measurements)
    location, location_note = _one_location(attached.measurements)
    return LogFigures(
        grams=grams,
        grams_text=format_plain_decimal(round_grams(grams)) if grams is not None else None,
        basis=basis,
        recomputed=recomputed,
        source=_source(attached.measurements),
        location=location,
        hardware=hardware,
        training_type=options.training_type,
        explicit=attached.explicit,
        known_grams=None if problems else attached.known_emissions_g,
        no_total="; ".join(problems) or _unknown(attached.measurements),
        hardware_note=hardware_note,
        location_note=location_note,
    )


def _unknown(measurements: tuple[Measurement, ...]) -> str | None:
    """Which runs leave the total unknown, or None when it is known."""
    missing = [f"{m.path}: {m.unknown_emissions()}" for m in measurements if m.emissions_g is None]
    return "; ".join(missing) or None


def _source(measurements: tuple[Measurement, ...]) -> str:
    tools = []
    for m in measurements:
        name = (
            f"{m.tool} {m.tool_version}" if m.tool_version and "," not in m.tool_version else m.tool
        )
        if name not in tools:
            tools.append(name)
    return ", ".join(tools)


def _one_location(measurements: tuple[Measurement, ...]) -> tuple[str | None, str | None]:
    """The place the logs ran in, and a note instead when they name different places."""
    places = list(dict.fromkeys(filter(None, (_location(m.location) for m in measurements))))
    if len(places) > 1:
        return (
            None,
            f"the logs ran in different places ({'; '.join(places)}): say where each run was",
        )
    return (places[0] if places else None), None


def _location(location: Location | None) -> str | None:
    """The tool's own words; else the place the grid data names; else the log's fields joined."""
    if location is None:
        return None
    if not (location.text or location.cloud_provider or location.cloud_region):
        named = _place_name(location)
        if named:
            return named
    return location.describe(capitalise_region=True) or None


def _place_name(location: Location) -> str | None:
    """`Moscow, Russia` for eco2AI's `RU/Moscow`: the place as the grid data names it, then its
    country; None when the log's words do not all resolve."""
    from cardlint.grid.data import load
    from cardlint.grid.resolver import resolve_log_region

    found = resolve_log_region(
        location.country_iso or location.country, location.region, None, None
    )
    if (
        found.place is None
        or found.unparsed
        or not found.areas
        or found.granularity not in ("country", "subregion", "city")
    ):
        return None
    country = load().place(found.areas[0]).name
    return country if found.granularity == "country" else f"{found.place}, {country}"


def _hardware(measurements: tuple[Measurement, ...]) -> tuple[str | None, str | None]:
    """One machine's devices as the card should say them, and a note when there is none or the
    log ran on several machines (the one whose runs make most of its total is chosen)."""
    machines = _machines(measurements)
    if not machines:
        return None, None
    ranked = sorted(machines.items(), key=lambda item: item[1], reverse=True)
    devices, weight = ranked[0]
    total = sum(machines.values(), Decimal(0))
    note = None
    if len(ranked) > 1:
        others = "; ".join(_machine_name(other) for other, _ in ranked[1:])
        share = weight / total if total else Decimal(0)
        if share < DOMINANT_SHARE:
            return None, (
                f"its runs were on {len(ranked)} different machines ({_machine_name(devices)}; {others}), "
                "and no one machine has most of its total: say what each run used"
            )
        note = f"the machine of {share:.0%} of its total; the other runs were on {others}"
    text, why = _machine_text(devices)
    return text, why or note


def _machines(measurements: tuple[Measurement, ...]) -> dict[tuple[Device, ...], Decimal]:
    """Each machine (the devices its runs list) with its share of the total: emissions where every
    run has them, else energy, else duration, else the number of runs."""
    runs = [(run.hardware, run) for m in measurements for run in m.runs if run.hardware]
    if not runs:
        return {m.hardware: Decimal(1) for m in measurements if m.hardware}
    for field in ("emissions_g", "energy_kwh", "duration_s"):
        if all(getattr(run, field) is not None for _, run in runs):
            break
    else:
        field = ""
    machines: dict[tuple[Device, ...], Decimal] = {}
    for devices, run in runs:
        machines[devices] = machines.get(devices, Decimal(0)) + (
            getattr(run, field) if field else Decimal(1)
        )
    return machines


def _machine_name(devices: tuple[Device, ...]) -> str:
    return ", ".join(device.describe() for device in devices)


def _machine_text(devices: tuple[Device, ...]) -> tuple[str | None, str | None]:
    """The machine's GPUs (or else its other devices) in a form CO2402 accepts, or why not."""
    chosen = [d for d in devices if d.kind == "gpu"] or list(devices)
    texts = [_device_text(device) for device in chosen]
    for device, text in zip(chosen, texts):
        if text is None and device.count is None:
            return None, f"it does not say how many {device.model} the run used"
        if text is None:
            return None, f"cardlint does not recognise the device in {device.describe()!r}"
    return ", ".join(text for text in texts if text), None


def _device_text(device: Device) -> str | None:
    """`8 x NVIDIA A40`; the catalogue's name when the tool's own is not read as one device
    (`1 x Intel Core i5-1135G7` for `11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz`)."""
    if device.count is None:
        return None
    from cardlint.hardware.parse import format_hardware, parse_hardware

    written = device.describe()
    spec = parse_hardware(written)
    if not spec.is_vague and len(spec.items) == 1:
        return written
    known = [item for item in spec.items if item.device_id is not None]
    if len(known) != 1:
        return None
    text = format_hardware([known[0]._replace(count=device.count, count_unit="device")])
    return text if not parse_hardware(text).is_vague else None
