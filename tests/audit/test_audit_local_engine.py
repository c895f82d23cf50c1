"""The local engine: a partition that cannot be read stops the run in one line that says where,
and the parts already written stay for --resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardlint.audit import output
from cardlint.audit.engines import local
from cardlint.audit.progress import Progress
from cardlint.audit.sources import Partition, Source
from cardlint.exit_codes import UsageError


def test_a_partition_that_cannot_be_read_names_itself(tmp_path: Path) -> None:
    (tmp_path / "cards" / "a").mkdir(parents=True)
    (tmp_path / "cards" / "a" / "README.md").write_text("# fine\n")
    cards = str(tmp_path / "cards")
    source = Source(
        cards,
        (
            Partition(0, cards, files=("a/README.md",), rows=1),
            Partition(1, cards, files=("gone/README.md",), rows=1),
        ),
        (),
        "2 README files",
    )
    out = tmp_path / "out"
    todo = output.prepare(out, source, resume=False)
    with pytest.raises(UsageError) as raised:
        local.run(source, todo, out, workers=1, scheduler=None, progress=Progress(2, quiet=True))
    message = str(raised.value)
    assert message.startswith(f"{cards}, README files gone/README.md to gone/README.md: ")
    assert "No such file" in message and message.endswith("run again with --resume")
    assert output.part_path(out, 0, "cards").is_file()
    assert output.prepare(out, source, resume=True) == [1]
