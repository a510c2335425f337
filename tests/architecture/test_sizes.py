"""The rooms: no module of the package grows too big to read in one sitting.

Every ``.py`` file under ``src/collective_econ`` counts (``__init__.py`` and
``__main__.py`` included); a module's length is its number of lines. No module may be
over :data:`MAX_LINES` lines, and the median module at most :data:`MAX_MEDIAN_LINES`:
a module that grows past the limit is split by topic into a package.
"""

from __future__ import annotations

import statistics
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "collective_econ"

MAX_LINES = 750
"""Longest a module may be, in lines."""
MAX_MEDIAN_LINES = 250
"""Longest the median module may be, in lines."""


def _lengths() -> dict[str, int]:
    """Lines of every module of the package, by path relative to ``src``."""
    return {
        path.relative_to(PACKAGE.parent).as_posix(): len(
            path.read_text(encoding="utf-8").splitlines()
        )
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_the_package_has_modules() -> None:
    assert len(_lengths()) > 10, f"no modules found under {PACKAGE}"


def test_no_module_is_over_the_limit() -> None:
    over = {name: n for name, n in _lengths().items() if n > MAX_LINES}
    listing = ", ".join(f"{name} ({n} lines)" for name, n in sorted(over.items()))
    assert not over, f"modules over {MAX_LINES} lines, split them by topic: {listing}"


def test_median_module_length() -> None:
    lengths = _lengths()
    median = statistics.median(lengths.values())
    longest = sorted(lengths.items(), key=lambda item: (-item[1], item[0]))[:10]
    listing = ", ".join(f"{name} ({n} lines)" for name, n in longest)
    assert median <= MAX_MEDIAN_LINES, (
        f"the median module has {median} lines (over {MAX_MEDIAN_LINES}) among "
        f"{len(lengths)} modules; the longest: {listing}"
    )
