"""Single-year life tables: a Siler model table, life expectancy, and ages at death.

Private helpers of :mod:`collective_econ.economy.population` (which re-exports
:func:`siler_qx`, :func:`life_expectancy_from_qx` and :data:`LAST_AGE`).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

LAST_AGE = 100
"""Last single year of age of the default life tables (open interval, q = 1), years."""

_INFANT_MORTALITY = 0.01393
"""Infant mortality rate, China 2010 census (NBS, 2012): 13.93 per 1,000 live births."""


def siler_qx(
    e0: float,
    *,
    infant: float = _INFANT_MORTALITY,
    child_decline: float = 3.0,
    background: float = 5e-4,
    slope: float = 0.09,
    last_age: int = LAST_AGE,
) -> tuple[float, ...]:
    """A single-year life table (qx, ages 0..``last_age``) from a Siler hazard.

    The hazard is ``a1 exp(-b1 x) + a2 + a3 exp(b3 x)`` per year of age
    (Siler 1979): ``b1 = child_decline``, ``a2 = background``,
    ``b3 = slope`` (the Gompertz slope of adult mortality); ``a1`` is set so
    that q0 equals ``infant`` and ``a3`` (the level of senescent mortality) is
    found by bisection so that the table's life expectancy at birth is ``e0``.
    The last age's q is 1.

    Parameters
    ----------
    e0 : float
        Life expectancy at birth the table must have, years.
    infant : float
        Probability of dying before age 1.
    child_decline, background, slope : float
        Siler ``b1`` (1/yr), ``a2`` (1/yr) and ``b3`` (1/yr).
    last_age : int
        Last single year of age (everyone dies within it), years.

    Examples
    --------
    >>> q = siler_qx(72.38)
    >>> len(q), q[-1], round(q[0], 5), round(life_expectancy_from_qx(q), 3)
    (101, 1.0, 0.01393, 72.38)
    """
    x = np.arange(last_age, dtype=np.float64)
    b1, a2, b3 = child_decline, background, slope
    m0 = -math.log1p(-infant)

    def table(log_a3: float) -> FloatArray:
        a3 = math.exp(log_a3)
        senescent = a3 / b3 * (np.exp(b3 * (x + 1)) - np.exp(b3 * x))
        a1 = max(m0 - a2 - senescent[0], 0.0) * b1 / -math.expm1(-b1)
        child = a1 / b1 * (np.exp(-b1 * x) - np.exp(-b1 * (x + 1)))
        q: FloatArray = np.append(-np.expm1(-(child + a2 + senescent)), 1.0)
        return q

    lo, hi = math.log(1e-9), math.log(1e-1)
    for _ in range(100):  # e0 falls as a3 rises
        mid = 0.5 * (lo + hi)
        if life_expectancy_from_qx(table(mid)) > e0:
            lo = mid
        else:
            hi = mid
    return tuple(float(v) for v in table(0.5 * (lo + hi)))


def life_expectancy_from_qx(qx: tuple[float, ...] | FloatArray, age: float = 0.0) -> float:
    """Life expectancy at whole ``age`` of a single-year life table, years.

    Within each year of age the hazard is constant (``mu = -ln(1 - q)``); in
    the last, open year (q = 1) deaths are spread evenly over the year. These
    are the rules :func:`death_ages` samples deaths by.

    Examples
    --------
    >>> life_expectancy_from_qx((0.0, 1.0))
    1.5
    """
    q = np.asarray(qx, dtype=np.float64)[int(age) :]
    mu, lx, _ = hazards(q)
    last = lx[-1] * 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        dying = np.where(mu > 0, (lx[:-1] - lx[1:]) / mu, lx[:-1])
    return float(dying.sum() + last) / float(lx[0])


def hazards(q: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Yearly hazards (ages 0..w-1), survivors l (ages 0..w) and cumulative hazard H (0..w)."""
    mu = -np.log1p(-np.minimum(q[:-1], 1.0 - 1e-15))
    h = np.concatenate([[0.0], np.cumsum(mu)])
    return mu, np.exp(-h), h


def death_ages(q: FloatArray, start: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Ages at death (years) given survival to ``start``: inverse of the cumulative hazard."""
    w = q.shape[0] - 1
    mu, _, h = hazards(q)
    whole = np.minimum(np.floor(start).astype(np.intp), w)
    frac = start - whole
    inner = whole < w
    h_start = h[whole] + np.where(inner, mu[np.minimum(whole, w - 1)] * frac, 0.0)
    target = h_start + rng.standard_exponential(start.shape[0])
    last = rng.random(start.shape[0])
    idx = np.minimum(np.searchsorted(h, target, side="right") - 1, w - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        before = idx + (target - h[idx]) / mu[idx]
    floor_last = np.maximum(start, float(w))
    in_last = floor_last + last * np.maximum(w + 1.0 - floor_last, 0.0)
    out: FloatArray = np.where((target < h[w]) & inner, before, in_last)
    return np.maximum(out, start)
