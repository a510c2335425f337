"""Shared pieces of the validation page: the check, its grading, formatting and the runs.

The topic modules (:mod:`.figures`, :mod:`.land`, :mod:`.hogs`, :mod:`.projects`,
:mod:`.labour`, :mod:`.households`) build their tables from these; the package
re-exports them, so they are reachable as ``validation.grade``, ``validation.SEED``...
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from ....economy.community import Community, synthesize
from ....runs.comparison import Comparison, compare
from ....scenario import Scenario
from ....seeding import as_seed_sequence, stream
from ..policies import default_scenario

Verdict = Literal["matches", "close", "differs"]
Kind = Literal["provenance", "calibration", "internal", "validation"]
Floats = NDArray[np.float64]

KINDS: tuple[Kind, ...] = ("validation", "calibration", "provenance", "internal")
"""What a check is, in the page's order of its parts.

``"validation"``: an out-of-sample comparison with a fact the model was not fitted
to (the only kind counted as validation); ``"calibration"``: a target a parameter was
tuned to reproduce; ``"provenance"``: an input echoed back against the figure it was
set from; ``"internal"``: arithmetic or accounting consistency of the model (or of the
report), not validation.
"""

SEED = 2010
"""Root seed of the community, the simulation and every random path on the page."""
HOG_PATH_YEARS = 200
"""Length of the random hog-price path the cycle is measured on, years."""
SIM_YEARS = 5
"""Years simulated (the comparison's horizon)."""
SIM_REPLICATIONS = 2
"""Replications of each policy in the simulation."""
SIM_POLICIES = ("cash only", "80% shares", "full package")
"""Policies simulated for the page."""
CLOSE = 0.15
"""Tolerance of a ``"close"`` verdict, as a share of the bound a value misses (:func:`grade`)."""


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the validation page.

    Attributes
    ----------
    section : str
        The page's table it belongs to (one of :data:`SECTIONS`).
    topic : str
        What is compared (unique on the page).
    figure : str
        What the case or the reference says, with its source
        ("seed-facts.md §4", "domain-reference.md §2a stylised fact 1").
    target : str
        The reference value or range, as text.
    model : str
        The model's value, formatted (rounded to sensible significant figures).
    verdict : str
        ``"matches"``, ``"close"`` or ``"differs"``.
    note : str
        How the model's value is computed, and the reason for any difference.
    value : float
        The model's value unrounded (NaN when it is not a number), for tests.
    kind : str or None
        One of :data:`KINDS`; None takes it from the package's table of kinds
        (``validation.kinds.KIND_OF``), and a check in neither is refused by the tests.
    source : str
        For a ``"validation"`` check, the source of the fact (a section of
        domain-reference.md or seed-facts.md, or a published source); required there.
    """

    section: str
    topic: str
    figure: str
    target: str
    model: str
    verdict: Verdict
    note: str = ""
    value: float = math.nan
    kind: Kind | None = None
    source: str = ""


# -- grading and formatting ------------------------------------------------------------------


def grade(value: float, lo: float, hi: float, tol: float = CLOSE) -> Verdict:
    """Verdict for ``value`` against the target range ``[lo, hi]``.

    ``"matches"`` within the range; ``"close"`` outside it by less than ``tol`` x the
    bound it misses (``|lo|`` below the range, ``|hi|`` above it); ``"differs"``
    otherwise. A relative 1e-9 slack absorbs rounding. The margin is the nearest
    bound's: a wide range (rural to urban income, 16,400 to 43,600) does not widen
    "close" by its far end.

    >>> grade(11_700, 16_400, 43_600), grade(15_000, 16_400, 43_600)
    ('differs', 'close')
    """
    scale = max(abs(lo), abs(hi))
    eps = 1e-9 * max(scale, 1.0)
    if lo - eps <= value <= hi + eps:
        return "matches"
    bound = lo if value < lo else hi
    if abs(value - bound) <= tol * abs(bound) + eps:
        return "close"
    return "differs"


def _exact(value: float, target: float) -> Verdict:
    """``"matches"`` when equal up to rounding, ``"differs"`` otherwise."""
    return "matches" if math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-9) else "differs"


def _clean(x: float) -> float:
    """``x`` to 10 significant figures.

    Floating-point noise in the last bits is wiped out before rounding, so a
    value on a rounding boundary (14.25) rounds the same way whatever its last bits.
    """
    return float(f"{x:.10g}")


def _sig(x: float, digits: int = 3) -> float:
    """``x`` rounded to ``digits`` significant figures (after :func:`_clean`)."""
    x = _clean(x)
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _fixed(x: float, decimals: int, sign: bool = False) -> str:
    """``x`` with ``decimals`` decimals (after :func:`_clean`), optionally signed."""
    out = f"{_clean(x):{'+' if sign else ''}.{decimals}f}"
    return out if out.strip("+-0.") else f"{'+' if sign else ''}{0:.{decimals}f}"


def _num(x: float, digits: int = 3) -> str:
    """A number to ``digits`` significant figures, with thousands separators."""
    r = _sig(x, digits)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(r)))) if r else 0
    out = f"{r:,.{decimals}f}"
    return "0" if out.strip("-0.,") == "" else out


def _pct(x: float, decimals: int = 0) -> str:
    """A fraction as a percentage."""
    return _fixed(100.0 * x, decimals) + "%"


def _signed_pct(x: float, decimals: int = 0) -> str:
    """A fraction as a signed percentage (+4.3%)."""
    return _fixed(100.0 * x, decimals, sign=True) + "%"


def _position(value: float, lo: float, hi: float) -> str:
    """Where ``value`` lies against ``[lo, hi]``, in words ("1.4% below the range")."""
    if value < lo:
        return f"{_pct(1.0 - value / lo, 1)} below the range"
    if value > hi:
        return f"{_pct(value / hi - 1.0, 1)} above the range"
    return "within the range"


def _yuan(x: float, digits: int = 3) -> str:
    return f"{_num(x, digits)} yuan"


# -- shared computations (cached: the page is computed once per process) ---------------------


@functools.cache
def _scenario() -> Scenario:
    return default_scenario()


@functools.cache
def _community() -> Community:
    """The default community, drawn exactly as :func:`compare` draws it with seed SEED."""
    sc = _scenario()
    return synthesize(sc.community, stream(as_seed_sequence(SEED), "community"), sc.livelihood)


@functools.cache
def _comparison() -> Comparison:
    return compare(
        _scenario(),
        SIM_POLICIES,
        replications=SIM_REPLICATIONS,
        seed=SEED,
        horizon_years=SIM_YEARS,
    )


# -- sources cited in the checks ------------------------------------------------------------

_S = "seed-facts.md"
_D = "domain-reference.md"
