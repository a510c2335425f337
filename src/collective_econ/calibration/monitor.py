"""Monitoring rounds: the completion-audit indicators, and the forecast updated by what is seen.

A livelihood-restoration plan (World Bank ESS5, IFC PS5, ADB SPS) is followed by
monitoring rounds and a completion audit: which share of the affected households
has regained its pre-expropriation income, by group, by sex of the head and for the
vulnerable; how long it took; how far the others remain; who is off track.
:func:`read_round` reads one round (a CSV file, the conventions of
:mod:`.survey`), linked to the baseline :class:`~.survey.Survey` by household id;
:func:`audit` computes the indicators with survey-weighted shares and intervals;
:func:`update_forecast` reweights the stored runs of an experiment by the likelihood
of the observed indicators (a particle update) and refuses when too few runs carry
the weight.

Round schema (one row per household): ``household_id`` (text, in the baseline
survey), ``year`` (calendar year; or ``round_date``, ``YYYY-MM-DD``; one year per
file), ``members`` (persons living in the household, a whole number >= 1), one or
more ``income_<source>`` (yuan per person per year, as the model's panels);
optional ``dibao`` (0/1: the household receives the minimum living allowance),
``head_sex`` (as the survey's ``sex``) and ``head_age`` (years) of the household head.

Definitions (``docs/calibration.md``, "Monitoring rounds"):

- baseline: the survey's income from every source divided by its persons, yuan per
  person per year;
- restored at a round: under the ``"sustained"`` rule of
  :func:`~collective_econ.metrics.restoration` (the default), the mean income of the
  last ``window`` rounds (fewer at the first rounds) is at or above the baseline;
  under ``"one_year"``, the round's income is;
- head: as the last round's ``head_sex`` and ``head_age`` say; without those
  columns, the oldest member of the baseline survey (the survey has no head flag),
  aged by the years since the land loss (the survey's ages are taken then);
- vulnerable: elderly head (aged ``elderly_age`` or over at the last round), dibao
  household (``dibao`` = 1 in the round, or without that column a baseline income
  per person below ``dibao_line``), or female head; any of the three.

Examples
--------
A round in 2013 finds every surveyed household 10% above its baseline but one:

>>> from collective_econ.calibration.synthetic import synthetic_survey
>>> from collective_econ.economy.community import CommunityParams
>>> survey = synthetic_survey(CommunityParams(residents=3000, agricultural_residents=600),
...                           n_households=60, seed=3)
>>> base = survey.total_income / survey.community.size
>>> income = 1.1 * base
>>> income[4] = 0.4 * base[4]
>>> r = Round(2013, income, survey.community.size.astype(float), None, "round.csv")
>>> a = audit(survey, [r], loss_year=2010, target_year=2015)
>>> round(a.share["all"][0].estimate, 3), a.off_track[0]["household_id"] == survey.household_id[4]
(0.983, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from .. import metrics
from ..errors import CellProblem, CollectiveEconError, ParameterError, SurveyError
from ..metrics.lines import POVERTY_LINES
from ..metrics.outcomes import RESTORATION_RULES, RESTORATION_WINDOW, wilson_interval
from ..runs.results import ExperimentResults
from .survey import _SEX, MAX_AGE, Survey, _Cells, _need, _read_file, _Table
from .weights import ReplicateWeights

__all__ = [
    "DIBAO_LINE",
    "ELDERLY_AGE",
    "INDICATORS",
    "Audit",
    "ForecastUpdate",
    "ForecastUpdateError",
    "Indicator",
    "Round",
    "audit",
    "heads",
    "read_round",
    "read_rounds",
    "update_forecast",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

ELDERLY_AGE = 60
"""Age of an elderly head, years (China's rural pension age; domain-reference.md)."""
DIBAO_LINE = POVERTY_LINES["dibao_yun_county"]
"""Income per person below which a household counts as a dibao household when the round
has no ``dibao`` column, yuan/person/yr: Yun County's 2010 dibao line, 12 x 220 yuan a
month (:data:`~collective_econ.metrics.lines.POVERTY_LINES`; in the base year's real
yuan, as the rounds' incomes must be; pass the county's own line for other years)."""


class ForecastUpdateError(CollectiveEconError, ValueError):
    """The stored runs cannot carry the observations (effective sample size below the floor)."""


@dataclass(frozen=True, eq=False)
class Round:
    """One monitoring round, aligned to the baseline survey's households.

    Attributes
    ----------
    year : int
        Calendar year of the round.
    income : ndarray, shape (H,)
        Income per person from every source, yuan/person/yr; NaN for a household
        not visited in this round.
    members : ndarray, shape (H,)
        Persons living in each household (NaN when not visited).
    dibao : ndarray of bool or None, shape (H,)
        Receives dibao (the round's ``dibao`` column), None without one.
    head_female, head_age : ndarray or None, shape (H,)
        The head's sex and age (the ``head_sex``, ``head_age`` columns), None without.
    file : str
        Where it was read from.
    """

    year: int
    income: FloatArray
    members: FloatArray
    dibao: NDArray[np.bool_] | None
    file: str
    head_female: NDArray[np.bool_] | None = None
    head_age: FloatArray | None = None

    @property
    def observed(self) -> NDArray[np.bool_]:
        """Households visited in this round, (H,)."""
        return np.isfinite(self.income)


def _year(cells: _Cells, t: _Table, i: int, column: str) -> float | None:
    if column == "year":
        v = cells.number(t, i, "year", lo=1900, hi=2200)
        if v is not None and v != int(v):
            cells.add(t, i, "year", f"must be a whole year, got {v:g}")
            return None
        return v
    raw = cells.text(t, i, column)
    if raw is None:
        return None
    try:
        return float(date.fromisoformat(raw).year)
    except ValueError:
        cells.add(t, i, column, f"not a date YYYY-MM-DD: {raw!r}")
        return None


def _parse_round(t: _Table, cells: _Cells, baseline: Survey) -> Round | None:
    n0 = len(cells.problems)
    ycol = "year" if "year" in t.columns else "round_date"
    ok = _need(t, ["household_id", ycol, "members"], cells)
    sources = [c for c in t.columns if c.startswith("income_")]
    if not sources:
        cells.add(t, -1, "income_<source>", "no income column (income_wages, ...)")
    if not ok or not sources:
        return None
    index = {k: h for h, k in enumerate(baseline.household_id)}
    h_n = baseline.n_households
    income = np.full(h_n, np.nan)
    members = np.full(h_n, np.nan)
    dibao = np.zeros(h_n, dtype=bool) if "dibao" in t.columns else None
    head_female = np.zeros(h_n, dtype=bool) if "head_sex" in t.columns else None
    head_age = np.full(h_n, np.nan) if "head_age" in t.columns else None
    seen: set[str] = set()
    first_year: float | None = None
    for i in range(len(t.rows)):
        key = cells.text(t, i, "household_id")
        h = None
        if key is not None:
            if key in seen:
                cells.add(t, i, "household_id", f"duplicate household id {key!r}")
            elif key not in index:
                cells.add(t, i, "household_id", f"household {key!r} is not in the baseline survey")
            else:
                h = index[key]
            seen.add(key)
        y = _year(cells, t, i, ycol)
        if y is not None:
            if first_year is None:
                first_year = y
            elif y != first_year:
                cells.add(t, i, ycol, f"year {y:g} differs from the first row's ({first_year:g})")
        m = cells.number(t, i, "members", lo=1, hi=100)
        if m is not None and m != int(m):
            cells.add(t, i, "members", f"must be a whole number, got {m:g}")
        parts = [cells.number(t, i, s) for s in sources]
        d = cells.number(t, i, "dibao", lo=0, hi=1) if dibao is not None else 0.0
        if d is not None and d not in (0.0, 1.0):
            cells.add(t, i, "dibao", f"must be 0 or 1, got {d:g}")
        sex: bool | None = False
        if head_female is not None:
            raw = cells.text(t, i, "head_sex")
            sex = None if raw is None else _SEX.get(raw.lower().removesuffix(".0"))
            if raw is not None and sex is None:
                cells.add(t, i, "head_sex", f"must be F, M, female, male, 1 or 2, got {raw!r}")
        age = cells.number(t, i, "head_age", lo=0, hi=MAX_AGE) if head_age is not None else 0.0
        if None in (h, m, d, sex, age) or None in parts:
            continue
        assert h is not None
        assert m is not None
        income[h] = float(sum(p for p in parts if p is not None))
        members[h] = m
        if dibao is not None:
            dibao[h] = d == 1.0
        if head_female is not None:
            head_female[h] = bool(sex)
        if head_age is not None and age is not None:
            head_age[h] = age
    if len(cells.problems) > n0 or first_year is None:
        if first_year is None and len(cells.problems) == n0:
            cells.add(t, -1, ycol, "no household rows")
        return None
    return Round(int(first_year), income, members, dibao, t.file, head_female, head_age)


def read_rounds(paths: Sequence[str | Path], baseline: Survey) -> list[Round]:
    """Read monitoring rounds (one CSV file each), sorted by year.

    Raises
    ------
    SurveyError
        Listing every problem of every file, each with file, line and column
        (nothing is loaded): a missing column, an id not in the baseline or
        repeated, a year that differs within a file or repeats another round's,
        members not a whole number >= 1, an income not a finite number.
    """
    cells = _Cells(suso=False)
    problems: list[CellProblem] = []
    rounds: list[Round] = []
    for p in paths:
        t = _read_file(Path(p), ",", problems)
        if t is not None:
            r = _parse_round(t, cells, baseline)
            if r is not None:
                rounds.append(r)
    years = [r.year for r in rounds]
    for r in rounds:
        if years.count(r.year) > 1:
            problems.append(CellProblem(r.file, 0, "year", f"another round is of {r.year}"))
    if problems or cells.problems:
        raise SurveyError(problems + cells.problems, source="monitoring rounds")
    return sorted(rounds, key=lambda r: r.year)


def read_round(path: str | Path, baseline: Survey) -> Round:
    """Read one monitoring round (a CSV file); see :func:`read_rounds`."""
    return read_rounds([path], baseline)[0]


# --- indicators -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """A survey-weighted share with its interval.

    ``estimate`` in [0, 1]; ``low``, ``high`` the interval at the audit's level;
    ``se`` the standard error; ``n`` households observed; ``method``
    ``"replicates"`` or ``"wilson"`` (with the Kish effective sample size);
    ``level`` the interval's coverage.
    """

    estimate: float
    low: float
    high: float
    se: float
    n: int
    method: str
    level: float = 0.9

    @property
    def sd(self) -> float:
        """The sampling sd the forecast update uses.

        ``se``, or the interval's width over ``2 z`` when larger (a share of 0 or 1
        has ``se`` 0, its Wilson interval does not).
        """
        z = float(stats.norm.ppf(0.5 + self.level / 2))
        return max(self.se, (self.high - self.low) / (2 * z))


def _share(
    flag: NDArray[np.bool_],
    mask: NDArray[np.bool_],
    w: FloatArray,
    level: float,
    replicates: ReplicateWeights | None,
) -> Indicator:
    n = int(mask.sum())
    if n == 0:
        return Indicator(np.nan, np.nan, np.nan, np.nan, 0, "none")
    y, wm = flag.astype(np.float64), w * mask
    p = min(max(float(wm @ y / wm.sum()), 0.0), 1.0)
    z = float(stats.norm.ppf(0.5 + level / 2))
    if replicates is not None:
        reps = replicates.weights * mask
        sums = reps.sum(axis=1)
        est = np.where(sums > 0, reps @ y / np.where(sums > 0, sums, 1.0), p)
        se = float(np.sqrt(np.sum(replicates.factor * (est - p) ** 2)))
        lo, hi = max(p - z * se, 0.0), min(p + z * se, 1.0)
        return Indicator(p, lo, hi, se, n, "replicates", level)
    n_eff = wm.sum() ** 2 / float(wm @ wm)
    se = float(np.sqrt(p * (1 - p) / n_eff))
    lo, hi = wilson_interval(p, n_eff, z)
    return Indicator(p, float(lo), float(hi), se, n, "wilson", level)


@dataclass(frozen=True, eq=False)
class Audit:
    """The completion-audit indicators (:func:`audit`).

    Attributes
    ----------
    years : ndarray of int, shape (rounds,)
        The rounds' calendar years.
    restored : ndarray of bool, shape (rounds, H)
        Restored at each round (False where not observed).
    observed : ndarray of bool, shape (H,)
        Visited in every round (the audit's households).
    share : mapping of str to list of Indicator
        Share restored at each round: ``"all"``, ``"group: <name>"``,
        ``"head: female"``, ``"head: male"``, ``"elderly head"``, ``"dibao"``,
        ``"vulnerable"`` (any of the three) and ``"not vulnerable"``.
    years_to_restore : ndarray, shape (H,)
        Round year at which each household was first restored minus the year of
        land loss (NaN: not yet restored or not observed), years.
    gap_per_person : float
        Survey-weighted mean shortfall below the baseline at the last round,
        over the audit's households (0 for the restored), yuan/person/yr.
    gap_total : float
        The shortfall times members, summed over the households represented
        (weights), yuan/yr.
    off_track : list of dict
        Households below their trajectory at the last round, largest shortfall first.
    mean_income : list of (float, float)
        Per round: person-weighted mean income over the audit's households and
        its standard error (Kish effective size), yuan/person/yr.
    """

    years: IntArray
    restored: NDArray[np.bool_]
    observed: NDArray[np.bool_]
    share: Mapping[str, list[Indicator]]
    years_to_restore: FloatArray
    gap_per_person: float
    gap_total: float
    off_track: list[dict[str, Any]]
    mean_income: list[tuple[float, float]]

    def table(self) -> list[dict[str, Any]]:
        """One row per category and round: share restored, interval, households."""
        return [
            {"category": k, "year": int(y), "share_restored": s.estimate, "low": s.low,
             "high": s.high, "households": s.n, "interval": s.method}
            for k, row in self.share.items() for y, s in zip(self.years, row, strict=True)
        ]  # fmt: skip


def heads(survey: Survey) -> IntArray:
    """Each household's head: its oldest member in the survey (first listed on ties), (H,)."""
    c = survey.community
    order = np.lexsort((np.arange(c.n_persons), -c.age, c.person_household))
    first = np.r_[0, np.cumsum(c.size)[:-1]]
    return np.asarray(order[first], dtype=np.intp)


def audit(
    survey: Survey,
    rounds: Sequence[Round],
    *,
    loss_year: int,
    target_year: int,
    rule: str = "sustained",
    window: int = RESTORATION_WINDOW,
    start_share: float = 0.5,
    level: float = 0.9,
    replicates: ReplicateWeights | None = None,
    elderly_age: int = ELDERLY_AGE,
    dibao_line: float = DIBAO_LINE,
) -> Audit:
    """The completion-audit indicators of monitoring rounds against the baseline survey.

    Parameters
    ----------
    survey : Survey
        The baseline (its weights, groups, persons and income before expropriation).
    rounds : sequence of Round
        From :func:`read_rounds`, in year order.
    loss_year : int
        Calendar year of the land taking (time to restoration counts from it).
    target_year : int
        Year by which the plan restores every household (the trajectory's end).
    rule, window
        The restoration rule of :func:`~collective_econ.metrics.restoration`
        (``window`` counts rounds: annual rounds make it the library's rule).
    start_share : float, default 0.5
        The trajectory starts at this share of the baseline in ``loss_year`` and
        rises linearly to the baseline in ``target_year`` (estimate: a plan's
        assumption; pass the plan's own).
    level : float, default 0.9
        Coverage of the intervals.
    replicates : ReplicateWeights, optional
        From :func:`~.weights.replicate_weights`: intervals from the replicate
        variance (normal); without them, Wilson intervals at the Kish effective size.
    elderly_age : int, default 60
        Age of an elderly head, years.
    dibao_line : float, default 4,000
        Baseline income per person below which a household counts as a dibao
        household when the last round has no ``dibao`` column, yuan/person/yr.

    Returns
    -------
    Audit

    Raises
    ------
    ParameterError
        No round; rounds out of year order; an unknown rule; ``target_year`` not
        after ``loss_year``; ``start_share`` outside [0, 1].
    """
    if not rounds:
        raise ParameterError("rounds", "at least one monitoring round", 0)
    years = np.array([r.year for r in rounds], dtype=np.intp)
    if np.any(np.diff(years) <= 0):
        raise ParameterError("rounds", "in increasing year order", years.tolist())
    if rule not in RESTORATION_RULES:
        raise ParameterError("rule", f"one of {list(RESTORATION_RULES)}", rule)
    if target_year <= loss_year:
        raise ParameterError("target_year", f"after loss_year ({loss_year})", target_year)
    if not 0.0 <= start_share <= 1.0:
        raise ParameterError("start_share", "within [0, 1]", start_share)
    c = survey.community
    base = survey.total_income / c.size
    inc = np.stack([r.income for r in rounds])  # (rounds, H)
    seen = np.all(np.isfinite(inc), axis=0)
    filled = np.where(np.isfinite(inc), inc, 0.0)
    w_len = 1 if rule == "one_year" else int(window)
    cum = np.cumsum(filled, axis=0)
    k = np.arange(len(rounds))
    lo = k - np.minimum(w_len, k + 1)
    prev = np.where(lo[:, None] >= 0, cum[np.maximum(lo, 0)], 0.0)
    avg = (cum - prev) / np.minimum(w_len, k + 1)[:, None]
    restored = (avg >= base) & seen
    head = heads(survey)
    last = rounds[-1]
    female = c.female[head] if last.head_female is None else last.head_female
    age = c.age[head] + (last.year - loss_year) if last.head_age is None else last.head_age
    elderly = np.nan_to_num(age) >= elderly_age
    dibao = last.dibao if last.dibao is not None else base < dibao_line
    vulnerable = elderly | dibao | female
    w = survey.weight
    masks: dict[str, NDArray[np.bool_]] = {"all": seen}
    for g, name in enumerate(c.group_names):
        if np.any(c.group == g):
            masks[f"group: {name}"] = seen & (c.group == g)
    masks |= {"head: female": seen & female, "head: male": seen & ~female,
              "elderly head": seen & elderly, "dibao": seen & dibao,
              "vulnerable": seen & vulnerable, "not vulnerable": seen & ~vulnerable}  # fmt: skip
    share = {
        name: [_share(restored[j], m, w, level, replicates) for j in range(len(rounds))]
        for name, m in masks.items()
    }
    ever = np.cumsum(restored, axis=0) > 0
    first = np.argmax(ever, axis=0)
    ytr = np.where(ever[-1], years[first] - loss_year, np.nan).astype(np.float64)
    latest = filled[-1]
    gap = np.where(seen, np.maximum(base - latest, 0.0), 0.0)
    ws = w * seen
    gap_pp = float(ws @ gap / ws.sum()) if ws.sum() > 0 else np.nan
    gap_total = float(np.sum(ws * gap * np.nan_to_num(last.members)))
    frac = min((last.year - loss_year) / (target_year - loss_year), 1.0)
    path = base * (start_share + (1.0 - start_share) * max(frac, 0.0))
    below = seen & (latest < path)
    off = [
        {"household_id": survey.household_id[h], "group": c.group_names[c.group[h]],
         "year": last.year, "income": float(latest[h]), "trajectory": float(path[h]),
         "baseline": float(base[h]), "shortfall": float(path[h] - latest[h])}
        for h in np.flatnonzero(below)
    ]  # fmt: skip
    off.sort(key=lambda r: -float(r["shortfall"]))
    mean_income = []
    for j, r in enumerate(rounds):
        pw = ws * np.nan_to_num(r.members)
        mu = float(pw @ filled[j] / pw.sum())
        n_eff = pw.sum() ** 2 / float(pw @ pw)
        var = float(pw @ (filled[j] - mu) ** 2 / pw.sum())
        mean_income.append((mu, float(np.sqrt(var / n_eff))))
    return Audit(years, restored, seen, share, ytr, gap_pp, gap_total, off, mean_income)


# --- forecast update ------------------------------------------------------------------------


INDICATORS = {"restored_share": "share restored", "mean_income": "mean income per person"}
"""The indicators :func:`update_forecast` can weigh runs by (each a yearly outcome of the runs)."""


@dataclass(frozen=True, eq=False)
class ForecastUpdate:
    """Stored runs reweighted by monitoring rounds (:func:`update_forecast`).

    Attributes
    ----------
    policy : str
        The policy whose runs were reweighted.
    years : ndarray of int
        The experiment's calendar years.
    weights : ndarray, shape (samples, replications)
        Normalised importance weights (they sum to 1).
    ess : float
        Effective sample size, ``1 / Σ w²``.
    runs : int
        Runs reweighted.
    observations : list of tuple
        (indicator, year, observed value, its sampling sd).
    results : ExperimentResults
        The experiment whose runs were reweighted.
    """

    policy: str
    years: NDArray[np.int64]
    weights: FloatArray
    ess: float
    runs: int
    observations: list[tuple[str, int, float, float]]
    results: ExperimentResults

    def quantiles(
        self,
        outcome: str = "restored_share",
        q: Sequence[float] = (0.05, 0.5, 0.95),
        *,
        prior: bool = False,
    ) -> FloatArray:
        """Weighted quantiles of a yearly outcome: shape (len(q), years).

        ``prior=True``: the same runs equally weighted (the forecast before updating).
        """
        x = self.results.sel(outcome, policy=self.policy)
        flat = x.reshape(-1, x.shape[-1])
        w = np.full(flat.shape[0], 1.0) if prior else self.weights.ravel()
        return np.asarray(metrics.weighted_quantile(flat, list(q), weights=w[:, None], axis=0))

    def probability(
        self, outcome: str = "restored_within_5y", above: float = 0.8, *, prior: bool = False
    ) -> float:
        """Weighted share of runs whose scalar ``outcome`` is at least ``above``."""
        x = self.results.sel(outcome, policy=self.policy).ravel()
        w = np.full(x.size, 1.0 / x.size) if prior else self.weights.ravel()
        return float(w @ (x >= above))


def update_forecast(
    results: ExperimentResults,
    observed: Audit,
    *,
    policy: str | None = None,
    indicators: Sequence[str] = ("restored_share",),
    min_ess: float | None = None,
) -> ForecastUpdate:
    r"""Reweight an experiment's runs by the likelihood of the observed indicators.

    Each run :math:`i` gets the weight
    :math:`w_i \propto \prod_{k,j} \phi((o_{kj} - m_{ikj}) / s_{kj})`, with
    :math:`o_{kj}` indicator :math:`j` observed in round :math:`k`, :math:`s_{kj}` its
    sampling sd (:attr:`Indicator.sd`; for ``mean_income`` its standard error) and
    :math:`m_{ikj}` the run's value of the same outcome in the round's year
    (``restored_share``: the share of the landless households restored;
    ``mean_income``: mean income per person). The runs' outcomes are read from the
    store; no panel is needed.

    Parameters
    ----------
    results : ExperimentResults
        The stored experiment (every sample and replication of ``policy`` is a particle).
    observed : Audit
        From :func:`audit`; its rounds' years must be years of the experiment.
    policy : str, optional
        Default: the experiment's only policy (required when there are several).
    indicators : sequence of str
        Among ``"restored_share"`` and ``"mean_income"``.
    min_ess : float, optional
        Refuse below this effective sample size; default ``max(20, 10% of runs)``.

    Raises
    ------
    ForecastUpdateError
        The effective sample size is below ``min_ess`` (the observations lie
        where few runs go: widen the experiment, or question the model).
    ParameterError
        Unknown policy or indicator; a round's year outside the experiment's.
    """
    if policy is None:
        if len(results.policies) != 1:
            raise ParameterError("policy", f"one of {list(results.policies)}", None)
        policy = results.policies[0]
    results.index(policy)
    for name in indicators:
        if name not in INDICATORS:
            raise ParameterError("indicators", f"among {list(INDICATORS)}", name)
    obs: list[tuple[str, int, float, float]] = []
    loglik = np.zeros((results.samples, results.replications))
    for k, year in enumerate(observed.years.tolist()):
        if year not in results.years:
            raise ParameterError("rounds", f"years of {results.years.tolist()}", year)
        for name in indicators:
            if name == "restored_share":
                s = observed.share["all"][k]
                value, sd = s.estimate, max(s.sd, 1e-3)
            else:
                value, sd = observed.mean_income[k]
                sd = max(sd, 1.0)
            model = results.sel(name, policy=policy, year=int(year))
            loglik += stats.norm.logpdf(value, loc=model, scale=sd)
            obs.append((name, int(year), float(value), float(sd)))
    w = np.exp(loglik - loglik.max())
    w /= w.sum()
    ess = float(1.0 / np.sum(w**2))
    n = w.size
    floor = max(20.0, 0.1 * n) if min_ess is None else float(min_ess)
    if ess < floor:
        raise ForecastUpdateError(
            f"forecast update refused: effective sample size {ess:.1f} of {n} runs is below "
            f"the floor {floor:g}; the observations lie where few runs go (run more samples, "
            "widen the input ranges, or question the model)"
        )
    return ForecastUpdate(policy, results.years, w, ess, n, obs, results)
