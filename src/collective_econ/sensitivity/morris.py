"""Morris elementary effects: a cheap screen of which inputs matter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ..distributions import transform_uniform
from ..errors import ParameterError
from ..seeding import SeedLike, as_seed_sequence, stream

if TYPE_CHECKING:
    pass

from ..params import _whole
from ._core import Evaluate, FloatArray, Inputs, _finite, _inputs, _Result, _run


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
    r = _whole(trajectories, "trajectories", 2, "", terse=True)
    p = _whole(levels, "levels", 2, "", terse=True)
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
