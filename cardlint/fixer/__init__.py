"""Fixing: choosing which fixes to apply, applying them as text edits, verifying, writing."""

from typing import TYPE_CHECKING

from cardlint.speedups.exports import lazy_exports

if TYPE_CHECKING:
    from .apply import FixRefused as FixRefused
    from .apply import fix_card as fix_card
    from .apply import fix_path as fix_path

__getattr__ = lazy_exports(
    __name__, {"fix_path": "apply", "fix_card": "apply", "FixRefused": "apply"}
)
