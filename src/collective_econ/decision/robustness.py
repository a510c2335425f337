r"""Robust policy choice across deep uncertainty, for a stochastic simulator.

Each policy is run in every *future* (a point of a design over the uncertain
inputs) with several replications, and judged by

- its **satisficing share**: the share of futures in which a :class:`Criterion`
  holds ("at least 90% of landless households restored by year 5"), each future
  judged from the mean over its replications, with a Wilson interval;
- its **regret** in each future: how far its replication mean falls short of the
  best policy's in that future (Savage regret, Rhodium's "regret type 2"), with a
  paired bootstrap interval over futures for its mean; and its **maximum regret**
  (the minimax-regret policy has the smallest);
- its **expected public cost** (``fiscal_cost_npv``, county and higher levels, the
  cost the decision table uses), mean over futures and replications, and, given each
  run's **cost to the county's own budget** (:data:`COUNTY_COST`, ``county_cost_npv``:
  :func:`~collective_econ.runs.decision.county_costs` by the scenario's
  :class:`~collective_econ.funding.FundingShares`), that cost's expected value, worst
  and best future and regret (:class:`CostAcross`); a criterion may judge it too
  (``Criterion("county_cost_npv", "<=", 5e7)``);
- a **verdict** that names the policies that cannot be told apart from the leader
  (the paired intervals of their differences in satisficing share and in mean regret
  both contain 0).

Common random numbers (CRN): every policy runs every future on the same random
streams, so that the paired differences the regrets are made of lose most of
the replication noise when their runs on one stream move together. :func:`robust`
runs the experiment that way (``common_seeds=True``: the futures share the streams
too, and the bootstrap then resamples replications as well as futures, Owen 2007),
with common streams across policies only (``"policies"``) or, to measure the benefit,
with independent streams (``False``). Measure before relying on CRN: on the default
case, "full package" and "cash only" runs on one stream are barely correlated in
``restored_within_5y``, and CRN did not shrink their regret difference's error
(``docs/decision.md``).

References
----------
Lempert, R. J., Groves, D. G., Popper, S. W., & Bankes, S. C. (2006). A general,
analytic method for generating robust strategies and narrative scenarios.
*Management Science*, 52(4), 514-528.

Herman, J. D., Reed, P. M., Zeff, H. B., & Characklis, G. W. (2015). How should
robustness be defined for water systems planning under change? *Journal of Water
Resources Planning and Management*, 141(10), 04015012.

Owen, A. B. (2007). The pigeonhole bootstrap. *Annals of Applied Statistics*, 1(2),
386-411.

McPhail, C., Maier, H. R., Kwakkel, J. H., Giuliani, M., Castelletti, A., &
Westra, S. (2018). Robustness metrics: how are they calculated, when should they
be used and why do they give different results? *Earth's Future*, 6(2), 169-191.

Examples
--------
Three policies, four futures, two replications of a toy outcome (share restored):

>>> import numpy as np
>>> values = np.array([[[0.9, 0.9], [0.7, 0.7], [0.85, 0.95], [0.6, 0.6]],
...                    [[0.8, 0.8], [0.8, 0.8], [0.80, 0.80], [0.8, 0.8]],
...                    [[0.5, 0.5], [0.5, 0.5], [0.50, 0.50], [0.5, 0.5]]])
>>> costs = np.ones_like(values) * np.array([1e6, 2e6, 0.0])[:, None, None]
>>> r = robustness(values, costs, Criterion("restored_within_5y", ">=", 0.8),
...                policies=("A", "B", "C"), n_boot=200, seed=1)
>>> r.satisficing.tolist(), r.max_regret.round(2).tolist(), r.minimax
([0.5, 1.0, 0.0], [0.2, 0.1, 0.4], 'B')

With each run's cost to the county's own budget (here a quarter of A's and B's cost):

>>> r = robustness(values, costs, county_costs=costs / 4, policies=("A", "B", "C"), n_boot=200)
>>> (r.county.expected / 1e6).tolist(), r.policies[r.county.minimax_cost]
([0.25, 0.5, 0.0], 'C')
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from ..distributions.uncertainty import Uncertainty
from ..errors import ParameterError, ParameterTypeError, ShapeError, suggest
from ..funding import FundingShares
from ..metrics.outcomes import wilson_interval
from ..params import whole_number as _whole
from ..runs.decision import interval_cells, two_line_table
from ..runs.executors import process_pool
from ..runs.experiment import run_experiment
from ..runs.results import ExperimentResults
from ..runs.spec import ExperimentSpec, build_design
from ..scenario import Scenario
from ..seeding import as_seed_sequence, child, stream
from ._cost_spread import CostAcross, county_lines
from ._criterion import (
    COMPARISONS,
    COUNTY_COST,
    DEFAULT_CRITERION,
    DIRECTIONS,
    Criterion,
    criterion_outcomes,
    outcome_unit,
    outcome_values,
)

__all__ = [
    "COMPARISONS",
    "COUNTY_COST",
    "DEFAULT_CRITERION",
    "DIRECTIONS",
    "RESAMPLES",
    "CostAcross",
    "Criterion",
    "Robustness",
    "criterion_outcomes",
    "outcome_unit",
    "outcome_values",
    "robust",
    "robustness",
]

Floats = NDArray[np.float64]

RESAMPLES: tuple[str, ...] = ("futures", "futures and replications")
"""What :func:`robustness`'s bootstrap may resample."""


@dataclass(frozen=True, eq=False)
class Robustness:
    """Robustness of each policy across futures: satisficing share, regret, cost, verdict.

    Arrays run over policies (axis 0) in the order of ``policies``; intervals are
    at level ``confidence``. Build it with :func:`robustness` or :func:`robust`.

    Attributes
    ----------
    policies : tuple of str
    criterion : Criterion
    values : ndarray, shape (policies, futures, replications)
        The criterion's outcome in each run, as given.
    means : ndarray, shape (policies, futures)
        Replication mean of the criterion's outcome in each future.
    satisfied : ndarray of bool, shape (policies, futures)
        Whether the criterion holds on that mean.
    satisficing, satisficing_low, satisficing_high : ndarray, shape (policies,)
        Share of futures satisfied (0-1) and its Wilson interval.
    regret : ndarray, shape (policies, futures)
        Regret in each future, in the outcome's unit.
    mean_regret, mean_regret_low, mean_regret_high : ndarray, shape (policies,)
        Mean regret over futures and its paired bootstrap (percentile) interval.
    max_regret : ndarray, shape (policies,)
        Largest regret over the futures.
    total : CostAcross
        The net public cost (county and higher levels; yuan, NPV) across the futures:
        expected over futures and replications (``total.expected``) with its bootstrap
        interval (``total.low``, ``total.high``), worst and best future, regret, and the
        expected cost in each bootstrap resample (``total.boot``, the same resamples as
        the satisficing share's: the paired interval of :meth:`extra_cost`).
    replications : int
    confidence : float
    boot_satisficing, boot_regret : ndarray, shape (n_boot, policies)
        Satisficing share and mean regret in each bootstrap resample of the futures
        (the same resamples for every policy: paired).
    county : CostAcross, optional
        The same of the cost to the county's own budget (:data:`COUNTY_COST`); None
        when :func:`robustness` was not given ``county_costs``.
    """

    policies: tuple[str, ...]
    criterion: Criterion
    values: Floats = field(repr=False)
    means: Floats = field(repr=False)
    satisfied: NDArray[np.bool_] = field(repr=False)
    satisficing: Floats = field(repr=False)
    satisficing_low: Floats = field(repr=False)
    satisficing_high: Floats = field(repr=False)
    regret: Floats = field(repr=False)
    mean_regret: Floats = field(repr=False)
    mean_regret_low: Floats = field(repr=False)
    mean_regret_high: Floats = field(repr=False)
    max_regret: Floats = field(repr=False)
    total: CostAcross = field(repr=False)
    replications: int = field(repr=False)
    confidence: float = field(repr=False)
    boot_satisficing: Floats = field(repr=False)
    boot_regret: Floats = field(repr=False)
    county: CostAcross | None = field(default=None, repr=False)

    @property
    def futures(self) -> int:
        """Number of futures."""
        return int(self.means.shape[1])

    @property
    def minimax(self) -> str:
        """The policy with the smallest maximum regret (the first of those tied)."""
        return self.policies[int(np.argmin(self.max_regret))]

    @property
    def ranking(self) -> tuple[str, ...]:
        """Policies by satisficing share (highest first), ties by mean regret (lowest first)."""
        order = np.lexsort((self.mean_regret, -self.satisficing))
        return tuple(self.policies[i] for i in order)

    def index(self, policy: str) -> int:
        """Position of a policy, by name."""
        if policy not in self.policies:
            hint = suggest(str(policy), self.policies)
            raise ParameterError("policy", f"one of {list(self.policies)}{hint}", policy)
        return self.policies.index(policy)

    def difference(self, a: str, b: str) -> dict[str, Any]:
        """Paired differences A - B in satisficing share and in mean regret, with intervals.

        Returns
        -------
        dict
            ``satisficing`` and ``regret`` (A - B), each with ``_low``, ``_high``
            (bootstrap percentile interval over futures) and ``_se`` (bootstrap
            standard error); ``same_satisficing`` / ``same_regret`` are True when
            the interval contains 0 (the two cannot be told apart on that metric).
        """
        i, j = self.index(a), self.index(b)
        out: dict[str, Any] = {"a": a, "b": b}
        q = (50 * (1 - self.confidence), 50 * (1 + self.confidence))
        for key, point, boot in (
            ("satisficing", self.satisficing, self.boot_satisficing),
            ("regret", self.mean_regret, self.boot_regret),
        ):
            d = boot[:, i] - boot[:, j]
            lo, hi = np.percentile(d, q)
            out[key] = float(point[i] - point[j])
            out[f"{key}_low"], out[f"{key}_high"] = float(lo), float(hi)
            out[f"{key}_se"] = float(d.std(ddof=1)) if d.size > 1 else math.nan
            out[f"same_{key}"] = bool(lo <= 0.0 <= hi)
        return out

    def extra_cost(self, baseline: str | None = None, *, county: bool = False) -> Floats:
        """Each policy's expected cost minus ``baseline``'s, with its interval.

        Returns
        -------
        ndarray, shape (policies, 3)
            ``(extra, low, high)`` in yuan (NPV): the difference of the expected net
            public cost, :attr:`total` (with ``county``, of the county's own cost,
            :attr:`county`), and its paired
            bootstrap interval at :attr:`confidence` (the same resamples of the futures
            for both policies); the baseline's row is 0. ``baseline``: the first policy
            when not given (as ``ExperimentResults.decision_table``).
        """
        b = self.index(baseline if baseline is not None else self.policies[0])
        if not county:
            return self.total.extra(b)
        if self.county is None:
            raise ParameterError("county", "a Robustness given county_costs", None)
        return self.county.extra(b)

    def indistinguishable(self) -> tuple[str, ...]:
        """Policies that cannot be told apart from the leader of :attr:`ranking`.

        A policy is in the set when the paired intervals of its difference from the
        leader in satisficing share *and* in mean regret both contain 0: a difference
        shown on either metric tells the two apart.
        """
        lead = self.ranking[0]
        same = []
        for name in self.ranking[1:]:
            d = self.difference(lead, name)
            if d["same_satisficing"] and d["same_regret"]:
                same.append(name)
        return tuple(same)

    @property
    def verdict(self) -> str:
        """One sentence: the most robust policy and which policies it cannot be told apart from."""
        lead, same = self.ranking[0], self.indistinguishable()
        i = self.index(lead)
        head = (
            f"'{lead}' satisfices '{self.criterion.describe()}' in "
            f"{self.satisficing[i]:.0%} of {self.futures} futures"
        )
        if not same:
            return (
                f"{head}; it is told apart from every other policy (for each, the paired "
                f"{self.confidence:.0%} interval of the difference in satisficing share or in "
                "mean regret excludes 0)."
            )
        names = ", ".join(f"'{n}'" for n in same)
        return (
            f"{head}; it cannot be told apart from {names} (the paired {self.confidence:.0%} "
            "intervals of the differences in satisficing share and in mean regret both "
            "contain 0)."
        )

    def table(self, baseline: str | None = None) -> list[dict[str, Any]]:
        """One row per policy, in the order of :attr:`policies`.

        Keys: ``policy``, ``satisficing`` (share 0-1), ``satisficing_low``,
        ``satisficing_high`` (Wilson), ``mean_regret``, ``mean_regret_low``,
        ``mean_regret_high`` (bootstrap), ``max_regret`` (regrets in the outcome's
        unit), ``cost``, ``cost_low``, ``cost_high`` (yuan, the net public cost), ``minimax``
        (bool), ``rank`` (1 = most robust); with ``baseline``, also ``extra_cost``,
        ``extra_cost_low``, ``extra_cost_high`` (yuan, :meth:`extra_cost`); then
        ``cost_worst``, ``cost_best`` (the worst and best future), ``cost_mean_regret`` and
        ``cost_max_regret`` (yuan above the cheapest policy of each future), all of
        :attr:`total`; with :attr:`county`, the same keys of the county's own cost,
        ``county_cost`` to ``county_cost_max_regret``, and with ``baseline``
        ``extra_county_cost``, ``extra_county_cost_low``, ``extra_county_cost_high``.
        """
        rank = {n: k + 1 for k, n in enumerate(self.ranking)}
        b = None if baseline is None else self.index(baseline)
        keys = (
            "satisficing", "satisficing_low", "satisficing_high", "mean_regret",
            "mean_regret_low", "mean_regret_high", "max_regret",
        )  # fmt: skip
        extra_keys = ("", "_low", "_high")
        rows = []
        for i, name in enumerate(self.policies):
            row: dict[str, Any] = {"policy": name}
            row.update({k: float(getattr(self, k)[i]) for k in keys})
            total = self.total.row(i, "cost")
            row.update({k: total.pop(k) for k in ("cost", "cost_low", "cost_high")})
            row["minimax"] = name == self.minimax
            row["rank"] = rank[name]
            if b is not None:
                e = self.total.extra(b)[i]
                row.update(zip((f"extra_cost{k}" for k in extra_keys), map(float, e), strict=True))
            row.update(total)  # its worst and best future, its regret
            if self.county is not None:
                row.update(self.county.row(i, "county_cost"))
                if b is not None:
                    e = self.county.extra(b)[i]
                    named = (f"extra_county_cost{k}" for k in extra_keys)
                    row.update(zip(named, map(float, e), strict=True))
            rows.append(row)
        return rows

    def format(self, baseline: str | None = None) -> str:
        """:meth:`table` as text for the terminal, ranked, with the verdict below.

        As the other terminal tables (:func:`~collective_econ.runs.decision.format_decision`):
        each policy takes two lines, the figures and under each its interval in brackets
        (``"(61% to 79%)"``); long names wrap, so the table stays within 100 columns. The
        cost column is each policy's extra public cost (county and higher levels) over
        ``baseline``'s (:meth:`extra_cost`; the first policy when not given), M yuan. With
        :attr:`county`, a second table gives the cost to the county's own budget: expected,
        extra over ``baseline``, worst and best future, maximum regret, and the policies
        with the lowest worst-future cost and the smallest maximum regret on it.
        """
        base = baseline if baseline is not None else self.policies[0]
        extra = self.extra_cost(base) / 1e6
        c = self.confidence
        top = ("satisficing,", "mean regret,", "max", "extra public cost,")  # county + higher
        unit = outcome_unit(self.criterion.outcome)
        bottom = ("share of futures", unit[:22], "regret", f"M yuan vs {base}"[:20])
        rows = {r["policy"]: r for r in self.table()}
        body = []
        for name in self.ranking:
            r, (x, lo, hi) = rows[name], extra[self.index(name)].tolist()
            share = r["satisficing"], r["satisficing_low"], r["satisficing_high"]
            regret = r["mean_regret"], r["mean_regret_low"], r["mean_regret_high"]
            cells = [
                interval_cells(*share, ".0%"),
                interval_cells(*regret, ".3g"),
                (f"{r['max_regret']:.3g}" + " *" * bool(r["minimax"]), ""),
                interval_cells(x, lo, hi, ",.1f") if name != base else ("(baseline)", ""),
            ]
            body.append((name, cells))
        lines = [
            f"Robustness: {self.criterion.describe()} ({self.criterion.direction}), "
            f"{self.futures} futures x {self.replications} replications",
            *two_line_table(top, bottom, body, (16, 24, 12, 22)),
        ]
        lines.append(
            f"In brackets: the {c:.0%} interval of each share and mean over the futures. "
            "* minimax regret."
        )
        lines.append("Public cost: the government's, county and higher levels (NPV 8%).")
        lines.append(self.verdict)
        if self.county is not None:
            lines += ["", *county_lines(self.county, self.policies, self.ranking, base)]
        return "\n".join(lines)


def _array(x: ArrayLike, name: str) -> Floats:
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise ParameterTypeError(name, "an array of numbers", type(x).__name__) from None
    if a.ndim != 3 or 0 in a.shape:
        raise ShapeError(
            f"{name} must be shaped (policies, futures, replications), each >= 1; "
            f"got shape {a.shape}"
        )
    if not np.isfinite(a).all():
        bad = tuple(int(v) for v in np.argwhere(~np.isfinite(a))[0])
        raise ParameterError(name, "finite in every run", f"{a[bad]} at {bad}")
    return a


def robustness(
    values: ArrayLike,
    costs: ArrayLike,
    criterion: Criterion = DEFAULT_CRITERION,
    *,
    policies: Sequence[str] | None = None,
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int | np.random.Generator = 0,
    resample: str = "futures",
    county_costs: ArrayLike | None = None,
) -> Robustness:
    r"""Satisficing share, regret, minimax regret and cost of each policy across futures.

    Parameters
    ----------
    values : array_like, shape (policies, futures, replications)
        The criterion's outcome in each run; runs with the same (future,
        replication) should share their random numbers (common random numbers).
    costs : array_like, same shape
        Net public cost of each run, county and higher levels (yuan; ``fiscal_cost_npv``).
    criterion : Criterion
        What satisfices, and which direction is better.
    policies : sequence of str, optional
        Names along axis 0 (``"policy 0"``, ... by default).
    confidence : float, default 0.95
        Level of the Wilson and bootstrap intervals, within (0, 1).
    n_boot : int, default 2000
        Bootstrap resamples of the futures (>= 100).
    seed : int or numpy.random.Generator
        Seed of the resampling (a Generator is used as is).
    resample : {"futures", "futures and replications"}
        What the bootstrap resamples. "futures" when each future has its own random
        streams. "futures and replications" (Owen's pigeonhole bootstrap of a crossed
        design) when the futures share the replications' streams
        (``ExperimentSpec(common_seeds=True)``): a replication's luck is then common to
        every future, averaging over futures does not remove it, and resampling the
        futures alone would leave it out of the intervals.
    county_costs : array_like, optional
        The cost to the county's own budget of each run, shaped as ``values`` (yuan;
        :data:`COUNTY_COST`, from :func:`outcome_values`): summarised in
        :attr:`Robustness.county` on the same bootstrap resamples.

    Returns
    -------
    Robustness

    Notes
    -----
    With :math:`\bar x_{pf}` the mean over replications of policy *p* in future *f*
    (*F* futures):

    - satisficing share :math:`S_p = \frac1F \sum_f \mathbb 1[\bar x_{pf} \bowtie c]`
      (Lempert et al. 2006; "satisficing" in Herman et al. 2015), with the Wilson
      score interval of :math:`F S_p` successes in *F* trials;
    - regret :math:`R_{pf} = \max_q \bar x_{qf} - \bar x_{pf}` (maximising; :math:`\bar
      x_{pf} - \min_q \bar x_{qf}` minimising), Savage's regret from the best policy
      in each future (Herman et al. 2015's "regret type 2"); the mean
      :math:`\frac1F\sum_f R_{pf}` and the maximum :math:`\max_f R_{pf}` (minimax
      regret, McPhail et al. 2018);
    - intervals of means and of paired differences: percentiles of the statistic
      over ``n_boot`` resamples of the futures with replacement (and of the
      replications, with ``resample="futures and replications"``; Owen 2007), the
      same resample for every policy (a paired bootstrap).

    Owen, A. B. (2007). The pigeonhole bootstrap. *Annals of Applied Statistics*,
    1(2), 386-411.
    """
    x, cost = _array(values, "values"), _array(costs, "costs")
    spent = [cost] if county_costs is None else [cost, _array(county_costs, "county_costs")]
    for name, c in zip(("costs", "county_costs"), spent, strict=False):
        if c.shape != x.shape:
            raise ShapeError(f"{name} must have the shape of values {x.shape}; got {c.shape}")
    if not isinstance(criterion, Criterion):
        raise ParameterTypeError("criterion", "a Criterion", criterion)
    p, f, r = x.shape
    names = tuple(f"policy {i}" for i in range(p)) if policies is None else tuple(policies)
    if len(names) != p or not all(isinstance(n, str) for n in names) or len(set(names)) < p:
        raise ParameterError("policies", f"{p} distinct names (one per row of values)", names)
    if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real):
        raise ParameterTypeError("confidence", "a number within (0, 1)", confidence)
    if not 0.0 < float(confidence) < 1.0:
        raise ParameterError("confidence", "within (0, 1)", confidence)
    n_boot = _whole(n_boot, "n_boot", 100)
    if resample not in RESAMPLES:
        hint = suggest(str(resample), RESAMPLES)
        raise ParameterError("resample", f"one of {list(RESAMPLES)}{hint}", resample)
    if isinstance(seed, np.random.Generator):
        rng = seed
    else:
        rng = np.random.Generator(np.random.PCG64(as_seed_sequence(_whole(seed, "seed", 0))))
    means = x.mean(axis=2)
    satisfied = criterion.holds(means)
    k = satisfied.sum(axis=1)
    share = k / f
    wilson = wilson_interval(share, f, float(stats.norm.ppf(0.5 + float(confidence) / 2)))
    regret = criterion.regret(means)
    spent_f = [c.mean(axis=2) for c in spent]  # each cost's replication mean per future
    # paired bootstrap over futures: counts[b, f] = times future f is drawn in resample b
    if resample == "futures":
        idx = rng.integers(0, f, size=(n_boot, f))
        counts = np.zeros((n_boot, f))
        np.add.at(counts, (np.arange(n_boot)[:, None], idx), 1.0)
        boot_sat = counts @ satisfied.T.astype(np.float64) / f
        boot_reg = counts @ regret.T / f
        boots = [counts @ c.T / f for c in spent_f]
    else:
        boot_sat, boot_reg = np.empty((n_boot, p)), np.empty((n_boot, p))
        boots = [np.empty((n_boot, p)) for _ in spent]
        for b in range(n_boot):
            fi = rng.integers(0, f, size=f)[:, None]
            ri = rng.integers(0, r, size=r)[None, :]
            m = x[:, fi, ri].mean(axis=2)
            boot_sat[b] = criterion.holds(m).mean(axis=1)
            boot_reg[b] = criterion.regret(m).mean(axis=1)
            for c, out in zip(spent, boots, strict=True):
                out[b] = c[:, fi, ri].mean(axis=(1, 2))
    q = (50 * (1 - confidence), 50 * (1 + confidence))
    reg_lo, reg_hi = np.percentile(boot_reg, q, axis=0)
    across = [
        CostAcross(m, m.mean(axis=1), *np.percentile(bt, q, axis=0), bt, float(confidence))
        for m, bt in zip(spent_f, boots, strict=True)
    ]
    return Robustness(
        policies=names,
        criterion=criterion,
        values=x,
        means=means,
        satisfied=satisfied,
        satisficing=share,
        satisficing_low=wilson[:, 0],
        satisficing_high=wilson[:, 1],
        regret=regret,
        mean_regret=regret.mean(axis=1),
        mean_regret_low=reg_lo,
        mean_regret_high=reg_hi,
        max_regret=regret.max(axis=1),
        total=across[0],
        replications=r,
        confidence=float(confidence),
        boot_satisficing=boot_sat,
        boot_regret=boot_reg,
        county=across[1] if len(across) > 1 else None,
    )


_SECTIONS = ("livelihood", "demography")  # inputs every policy has (ExperimentSpec)

COST_OUTCOME = "fiscal_cost_npv"
"""The net public cost the decision table uses (``extra_fiscal_cost`` is its difference)."""


def _run(
    scenario: Scenario, spec: ExperimentSpec, executor: Executor | None, store: Path | None
) -> ExperimentResults:
    return run_experiment(scenario, spec, executor=executor, store=store)


def robust(
    scenario: Scenario,
    uncertainties: Sequence[Uncertainty] | None = None,
    *,
    policies: Sequence[str] | None = None,
    criterion: Criterion = DEFAULT_CRITERION,
    futures: int = 64,
    replications: int = 8,
    design: str = "lhs",
    seed: int = 2010,
    common_seeds: bool | str = True,
    horizon_years: int | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    store: str | Path | None = None,
    confidence: float = 0.95,
    n_boot: int = 2000,
    funding: FundingShares | None = None,
) -> Robustness:
    """Run policies x futures x replications of a scenario and judge each policy's robustness.

    Parameters
    ----------
    scenario : Scenario
    uncertainties : sequence of Uncertainty, optional
        The inputs the futures vary (the scenario's own by default).
    policies : sequence of str, optional
        Policy names (at least one); all of the scenario's when None.
    criterion : Criterion
        Default: :data:`DEFAULT_CRITERION`, at least 90% of the landless households back
        at their former income within 5 years.
    futures : int, default 64
        Design points (a power of two with ``design="sobol"``).
    replications : int, default 8
        Runs per policy and future.
    design : {"lhs", "montecarlo", "sobol"}
        The design over the uncertainties (:class:`~collective_econ.runs.ExperimentSpec`).
    seed : int
        Root seed of the experiment; it also seeds the bootstrap.
    common_seeds : True, "policies" or False
        True: common random numbers across policies *and* futures, every run of
        replication r on the same streams (``ExperimentSpec(common_seeds=True)``);
        the bootstrap then resamples futures and replications. "policies": common
        random numbers across policies only, each future with its own streams
        (``ExperimentSpec(common_seeds=False)``). False: independent streams, to
        measure what CRN gains: each policy is its own experiment on the same
        futures (``design="given"``) from its own root seed (so its own synthetic
        community and run streams), each future with its own seeds.
    horizon_years : int, optional
        Years simulated (the scenario's by default).
    executor : concurrent.futures.Executor, optional
        Where runs go (serial when None and ``workers`` is None or 1).
    workers : int, optional
        Without ``executor``: a :func:`~collective_econ.runs.process_pool` of this size.
    store : str or Path, optional
        Folder for the results store (:func:`~collective_econ.runs.run_experiment`);
        with independent streams each policy gets a subfolder ``policy-<i>``.
    confidence, n_boot
        As :func:`robustness`.
    funding : FundingShares, optional
        The county's share of each item of the government's books, for the cost to its
        own budget (:attr:`Robustness.county`, and a criterion on :data:`COUNTY_COST`);
        the scenario's ``funding`` when not given.

    Returns
    -------
    Robustness
    """
    if not isinstance(scenario, Scenario):
        raise ParameterTypeError("scenario", "a Scenario", scenario)
    if not isinstance(criterion, Criterion):
        raise ParameterTypeError("criterion", "a Criterion", criterion)
    shares = scenario.funding if funding is None else funding
    if not isinstance(shares, FundingShares):
        raise ParameterTypeError("funding", "a FundingShares or None", funding)
    if not (isinstance(common_seeds, bool) or common_seeds == "policies"):
        raise ParameterError("common_seeds", "True, 'policies' or False", common_seeds)
    if design not in ("lhs", "montecarlo", "sobol"):
        hint = suggest(str(design), ("lhs", "montecarlo", "sobol"))
        raise ParameterError("design", f"one of ['lhs', 'montecarlo', 'sobol']{hint}", design)
    n = _whole(futures, "futures", 1)
    if design == "sobol" and n & (n - 1):
        raise ParameterError("futures", "a power of two with design='sobol'", futures)
    inputs = tuple(scenario.uncertainties if uncertainties is None else uncertainties)
    if policies is not None:
        if isinstance(policies, str):
            raise ParameterTypeError("policies", "a sequence of policy names, or None", policies)
        if len(tuple(policies)) == 0:
            raise ParameterError("policies", "at least one policy name, or None for all", policies)
    spec = ExperimentSpec(
        policies=() if policies is None else tuple(policies),
        uncertainties=inputs,
        design=design,
        samples=n,
        replications=_whole(replications, "replications", 1),
        horizon_years=horizon_years,
        seed=seed,
        common_seeds=common_seeds is True,
    )
    folder = None if store is None else Path(store)
    if workers is not None:
        _whole(workers, "workers", 1)
    pool = process_pool(workers) if executor is None and workers and workers > 1 else None
    parts: list[ExperimentResults] = []  # one experiment, or one per policy
    try:
        ex = executor if pool is None else pool
        if common_seeds is not False:
            parts.append(_run(scenario, spec, ex, folder))
            names = parts[0].policies
        else:
            built = build_design(scenario, spec)
            rows = tuple(tuple(float(v) for v in row) for row in built.values)
            root = as_seed_sequence(seed)
            names = tuple(p.name for p in built.policies)
            for i, name in enumerate(names):
                own = int(child(root, "independent policy", i).generate_state(1)[0])
                # the inputs this policy has (a scheme it lacks is not varied for it)
                cols = [
                    j
                    for j, path in enumerate(built.inputs)
                    if path.partition(".")[0] in (*_SECTIONS, *built.policies[i].schemes)
                ]
                one = ExperimentSpec(
                    policies=(name,),
                    uncertainties=tuple(inputs[j] for j in cols),
                    design="given" if cols else "montecarlo",
                    samples=None if cols else len(rows),
                    values=tuple(tuple(row[j] for j in cols) for row in rows) if cols else (),
                    replications=replications,
                    horizon_years=built.horizon_years,
                    seed=own,
                    common_seeds=False,
                )
                sub = None if folder is None else folder / f"policy-{i}"
                parts.append(_run(scenario, one, ex, sub))
    finally:
        if pool is not None:
            pool.shutdown()

    def each(name: str) -> Floats:  # one outcome of every run, the policies' parts joined
        return np.concatenate([outcome_values(r, name, shares) for r in parts])

    books = all("county_books" in r.outcomes for r in parts)  # the county's part of the cost
    return robustness(
        each(criterion.outcome),
        each(COST_OUTCOME),
        criterion,
        county_costs=each(COUNTY_COST) if books else None,
        policies=names,
        confidence=confidence,
        n_boot=n_boot,
        seed=stream(as_seed_sequence(seed), "robustness bootstrap"),
        resample="futures and replications" if common_seeds is True else "futures",
    )
