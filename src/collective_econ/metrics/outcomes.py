"""Outcomes of land loss: restoration, winners and losers, paired differences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

from ..errors import ParameterError, ShapeError
from ..resources import MAX_YEARS
from ._checks import _checked, _conf, _data, _fits, _floats, _out, _ratio, _scalar, _weights

Floats = NDArray[np.float64]
_Test = Callable[[Floats], ArrayLike]


RESTORATION_RULES: tuple[str, ...] = ("sustained", "one_year")
"""The rules of :func:`restoration`: ``"sustained"`` (the default: a moving average of
``window`` years at or above the baseline) and ``"one_year"`` (any single year)."""

RESTORATION_WINDOW = 3
"""Years of the moving average of the sustained restoration rule (the default)."""


@dataclass(frozen=True, slots=True, eq=False)
class Restoration:
    """Livelihood restoration after land loss (:func:`restoration`).

    Attributes
    ----------
    restored_share : ndarray, shape (..., years)
        Share of households restored each year under the rule: income (one-year
        rule) or its trailing ``window``-year mean (sustained rule) at or above
        their baseline.
    years_to_restore : ndarray, shape (..., households)
        Years from land loss to the first year restored under the rule; NaN if never.
    rule : str
        ``"sustained"`` or ``"one_year"``.
    window : int
        Years of the moving average (1 under the one-year rule).
    """

    restored_share: Floats
    years_to_restore: Floats
    rule: str = "sustained"
    window: int = RESTORATION_WINDOW


def restoration(
    income: ArrayLike,
    baseline: ArrayLike,
    *,
    start: ArrayLike | None = None,
    rule: str = "sustained",
    window: int = RESTORATION_WINDOW,
) -> Restoration:
    r"""How many landless households regained their pre-expropriation income, and how fast.

    Parameters
    ----------
    income : array_like, shape (..., years, households)
        Income by year (yuan/person/year or yuan/household/year); finite.
    baseline : array_like, shape (households,) or (..., households)
        Each household's income before expropriation, same unit; finite.
    start : array_like of int, shape (households,) or (..., households), optional
        Year index at which each household lost its land, in [0, years - 1]; default 0.
    rule : {"sustained", "one_year"}, default "sustained"
        ``"sustained"``: restored in year t when the mean income of the ``window``
        years ending in t, all after land loss, is at or above the baseline.
        ``"one_year"``: restored in the first year whose income is at or above
        the baseline (one good year counts, however noisy).
    window : int, default 3
        Years of the moving average of the sustained rule, >= 1 (1 is the
        one-year rule); ignored under ``"one_year"``.

    Returns
    -------
    Restoration
        ``restored_share`` counts all households every year (before their own
        land loss too; under the sustained rule the trailing mean of the first
        ``window - 1`` years covers the years so far); ``years_to_restore`` is
        :math:`\min\{t \ge s_h + w - 1 : \bar y^{(w)}_{th} \ge b_h\} - s_h`, with
        :math:`\bar y^{(w)}_{th}` the mean of years :math:`t - w + 1 .. t` (so at
        least :math:`w - 1`; under the one-year rule :math:`w = 1` and 0 means
        never below).

    Raises
    ------
    ShapeError
        ``income`` not (..., years, households) non-empty; ``baseline`` or
        ``start`` not broadcastable to ``income.shape[:-2] + (households,)``.
    ParameterError
        ``income`` or ``baseline`` not finite; ``start`` not a whole year index;
        ``rule`` unknown; ``window`` not a whole number in [1, 200].

    Notes
    -----
    One year at the baseline is weak evidence that a livelihood is restored:
    incomes from wages, hogs and dividends swing from year to year, so under the
    one-year rule a household whose income touches its baseline once, then falls
    back, counts as restored. The sustained rule asks the same of a 3-year mean.

    References
    ----------
    .. [1] International Finance Corporation (2012). *Performance Standard 5: Land
       Acquisition and Involuntary Resettlement*, objectives (restore livelihoods).

    Examples
    --------
    Three households had 3,000 yuan per person before; four years of incomes
    (rows), the third household losing its land in year 1:

    >>> inc = [[2_000, 3_000, 3_500], [2_500, 2_800, 2_000], [3_100, 2_900, 2_600],
    ...        [3_200, 3_300, 3_000]]
    >>> r = restoration(inc, [3_000, 3_000, 3_000], start=[0, 0, 1], rule="one_year")
    >>> r.restored_share.round(2), r.years_to_restore
    (array([0.67, 0.  , 0.33, 1.  ]), array([2., 0., 2.]))

    Under the default rule only the second household's 3-year mean reaches 3,000
    (years 1-3):

    >>> restoration(inc, [3_000, 3_000, 3_000], start=[0, 0, 1]).years_to_restore
    array([nan,  3., nan])
    """
    if rule not in RESTORATION_RULES:
        raise ParameterError("rule", f"one of {list(RESTORATION_RULES)}", rule)
    ok_window = isinstance(window, int | np.integer) and not isinstance(window, bool)
    if not ok_window or not 1 <= window <= MAX_YEARS:
        raise ParameterError("window", f"a whole number of years in [1, {MAX_YEARS}]", window)
    w = 1 if rule == "one_year" else int(window)
    arr = _data(income, "income", min_ndim=2)[0]
    years, shape = arr.shape[-2], arr.shape[:-2] + arr.shape[-1:]
    base = _checked(baseline, "baseline")
    s = np.zeros(1) if start is None else _floats(start, "start")
    for name, val in (("baseline", base), ("start", s)):
        if not _fits(val, shape):
            raise ShapeError(
                f"{name} must broadcast to {shape} (..., households), got {val.shape}"
            )
    bounds = f"a whole year index within [0, {years - 1}]"
    s = _checked(s, "start", bounds, lambda a: (a == np.round(a)) & (a >= 0) & (a < years))
    base, s = np.broadcast_to(base, shape), np.broadcast_to(s, shape)
    t = np.arange(years)
    if w == 1:
        avg = arr
    else:  # trailing mean over the last min(w, t + 1) years
        cum = np.concatenate([np.zeros_like(arr[..., :1, :]), np.cumsum(arr, axis=-2)], -2)
        lo = np.maximum(t + 1 - w, 0)
        avg = (cum[..., t + 1, :] - cum[..., lo, :]) / np.minimum(w, t + 1)[:, None]
    ok = avg >= base[..., None, :]
    after = ok & (t[:, None] >= s[..., None, :] + w - 1)
    first = np.argmax(after, axis=-2) - s
    years_to = np.where(after.any(axis=-2), first, np.nan)
    return Restoration(ok.mean(axis=-1), years_to, rule, w)


def share_restored_within(years_to_restore: ArrayLike, k: float) -> float | Floats:
    """Share of households whose income was restored within ``k`` years of losing land.

    Parameters
    ----------
    years_to_restore : array_like, shape (..., households)
        From :func:`restoration`; NaN (never restored) counts as not restored.
    k : float
        Years, >= 0; within means ``years_to_restore <= k``.

    Returns
    -------
    float or ndarray, shape (...)
        Share of all households, in [0, 1].

    Raises
    ------
    ShapeError
        ``years_to_restore`` scalar or without households.
    ParameterError
        ``k`` negative or not finite.

    Examples
    --------
    >>> share_restored_within([2.0, 0.0, float("nan"), 5.0], 3)
    0.5
    """
    arr = _floats(years_to_restore, "years_to_restore")
    if arr.ndim == 0 or arr.shape[-1] == 0:
        raise ShapeError(f"years_to_restore must have households on its last axis: {arr.shape}")
    kk = _scalar(k, "k", "finite and >= 0", lambda v: v >= 0)
    return _out(np.mean(arr <= kk, axis=-1))


@dataclass(frozen=True, slots=True)
class WinnersLosers:
    """Population shares better off, worse off and no different under A than under B.

    Attributes
    ----------
    better, worse, same : float
        Shares (mean over replications), summing to 1.
    better_ci, worse_ci : tuple of float
        (low, high) confidence intervals, clipped to [0, 1].
    interval : str
        ``"t over replications"`` or ``"wilson over households"``.
    n : float
        Replications, or households' effective number (Kish) for Wilson.
    """

    better: float
    worse: float
    same: float
    better_ci: tuple[float, float]
    worse_ci: tuple[float, float]
    interval: str
    n: float


def wilson_interval(p: ArrayLike, n: ArrayLike, z: float) -> NDArray[np.float64]:
    """Wilson score interval of a proportion, shape ``(..., 2)`` (Wilson 1927).

    The library's one Wilson interval. ``p`` is the share in [0, 1] (unitless),
    ``n`` the sample size (households or futures; a Kish effective size may be
    fractional), ``z`` the normal quantile of the two-sided level. For whole ``n``
    it equals ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``,
    vectorised; ends are exact (0 when ``p`` is 0, 1 when ``p`` is 1).

    >>> wilson_interval(0.95, 20, 1.959964).round(3).tolist()
    [0.764, 0.991]
    """
    p, n = np.asarray(p, dtype=np.float64), np.asarray(n, dtype=np.float64)
    den = 1.0 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z / den * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    lo = np.where(p <= 0, 0.0, np.clip(mid - half, 0.0, 1.0))
    hi = np.where(p >= 1, 1.0, np.clip(mid + half, 0.0, 1.0))
    return np.stack([lo, hi], axis=-1)


def _wilson(p: float, n: float, z: float) -> tuple[float, float]:
    if not (n > 0 and np.isfinite(p)):
        return (np.nan, np.nan)
    lo, hi = wilson_interval(p, n, z)
    return (float(lo), float(hi))


def _t_interval(shares: Floats, conf: float) -> tuple[float, float]:
    """t-interval over replications' shares with one pseudo-replication at one half."""
    m = float(shares.mean())
    x = np.append(shares, 0.5)  # as the Jeffreys prior adds half a success, half a failure
    r = x.size
    half = float(stats.t.ppf((1 + conf) / 2, r - 1) * x.std(ddof=1) / np.sqrt(r))
    mid = float(x.mean())
    return (max(min(mid - half, m), 0.0), min(max(mid + half, m), 1.0))


def winners_losers(
    a: ArrayLike,
    b: ArrayLike,
    *,
    tolerance: float = 0.0,
    axis: int = -1,
    confidence: float = 0.95,
    weights: ArrayLike | None = None,
) -> WinnersLosers:
    r"""Who gains from policy A over policy B: paired shares of winners and losers.

    Parameters
    ----------
    a, b : array_like, shape (households,) or (replications, households)
        The same households' outcome under A and B (higher is better, e.g. income
        in yuan/person/year), paired by household and replication; finite.
    tolerance : float, default 0
        ``|a - b| <= tolerance`` counts as the same; >= 0, unit of ``a``.
    axis : int, default -1
        The households axis; the other, if any, is replications.
    confidence : float, default 0.95
        Level of the intervals, within (0, 1).
    weights : array_like, optional
        Population weights, >= 0, broadcastable to ``a.shape``.

    Returns
    -------
    WinnersLosers
        ``better`` (a > b + tolerance), ``worse`` (a < b - tolerance), ``same``,
        their intervals; NaN where the weights sum to 0.

    Raises
    ------
    ShapeError
        ``a`` not 1-D or 2-D or empty; ``b`` of another shape; ``weights`` not broadcastable.
    ParameterError
        A value not finite; a weight negative; ``tolerance`` < 0; ``confidence`` not in (0, 1).

    Notes
    -----
    With >= 2 replications: a t-interval over the :math:`R` per-replication
    shares (the model's randomness, not sampling of households), computed with
    one pseudo-replication at one half added to them, as the Jeffreys prior adds
    half a success and half a failure [2]_: :math:`\tilde s \pm t_{R} \tilde\sigma /
    \sqrt{R + 1}` over the :math:`R + 1` values, widened to hold the observed
    mean and clipped to [0, 1]. A plain t-interval has zero width when every
    replication gives the same share (all households better off in all 10
    replications: "100% (95% CI 100-100%)"), which 10 replications cannot
    support; with the pseudo-replication that case gives about 85-100% with 10
    replications and 98.5-100% with 100, and spread-out shares are widened by
    little. Otherwise (one replication): the Wilson score interval [1]_ over
    households, with Kish's effective number :math:`(\sum w)^2 / \sum w^2`.

    References
    ----------
    .. [1] Wilson, E. B. (1927). Probable inference, the law of succession, and
       statistical inference. *JASA* 22(158), 209-212.
    .. [2] Brown, L. D., Cai, T. T. and DasGupta, A. (2001). Interval estimation
       for a binomial proportion. *Statistical Science* 16(2), 101-133 (Jeffreys
       interval).

    Examples
    --------
    Five households' incomes per person (yuan a year) under 80% land shares (A)
    and cash compensation (B):

    >>> wl = winners_losers([3_000, 2_500, 4_000, 2_000, 3_100],
    ...                     [2_800, 2_500, 4_200, 1_500, 3_000], tolerance=150)
    >>> wl.better, wl.worse, wl.same, wl.interval
    (0.4, 0.2, 0.4, 'wilson over households')
    """
    x, ax = _data(a, "a", axis)
    y = _checked(b, "b")
    if x.ndim > 2:
        raise ShapeError(f"a must be (households,) or (replications, households), got {x.shape}")
    if y.shape != x.shape:
        raise ShapeError(f"b must have the shape of a {x.shape}, got {y.shape}")
    tol = _scalar(tolerance, "tolerance", "finite and >= 0", lambda v: v >= 0)
    conf = _conf(confidence)
    w = np.atleast_2d(np.moveaxis(_weights(weights, x.shape), ax, -1))
    d = np.atleast_2d(np.moveaxis(x - y, ax, -1))
    total = w.sum(axis=-1)
    better, worse, same = (
        _ratio(np.sum(w * m, axis=-1), total) for m in (d > tol, d < -tol, np.abs(d) <= tol)
    )
    if d.shape[0] >= 2:
        cis = [_t_interval(s, conf) for s in (better, worse)]
        interval, n = "t over replications", float(d.shape[0])
    else:
        z = float(special.ndtri((1 + conf) / 2))
        n = float(_ratio(total**2, np.sum(w**2, axis=-1))[0])
        cis = [_wilson(float(s[0]), n, z) for s in (better, worse)]
        interval = "wilson over households"
    b_, w_, s_ = (float(s.mean()) for s in (better, worse, same))
    return WinnersLosers(b_, w_, s_, cis[0], cis[1], interval, n)


@dataclass(frozen=True, slots=True, eq=False)
class PairedDifference:
    """Mean paired difference A - B, its t interval (low, high), standard error and n."""

    mean: float | Floats
    low: float | Floats
    high: float | Floats
    std_error: float | Floats
    n: int


def paired_difference(
    a: ArrayLike, b: ArrayLike, axis: int = 0, confidence: float = 0.95
) -> PairedDifference:
    r"""Mean difference between two policies' paired outcomes, with a t interval.

    Parameters
    ----------
    a, b : array_like, shape (..., replications, ...)
        An outcome (income in yuan, a Gini, a headcount ...) under A and B, paired
        by replication (common random numbers); finite, same shape.
    axis : int, default 0
        The replications axis.
    confidence : float, default 0.95
        Within (0, 1).

    Returns
    -------
    PairedDifference
        ``mean``, ``low``, ``high``, ``std_error`` (float, or shape of ``a``
        without ``axis``) in the outcome's unit; ``n`` replications.

    Raises
    ------
    ShapeError
        ``b`` of another shape than ``a``; fewer than 2 replications.
    ParameterError
        A value not finite; ``confidence`` not in (0, 1).

    Notes
    -----
    :math:`\bar d \pm t_{n-1,(1+c)/2}\, s_d / \sqrt n` with :math:`d_r = a_r - b_r`;
    pairing cancels the randomness the policies share [1]_.

    References
    ----------
    .. [1] Law, A. M. (2015). *Simulation Modeling and Analysis*, 5th ed., ch. 10
       (paired-t interval) and ch. 11 (common random numbers). McGraw-Hill.

    Examples
    --------
    Mean income per person (yuan a year) in 4 replications under land shares (A)
    and cash (B), with the same random numbers:

    >>> d = paired_difference([3_100, 2_900, 3_300, 3_000], [2_900, 2_800, 3_000, 2_900])
    >>> d.mean, round(d.low), round(d.high)
    (175.0, 23, 327)
    """
    x, ax = _data(a, "a", axis)
    y = _checked(b, "b")
    if y.shape != x.shape:
        raise ShapeError(f"b must have the shape of a {x.shape}, got {y.shape}")
    conf, n = _conf(confidence), x.shape[ax]
    if n < 2:
        raise ShapeError(f"a must have at least 2 replications along axis {axis}: {x.shape}")
    d = x - y
    m, se = d.mean(axis=ax), d.std(axis=ax, ddof=1) / np.sqrt(n)
    half = stats.t.ppf((1 + conf) / 2, n - 1) * se
    return PairedDifference(_out(m), _out(m - half), _out(m + half), _out(se), n)
