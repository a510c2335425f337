"""Racing candidates by successive halving on common random numbers.

The engine of :func:`~collective_econ.decision.optimize.race`:

- :class:`Pool`: the candidates and their runs, replications ``0 .. r-1`` of each (a
  common prefix, so that any two candidates share their first runs' random numbers);
- :class:`Racer`: the feasibility rule (Wilson intervals) and successive halving
  (Jamieson & Talwalkar 2016) over a pool;
- :func:`surrogate`: a quadratic fitted to every run with one effect per replication
  (the common random numbers' shared part drops out), maximised by SLSQP under
  quadratic surrogates of the constraints' quantiles;
- :func:`certify`: more runs for the leaders until one is shown feasible;
- :func:`polish`: when the runs show no noise at all, a deterministic local search
  (:func:`scipy.optimize.minimize_scalar`, Nelder-Mead) from the incumbent.

References are in :mod:`collective_econ.decision.optimize`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize as sopt
from scipy import stats

from ..errors import ShapeError
from ..metrics.outcomes import wilson_interval

__all__ = [
    "FEASIBLE",
    "Pool",
    "Racer",
    "certify",
    "deterministic",
    "features",
    "polish",
    "surrogate",
    "wilson",
]

Floats = NDArray[np.float64]
Evaluate = Callable[[Floats, NDArray[np.int64]], Mapping[str, ArrayLike]]

FEASIBLE = 3
""":meth:`Racer.status` of a candidate shown feasible."""


class _Bounds(Protocol):
    low: float
    high: float
    integer: bool


class _Goal(Protocol):
    outcome: str

    @property
    def sign(self) -> float: ...


class _Chance(Protocol):
    outcome: str
    comparison: str
    bound: float
    probability: float

    def holds(self, values: ArrayLike) -> NDArray[np.bool_]: ...


def wilson(successes: ArrayLike, n: ArrayLike, confidence: float = 0.95) -> Floats:
    """Wilson score interval of ``successes`` out of ``n`` trials, shape (..., 2).

    :func:`collective_econ.metrics.outcomes.wilson_interval` at a two-sided
    ``confidence`` level (unitless, in (0, 1)).

    >>> wilson(19, 20).round(3).tolist()
    [0.764, 0.991]
    """
    k, m = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    return wilson_interval(k / m, m, float(stats.norm.ppf(0.5 + confidence / 2)))


class Pool:
    """Candidates and their runs; replications always 0 .. r-1 (a common prefix)."""

    def __init__(
        self,
        evaluate: Evaluate,
        outcomes: tuple[str, ...],
        levers: Sequence[_Bounds],
        budget: int,
    ) -> None:
        self.evaluate, self.outcomes, self.levers = evaluate, outcomes, levers
        self.budget, self.used = budget, 0
        self.x: list[Floats] = []
        self.y: list[dict[str, Floats]] = []

    def add(self, points: Floats) -> list[int]:
        """Indices of ``points`` (rounded, clipped), new ones appended."""
        lo = np.array([lv.low for lv in self.levers])
        hi = np.array([lv.high for lv in self.levers])
        out = []
        for p in np.atleast_2d(points):
            q = np.clip(p, lo, hi)
            ints = [lv.integer for lv in self.levers]
            q[ints] = np.clip(np.rint(q[ints]), np.ceil(lo[ints]), np.floor(hi[ints]))
            same = [i for i, x in enumerate(self.x) if np.allclose(x, q, rtol=0, atol=1e-12)]
            if same:
                out.append(same[0])
            else:
                self.x.append(q)
                self.y.append({o: np.empty(0) for o in self.outcomes})
                out.append(len(self.x) - 1)
        return list(dict.fromkeys(out))

    def reps(self, i: int) -> int:
        """Replications candidate ``i`` has run."""
        return int(self.y[i][self.outcomes[0]].size)

    def extend(self, idx: Sequence[int], target: int) -> None:
        """Run the candidates ``idx`` up to ``target`` replications, within the budget."""
        groups: dict[int, list[int]] = {}
        for i in idx:
            if self.reps(i) < target:
                groups.setdefault(self.reps(i), []).append(i)
        for r, members in sorted(groups.items()):
            room = (self.budget - self.used) // len(members)
            top = min(target, r + room)
            if top <= r:
                continue
            seeds = np.arange(r, top, dtype=np.int64)
            got = self.evaluate(np.array([self.x[i] for i in members]), seeds)
            shape = (len(members), seeds.size)
            for o in self.outcomes:
                v = np.asarray(got.get(o, np.nan), dtype=float)
                if v.shape != shape or not np.isfinite(v).all():
                    raise ShapeError(
                        f"evaluate(levers, seeds) must return {{{o!r}: finite values of shape "
                        f"{shape}}} (candidates, seeds); got {v.shape}"
                    )
                for row, i in enumerate(members):
                    self.y[i][o] = np.concatenate([self.y[i][o], v[row]])
            self.used += int(np.prod(shape))

    def mean(self, i: int, outcome: str, r: int | None = None) -> float:
        """Mean of ``outcome`` over candidate ``i``'s first ``r`` replications (all)."""
        return float(self.y[i][outcome][:r].mean())


class Racer:
    """Successive halving and the feasibility rule, on a pool."""

    def __init__(
        self, pool: Pool, objective: _Goal, constraints: Sequence[_Chance], conf: float
    ) -> None:
        self.pool, self.objective, self.constraints, self.conf = pool, objective, constraints, conf

    def intervals(self, i: int) -> tuple[Floats, Floats]:
        """Share of candidate ``i``'s runs keeping each constraint, and Wilson intervals."""
        y = self.pool.y[i]
        n = self.pool.reps(i)
        k = np.array([c.holds(y[c.outcome]).sum() for c in self.constraints], dtype=float)
        return k / max(n, 1), wilson(k, max(n, 1), self.conf).reshape(-1, 2)

    def status(self, i: int) -> int:
        """Candidate ``i``'s feasibility: 0 (shown infeasible) to 3 (shown feasible).

        3: every Wilson lower bound >= its probability; 2: undecided, every estimate >=
        its probability; 1: undecided, some below; 0: a Wilson upper bound < probability.
        """
        if not self.constraints:
            return FEASIBLE
        need = np.array([c.probability for c in self.constraints])
        p, ci = self.intervals(i)
        if (ci[:, 1] < need).any():
            return 0
        if (ci[:, 0] >= need).all():
            return FEASIBLE
        return 2 if (p >= need).all() else 1

    def ranked(self, idx: Sequence[int]) -> list[int]:
        """Best first: status, then the objective mean over the replications all share."""
        run = [i for i in idx if self.pool.reps(i)]  # candidates never run come last
        r = min((self.pool.reps(i) for i in run), default=0)
        o, s = self.objective.outcome, self.objective.sign
        best = sorted(run, key=lambda i: (-self.status(i), -s * self.pool.mean(i, o, r)))
        return best + [i for i in idx if not self.pool.reps(i)]

    def halving(self, idx: list[int], budget: float, start: int = 4) -> list[int]:
        """Successive halving of ``idx`` with about ``budget`` new runs; survivors ranked."""
        rounds = max(1, math.ceil(math.log2(max(len(idx), 2) / 2)) + 1)
        alive, r = list(idx), 0
        for j in range(rounds):
            r = max(r + max(1, int(budget / rounds / len(alive))), start if j == 0 else 0)
            self.pool.extend(alive, r)
            alive = self.ranked(alive)
            if j < rounds - 1:
                alive = alive[: max(2, math.ceil(len(alive) / 2))]
        return alive


def features(u: Floats) -> Floats:
    """Quadratic features (no constant) of points u in [-1, 1]^k, shape (n, terms)."""
    k = u.shape[1]
    cols = [u[:, j] for j in range(k)]
    cols += [u[:, a] * u[:, b] for a in range(k) for b in range(a, k)]
    return np.stack(cols, axis=1)


def surrogate(
    pool: Pool, racer: Racer, idx: list[int], centre: Floats, half: Floats, start: Floats
) -> Floats | None:
    """Maximise the CRN quadratic surrogate in the box; None when it cannot be fitted."""
    k = centre.size
    terms = k + k * (k + 1) // 2
    if len(idx) < terms + 2:
        return None
    o, s = racer.objective.outcome, racer.objective.sign
    rows, seeds, ys = [], [], []
    for i in idx:
        n = pool.reps(i)
        rows += [(pool.x[i] - centre) / half] * n
        seeds.append(np.arange(n))
        ys.append(s * pool.y[i][o])
    # one effect per replication (Frisch-Waugh: subtract each replication's mean)
    seed, feats, y = np.concatenate(seeds), features(np.array(rows)), np.concatenate(ys)
    count = np.bincount(seed).astype(float)
    feats = feats - (np.stack([np.bincount(seed, f) for f in feats.T], 1) / count[:, None])[seed]
    y = y - (np.bincount(seed, y) / count)[seed]
    beta = np.linalg.lstsq(feats, y, rcond=None)[0]
    u_pts = np.array([(pool.x[i] - centre) / half for i in idx])
    weights = np.array([pool.reps(i) for i in idx], dtype=float)
    cons = []
    for c in racer.constraints:  # a quadratic in the quantile the probability needs
        q = c.probability if c.comparison == "<=" else 1 - c.probability
        qv = np.array([np.quantile(pool.y[i][c.outcome], q) for i in idx])
        a = np.hstack([np.ones((len(idx), 1)), features(u_pts)]) * np.sqrt(weights)[:, None]
        g = np.linalg.lstsq(a, qv * np.sqrt(weights), rcond=None)[0]
        sgn = 1.0 if c.comparison == "<=" else -1.0

        def fun(u: Floats, g: Floats = g, b: float = c.bound, sgn: float = sgn) -> float:
            return float(sgn * (b - g[0] - features(u[None, :])[0] @ g[1:]))

        cons.append({"type": "ineq", "fun": fun})
    u0 = np.clip((start - centre) / half, -1, 1)
    res = sopt.minimize(
        lambda u: -float(features(u[None, :])[0] @ beta),
        u0,
        method="SLSQP",
        bounds=[(-1.0, 1.0)] * k,
        constraints=cons,
    )
    u = np.clip(np.asarray(res.x, dtype=float), -1, 1)
    return centre + half * u if np.isfinite(u).all() else None


def certify(pool: Pool, racer: Racer, top: list[int], budget: int) -> int:
    """The best candidate shown feasible: the leaders get more runs while the budget lasts.

    ``top[0]`` wins if shown feasible. Else the best of ``top`` (by status, then
    objective) gets twice its replications until it is shown feasible (it wins) or
    drops; then the best of every candidate shown feasible wins; if none is, the best
    undecided one (reported with ``feasible=False``).
    """
    o, s = racer.objective.outcome, racer.objective.sign
    if racer.status(top[0]) == FEASIBLE:
        return top[0]
    key = {i: (-racer.status(i), -s * pool.mean(i, o)) for i in top}
    while True:
        lead = min(top, key=key.__getitem__)
        if racer.status(lead) == FEASIBLE or racer.status(lead) == 0:
            break
        before = pool.reps(lead)
        pool.extend([lead], 2 * before)
        if pool.reps(lead) == before:
            break
        key[lead] = (-racer.status(lead), -s * pool.mean(lead, o))
    if racer.status(lead) == FEASIBLE:
        return lead
    shown = [i for i in range(len(pool.x)) if racer.status(i) == FEASIBLE]
    if not shown:
        return min(top, key=key.__getitem__)
    return max(shown, key=lambda i: s * pool.mean(i, o))


def deterministic(pool: Pool, outcome: str) -> bool:
    """Whether every candidate's runs of ``outcome`` are identical (no noise at all)."""
    ys = [pool.y[i][outcome] for i in range(len(pool.x)) if pool.reps(i) > 1]
    return bool(ys) and all(float(np.ptp(y)) == 0.0 for y in ys)


def polish(pool: Pool, racer: Racer, start: int, lo: Floats, hi: Floats) -> int:
    """A deterministic local optimum in the box [lo, hi] from candidate ``start``.

    Bounded Brent (:func:`scipy.optimize.minimize_scalar`) for one lever, bounded
    Nelder-Mead for more; every point costs one run of the budget (seed 0). Returns
    the better of ``start`` and the point found.
    """
    o, s = racer.objective.outcome, racer.objective.sign

    def loss(x: Floats) -> float:
        (i,) = pool.add(np.atleast_1d(np.asarray(x, dtype=float))[None, :])
        pool.extend([i], 1)
        return -s * pool.mean(i, o) if pool.reps(i) else math.inf

    if lo.size == 1:
        res = sopt.minimize_scalar(
            lambda v: loss(np.array([v])),
            bounds=(float(lo[0]), float(hi[0])),
            method="bounded",
            options={"xatol": 1e-7},
        )
        x = np.array([float(res.x)])
    else:
        bounds = list(zip(lo.tolist(), hi.tolist(), strict=True))
        res = sopt.minimize(
            loss, pool.x[start], method="Nelder-Mead", bounds=bounds, options={"xatol": 1e-7}
        )
        x = np.asarray(res.x, dtype=float)
    (found,) = pool.add(x[None, :])
    pool.extend([found], 2)
    if pool.reps(found) == 0 or s * pool.mean(found, o, 1) < s * pool.mean(start, o, 1):
        return start
    return found
