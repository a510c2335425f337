"""Named distributions for the uncertain inputs of a model, and correlated sampling.

Each distribution is a frozen, validated :class:`~collective_econ.params.Parameters`
class with one protocol: ``sample(rng, size)``, ``ppf(q)`` (inverse CDF) alias
``quantile(q)``, ``cdf(x)``, and the properties ``mean`` and ``support``, all in the
unit of the input (yuan/kg, fraction, days).

Sampling is by inverse transform, ``ppf(u)`` with ``u = rng.random(size)``, so every
distribution consumes exactly one uniform of the given Generator per value: swapping
one input's distribution never shifts the draws of the next input on that stream,
and Latin hypercube or Sobol designs map to inputs through the same ``ppf``
(:func:`transform_uniform`). The ppf and cdf are closed forms or ``scipy.special``
ufuncs rather than ``scipy.stats`` frozen objects, which cost ~0.5 ms to build.

Examples
--------
A hog farmer's margin depends on the live hog price (lognormal, mean 12 yuan/kg) and
the compound feed price (3.2-3.9 yuan/kg, most likely 3.5; domain-reference §2a),
which move together with a Spearman rank correlation of 0.6:

>>> import numpy as np
>>> from scipy.stats import spearmanr
>>> hog, feed = LogNormal(mean=12.0, cv=0.2), Triangular(low=3.2, mode=3.5, high=3.9)
>>> rng = np.random.default_rng(2010)
>>> prices = sample_correlated([hog, feed], [[1.0, 0.6], [0.6, 1.0]], n=20_000, rng=rng)
>>> prices.shape
(20000, 2)
>>> round(float(spearmanr(prices[:, 0], prices[:, 1]).statistic), 2)
0.6
"""

from __future__ import annotations

from .correlation import (
    correlate_uniforms,
    sample_correlated,
    transform_uniform,
    validate_correlation,
)
from .named import PERT, Distribution, Empirical, Fixed, LogNormal, Normal, Triangular, Uniform

__all__ = [
    "PERT",
    "Distribution",
    "Empirical",
    "Fixed",
    "LogNormal",
    "Normal",
    "Triangular",
    "Uniform",
    "correlate_uniforms",
    "sample_correlated",
    "transform_uniform",
    "validate_correlation",
]
