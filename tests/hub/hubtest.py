"""Cards and the token shared by the Hub tests."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from fake_hub import FakeHub, FakeRepo

# the ``run`` fixture: cardlint as a process against the fake Hub
Run = Callable[..., "subprocess.CompletedProcess[str]"]

TOKEN = "hf_CardlintDistinctiveToken7Q2xZ"  # the fake Hub's valid token; it must never appear in any output
BAD = '---\nco2_eq_emissions:\n  emissions: "1.2 kg"\n  training_type: Fine-tuning\n---\n# Model\n'
GOOD = (
    "---\nco2_eq_emissions:\n  emissions: 1200\n  source: CodeCarbon\n  training_type: fine-tuning\n"
    "  geographical_location: Quebec, Canada\n  hardware_used: 1 x NVIDIA A100-SXM4-80GB\n---\n# Model\n"
)
NO_CO2 = "---\nlicense: mit\n---\n# Model\n"
# A CodeCarbon log whose one run emitted 1.2 kg (the 1200 g of GOOD).
CODECARBON_LOG = (
    b"timestamp,project_name,run_id,duration,emissions,energy_consumed,country_name,country_iso_code,region,"
    b"codecarbon_version,gpu_count,gpu_model\n"
    b"2024-05-01T10:00:00,demo,run-1,3600,1.2,4.8,Canada,CAN,quebec,2.3.4,1,1 x NVIDIA A100-SXM4-80GB\n"
)


def add_card(
    hub: FakeHub, repo_id: str, text: str, files: dict[str, bytes] | None = None, **options: object
) -> FakeRepo:
    """Add a repository whose README.md is ``text``, with more files and options if given."""
    return hub.add(
        FakeRepo(repo_id, {"README.md": text.encode("utf-8"), **(files or {})}, **options)
    )
