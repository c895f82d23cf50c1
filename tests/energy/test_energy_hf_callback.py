"""The transformers callback: lazy import, subclassing when possible, begin/end behaviour."""

from __future__ import annotations

import importlib
import io
import subprocess
import sys
import types
from pathlib import Path

import pytest

from cardlint.energy import EnergyMeter
from cardlint.energy.testing import FakeDevice, FakeNvml, SineTrace

REPO = Path(__file__).resolve().parents[2]


def _fresh_module():  # type: ignore[no-untyped-def]
    import cardlint.energy.hf_callback as module

    return importlib.reload(module)


def test_importing_does_not_import_transformers() -> None:
    code = "import sys, cardlint.energy.hf_callback; print('transformers' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "False"


def test_subclasses_trainer_callback_when_transformers_is_importable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = types.ModuleType("transformers")

    class TrainerCallback:
        def on_step_end(
            self, args: object, state: object, control: object, **kwargs: object
        ) -> None:
            return None

    fake.TrainerCallback = TrainerCallback  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "transformers", fake)
    callback_class = _fresh_module().EnergyCallback
    assert issubclass(callback_class, TrainerCallback)
    assert callback_class.__name__ == "EnergyCallback"


def test_plain_class_without_transformers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)  # import fails
    module = _fresh_module()
    assert module.EnergyCallback.__mro__[1:] == (module.EnergyCallbackBase, object)
    with pytest.raises(AttributeError):
        module.NoSuchThing  # noqa: B018


def test_begin_and_end_measure_on_the_local_main_process(
    tmp_path: Path, no_rapl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)
    module = _fresh_module()
    nvml = FakeNvml([FakeDevice("A100", "GPU-a", SineTrace(100.0))])
    out = io.StringIO()
    callback = module.EnergyCallback(
        EnergyMeter(tmp_path / "e.jsonl", nvml=nvml, rapl_root=no_rapl, environ={}), out
    )
    state = types.SimpleNamespace(is_local_process_zero=True)
    callback.on_train_begin(None, state, None, model=None)
    callback.on_train_end(None, state, None)
    assert callback.result is not None and callback.result.energy_j["gpu"] is not None
    assert "GPU" in out.getvalue()
    assert nvml.calls["init"] == 1

    other_rank = module.EnergyCallback(
        EnergyMeter(tmp_path / "r1.jsonl", nvml=nvml, rapl_root=no_rapl, environ={}), out
    )
    state = types.SimpleNamespace(is_local_process_zero=False)
    other_rank.on_train_begin(None, state, None)
    other_rank.on_train_end(None, state, None)
    assert other_rank.result is None and not (tmp_path / "r1.jsonl").exists()
