r"""Distributional outcomes: inequality, poverty, livelihood restoration, winners and losers.

Pure numpy functions over simulated incomes, in yuan per person per year (real
2010 yuan) unless a function says otherwise. Households (or persons) lie along
``axis``; other axes (replications, years) are kept, and one distribution gives a
``float``. ``weights`` are population weights (household size when incomes are
per person and the unit is persons), finite and >= 0, broadcast to the data's
shape. Argument errors raise (``ShapeError`` names the argument, ``ParameterError``
the field, rule and value); an ill-posed *result* is NaN for a documented reason
(weights summing to 0; a Gini whose mean income is not positive). Negative incomes
(a loss year) are allowed. Definitions and how to read them: ``docs/metrics.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

from .errors import ParameterError, ParameterTypeError, ShapeError
from .schemes.safety_net import (
    DIBAO_LINE_MONTH_2010,
    NATIONAL_RURAL_POVERTY_LINE,
    NATIONAL_URBAN_DIBAO_MONTH_2010,
)

__all__ = [
    "POVERTY_LINES",
    "POVERTY_LINE_SOURCES",
    "PairedDifference",
    "Restoration",
    "WinnersLosers",
    "fgt",
    "gini",
    "income_shares",
    "lorenz",
    "paired_difference",
    "restoration",
    "share_restored_within",
    "weighted_quantile",
    "winners_losers",
]

Floats = NDArray[np.float64]
_Test = Callable[[Floats], ArrayLike]

POVERTY_LINES: Mapping[str, float] = MappingProxyType(
    {
        "national_rural": NATIONAL_RURAL_POVERTY_LINE,
        "national_rural_pre2011": 1_274.0,
        "dibao_yun_county": 12 * DIBAO_LINE_MONTH_2010,
        "dibao_urban_national": 12 * NATIONAL_URBAN_DIBAO_MONTH_2010,
    }
)
"""Named poverty lines, yuan/person/year, 2010 prices (read-only); see POVERTY_LINE_SOURCES."""

POVERTY_LINE_SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "national_rural": "rural line adopted 29 Nov 2011 (domain-reference.md §7, sourced)",
        "national_rural_pre2011": "rural line of 2010 (domain-reference.md §7, sourced)",
        "dibao_yun_county": "12 x 220/month, Yun County urban dibao 2010 (§7/§8, estimate)",
        "dibao_urban_national": "12 x 251/month, national urban dibao 2010 (§7, well-known)",
    }
)
"""Where each of :data:`POVERTY_LINES` comes from."""


def _floats(value: ArrayLike, name: str) -> Floats:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ParameterTypeError(name, "a number or an array of numbers", value) from None


def _checked(
    value: ArrayLike, name: str, rule: str = "finite", test: _Test | None = None
) -> Floats:
    arr = _floats(value, name)
    bad = ~np.isfinite(arr) if test is None else ~(np.isfinite(arr) & np.asarray(test(arr)))
    if bad.any():
        where = ", ".join(str(i) for i in np.argwhere(bad)[0])
        raise ParameterError(f"{name}[{where}]" if where else name, rule, float(arr[bad][0]))
    return arr


def _scalar(value: float, name: str, rule: str, test: Callable[[float], bool]) -> float:
    v = _floats(value, name)
    if v.ndim != 0 or not np.isfinite(v) or not test(float(v)):
        raise ParameterError(name, rule, value)
    return float(v)


def _conf(value: float) -> float:
    return _scalar(value, "confidence", "within (0, 1)", lambda v: 0.0 < v < 1.0)


def _data(value: ArrayLike, name: str, axis: int = -1, min_ndim: int = 1) -> tuple[Floats, int]:
    """Finite values with >= ``min_ndim`` axes, non-empty along ``axis`` (made negative)."""
    arr = _checked(value, name)
    if arr.ndim < min_ndim:
        raise ShapeError(f"{name} must have at least {min_ndim} axes, got shape {arr.shape}")
    if not -arr.ndim <= axis < arr.ndim:
        raise ParameterError("axis", f"within [{-arr.ndim}, {arr.ndim - 1}]", axis)
    ax = axis - arr.ndim if axis >= 0 else axis
    if arr.shape[ax] == 0 or 0 in arr.shape[arr.ndim - min_ndim + 1 :]:
        raise ShapeError(f"{name} must not be empty along axis {axis}, got shape {arr.shape}")
    return arr, ax


def _fits(arr: Floats, shape: tuple[int, ...]) -> bool:
    try:
        return np.broadcast_shapes(arr.shape, shape) == shape
    except ValueError:
        return False


def _weights(weights: ArrayLike | None, shape: tuple[int, ...]) -> Floats:
    if weights is None:
        return np.ones(shape)
    w = _floats(weights, "weights")
    if not _fits(w, shape):
        raise ShapeError(f"weights must broadcast to the data's shape {shape}, got {w.shape}")
    return np.broadcast_to(_checked(w, "weights", "finite and >= 0", lambda a: a >= 0), shape)


def _ratio(num: ArrayLike, den: ArrayLike, ok: ArrayLike = True) -> Floats:
    """``num / den`` where ``ok`` and ``den != 0``, NaN elsewhere, without warnings."""
    n, d = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    out = np.full(n.shape, np.nan)
    np.divide(n, d, out=out, where=np.asarray(ok) & (d != 0))
    return out


def _out(arr: Floats) -> float | Floats:
    return float(arr) if arr.ndim == 0 else arr


def _sorted(x: ArrayLike, weights: ArrayLike | None, axis: int) -> tuple[Floats, Floats]:
    """Values and weights with ``axis`` moved last, sorted by value."""
    arr, ax = _data(x, "x", axis)
    w = np.moveaxis(_weights(weights, arr.shape), ax, -1)
    arr = np.moveaxis(arr, ax, -1)
    order = np.argsort(arr, axis=-1, kind="stable")
    return np.take_along_axis(arr, order, -1), np.take_along_axis(w, order, -1)


def gini(x: ArrayLike, weights: ArrayLike | None = None, axis: int = -1) -> float | Floats:
    r"""Population Gini coefficient (no small-sample correction), exact with ties.

    Parameters
    ----------
    x : array_like, shape (..., n, ...)
        Incomes (any unit, e.g. yuan/person/year), ``n`` along ``axis``; finite.
    weights : array_like, optional
        Population weights, >= 0, broadcastable to ``x.shape``; default 1.
    axis : int, default -1
        The households (or persons) axis.

    Returns
    -------
    float or ndarray, shape ``x.shape`` without ``axis``
        0 (equality) to 1; NaN if the weighted mean is <= 0 or the weights sum to 0.
        Negative incomes are allowed: the formula applies, and may exceed 1.

    Raises
    ------
    ShapeError
        ``x`` scalar or empty along ``axis``; ``weights`` not broadcastable.
    ParameterError
        ``x`` not finite; a weight negative or not finite; ``axis`` out of range.

    Notes
    -----
    The mean-difference formula [1]_ (= covariance formula [2]_ = 1 - 2 x area
    under :func:`lorenz`), from sorted values and cumulative weights :math:`C_k`:

    .. math:: G = \frac{\sum_{i,j} w_i w_j |x_i - x_j|}{2 W^2 \mu}
        = \frac{\sum_{k \ge 2} (x_{(k)} - x_{(k-1)}) C_{k-1} (W - C_{k-1})}{W \sum_i w_i x_i}

    References
    ----------
    .. [1] Sen, A. (1973). *On Economic Inequality*, ch. 2. Oxford: Clarendon Press.
    .. [2] Lerman, R. I. & Yitzhaki, S. (1984). A note on the calculation and
       interpretation of the Gini index. *Economics Letters* 15(3-4), 363-368.

    Examples
    --------
    Five landless households' incomes per person (yuan a year); weighted by
    household size it is the Gini among persons:

    >>> pc = [1_800, 2_400, 3_600, 5_000, 9_200]
    >>> round(gini(pc), 4), round(gini(pc, weights=[5, 4, 4, 3, 2]), 4)
    (0.3164, 0.3025)
    """
    xs, ws = _sorted(x, weights, axis)
    c = np.cumsum(ws, axis=-1)
    above = np.cumsum(ws[..., :0:-1], axis=-1)[..., ::-1]  # not W - C: no cancellation
    num = np.sum(np.diff(xs, axis=-1) * c[..., :-1] * above, axis=-1)
    total_w = c[..., -1]
    total_x = np.sum(ws * xs, axis=-1)
    return _out(_ratio(num, total_w * total_x, ok=total_x > 0))


def lorenz(x: ArrayLike, weights: ArrayLike | None = None) -> tuple[Floats, Floats]:
    r"""Lorenz curve of one distribution: cumulative population and income shares.

    Parameters
    ----------
    x : array_like, shape (n,)
        Incomes, finite.
    weights : array_like, shape (n,), optional
        Population weights, >= 0; default 1.

    Returns
    -------
    p, L : ndarray, shape (n + 1,)
        :math:`p_k = C_k / W`, :math:`L_k = \sum_{i \le k} w_i x_{(i)} / \sum_i w_i x_i`,
        from (0, 0) to (1, 1), convex. ``L[1:]`` is NaN if total income is <= 0.

    Raises
    ------
    ShapeError
        ``x`` not 1-D and non-empty; ``weights`` not broadcastable.
    ParameterError
        ``x`` not finite; a weight negative or not finite.

    References
    ----------
    .. [1] Lorenz, M. O. (1905). Methods of measuring the concentration of wealth.
       *Publications of the American Statistical Association* 9(70), 209-219.

    Examples
    --------
    The poorest half of four landless households hold a fifth of their income:

    >>> p, L = lorenz([1_000, 3_000, 6_000, 10_000])
    >>> p.tolist(), L.tolist()
    ([0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 0.05, 0.2, 0.5, 1.0])
    """
    arr = _floats(x, "x")
    if arr.ndim != 1:
        raise ShapeError(f"x must be 1-D (one distribution), got shape {arr.shape}")
    xs, ws = _sorted(arr, weights, -1)
    c, y = np.cumsum(ws), np.cumsum(ws * xs)
    zero = np.zeros(1)
    return np.concatenate([zero, _ratio(c, c[-1])]), np.concatenate(
        [zero, _ratio(y, y[-1], y[-1] > 0)]
    )


def fgt(
    x: ArrayLike,
    line: ArrayLike = NATIONAL_RURAL_POVERTY_LINE,
    alpha: float = 0,
    weights: ArrayLike | None = None,
    axis: int = -1,
) -> float | Floats:
    r"""Foster-Greer-Thorbecke poverty measure: headcount, gap or severity.

    Parameters
    ----------
    x : array_like, shape (..., n, ...)
        Incomes, yuan/person/year (2010 prices); finite.
    line : float or array_like, default 2,300
        Line(s) in yuan/person/year, > 0, broadcast against ``x`` before reducing
        ``axis``: ``lines[:, None]`` gives one result per line. Named lines in
        :data:`POVERTY_LINES` (e.g. ``"dibao_yun_county"``, 12 x 220 = 2,640).
    alpha : float, default 0
        >= 0: 0 headcount ratio, 1 poverty gap index, 2 severity (squared gap).
    weights : array_like, optional
        Population weights, >= 0, broadcastable to ``broadcast(x, line)``.
    axis : int, default -1
        The households (or persons) axis of ``x``.

    Returns
    -------
    float or ndarray, shape ``broadcast(x, line)`` without ``axis``
        :math:`P_\alpha`; NaN where the weights sum to 0.

    Raises
    ------
    ShapeError
        ``x`` scalar or empty along ``axis``; ``line`` or ``weights`` not broadcastable.
    ParameterError
        ``x`` not finite; a line <= 0; ``alpha`` < 0; a weight negative.

    Notes
    -----
    .. math:: P_\alpha = \frac{1}{W} \sum_i w_i
        \Big(\frac{z - x_i}{z}\Big)^\alpha \mathbf 1[x_i < z]

    Poor means strictly below the line. For :math:`x \ge 0`,
    :math:`P_0 \ge P_1 \ge P_2`, each rising with the line; a negative income's
    gap exceeds 1 (censor with ``np.maximum(x, 0)`` if unwanted).

    References
    ----------
    .. [1] Foster, J., Greer, J. & Thorbecke, E. (1984). A class of decomposable
       poverty measures. *Econometrica* 52(3), 761-766.

    Examples
    --------
    Four landless households' incomes per person (yuan a year), against the
    national line and then also the dibao line (2,640):

    >>> inc = [1_000, 2_000, 3_000, 5_000]
    >>> fgt(inc), round(fgt(inc, alpha=1), 4), round(fgt(inc, alpha=2), 4)
    (0.5, 0.1739, 0.0841)
    >>> fgt(inc, [[POVERTY_LINES["national_rural"]], [POVERTY_LINES["dibao_yun_county"]]], 1)
    array([0.17391304, 0.21590909])
    """
    arr, ax = _data(x, "x", axis)
    z = _checked(line, "line", "finite and > 0", lambda v: v > 0)
    a = _scalar(alpha, "alpha", "finite and >= 0", lambda v: v >= 0)
    try:
        shape = np.broadcast_shapes(arr.shape, z.shape)
    except ValueError:
        raise ShapeError(f"line must broadcast against x {arr.shape}, got {z.shape}") from None
    poor = np.broadcast_to(arr < z, shape)
    term = poor.astype(float) if a == 0 else np.where(poor, (z - arr) / z, 0.0) ** a
    w = _weights(weights, shape)
    return _out(_ratio(np.sum(w * term, axis=ax), np.sum(w, axis=ax)))


def weighted_quantile(
    x: ArrayLike, q: ArrayLike, weights: ArrayLike | None = None, axis: int = -1
) -> float | Floats:
    r"""Weighted quantiles by the inverted empirical CDF (medians, fan charts).

    Parameters
    ----------
    x : array_like, shape (..., n, ...)
        Values (e.g. yuan/person/year), finite.
    q : float or array_like
        Probabilities within [0, 1].
    weights : array_like, optional
        Population weights, >= 0, broadcastable to ``x.shape``; default 1.
    axis : int, default -1
        The axis to reduce.

    Returns
    -------
    float or ndarray, shape ``q.shape + x.shape`` without ``axis``
        Observed values of ``x`` (as ``np.quantile``); NaN where the weights sum to 0.

    Raises
    ------
    ShapeError
        ``x`` scalar or empty along ``axis``; ``weights`` not broadcastable.
    ParameterError
        ``x`` not finite; ``q`` outside [0, 1]; a weight negative.

    Notes
    -----
    :math:`Q(q) = x_{(k)}`, :math:`k` the first index with :math:`C_k / W \ge q`
    and :math:`C_k > 0` (Hyndman & Fan's definition 1 [1]_). Equal to
    ``np.quantile(x, q, weights=weights, method="inverted_cdf")``; with unit
    weights also to the unweighted ``"inverted_cdf"``, except where ``n * q``
    is within rounding of a whole number.

    References
    ----------
    .. [1] Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical
       packages. *The American Statistician* 50(4), 361-365.

    Examples
    --------
    Median income per person of five households, then among persons:

    >>> pc = [1_800, 2_400, 3_600, 5_000, 9_200]
    >>> weighted_quantile(pc, 0.5), weighted_quantile(pc, 0.5, weights=[5, 4, 4, 3, 2])
    (3600.0, 2400.0)
    """
    xs, ws = _sorted(x, weights, axis)
    probs = _checked(q, "q", "within [0, 1]", lambda a: (a >= 0) & (a <= 1))
    c = np.cumsum(ws, axis=-1)
    cdf = _ratio(c, c[..., -1:])
    out = np.empty((probs.size, *xs.shape[:-1]))
    for i, p in enumerate(probs.flat):
        k = np.sum((cdf < p) | (cdf <= 0), axis=-1, keepdims=True)
        out[i] = np.take_along_axis(xs, np.minimum(k, xs.shape[-1] - 1), -1)[..., 0]
    out = np.where(c[..., -1] > 0, out, np.nan).reshape(probs.shape + xs.shape[:-1])
    return _out(out)


def income_shares(income_by_source: ArrayLike) -> Floats:
    r"""Share of each income source (wages, dividends, hogs, dibao ...) in total income.

    Parameters
    ----------
    income_by_source : array_like, shape (..., sources, households)
        Yuan/year by source and household; finite, losses (< 0) allowed.

    Returns
    -------
    ndarray, shape (..., sources)
        :math:`s_j = \sum_h y_{jh} / \sum_{j,h} y_{jh}`, summing to 1 (NaN if the
        total is 0); with losses a share can be < 0 or > 1.

    Raises
    ------
    ShapeError
        Fewer than 2 axes, or no source or household.
    ParameterError
        A value not finite.

    Examples
    --------
    Two households' wages, land-share dividends and hog income, yuan a year:

    >>> income_shares([[6_000, 9_000], [2_000, 2_000], [1_000, 0]]).round(2)
    array([0.75, 0.2 , 0.05])
    """
    by_source = _data(income_by_source, "income_by_source", min_ndim=2)[0].sum(axis=-1)
    return _ratio(by_source, by_source.sum(axis=-1, keepdims=True))


@dataclass(frozen=True, slots=True, eq=False)
class Restoration:
    """Livelihood restoration after land loss (:func:`restoration`).

    Attributes
    ----------
    restored_share : ndarray, shape (..., years)
        Share of households with income at or above their baseline, each year.
    years_to_restore : ndarray, shape (..., households)
        Years from land loss to the first year at or above baseline; NaN if never.
    """

    restored_share: Floats
    years_to_restore: Floats


def restoration(
    income: ArrayLike, baseline: ArrayLike, *, start: ArrayLike | None = None
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

    Returns
    -------
    Restoration
        ``restored_share`` counts all households every year (before their own
        land loss too); ``years_to_restore`` is
        :math:`\min\{t \ge s_h : y_{th} \ge b_h\} - s_h` (0: never fell below).

    Raises
    ------
    ShapeError
        ``income`` not (..., years, households) non-empty; ``baseline`` or
        ``start`` not broadcastable to ``income.shape[:-2] + (households,)``.
    ParameterError
        ``income`` or ``baseline`` not finite; ``start`` not a whole year index.

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
    >>> r = restoration(inc, [3_000, 3_000, 3_000], start=[0, 0, 1])
    >>> r.restored_share.round(2), r.years_to_restore
    (array([0.67, 0.  , 0.33, 1.  ]), array([2., 0., 2.]))
    """
    arr = _data(income, "income", min_ndim=2)[0]
    years, shape = arr.shape[-2], arr.shape[:-2] + arr.shape[-1:]
    base = _checked(baseline, "baseline")
    s = np.zeros(1) if start is None else _floats(start, "start")
    for name, val in (("baseline", base), ("start", s)):
        if not _fits(val, shape):
            raise ShapeError(
                f"{name} must broadcast to {shape} (..., households), got {val.shape}"
            )
    rule = f"a whole year index within [0, {years - 1}]"
    s = _checked(s, "start", rule, lambda a: (a == np.round(a)) & (a >= 0) & (a < years))
    base, s = np.broadcast_to(base, shape), np.broadcast_to(s, shape)
    ok = arr >= base[..., None, :]
    after = ok & (np.arange(years)[:, None] >= s[..., None, :])
    first = np.argmax(after, axis=-2) - s
    return Restoration(ok.mean(axis=-1), np.where(after.any(axis=-2), first, np.nan))


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


def _wilson(p: float, n: float, z: float) -> tuple[float, float]:
    if not (n > 0 and np.isfinite(p)):
        return (np.nan, np.nan)
    den = 1.0 + z * z / n
    mid, half = (
        (p + z * z / (2 * n)) / den,
        z / den * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)),
    )
    return (max(float(mid - half), 0.0), min(float(mid + half), 1.0))


def _t_interval(shares: Floats, conf: float) -> tuple[float, float]:
    m, r = float(shares.mean()), shares.size
    half = float(stats.t.ppf((1 + conf) / 2, r - 1) * shares.std(ddof=1) / np.sqrt(r))
    return (max(m - half, 0.0), min(m + half, 1.0))


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
    shares, :math:`\bar s \pm t_{R-1} s / \sqrt R` (the model's randomness, not
    sampling of households). Otherwise: the Wilson score interval [1]_ over
    households, with Kish's effective number :math:`(\sum w)^2 / \sum w^2`.

    References
    ----------
    .. [1] Wilson, E. B. (1927). Probable inference, the law of succession, and
       statistical inference. *JASA* 22(158), 209-212.

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
