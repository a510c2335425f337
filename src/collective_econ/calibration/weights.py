"""Survey weights calibrated to county margins, with replicate-weight standard errors.

Calibration (Deville & Särndal 1992) moves design weights ``d`` to weights
``w = d g(x'λ)`` that reproduce known totals ``t = Σ w x`` of auxiliary variables
``x`` (households per resident group, persons per age band, landless households,
households below income cuts), staying as close to ``d`` as a distance allows:

- ``"linear"``: chi-square distance, ``g(u) = 1 + u`` (the GREG weights; closed form);
  with ``bounds=(L, U)``: truncated linear, ``g = clip(1 + u, L, U)``;
- ``"raking"``: ``g(u) = exp(u)`` (iterative proportional fitting's solution, found
  here by Newton's method); with bounds it is logit-bounded raking (Deville &
  Särndal's case 6), whose ratios stay strictly inside ``(L, U)``;
- ``"logit"``: the same bounded raking, bounds required.

Replicate weights (:func:`replicate_weights`): the delete-one (JK1, or JKn within
strata) jackknife, or the Rao-Wu rescaling bootstrap, each replicate recalibrated
to the same margins, so that standard errors include calibration's effect.

Examples
--------
>>> import numpy as np
>>> d = np.array([10.0, 10.0, 10.0, 10.0])
>>> x = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 1.0], [1.0, 0.0]])  # households, landless
>>> r = calibrate(d, x, [50.0, 30.0], method="raking")
>>> r.weights.round(6).tolist(), r.converged
([10.0, 15.0, 15.0, 10.0], True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit

from ..economy.community import Community
from ..errors import CalibrationError, ParameterError, ShapeError
from ..params import whole_number
from .survey import Survey

__all__ = [
    "Calibration",
    "MarginSpec",
    "ReplicateWeights",
    "calibrate",
    "calibrate_weights",
    "replicate_weights",
]

FloatArray = NDArray[np.float64]
_METHODS = ("linear", "raking", "logit")
_JACKKNIFE_MAX = 4000
"""Most households of a delete-one jackknife (H replicates of H weights: 128 MB)."""


@dataclass(frozen=True)
class Calibration:
    """Calibrated weights and how they were found.

    Attributes
    ----------
    weights : ndarray
        Calibrated weights, (H,).
    g : ndarray
        Ratios ``weights / design weights``, (H,).
    lam : ndarray
        The Lagrange multipliers λ, (K,).
    method : str
        The method asked for (``"raking"``, ``"linear"`` or ``"logit"``).
    iterations : int
        Newton steps taken (0 for the closed form).
    converged : bool
        Whether every margin was met within the tolerance.
    max_error : float
        Largest ``|achieved - target| / max(1, |target|)`` over the margins.
    history : tuple of float
        ``max_error`` after each step.
    distance : str
        The distance that method and the bounds give (``"linear"``, ``"truncated
        linear"``, ``"raking"``, ``"logit"``: bounded raking is the logit distance).
    """

    weights: FloatArray
    g: FloatArray
    lam: FloatArray
    method: str
    iterations: int
    converged: bool
    max_error: float
    history: tuple[float, ...]
    distance: str = ""


def _distance(
    method: str, bounds: tuple[float, float] | None
) -> tuple[str, Callable[[FloatArray], FloatArray], Callable[[FloatArray], FloatArray]]:
    """The name, ``g(u)`` and ``g'(u)`` of a calibration distance."""
    if method == "linear" and bounds is None:
        return "linear", lambda u: 1.0 + u, lambda u: np.ones_like(u)
    if method == "linear":
        lo, hi = bounds  # type: ignore[misc]
        return (
            "truncated linear",
            lambda u: np.clip(1.0 + u, lo, hi),
            lambda u: ((1.0 + u > lo) & (1.0 + u < hi)).astype(np.float64),
        )
    if method == "raking" and bounds is None:
        return "raking", np.exp, np.exp
    if bounds is None:
        raise ParameterError("bounds", "(L, U) with L < 1 < U for method 'logit'", bounds)
    lo, hi = bounds
    a = (hi - lo) / ((1.0 - lo) * (hi - 1.0))
    shift = np.log((1.0 - lo) / (hi - 1.0))
    # g = L + (U - L) q with q = expit(a u + shift): Deville & Särndal's logit, overflow-free

    def g(u: FloatArray) -> FloatArray:
        return np.asarray(lo + (hi - lo) * expit(a * u + shift))

    def dg(u: FloatArray) -> FloatArray:
        q = expit(a * u + shift)
        return np.asarray((hi - lo) * a * q * (1.0 - q))

    return "logit", g, dg


def calibrate(
    design_weights: ArrayLike,
    x: ArrayLike,
    totals: ArrayLike,
    *,
    method: str = "raking",
    bounds: tuple[float, float] | None = None,
    tol: float = 1e-10,
    max_iter: int = 100,
) -> Calibration:
    """Calibrate design weights to known totals of auxiliary variables.

    Parameters
    ----------
    design_weights : array_like
        Design weights ``d`` (1 / inclusion probability), > 0, shape (H,).
    x : array_like
        Auxiliary variables per household, shape (H, K).
    totals : array_like
        Known population totals of ``x``, shape (K,).
    method : {"raking", "linear", "logit"}
        The distance (module docstring).
    bounds : (float, float), optional
        Bounds ``(L, U)`` on the ratios ``w / d``, ``0 <= L < 1 < U``.
    tol : float
        Largest relative error of a margin accepted (``|Σwx - t| / max(1, |t|)``).
    max_iter : int
        Newton steps allowed.

    Raises
    ------
    CalibrationError
        A margin with no sample household carrying it, or margins not met within
        ``max_iter`` steps (bounds too tight, margins inconsistent).
    """
    d = np.asarray(design_weights, dtype=np.float64)
    X = np.asarray(x, dtype=np.float64)
    t = np.asarray(totals, dtype=np.float64)
    if X.ndim == 1:
        X = X[:, None]
    if d.ndim != 1 or X.shape[0] != d.shape[0] or t.shape != (X.shape[1],):
        raise ShapeError(
            f"design_weights (H,), x (H, K), totals (K,): got {d.shape}, {X.shape}, {t.shape}"
        )
    if np.any(d <= 0) or not np.isfinite(d).all():
        raise ParameterError("design_weights", "finite and > 0", d[~(d > 0)][:3].tolist())
    if method not in _METHODS:
        raise ParameterError("method", f"one of {_METHODS}", method)
    if bounds is not None:
        lo, hi = (float(b) for b in bounds)
        if not (0.0 <= lo < 1.0 < hi):
            raise ParameterError("bounds", "(L, U) with 0 <= L < 1 < U", bounds)
        bounds = (lo, hi)
    empty = np.flatnonzero(~np.any(X != 0, axis=0) & (t != 0))
    if empty.size:
        raise CalibrationError(
            f"margins {empty.tolist()} have a non-zero target but no sample household carries them"
        )
    name, g, dg = _distance(method, bounds)
    scale = np.maximum(1.0, np.abs(t))
    lam = np.zeros(X.shape[1])
    history: list[float] = []
    if name == "linear":  # the closed form (GREG): λ = (X'DX)^-1 (t - X'd)
        lam = _solve((X * d[:, None]).T @ X, t - X.T @ d)
        w = d * g(X @ lam)
        err = float(np.max(np.abs(X.T @ w - t) / scale))
        return Calibration(w, w / d, lam, method, 0, err <= tol, err, (err,), name)
    for it in range(1, max_iter + 1):
        u = X @ lam
        resid = X.T @ (d * g(u)) - t
        err = float(np.max(np.abs(resid) / scale))
        history.append(err)
        if err <= tol:
            w = d * g(u)
            return Calibration(w, w / d, lam, method, it - 1, True, err, tuple(history), name)
        jac = (X * (d * dg(u))[:, None]).T @ X
        step = _solve(jac, -resid)
        norm = float(np.linalg.norm(resid / scale))
        for _ in range(40):  # damped: halve until the residual shrinks
            trial = lam + step
            new = X.T @ (d * g(X @ trial)) - t
            if float(np.linalg.norm(new / scale)) < norm or not np.all(np.isfinite(step)):
                break
            step = step / 2.0
        lam = trial
    w = d * g(X @ lam)
    err = float(np.max(np.abs(X.T @ w - t) / scale))
    raise CalibrationError(
        f"{name} calibration did not meet the margins in {max_iter} steps (largest relative "
        f"error {err:.3g}); the bounds {bounds} may be too tight or the margins inconsistent"
    )


def _solve(a: FloatArray, b: FloatArray) -> FloatArray:
    try:
        return np.asarray(np.linalg.solve(a, b))
    except np.linalg.LinAlgError:  # collinear margins (or all ratios at a bound)
        return np.asarray(np.linalg.lstsq(a, b, rcond=None)[0])


@dataclass(frozen=True)
class MarginSpec:
    """Which county margins to calibrate to; names its columns and builds them.

    Parameters
    ----------
    groups : bool
        Households per resident group (``"households: <group>"``).
    age_edges : tuple of int
        Persons per age band cut at these ages (``(16, 60)``: 0-15, 16-59, 60+;
        ``"persons aged 16-59"``).
    landless : bool
        Households holding no land (``"landless households"``).
    income_cuts : tuple of float
        Households with baseline income at or below each cut, yuan/yr
        (``"households with income <= 12000"``): with the county's p-quantile as cut,
        its target is p x households.
    """

    groups: bool = True
    age_edges: tuple[int, ...] = (16, 60)
    landless: bool = True
    income_cuts: tuple[float, ...] = ()

    def names(self, group_names: Sequence[str]) -> tuple[str, ...]:
        """The margins' names, in the order of :meth:`matrix`'s columns."""
        out = [f"households: {g}" for g in group_names] if self.groups else []
        edges = (0, *self.age_edges)
        for lo, hi in zip(edges, (*self.age_edges, None), strict=True):
            out.append(f"persons aged {lo}+" if hi is None else f"persons aged {lo}-{hi - 1}")
        if self.landless:
            out.append("landless households")
        out += [f"households with income <= {c:g}" for c in self.income_cuts]
        return tuple(out)

    def matrix(self, community: Community, n_groups: int | None = None) -> FloatArray:
        """The auxiliary variables of each household, (H, K)."""
        c = community
        cols = []
        if self.groups:
            k = n_groups if n_groups is not None else len(c.group_names)
            cols.append((c.group[:, None] == np.arange(k)[None, :]).astype(np.float64))
        band = np.searchsorted(np.asarray(self.age_edges), c.age, side="right")
        counts = np.zeros((c.n_households, len(self.age_edges) + 1))
        np.add.at(counts, (c.person_household, band), 1.0)
        cols.append(counts)
        if self.landless:
            cols.append((c.land_mu <= 0)[:, None].astype(np.float64))
        if self.income_cuts:
            cuts = np.asarray(self.income_cuts)
            cols.append((c.baseline[:, None] <= cuts[None, :]).astype(np.float64))
        return np.hstack(cols)

    def totals(self, community: Community) -> dict[str, float]:
        """The margins of a whole community (a county's census), by name."""
        names = self.names(community.group_names)
        values = self.matrix(community).sum(axis=0)
        return dict(zip(names, values.tolist(), strict=True))


def calibrate_weights(
    survey: Survey,
    targets: Mapping[str, float],
    *,
    spec: MarginSpec | None = None,
    method: str = "raking",
    bounds: tuple[float, float] | None = None,
    tol: float = 1e-10,
) -> Calibration:
    """Calibrate a survey's weights to county margins given by name.

    Parameters
    ----------
    survey : Survey
        Its ``weight`` are the design weights.
    targets : mapping of str to float
        County totals, named as :meth:`MarginSpec.names` (``MarginSpec().totals(census)``
        gives them for a whole community); every margin of ``spec`` is needed.
    spec : MarginSpec, optional
        Which margins (default: groups, three age bands, landless).
    method, bounds, tol
        As in :func:`calibrate`.
    """
    spec = spec or MarginSpec()
    names = spec.names(survey.community.group_names)
    missing = [n for n in names if n not in targets]
    unknown = [n for n in targets if n not in names]
    if missing or unknown:
        raise ParameterError(
            "targets",
            f"one total for each margin {list(names)} (missing {missing}, unknown {unknown})",
            dict(targets),
        )
    x = spec.matrix(survey.community)
    t = np.array([targets[n] for n in names])
    return calibrate(survey.weight, x, t, method=method, bounds=bounds, tol=tol)


@dataclass(frozen=True)
class ReplicateWeights:
    """Replicate weights and how to turn replicate estimates into a variance.

    The variance of an estimator ``θ`` is ``Σ_r factor_r (θ_r - θ)²`` with ``θ_r``
    computed with ``weights[r]`` and ``θ`` with ``full``.
    """

    full: FloatArray
    weights: FloatArray
    factor: FloatArray
    method: str

    def se(self, statistic: Callable[[FloatArray], float]) -> float:
        """The standard error of ``statistic(weights)`` (any weighted estimator)."""
        theta = statistic(self.full)
        reps = np.array([statistic(w) for w in self.weights])
        return float(np.sqrt(np.sum(self.factor * (reps - theta) ** 2)))

    def se_mean(self, y: ArrayLike) -> float:
        """The standard error of the weighted mean of ``y`` (per household, (H,))."""
        v = np.asarray(y, dtype=np.float64)
        theta = float(self.full @ v / self.full.sum())
        reps = self.weights @ v / self.weights.sum(axis=1)
        return float(np.sqrt(np.sum(self.factor * (reps - theta) ** 2)))


def replicate_weights(
    survey: Survey,
    targets: Mapping[str, float] | None = None,
    *,
    spec: MarginSpec | None = None,
    kind: str = "jackknife",
    replicates: int = 200,
    rng: np.random.Generator | None = None,
    method: str = "raking",
    bounds: tuple[float, float] | None = None,
    fpc: bool = False,
) -> ReplicateWeights:
    """Replicate weights of a survey, each recalibrated to the same margins.

    Parameters
    ----------
    survey : Survey
        Design weights and strata (``survey.stratum``).
    targets : mapping of str to float, optional
        County margins (as :func:`calibrate_weights`); None: no calibration, the
        replicates of the design weights.
    spec : MarginSpec, optional
        Which margins ``targets`` name.
    kind : {"jackknife", "bootstrap"}
        Delete-one jackknife (JK1 in one stratum, JKn within strata: one replicate
        per household, variance factor ``(n_h - 1) / n_h``) or the Rao-Wu rescaling
        bootstrap (``replicates`` draws of ``n_h - 1`` households with replacement per
        stratum, factor ``1 / replicates``).
    replicates : int
        Bootstrap replicates, a whole number >= 2 (unused by the jackknife).
    rng : numpy.random.Generator, optional
        The bootstrap's only randomness (required for ``"bootstrap"``).
    method, bounds
        As in :func:`calibrate`.
    fpc : bool
        Multiply the variance by ``1 - n_h / N_h`` (sampling without replacement,
        ``N_h`` estimated by the stratum's design weights).
    """
    d = survey.weight
    strata = survey.stratum
    n_h = np.bincount(strata)
    f_h = n_h / np.maximum(np.bincount(strata, weights=d), 1e-300) if fpc else 0.0 * n_h
    if np.any(n_h[np.unique(strata)] < 2):
        raise ParameterError("survey.stratum", "strata of 2 households or more", n_h.tolist())
    if kind == "jackknife":
        h = d.shape[0]
        if h > _JACKKNIFE_MAX:
            raise ParameterError(
                "kind",
                f"'bootstrap' above {_JACKKNIFE_MAX} households (the delete-one "
                "jackknife holds one replicate per household)",
                kind,
            )
        s = strata
        scale = n_h[s] / (n_h[s] - 1.0)
        same = s[None, :] == s[:, None]
        reps = np.where(same, d[None, :] * scale[None, :], d[None, :])
        reps[np.arange(h), np.arange(h)] = 0.0
        factor = (n_h[s] - 1.0) / n_h[s] * (1.0 - f_h[s])
    elif kind == "bootstrap":
        if not isinstance(rng, np.random.Generator):
            raise ParameterError("rng", "a numpy.random.Generator for the bootstrap", rng)
        replicates = whole_number(replicates, "replicates", 2)
        reps = np.empty((replicates, d.shape[0]))
        for r in range(replicates):
            m = np.zeros(d.shape[0])
            for k in np.unique(strata):
                members = np.flatnonzero(strata == k)
                draw = rng.choice(members, n_h[k] - 1, replace=True)
                m += np.bincount(draw, minlength=d.shape[0])
            reps[r] = d * m * n_h[strata] / (n_h[strata] - 1.0)
        factor = np.full(replicates, float(np.mean(1.0 - f_h[strata])) / replicates)
    else:
        raise ParameterError("kind", "'jackknife' or 'bootstrap'", kind)
    if targets is None:
        full = d.copy()
    else:
        spec = spec or MarginSpec()
        full = calibrate_weights(survey, targets, spec=spec, method=method, bounds=bounds).weights
        x = spec.matrix(survey.community)
        t = np.array([targets[n] for n in spec.names(survey.community.group_names)])
        out = np.zeros_like(reps)
        for r, w in enumerate(reps):
            keep = w > 0
            res = calibrate(w[keep], x[keep], t, method=method, bounds=bounds)
            out[r, keep] = res.weights
        reps = out
    return ReplicateWeights(full, reps, np.asarray(factor, dtype=np.float64), kind)
