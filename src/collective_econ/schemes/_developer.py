"""The developer's project behind the land-for-shares dividend.

Year by year, per yuan of share capital: the Beta profit rate
(:func:`dividend_rate_at`), the property cycle (:func:`cycle`), the declared
dividend (:func:`dividend`), the project's cash, distress and default
(:func:`developer_paths`), their expectation over a fixed set of paths
(:func:`expected_paths`) and the expected capital loss
(:func:`expected_default_loss`).

A private helper of :mod:`collective_econ.schemes.land_shares`, which
re-exports these names: import them from there. The functions take any object
with the parameters they read (:class:`~collective_econ.schemes.land_shares.LandSharesParams`).
"""

from __future__ import annotations

import functools
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special
from scipy.special import betainc

from .base import check_horizon

__all__ = [
    "DeveloperParams",
    "cycle",
    "developer_paths",
    "dividend",
    "dividend_rate_at",
    "draw_dividend_rates",
    "expected_default_loss",
    "expected_paths",
    "mean_paid_rate",
]

Array = NDArray[np.float64]


class DeveloperParams(Protocol):
    """The parameters the developer's project reads (LandSharesParams has them).

    Hashable, as the expected paths are cached by parameters.
    """

    def __hash__(self) -> int: ...

    @property
    def bonus_share(self) -> float: ...
    @property
    def construction_years(self) -> int: ...
    @property
    def cycle_amplitude(self) -> float: ...
    @property
    def cycle_years(self) -> float: ...
    @property
    def default_prob(self) -> float: ...
    @property
    def distress_default_prob(self) -> float: ...
    @property
    def dividend_rate(self) -> float: ...
    @property
    def dividend_rate_sd(self) -> float: ...
    @property
    def guaranteed_rate(self) -> float: ...
    @property
    def recovery_fraction(self) -> float: ...
    @property
    def reserve_fraction(self) -> float: ...


_EXPECTED_PATHS = 4000
"""Paths averaged (fixed seed, common random numbers) for the expected appraisal."""


def draw_dividend_rates(params: DeveloperParams, rng: np.random.Generator, size: int) -> Array:
    """Yearly dividend rates before the guaranteed floor: Beta, mean ``dividend_rate``.

    One uniform a year, mapped through the Beta quantile (:func:`dividend_rate_at`),
    so a change of the rate's parameters moves every year's rate the same way and
    leaves the draws that follow in the stream untouched (common random numbers).
    """
    return dividend_rate_at(params, rng.random(size))


def dividend_rate_at(params: DeveloperParams, u: ArrayLike) -> Array:
    """The dividend rate at quantile ``u`` of its Beta distribution (mean ``dividend_rate``)."""
    q = np.asarray(u, dtype=float)
    ab = _beta_ab(params.dividend_rate, params.dividend_rate_sd)
    if ab is None:
        return np.full(q.shape, params.dividend_rate)
    return np.asarray(special.betaincinv(ab[0], ab[1], q), dtype=float)


def mean_paid_rate(params: DeveloperParams) -> float:
    """The mean declared rate of a selling year at the cycle's mean, 1/yr.

    ``g + bonus_share * E[max(r - g, 0)]`` for the Beta profit rate r and the
    floor g = ``guaranteed_rate`` (the rate the developer declares, before any
    cut for lack of cash).

    Examples
    --------
    Without a guarantee and with the whole profit paid out, the mean rate:

    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> mean_paid_rate(LandSharesParams(guaranteed_rate=0.0, bonus_share=1.0))
    0.08
    >>> round(mean_paid_rate(LandSharesParams()), 4)
    0.0718
    """
    m, g, b = params.dividend_rate, params.guaranteed_rate, params.bonus_share
    ab = _beta_ab(m, params.dividend_rate_sd)
    if ab is None:
        return g + b * max(m - g, 0.0)
    a, bb = ab
    # E[max(X, g)] = g P(X <= g) + E[X; X > g], and E[X; X > g] = m (1 - I_g(a + 1, b))
    e_max = float(g * betainc(a, bb, g) + m * (1.0 - betainc(a + 1.0, bb, g))) if g > 0 else m
    return g + b * (e_max - g)


def dividend(
    params: DeveloperParams, shares: ArrayLike, rate_draw: ArrayLike, alive: ArrayLike
) -> Array:
    """A selling year's declared dividend: ``shares * (g + b max(r - g, 0)) * alive``, yuan.

    g is ``guaranteed_rate`` (the floor) and b ``bonus_share``; what is paid
    is cut to the project's cash (:func:`developer_paths`).

    Parameters
    ----------
    shares : array_like
        Share capital held, yuan (per household, or a total).
    rate_draw : array_like
        The year's profit rate on the share capital, 1/yr.
    alive : array_like
        1 while the developer has not defaulted, 0 after.

    Examples
    --------
    A bad year (2%) is floored at the guaranteed 6%; a good one (10%) pays
    the floor plus half the profit above it:

    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> float(dividend(LandSharesParams(), 100_000.0, 0.02, 1.0))
    6000.0
    >>> float(dividend(LandSharesParams(), 100_000.0, 0.10, 1.0))
    8000.0
    """
    g = params.guaranteed_rate
    r = np.asarray(rate_draw, dtype=float)
    declared = g + params.bonus_share * np.maximum(r - g, 0.0)
    out: Array = np.asarray(shares, dtype=float) * declared * np.asarray(alive, dtype=float)
    return out


def cycle(params: DeveloperParams, years_selling: ArrayLike) -> Array:
    """The property cycle's factor on profit in the ``k``-th selling year (k >= 1).

    ``1 + cycle_amplitude * sin(2 pi (k - 1) / cycle_years)``: mean 1 over a cycle.
    """
    k = np.asarray(years_selling, dtype=float)
    out: Array = 1.0 + params.cycle_amplitude * np.sin(
        2.0 * np.pi * (k - 1.0) / params.cycle_years
    )
    return out


def developer_paths(
    params: DeveloperParams, rate_u: ArrayLike, default_u: ArrayLike
) -> dict[str, Array]:
    """The developer's project behind one yuan of share capital, year by year.

    Parameters
    ----------
    rate_u, default_u : array_like, shape (..., T)
        Uniforms: the quantile of each year's profit rate (:func:`dividend_rate_at`)
        and the default draw; column t is year t after the wave (t = 0 is the
        wave's year, when nothing is paid).

    Returns
    -------
    dict of str to ndarray, shape (..., T)
        Per yuan of share capital: ``profit`` (the project's cash from sales:
        0 for ``construction_years``, then the Beta rate times :func:`cycle`),
        ``declared`` (the floor while building, then :func:`dividend`),
        ``dividends`` (paid: the declared rate cut to the project's cash),
        ``alive``, ``recovery`` (paid back on default), ``cash`` (the project's
        reserve at the year's end: ``reserve_fraction`` at t = 0) and
        ``distress`` (the cash could not pay the declared rate) and ``at_risk``
        (the year's default hazard while alive, 0 after: the expected share
        of principal defaulting that year, given the path so far).

    In a year the reserve plus the year's profit cannot pay the declared rate
    the developer defaults with ``distress_default_prob`` (else
    ``default_prob``); if it survives it pays what it has (the dividend is
    cut, diluted) and its reserve is empty.
    """
    ru = np.asarray(rate_u, dtype=float)
    return _paths(params, dividend_rate_at(params, ru), default_u)


def _paths(params: DeveloperParams, base_rate: Array, default_u: ArrayLike) -> dict[str, Array]:
    """:func:`developer_paths` from the years' profit rates before the cycle."""
    du = np.broadcast_to(np.asarray(default_u, dtype=float), base_rate.shape)
    p = params
    shape = base_rate.shape
    t_all = np.arange(shape[-1])
    selling = t_all > p.construction_years
    rate = base_rate * np.where(selling, cycle(p, t_all - p.construction_years), 0.0)
    declared = np.where(selling, dividend(p, 1.0, rate, 1.0), p.guaranteed_rate)
    keys = ("dividends", "alive", "recovery", "cash", "distress", "at_risk")
    out = {k: np.zeros(shape) for k in keys}
    cash = np.full(shape[:-1], p.reserve_fraction)
    alive = np.ones(shape[:-1])
    out["alive"][..., 0], out["cash"][..., 0] = alive, cash
    for t in range(1, shape[-1]):
        avail = cash + rate[..., t]
        distress = avail < declared[..., t]
        hazard = np.where(distress, p.distress_default_prob, p.default_prob)
        dies = (alive > 0) & (du[..., t] < hazard)
        stays = (alive > 0) & ~dies
        paid = np.where(stays, np.minimum(declared[..., t], avail), 0.0)
        out["dividends"][..., t] = paid
        out["recovery"][..., t] = np.where(dies, p.recovery_fraction, 0.0)
        out["distress"][..., t] = np.where(alive > 0, distress, False)
        out["at_risk"][..., t] = np.where(alive > 0, hazard, 0.0)
        cash = np.where(stays, avail - paid, 0.0)
        alive = stays.astype(float)
        out["alive"][..., t], out["cash"][..., t] = alive, cash
    out["profit"] = np.where(t_all > 0, rate, 0.0) * np.broadcast_to(1.0, shape)
    out["declared"] = np.where(t_all > 0, declared, 0.0) * np.broadcast_to(1.0, shape)
    return out


def expected_paths(params: DeveloperParams, horizon_years: int) -> dict[str, Array]:
    """:func:`developer_paths` averaged over a fixed set of paths (expected values per yuan).

    The arrays are cached and read-only.
    """
    return _expected_paths(params, horizon_years)


@functools.lru_cache(maxsize=64)
def _expected_paths(params: DeveloperParams, horizon_years: int) -> dict[str, Array]:
    # stratified: each year's profit rates are the N mid-quantiles, shuffled per year
    # (fixed seed, so the expected appraisal is deterministic)
    order, default_u = _strata(horizon_years)
    levels = dividend_rate_at(params, (np.arange(_EXPECTED_PATHS) + 0.5) / _EXPECTED_PATHS)
    paths = _paths(params, levels[order], default_u)
    out = {k: v.mean(axis=0) for k, v in paths.items()}
    for v in out.values():
        v.setflags(write=False)
    return out


@functools.lru_cache(maxsize=8)
def _strata(horizon_years: int) -> tuple[NDArray[np.intp], Array]:
    rng = np.random.default_rng(20100)
    size = (_EXPECTED_PATHS, horizon_years + 1)
    order = np.argsort(rng.random(size), axis=0)
    default_u = rng.random(size)
    order.setflags(write=False)
    default_u.setflags(write=False)
    return order, default_u


def expected_default_loss(params: DeveloperParams, horizon_years: int = 20) -> Array:
    """Expected capital loss on one yuan of shares in each year, 1/yr (Hicksian adjustment).

    ``(1 - recovery_fraction) * P(the developer defaults in year t)``: income
    net of expected capital losses is dividends less this times the share
    capital held. Year 0 is 0.

    Examples
    --------
    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> loss = expected_default_loss(LandSharesParams(), 20)
    >>> bool(loss[0] == 0.0), bool(0.0 < loss.sum() < 1.0)
    (True, True)
    """
    e = expected_paths(params, check_horizon(horizon_years))
    out: Array = (1.0 - params.recovery_fraction) * e["at_risk"]
    return out


def _beta_ab(mean: float, sd: float) -> tuple[float, float] | None:
    var = min(sd**2, 0.99 * mean * (1.0 - mean))
    if var <= 0.0:
        return None
    k = mean * (1.0 - mean) / var - 1.0
    return mean * k, (1.0 - mean) * k
