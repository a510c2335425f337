"""Designs of uniform samples: Monte Carlo, Latin hypercube, Sobol: the one sampler.

Every design in the library (an experiment's samples, an appraisal's Monte Carlo,
a Sobol analysis) is drawn here, so that the SciPy compatibility shim (the
generator argument is ``seed=`` before SciPy 1.15 and ``rng=`` after) lives once.

Examples
--------
>>> import numpy as np
>>> u = uniform_design("lhs", 8, 2, np.random.default_rng(1))
>>> u.shape, bool(((u > 0) & (u < 1)).all())
((8, 2), True)
>>> # a Latin hypercube has one point in each of the 8 strata of every column
>>> sorted(np.floor(u[:, 0] * 8).astype(int).tolist())
[0, 1, 2, 3, 4, 5, 6, 7]
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy.stats import qmc

__all__ = ["UNIFORM_DESIGNS", "clip_open", "qmc_engine", "uniform_design"]

UNIFORM_DESIGNS = ("montecarlo", "lhs", "sobol")
"""The kinds of uniform design :func:`uniform_design` draws."""

_TINY, _ALMOST_ONE = float(np.finfo(float).tiny), 1.0 - float(np.finfo(float).epsneg)


def qmc_engine(kind: type[Any], d: int, rng: np.random.Generator, **options: Any) -> Any:
    """A :mod:`scipy.stats.qmc` engine of ``d`` dimensions drawing from ``rng``.

    SciPy names the generator ``rng`` from 1.15 on and ``seed`` before; both work.
    """
    try:
        return kind(d=d, rng=rng, **options)
    except TypeError:  # scipy < 1.15 calls it seed
        return kind(d=d, seed=rng, **options)


def uniform_design(
    kind: Literal["montecarlo", "lhs", "sobol"] | str,
    n: int,
    k: int,
    rng: np.random.Generator,
) -> NDArray[np.float64]:
    """``n`` points of a ``k``-dimensional uniform design on [0, 1), shape (n, k).

    Parameters
    ----------
    kind : {"montecarlo", "lhs", "sobol"}
        Independent uniforms, a Latin hypercube, or a scrambled Sobol sequence
        (``n`` rounded down to a power of two, as Sobol balance requires).
    n, k : int
        Points and dimensions.
    rng : numpy.random.Generator
        Where the draws come from.
    """
    if kind == "montecarlo" or k == 0:
        return np.asarray(rng.random((n, k)))
    if kind not in UNIFORM_DESIGNS:
        raise ValueError(f"kind must be one of {UNIFORM_DESIGNS}, got {kind!r}")
    engine = qmc_engine(qmc.LatinHypercube if kind == "lhs" else qmc.Sobol, k, rng)
    u = engine.random(n) if kind == "lhs" else engine.random_base2(n.bit_length() - 1)
    return np.asarray(u, dtype=np.float64)


def clip_open(u: NDArray[np.float64]) -> NDArray[np.float64]:
    """Uniforms moved inside (0, 1), so that every inverse CDF is finite there."""
    return np.clip(u, _TINY, _ALMOST_ONE)
