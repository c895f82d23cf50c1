"""The GitHub Action (action.yml): its metadata, and its steps run as a runner runs them.

What the step tests cover: every ``run:`` step of the composite action is executed with
``bash --noprofile --norc -eo pipefail`` (the runner's ``shell: bash``), in a temporary model
repository as ``GITHUB_WORKSPACE``, with the variables a runner sets (``GITHUB_ACTIONS``,
``GITHUB_ACTION_PATH``, ``RUNNER_TEMP``, and a fresh ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY``
file per step). The ``${{ inputs.* }}`` and ``${{ steps.*.outputs.* }}`` expressions are
substituted here (the action reads ``$GITHUB_ACTION_PATH``, which unlike ``github.action_path``
is right in container jobs too). Two steps are not run: the
``actions/setup-python`` step (the test checks that the Python probe step skips it, as this
interpreter is recent enough), and the install step, which pip-installs cardlint from PyPI or
from the action's folder; its output is set to this interpreter, where cardlint is installed
already (tests/test_precommit.py covers a pip install of the repository).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from support import REPO, SHARED

from cardlint.report.summary import markdown

ACTION = REPO / "action.yml"
SARIF_SCHEMA = SHARED / "data" / "schemas" / "sarif-schema-2.1.0.json"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
CONDITION = re.compile(r"^steps\.([\w-]+)\.outputs\.([\w-]+) (==|!=) '([^']*)'$")

BAD = '---\nco2_eq_emissions:\n  emissions: "1.2 kg"\n  training_type: Fine-tuning\n---\n# Model\n'
GOOD = (
    "---\nco2_eq_emissions:\n  emissions: 1200\n  source: CodeCarbon\n  training_type: fine-tuning\n"
    "  geographical_location: Quebec, Canada\n  hardware_used: 1 x NVIDIA A100-SXM4-80GB\n---\n# Model\n"
)


@dataclass
class ActionRun:
    """What a run of the action left: its exit status, log, step summary and outputs."""

    returncode: int
    log: str
    summary: str
    outputs: dict[str, str]


def run_action(workspace: Path, runner_temp: Path, **inputs: str) -> ActionRun:
    """Run the action's steps in ``workspace`` with ``inputs`` (names with ``_`` for ``-``)."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update({name.replace("_", "-"): value for name, value in inputs.items()})
    runner_temp.mkdir(exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "RUNNER_", "CARDLINT_"))
    }
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        NO_COLOR="1",
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_ACTION_PATH=str(REPO),
        RUNNER_TEMP=str(runner_temp),
    )
    steps: dict[str, dict[str, str]] = {}
    context = {f"inputs.{name}": value for name, value in values.items()}

    def substitute(text: str) -> str:
        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            step_output = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
            if step_output:
                return steps.get(step_output.group(1), {}).get(step_output.group(2), "")
            assert name in context, f"action.yml uses an expression this test does not know: {name}"
            return context[name]

        return EXPRESSION.sub(value, text)

    log, summary = [], []
    for number, step in enumerate(action["runs"]["steps"]):
        if "if" in step:
            condition = CONDITION.match(step["if"])
            assert condition, f"unexpected condition {step['if']!r}"
            actual = steps.get(condition.group(1), {}).get(condition.group(2), "")
            if (actual == condition.group(4)) != (condition.group(3) == "=="):
                continue
        if "uses" in step:
            raise AssertionError(
                f"step {step['uses']} would run: this interpreter should have made the probe skip it"
            )
        if step.get("id") == "install":
            steps["install"] = {"python": sys.executable}
            continue
        assert step["shell"] == "bash"
        output, step_summary = runner_temp / f"output-{number}", runner_temp / f"summary-{number}"
        output.write_text("")
        step_summary.write_text("")
        step_env = {**env, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(step_summary)}
        step_env.update(
            {name: substitute(str(value)) for name, value in step.get("env", {}).items()}
        )
        script = runner_temp / f"step-{number}.sh"
        script.write_text(substitute(step["run"]))
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        log.append(done.stdout + done.stderr)
        summary.append(step_summary.read_text(encoding="utf-8"))
        if "id" in step:
            steps[step["id"]] = dict(
                line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines()
            )
        if done.returncode != 0:
            break
    outputs = {name: substitute(spec["value"]) for name, spec in action["outputs"].items()}
    return ActionRun(done.returncode, "".join(log), "".join(summary), outputs)


def model_repo(root: Path, cards: dict[str, str]) -> Path:
    for name, text in cards.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_action_metadata_is_valid() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-actions",
            str(ACTION),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_findings_give_annotations_summary_outputs_and_sarif(tmp_path: Path) -> None:
    workspace = model_repo(tmp_path / "model", {"README.md": GOOD, "checkpoints/a/README.md": BAD})
    run = run_action(workspace, tmp_path / "temp", sarif_file="results/cardlint.sarif")
    assert run.returncode == 1
    assert (
        '::error file=checkpoints/a/README.md,line=3,col=14,endLine=3,endColumn=22,title=cardlint (CO2101)::emissions is the string "1.2 kg"'
        in run.log
    )
    assert "::warning file=checkpoints/a/README.md," in run.log
    assert run.summary.startswith("## cardlint\n")
    assert "in 1 of 2 model cards checked." in run.summary
    assert (
        "| [CO2101](https://github.com/cardlint/cardlint/blob/main/docs/rules.md#co2101) | emissions-not-a-number | error | 1 |"
        in run.summary
    )
    assert "| `checkpoints/a/README.md` | 2 |" in run.summary
    sarif = workspace / "results" / "cardlint.sarif"
    assert run.outputs["sarif-file"] == str(sarif.resolve())
    assert run.outputs["cards"] == "2" and run.outputs["errors"] == "2"
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert int(run.outputs["findings"]) == len(log["runs"][0]["results"]) >= 3
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    } == {"checkpoints/a/README.md"}
    if SARIF_SCHEMA.is_file():
        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(
            log
        )


def test_clean_repository_passes(tmp_path: Path) -> None:
    run = run_action(model_repo(tmp_path / "model", {"README.md": GOOD}), tmp_path / "temp")
    assert run.returncode == 0, run.log
    assert run.log.strip().endswith("All checks passed (1 file).")
    assert "✅ 1 model card checked: no findings." in run.summary
    assert run.outputs["findings"] == "0"
    assert run.outputs["sarif-file"] == str((tmp_path / "temp" / "cardlint.sarif").resolve())


def test_paths_and_args_inputs(tmp_path: Path) -> None:
    workspace = model_repo(
        tmp_path / "model",
        {"README.md": BAD, "models/x/README.md": BAD, "models/y/README.md": GOOD},
    )
    run = run_action(
        workspace, tmp_path / "temp", paths="models/x models/y", args="--select CO2202"
    )
    assert run.returncode == 1
    annotations = [line for line in run.log.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=models/x/README.md,line=4,col=18,endLine=4,endColumn=29,title=cardlint (CO2202)::"
        "training_type \"Fine-tuning\" is not one of the spec's values: write 'fine-tuning'"
    ]
    assert run.outputs["cards"] == "2" and run.outputs["findings"] == "1"


def test_fix_input_fails_when_fix_would_change_a_card_and_shows_the_diff(tmp_path: Path) -> None:
    card = GOOD.replace("emissions: 1200", 'emissions: "1.2 kg"')
    workspace = model_repo(tmp_path / "model", {"README.md": card})
    run = run_action(workspace, tmp_path / "temp", fix="true")
    assert run.returncode == 1
    assert '-  emissions: "1.2 kg"\n+  emissions: 1200\n' in run.log
    assert "::error title=cardlint fix::cardlint fix would change the cards" in run.log
    assert "```diff\n" in run.summary and "+  emissions: 1200" in run.summary
    assert (workspace / "README.md").read_text(encoding="utf-8") == card  # --diff writes nothing


def test_fix_input_passes_when_there_is_nothing_to_fix(tmp_path: Path) -> None:
    run = run_action(
        model_repo(tmp_path / "model", {"README.md": GOOD}), tmp_path / "temp", fix="true"
    )
    assert run.returncode == 0, run.log
    assert "diff" not in run.summary


def test_a_usage_error_fails_and_says_so_in_the_summary(tmp_path: Path) -> None:
    run = run_action(
        model_repo(tmp_path / "model", {"README.md": GOOD}),
        tmp_path / "temp",
        args="--no-such-option",
    )
    assert run.returncode == 2
    assert "cardlint could not run (exit code 2)" in run.summary
    assert run.outputs["findings"] == ""


def test_unreadable_card_is_listed_in_the_summary(tmp_path: Path) -> None:
    workspace = model_repo(tmp_path / "model", {"README.md": GOOD})
    (workspace / "broken").mkdir()
    (workspace / "broken" / "README.md").write_bytes(b"\x00binary")
    run = run_action(workspace, tmp_path / "temp")
    assert run.returncode == 2
    assert "::error file=broken/README.md,title=cardlint::binary file" in run.log
    assert "**1 file could not be read:**\n\n- `broken/README.md`: binary file" in run.summary
    assert run.outputs["unreadable"] == "1"


def test_summary_fences_a_diff_that_holds_backticks() -> None:
    log: dict[str, Any] = {
        "runs": [
            {
                "tool": {"driver": {"rules": []}},
                "results": [],
                "artifacts": [],
                "invocations": [{"toolExecutionNotifications": []}],
            }
        ]
    }
    text = markdown(log, 1, "--- a/README.md\n+++ b/README.md\n ```python\n-x\n+y\n")
    assert "\n````diff\n" in text and text.rstrip().endswith("````")
    assert "✅ 0 model cards checked: no findings." in text
