"""MC303 on a Hub card: the repository's own listing is what lies beside the README."""

from __future__ import annotations

from fake_hub import FakeHub, FakeRepo
from hubtest import Run, add_card

CARD = "---\nlicense: mit\n---\n# A model\n"


def test_a_hub_repository_with_a_config_json_and_no_library_name(hub: FakeHub, run: Run) -> None:
    add_card(hub, "acme/bert", CARD, {"config.json": b"{}", "model.safetensors": b""})
    result = run("check", "--select", "MC303", "--output-format", "concise", "acme/bert")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(
        "acme/bert@main:2:1: MC303 no library_name, and the files beside the README show "
        "transformers (config.json); "
    )


def test_a_folder_s_config_json_is_not_the_root_s(hub: FakeHub, run: Run) -> None:
    files = {
        "model_index.json": b"{}",
        "text_encoder/config.json": b"{}",
        "unet/config.json": b"{}",
    }
    add_card(hub, "acme/sd", CARD, files)
    result = run("check", "--select", "MC303", "--output-format", "concise", "acme/sd")
    assert "show diffusers (model_index.json); the Hub" in result.stdout, result.stdout


def test_silent_with_library_name_and_on_a_dataset(hub: FakeHub, run: Run) -> None:
    hub.add(
        FakeRepo(
            "acme/data", {"README.md": CARD.encode(), "config.json": b"{}"}, repo_type="dataset"
        )
    )
    named = CARD.replace("license: mit", "license: mit\nlibrary_name: transformers")
    add_card(hub, "acme/has", named, {"config.json": b"{}"})
    result = run("check", "--select", "MC303", "datasets/acme/data", "acme/has")
    assert result.returncode == 0, result.stdout + result.stderr
