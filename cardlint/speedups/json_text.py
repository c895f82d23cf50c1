"""``json.dumps(value, indent=2, ensure_ascii=False)``'s text, several times faster.

With an indent, the json module encodes in pure Python, chunk by chunk; a report of 100,000s of
findings spends most of its time there. Strings, integers, and non-empty lists and dicts with
string keys are written here; anything else is the json module's own text.
"""

import json
from json.encoder import encode_basestring
from typing import Any


def indented(value: Any, parts: list[str], pad: str) -> None:
    """Append ``value`` as json.dumps(value, indent=2, ensure_ascii=False) writes it at the line start ``pad``."""
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is dict and value and all(type(key) is str for key in value):
        inner = pad + "  "
        separator = "{" + inner
        for key, item in value.items():
            parts += (separator, encode_basestring(key), ": ")
            indented(item, parts, inner)
            separator = "," + inner
        parts.append(pad + "}")
    elif (kind is list or kind is tuple) and value:
        inner = pad + "  "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            indented(item, parts, inner)
            separator = "," + inner
        parts.append(pad + "]")
    else:  # None, booleans, floats, empty or unusual containers: the json module's own text
        parts.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", pad))
