r"""Optimise policy levers under chance constraints, on a stochastic simulator.

"Which share fraction maximises restoration, with the county's own cost within its
budget in 95% of futures?" A *lever* is a numeric field of a policy's scheme with bounds;
the *objective* is the mean of a per-run outcome; each *chance constraint* asks that an
outcome keep within a bound with a given probability. The outcomes are those a
robustness criterion judges, yearly ones too (``criterion_outcomes(yearly=True)``): the
recorded ones and the cost to the county's own budget, ``county_cost_npv`` (by the
scenario's ``[funding]`` shares), each read by the one ``outcome_values``. The
simulator is noisy, so an optimiser that compares single runs chases random-number luck.
The search here:

1. **Global racing.** Scrambled Sobol points over the lever box (scipy.stats.qmc)
   race by *successive halving* (Jamieson & Talwalkar 2016; the inner loop of
   Hyperband, Li et al. 2018): every round gives the survivors more replications
   and keeps the better half. Replication *r* of every candidate uses the same
   random numbers (*common random numbers*, CRN; Nelson & Matejik 1995), and
   candidates are compared on the replications they share, so differences between
   them are not drowned in replication noise.
2. **Local refinement.** A second race of Sobol points in a smaller box around the
   incumbent; then a quadratic *CRN surrogate* is fitted to every run in that box
   with one effect per replication (the common random numbers' shared part drops
   out), and maximised by :func:`scipy.optimize.minimize` (SLSQP) subject to
   quadratic surrogates of the constraints' quantiles.
3. **Verification.** The surrogate's optimum is run on the incumbent's replications
   and replaces it unless it is significantly worse (paired) or not shown feasible.
   When the runs show no noise at all, a deterministic local search (bounded Brent,
   Nelder-Mead) polishes the incumbent instead.

A candidate is *feasible* for a constraint when the lower end of the Wilson interval
(Wilson 1927) of the share of its runs that keep the bound reaches the required
probability; candidates whose interval lies wholly below it drop out of the race.
Results carry a t interval for the objective and Wilson intervals for the
constraint probabilities.

The core, :func:`race`, takes a black-box ``evaluate(levers, seeds) -> {outcome:
values}`` so that it runs on toy functions; :func:`optimize` runs it on a scenario
through :func:`~collective_econ.runs.run_experiment` ("given" design, common seeds).
:func:`~collective_econ.decision.pareto.front` traces a multi-objective Pareto front
with NSGA-II (Deb et al. 2002) from pymoo (``pip install collective_econ[decision]``)
on CRN sample means.

References
----------
Jamieson, K., & Talwalkar, A. (2016). Non-stochastic best arm identification and
hyperparameter optimization. *AISTATS*, PMLR 51, 240-248.

Li, L., Jamieson, K., DeSalvo, G., Rostamizadeh, A., & Talwalkar, A. (2018).
Hyperband: a novel bandit-based approach to hyperparameter optimization. *JMLR*,
18(185), 1-52.

Nelson, B. L., & Matejik, F. J. (1995). Using common random numbers for
indifference-zone selection and multiple comparisons in simulation. *Management
Science*, 41(12), 1935-1945.

Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
inference. *JASA*, 22(158), 209-212.

Deb, K., Pratap, A., Agarwal, S., & Meyarivan, T. (2002). A fast and elitist
multiobjective genetic algorithm: NSGA-II. *IEEE Trans. Evol. Comput.*, 6(2), 182-197.

Examples
--------
A noisy toy with its optimum at 0.62, the noise shared by replication (CRN):

>>> import numpy as np
>>> def toy(x, seeds):
...     z = np.sin(seeds * 12.9898) * 0.05  # the same noise for every candidate
...     return {"restored_within_5y": 0.9 - 2 * (x[:, :1] - 0.62) ** 2 + z}
>>> best = race(toy, [Lever("land_shares.share_fraction", 0.0, 1.0)],
...             Objective("restored_within_5y"), budget_runs=400, seed=1)
>>> round(float(best.x[0]), 2), best.runs <= 400
(0.62, True)
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from ..distributions.design import uniform_design
from ..distributions.named import Uniform
from ..distributions.uncertainty import Uncertainty
from ..errors import (
    ParameterError,
    ParameterTypeError,
    suggest,
)
from ..funding import FundingShares
from ..runs.executors import process_pool
from ..runs.experiment import run_experiment
from ..runs.spec import ExperimentSpec, build_design
from ..scenario import Scenario
from ..seeding import as_seed_sequence, stream
from ._criterion import COUNTY_COST, criterion_outcomes, outcome_unit, outcome_values
from .racing import FEASIBLE, Pool, Racer, certify, deterministic, polish, surrogate

__all__ = [
    "Constraint",
    "Lever",
    "Objective",
    "Optimum",
    "optimize",
    "race",
    "scenario_evaluator",
]

Floats = NDArray[np.float64]
Evaluate = Callable[[Floats, NDArray[np.int64]], Mapping[str, ArrayLike]]
"""``evaluate(levers, seeds)``: levers (candidates, levers), seeds (replications,) ->
``{outcome: values}`` with values (candidates, replications); seed ``s`` must give the
same random numbers to every candidate (common random numbers)."""

MAX_LEVERS = 3
_YUAN_MAX = 1e11  # yuan; a county's whole budget for decades is far below
_BUDGET_MIN = 1e4  # yuan; a smaller budget is a unit slip (wan yuan, yi yuan)


def _check_outcome(outcome: object, owner: str) -> str:
    names = criterion_outcomes(yearly=True)  # one number per run, or per year (their mean)
    if not isinstance(outcome, str) or outcome not in names:
        hint = suggest(str(outcome), names)
        rule = f"an outcome of runs.outcomes.OUTCOMES without labels or {COUNTY_COST!r}{hint}"
        raise ParameterError("outcome", rule, outcome, owner=owner)
    return outcome


def _real(x: object, field: str, owner: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real) or not math.isfinite(float(x)):
        raise ParameterTypeError(field, "a finite number", x, owner=owner)
    return float(x)


@dataclass(frozen=True)
class Lever:
    """A policy lever: a numeric scenario field and the bounds it may take.

    Parameters
    ----------
    path : str
        ``"<policy>.<scheme>.<field>"`` (``"full package.land_shares.share_fraction"``)
        or ``"<scheme>.<field>"`` (in the policy optimised); resolved as an
        experiment's inputs are (:func:`~collective_econ.runs.build_design`).
    low, high : float
        Bounds, in the field's unit, ``low < high``, both within the field's rule.
    integer : bool
        Whole numbers only (set for integer fields whatever is given).
    """

    path: str
    low: float
    high: float
    integer: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.path, str) or self.path.count(".") < 1:
            rule = "a scenario path '<policy>.<scheme>.<field>' or '<scheme>.<field>'"
            raise ParameterTypeError("path", rule, self.path, owner="Lever")
        low, high = (_real(getattr(self, n), n, "Lever") for n in ("low", "high"))
        if not low < high:
            raise ParameterError(
                "high",
                f"> low ({low!r}) for lever {self.path!r} (bounds reversed?)",
                high,
                "Lever",
            )
        if not isinstance(self.integer, bool):
            raise ParameterTypeError("integer", "True or False", self.integer, owner="Lever")
        if self.integer and math.ceil(low) > math.floor(high):
            raise ParameterError("high", f"a whole number in [{low}, {high}]", high, "Lever")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)


@dataclass(frozen=True)
class Objective:
    """What to optimise: the mean of an outcome, maximised or minimised.

    ``outcome`` is an outcome of :data:`~collective_econ.runs.outcomes.OUTCOMES`
    without labels, or ``"county_cost_npv"``, the cost to the county's own budget (yuan,
    NPV at 8%; :func:`~collective_econ.decision.robustness.outcome_values`); a yearly one
    (``"gini"``) counts as its mean over the horizon.

    >>> Objective("fiscal_cost_npv", "minimise")
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: Objective.direction must be 'maximize' or \
'minimize' (did you mean 'minimize'?), got 'minimise'
    """

    outcome: str = "restored_within_5y"
    direction: str = "maximize"

    def __post_init__(self) -> None:
        _check_outcome(self.outcome, "Objective")
        if self.direction not in ("maximize", "minimize"):
            hint = suggest(str(self.direction), ("maximize", "minimize"))
            rule = f"'maximize' or 'minimize'{hint}"
            raise ParameterError("direction", rule, self.direction, owner="Objective")

    @property
    def sign(self) -> float:
        """+1 when maximising, -1 when minimising."""
        return 1.0 if self.direction == "maximize" else -1.0


@dataclass(frozen=True)
class Constraint:
    """A chance constraint: ``P(outcome <comparison> bound) >= probability``.

    Parameters
    ----------
    outcome : str
        An outcome without labels (``"fiscal_cost_npv"``, the net public cost, county and
        higher levels, yuan NPV at 8%), or ``"county_cost_npv"`` (the county's own part of
        it); a yearly one counts as its mean over the horizon.
    comparison : {"<=", ">="}
    bound : float
        In the outcome's unit: a share within [0, 1]; a yuan budget 0 or of a size
        within [1e4, 1e11] yuan (tiny budgets are unit slips and are refused). A
        negative budget asks for a net receipt of at least its size: the county's own
        cost (``county_cost_npv``) is often one, its land revenue above its outlays.
    probability : float
        Required probability, in (0, 1).

    >>> Constraint("fiscal_cost_npv", "<=", -5.0)
    Traceback (most recent call last):
    ...
    collective_econ.errors.ParameterError: Constraint.bound must be a budget in yuan \
(fiscal_cost_npv is 'yuan, NPV at 8%'): 0 or of a size within [1e4, 1e11] (negative: a \
net receipt), got -5.0
    """

    outcome: str
    comparison: str
    bound: float
    probability: float = 0.95

    def __post_init__(self) -> None:
        _check_outcome(self.outcome, "Constraint")
        if self.comparison not in ("<=", ">="):
            raise ParameterError("comparison", "'<=' or '>='", self.comparison, "Constraint")
        bound = _real(self.bound, "bound", "Constraint")
        p = _real(self.probability, "probability", "Constraint")
        if not 0.0 < p < 1.0:
            raise ParameterError("probability", "within (0, 1), e.g. 0.95", p, "Constraint")
        unit = outcome_unit(self.outcome)
        where = f"({self.outcome} is {unit!r})"
        if unit in ("share", "index", "share of the line") and not 0.0 <= bound <= 1.0:
            raise ParameterError("bound", f"a share within [0, 1] {where}", bound, "Constraint")
        if unit.startswith("yuan"):
            sized = _BUDGET_MIN <= abs(bound) <= _YUAN_MAX
            if self.comparison == "<=" and not (bound == 0.0 or sized):
                rule = (
                    f"a budget in yuan {where}: 0 or of a size within [1e4, 1e11] "
                    "(negative: a net receipt)"
                )
                raise ParameterError("bound", rule, bound, "Constraint")
            if abs(bound) > _YUAN_MAX:
                raise ParameterError("bound", f"within +-1e11 yuan {where}", bound, "Constraint")
        object.__setattr__(self, "bound", bound)
        object.__setattr__(self, "probability", p)

    def holds(self, values: ArrayLike) -> NDArray[np.bool_]:
        """Whether each run keeps the bound."""
        v = np.asarray(values, dtype=float)
        return v <= self.bound if self.comparison == "<=" else v >= self.bound

    def describe(self) -> str:
        """``"P(fiscal_cost_npv <= 5e+07) >= 0.95"``."""
        return f"P({self.outcome} {self.comparison} {self.bound:g}) >= {self.probability:g}"


@dataclass(frozen=True, eq=False)
class Optimum:
    """The levers found, their objective and constraint probabilities, with intervals.

    Attributes
    ----------
    x : ndarray, shape (levers,)
        The best lever values (in the levers' units).
    value, value_ci : float, (float, float)
        Objective mean over ``replications`` runs and its t interval.
    probabilities : ndarray, shape (constraints,)
        Share of the runs at ``x`` that keep each constraint, ``probability_ci`` its
        Wilson intervals, shape (constraints, 2).
    feasible : bool
        Every constraint's Wilson lower bound reaches its probability.
    runs : int
        Evaluations used (candidate x replication).
    candidates, means, replications_each : ndarray
        Every candidate evaluated (candidates, levers), its objective mean and runs.
    source : {"racing", "surrogate", "polish"}
        What found ``x``: the race, the verified surrogate optimum, or the
        deterministic polish (noise-free runs).
    confidence : float
        Level of the intervals.
    """

    levers: tuple[Lever, ...]
    objective: Objective
    constraints: tuple[Constraint, ...]
    x: Floats
    value: float
    value_ci: tuple[float, float]
    probabilities: Floats
    probability_ci: Floats
    feasible: bool
    replications: int
    runs: int
    candidates: Floats
    means: Floats
    replications_each: NDArray[np.int64]
    source: str
    confidence: float
    simulated: int | None = None
    """Runs the simulator made (:func:`optimize` reruns earlier replications), or None."""

    def as_dict(self) -> dict[str, float]:
        """``{lever path: value}``."""
        return {lv.path: float(v) for lv, v in zip(self.levers, self.x, strict=True)}

    def format(self) -> str:
        """A short text report."""
        lo, hi = self.value_ci
        c = f"{self.confidence:.0%}"
        lines = [", ".join(f"{k} = {v:.4g}" for k, v in self.as_dict().items())]
        lines.append(
            f"{self.objective.direction} {self.objective.outcome}: {self.value:.4g} "
            f"({c} CI {lo:.4g} to {hi:.4g}; {self.replications} replications, {self.source})"
        )
        for con, p, (a, b) in zip(
            self.constraints, self.probabilities, self.probability_ci, strict=True
        ):
            lines.append(f"{con.describe()}: estimated {p:.3f} (Wilson {c} {a:.3f} to {b:.3f})")
        verdict = "shown feasible" if self.feasible else "NOT shown feasible: add runs"
        lines.append(f"{verdict}; {self.runs} runs, {len(self.candidates)} candidates")
        return "\n".join(lines)


def _box(levers: tuple[Lever, ...]) -> tuple[Floats, Floats]:
    return np.array([lv.low for lv in levers]), np.array([lv.high for lv in levers])


def _sobol(n: int, lo: Floats, hi: Floats, gen: np.random.Generator) -> Floats:
    return lo + uniform_design("sobol", n, lo.size, gen) * (hi - lo)


def _levers(levers: Sequence[Lever], most: int = MAX_LEVERS) -> tuple[Lever, ...]:
    if isinstance(levers, Lever) or not isinstance(levers, Sequence):
        raise ParameterTypeError("levers", "a sequence of Lever", levers)
    out = tuple(levers)
    if not 1 <= len(out) <= most:
        rule = f"1 to {most} levers" + (
            " (racing with a quadratic surrogate; pareto.front takes more)"
            if most == MAX_LEVERS
            else ""
        )
        raise ParameterError("levers", rule, len(out))
    for i, lv in enumerate(out):
        if not isinstance(lv, Lever):
            raise ParameterTypeError(f"levers[{i}]", "a Lever", lv)
    paths = [lv.path for lv in out]
    if len(set(paths)) < len(paths):
        raise ParameterError("levers", "distinct paths", tuple(paths))
    return out


def _constraints(constraints: Sequence[Constraint]) -> tuple[Constraint, ...]:
    if isinstance(constraints, Constraint) or not isinstance(constraints, Sequence):
        raise ParameterTypeError("constraints", "a sequence of Constraint", constraints)
    for i, c in enumerate(constraints):
        if not isinstance(c, Constraint):
            raise ParameterTypeError(f"constraints[{i}]", "a Constraint", c)
    return tuple(constraints)


def race(
    evaluate: Evaluate,
    levers: Sequence[Lever],
    objective: Objective,
    constraints: Sequence[Constraint] = (),
    *,
    budget_runs: int = 1500,
    seed: int = 0,
    confidence: float = 0.95,
) -> Optimum:
    """Optimise levers on a black-box stochastic ``evaluate`` by CRN racing.

    Parameters
    ----------
    evaluate : callable
        ``evaluate(levers, seeds) -> {outcome: values}``: ``levers`` (candidates,
        levers) in the levers' units, ``seeds`` the replication indices (ints), values
        (candidates, seeds). The same seed must give every candidate the same random
        numbers (common random numbers).
    levers : sequence of Lever
        One to three levers.
    objective : Objective
    constraints : sequence of Constraint
    budget_runs : int
        Most evaluations (candidate x replication) to spend, >= 64.
    seed : int
        Seeds the Sobol scrambling.
    confidence : float
        Level of the reported intervals and of the Wilson feasibility rule.

    Returns
    -------
    Optimum
        The best candidate shown feasible (or, if none is, the best undecided one,
        with ``feasible=False``).

    Notes
    -----
    Budget: about 40% to a global race of ``2**(3+k)`` Sobol points (``k`` levers),
    40% to a local race in a box of half-width ``2 / (points**(1/k))`` of the range
    around the incumbent, the rest to verify the surrogate's optimum.
    """
    lv = _levers(levers)
    if not callable(evaluate):
        raise ParameterTypeError("evaluate", "a callable evaluate(levers, seeds)", evaluate)
    if not isinstance(objective, Objective):
        raise ParameterTypeError("objective", "an Objective", objective)
    cons = _constraints(constraints)
    if isinstance(budget_runs, bool) or not isinstance(budget_runs, numbers.Integral):
        raise ParameterTypeError("budget_runs", "a whole number >= 64", budget_runs)
    if budget_runs < 64:
        raise ParameterError("budget_runs", "a whole number >= 64", budget_runs)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ParameterError("seed", "a whole number >= 0", seed)
    conf = _real(confidence, "confidence", "")
    if not 0.5 <= conf < 1:
        raise ParameterError("confidence", "within [0.5, 1)", confidence)
    outcomes = tuple(dict.fromkeys([objective.outcome, *(c.outcome for c in cons)]))
    pool = Pool(evaluate, outcomes, lv, int(budget_runs))
    racer = Racer(pool, objective, cons, conf)
    gen = stream(as_seed_sequence(int(seed)), "optimize design")
    lo, hi = _box(lv)
    k = len(lv)
    n0 = 2 ** (3 + k)
    while n0 > 4 and n0 * 8 > 0.4 * budget_runs:
        n0 //= 2
    # 1. global race
    first = pool.add(_sobol(n0, lo, hi, gen))
    alive = racer.halving(first, 0.4 * budget_runs)
    # 2. local race around the incumbent
    half = np.maximum(2.0 * (hi - lo) / n0 ** (1 / k), [1.0 if v.integer else 0.0 for v in lv])
    inc = pool.x[alive[0]]
    blo, bhi = np.maximum(lo, inc - half), np.minimum(hi, inc + half)
    local = pool.add(_sobol(n0, blo, bhi, gen))
    alive = racer.halving(list(dict.fromkeys(local + alive[:2])), 0.4 * budget_runs)
    best, source = alive[0], "racing"
    # 3. surrogate on every run in the local box, verified on the incumbent's replications
    inside = [i for i, x in enumerate(pool.x) if ((x >= blo - 1e-12) & (x <= bhi + 1e-12)).all()]
    centre, width = (blo + bhi) / 2, np.maximum((bhi - blo) / 2, 1e-12)
    proposal = surrogate(pool, racer, inside, centre, width, pool.x[best])
    if proposal is not None:
        (cand,) = pool.add(proposal)
        if cand != best:
            pool.extend([cand], pool.reps(best))
        if cand != best and pool.reps(cand) >= 2:
            r = min(pool.reps(cand), pool.reps(best))
            o, s = objective.outcome, objective.sign
            d = s * (pool.y[cand][o][:r] - pool.y[best][o][:r])
            se = float(d.std(ddof=1) / math.sqrt(r)) if r > 1 else math.inf
            z = float(stats.norm.ppf(0.5 + conf / 2))
            if racer.status(cand) >= racer.status(best) and d.mean() + z * se >= 0:
                best, source = cand, "surrogate"
    if not cons and not any(v.integer for v in lv) and deterministic(pool, objective.outcome):
        found = polish(pool, racer, best, blo, bhi)
        best, source = found, "polish" if found != best else source
    chosen = certify(pool, racer, [best, *alive], budget_runs)
    if chosen != best:
        source = "racing"
    y = pool.y[chosen][objective.outcome]
    n = y.size
    sem = float(y.std(ddof=1) / math.sqrt(n)) if n > 1 else math.inf
    t = float(stats.t.ppf(0.5 + conf / 2, max(n - 1, 1)))
    probs, ci = racer.intervals(chosen)
    return Optimum(
        levers=lv,
        objective=objective,
        constraints=cons,
        x=pool.x[chosen].copy(),
        value=float(y.mean()),
        value_ci=(float(y.mean() - t * sem), float(y.mean() + t * sem)),
        probabilities=probs,
        probability_ci=ci,
        feasible=racer.status(chosen) == FEASIBLE,
        replications=n,
        runs=pool.used,
        candidates=np.array(pool.x),
        means=np.array(
            [
                pool.mean(i, objective.outcome) if pool.reps(i) else math.nan
                for i in range(len(pool.x))
            ]
        ),
        replications_each=np.array([pool.reps(i) for i in range(len(pool.x))], dtype=np.int64),
        source=source,
        confidence=conf,
    )


def _resolve(scenario: Scenario, policy: str, levers: tuple[Lever, ...]) -> tuple[Lever, ...]:
    """The levers as experiment inputs ``"<scheme>.<field>"``, checked as a design is.

    Paths resolve (and bounds are checked against the fields' rules) through
    :func:`~collective_econ.runs.build_design`, the experiments' own resolution.
    """
    names = scenario.policy_names
    scenario.policy(policy)  # an unknown policy: one error with a suggestion
    out = []
    for i, lv in enumerate(levers):
        prefix = next((n for n in names if lv.path.startswith(n + ".")), None)
        if prefix is not None and prefix != policy:
            rule = f"a lever of the policy optimised, {policy!r} (not {prefix!r})"
            raise ParameterError(f"levers[{i}].path", rule, lv.path, owner="optimize")
        rest = lv.path if prefix is None else lv.path[len(prefix) + 1 :]
        if rest.partition(".")[0] in ("livelihood", "demography", "community"):
            rule = "a policy lever '<scheme>.<field>' (households and demography are not levers)"
            raise ParameterError(f"levers[{i}].path", rule, lv.path, owner="optimize")
        out.append(dataclasses.replace(lv, path=rest))
    spec = _spec(scenario, policy, tuple(out), ((lv.low for lv in out), (lv.high for lv in out)))
    try:
        design = build_design(scenario, spec)
    except ParameterError as err:
        head = err.field.partition("]")[0]
        if not head.startswith("uncertainties["):
            raise
        j = int(head[len("uncertainties[") :])
        if not err.rule.startswith("sampled within"):
            path = levers[j].path
            raise ParameterError(f"levers[{j}].path", err.rule, path, "optimize") from None
        bound = "low" if err.value == out[j].low else "high"
        rule = err.rule.replace("sampled within", "within", 1)
        raise ParameterError(f"levers[{j}].{bound}", rule, err.value, "optimize") from None
    return tuple(
        dataclasses.replace(lv, integer=lv.integer or is_int)
        for lv, is_int in zip(out, design.integer, strict=True)
    )


def _spec(
    scenario: Scenario,
    policy: str,
    levers: tuple[Lever, ...],
    rows: Any,
    replications: int = 1,
    seed: int = 2010,
    horizon_years: int | None = None,
) -> ExperimentSpec:
    return ExperimentSpec(
        policies=(policy,),
        uncertainties=tuple(
            Uncertainty(lv.path, Uniform(low=lv.low, high=lv.high), "a lever") for lv in levers
        ),
        design="given",
        values=tuple(tuple(float(v) for v in row) for row in rows),
        replications=replications,
        horizon_years=horizon_years,
        seed=seed,
        common_seeds=True,
    )


class _ScenarioEvaluate:
    """``evaluate(levers, seeds)`` on a scenario: one experiment per call, common seeds."""

    def __init__(
        self,
        scenario: Scenario,
        policy: str,
        levers: tuple[Lever, ...],
        seed: int,
        horizon_years: int | None,
        executor: Executor | None,
        funding: FundingShares,
    ) -> None:
        self.scenario, self.policy, self.levers = scenario, policy, levers
        self.seed, self.horizon_years, self.executor = seed, horizon_years, executor
        self.funding = funding
        self.simulated = 0

    def __call__(self, x: Floats, seeds: NDArray[np.int64]) -> dict[str, Floats]:
        top = int(np.max(seeds)) + 1  # replications 0 .. top-1 (the experiment's seeds)
        spec = _spec(
            self.scenario, self.policy, self.levers, np.atleast_2d(x), top, self.seed,
            self.horizon_years,
        )  # fmt: skip
        res = run_experiment(self.scenario, spec, executor=self.executor)
        self.simulated += len(spec.values) * top
        out = {}
        for o in criterion_outcomes(yearly=True):
            v = outcome_values(res, o, self.funding, policy=self.policy)
            out[o] = (v.mean(axis=-1) if v.ndim == 3 else v)[:, seeds]  # yearly: the mean
        return out


def scenario_evaluator(
    scenario: Scenario,
    policy: str,
    levers: Sequence[Lever],
    *,
    seed: int = 2010,
    horizon_years: int | None = None,
    executor: Executor | None = None,
    funding: FundingShares | None = None,
) -> Evaluate:
    """``evaluate(levers, seeds)`` for :func:`race` or :func:`.pareto.front`, on a policy.

    Each call is one :func:`~collective_econ.runs.run_experiment` of ``policy`` with a
    "given" design (one sample per row of lever values) and common seeds: seed ``s`` is
    the experiment's replication ``s``, the same random numbers for every candidate.
    The experiment runs replications 0 .. max(seeds), so asking for later seeds reruns
    the earlier ones (at most about twice the runs under successive halving). It
    returns every outcome :class:`Objective` and :class:`Constraint` take, shape
    (candidates, seeds): the cost to the county's own budget (``county_cost_npv``) by
    ``funding``, the scenario's ``[funding]`` shares when not given.

    Raises
    ------
    ParameterError
        An unknown policy; a lever path no scheme of the policy has, or bounds outside
        the field's rule (naming ``levers[i].path``, ``.low`` or ``.high``).
    """
    if not isinstance(scenario, Scenario):
        raise ParameterTypeError("scenario", "a Scenario", scenario)
    shares = scenario.funding if funding is None else funding
    if not isinstance(shares, FundingShares):
        raise ParameterTypeError("funding", "a FundingShares or None", funding)
    resolved = _resolve(scenario, policy, _levers(levers))
    return _ScenarioEvaluate(scenario, policy, resolved, seed, horizon_years, executor, shares)


def optimize(
    scenario: Scenario,
    policy: str,
    levers: Sequence[Lever],
    objective: Objective,
    constraints: Sequence[Constraint] = (),
    *,
    budget_runs: int = 600,
    seed: int = 2010,
    horizon_years: int | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    confidence: float = 0.95,
    funding: FundingShares | None = None,
) -> Optimum:
    """Optimise a policy's levers on a scenario by CRN racing (:func:`race`).

    Parameters
    ----------
    scenario : Scenario
    policy : str
        The policy whose levers move (``"full package"``).
    levers : sequence of Lever
        One to three, paths ``"<policy>.<scheme>.<field>"`` or ``"<scheme>.<field>"``.
    objective, constraints
        As :func:`race`: outcomes of :data:`~collective_econ.runs.outcomes.OUTCOMES`, or
        ``"county_cost_npv"``, the cost to the county's own budget.
    budget_runs : int
        Evaluations the racer may use; the simulator makes more (``Optimum.simulated``).
    seed : int
        The experiments' root seed (the community and the replications' streams) and
        the Sobol scrambling.
    horizon_years : int, optional
    executor : concurrent.futures.Executor, optional
    workers : int, optional
        Without ``executor``: a process pool of this size.
    confidence : float
    funding : FundingShares, optional
        The county's share of each item of the government's books, for
        ``county_cost_npv``; the scenario's ``[funding]`` when not given.

    Returns
    -------
    Optimum
        Lever paths as given.

    Examples
    --------
    ``optimize(default_scenario(), "full package",
    [Lever("full package.land_shares.share_fraction", 0.3, 0.9)],
    Objective("restored_within_5y"),
    [Constraint("county_cost_npv", "<=", 0.0, 0.95)], budget_runs=300, workers=2)``: the
    county's own budget never a net payer, with probability 0.95.
    """
    lv = _levers(levers)
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)):
        raise ParameterTypeError("workers", "a whole number >= 1, or None", workers)
    evaluate = scenario_evaluator(
        scenario, policy, lv, seed=seed, horizon_years=horizon_years, executor=executor,
        funding=funding,
    )  # fmt: skip
    assert isinstance(evaluate, _ScenarioEvaluate)
    pool = process_pool(workers) if executor is None and workers and workers > 1 else None
    evaluate.executor = executor if pool is None else pool
    try:
        best = race(
            evaluate, evaluate.levers, objective, constraints, budget_runs=budget_runs,
            seed=seed, confidence=confidence,
        )  # fmt: skip
    finally:
        if pool is not None:
            pool.shutdown()
    return dataclasses.replace(best, levers=lv, simulated=evaluate.simulated)
