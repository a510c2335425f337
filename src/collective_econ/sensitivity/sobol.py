"""Sobol variance-based indices: first-order and total, with bootstrap intervals."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from scipy.stats import qmc

from ..distributions import transform_uniform
from ..distributions.design import qmc_engine
from ..errors import ParameterError
from ..seeding import SeedLike, as_seed_sequence, stream

if TYPE_CHECKING:
    pass

from ..params import _whole
from ._core import (
    _EPS,
    Evaluate,
    FloatArray,
    Inputs,
    _finite,
    _fraction,
    _inputs,
    _Result,
    _run,
)


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
    size, k = _whole(n, "n", 2, "", terse=True), len(names)
    if size & (size - 1):
        raise ParameterError("n", f"a power of two such as {1 << size.bit_length()}", size)
    level = _fraction("confidence", confidence, "within (0, 1)")
    if level in (0.0, 1.0):
        raise ParameterError("confidence", "within (0, 1)", level)
    resamples, root = _whole(bootstrap, "bootstrap", 0, "", terse=True), as_seed_sequence(seed)
    engine = qmc_engine(qmc.Sobol, 2 * k, stream(root, "sobol", "design"), scramble=True)
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
