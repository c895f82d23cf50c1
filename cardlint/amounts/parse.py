"""Amounts with units, as people write them in model cards: "1.2 kg", "0.43 gCO2e", "43,24 kg Co2".

Values are kept exact as :class:`decimal.Decimal`, so "1.2 kg" is exactly 1200 g. Emissions are
masses (mg, g, kg, t, lb); energy, power, time and carbon-intensity amounts are recognised too,
so that a caller can tell "0.000618 kWh" in an emissions field apart from an emissions figure,
but they have no grams.

Separators: a dot is a decimal point. A comma is a decimal comma ("43,24"), except that a
single comma followed by exactly three digits, after one to three digits not starting with 0
and with no exponent ("24,690", "4,475"), is read as a thousands separator. Either separator in
that position could be the other one ("1,234" is 1.234 with a decimal comma, "1.234" is 1234
with a dot for thousands, as "1.234,5" is read): such an amount is flagged ``ambiguous`` (the
separator) and :meth:`Amount.other_reading` gives its other reading. Several separators in
groups of three ("5,521,000"), commas and a dot together ("1,234.5", "1.234,5": the last one is
the decimal separator), a leading 0 ("0.554") and other than three digits ("1.5", "12.3456")
are unambiguous. A space is never read as a thousands separator.

Units: "t", "ton(s)", "tonne(s)" and "Mg" (megagrams) are metric tonnes (1,000,000 g), never
short tons; "mg" is a milligram, and "mG" or "MG", which could be either, is not read; "lb" and
"pound(s)" are avoirdupois pounds (453.59237 g). The CO2 words may follow the unit in any of the
usual spellings ("kgCO2e", "kg CO2 eq.", "kg eq. CO2", "kg of CO2", "g CO₂eq") or stand in a
parenthesis after the number ("0.001477 ([CO2eq], in kg)", "2.5e-05 (in grams of CO2)").
"""

import functools
import re
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, InvalidOperation
from typing import NamedTuple

# unit -> (dimension, grams per unit for masses)
UNITS: dict[str, tuple[str, Decimal | None]] = {
    "mg": ("mass", Decimal("0.001")),
    "g": ("mass", Decimal(1)),
    "kg": ("mass", Decimal(1000)),
    "t": ("mass", Decimal(1000000)),
    "lb": ("mass", Decimal("453.59237")),
    "Wh": ("energy", None),
    "kWh": ("energy", None),
    "MWh": ("energy", None),
    "GWh": ("energy", None),
    "J": ("energy", None),
    "kJ": ("energy", None),
    "MJ": ("energy", None),
    "W": ("power", None),
    "kW": ("power", None),
    "s": ("time", None),
    "min": ("time", None),
    "h": ("time", None),
    "d": ("time", None),
}

_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)  # every result here is exact
_MAX_EXPONENT = 1000  # beyond this an "amount" is noise, and writing it out would be huge

_MASS_WORDS = (
    ("mg", r"milligram(?:me)?s?|mg"),
    ("kg", r"kilo(?:gram(?:me)?)?s?|kgs?"),
    ("t", r"metric\s+ton(?:ne)?s?|ton(?:ne)?s?|t"),
    ("lb", r"pounds?|lbs?"),
    ("g", r"gram(?:me)?s?|gr|g"),
)
_ENERGY_WORDS = (
    ("kWh", r"kilowatt[\s-]?hours?|kw\s?h|kw·h"),
    ("MWh", r"megawatt[\s-]?hours?|mwh"),
    ("GWh", r"gwh"),
    ("Wh", r"watt[\s-]?hours?|wh"),
    ("kJ", r"kilojoules?|kj"),
    ("MJ", r"megajoules?|mj"),
    ("J", r"joules?|j"),
)
_POWER_WORDS = (("kW", r"kilowatts?|kw"), ("W", r"watts?|w"))
_TIME_WORDS = (
    ("s", r"seconds?|secs?|s"),
    ("min", r"minutes?|mins?"),
    ("h", r"hours?|hrs?|h"),
    ("d", r"days?|d"),
)


def _alternation(words: tuple[tuple[str, str], ...]) -> str:
    return "|".join(f"(?P<{_group(unit)}>{pattern})" for unit, pattern in words)


def _group(unit: str) -> str:
    return "u_" + unit


_CO2 = r"(?:co2|co₂|co<sub>2</sub>|carbon\s+dioxide)"
# CO2, CO2e, CO2eq, CO2-eq, CO2 eq., CO2-equivalents, [CO2eq]
_CO2_PHRASE = rf"\[?{_CO2}(?:[\s-]?(?:eq(?:uivalents?)?\b\.?|e\b))?\]?"


class _Patterns:
    """The patterns of an amount's text, compiled when a text is first parsed: 3 ms, which a
    check of cards whose figures are plain numbers never pays."""

    __slots__ = ("mass", "other", "number", "paren", "in_unit", "co2_any")

    def __init__(self) -> None:
        self.mass = re.compile(
            rf"(?:{_alternation(_MASS_WORDS)})"
            rf"(?P<co2>\s*(?:of\s+)?(?:eq\.?\s*)?{_CO2_PHRASE})?"
            rf"(?P<per>\s*(?:/|per\s)\s*(?:{_alternation(_ENERGY_WORDS)}))?"
            r"(?![\w₂])",
            re.I,
        )
        self.other = re.compile(
            rf"(?:{_alternation(_ENERGY_WORDS + _POWER_WORDS + _TIME_WORDS)})(?![\w·])",
            re.I,
        )
        self.number = re.compile(
            r"(?:(?:~|≈|∼|approx(?:\.|imately)|about|around|roughly|ca\.)\s*)?"  # "about 5 kg": 5 kg
            r"(?P<sign>[-+−])?(?P<num>\d+(?:[.,]\d+)*|[.,]\d+)(?P<exp>[eE][-+−]?\d+)?",
            re.I,
        )
        self.paren = re.compile(r"[ \t]*\((?P<inner>[^()\n]{1,80})\)")
        self.in_unit = re.compile(r"(?:^|[\s,])in\s+(?P<unit>[^,;)]+?)\s*$", re.I)
        self.co2_any = re.compile(_CO2_PHRASE, re.I)


@functools.cache
def _patterns() -> _Patterns:
    return _Patterns()


class Amount(NamedTuple):
    """A number with an optional unit, exact as written.

    ``value`` is in ``unit`` (``None``: no unit was written). ``decimals`` is the number of
    decimal places as printed, counting an exponent ("1.2e-05" has 6; "1e3" has -3).
    ``mentions_co2`` says the unit named CO2 ("kgCO2e"); ``ambiguous`` is the separator that could be either ("," when
    "24,690" was read as 24690, "." when "1.234" was read as 1.234), else "".
    """

    value: Decimal
    unit: str | None
    decimals: int
    mentions_co2: bool = False
    ambiguous: str = ""

    @property
    def dimension(self) -> str | None:
        """What the unit measures: "mass", "energy", "power", "time", "intensity" (mass per energy), or None."""
        if self.unit is None:
            return None
        if "/" in self.unit:
            return "intensity"
        return UNITS[self.unit][0]

    @property
    def is_emissions(self) -> bool:
        """True when the unit is a mass, i.e. the amount can be an emissions figure."""
        return self.dimension == "mass"

    @property
    def grams(self) -> Decimal | None:
        """The amount in grams, exactly; None unless the unit is a mass."""
        return self.to_grams()

    def to_grams(self, default_unit: str | None = None) -> Decimal | None:
        """The amount in grams, reading a missing unit as ``default_unit`` (e.g. "g" in metadata)."""
        unit = self.unit or default_unit
        if unit is None or "/" in unit or UNITS[unit][0] != "mass":
            return None
        factor = UNITS[unit][1]
        assert factor is not None
        return _EXACT.multiply(self.value, factor)

    def tolerance_grams(
        self, default_unit: str | None = None, *, zeros_printed: bool = False
    ) -> Decimal | None:
        """Half a unit in the last printed place, in grams ("1.71 kg": 5 g).

        An integer's trailing zeros are not counted as printed precision: "15000 kg" is read
        as 15 thousand kg, give or take 500 kg; with ``zeros_printed`` they are, as printed
        ("15000 kg": give or take 0.5 kg).
        """
        unit = self.unit or default_unit
        if unit is None or "/" in unit or UNITS[unit][0] != "mass":
            return None
        exponent = -self.decimals
        if self.decimals == 0 and self.value != 0 and not zeros_printed:
            digits = str(abs(self.value.to_integral_value()))
            exponent = len(digits) - len(digits.rstrip("0"))
        factor = UNITS[unit][1]
        assert factor is not None
        return _EXACT.multiply(Decimal(5).scaleb(exponent - 1), factor)

    def other_reading(self) -> "Amount | None":
        """For an ambiguous separator, the amount read the other way ("1,234": 1.234 with a decimal
        comma; "1.234": 1234 with a dot for thousands); else None."""
        if not self.ambiguous:
            return None
        shift = -3 if self.ambiguous == "," else 3
        return self._replace(
            value=self.value.scaleb(shift, _EXACT), decimals=self.decimals - shift, ambiguous=""
        )


def agrees(
    figure: Decimal,
    printed: Amount | None,
    other: Decimal,
    *,
    relative: Decimal = Decimal(0),
    zeros_printed: bool = False,
    truncated: bool = False,
) -> bool:
    """Whether ``figure`` grams, printed as ``printed``, could stand for ``other`` grams.

    ``other`` may differ from ``figure`` by half a unit in ``printed``'s last place (a unitless
    amount is in grams; see :meth:`Amount.tolerance_grams` for ``zeros_printed``), or by
    ``relative`` times ``other``, whichever is more: "1.71 kg" stands for 1705 to 1715 g.
    ``truncated``: the figure may have been cut rather than rounded, so ``other`` may also be up
    to, but not including, a whole unit in the last place above it ("25.4 kg" for 25460 g).
    With no ``printed`` amount, or one that is not a mass, only ``relative`` applies.
    """
    tolerance = abs(other) * relative
    printed_tolerance = (
        printed.tolerance_grams("g", zeros_printed=zeros_printed) if printed else None
    )
    if printed_tolerance is not None:
        tolerance = max(tolerance, printed_tolerance)
    difference = _EXACT.subtract(other, figure)
    if truncated:
        return -tolerance <= difference < 2 * tolerance
    return abs(difference) <= tolerance


def parse_amount(text: str) -> Amount | None:
    """Read a whole string as an amount ("12.5", "1.2 kg", "0.001477 ([CO2eq], in kg)"), or None."""
    stripped = text.strip()
    found = match_amount(stripped)
    if found is None or found[2] != len(stripped):
        return None
    return found[0]


def match_amount(text: str, pos: int = 0) -> tuple[Amount, int, int] | None:
    """The amount that starts at ``pos`` (after blanks): ``(amount, start, end)``, or None.

    Text after the amount is left alone, so "1.71 KgCO2 (Singapore)" gives 1.71 kg.
    """
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    m = _patterns().number.match(text, pos)
    if m is None:
        return None
    number = _read_number(m.group("num"), m.group("exp"))
    if number is None:
        return None
    value, decimals, ambiguous = number
    if m.group("sign") in ("-", "−"):
        value = -value
    unit, co2, end = _read_unit(text, m.end())
    return Amount(value, unit, decimals, co2, ambiguous), m.start(), end


# separator -> (its name, how it was read, how else it could be read)
_SEPARATORS = {
    ",": ("comma", "a thousands separator", "a decimal comma"),
    ".": ("dot", "a decimal point", "a thousands separator"),
}


def both_readings(amount: Amount, default_unit: str = "g") -> str:
    """The two readings of an ambiguous separator, for a message: "1234 g with a thousands
    separator, 1.234 g with a decimal comma"; "1.234 kg with a decimal point, 1234 kg with a
    thousands separator"."""
    other = amount.other_reading()
    assert other is not None, "both_readings needs an amount with an ambiguous separator"
    _, taken, alternative = _SEPARATORS[amount.ambiguous]
    unit = amount.unit or default_unit
    return (
        f"{format_plain_decimal(amount.value)} {unit} with {taken},"
        f" {format_plain_decimal(other.value)} {unit} with {alternative}"
    )


def ambiguity(amount: Amount) -> str:
    """For a message: "its comma is ambiguous (<both readings>)"; "" when no separator is."""
    if not amount.ambiguous:
        return ""
    return f"its {_SEPARATORS[amount.ambiguous][0]} is ambiguous ({both_readings(amount)})"


def reading_taken(amount: Amount) -> str:
    """For a fix's origin: ", reading the comma as a thousands separator"; "" when no separator is ambiguous."""
    if not amount.ambiguous:
        return ""
    name, taken, _ = _SEPARATORS[amount.ambiguous]
    return f", reading the {name} as {taken}"


def parse_unit(text: str) -> str | None:
    """The canonical unit of a unit expression ("KgCO2eq" -> "kg", "in grams" -> "g", "kWh"), or None."""
    stripped = text.strip().strip("()[]").strip()
    inner = _patterns().in_unit.search(stripped)
    if inner:
        stripped = inner.group("unit")
    unit, _, end = _read_unit(stripped, 0, allow_paren=False)
    if unit is not None and not stripped[end:].strip(" .,;:"):
        return unit
    # "CO2eq kg" and the like: read again without the CO2 words
    without_co2 = _patterns().co2_any.sub(" ", stripped).strip(" ,.")
    if without_co2 != stripped and without_co2:
        return parse_unit(without_co2)
    return None


def _read_unit(text: str, pos: int, allow_paren: bool = True) -> tuple[str | None, bool, int]:
    """The unit written at ``pos``: (unit, mentions CO2, end); (None, False, pos) when none."""
    start = pos
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    m = _patterns().mass.match(text, pos)
    if m is not None:
        mass = _matched_unit(m, _MASS_WORDS)
        written = m.group(_group("mg"))
        if written in ("MG", "mG"):
            return None, False, start  # a milligram or a megagram: not read
        if written == "Mg":
            mass = "t"  # a megagram is a tonne
        per = m.group("per")
        unit = f"{mass}/{_matched_unit(m, _ENERGY_WORDS)}" if per else mass
        return unit, bool(m.group("co2")), m.end()
    m = _patterns().other.match(text, pos)
    if m is not None:
        return _matched_unit(m, _ENERGY_WORDS + _POWER_WORDS + _TIME_WORDS), False, m.end()
    if allow_paren:
        m = _patterns().paren.match(text, start)
        if m is not None:
            inner = parse_unit(m.group("inner"))
            if inner is not None:
                return inner, bool(_patterns().co2_any.search(m.group("inner"))), m.end()
    return None, False, start


def _matched_unit(m: re.Match[str], words: tuple[tuple[str, str], ...]) -> str:
    for unit, _ in words:
        if m.group(_group(unit)):
            return unit
    raise AssertionError("no unit group matched")


def _read_number(digits: str, exponent: str | None) -> tuple[Decimal, int, str] | None:
    """Digits with separators -> (value, decimals, the ambiguous separator or ""); None when the separators make no sense."""
    ambiguous = ""
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        point = max(last_dot, last_comma)
        thousands = "," if point == last_dot else "."
        whole, fraction = digits[:point], digits[point + 1 :]
        if "." in fraction or "," in fraction or not _thousands_groups(whole, thousands):
            return None
        whole = whole.replace(thousands, "")
    elif last_dot >= 0 or last_comma >= 0:
        sep = "." if last_dot >= 0 else ","
        parts = digits.split(sep)
        if len(parts) > 2:
            if not _thousands_groups(digits, sep):
                return None
            whole, fraction = digits.replace(sep, ""), ""
        elif sep == "," and exponent is None and _thousands_groups(digits, ","):
            whole, fraction, ambiguous = parts[0] + parts[1], "", ","
        else:
            whole, fraction = parts
            if exponent is None and _thousands_groups(digits, sep):
                ambiguous = sep  # "1.234": a decimal point, or a dot for thousands
    else:
        whole, fraction = digits, ""
    exp = int(exponent[1:].replace("−", "-")) if exponent and len(exponent) < 8 else 0
    if exponent and (len(exponent) >= 8 or abs(exp) > _MAX_EXPONENT):
        return None
    value = Decimal(f"{whole or '0'}.{fraction}" if fraction else whole).scaleb(exp, _EXACT)
    return value, len(fraction) - exp, ambiguous


def _thousands_groups(digits: str, sep: str) -> bool:
    """Whether ``digits`` is 1-3 digits (not a lone leading 0) then groups of three after ``sep``."""
    first, *groups = digits.split(sep)
    return (
        bool(groups)
        and 1 <= len(first) <= 3
        and not (first.startswith("0"))
        and all(len(group) == 3 for group in groups)
    )


def format_figure(value: Decimal | float | int, digits: int = 6) -> str:
    """A number quoted for people: at most ``digits`` significant figures, as a plain decimal;
    a whole number of up to 15 digits as it is (a card's 1234567 g is quoted so, not rounded).

    0.0019166161214843 -> "0.00191662", 1e-05 -> "0.00001", 1234567 -> "1234567"; only a number
    too large or small to write out (over 100 digits) keeps an exponent.
    """
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or abs(number.adjusted()) > 100:
        return f"{number:.{digits}g}"
    if number == number.to_integral_value() and number.adjusted() < 15:
        return format_plain_decimal(number.to_integral_value())
    return format_plain_decimal(Decimal(f"{number:.{digits}g}"))


def format_plain_decimal(value: Decimal | float | int | str) -> str:
    """Write a number as a plain decimal that reads back as the same value.

    No exponent and no float noise: 1.2e-05 -> "0.000012", 1200.0 -> "1200",
    1e21 -> "1000000000000000000000". Floats are taken at their shortest repr.
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, int):
        return str(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace("_", ""))
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        number = value
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if abs(number.adjusted()) > _MAX_EXPONENT:
        raise ValueError(f"too large or too small to write out: {value!r}")
    if number.is_zero():
        return "0"
    return format(number.normalize(_EXACT), "f")
