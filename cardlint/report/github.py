"""``--output-format github``: GitHub Actions workflow commands, which the runner shows as annotations.

One ``::error`` or ``::warning`` command per finding, ``::error`` for a file that could not be
read, ``::notice`` for a note, then the plain closing line of the text reporters. Paths are made
relative to the current directory (the workspace, in a workflow), which is what the runner
expects.
"""

import os
from typing import TextIO

from cardlint.diagnostics import Diagnostic, FileResult
from cardlint.report.base import Reporter, RunSummary
from cardlint.report.text import ConciseReporter


def escape_data(text: str) -> str:
    """Escape a command's message the way the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value (``file=...``, ``title=...``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative_path(filename: str) -> str | None:
    """``filename`` relative to the current directory, with forward slashes; None when outside it.

    A URL (a Hub target) is not a local path: None too.
    """
    if "://" in filename:
        return None
    try:
        relative = os.path.relpath(os.path.abspath(filename))
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def command(kind: str, message: str, **properties: str | int) -> str:
    """One workflow command line: ``::kind key=value,...::message``."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}\n"


class GithubReporter(Reporter):
    """Workflow commands for each finding, then the closing summary line."""

    def report(self, results: list[FileResult], summary: RunSummary, stream: TextIO) -> None:
        for result in results:
            path = relative_path(result.filename) or result.filename
            if result.error is not None:
                stream.write(command("error", result.error.message, file=path, title="cardlint"))
            for diagnostic in result.diagnostics:
                stream.write(self.annotation(diagnostic, path))
            for note in result.notes:
                stream.write(command("notice", note, file=path, title="cardlint"))
        stream.write(ConciseReporter().closing(summary))

    def annotation(self, diagnostic: Diagnostic, path: str) -> str:
        """The ``::error``/``::warning`` command for one finding."""
        return command(
            "error" if diagnostic.severity == "error" else "warning",
            diagnostic.message,
            file=path,
            line=diagnostic.location.row,
            col=diagnostic.location.column,
            endLine=diagnostic.end_location.row,
            endColumn=diagnostic.end_location.column,
            title=f"cardlint ({diagnostic.code})",
        )
