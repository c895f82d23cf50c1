"""Faster stand-ins for standard-library and dependency behaviour, each tested against the original.

One module each, importing nothing from cardlint; tests/speedups/ holds one equivalence test
module per stand-in (hypothesis properties against the original where inputs can be generated):

- ``paths``: str paths spelt and matched as ``pathlib.PurePosixPath`` does (no pathlib import);
- ``yaml_plain``: PyYAML's ``construct_document`` for plain metadata trees;
- ``yaml_resolve``: PyYAML's tags for plain scalars, remembered per text;
- ``json_schema``: jsonschema's verdict on plainly valid values (no jsonschema import);
- ``help_format``: argparse's help formatter sized as ``shutil.get_terminal_size`` sizes it;
- ``json_text``: ``json.dumps(indent=2)``'s text, for reports of many findings;
- ``exports``: a package's public names imported when first used (PEP 562).
"""
