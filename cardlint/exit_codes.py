"""Exit codes, and the error that ends a command with a usage or environment message.

Commands import these from here, never from the CLI module that imports the commands.
"""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with how cardlint was called or its environment; exit code 2."""
