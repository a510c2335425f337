"""Trade-offs between objectives: a Pareto front of policy levers by NSGA-II.

Restoration, the county's cost and inequality pull the levers different ways; the
front is the set of lever settings none of which is beaten on every objective.
:func:`front` runs NSGA-II (Deb et al. 2002, from pymoo, Blank & Deb 2020) on the
*sample-average approximation*: every candidate is judged by its mean over the same
replications (common random numbers), so that the noisy simulator becomes one
deterministic function and the genetic search does not chase random-number luck
(Kleywegt, Shapiro & Homem-de-Mello 2002). Chance constraints enter as
``probability - share of runs keeping the bound <= 0``; the front reports each point's
Wilson intervals. pymoo is an optional extra: ``pip install collective_econ[decision]``.

References
----------
Deb, K., Pratap, A., Agarwal, S., & Meyarivan, T. (2002). A fast and elitist
multiobjective genetic algorithm: NSGA-II. *IEEE Trans. Evol. Comput.*, 6(2), 182-197.

Blank, J., & Deb, K. (2020). pymoo: multi-objective optimization in Python. *IEEE
Access*, 8, 89497-89509.

Kleywegt, A. J., Shapiro, A., & Homem-de-Mello, T. (2002). The sample average
approximation method for stochastic discrete optimization. *SIAM J. Optim.*, 12(2),
479-502.

Zitzler, E., & Thiele, L. (1999). Multiobjective evolutionary algorithms: a comparative
case study and the strength Pareto approach. *IEEE Trans. Evol. Comput.*, 3(4), 257-271
(the hypervolume).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import MissingDependencyError, ParameterError
from ..seeding import as_seed_sequence, stream
from .optimize import Constraint, Evaluate, Lever, Objective, _constraints, _levers
from .racing import wilson

__all__ = ["Front", "front"]

Floats = NDArray[np.float64]


def _pymoo() -> dict[str, Any]:
    """Pymoo's NSGA-II, problem, minimize and hypervolume, or one clear error."""
    try:
        from pymoo.algorithms.moo.nsga2 import NSGA2
        from pymoo.core.problem import Problem
        from pymoo.indicators.hv import HV
        from pymoo.optimize import minimize
    except ImportError as err:
        raise MissingDependencyError(
            "the Pareto front needs pymoo: pip install 'collective_econ[decision]' "
            f"(or pip install pymoo); {err}"
        ) from None
    return {"NSGA2": NSGA2, "Problem": Problem, "HV": HV, "minimize": minimize}


@dataclass(frozen=True, eq=False)
class Front:
    """The non-dominated lever settings and their objectives.

    Attributes
    ----------
    x : ndarray, shape (points, levers)
    values : ndarray, shape (points, objectives)
        Each objective's mean over the ``replications`` common replications, in its unit.
    probabilities : ndarray, shape (points, constraints)
        Share of those runs keeping each constraint; ``probability_ci`` (points,
        constraints, 2) its Wilson intervals.
    runs : int
        Evaluations made (candidate x replication).
    """

    levers: tuple[Lever, ...]
    objectives: tuple[Objective, ...]
    constraints: tuple[Constraint, ...]
    x: Floats
    values: Floats
    probabilities: Floats
    probability_ci: Floats
    replications: int
    runs: int

    def hypervolume(self, reference: ArrayLike) -> float:
        """The hypervolume dominated by the front up to ``reference`` (Zitzler & Thiele 1999).

        ``reference`` is one value per objective, in the objectives' units, worse than
        every point (below a maximised one, above a minimised one).
        """
        ref = np.asarray(reference, dtype=float).reshape(-1)
        if ref.shape != (len(self.objectives),) or not np.isfinite(ref).all():
            rule = f"{len(self.objectives)} finite values, one per objective"
            raise ParameterError("reference", rule, reference, owner="Front")
        return _hypervolume(self.values, ref, self.objectives)


def _hypervolume(values: Floats, ref: Floats, objectives: Sequence[Objective]) -> float:
    signs = np.array([o.sign for o in objectives])
    hv = _pymoo()["HV"](ref_point=-signs * ref)
    return float(hv(-signs * np.atleast_2d(values))) if len(values) else 0.0


def front(
    evaluate: Evaluate,
    levers: Sequence[Lever],
    objectives: Sequence[Objective],
    constraints: Sequence[Constraint] = (),
    *,
    replications: int = 8,
    population: int = 24,
    generations: int = 20,
    seed: int = 0,
    confidence: float = 0.95,
) -> Front:
    """A Pareto front of the levers by NSGA-II on common-random-number means.

    Parameters
    ----------
    evaluate : callable
        As :func:`~collective_econ.decision.optimize.race` (or
        :func:`~collective_econ.decision.optimize.scenario_evaluator`).
    levers : sequence of Lever
        One to ten.
    objectives : sequence of Objective
        Two or three (restoration, cost, inequality).
    constraints : sequence of Constraint
        Chance constraints, on the share of the replications keeping each bound.
    replications : int
        Common replications every candidate runs (seeds 0 .. replications-1).
    population, generations : int
        NSGA-II's population and generations: ``population * generations`` candidates.
    seed : int
        Seeds the genetic search.
    confidence : float
        Level of the Wilson intervals.

    Returns
    -------
    Front
        The feasible non-dominated points (by the sample means), sorted by the first
        objective.

    Examples
    --------
    With pymoo installed (``pip install 'collective_econ[decision]'``; the example is
    skipped without it, and ``tests/decision/test_optimize.py`` checks the front):

    >>> import numpy as np
    >>> pytest = __import__("pytest"); _ = pytest.importorskip("pymoo")
    >>> def toy(x, seeds):
    ...     z = 0.01 * np.sin(seeds)[None, :]
    ...     return {"restored_within_5y": x[:, :1] + z, "gini": x[:, :1] ** 2 + z}
    >>> f = front(toy, [Lever("land_shares.share_fraction", 0.0, 1.0)],
    ...           [Objective("restored_within_5y"), Objective("gini", "minimize")],
    ...           replications=4, population=12, generations=10, seed=1)
    >>> # best restoration first; less inequality costs restoration along the front
    >>> len(f.x) > 3, bool(np.all(np.diff(f.values[:, 1]) <= 0))
    (True, True)
    """
    pm = _pymoo()
    lv = _levers(levers, most=10)
    obj = tuple(objectives) if isinstance(objectives, Sequence) else ()
    if not 2 <= len(obj) <= 3 or not all(isinstance(o, Objective) for o in obj):
        raise ParameterError("objectives", "two or three Objective", objectives)
    cons = _constraints(constraints)
    for name, v, low in (
        ("replications", replications, 1),
        ("population", population, 4),
        ("generations", generations, 1),
        ("seed", seed, 0),
    ):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < low:
            raise ParameterError(name, f"a whole number >= {low}", v)
    seeds = np.arange(replications, dtype=np.int64)
    lo, hi = np.array([v.low for v in lv]), np.array([v.high for v in lv])
    ints = np.array([v.integer for v in lv])
    signs = np.array([o.sign for o in obj])
    need = np.array([c.probability for c in cons])
    runs = [0]

    def judge(x: Floats) -> tuple[Floats, Floats, Floats]:
        x = np.where(ints, np.rint(x), x)
        got = evaluate(x, seeds)
        runs[0] += x.shape[0] * seeds.size
        means = np.stack([np.asarray(got[o.outcome], float).mean(axis=1) for o in obj], 1)
        share = np.stack(
            [c.holds(np.asarray(got[c.outcome], float)).mean(axis=1) for c in cons], 1
        ) if cons else np.zeros((x.shape[0], 0))  # fmt: skip
        return x, means, share

    def _evaluate(_self: Any, x: Floats, out: dict[str, Any], *args: Any, **kw: Any) -> None:
        _, means, share = judge(np.atleast_2d(x))
        out["F"] = -signs * means
        if cons:
            out["G"] = need - share

    problem_type = type("LeverProblem", (pm["Problem"],), {"_evaluate": _evaluate})
    problem = problem_type(n_var=len(lv), n_obj=len(obj), n_ieq_constr=len(cons), xl=lo, xu=hi)
    rng_seed = int(stream(as_seed_sequence(int(seed)), "pareto front").integers(2**31 - 1))
    res = pm["minimize"](
        problem, pm["NSGA2"](pop_size=population), ("n_gen", generations), seed=rng_seed,
        verbose=False,
    )  # fmt: skip
    xs = np.zeros((0, len(lv))) if res.X is None else np.atleast_2d(res.X).astype(float)
    x, means, share = judge(xs) if len(xs) else (xs, np.zeros((0, len(obj))), xs[:, :0])
    keep = np.unique(x, axis=0, return_index=True)[1]
    order = keep[np.argsort(-signs[0] * means[keep, 0], kind="stable")]
    k = np.rint(share[order] * seeds.size)
    return Front(
        levers=lv,
        objectives=obj,
        constraints=cons,
        x=x[order],
        values=means[order],
        probabilities=share[order],
        probability_ci=wilson(k, seeds.size, confidence).reshape(len(order), len(cons), 2),
        replications=int(seeds.size),
        runs=runs[0],
    )
