"""Names vulture cannot see used (tests/test_dead_code.py): each is used from outside the package
or by name at run time. vulture matches by name, so a reference here is enough; this file is
read by vulture, never imported."""

import argparse

from cardlint.energy import hf_callback, testing
from cardlint.hardware import parse as hardware_parse
from cardlint.hardware import tokens as hardware_tokens
from cardlint.linter import lint_text
from cardlint.logs.measurement import Measurement
from cardlint.report import github, json_format, sarif, text
from cardlint.schema import modelcard_validator

_ = (
    lint_text,  # library API named in the README
    modelcard_validator,  # library API shown in docs/schema.md
    hardware_parse.HardwareSpec.rated_watts,  # library API shown in docs/hardware.md
    hardware_tokens.alias_key,  # scripts/build_hardware_data.py stores the aliases in this form
    # Measurement's per-component energies: library API (cardlint.logs), set by every reader
    Measurement.cpu_energy_kwh,
    Measurement.gpu_energy_kwh,
    Measurement.ram_energy_kwh,
    # reporters, imported by name from cardlint.report.REPORTERS
    text.FullReporter,
    json_format.JsonReporter,
    github.GithubReporter,
    sarif.SarifReporter,
    argparse.ArgumentParser.usage,  # set by cardlint/energy/cli.py for argparse to print
    # transformers calls a callback's on_train_begin/on_train_end(args, state, control, ...)
    hf_callback.EnergyCallbackBase.on_train_begin,
    hf_callback.EnergyCallbackBase.on_train_end,
    hf_callback.EnergyCallbackBase.on_train_end.control,  # their `control` argument
    # cardlint.energy.testing: fakes for code that uses cardlint.energy (tests, benchmarks/)
    testing.ManualClock,
    testing.SineTrace,
    testing.StepTrace,
    testing.FakeNvml,
    testing.write_rapl_zone,
    testing.set_rapl_energy,
    testing.read_records,
)
