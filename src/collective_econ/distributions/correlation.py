"""Correlated sampling of several inputs: a Gaussian copula on rank correlations."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from ..errors import ParameterError, ParameterTypeError, ShapeError
from ..params import _whole
from ..resources import check, draws_estimate
from .named import Distribution, _checked, _uniforms

FloatArray = NDArray[np.float64]
_UNIT = "unit of the input"
_TINY = float(np.finfo(float).tiny)  # rng.random() may return 0.0, and ppf(0) may be -inf
_ALMOST_ONE = 1.0 - float(np.finfo(float).epsneg)
_TOL = 1e-10  # for symmetry, the unit diagonal and positive semi-definiteness


def validate_correlation(matrix: ArrayLike, names: Sequence[str] | None = None) -> FloatArray:
    """Check a correlation matrix; return it as floats, exactly symmetric, shape (k, k).

    It must be square, finite, with a unit diagonal and entries within [-1, 1],
    symmetric and positive semi-definite (both to 1e-10).

    Raises
    ------
    ParameterError
        Naming the entry, ``correlation[0, 1]`` or with ``names``
        ``correlation[hog, feed]``, the rule and the value.

    Examples
    --------
    >>> validate_correlation([[1, 0.6], [0.5, 1]], names=["hog", "feed"])
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: correlation[hog, feed] must be equal to
    correlation[feed, hog] (0.5), got 0.6
    """
    try:
        rho: FloatArray = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise ParameterTypeError("correlation", "an array of numbers", matrix) from None
    if rho.ndim != 2 or rho.shape[0] != rho.shape[1] or rho.size == 0:
        raise ParameterError("correlation", "a non-empty square matrix", rho.shape)
    k = rho.shape[0]
    if names is not None and (isinstance(names, str) or not isinstance(names, Sequence)):
        raise ParameterTypeError("names", "a sequence of names or None", names)
    if names is not None and len(names) != k:
        raise ParameterError("names", f"one per row of correlation ({k})", tuple(names))

    def label(i: int, j: int) -> str:
        return f"correlation[{names[i]}, {names[j]}]" if names else f"correlation[{i}, {j}]"

    checks = [
        (~np.isfinite(rho), "finite"),
        (np.eye(k, dtype=bool) & (np.abs(rho - 1.0) > _TOL), "1 on the diagonal"),
        (np.abs(rho) > 1.0, "within [-1, 1]"),
        (np.abs(rho - rho.T) > _TOL, "symmetric"),
    ]
    for bad, rule in checks:
        if bad.any():
            i, j = (int(ix) for ix in np.argwhere(bad)[0])
            if rule == "symmetric":
                rule = f"equal to {label(j, i)} ({rho[j, i]:g})"
            raise ParameterError(label(i, j), rule, float(rho[i, j]))
    rho = (rho + rho.T) / 2
    np.fill_diagonal(rho, 1.0)
    smallest = float(np.linalg.eigvalsh(rho)[0])
    if smallest < -_TOL:
        rule = f"positive semi-definite (smallest eigenvalue >= {-_TOL:g})"
        raise ParameterError("correlation", rule, smallest)
    return rho


def correlate_uniforms(
    u: ArrayLike, correlation: ArrayLike, *, names: Sequence[str] | None = None
) -> FloatArray:
    """Give independent uniforms, row by row, a target Spearman rank correlation.

    A Gaussian copula, as in :func:`sample_correlated`: use it to correlate a Latin
    hypercube design before :func:`transform_uniform`.

    Parameters
    ----------
    u : array_like, shape (n, k)
        Independent uniforms in the open interval (0, 1).
    correlation : array_like, shape (k, k)
        Target Spearman rank correlations (see :func:`validate_correlation`).
    names : sequence of str, optional
        The k inputs' names, for error messages.

    Returns
    -------
    ndarray, shape (n, k)
        Uniforms in (0, 1) with that rank correlation.
    """
    rho = validate_correlation(correlation, names)
    arr = np.asarray(u, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != rho.shape[0]:
        raise ShapeError(f"u has shape {arr.shape}; expected (n, {rho.shape[0]})")
    if not ((arr > 0) & (arr < 1)).all():
        bad = float(arr[~((arr > 0) & (arr < 1))][0])
        raise ParameterError("u", "within the open interval (0, 1)", bad)
    return _correlate(arr, rho)


def _correlate(u: FloatArray, spearman: FloatArray) -> FloatArray:
    pearson = 2.0 * np.sin(np.pi * spearman / 6.0)
    np.fill_diagonal(pearson, 1.0)
    try:
        factor = np.linalg.cholesky(pearson)
    except np.linalg.LinAlgError:  # singular, or barely indefinite after the adjustment
        w, v = np.linalg.eigh(pearson)
        factor = v * np.sqrt(np.clip(w, 0.0, None))
        factor /= np.linalg.norm(factor, axis=1, keepdims=True)
    z = np.asarray(special.ndtri(u), dtype=float) @ factor.T
    out: FloatArray = np.clip(np.asarray(special.ndtr(z), dtype=float), _TINY, _ALMOST_ONE)
    return out


def transform_uniform(distributions: Sequence[Distribution], u: ArrayLike) -> FloatArray:
    """Map a design ``u`` in [0, 1]^k to inputs: column j through ``distributions[j].ppf``.

    Parameters
    ----------
    distributions : sequence of Distribution, length k
    u : array_like, shape (n, k)
        A uniform design: random, Latin hypercube, Sobol, or copula uniforms.

    Returns
    -------
    ndarray, shape (n, k)
        The inputs, each in its distribution's unit.

    Examples
    --------
    Hotel room rates (100-180 yuan/room-night) and occupancy held at 58% (§5b):

    >>> from collective_econ.distributions import Fixed, Uniform
    >>> rate_and_occupancy = [Uniform(low=100.0, high=180.0), Fixed(value=0.58)]
    >>> transform_uniform(rate_and_occupancy, [[0.1, 0.5], [0.9, 0.5]])
    array([[108.  ,   0.58],
           [172.  ,   0.58]])
    """
    arr = np.asarray(u, dtype=float)
    k = len(distributions)
    if arr.ndim != 2 or arr.shape[1] != k:
        raise ShapeError(f"u has shape {arr.shape}; expected (n, {k}) for {k} distributions")
    arr = _checked(arr, "u", "", unit_interval=True)
    out = np.empty_like(arr)
    for j, dist in enumerate(distributions):
        if not isinstance(dist, Distribution):
            raise ParameterTypeError(f"distributions[{j}]", "a Distribution", dist)
        out[:, j] = dist._ppf(arr[:, j])
    return out


def sample_correlated(
    distributions: Sequence[Distribution],
    correlation: ArrayLike,
    n: int,
    rng: np.random.Generator,
    *,
    names: Sequence[str] | None = None,
) -> FloatArray:
    """Draw n rows of k inputs with given marginals and Spearman rank correlations.

    A Gaussian copula: uniforms ``u = rng.random((n, k))`` become normals
    ``z = ndtri(u) @ L.T`` with Pearson correlation ``r = 2 sin(pi rho / 6)``
    (``L L^T = r``), then ``ndtr(z)`` goes through each marginal's ppf. A Gaussian
    copula with Pearson ``r`` has Spearman ``(6 / pi) asin(r / 2)``, so ``correlation``
    is the rank correlation of the result, whatever the (continuous) marginals.
    ``L`` is the Cholesky factor, or comes from the eigendecomposition when the
    matrix is singular; if ``r`` is barely indefinite its negative eigenvalues are
    clipped and the realised correlation moves a little. Discrete marginals
    (``Empirical``, ``Fixed``) have ties and a weaker rank correlation.

    The copula is chosen over Iman-Conover, which reorders a whole sample of fixed
    size: here rows are independent, and n rows are the first n of a longer sample
    from the same seed.

    Parameters
    ----------
    distributions : sequence of Distribution, length k
    correlation : array_like, shape (k, k)
        Target Spearman rank correlations (see :func:`validate_correlation`).
    n : int
        Rows to draw, >= 1.
    rng : numpy.random.Generator
    names : sequence of str, optional
        The inputs' names, for error messages.

    Returns
    -------
    ndarray, shape (n, k)
    """
    if not isinstance(distributions, Sequence) or not all(
        isinstance(d, Distribution) for d in distributions
    ):
        raise ParameterTypeError("distributions", "a sequence of Distribution", distributions)
    rho = validate_correlation(correlation, names)
    if rho.shape[0] != len(distributions):
        k = rho.shape[0]
        raise ShapeError(f"correlation is {k}x{k} but {len(distributions)} distributions given")
    n = _whole(n, "n", 1, owner="", terse=True)  # the one type policy: numpy integers too
    k = rho.shape[0]
    check(draws_estimate(int(n), k))
    u = _uniforms(rng, (int(n), k))
    return transform_uniform(distributions, _correlate(u, rho))
