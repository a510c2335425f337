"""A box over the inputs, with coverage, density and quasi-p-values (see :mod:`.discovery`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from ._discovery_inputs import (
    Bools,
    Floats,
    InputLabel,
    _labels,
    _matrix,
)

__all__ = ["Box"]

# --- boxes --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Box:
    """A box over the inputs, with its coverage and density on the data it was judged on.

    Attributes
    ----------
    names : tuple of str
    lower, upper : ndarray, shape (inputs,)
        Bounds (inclusive); an unrestricted input has the data's minimum and maximum.
    restricted : tuple of str
        The inputs the box restricts, in input order.
    coverage, density, mass : float
        Share of the cases inside the box; share of the box's futures that are
        cases; share of all futures inside the box.
    n, cases : int
        Futures inside the box and cases among them.
    labels : tuple of InputLabel
    """

    names: tuple[str, ...]
    lower: Floats
    upper: Floats
    restricted: tuple[str, ...]
    coverage: float
    density: float
    mass: float
    n: int
    cases: int
    labels: tuple[InputLabel, ...] = field(default=(), repr=False)
    low_open: Bools = field(default_factory=lambda: np.zeros(0, bool), repr=False)
    high_open: Bools = field(default_factory=lambda: np.zeros(0, bool), repr=False)
    quasi_p: Floats = field(default_factory=lambda: np.zeros(0), repr=False)

    def contains(self, X: ArrayLike) -> Bools:
        """Whether each row of ``X`` (futures x inputs) lies inside the box."""
        x = _matrix(X, len(self.names))
        return np.asarray(((x >= self.lower) & (x <= self.upper)).all(axis=1))

    def evaluate(self, X: ArrayLike, y: ArrayLike) -> tuple[float, float]:
        """``(coverage, density)`` of the box on other data (a holdout, true labels)."""
        inside, yy = self.contains(X), _labels(y, len(np.asarray(X)), check_classes=False)
        hits = int(np.count_nonzero(inside & yy))
        cov = hits / max(int(yy.sum()), 1)
        den = hits / int(inside.sum()) if inside.any() else math.nan
        return cov, den

    def bounds(self, name: str) -> tuple[float | None, float | None]:
        """``(lower, upper)`` of a restricted input; None on an unrestricted side."""
        i = self.names.index(name)
        lo = None if (self.low_open.size and self.low_open[i]) else float(self.lower[i])
        hi = None if (self.high_open.size and self.high_open[i]) else float(self.upper[i])
        return lo, hi

    def __str__(self) -> str:
        head = (
            f"box: coverage {self.coverage:.3f}, density {self.density:.3f}, "
            f"mass {self.mass:.3f} ({self.cases} cases among {self.n} futures)"
        )
        rows = []
        for name in self.restricted:
            lo, hi = self.bounds(name)
            qp = self.quasi_p[self.names.index(name)] if self.quasi_p.size else math.nan
            rows.append(
                f"  {name}: [{'-inf' if lo is None else f'{lo:.4g}'}, "
                f"{'inf' if hi is None else f'{hi:.4g}'}]  quasi-p {qp:.2g}"
            )
        return "\n".join([head, *(rows or ["  (no restriction)"])])


def _box(
    x: Floats,
    y: Bools,
    names: tuple[str, ...],
    lo: Floats,
    hi: Floats,
    lo0: Floats,
    hi0: Floats,
    labels: tuple[InputLabel, ...],
) -> Box:
    inside = ((x >= lo) & (x <= hi)).all(axis=1)
    n, hits, total = int(inside.sum()), int(np.count_nonzero(inside & y)), int(y.sum())
    low_open, high_open = lo <= lo0, hi >= hi0
    qp = _quasi_p(x, y, lo, hi, ~(low_open & high_open))
    restricted = tuple(
        nm for nm, a, b in zip(names, low_open, high_open, strict=True) if not (a and b)
    )
    return Box(
        names,
        lo.copy(),
        hi.copy(),
        restricted,
        hits / max(total, 1),
        hits / n if n else math.nan,
        n / len(y),
        n,
        hits,
        labels,
        low_open,
        high_open,
        qp,
    )


def _quasi_p(x: Floats, y: Bools, lo: Floats, hi: Floats, restricted: Bools) -> Floats:
    """Per restricted input, Bryant & Lempert's (2010) quasi-p-value (NaN elsewhere).

    The one-sided binomial probability of at least the box's cases among its futures,
    at the density of the box without that input's restriction: a large value says
    the restriction adds little beyond chance.
    """
    ok = (x >= lo) & (x <= hi)
    misses = (~ok).sum(axis=1)
    inside = misses == 0
    n, c = int(inside.sum()), int(np.count_nonzero(inside & y))
    out = np.full(len(lo), np.nan)
    for j in np.flatnonzero(restricted):
        wide = inside | ((misses == 1) & ~ok[:, j])
        p = np.count_nonzero(wide & y) / max(int(wide.sum()), 1)
        out[j] = float(stats.binom.sf(c - 1, n, p)) if n else 1.0
    return out
