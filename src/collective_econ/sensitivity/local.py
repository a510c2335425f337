"""One input at a time: tornado swings and switching values."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize

from ..errors import ParameterError

if TYPE_CHECKING:
    pass

from ..params import _whole
from ._core import (
    RANGE,
    Evaluate,
    FloatArray,
    Inputs,
    _base,
    _fraction,
    _inputs,
    _Result,
    _run,
)


@dataclass(frozen=True, slots=True)
class Tornado(_Result):
    """One-at-a-time sweeps, sorted by swing, largest first.

    Per input: ``base``, its ``low_value`` and ``high_value`` (at ``quantiles``), and
    the outcome there, ``low_output`` and ``high_output``; ``baseline`` is the outcome
    with every input at ``base``.
    """

    _COLUMNS: ClassVar[str] = "base low_value high_value low_output high_output swing"
    names: tuple[str, ...]
    base: FloatArray
    low_value: FloatArray
    high_value: FloatArray
    low_output: FloatArray
    high_output: FloatArray
    baseline: float
    quantiles: tuple[float, float]

    @property
    def swing(self) -> FloatArray:
        """``|high_output - low_output|`` per input."""
        return np.abs(self.high_output - self.low_output)

    def _title(self) -> str:
        lo, hi = self.quantiles
        return f"one at a time, quantiles {lo:g} and {hi:g}; baseline outcome {self.baseline:.4g}"


def one_at_a_time(
    evaluate: Evaluate,
    uncertainties: Inputs,
    *,
    low: float = 0.05,
    high: float = 0.95,
    base: ArrayLike | None = None,
) -> Tornado:
    """Move each input alone to its low and high quantile: the bars of a tornado chart.

    Parameters
    ----------
    evaluate : callable
        ``evaluate(X (n, k)) -> Y (n,)``, called once with 2k + 1 rows.
    uncertainties : sequence of Uncertainty or (name, Distribution)
        The k inputs.
    low, high : float, default 0.05 and 0.95
        Quantiles of each input's distribution, ``0 <= low < high <= 1``.
    base : array_like, shape (k,), optional
        Where the other inputs are held: their medians by default (quantile 0.5, so a
        move to ``low`` or ``high`` is equally likely, and inside the support even for a
        discrete input). ``AppraisalModel.base_values`` centres the chart on a base case.

    Returns
    -------
    Tornado

    Examples
    --------
    Profit = 3 x price - cost, both uniform on [0, 10]: price swings 3 x (9.5 - 0.5) = 27.

    >>> from collective_econ.distributions import Uniform
    >>> u = Uniform(low=0.0, high=10.0)
    >>> t = one_at_a_time(lambda X: 3 * X[:, 1] - X[:, 0], [("cost", u), ("price", u)])
    >>> t.names, t.swing.round(9).tolist()
    (('price', 'cost'), [27.0, 9.0])
    """
    names, dists = _inputs(uncertainties)
    q_lo, q_hi = _fraction("low", low), _fraction("high", high)
    if not q_lo < q_hi:
        raise ParameterError("low", f"< high ({q_hi:g})", q_lo)
    b, k = _base(base, dists), len(names)
    x = np.tile(b, (2 * k + 1, 1))
    for i, d in enumerate(dists):
        x[1 + 2 * i, i], x[2 + 2 * i, i] = d.ppf(q_lo), d.ppf(q_hi)
    for name, q, rows in (("low", q_lo, x[1::2]), ("high", q_hi, x[2::2])):
        if not np.isfinite(rows).all():
            raise ParameterError(name, "a quantile where every input is finite", q)
    y = _run(evaluate, x, "a tornado")[0][:, 0]
    lo_v, hi_v, lo_y, hi_y = x[1::2].diagonal(), x[2::2].diagonal(), y[1::2], y[2::2]
    order = np.argsort(-np.abs(hi_y - lo_y), kind="stable")
    b, lo_v, hi_v, lo_y, hi_y = (a[order] for a in (b, lo_v, hi_v, lo_y, hi_y))
    sorted_names = tuple(names[i] for i in order)
    return Tornado(sorted_names, b, lo_v, hi_v, lo_y, hi_y, float(y[0]), (q_lo, q_hi))


@dataclass(frozen=True, slots=True)
class SwitchingValues(_Result):
    """Where each input, moved alone from ``base``, makes the outcome cross ``threshold``.

    Per input: the nearest crossings ``lower`` and ``upper`` (below and above ``base``,
    NaN if none in its range), ``value`` the nearer one, ``change = value - base``,
    ``quantile`` its place in the input's distribution (cdf), and ``reason`` why ``value``
    is NaN ("" where found). ``baseline`` is the outcome at ``base``.
    """

    _COLUMNS: ClassVar[str] = "base lower upper value change quantile reason"
    names: tuple[str, ...]
    threshold: float
    base: FloatArray
    baseline: float
    lower: FloatArray
    upper: FloatArray
    value: FloatArray
    quantile: FloatArray
    reason: tuple[str, ...]

    @property
    def change(self) -> FloatArray:
        """``value - base``, in the input's unit."""
        return self.value - self.base

    def _title(self) -> str:
        return (
            f"switching values: outcome {self.baseline:.4g} at base, threshold {self.threshold:g}"
        )


def switching_values(
    evaluate: Evaluate,
    uncertainties: Inputs,
    threshold: float = 0.0,
    *,
    base: ArrayLike | None = None,
    grid: int = 33,
) -> SwitchingValues:
    """For each input alone, the value at which the outcome crosses ``threshold``.

    An input's range is its support clipped to its :data:`RANGE` (0.1% and 99.9%)
    quantiles. The outcome is evaluated at ``grid`` even steps over every range in one
    batch; the sign change nearest to the base value on each side is then refined with
    :func:`scipy.optimize.brentq`. Two crossings within one step may be missed.

    Parameters
    ----------
    evaluate : callable
        ``evaluate(X (n, k)) -> Y (n,)``.
    uncertainties : sequence of Uncertainty or (name, Distribution)
        The k inputs.
    threshold : float, default 0.0
        The critical outcome (NPV = 0, a restoration share of 0.8).
    base : array_like, shape (k,), optional
        The starting point; medians by default (see :func:`one_at_a_time`).
    grid : int, default 33
        Points per input's range, >= 3.

    Returns
    -------
    SwitchingValues

    Examples
    --------
    A hotel's NPV, 40,000 yuan per point of occupancy less 2 M, turns negative below 50%:

    >>> from collective_econ.distributions import Triangular
    >>> occupancy = Triangular(low=40.0, mode=58.0, high=65.0)
    >>> sv = switching_values(lambda X: 40_000 * X[:, 0] - 2e6, [("occupancy", occupancy)])
    >>> round(float(sv.value[0]), 6), round(float(sv.quantile[0]), 3)
    (50.0, 0.222)
    """
    names, dists = _inputs(uncertainties)
    b, k = _base(base, dists), len(names)
    g_n, limit = _whole(grid, "grid", 3, "", terse=True), float(threshold)
    if not math.isfinite(limit):
        raise ParameterError("threshold", "finite", threshold)
    ranges = np.array([[float(d.ppf(q)) for q in RANGE] for d in dists])
    x = np.tile(b, (1 + k * g_n, 1))
    for i, (lo, hi) in enumerate(ranges):
        x[1 + i * g_n : 1 + (i + 1) * g_n, i] = np.linspace(lo, hi, g_n)
    g = _run(evaluate, x, "switching values")[0][:, 0] - limit

    def gap(v: float, i: int) -> float:
        row = b.copy()
        row[i] = v
        return float(_run(evaluate, row[None, :], "switching values")[0][0, 0] - limit)

    sides = np.full((2, k), np.nan)
    for i in range(k):
        pts, gi = x[1 + i * g_n : 1 + (i + 1) * g_n, i], g[1 + i * g_n : 1 + (i + 1) * g_n]
        for s, keep in enumerate((pts < b[i], pts > b[i])):
            prev_x, prev_g = b[i], g[0]
            for j in np.flatnonzero(keep)[np.argsort(np.abs(pts[keep] - b[i]), kind="stable")]:
                if prev_g == 0.0 or gi[j] == 0.0:
                    sides[s, i] = prev_x if prev_g == 0.0 else pts[j]
                elif (gi[j] > 0) != (prev_g > 0):
                    a, c = sorted((prev_x, pts[j]))
                    sides[s, i] = optimize.brentq(gap, a, c, args=(i,))
                else:
                    prev_x, prev_g = pts[j], gi[j]
                    continue
                break
    nearer = np.where(np.abs(sides[1] - b) < np.abs(sides[0] - b), sides[1], sides[0])
    nearer = np.where(np.isnan(sides[0]), sides[1], nearer)
    side, span = ("above" if g[0] > 0 else "below"), f"{RANGE[0]:.1%}-{RANGE[1]:.1%} quantiles"
    reason = tuple(
        "" if np.isfinite(v) else f"stays {side} {limit:g} over [{lo:.4g}, {hi:.4g}] ({span})"
        for v, (lo, hi) in zip(nearer, ranges, strict=True)
    )
    cdf = [
        float(d.cdf(v)) if np.isfinite(v) else math.nan for d, v in zip(dists, nearer, strict=True)
    ]
    return SwitchingValues(
        names, limit, b, g[0] + limit, sides[0], sides[1], nearer, np.array(cdf), reason
    )
