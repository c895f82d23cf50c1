"""The guards a metadata value passes before cardlint computes with it as a number.

YAML gives Python booleans (``true`` is an ``int`` to Python), NaN, infinities and integers of
any length; a rule that compares or prints a figure as a float needs none of those.
"""

from typing import TypeGuard

FLOAT_RANGE = 1e300  # an integer beyond this would overflow, or lose all meaning, as a float


def is_number(value: object) -> TypeGuard[int | float]:
    """An int or a float, never a boolean; NaN, infinities and huge integers included."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def finite_number(value: object) -> TypeGuard[int | float]:
    """A number a rule can compare and print as a float: not NaN or infinite, and not an integer
    beyond float range (CO2104 and CO2106 report those)."""
    return is_number(value) and -FLOAT_RANGE < value < FLOAT_RANGE


def positive_number(value: object) -> TypeGuard[int | float]:
    """A finite number above 0: an emissions figure, or a duration, that can be computed with."""
    return finite_number(value) and value > 0
