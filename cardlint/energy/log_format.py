"""The energy log's file name and format markers (docs/energy-log.md), defined once.

The writer (``log.py``) and cardlint's log reader both take them from here; this module imports
nothing, so finding logs beside a README costs no more than reading these names.
"""

DEFAULT_LOG = "cardlint-energy.jsonl"  # the name readers look for beside a README
FORMAT = "cardlint-energy"  # the header's "format"
FORMAT_VERSION = 1  # the header's "format_version"
