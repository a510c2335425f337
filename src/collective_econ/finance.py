r"""Discounted cash-flow measures, vectorised over many series at once.

Every function takes cash flows ``flows[..., t]`` in yuan, one column per
period (years in this library), and works on all leading axes at once
(stakeholders, Monte Carlo samples, policies). Rates are per period and
broadcast against ``flows.shape[:-1]``. One series and scalar rates give a
Python ``float``; arrays give arrays.

Warnings
--------
Column ``t = 0`` is the start and is **not** discounted, as in
``numpy_financial.npv``; a spreadsheet's ``NPV`` discounts its first value.

Examples
--------
The Caopijie hotel: 4,000,000 yuan invested, 350,000 yuan profit a year for
20 years.

>>> hotel = [-4_000_000] + [350_000] * 20
>>> round(npv(0.08, hotel)), round(irr(hotel), 4), round(payback_period(hotel), 2)
(-563648, 0.0604, 11.43)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import ParameterError, ParameterTypeError, ShapeError
from .params import Parameters, between, param
from .resources import check, loan_estimate

__all__ = [
    "DEFAULT_DISCOUNT_RATE",
    "LENDERS",
    "DiscountRates",
    "LoanSchedule",
    "annuity_payment",
    "benefit_cost_ratio",
    "irr",
    "loan_schedule",
    "mirr",
    "npv",
    "payback_period",
    "stakeholder_npv",
]

Floats = NDArray[np.float64]

_GRID = np.linspace(1.0, 0.0, 65)  # x = 1/(1+r) for r >= 0, y = 1+r for r < 0
_BLOCK = 1024  # series per block in irr: about 1 MB of grid values, stays in cache
_SMALL_GEMM = 2**17  # multiply-adds per BLAS call: below OpenBLAS's threading threshold
_XTOL = 1e-14  # Newton stops when a step moves log(x) by less than this
_MAX_ITER = 100  # a safeguard: steps at least halve, so about 60 always suffice
_EPS = float(np.finfo(np.float64).eps)
_NOISE = 8 * _EPS  # |NPV| under this times sum|v_t x^t| is rounding error
_TINY = float(np.finfo(np.float64).tiny)  # lower end of the search in x
_ABOVE_MINUS_ONE = float(np.nextafter(-1.0, 0.0))  # where 1 + r below eps rounds to


def _floats(value: ArrayLike, name: str) -> Floats:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ParameterTypeError(name, "a number or an array of numbers", value) from None


def _numbers(
    value: ArrayLike, name: str, rule: str, test: Callable[[Floats], NDArray[np.bool_]]
) -> Floats:
    arr = _floats(value, name)
    ok = np.isfinite(arr) & test(arr)
    if not ok.all():
        raise ParameterError(name, rule, float(arr[~ok][0]))
    return arr


def _flows(value: ArrayLike, name: str = "flows") -> Floats:
    arr = _floats(value, name)
    if arr.ndim == 0 or arr.shape[-1] == 0:
        raise ShapeError(f"{name} must have at least one period on its last axis, got {arr.shape}")
    bad = ~np.isfinite(arr)
    if bad.any():
        where = ", ".join(str(i) for i in np.argwhere(bad)[0])
        raise ParameterError(f"{name}[{where}]", "finite", float(arr[bad][0]))
    return arr


def _rate(value: ArrayLike, name: str, lead: tuple[int, ...]) -> Floats:
    arr = _numbers(value, name, "finite and > -1", lambda a: a > -1.0)
    try:
        np.broadcast_shapes(arr.shape, lead)
    except ValueError:
        msg = f"{name} must broadcast against flows.shape[:-1] = {lead}, got shape {arr.shape}"
        raise ShapeError(msg) from None
    return arr


def _scalar(arr: Floats, name: str) -> float:
    if arr.ndim != 0:
        raise ShapeError(f"{name} must be one number, got shape {arr.shape}")
    return float(arr)


def _out(arr: Floats) -> float | Floats:
    return float(arr) if arr.ndim == 0 else arr


def _pv(rate: Floats, flows: Floats) -> Floats:
    disc = (1.0 + rate[..., None]) ** -np.arange(flows.shape[-1], dtype=np.float64)
    if disc.ndim == 1:
        return np.asarray(flows @ disc, dtype=np.float64)
    return np.asarray(np.einsum("...t,...t->...", flows, disc), dtype=np.float64)


def npv(rate: ArrayLike, flows: ArrayLike) -> float | Floats:
    r"""Net present value of cash flows, in yuan at ``t = 0``.

    Parameters
    ----------
    rate : float or array_like, shape broadcastable to ``flows.shape[:-1]``
        Discount rate per period, finite and > -1.
    flows : array_like, shape (..., T)
        Cash flows in yuan per period, ``t = 0`` first.

    Returns
    -------
    float or ndarray, shape ``broadcast(rate.shape, flows.shape[:-1])``
        Net present value in yuan.

    Raises
    ------
    ShapeError
        If ``flows`` has no periods or ``rate`` does not broadcast.
    ParameterError
        If ``rate <= -1`` or a value is not finite.

    Warnings
    --------
    ``flows[..., 0]`` is not discounted (numpy-financial's convention).

    Notes
    -----
    One dot product per series with the discount vector:

    .. math:: \mathrm{NPV}(r) = \sum_{t=0}^{T-1} v_t (1 + r)^{-t}

    Examples
    --------
    The Caopijie hotel (4,000,000 yuan for 350,000 yuan a year over 20 years)
    and a 4,400,000-yuan variant, at 5% and 8% (rates (2, 1), flows (2, 21)):

    >>> hotel = [-4_000_000] + [350_000] * 20
    >>> npv([[0.05], [0.08]], [hotel, [-4_400_000] + [350_000] * 20]).round()
    array([[ 361774.,  -38226.],
           [-563648., -963648.]])
    """
    cash = _flows(flows)
    return _out(_pv(_rate(rate, "rate", cash.shape[:-1]), cash))


def _horner(coef: Floats, size: Floats, x: Floats) -> tuple[Floats, Floats, Floats]:
    """``sum(coef[t] x**t)``, its derivative, and ``sum(size[t] x**t)``; (T, n) arrays."""
    p, m, dp = coef[-1].copy(), size[-1].copy(), np.zeros_like(x)
    for row, mag in zip(coef[-2::-1], size[-2::-1], strict=True):
        dp *= x
        dp += p
        p *= x
        p += row
        m *= x
        m += mag
    return p, dp, m


def _small_products(a: Floats, b: Floats) -> Floats:
    """``a @ b`` as a stack of products small enough for BLAS to run on one thread.

    Threaded BLAS spin-waits after each call; on a shared 2-core machine that stole
    the core from the element-wise work and made irr 5 times slower.
    """
    rows = max(1, _SMALL_GEMM // (b.shape[0] * b.shape[1]))
    full = a.shape[0] - a.shape[0] % rows
    out = np.empty((a.shape[0], b.shape[1]))
    out[:full] = (a[:full].reshape(-1, rows, a.shape[1]) @ b).reshape(full, b.shape[1])
    out[full:] = a[full:] @ b
    return out


def _largest_root(coef: Floats, vander: Floats) -> Floats:
    """Largest root in (0, 1] of ``sum(coef[:, t] x**t)`` that is a sign change or a grid zero.

    ``coef`` is (n, T) and ``vander`` is ``_GRID ** t`` (T, G); NaN where there is none.
    """
    rows = np.arange(coef.shape[0])
    vals = _small_products(coef, vander)  # (n, G); |x| <= 1, so nothing overflows
    nonzero = coef != 0
    vals[:, -1] = coef[rows, np.argmax(nonzero, axis=1)]  # sign as x -> 0+ (x = 0 is no root)
    vals[np.abs(vals[:, 0]) <= _NOISE * np.abs(coef).sum(axis=1), 0] = 0.0  # flows sum to ~0
    sign = (vals > 0).view(np.int8) - (vals < 0).view(np.int8)
    event = sign[:, :-1] * sign[:, 1:] <= 0  # a root on a grid point or inside a cell
    k = np.argmax(event, axis=1)  # the first event, scanning down from x = 1
    on_k, on_next = sign[rows, k] == 0, sign[rows, k + 1] == 0
    root = np.where(on_k, _GRID[k], np.where(on_next, _GRID[k + 1], np.nan))
    found = event[rows, k] & nonzero.any(axis=1)
    root[~found] = np.nan
    todo = np.flatnonzero(found & ~on_k & ~on_next)
    k = k[todo]
    hi, lo, f_hi, f_lo = _GRID[k], _GRID[k + 1], vals[todo, k], vals[todo, k + 1]
    s_hi = sign[todo, k]
    x = hi - f_hi * (hi - lo) / (f_hi - f_lo)  # regula falsi start
    # iterate on u = log(x): Newton stays fast for roots near x = 0 (r near -1 or huge)
    u_hi, u_lo = np.log(hi), np.log(np.maximum(lo, _TINY))
    u = np.where((x > lo) & (x < hi), np.log(np.maximum(x, _TINY)), 0.5 * (u_lo + u_hi))
    last = u_hi - u_lo
    ct = np.ascontiguousarray(coef[todo].T)
    at = np.abs(ct)
    for _ in range(_MAX_ITER):
        x = np.exp(u)
        p, dp, m = _horner(ct, at, x)
        above = np.sign(p) == s_hi
        u_hi, u_lo = np.where(above, u, u_hi), np.where(above, u_lo, u)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            step = p / (x * dp)  # Newton in u; bisect if it leaves the bracket or stalls
        bisect = ~((u - step > u_lo) & (u - step < u_hi)) | (np.abs(step) > 0.5 * np.abs(last))
        new = np.where(bisect, 0.5 * (u_lo + u_hi), u - step)
        last = new - u
        noise = np.abs(p) <= _NOISE * m  # p is rounding error: x is as good as it gets
        done = noise | (np.abs(last) <= _XTOL) | (u_hi - u_lo <= _XTOL)
        root[todo[done]] = np.where(noise, x, np.exp(new))[done]
        keep = ~done
        if not keep.any():
            return root
        todo, u, u_lo, u_hi, s_hi = todo[keep], new[keep], u_lo[keep], u_hi[keep], s_hi[keep]
        ct, at, last = ct[:, keep], at[:, keep], last[keep]
    root[todo] = np.exp(u)  # not reached in practice; inside a tiny bracket anyway
    return root


def irr(flows: ArrayLike) -> float | Floats:
    r"""Internal rate of return of each series: the root of NPV closest to zero.

    Parameters
    ----------
    flows : array_like, shape (..., T)
        Cash flows in yuan per period, ``t = 0`` first.

    Returns
    -------
    float or ndarray, shape ``flows.shape[:-1]``
        The rate per period, > -1. NaN where NPV has no root at which it
        changes sign: flows of one sign, or all zero.

    Raises
    ------
    ShapeError
        If ``flows`` has no periods.
    ParameterError
        If a flow is not finite.

    Warnings
    --------
    ``flows[..., 0]`` is not discounted (numpy-financial's convention).

    Notes
    -----
    The IRR solves :math:`\sum_{t=0}^{T-1} v_t (1 + r)^{-t} = 0` for
    :math:`r > -1`.

    **Several roots:** the root closest to zero is returned (the positive
    one if two are equally close). numpy_financial.irr states the same rule
    but may pick a different root, or return one where this returns NaN,
    because it takes every real root of the polynomial: roots where NPV
    touches zero without crossing it, and pairs of roots inside one grid
    cell, are not found here.

    Method, on all series at once: rates ``r >= 0`` are searched in
    :math:`x = 1/(1+r)` and rates ``r < 0`` in :math:`y = 1 + r`, both in
    (0, 1], so nothing overflows. NPV on 65 equally spaced points (matrix
    products) brackets the sign changes in cells of width 1/64 (0.016
    in rate near 0). The bracket nearest ``r = 0`` on each side is refined
    by Newton's method on :math:`\log x`, with bisection whenever a step
    leaves the bracket or fails to halve, until a step is under 1e-14
    (relative in :math:`x`) or NPV is down to rounding error: about 1e-13
    in rate for rates up to 10. A root with :math:`1 + r` below 2.2e-16 is
    returned as the float just above -1.

    Examples
    --------
    The Caopijie hotel returns 6.0% a year on 4,000,000 yuan, 4.9% on 4,400,000:

    >>> irr([[-4_000_000] + [350_000] * 20, [-4_400_000] + [350_000] * 20]).round(4)
    array([0.0604, 0.049 ])

    A project with a final clean-up cost has roots 10% and 20%; flows that
    never change sign have none:

    >>> round(irr([-100, 230, -132]), 12), irr([100, 50, 20])
    (0.1, nan)

    Flows near the largest float are scaled before NPV is summed, so nothing overflows:

    >>> round(irr([-1e308, 1e308, 1e308]), 10)  # the golden ratio less 1, (sqrt(5) - 1) / 2
    0.6180339887
    """
    cash = _flows(flows)
    series = cash.reshape(-1, cash.shape[-1])
    # The roots do not change when a series is scaled; scaling each to a largest flow of 1
    # keeps NPV's sums from overflowing (flows near 1e308) or underflowing (denormals).
    scale = np.abs(series).max(axis=1, keepdims=True)
    series = series / np.where(scale > 0, scale, 1.0)
    vander = _GRID ** np.arange(cash.shape[-1], dtype=np.float64)[:, None]
    out = np.empty(series.shape[0])
    for i in range(0, series.shape[0], _BLOCK):  # blocks of series, not a loop over series
        block = series[i : i + _BLOCK]
        x, y = np.split(_largest_root(np.concatenate([block, block[:, ::-1]]), vander), 2)
        up = (1.0 - x) / x
        down = np.maximum(y - 1.0, _ABOVE_MINUS_ONE)  # NPV (1+r)^(T-1) is the reversed series in y
        out[i : i + _BLOCK] = np.where(np.isnan(up) | (np.abs(down) < np.abs(up)), down, up)
    return _out(out.reshape(cash.shape[:-1]))


def mirr(flows: ArrayLike, finance_rate: ArrayLike, reinvest_rate: ArrayLike) -> float | Floats:
    r"""Modified internal rate of return of each series.

    Parameters
    ----------
    flows : array_like, shape (..., T)
        Cash flows in yuan per period, ``t = 0`` first.
    finance_rate : float or array_like, shape broadcastable to ``flows.shape[:-1]``
        Rate per period paid on the money that funds the outflows, > -1.
    reinvest_rate : float or array_like, shape broadcastable to ``flows.shape[:-1]``
        Rate per period earned on the inflows until ``t = T - 1``, > -1.

    Returns
    -------
    float or ndarray, shape ``broadcast(finance_rate, reinvest_rate, flows.shape[:-1])``
        The rate per period; NaN where a series has no negative or no
        positive flow (MIRR is then undefined).

    Raises
    ------
    ShapeError
        If ``flows`` has no periods or a rate does not broadcast.
    ParameterError
        If a rate is <= -1 or a value is not finite.

    Warnings
    --------
    ``flows[..., 0]`` is not discounted (numpy-financial's convention).

    Notes
    -----
    .. math:: \mathrm{MIRR} = \left(\frac{\sum_{v_t > 0} v_t (1 + r_r)^{T-1-t}}
              {-\sum_{v_t < 0} v_t (1 + r_f)^{-t}}\right)^{1/(T-1)} - 1

    Examples
    --------
    The Caopijie hotel, financed at 6% and reinvesting its profit at 4%:

    >>> round(mirr([-4_000_000] + [350_000] * 20, 0.06, 0.04), 4)
    0.049
    """
    cash = _flows(flows)
    lead, t_len = cash.shape[:-1], cash.shape[-1]
    fin = _rate(finance_rate, "finance_rate", lead)
    rei = _rate(reinvest_rate, "reinvest_rate", lead)
    shape = np.broadcast_shapes(fin.shape, rei.shape, lead)
    if t_len == 1:
        return _out(np.full(shape, np.nan))
    ok = (cash > 0).any(axis=-1) & (cash < 0).any(axis=-1)
    gains = _pv(rei, np.where(cash > 0, cash, 0.0))
    costs = -_pv(fin, np.where(cash < 0, cash, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (gains / costs) ** (1.0 / (t_len - 1)) * (1.0 + rei) - 1.0
    return _out(np.where(ok, out, np.nan))


def payback_period(flows: ArrayLike, rate: ArrayLike = 0.0) -> float | Floats:
    r"""Simple (``rate = 0``) or discounted payback period, in periods.

    Parameters
    ----------
    flows : array_like, shape (..., T)
        Cash flows in yuan per period, ``t = 0`` first.
    rate : float or array_like, shape broadcastable to ``flows.shape[:-1]``
        Discount rate per period, > -1; 0 gives the simple payback.

    Returns
    -------
    float or ndarray, shape ``broadcast(rate.shape, flows.shape[:-1])``
        Periods after ``t = 0``, fractional. 0 where the cumulative flow is
        never negative; NaN where it is still negative at ``t = T - 1``.

    Raises
    ------
    ShapeError
        If ``flows`` has no periods or ``rate`` does not broadcast.
    ParameterError
        If ``rate <= -1`` or a value is not finite.

    Warnings
    --------
    ``flows[..., 0]`` is not discounted (numpy-financial's convention).

    Notes
    -----
    **Rule:** with cumulative discounted flows :math:`C_t = \sum_{s \le t}
    v_s (1+r)^{-s}`, :math:`k` is the first period after which :math:`C`
    never goes negative again (:math:`C_{k-1} < 0 \le C_t` for all
    :math:`t \ge k`); a dip below zero later on (a refit) resets it. The
    payback interpolates linearly within period :math:`k`:

    .. math:: k - 1 + \frac{-C_{k-1}}{C_k - C_{k-1}}

    An outlay :math:`C` then equal inflows :math:`A` pay back in :math:`C/A`
    periods (exactly, for whole-yuan amounts).

    Examples
    --------
    The Caopijie hotel pays back in 11.4 years, but at 8% not within 20:

    >>> hotel = [-4_000_000] + [350_000] * 20
    >>> round(payback_period(hotel), 2), payback_period(hotel, 0.08)
    (11.43, nan)
    """
    cash = _flows(flows)
    t_len = cash.shape[-1]
    r = _rate(rate, "rate", cash.shape[:-1])
    step = cash * (1.0 + r[..., None]) ** -np.arange(t_len, dtype=np.float64)
    cum = np.cumsum(step, axis=-1)
    neg = cum < 0
    k = np.where(neg.any(axis=-1), t_len - np.argmax(neg[..., ::-1], axis=-1), 0)
    kk = np.minimum(k, t_len - 1)[..., None]
    c_prev = np.take_along_axis(cum, np.maximum(kk - 1, 0), axis=-1)[..., 0]
    v_k = np.take_along_axis(step, kk, axis=-1)[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = ((k - 1) * v_k - c_prev) / v_k
    return _out(np.where(k == 0, 0.0, np.where(k == t_len, np.nan, frac)))


def benefit_cost_ratio(benefits: ArrayLike, costs: ArrayLike, rate: ArrayLike) -> float | Floats:
    r"""Present value of benefits over present value of costs.

    Parameters
    ----------
    benefits : array_like, shape (..., T)
        Benefits in yuan per period, ``t = 0`` first.
    costs : array_like, shape (..., T)
        Costs in yuan per period as positive amounts; same shape as ``benefits``.
    rate : float or array_like, shape broadcastable to ``benefits.shape[:-1]``
        Discount rate per period, > -1.

    Returns
    -------
    float or ndarray, shape ``broadcast(rate.shape, benefits.shape[:-1])``
        The ratio; infinite where costs are all zero (NaN if benefits are too).

    Raises
    ------
    ShapeError
        If the shapes differ or have no periods, or ``rate`` does not broadcast.
    ParameterError
        If a cost is negative, ``rate <= -1`` or a value is not finite.

    Warnings
    --------
    Column ``t = 0`` is not discounted (numpy-financial's convention).

    Notes
    -----
    .. math:: \mathrm{BCR} = \sum_t b_t (1+r)^{-t} \Big/ \sum_t c_t (1+r)^{-t}

    Examples
    --------
    A household puts 80% of its 40,000-yuan land compensation in shares and
    draws an 8% dividend, 2,560 yuan a year for 20 years. At 5% this barely
    covers the 32,000 yuan:

    >>> round(benefit_cost_ratio([0] + [2_560] * 20, [32_000] + [0] * 20, 0.05), 3)
    0.997
    """
    ben, cst = _flows(benefits, "benefits"), _flows(costs, "costs")
    if ben.shape != cst.shape:
        msg = f"benefits and costs must have the same shape, got {ben.shape} and {cst.shape}"
        raise ShapeError(msg)
    if (cst < 0).any():
        raise ParameterError("costs", ">= 0 (costs are positive amounts)", float(cst[cst < 0][0]))
    r = _rate(rate, "rate", ben.shape[:-1])
    with np.errstate(divide="ignore", invalid="ignore"):
        return _out(_pv(r, ben) / _pv(r, cst))


def annuity_payment(rate: ArrayLike, periods: ArrayLike, principal: ArrayLike) -> float | Floats:
    r"""Level payment per period that repays a loan in ``periods`` payments.

    Parameters
    ----------
    rate : float or array_like
        Interest rate per period, > -1 (0 allowed).
    periods : float or array_like
        Number of payments, > 0.
    principal : float or array_like
        Amount borrowed at ``t = 0``, in yuan.

    Returns
    -------
    float or ndarray, shape ``broadcast(rate, periods, principal)``
        Payment in yuan per period, made at each period's end; positive
        for a payment made (``numpy_financial.pmt`` gives it negative).

    Raises
    ------
    ShapeError
        If the arguments do not broadcast together.
    ParameterError
        If ``rate <= -1``, ``periods <= 0`` or a value is not finite.

    Notes
    -----
    .. math:: A = P \frac{r}{1 - (1 + r)^{-n}}, \qquad A = \frac{P}{n} \text{ if } r = 0

    Examples
    --------
    A household borrows 200,000 yuan over 15 years at 7.5% a year, paid monthly:

    >>> round(annuity_payment(0.075 / 12, 15 * 12, 200_000), 2)
    1854.02
    """
    r = _numbers(rate, "rate", "finite and > -1", lambda a: a > -1.0)
    n = _numbers(periods, "periods", "finite and > 0", lambda a: a > 0.0)
    p = _numbers(principal, "principal", "finite", lambda a: np.ones_like(a, dtype=bool))
    try:
        np.broadcast_shapes(r.shape, n.shape, p.shape)
    except ValueError:
        shapes = f"{r.shape}, {n.shape} and {p.shape}"
        raise ShapeError(f"rate, periods and principal must broadcast, got {shapes}") from None
    with np.errstate(divide="ignore", invalid="ignore"):
        level = p * (r / -np.expm1(-n * np.log1p(r)))
    return _out(np.where(np.abs(r) * (n + 1) < _EPS, p / n, level))  # r ~ 0: P/n to rounding


@dataclass(frozen=True, slots=True)
class LoanSchedule:
    """A loan's repayment plan: read-only arrays, one entry per period, yuan.

    Attributes
    ----------
    payment : ndarray, shape (periods,)
        Paid by the borrower at the end of each period.
    interest : ndarray, shape (periods,)
        The part of ``payment`` that is interest.
    principal : ndarray, shape (periods,)
        The part of ``payment`` that repays principal.
    balance : ndarray, shape (periods,)
        Principal still owed after the payment; the last entry is 0.
    """

    payment: Floats
    interest: Floats
    principal: Floats
    balance: Floats


def loan_schedule(
    principal: float, rate: float, periods: int, *, interest_only_periods: int = 0
) -> LoanSchedule:
    r"""Repayment schedule of a loan: interest only at first, then a level annuity.

    Parameters
    ----------
    principal : float
        Amount borrowed at ``t = 0``, in yuan, >= 0.
    rate : float
        Interest rate per period, > -1.
    periods : int
        Number of payments, >= 1.
    interest_only_periods : int, optional
        Leading periods that pay interest only (while a hotel is built);
        ``0 <= interest_only_periods < periods``.

    Returns
    -------
    LoanSchedule
        Arrays of length ``periods``.

    Raises
    ------
    ParameterError
        If an argument breaks its rule (``ParameterTypeError``, also a
        ``TypeError``, if a count is not a whole number).
    MemoryBudgetError
        If the schedule's arrays would take more than the memory limit
        (:func:`collective_econ.resources.check`), before allocating them.

    Notes
    -----
    After :math:`m` interest-only periods, :math:`n = N - m` level payments
    :math:`A` (:func:`annuity_payment`) leave the balance

    .. math:: B_k = P \left(1 - \frac{(1+r)^k - 1}{(1+r)^n - 1}\right),

    exactly 0 at :math:`k = n`. Interest is :math:`r B_{k-1}` and the
    principal repaid :math:`A - r B_{k-1}`.

    Examples
    --------
    A 100,000-yuan loan at 6% over 3 years, interest only in the first:

    >>> s = loan_schedule(100_000, 0.06, 3, interest_only_periods=1)
    >>> s.payment.round(2), s.balance.round(2)
    (array([ 6000.  , 54543.69, 54543.69]), array([100000.  ,  51456.31,      0.  ]))
    """
    for name, count in (("periods", periods), ("interest_only_periods", interest_only_periods)):
        if isinstance(count, bool) or not isinstance(count, int | np.integer):
            raise ParameterTypeError(name, "a whole number", count)
    if periods < 1:
        raise ParameterError("periods", ">= 1", periods)
    if not 0 <= interest_only_periods < periods:
        rule = f"within [0, periods - 1 = {periods - 1}]"
        raise ParameterError("interest_only_periods", rule, interest_only_periods)
    check(loan_estimate(int(periods)))  # before the arrays are allocated
    given = _numbers(principal, "principal", "finite and >= 0", lambda a: a >= 0.0)
    p = _scalar(given, "principal")
    r = _scalar(_numbers(rate, "rate", "finite and > -1", lambda a: a > -1.0), "rate")
    m, n = int(interest_only_periods), int(periods - interest_only_periods)
    k = np.arange(n + 1, dtype=np.float64)
    if abs(r) * (n + 1) < _EPS:  # as in annuity_payment: r ~ 0 (even subnormal)
        repaid = k / n
    else:
        repaid = np.expm1(k * np.log1p(r)) / np.expm1(n * np.log1p(r))
    owed = p * (1.0 - repaid)  # owed[0] = p, owed[n] = 0 exactly
    payment = np.concatenate([np.full(m, r * p), np.full(n, annuity_payment(r, n, p))])
    interest = np.concatenate([np.full(m, r * p), r * owed[:-1]])
    balance = np.concatenate([np.full(m, p), owed[1:]])
    arrays = (payment, interest, payment - interest, balance)
    for arr in arrays:
        arr.setflags(write=False)
    return LoanSchedule(*arrays)


DEFAULT_DISCOUNT_RATE = 0.08
"""Real discount rate for appraisals: China's social discount rate of 8% (NDRC and
Ministry of Construction, *Methods and Parameters for the Economic Evaluation of
Construction Projects*, 3rd ed., 2006; well-known)."""


LENDERS: tuple[str, ...] = ("bank",)
"""Stakeholders discounted at the lender's rate: the appraisal's ``bank`` and the
simulation's ``bank`` group (banks and rural credit cooperatives)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscountRates(Parameters):
    """The real discount rate of each stakeholder's NPV: the one rule of appraisal and simulation.

    Every stakeholder is discounted at the social rate except a lender (:data:`LENDERS`),
    whose NPV is at its own opportunity cost of funds: a bank appraised at 8% would lose
    on any loan at the 5.94% it charges, whatever the borrower does.

    Examples
    --------
    >>> r = DiscountRates()
    >>> r.of("households"), r.of("bank")
    (0.08, 0.015)
    >>> DiscountRates(social=0.05).of("government")
    0.05
    """

    social: float = param(
        DEFAULT_DISCOUNT_RATE,
        unit="1/year (real)",
        rule=between(-1.0, 1.0, lo_open=True),
        source="NDRC and Ministry of Construction, Methods and Parameters for the Economic "
        "Evaluation of Construction Projects, 3rd ed., 2006: social discount rate 8% (well-known)",
        doc="households, collectives, developer, government, firms, the market and the "
        "outside workers the jobs scheme displaces",
    )
    lender: float = param(
        0.015,
        unit="1/year (real)",
        rule=between(-1.0, 1.0, lo_open=True),
        source="estimate: the lender's cost of funds, the 1-yr deposit rate 2.25-3.50% "
        "(2008-2012, domain-reference.md §5a) plus about 1% of operating costs, less 2.5% "
        "CPI inflation a year (prices.py), about 1.5% real; range 0-3.5% (the upper end: "
        "the >5-yr loan rate 5.94% less inflation, the loan market's rate)",
        doc="banks and rural credit cooperatives (LENDERS): their opportunity cost of funds",
    )

    def of(self, stakeholder: str) -> float:
        """The rate ``stakeholder`` (an appraisal stakeholder or a simulation group) is at."""
        return self.lender if str(stakeholder) in LENDERS else self.social

    def for_each(self, stakeholders: Sequence[str]) -> Floats:
        """The rates of ``stakeholders`` in order, shape (len(stakeholders),)."""
        return np.array([self.of(s) for s in stakeholders], dtype=np.float64)


def stakeholder_npv(
    flows: ArrayLike, stakeholders: Sequence[str], rates: DiscountRates | float | None = None
) -> Floats:
    """NPV of each stakeholder's flows at its own rate (:class:`DiscountRates`), yuan.

    The one formula of the appraisal (:meth:`~collective_econ.schemes.base.Appraisal.npv`)
    and the simulation's stakeholder outcomes (``npv_<group>``).

    Parameters
    ----------
    flows : array_like, shape (..., len(stakeholders), T)
        Yearly flows, ``t = 0`` undiscounted.
    stakeholders : sequence of str
        The names of axis -2 (``"bank"`` is discounted at the lender's rate).
    rates : DiscountRates or float, optional
        The rates; a float is one rate for every stakeholder; default ``DiscountRates()``.

    Examples
    --------
    >>> loan = [[100.0, -106.0], [-100.0, 106.0]]  # the bank lends a firm 100 at 6%
    >>> stakeholder_npv(loan, ("firm", "bank")).round(2)
    array([1.85, 4.43])
    """
    arr = _floats(flows, "flows")
    if arr.ndim < 2 or arr.shape[-2] != len(stakeholders):
        raise ShapeError(f"flows must have shape (..., {len(stakeholders)}, T), got {arr.shape}")
    if rates is None or isinstance(rates, DiscountRates):
        rate: ArrayLike = (rates or DiscountRates()).for_each(stakeholders)
    else:
        rate = rates
    return np.asarray(npv(rate, arr), dtype=np.float64)
