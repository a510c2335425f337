"""The Gaussian kernel of :func:`~collective_econ.calibration.fit.abc_smc` and its covariance.

Normal scores (every prior a standard normal), the last generation that weights proposals
by ``exp(-d^2 / 2)`` (Wilkinson 2013: ABC with a Gaussian acceptance kernel is exact
inference under a Gaussian error model) and the covariance of ``observed - simulated``
that :func:`~collective_econ.calibration.fit.fit` estimates from pilot runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import special

from ..distributions import Distribution
from ..errors import ParameterError

Floats = NDArray[np.float64]


def _normal_scores(priors: Sequence[Distribution], theta: Floats) -> Floats:
    u = np.column_stack([np.asarray(d.cdf(theta[:, j])) for j, d in enumerate(priors)])
    return np.asarray(special.ndtri(np.clip(u, 1e-12, 1 - 1e-12)), dtype=float)


def _from_scores(priors: Sequence[Distribution], z: Floats) -> Floats:
    u = np.clip(special.ndtr(z), 1e-12, 1 - 1e-12)
    return np.column_stack([np.asarray(d.ppf(u[:, j])) for j, d in enumerate(priors)])


def _gaussian_generation(
    z: Floats,
    w: Floats,
    distance: Callable[[Floats], Floats],
    priors: Sequence[Distribution],
    particles: int,
    rng: np.random.Generator,
    batches: int = 10,
) -> tuple[Floats, Floats, Floats, int]:
    """The last generation of a Gaussian kernel: proposals weighted by ``exp(-d^2 / 2)``.

    Proposals come from the previous population's kernel mixture (as every generation's);
    importance weight: prior density over the mixture times the kernel. Batches of
    ``particles`` until the ESS reaches ``particles`` or ``batches`` are run; returns
    every proposal, its distance and normalised weight, and the runs.
    """
    k = z.shape[1]
    cov = 2.0 * np.atleast_2d(np.cov(z, rowvar=False, aweights=w)) + 1e-12 * np.eye(k)
    chol, inv = np.linalg.cholesky(cov), np.linalg.inv(cov)
    zs: list[Floats] = []
    ds: list[Floats] = []
    logw: list[Floats] = []
    runs = 0
    while runs < batches * particles:
        pick = rng.choice(len(w), size=particles, p=w)
        prop = z[pick] + rng.standard_normal((particles, k)) @ chol.T
        dp = distance(_from_scores(priors, prop))
        runs += particles
        diff = prop[:, None, :] - z[None, :, :]
        mix = np.exp(-0.5 * np.einsum("abi,ij,abj->ab", diff, inv, diff)) @ w
        lw = -0.5 * (prop**2).sum(axis=1) - np.log(mix) - 0.5 * dp**2
        zs.append(prop)
        ds.append(dp)
        logw.append(np.where(np.isfinite(dp), lw, -np.inf))
        all_lw = np.concatenate(logw)
        if not np.isfinite(all_lw).any():
            continue
        ww = np.exp(all_lw - all_lw.max())
        if ww.sum() ** 2 / (ww**2).sum() >= particles:
            break
    all_lw = np.concatenate(logw)
    if not np.isfinite(all_lw).any():
        raise ParameterError("simulate", "finite moments near the posterior", "NaN", "abc_smc")
    ww = np.exp(all_lw - all_lw.max())
    ww /= ww.sum()
    return np.vstack(zs), np.concatenate(ds), ww, runs


def _kernel_covariance(noise: Floats, se: Floats) -> Floats:
    """Covariance of ``observed - simulated`` at the truth, from pilot runs (see :func:`fit`).

    ``noise``: the pilot's moments, shape (runs, moments), each run its own community. The
    survey's part has the pilot's correlation (the identity where a moment did not vary)
    and variances ``se ** 2``; the simulator's part is the pilot's covariance.
    """
    good = np.isfinite(noise).all(axis=1)
    sim_cov = np.atleast_2d(np.cov(noise[good], rowvar=False)) if good.sum() > 2 else None
    if sim_cov is None or not np.isfinite(sim_cov).all():
        sim_cov = np.diag(se**2)
    sd = np.sqrt(np.diag(sim_cov))
    corr = np.where(np.outer(sd, sd) > 0, sim_cov / np.where(sd > 0, np.outer(sd, sd), 1.0), 0.0)
    np.fill_diagonal(corr, 1.0)
    cov = corr * np.outer(se, se) + sim_cov
    # keep it positive definite (exact collinearity), on the scale of the correlation
    scale = np.sqrt(np.diag(cov))
    vals, vecs = np.linalg.eigh(cov / np.outer(scale, scale))
    fixed = (vecs * np.maximum(vals, 1e-9)) @ vecs.T
    return np.asarray(fixed * np.outer(scale, scale), dtype=float)
