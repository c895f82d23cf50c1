"""One module per command; each exposes a function taking parsed arguments and returning an exit code."""
