"""The developer's project behind the land-for-shares dividend.

Year by year, per yuan of share capital: the Beta profit rate
(:func:`dividend_rate_at`), the property cycle (:func:`cycle`), the declared
dividend (:func:`dividend`), one year of the project's cash, distress, default and new
equity (:func:`project_year`, which the simulation also uses), the paths
(:func:`developer_paths`), their expectation over a fixed set of paths
(:func:`expected_paths`) and the expected capital losses to default and to
dilution (:func:`expected_default_loss`, :func:`expected_dilution_loss`).

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
    "expected_dilution_loss",
    "expected_paths",
    "mean_paid_rate",
    "project_year",
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
    def distress_response(self) -> str: ...
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
    if ab is None or not (ab[0] > 0 and ab[1] > 0):  # shapes that underflow to 0 (denormals)
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
        ``dividends`` (the holders' part of what the project pays: the declared
        rate cut to its cash, times ``stake``), ``alive``, ``recovery`` (paid
        back to the holders on default), ``cash`` (the project's reserve at the
        year's end: ``reserve_fraction`` at t = 0), ``distress`` (the cash could
        not pay the declared rate), ``short`` (distress and the developer
        survived: the dividend was cut, or diluted), ``at_risk`` (the year's
        default hazard times the holders' stake while alive, 0 after: the
        expected share of the holders' principal defaulting that year, given
        the path so far), ``stake`` (the holders' share of the project's equity
        at the year's end: 1 at t = 0), ``raised`` (new equity sold to outside
        investors), ``diluted`` (the holders' claim on principal lost to it that
        year) and ``outsiders`` (dividends and recovery paid to those investors).

    In a year the reserve plus the year's profit cannot pay the declared rate
    the developer defaults with ``distress_default_prob`` (else
    ``default_prob``); if it survives it pays what it has and its reserve is
    empty (``distress_response="cut"``), or it sells new equity at par to
    outside investors for the shortfall and pays the declared dividend
    (``"dilute"``): see :func:`project_year`. The project's payout, recovery
    and principal are those of its original capital whoever holds it (money
    raised to pay dividends earns nothing), shared by stake: the holders'
    dividend, recovery and redemption per yuan of their capital are ``stake``
    times the project's.
    """
    ru = np.asarray(rate_u, dtype=float)
    return _paths(params, dividend_rate_at(params, ru), default_u)


def project_year(
    params: DeveloperParams,
    cash: ArrayLike,
    profit: ArrayLike,
    declared: ArrayLike,
    alive: ArrayLike,
    default_u: ArrayLike,
    nominal: ArrayLike,
) -> dict[str, Array]:
    """One year of the developer's project: distress, default, payout, new equity.

    The one formula :func:`developer_paths` (per yuan, many paths) and the
    simulation (:func:`~collective_econ.schemes.land_shares.process`, yuan, one
    project) both use. Amounts are in any one unit (yuan or yuan per yuan of
    share capital).

    Parameters
    ----------
    cash, profit, declared : array_like
        The project's reserve at the start of the year, the year's cash from
        sales and the dividend declared on its capital.
    alive : array_like
        1 while the developer has not defaulted, 0 after.
    default_u : array_like
        The year's uniform for default.
    nominal : array_like
        The project's equity at par before the year (the holders' capital
        divided by their stake): new equity sold at par dilutes by
        ``nominal / (nominal + raised)``.

    Returns
    -------
    dict of str to ndarray
        ``paid`` (the project's payout on all its equity), ``raised`` (new equity
        sold to outside investors), ``cash`` (the reserve at the year's end),
        ``factor`` (the holders' stake is multiplied by it), ``hazard`` (the
        default hazard while alive), and 1.0 / 0.0 flags ``distress`` (while
        alive), ``dies`` and ``stays``.

    In a year ``cash + profit < declared`` (distress) the developer defaults
    with ``distress_default_prob`` (else ``default_prob``). If it survives,
    under ``distress_response="cut"`` it pays what it has; under ``"dilute"``
    it sells new equity at par to outside investors for the shortfall, pays
    the declared dividend and refills nothing else. Either way its reserve is
    empty.

    Examples
    --------
    Cash 0.02 and no sales against a declared 6%: the shortfall 0.04 is raised
    at par on equity of 1, so the holders keep 1/1.04 of the project:

    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> p = LandSharesParams(distress_response="dilute", distress_default_prob=0.0)
    >>> y = project_year(p, 0.02, 0.0, 0.06, 1.0, 0.9, 1.0)
    >>> float(y["paid"]), round(float(y["raised"]), 4), round(float(y["factor"]), 6)
    (0.06, 0.04, 0.961538)
    """
    p = params
    c0, pr, dec = (np.asarray(x, dtype=float) for x in (cash, profit, declared))
    avail = c0 + pr
    # short by more than rounding (a reserve sized to the floor exactly is no distress)
    distress = avail < dec * (1.0 - 1e-9)
    hazard = np.where(distress, p.distress_default_prob, p.default_prob)
    live = np.asarray(alive, dtype=float) > 0
    dies = live & (np.asarray(default_u, dtype=float) < hazard)
    stays = live & ~dies
    dilute = p.distress_response == "dilute"
    raised = np.where(stays & distress, dec - avail, 0.0) if dilute else np.zeros(avail.shape)
    paid = np.where(stays, np.minimum(dec, avail + raised), 0.0)
    n = np.asarray(nominal, dtype=float)
    factor = np.where(raised > 0, n / np.where(raised > 0, n + raised, 1.0), 1.0)
    return {
        "paid": paid,
        "raised": raised,
        "cash": np.where(stays & ~distress, avail - paid, 0.0),
        "factor": factor,
        "distress": (distress & live).astype(float),
        "hazard": np.where(live, hazard, 0.0),
        "dies": dies.astype(float),
        "stays": stays.astype(float),
    }


def _paths(params: DeveloperParams, base_rate: Array, default_u: ArrayLike) -> dict[str, Array]:
    """:func:`developer_paths` from the years' profit rates before the cycle."""
    du = np.broadcast_to(np.asarray(default_u, dtype=float), base_rate.shape)
    p = params
    shape = base_rate.shape
    t_all = np.arange(shape[-1])
    selling = t_all > p.construction_years
    rate = base_rate * np.where(selling, cycle(p, t_all - p.construction_years), 0.0)
    declared = np.where(selling, dividend(p, 1.0, rate, 1.0), p.guaranteed_rate)
    keys: tuple[str, ...] = ("dividends", "alive", "recovery", "cash", "distress", "at_risk")
    keys += ("stake", "raised", "outsiders", "diluted", "short")
    out = {k: np.zeros(shape) for k in keys}
    cash = np.full(shape[:-1], p.reserve_fraction)
    alive = np.ones(shape[:-1])
    stake = np.ones(shape[:-1])  # the holders' share of the project's equity
    out["alive"][..., 0], out["cash"][..., 0], out["stake"][..., 0] = alive, cash, stake
    for t in range(1, shape[-1]):
        y = project_year(p, cash, rate[..., t], declared[..., t], alive, du[..., t], 1.0 / stake)
        recovered = p.recovery_fraction * y["dies"]
        back = y["paid"] + recovered
        out["dividends"][..., t] = stake * y["paid"]
        out["recovery"][..., t] = stake * recovered
        out["outsiders"][..., t] = (1.0 - stake) * back
        out["raised"][..., t] = y["raised"]
        out["distress"][..., t] = y["distress"]
        out["short"][..., t] = y["distress"] * y["stays"]
        out["at_risk"][..., t] = stake * y["hazard"]
        new_stake = stake * y["factor"]
        out["diluted"][..., t] = stake - new_stake
        cash, stake, alive = y["cash"], new_stake, y["stays"]
        out["alive"][..., t], out["cash"][..., t], out["stake"][..., t] = alive, cash, stake
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

    ``(1 - recovery_fraction) * E[stake * 1(the developer defaults in year t)]``
    (the stake is 1 unless ``distress_response="dilute"``): income net of
    expected capital losses is dividends less this (and
    :func:`expected_dilution_loss`) times the share capital held. Year 0 is 0.

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


def expected_dilution_loss(params: DeveloperParams, horizon_years: int = 20) -> Array:
    """Expected claim on principal lost to new equity in each year, per yuan of shares, 1/yr.

    ``E[stake_(t-1) - stake_t]`` while the developer is alive: 0 unless
    ``distress_response="dilute"``. With :func:`expected_default_loss` it is
    the expected principal the holders lose: ``1 - E[recovery + stake at the
    horizon if alive]`` (up to the default draws' sampling noise).

    Examples
    --------
    >>> from collective_econ.schemes.land_shares import LandSharesParams
    >>> float(expected_dilution_loss(LandSharesParams(), 20).sum())
    0.0
    >>> p = LandSharesParams(distress_response="dilute")
    >>> bool(0.0 < expected_dilution_loss(p, 20).sum() < 1.0)
    True
    """
    out: Array = np.array(expected_paths(params, check_horizon(horizon_years))["diluted"])
    return out


def _beta_ab(mean: float, sd: float) -> tuple[float, float] | None:
    var = min(sd**2, 0.99 * mean * (1.0 - mean))
    if var <= 0.0:
        return None
    k = mean * (1.0 - mean) / var - 1.0
    return mean * k, (1.0 - mean) * k
