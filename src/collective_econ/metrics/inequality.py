"""Inequality and poverty: Gini, Lorenz, FGT, quantiles, income shares."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ShapeError
from ._checks import _checked, _data, _fits, _floats, _out, _ratio, _scalar, _sorted, _weights
from .lines import NATIONAL_RURAL_POVERTY_LINE

Floats = NDArray[np.float64]
_Test = Callable[[Floats], ArrayLike]


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
    return _out(sorted_gini(xs, ws, np.cumsum(ws, axis=-1)))


def sorted_by_value(
    x: ArrayLike, weights: ArrayLike | None = None, axis: int = -1
) -> tuple[Floats, Floats, Floats]:
    """Values sorted ascending along ``axis`` (moved last), their weights and cumulative weights.

    What :func:`gini` and :func:`weighted_quantile` sort (stably: ties keep their
    order), with the same checks; :func:`sorted_gini` and :func:`sorted_quantiles`
    take the result, so that one sort serves several statistics of a distribution.

    >>> xs, ws, c = sorted_by_value([3.0, 1.0, 2.0], weights=[1.0, 2.0, 3.0])
    >>> xs.tolist(), c.tolist(), float(sorted_quantiles(xs, c, np.array([0.5]))[0])
    ([1.0, 2.0, 3.0], [2.0, 5.0, 6.0], 2.0)
    """
    xs, ws = _sorted(x, weights, axis)
    return xs, ws, np.cumsum(ws, axis=-1)


def sorted_gini(xs: Floats, ws: Floats, c: Floats) -> Floats:
    """:func:`gini` along the last axis of values sorted ascending (stably), as an array.

    ``ws`` the weights in the same order and ``c = np.cumsum(ws, axis=-1)``: an
    outcome that needs quantiles and the Gini of one distribution sorts it once.
    """
    above = np.cumsum(ws[..., :0:-1], axis=-1)[..., ::-1]  # not W - C: no cancellation
    num = np.sum(np.diff(xs, axis=-1) * c[..., :-1] * above, axis=-1)
    total_w = c[..., -1]
    total_x = np.sum(ws * xs, axis=-1)
    return _ratio(num, total_w * total_x, ok=total_x > 0)


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
        Each person's shortfall is bounded at the whole line: an income below zero
        (a business's loss year) counts as zero, so ``0 <= P_2 <= P_1 <= P_0 <= 1``.
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
        \Big(\frac{z - \max(x_i, 0)}{z}\Big)^\alpha \mathbf 1[x_i < z]

    Poor means strictly below the line. The FGT class is defined on incomes of 0
    or more [1]_. A negative income is a household business's cash loss (a hog farm
    that paid more for piglets and feed than its pigs fetched that year): the
    household is poor, and its normalised shortfall is the whole line, 1, not more,
    as if its income were zero, as statistical agencies bottom-code negative
    incomes at zero [2]_. So for any incomes :math:`0 \le P_2 \le P_1 \le P_0 \le 1`
    (:math:`P_\alpha` falls as :math:`\alpha` rises), each rises with the line, the
    headcount is the uncensored one, and for incomes >= 0 every measure is the
    plain formula's, bit for bit. How deep a loss goes shows in the mean income and
    :func:`income_shares`, not here.

    References
    ----------
    .. [1] Foster, J., Greer, J. & Thorbecke, E. (1984). A class of decomposable
       poverty measures. *Econometrica* 52(3), 761-766.
    .. [2] Hlasny, V., Ceriani, L. & Verme, P. (2022). Bottom incomes and the
       measurement of poverty and inequality. *Review of Income and Wealth* 68(4),
       970-1006 (negative incomes come mainly from self-employment losses;
       agencies bottom-code or censor them at zero).

    Examples
    --------
    Four landless households' incomes per person (yuan a year), against the
    national line and then also the dibao line (2,640):

    >>> inc = [1_000, 2_000, 3_000, 5_000]
    >>> fgt(inc), round(fgt(inc, alpha=1), 4), round(fgt(inc, alpha=2), 4)
    (0.5, 0.1739, 0.0841)
    >>> from collective_econ.metrics import POVERTY_LINES
    >>> fgt(inc, [[POVERTY_LINES["national_rural"]], [POVERTY_LINES["dibao_yun_county"]]], 1)
    array([0.17391304, 0.21590909])

    A hog farm's loss year (-5,000 yuan a person) counts as a shortfall of the
    whole line, no more:

    >>> loss = [-5_000, 2_000, 3_000, 5_000]
    >>> fgt(loss), round(fgt(loss, alpha=1), 4), round(fgt(loss, alpha=2), 4)
    (0.5, 0.2826, 0.2543)
    """
    arr, ax = _data(x, "x", axis)
    z = _checked(line, "line", "finite and > 0", lambda v: v > 0)
    a = _scalar(alpha, "alpha", "finite and >= 0", lambda v: v >= 0)
    try:
        shape = np.broadcast_shapes(arr.shape, z.shape)
    except ValueError:
        raise ShapeError(f"line must broadcast against x {arr.shape}, got {z.shape}") from None
    poor = np.broadcast_to(arr < z, shape)
    # a loss counts as zero income: the shortfall is at most the whole line (FGT's
    # incomes are >= 0), so the gap and severity never exceed the headcount
    gap = (z - np.maximum(arr, 0.0)) / z
    term = poor.astype(float) if a == 0 else np.where(poor, gap, 0.0) ** a
    w = _weights(weights, shape)
    return _out(_ratio(np.sum(w * term, axis=ax), np.sum(w, axis=ax)))


def poor_in_group(
    x: ArrayLike,
    group: ArrayLike,
    line: ArrayLike = NATIONAL_RURAL_POVERTY_LINE,
    weights: ArrayLike | None = None,
    axis: int = -1,
) -> tuple[float | Floats, float | Floats]:
    r"""The poor who belong to a group: their share of all the poor, and how many they are.

    The poor are those :func:`fgt`'s headcount counts (strictly below ``line``, with
    the same ``weights``); ``group`` says who belongs (a household whose hog farm lost
    money that year).

    Parameters
    ----------
    x : array_like, shape (..., n, ...)
        Incomes, yuan/person/year (2010 prices); finite.
    group : array_like of bool
        Membership, broadcastable to ``broadcast(x, line)``: True (or 1) in the group,
        False (or 0) not.
    line : float or array_like, default 2,300
        Line(s) in yuan/person/year, > 0, as in :func:`fgt`.
    weights : array_like, optional
        Population weights (persons), >= 0, as in :func:`fgt`.
    axis : int, default -1
        The households (or persons) axis of ``x``.

    Returns
    -------
    share : float or ndarray, shape ``broadcast(x, line)`` without ``axis``
        :math:`\sum_i w_i g_i \mathbf 1[x_i < z] / \sum_i w_i \mathbf 1[x_i < z]`:
        0 to 1; NaN where nobody is poor (no poor person to divide among).
    count : float or ndarray, same shape
        :math:`\sum_i w_i g_i \mathbf 1[x_i < z]`: the weight of the poor in the
        group (persons, with persons as weights); 0 where nobody is poor.

    Raises
    ------
    ShapeError
        As :func:`fgt`; ``group`` not broadcastable.
    ParameterError
        As :func:`fgt`; ``group`` not 0 or 1.

    Examples
    --------
    Four households of two persons: two are poor, one of them (the hog farm's loss
    year) in the group:

    >>> poor_in_group([-5_000, 2_000, 3_000, 5_000], [True, False, True, False],
    ...               weights=[2, 2, 2, 2])
    (0.5, 2.0)
    """
    arr, ax = _data(x, "x", axis)
    z = _checked(line, "line", "finite and > 0", lambda v: v > 0)
    try:
        shape = np.broadcast_shapes(arr.shape, z.shape)
    except ValueError:
        raise ShapeError(f"line must broadcast against x {arr.shape}, got {z.shape}") from None
    g = _checked(group, "group", "0 or 1 (False or True)", lambda v: (v == 0) | (v == 1))
    if not _fits(g, shape):
        raise ShapeError(f"group must broadcast to the data's shape {shape}, got {g.shape}")
    poor = np.broadcast_to(arr < z, shape)
    w = _weights(weights, shape)
    counted = np.sum(w * poor, axis=ax)  # fgt's headcount numerator, the same persons
    inside = np.sum(w * (poor & (g != 0)), axis=ax)
    return _out(_ratio(inside, counted)), _out(np.asarray(inside, dtype=np.float64))


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
    out = sorted_quantiles(xs, np.cumsum(ws, axis=-1), probs.ravel())
    return _out(out.reshape(probs.shape + xs.shape[:-1]))


def sorted_quantiles(xs: Floats, c: Floats, probs: Floats) -> Floats:
    """:func:`weighted_quantile` along the last axis of values sorted ascending (stably).

    ``c`` the cumulative weights in that order (``np.cumsum(ws, axis=-1)``) and
    ``probs`` a 1-d array of probabilities within [0, 1] (not checked here).
    Returns shape ``(probs.size,) + xs.shape[:-1]``: an outcome that needs several
    quantiles and the Gini of one distribution sorts it once (:func:`sorted_gini`).
    """
    cdf = _ratio(c, c[..., -1:])
    out = np.empty((probs.size, *xs.shape[:-1]))
    for i, p in enumerate(probs.tolist()):
        # the cumulative weights never fall (weights >= 0), so with p > 0 the values at
        # cdf <= 0 are among those at cdf < p (NaN where the weights sum to 0: neither)
        below = cdf < p if p > 0 else (cdf < p) | (cdf <= 0)
        k = np.sum(below, axis=-1, keepdims=True)
        out[i] = np.take_along_axis(xs, np.minimum(k, xs.shape[-1] - 1), -1)[..., 0]
    return np.where(c[..., -1] > 0, out, np.nan)


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
