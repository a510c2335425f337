"""Sensitivity analysis: which uncertain inputs drive an outcome, and how far can they move.

A model is any batch function ``evaluate(X) -> Y``: ``X`` of shape (n, k), one row per run
and one column per uncertain input in its own unit; ``Y`` of shape (n,) or (n, m). Each
method builds its whole design, then calls ``evaluate`` once on it (switching values add
one-row calls to refine each root), so an ``evaluate`` that farms rows out to an executor
(:func:`chunked`) parallelises every method. Inputs are a sequence of
:class:`~collective_econ.schemes.base.Uncertainty` or ``(name, Distribution)`` pairs, taken
as independent. Formulas, references and how to read the results: ``docs/sensitivity.md``.

Examples
--------
Which input of the Jiewei hotel drives the households' NPV most?

>>> evaluate, inputs = appraisal_model("hotel")
>>> one_at_a_time(evaluate, inputs, base=evaluate.base_values).names[0]
'adr'
"""

from __future__ import annotations

import math
import typing
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize
from scipy.stats import qmc

from .distributions import Distribution, transform_uniform
from .errors import ParameterError, ParameterTypeError, ShapeError
from .schemes import SCHEMES, Scheme
from .schemes.base import DEFAULT_DISCOUNT_RATE, STAKEHOLDERS, Stakeholder, Uncertainty
from .seeding import SeedLike, as_seed_sequence, stream
from .validation import Parameters

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "RANGE",
    "AppraisalModel",
    "MorrisResult",
    "SobolResult",
    "SwitchingValues",
    "Tornado",
    "appraisal_model",
    "chunked",
    "morris",
    "one_at_a_time",
    "sobol",
    "sobol_chart",
    "switching_values",
    "tornado_chart",
]

FloatArray = NDArray[np.float64]
Evaluate = Callable[[FloatArray], ArrayLike]
Inputs = Sequence[Uncertainty | tuple[str, Distribution]]
RANGE = (0.001, 0.999)
"""Quantiles that bound an input's range for switching values, and replace ppf(0) or
ppf(1) of an unbounded input in a Morris design."""
_EPS = float(np.finfo(float).eps)


def _inputs(uncertainties: Inputs, minimum: int = 1) -> tuple[tuple[str, ...], list[Distribution]]:
    pairs = [(u.param, u.distribution) if isinstance(u, Uncertainty) else u for u in uncertainties]
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Distribution)):
            rule = "an Uncertainty or a (name, Distribution) pair"
            raise ParameterTypeError(f"uncertainties[{i}]", rule, pair)
    names = tuple(str(p[0]) for p in pairs)
    if len(names) < minimum:
        raise ParameterError("uncertainties", f"at least {minimum} inputs", names)
    if len(set(names)) != len(names):
        raise ParameterError("uncertainties", "inputs with distinct names", names)
    return names, [p[1] for p in pairs]


def _whole(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ParameterTypeError(name, "a whole number", value)
    if value < minimum:
        raise ParameterError(name, f">= {minimum}", value)
    return int(value)


def _fraction(name: str, value: object, rule: str = "within [0, 1]") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise ParameterTypeError(name, "a number", value)
    if not 0.0 <= value <= 1.0:
        raise ParameterError(name, rule, value)
    return float(value)


def _base(base: ArrayLike | None, dists: list[Distribution]) -> FloatArray:
    if base is None:
        return np.array([float(d.ppf(0.5)) for d in dists])
    arr = np.asarray(base, dtype=float)
    if arr.shape != (len(dists),):
        raise ShapeError(f"base has shape {arr.shape}; expected ({len(dists)},), one per input")
    if not np.isfinite(arr).all():
        raise ParameterError("base", "finite", arr)
    return arr


def _finite(x: FloatArray, dists: list[Distribution]) -> FloatArray:
    lo, hi = (np.array([d.ppf(q) for d in dists], dtype=float) for q in RANGE)
    return np.where(np.isfinite(x), x, np.where(x < 0, lo, hi))


def _run(evaluate: Evaluate, x: FloatArray, method: str = "") -> tuple[FloatArray, bool]:
    """Outputs of shape (n, m), and whether the model returned 1-D (one output)."""
    y = np.asarray(evaluate(x), dtype=float)
    n = x.shape[0]
    if y.ndim not in (1, 2) or y.shape[0] != n:
        raise ShapeError(
            f"evaluate returned shape {y.shape} for X {x.shape}; need ({n},) or ({n}, m)"
        )
    if method and y.ndim == 2 and y.shape[1] != 1:
        raise ShapeError(f"evaluate returned {y.shape[1]} outputs per row; {method} needs one")
    if not np.isfinite(y).all():
        bad = f"{np.count_nonzero(~np.isfinite(y))} NaN/inf among {y.size}"
        raise ParameterError("evaluate", "a model with finite outputs", bad)
    return y.reshape(n, -1), y.ndim == 1


def chunked(evaluate: Evaluate, executor: Executor, *, chunk_size: int = 64) -> Evaluate:
    """Spread a model's rows over an executor in chunks; outputs come back in row order.

    The result does not depend on the executor or its workers when each row's output does
    not. On a process pool ``evaluate`` must pickle (an :class:`AppraisalModel` does).

    Parameters
    ----------
    evaluate : callable
        ``evaluate(X (n, k)) -> Y (n,) or (n, m)``.
    executor : concurrent.futures.Executor
        A thread or process pool, or a Dask ``client.get_executor()``.
    chunk_size : int, default 64
        Rows per task.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     double = chunked(lambda X: 2 * X[:, 0], pool, chunk_size=2)
    ...     double(np.arange(5.0)[:, None]).tolist()
    [0.0, 2.0, 4.0, 6.0, 8.0]
    """
    if not isinstance(executor, Executor):
        raise ParameterTypeError("executor", "a concurrent.futures.Executor", executor)
    size = _whole("chunk_size", chunk_size, 1)

    def batched(x: FloatArray) -> FloatArray:
        parts = [x[i : i + size] for i in range(0, len(x), size)]
        return np.concatenate([np.asarray(y, float) for y in executor.map(evaluate, parts)])

    return batched


class _Result:
    """``table()`` and ``str()`` from the per-input arrays named in ``_COLUMNS`` (spaced)."""

    __slots__ = ()
    _COLUMNS: ClassVar[str]
    names: tuple[str, ...]

    def table(self) -> list[dict[str, Any]]:
        """One dict per input (and per output index for several outputs), for CSV."""
        k = len(self.names)
        cols = {c: np.asarray(getattr(self, c)).reshape(k, -1) for c in self._COLUMNS.split()}
        m = max(a.shape[1] for a in cols.values())
        return [
            {"input": name, **({"output": j} if m > 1 else {})}
            | {c: a[i, j if a.shape[1] > 1 else 0].item() for c, a in cols.items()}
            for i, name in enumerate(self.names)
            for j in range(m)
        ]

    def _title(self) -> str:
        return ""

    def __str__(self) -> str:
        table = self.table()
        rows = [list(table[0]), *(list(r.values()) for r in table)]
        text = [[f"{c:.4g}" if isinstance(c, float) else str(c) for c in r] for r in rows]
        widths = [max(len(r[j]) for r in text) for j in range(len(rows[0]))]
        pads = [str.ljust if isinstance(c, str) else str.rjust for c in rows[1]]
        lines = ["  ".join(p(c, w) for c, w, p in zip(r, widths, pads, strict=True)) for r in text]
        lines = [line.rstrip() for line in lines]
        return "\n".join([self._title(), lines[0], "-" * len(lines[0]), *lines[1:]])


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


def tornado_chart(
    result: Tornado,
    *,
    ax: Axes | None = None,
    baseline: float | None = None,
    title: str = "What moves the outcome most",
    unit: str = "",
) -> Axes:
    """Draw one bar per input, from the baseline to the outcome at each end of its range.

    ``baseline`` defaults to ``result.baseline``; ``unit`` labels the axis (``"yuan"``).
    A new figure is made when ``ax`` is None; the axes are returned.
    """
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8.0, 1.0 + 0.6 * len(result.names)), layout="constrained")
    start = result.baseline if baseline is None else float(baseline)
    y = np.arange(len(result.names))
    q_lo, q_hi = (f"{100 * q:g}%" for q in result.quantiles)
    ax.barh(y, result.low_output - start, left=start, color="tab:red", label=f"input at {q_lo}")
    ax.barh(y, result.high_output - start, left=start, color="tab:blue", label=f"input at {q_hi}")
    pairs = zip(result.names, result.low_value, result.high_value, strict=True)
    ax.set_yticks(y, [f"{n}\n{lo:.3g} to {hi:.3g}" for n, lo, hi in pairs])
    ax.invert_yaxis()
    ax.axvline(start, color="black", linewidth=0.8)
    ax.set_xlabel(f"outcome ({unit})" if unit else "outcome")
    ax.set_title(title)
    ax.legend(loc="best")
    return ax


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
    b, k, g_n, limit = _base(base, dists), len(names), _whole("grid", grid, 3), float(threshold)
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


@dataclass(frozen=True, slots=True)
class MorrisResult(_Result):
    """Morris elementary effects: ``effects`` (r, k) or (r, k, m); statistics (k,) or (k, m).

    ``mu`` is the mean effect, ``mu_star`` the mean absolute effect (importance),
    ``sigma`` their standard deviation (ddof = 1; interactions and non-linearity). An
    effect is the change in outcome per unit change of the input's quantile: for a
    uniform input, per its whole range.
    """

    _COLUMNS: ClassVar[str] = "mu mu_star sigma"
    names: tuple[str, ...]
    mu: FloatArray
    mu_star: FloatArray
    sigma: FloatArray
    effects: FloatArray
    levels: int

    def _title(self) -> str:
        return f"Morris, {self.effects.shape[0]} trajectories, {self.levels} levels"


def morris(
    evaluate: Evaluate,
    uncertainties: Inputs,
    *,
    trajectories: int = 20,
    levels: int = 4,
    seed: SeedLike = None,
) -> MorrisResult:
    """Screen inputs by Morris (1991) elementary effects, r (k + 1) runs.

    Each trajectory starts on a random point of a ``levels``-level grid in the unit cube
    and moves each input once, in random order, by ``delta = levels / (2 (levels - 1))``
    up or down; the grid maps to inputs through each ppf (an infinite end replaced by the
    :data:`RANGE` quantile).

    Parameters
    ----------
    evaluate : callable
        ``evaluate(X (n, k)) -> Y (n,) or (n, m)``, called once.
    uncertainties : sequence of Uncertainty or (name, Distribution)
        The k inputs.
    trajectories : int, default 20
        r, >= 2.
    levels : int, default 4
        p, an even number >= 2.
    seed : int, SeedSequence, Generator or None
        The root of the design.

    Returns
    -------
    MorrisResult

    Examples
    --------
    y = 2 x1 + x2 x3 on the unit cube: x1 is linear (mu* = 2, sigma = 0); x2 and x3
    interact (sigma > 0).

    >>> from collective_econ.distributions import Uniform
    >>> u = Uniform(low=0.0, high=1.0)
    >>> res = morris(lambda X: 2 * X[:, 0] + X[:, 1] * X[:, 2],
    ...              [("x1", u), ("x2", u), ("x3", u)], trajectories=30, seed=1)
    >>> round(float(res.mu_star[0]), 9), round(float(res.sigma[0]), 9)
    (2.0, 0.0)
    >>> bool((res.sigma[1:] > 0.1).all())
    True
    """
    names, dists = _inputs(uncertainties)
    r, p = _whole("trajectories", trajectories, 2), _whole("levels", levels, 2)
    if p % 2:
        raise ParameterError("levels", "an even number", p)
    k, delta = len(names), p / (2 * (p - 1))
    rng = stream(as_seed_sequence(seed), "morris")
    lower = rng.integers(0, p // 2, size=(r, k)) / (p - 1)
    up = rng.random((r, k)) < 0.5
    order = np.argsort(rng.random((r, k)), axis=1)
    u, rows = np.empty((r, k + 1, k)), np.arange(r)
    u[:, 0] = np.where(up, lower, lower + delta)
    for step in range(k):
        j = order[:, step]
        u[:, step + 1] = u[:, step]
        u[rows, step + 1, j] = np.where(up[rows, j], lower[rows, j] + delta, lower[rows, j])
    x = _finite(transform_uniform(dists, np.clip(u.reshape(-1, k), 0.0, 1.0)), dists)
    flat, scalar = _run(evaluate, x)
    y = flat.reshape(r, k + 1, -1)
    moved = np.where(np.take_along_axis(up, order, axis=1), delta, -delta)
    effects = np.empty_like(y[:, 1:])
    effects[rows[:, None], order] = (y[:, 1:] - y[:, :-1]) / moved[..., None]
    mu, star, sd, ee = (
        a[..., 0] if scalar else a
        for a in (effects.mean(0), np.abs(effects).mean(0), effects.std(0, ddof=1), effects)
    )
    return MorrisResult(names, mu, star, sd, ee, p)


@dataclass(frozen=True, slots=True)
class SobolResult(_Result):
    """First-order ``S1`` and total ``ST`` Sobol indices, with bootstrap intervals.

    Each array is (k,), or (k, m) for m outputs; ``*_low`` and ``*_high`` bound the
    ``confidence`` interval (NaN without bootstrap). The model ran ``n (k + 2)`` times.
    """

    _COLUMNS: ClassVar[str] = "S1 S1_low S1_high ST ST_low ST_high"
    names: tuple[str, ...]
    S1: FloatArray
    S1_low: FloatArray
    S1_high: FloatArray
    ST: FloatArray
    ST_low: FloatArray
    ST_high: FloatArray
    n: int
    confidence: float

    @property
    def n_runs(self) -> int:
        """Model runs, ``n (k + 2)``."""
        return self.n * (len(self.names) + 2)

    def _title(self) -> str:
        return f"Sobol indices, N = {self.n} ({self.n_runs} runs), {self.confidence:.0%} intervals"


def _saltelli(fa: FloatArray, fb: FloatArray, fab: FloatArray) -> FloatArray:
    """S1 (Saltelli 2010) and ST (Jansen 1999), shape (2, k, m), from f(A), f(B), f(AB_i)."""
    centre = (fa.mean(axis=0) + fb.mean(axis=0)) / 2
    fa, fb, fab = fa - centre, fb - centre, fab - centre
    var: FloatArray = np.concatenate([fa, fb]).var(axis=0)
    est: FloatArray = np.stack([np.mean(fb * (fab - fa), 1), np.mean((fa - fab) ** 2, 1) / 2])
    with np.errstate(divide="ignore", invalid="ignore"):
        return est / var


def sobol(
    evaluate: Evaluate,
    uncertainties: Inputs,
    *,
    n: int = 512,
    seed: SeedLike = None,
    confidence: float = 0.95,
    bootstrap: int = 500,
) -> SobolResult:
    """First-order and total Sobol indices from a Saltelli design, n (k + 2) runs.

    A and B (n x k each) are one scrambled Sobol sequence in 2k dimensions
    (:class:`scipy.stats.qmc.Sobol`) mapped through each ppf; ``AB_i`` is A with column i
    from B. ``evaluate`` runs once on ``[A; B; AB_1; ...; AB_k]``. S1 uses the Saltelli et
    al. (2010) estimator, ST Jansen's (1999), both as in :func:`scipy.stats.sobol_indices`
    with ``method="saltelli_2010"``; intervals are percentile bootstraps over the n rows.

    Parameters
    ----------
    evaluate : callable
        ``evaluate(X (n, k)) -> Y (n,) or (n, m)``; indices per output.
    uncertainties : sequence of Uncertainty or (name, Distribution)
        The k >= 2 inputs, taken as independent.
    n : int, default 512
        Base sample size, a power of two (the Sobol sequence's balance needs it).
    seed : int, SeedSequence, Generator or None
        The root of the scrambling and of the bootstrap.
    confidence : float, default 0.95
        Level of the intervals, in (0, 1).
    bootstrap : int, default 500
        Bootstrap resamples; 0 skips the intervals (NaN).

    Returns
    -------
    SobolResult

    Examples
    --------
    y = x1 + 2 x2 with independent U(0, 1) inputs: V = 5/12, so S = (1/5, 4/5).

    >>> from collective_econ.distributions import Uniform
    >>> u = Uniform(low=0.0, high=1.0)
    >>> res = sobol(lambda X: X[:, 0] + 2 * X[:, 1], [("x1", u), ("x2", u)], n=1024, seed=7)
    >>> res.S1.round(2).tolist(), res.ST.round(2).tolist(), res.n_runs
    ([0.2, 0.8], [0.2, 0.8], 4096)
    """
    names, dists = _inputs(uncertainties, minimum=2)
    size, k = _whole("n", n, 2), len(names)
    if size & (size - 1):
        raise ParameterError("n", f"a power of two such as {1 << size.bit_length()}", size)
    level = _fraction("confidence", confidence, "within (0, 1)")
    if level in (0.0, 1.0):
        raise ParameterError("confidence", "within (0, 1)", level)
    resamples, root = _whole("bootstrap", bootstrap, 0), as_seed_sequence(seed)
    engine = qmc.Sobol(d=2 * k, scramble=True, rng=stream(root, "sobol", "design"))
    design = np.clip(engine.random_base2(size.bit_length() - 1), _EPS, 1.0 - _EPS)
    a, b = design[:, :k], design[:, k:]
    ab = np.repeat(a[None], k, axis=0)
    ab[np.arange(k), :, np.arange(k)] = b.T
    y, scalar = _run(evaluate, _finite(transform_uniform(dists, np.vstack([a, b, *ab])), dists))
    fa, fb, fab = y[:size], y[size : 2 * size], y[2 * size :].reshape(k, size, -1)
    est = _saltelli(fa, fb, fab)
    if not np.isfinite(est).all():
        msg = "the outcome does not vary over the design, so its Sobol indices are NaN"
        warnings.warn(f"{msg}; check that evaluate uses its inputs", RuntimeWarning, stacklevel=2)
    ci = np.full((2, *est.shape), np.nan)
    if resamples:
        rng = stream(root, "sobol", "bootstrap")
        boot = [
            _saltelli(fa[i], fb[i], fab[:, i]) for i in rng.integers(0, size, (resamples, size))
        ]
        ci = np.percentile(boot, [50 * (1 - level), 50 * (1 + level)], axis=0)
    s1, s1_lo, s1_hi, st, st_lo, st_hi = (
        v[..., 0] if scalar else v
        for v in (est[0], ci[0, 0], ci[1, 0], est[1], ci[0, 1], ci[1, 1])
    )
    return SobolResult(names, s1, s1_lo, s1_hi, st, st_lo, st_hi, size, level)


def sobol_chart(result: SobolResult, *, ax: Axes | None = None, output: int = 0) -> Axes:
    """Bar chart of S1 and ST per input with their intervals, for one output of the model.

    A new figure is made when ``ax`` is None; the axes are returned.
    """
    rows = [r for r in result.table() if r.get("output", 0) == output]
    if not rows:
        raise ParameterError("output", "the index of one of the model's outputs", output)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(2.0 + 0.9 * len(rows), 4.0), layout="constrained")
    x = np.arange(len(rows))
    for shift, key, label in ((-0.2, "S1", "first order, S1"), (0.2, "ST", "total, ST")):
        s, lo, hi = (np.array([r[c] for r in rows]) for c in (key, f"{key}_low", f"{key}_high"))
        err = np.clip([s - lo, hi - s], 0.0, None)
        ax.bar(
            x + shift, s, 0.4, yerr=None if np.isnan(err).all() else err, capsize=3, label=label
        )
    ax.set_xticks(x, [r["input"] for r in rows], rotation=30, ha="right")
    ax.set_ylabel("share of the outcome's variance")
    ax.set_title(f"Sobol indices (N = {result.n}, {result.confidence:.0%} intervals)")
    ax.legend()
    return ax


@dataclass(frozen=True, slots=True)
class AppraisalModel:
    """A scheme's expected NPV for one stakeholder, as a batch model of its inputs ``names``.

    Row by row, the inputs replace those fields of ``params`` (integer fields rounded),
    the scheme is appraised deterministically (expected flows) and the stakeholder's NPV
    at ``rate`` returned, shape (n,), yuan of 2010. It pickles, for process pools.
    """

    scheme: Scheme[Any]
    names: tuple[str, ...]
    params: Parameters
    stakeholder: Stakeholder = Stakeholder.HOUSEHOLDS
    rate: float = DEFAULT_DISCOUNT_RATE
    horizon_years: int = 20

    @property
    def base_values(self) -> FloatArray:
        """The inputs' values in ``params``, the base case, shape (k,)."""
        return np.array([float(getattr(self.params, n)) for n in self.names])

    def __call__(self, x: FloatArray) -> FloatArray:
        """NPV (n,) for inputs ``x`` (n, k)."""
        ints = {n for n, h in typing.get_type_hints(type(self.params)).items() if h is int}
        j, out = STAKEHOLDERS.index(self.stakeholder), np.empty(len(x))
        for r, row in enumerate(np.asarray(x, dtype=float)):
            changes = {
                n: round(v) if n in ints else float(v)
                for n, v in zip(self.names, row, strict=True)
            }
            flows = self.scheme.appraise(
                self.params.evolve(**changes), horizon_years=self.horizon_years
            )
            out[r] = flows.npv(self.rate)[j]
        return out


def appraisal_model(
    scheme: Scheme[Any] | str,
    stakeholder: Stakeholder | str = "households",
    rate: float = DEFAULT_DISCOUNT_RATE,
    horizon_years: int = 20,
    *,
    params: Parameters | None = None,
) -> tuple[AppraisalModel, tuple[Uncertainty, ...]]:
    """A scheme's NPV for a stakeholder as a model of the scheme's own ``UNCERTAINTIES``.

    ``params`` is the base case (the scheme's defaults if None). Returns the model,
    ``evaluate(X (n, k)) -> NPV (n,)`` in yuan, and the uncertainties in X's column order.

    Examples
    --------
    >>> evaluate, inputs = appraisal_model("hotel", "households")
    >>> [u.param for u in inputs]
    ['adr', 'occupancy', 'gop_margin', 'construction_months']
    >>> evaluate(evaluate.base_values[None, :]).round(-5)
    array([2700000.])
    """
    if isinstance(scheme, str):
        if scheme not in SCHEMES:
            raise ParameterError("scheme", f"one of {', '.join(sorted(SCHEMES))}", scheme)
        scheme = SCHEMES[scheme]
    if not scheme.uncertainties:
        raise ParameterError("scheme", "a scheme with uncertain inputs", scheme.name)
    if stakeholder not in {s.value for s in STAKEHOLDERS}:
        raise ParameterError("stakeholder", f"one of {', '.join(STAKEHOLDERS)}", stakeholder)
    if not (math.isfinite(rate) and rate > -1.0):
        raise ParameterError("rate", "finite and > -1", rate)
    base = scheme.params_type() if params is None else params
    if not isinstance(base, scheme.params_type):
        raise ParameterTypeError("params", f"a {scheme.params_type.__name__}", base)
    model = AppraisalModel(
        scheme,
        tuple(u.param for u in scheme.uncertainties),
        base,
        Stakeholder(stakeholder),
        float(rate),
        _whole("horizon_years", horizon_years, 1),
    )
    return model, scheme.uncertainties
