r"""A small TOML writer for scenario files: tables, arrays of tables, inline values, comments.

It writes the subset of TOML 1.0 that scenario files use: strings, integers, floats
(``repr``, so that reading gives back the same float), booleans, arrays and inline
tables, with ``#`` comments. It knows nothing about scenarios; see
:mod:`collective_econ.scenario`.

Examples
--------
>>> doc = TomlDocument()
>>> doc.table("schemes", "hogs")
>>> doc.pair("hog_price", 12.0, comment="yuan/kg live")
>>> doc.pair("note", 'a "quoted" word')
>>> print(doc.text(), end="")
[schemes.hogs]
hog_price = 12.0  # yuan/kg live
note = "a \"quoted\" word"
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence

__all__ = ["TomlDocument", "format_key", "format_value"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def format_key(key: str) -> str:
    """A key: bare when it can be, else a quoted string.

    Examples
    --------
    >>> format_key("share_fraction"), format_key("80% shares")
    ('share_fraction', '"80% shares"')
    """
    return key if _BARE.fullmatch(key) else _string(key)


def format_value(value: object) -> str:
    """A TOML value written on one line (arrays and inline tables included).

    Raises
    ------
    TypeError
        For values TOML cannot hold (None, objects).

    Examples
    --------
    >>> format_value(0.1), format_value(1e16), format_value((1, 2)), format_value(True)
    ('0.1', '1e+16', '[1, 2]', 'true')
    >>> format_value({"kind": "uniform", "low": 0.06, "high": 0.1})
    '{ kind = "uniform", low = 0.06, high = 0.1 }'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = ", ".join(f"{format_key(str(k))} = {format_value(v)}" for k, v in value.items())
        return "{ " + items + " }"
    if isinstance(value, Sequence):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    raise TypeError(f"TOML cannot hold {value!r} ({type(value).__name__})")


def _comment_text(text: str) -> str:
    """Comment text without the control characters TOML forbids in comments."""
    return "".join(" " if (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F else c for c in text)


class TomlDocument:
    """A TOML document built line by line."""

    def __init__(self) -> None:
        self._lines: list[str] = []

    def comment(self, text: str, width: int = 88) -> None:
        """Comment lines; a line longer than ``width`` is wrapped unless it is indented."""
        for para in map(_comment_text, text.split("\n")):
            short = len(para) <= width - 2 or para.startswith(" ")
            for line in [para] if short else textwrap.wrap(para, width - 2):
                self._lines.append(f"# {line}".rstrip())

    def blank(self) -> None:
        """An empty line (never two in a row)."""
        if self._lines and self._lines[-1]:
            self._lines.append("")

    def table(self, *segments: str, array: bool = False) -> None:
        """A table header ``[a.b]``, or ``[[a.b]]`` for an element of an array of tables."""
        key = ".".join(format_key(s) for s in segments)
        self._lines.append(f"[[{key}]]" if array else f"[{key}]")

    def pair(self, key: str, value: object, comment: str = "") -> None:
        """``key = value``, with a trailing comment if given."""
        line = f"{format_key(key)} = {format_value(value)}"
        self._lines.append(f"{line}  # {_comment_text(comment)}" if comment else line)

    def array(self, key: str, items: Sequence[object]) -> None:
        """``key = [...]`` with one item per line (for long items such as periods)."""
        self._lines.append(f"{format_key(key)} = [")
        self._lines.extend(f"    {format_value(item)}," for item in items)
        self._lines.append("]")

    def text(self) -> str:
        """The document, ending with one newline."""
        lines = list(self._lines)
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines) + "\n"
