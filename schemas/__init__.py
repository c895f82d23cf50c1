"""The JSON Schemas cardlint ships (package data; see cardlint.schema)."""
