"""Scenario files: read, check and write a whole scenario as TOML.

A scenario file holds the community, the household economy, each scheme's
parameters, the policies (as changes to a baseline), the uncertain inputs and their
correlation, the experiment settings and the outcomes of interest. Every key is
described in ``docs/scenario-reference.md`` (written by :func:`reference_markdown`).

Reading never runs code from the file: it is parsed by :mod:`tomllib`, its values
are data, and distribution kinds come from a fixed registry. Checking goes on after
each problem, so :func:`validate_file` lists them all, each with its location
(``policies["full package"].hogs.households``) and, where it can be found, its line.
Lines are found by scanning the text for the table header and the key (best effort:
a key inside an inline table or a multi-line array is given the line of the key
that holds it).

Examples
--------
A county analyst starts from the embedded case, halves the share fraction of the
case's policy and checks the file:

>>> from collective_econ.cases.caopijie import init_text
>>> text = init_text().replace("share_fraction = 0.8", "share_fraction = 0.5")
>>> sc = loads(text)
>>> sc.policy("80% shares").params("land_shares").share_fraction
0.5
>>> loads(dumps(sc)) == sc
True

A misspelled key and an out-of-range value are both reported:

>>> bad = text.replace("hogs_per_batch = 100", "hogs_per_batch = 50")
>>> bad = bad.replace("households = 100", "housholds = 100")
>>> for p in validate_text(bad):
...     print(p)  # doctest: +ELLIPSIS
line ...: schemes.hogs.housholds: unknown key 'housholds'; did you mean 'households'?
line ...: schemes.hogs.hogs_per_batch: must be >= 100, got 50 (an integer)
"""

from __future__ import annotations

import math
import os
import re
import tomllib
import warnings
from pathlib import Path as FilePath
from typing import Any

from ..errors import Problem, ScenarioFileError
from ..resources import file_limit, file_problem
from .drawn import DrawnValueWarning, drawn_values
from .model import Scenario
from .parts import Path
from .reader import FORMAT_VERSION, KINDS, read
from .reference import reference_markdown
from .writer import write

__all__ = [
    "FORMAT_VERSION",
    "KINDS",
    "Problem",
    "dumps",
    "load_scenario",
    "loads",
    "reference_markdown",
    "save_scenario",
    "validate_file",
    "validate_text",
]


def validate_text(text: str) -> list[Problem]:
    """Every problem of a scenario file's text (an empty list if it is valid)."""
    return _check(text)[1]


def validate_file(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem of a scenario file (an empty list if it is valid).

    A file that cannot be read is one problem at location ``"file"``.
    """
    try:
        text = _read_text(path)
    except OSError as err:
        return [Problem("file", f"cannot be read: {err.strerror or err}")]
    except UnicodeDecodeError as err:
        return [Problem("file", f"is not UTF-8 text: {err.reason} at byte {err.start}")]
    return validate_text(text)


def loads(text: str, *, source: str = "<string>") -> Scenario:
    """The scenario in a scenario file's text.

    Warns
    -----
    DrawnValueWarning
        For each value the file sets away from the centre of an ``[[uncertainties]]``
        entry on the same parameter: sampled runs would replace it by draws
        (:func:`~collective_econ.scenario.drawn.drawn_values`; the message says what to
        do). ``collective-econ run`` refuses such a value when it samples.

    Raises
    ------
    ScenarioFileError
        Listing every problem, with its location and line.
    """
    scenario, problems = _check(text)
    if scenario is None or problems:
        raise ScenarioFileError(problems, source)
    for drawn in drawn_values(scenario):
        warnings.warn(f"{source}: {drawn.message()}", DrawnValueWarning, stacklevel=2)
    return scenario


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """The scenario in a TOML scenario file.

    Raises
    ------
    ScenarioFileError
        Listing every problem (an unreadable file is one problem at ``"file"``).

    Warns
    -----
    DrawnValueWarning
        As :func:`loads`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from collective_econ.cases.caopijie import default_scenario, init_text
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "my.toml"
    ...     _ = path.write_text(init_text(), encoding="utf-8")
    ...     sc = load_scenario(path)
    >>> sc == default_scenario()
    True
    """
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as err:
        msg = f"cannot be read: {err}"
        raise ScenarioFileError([Problem("file", msg)], os.fspath(path)) from None
    return loads(text, source=os.fspath(path))


def dumps(scenario: Scenario, *, comments: bool = False) -> str:
    """A scenario as TOML text that :func:`loads` reads back to an equal scenario.

    With ``comments=True`` every value is followed by its unit and source.
    """
    return write(scenario, comments=comments)


def save_scenario(
    scenario: Scenario, path: str | os.PathLike[str], *, comments: bool = False
) -> None:
    """Write a scenario to a TOML file (UTF-8) that :func:`load_scenario` reads back."""
    FilePath(path).write_text(dumps(scenario, comments=comments), encoding="utf-8")


class _Refused(OSError):
    """A path that is not read: not a regular file, or above the size limit."""


def _read_text(path: str | os.PathLike[str]) -> str:
    """The file's UTF-8 text, read only if it is a regular file under the size limit.

    A directory, a FIFO (which would block) or a device such as ``/dev/zero``
    (which never ends) is refused before it is opened, as is a file above
    :func:`~collective_econ.resources.file_limit` (10 MB by default).
    """
    why = file_problem(path)
    if why is not None:
        raise _Refused(why)
    limit = file_limit()
    with FilePath(path).open("rb") as f:  # at most the limit, should the file grow meanwhile
        data = f.read() if math.isinf(limit) else f.read(int(limit) + 1)
    if len(data) > limit:
        raise _Refused(f"larger than the limit of {limit:,.0f} bytes for an input file")
    return data.decode("utf-8")


def _check(text: str) -> tuple[Scenario | None, list[Problem]]:
    text = text.removeprefix("\ufeff")  # a UTF-8 byte-order mark (Windows editors) is no key
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"at line (\d+), column (\d+)", str(err))
        return None, [Problem("syntax", str(err), int(m.group(1)) if m else None)]
    except RecursionError:
        return None, [Problem("syntax", "values nested too deeply")]
    scenario, raw = read(data)
    if not raw:
        return scenario, []
    lines = _Lines(text)
    problems = [Problem(where, message, lines.find(segs)) for segs, where, message in raw]
    return None, sorted(problems, key=lambda p: (p.line is None, p.line or 0))


_BARE_KEY = re.compile(r"\s*[A-Za-z0-9_-]+(\s*\.\s*[A-Za-z0-9_-]+)*\s*")


def _decode_key(text: str) -> tuple[str, ...] | None:
    """The segments of a TOML key (``a."b c".d``), or None if it is not one."""
    if _BARE_KEY.fullmatch(text):
        return tuple(s.strip() for s in text.split("."))
    try:
        node: Any = tomllib.loads(f"{text} = 0")
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    segs: list[str] = []
    while isinstance(node, dict) and len(node) == 1:
        key, node = next(iter(node.items()))
        segs.append(key)
    return tuple(segs) or None


def _string_end(line: str, i: int) -> int:
    """The index after the basic (``"``) or literal (``'``) string that starts at ``i``."""
    quote, j = line[i], i + 1
    while j < len(line):
        if line[j] == "\\" and quote == '"':
            j += 2
        elif line[j] == quote:
            return j + 1
        else:
            j += 1
    return len(line)


def _key_end(line: str, start: int, stop: str) -> int:
    """The index of the first ``stop`` character outside strings (len(line) if none)."""
    i = start
    while i < len(line):
        if line[i] in "\"'":
            i = _string_end(line, i)
        elif line[i] == stop:
            return i
        else:
            i += 1
    return len(line)


def _scan(line: str, i: int, depth: int) -> tuple[int, str, int]:
    """Scan a line's value part for brackets and strings.

    Returns the bracket depth after it, the quotes of a multi-line string left open,
    and how many elements of the outermost array start on the line.
    """
    elements = 0
    while i < len(line):
        c = line[i]
        if c == "#":
            break
        if line.startswith(('"""', "'''"), i):
            end = line.find(line[i : i + 3], i + 3)
            if end < 0:
                return depth, line[i : i + 3], elements
            i = end + 3
        elif c in "\"'":
            i = _string_end(line, i)
        else:
            elements += depth == 1 and c in "[{"
            depth += c in "[{"
            depth -= c in "]}" and depth > 0
            i += 1
    return depth, "", elements


class _Lines:
    """Where tables and keys are in a TOML text: headers and ``key =`` lines, 1-based."""

    def __init__(self, text: str) -> None:
        self.headers: list[tuple[int, Path]] = []
        self.keys: list[tuple[int, int, Path]] = []
        arrays: dict[tuple[str, ...], int] = {}
        depth, quotes, count = 0, "", 0
        key: Path = ()
        for number, line in enumerate(text.split("\n"), 1):
            start = 0
            if quotes:
                end = line.find(quotes)
                if end < 0:
                    continue
                start, quotes = end + 3, ""
            elif depth == 0 and line.lstrip().startswith("["):
                body = line.lstrip()
                array = body.startswith("[[")
                segs = _decode_key(body[2 if array else 1 : _key_end(body, 1, "]")])
                if segs is not None:
                    self.headers.append((number, _indexed(segs, arrays, array)))
                continue
            elif depth == 0 and line.strip() and not line.lstrip().startswith("#"):
                eq = _key_end(line, 0, "=")
                segs = _decode_key(line[:eq])
                if segs is not None:
                    self.keys.append((number, len(self.headers) - 1, segs))
                key, count, start = segs or (), 0, eq + 1
            depth, quotes, elements = _scan(line, start, depth)
            for _ in range(elements):  # an element of a (multi-line) array: key[count]
                self.keys.append((number, len(self.headers) - 1, (*key, count)))
                count += 1

    def find(self, segs: Path) -> int | None:
        """The line of the key at ``segs``, else of its table, else None."""
        section, size = -1, 0
        for i, (_, header) in enumerate(self.headers):
            if len(header) > size and segs[: len(header)] == header:
                section, size = i, len(header)
        rest = segs[size:]
        best, best_len = None, 0
        for number, sec, key in self.keys:
            if sec == section and len(key) > best_len and rest[: len(key)] == key:
                best, best_len = number, len(key)
        if best is None and section >= 0:
            return self.headers[section][0]
        return best


def _indexed(segs: tuple[str, ...], arrays: dict[tuple[str, ...], int], array: bool) -> Path:
    """Header segments with the index of each array of tables they pass through."""
    if array:
        arrays[segs] = arrays.get(segs, -1) + 1
        for key in [k for k in arrays if len(k) > len(segs) and k[: len(segs)] == segs]:
            del arrays[key]
    out: list[str | int] = []
    for n in range(1, len(segs) + 1):
        out.append(segs[n - 1])
        if segs[:n] in arrays:
            out.append(arrays[segs[:n]])
    return tuple(out)
