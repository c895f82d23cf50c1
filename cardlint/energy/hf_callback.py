"""A transformers ``TrainerCallback`` that measures a training run with an EnergyMeter.

transformers is not imported with this module. ``EnergyCallback`` is built on first access:
a ``TrainerCallback`` subclass when transformers is importable, otherwise a plain class with
the same duck-typed ``on_train_begin`` / ``on_train_end``::

    from cardlint.energy import EnergyMeter
    from cardlint.energy.hf_callback import EnergyCallback
    trainer.add_callback(EnergyCallback(EnergyMeter("cardlint-energy.jsonl", intensity=30)))

Only the local main process (``state.is_local_process_zero``) measures, once per machine: the
meter covers every GPU visible to it. On several machines, give each its own log path.
"""

import sys
from typing import Any, TextIO

from .meter import EnergyMeter
from .result import EnergyResult


class EnergyCallbackBase:
    """The callback's behaviour, independent of transformers."""

    def __init__(
        self, meter: EnergyMeter | None = None, summary_to: TextIO | None = sys.stderr
    ) -> None:
        self.meter = meter if meter is not None else EnergyMeter()
        self.summary_to = summary_to
        self.result: EnergyResult | None = None
        self._running = False

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """Start the meter (local main process only)."""
        if getattr(state, "is_local_process_zero", True) and not self._running:
            self.meter.start()
            self._running = True

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """Stop the meter, keep the result and print its summary."""
        if not self._running:
            return
        self._running = False
        self.result = self.meter.stop()
        if self.summary_to is not None:
            print(self.result.summary(), file=self.summary_to, flush=True)


def _build() -> type:
    """EnergyCallbackBase mixed into TrainerCallback when transformers is importable."""
    try:
        from transformers import TrainerCallback
    except ImportError:
        return type("EnergyCallback", (EnergyCallbackBase,), {"__module__": __name__})
    return type("EnergyCallback", (EnergyCallbackBase, TrainerCallback), {"__module__": __name__})


_built: dict[str, type] = {}


def __getattr__(name: str) -> type:
    """Build ``EnergyCallback`` lazily, on first access."""
    if name != "EnergyCallback":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _built:
        _built[name] = _build()
    return _built[name]
