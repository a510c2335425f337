"""Smoothers for the value of information (:mod:`.voi`): penalised regression splines.

Penalised cubic regression splines (P-splines: a cubic B-spline basis on equally
spaced knots and a second-order difference penalty, Eilers & Marx 1996) with the
smoothing parameters chosen by generalised cross-validation (GCV): one input alone; the
tensor product of two bases for two inputs (one smoothing parameter each, so their
interaction is fitted); an additive model for three or more. And a Gaussian process
(scikit-learn, optional). These are the regressions of Strong, Oakley & Brennan (2014).

References
----------
Eilers, P. H. C., & Marx, B. D. (1996). Flexible smoothing with B-splines and penalties.
*Statistical Science*, 11(2), 89-121.

Wood, S. N. (2017). *Generalized Additive Models: An Introduction with R* (2nd ed.).
Chapman and Hall/CRC (tensor product smooths, GCV).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.interpolate import BSpline

from ..errors import MissingDependencyError, ParameterError

__all__ = ["GP_MAX", "Design", "fit_gp", "fit_spline", "one_blas_thread", "spline_design"]

Floats = NDArray[np.float64]

_DEGREE = 3
_SEGMENTS = {1: 20, 2: 8}  # B-spline intervals per input: one input, two (tensor)
_SEGMENTS_ADDITIVE = 10  # per input, three or more (additive)
_LOG_LAMBDAS = np.linspace(-6.0, 6.0, 25)  # grid, relative to trace(B'B) / trace(P)
GP_MAX = 3000  # most futures a Gaussian process is fitted on


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS on one thread while the small (columns <= ~150) solves run.

    Threads do not speed up these solves, and on a busy machine a multi-threaded
    BLAS waiting for a second core made a 121 x 121 solve 300 times slower (0.3 ms
    against 90 ms measured). With threadpoolctl (optional) the limit is lifted on exit.
    """
    try:
        limits = importlib.import_module("threadpoolctl").threadpool_limits
    except ImportError:
        yield
        return
    with limits(1, user_api="blas"):
        yield


def _basis(x: Floats, segments: int) -> Floats:
    """Cubic B-spline basis (futures, segments + 3), equal knot steps; 1 column if x is fixed."""
    lo, hi = float(x.min()), float(x.max())
    if not hi > lo:
        return np.ones((x.size, 1))
    step = (hi - lo) / segments
    knots = lo + step * np.arange(-_DEGREE, segments + _DEGREE + 1)
    knots[_DEGREE], knots[-_DEGREE - 1] = lo, hi  # exact ends: no point out of bounds
    return np.asarray(BSpline.design_matrix(x, knots, _DEGREE).toarray())


def _difference_penalty(k: int) -> Floats:
    """Second-order difference penalty D'D (k x k); zero for fewer than three columns."""
    if k < 3:
        return np.zeros((k, k))
    d = np.diff(np.eye(k), n=2, axis=0)
    return np.asarray(d.T @ d)


@dataclass(frozen=True)
class Design:
    """A P-spline regression: its basis and one penalty per smoothing parameter."""

    basis: Floats  # (futures, columns)
    penalties: tuple[Floats, ...]  # each (columns, columns)


def spline_design(x: Floats) -> Design:
    k = x.shape[1]
    if k == 1:
        b = _basis(x[:, 0], _SEGMENTS[1])
        return Design(b, (_difference_penalty(b.shape[1]),))
    if k == 2:
        b1, b2 = _basis(x[:, 0], _SEGMENTS[2]), _basis(x[:, 1], _SEGMENTS[2])
        b = (b1[:, :, None] * b2[:, None, :]).reshape(x.shape[0], -1)  # row-wise Kronecker
        i1, i2 = np.eye(b1.shape[1]), np.eye(b2.shape[1])
        p1 = np.asarray(np.kron(_difference_penalty(b1.shape[1]), i2), dtype=float)
        p2 = np.asarray(np.kron(i1, _difference_penalty(b2.shape[1])), dtype=float)
        return Design(b, (p1, p2))
    parts = [np.ones((x.shape[0], 1))]
    for j in range(k):
        bj = _basis(x[:, j], _SEGMENTS_ADDITIVE)
        if bj.shape[1] > 1:
            parts.append(bj[:, 1:])  # drop one column per input: the intercept is shared
    b = np.hstack(parts)
    pen = np.zeros((b.shape[1], b.shape[1]))
    start = 1
    for p in parts[1:]:
        m = p.shape[1]
        pen[start : start + m, start : start + m] = _difference_penalty(m)
        start += m
    return Design(b, (pen,))


def _solve(gram: Floats, penalty: Floats, rhs: Floats) -> Floats:
    a = gram + penalty
    a = a + np.eye(a.shape[0]) * (1e-10 * max(float(np.trace(a)), 1e-300) / a.shape[0])
    return np.asarray(np.linalg.solve(a, rhs))


def _choose_lambdas(design: Design, y: Floats) -> Floats:
    """Per response (columns of y), the penalty matrix sum_j lambda_j P_j minimising GCV.

    Returns the penalties stacked, shape (responses, columns, columns).
    """
    b, n = design.basis, design.basis.shape[0]
    gram, bty, yty = b.T @ b, b.T @ y, np.einsum("fr,fr->r", y, y)
    scales = [
        float(np.trace(gram)) / float(np.trace(p)) if np.trace(p) > 0 else 0.0
        for p in design.penalties
    ]
    grid = 10.0 ** (_LOG_LAMBDAS if len(design.penalties) == 1 else _LOG_LAMBDAS[::2])
    grids = np.meshgrid(*([grid] * len(design.penalties)), indexing="ij")
    combos = np.stack([g.ravel() for g in grids], axis=1)
    best = np.full(y.shape[1], np.inf)
    chosen = np.zeros((y.shape[1], *gram.shape))
    for lams in combos:
        pen = sum(
            (lam * s * p for lam, s, p in zip(lams, scales, design.penalties, strict=True)),
            np.zeros_like(gram),
        )
        a = gram + pen
        a = a + np.eye(a.shape[0]) * (1e-10 * float(np.trace(a)) / a.shape[0])
        try:
            both = np.linalg.solve(a, np.hstack([gram, bty]))
        except np.linalg.LinAlgError:
            continue
        inv_gram, coef = both[:, : gram.shape[1]], both[:, gram.shape[1] :]
        rss = yty - 2 * np.einsum("cr,cr->r", coef, bty) + np.einsum("cr,cr->r", coef, gram @ coef)
        edf = float(np.trace(inv_gram))
        if edf >= n - 1:
            continue
        gcv = n * np.maximum(rss, 0.0) / (n - edf) ** 2
        better = gcv < best
        best[better] = gcv[better]
        chosen[better] = pen
    return chosen


def fit_spline(
    design: Design, y: Floats, weights: Floats | None = None, penalties: Floats | None = None
) -> tuple[Floats, Floats]:
    """Fitted values (futures, responses) of P-spline regressions of y, and the penalties.

    With ``weights`` (a bootstrap's counts per future) and ``penalties`` (from the
    full-sample fit) the fit is a weighted refit with the smoothing held.
    """
    b = design.basis
    if penalties is None:
        penalties = _choose_lambdas(design, y)
    bw = b if weights is None else b * weights[:, None]
    gram, bty = bw.T @ b, bw.T @ y
    coefs = np.stack([_solve(gram, penalties[r], bty[:, r]) for r in range(y.shape[1])], axis=1)
    return np.asarray(b @ coefs), penalties


def fit_gp(
    x: Floats, y: Floats, kernels: tuple[Any, ...] | None = None
) -> tuple[Floats, tuple[Any, ...]]:
    """Fitted values of a Gaussian-process regression per response (scikit-learn).

    A squared-exponential kernel with one length scale per input (inputs standardised)
    plus white noise, hyperparameters by maximum likelihood. With ``kernels`` (the
    fitted ones a first call returns) they are held (a bootstrap's refit).
    """
    try:
        gp_mod = importlib.import_module("sklearn.gaussian_process")
        kern = importlib.import_module("sklearn.gaussian_process.kernels")
    except ImportError:
        raise MissingDependencyError(
            "method='gp' needs scikit-learn (pip install scikit-learn); method='spline' does not"
        ) from None
    n = x.shape[0]
    if n > GP_MAX:
        raise ParameterError(
            "method",
            f"'spline' above {GP_MAX} futures ('gp' is O(n^3))",
            f"'gp' with {n} futures",
        )
    mu, sd = x.mean(axis=0), x.std(axis=0)
    z = (x - mu) / np.where(sd > 0, sd, 1.0)
    out = np.empty_like(y)
    fitted: list[Any] = []
    for r in range(y.shape[1]):
        if kernels is None:
            kernel = kern.ConstantKernel(1.0) * kern.RBF(length_scale=np.ones(x.shape[1]))
            gp = gp_mod.GaussianProcessRegressor(
                kernel=kernel + kern.WhiteKernel(1.0), normalize_y=True, random_state=0
            )
        else:
            gp = gp_mod.GaussianProcessRegressor(
                kernel=kernels[r], normalize_y=True, optimizer=None
            )
        gp.fit(z, y[:, r])
        out[:, r] = gp.predict(z)
        fitted.append(gp.kernel_)
    return out, tuple(fitted)
