"""What each run of an experiment records, and the results object that reads them back.

A worker reduces each run to a *record* (:func:`reduce_run`): the outcomes of
:data:`OUTCOMES`, each landless household's mean income per person over the
horizon (for paired winners and losers), the SimPy event count and, for the
runs chosen in ``ExperimentSpec.panels``, the (years, households) panel of
income per person with the persons present in each household each year (its
weights: births, deaths and migration change them). Nothing else leaves the worker.

:class:`ExperimentResults` holds an experiment's records as plain numpy
arrays shaped (policies, samples, replications, ...), with their labels; it
summarises, writes CSV tables, and adapts to a :class:`Comparison` (every
household's income in every year of the runs whose panels were kept) for the
plots. There is one headline table, :meth:`ExperimentResults.headline`; a
Comparison's :meth:`~Comparison.table` is the headline of the runs it holds.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from .. import metrics
from ..economy.ledger import INCOME_SOURCES
from ..errors import MissingDependencyError, ParameterError, suggest
from ..finance import DiscountRates, stakeholder_npv
from ..funding import FundingShares
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..prices import MONEY, PriceIndex, nominal_table
from ..units import write_csv_rows
from .decision import DECISION_OUTCOMES, county_costs, decision_rows, format_headline_rows, mean_ci
from .outcomes import _SCALARS, _YEARLY, OUTCOMES, STAKEHOLDER_GROUPS, check_record, outcome_info
from .store import ResultStore, StoreError, atomic_open, atomic_write, decode_record, read_metadata

__all__ = ["Comparison", "ExperimentResults", "RunId", "load_results"]

Floats = NDArray[np.float64]
Shares = FundingShares | None


class RunId(NamedTuple):
    """One run: the indices of its policy, uncertainty sample and replication."""

    policy: int
    sample: int
    replication: int


@dataclass(frozen=True, eq=False)
class ExperimentResults:
    """All runs of an experiment: arrays labelled by policy, sample, replication and year.

    Attributes
    ----------
    policies : tuple of str
        Axis 0 of every array.
    years : ndarray, shape (years,)
        Calendar years of the per-year axes.
    inputs : tuple of str
        Dotted names of the sampled inputs (``"hogs.hog_price"``).
    design : ndarray, shape (samples, inputs)
        The inputs' values in each sample, in their units.
    outcomes : mapping of str to ndarray
        Each outcome of :data:`OUTCOMES`: shape (policies, samples,
        replications) + ``OUTCOMES[name].shape(years)``.
    household_mean : ndarray, shape (policies, samples, replications, households)
        Each landless household's mean income per person over the horizon.
    events : ndarray of int, shape (policies, samples, replications)
        SimPy events of each run.
    panels : mapping of RunId to ndarray, shape (years, households)
        Income per person of each landless household, for the runs kept.
    baseline, size, start : ndarray, shape (households,)
        The landless households' income per person before losing land (base
        scenario), sizes at month 0 (the taking: the weights of ``baseline``), and
        year index of land loss.
    metadata : mapping
        Timings, host and versions: never in the tables, nor in :meth:`identical`.
    persons : mapping of RunId to ndarray, shape (years, households)
        Mean persons present in each landless household each year, for the runs
        whose panels were kept: the weights of the panels' per-person statistics.
    """

    policies: tuple[str, ...]
    years: NDArray[np.int64]
    inputs: tuple[str, ...]
    design: Floats
    outcomes: Mapping[str, Floats]
    household_mean: Floats
    events: NDArray[np.int64]
    panels: Mapping[RunId, Floats]
    baseline: Floats
    size: Floats
    start: Floats
    metadata: Mapping[str, Any] = field(default_factory=dict)
    persons: Mapping[RunId, Floats] = field(default_factory=dict)

    @classmethod
    def from_store(cls, folder: str | Path) -> ExperimentResults:
        """Load a complete experiment from its output folder."""
        metadata = read_metadata(folder)
        with ResultStore.read(folder) as store:
            return load_results(store, metadata=metadata)

    @property
    def samples(self) -> int:
        """Uncertainty samples."""
        return int(self.household_mean.shape[1])

    @property
    def replications(self) -> int:
        """Replications per policy and sample."""
        return int(self.household_mean.shape[2])

    def index(self, policy: str) -> int:
        """Axis-0 position of a policy, by name."""
        if policy not in self.policies:
            hint = suggest(str(policy), self.policies)
            raise ParameterError("policy", f"one of {list(self.policies)}{hint}", policy)
        return self.policies.index(policy)

    def sel(
        self,
        outcome: str,
        *,
        policy: str | None = None,
        sample: int | None = None,
        replication: int | None = None,
        year: int | None = None,
    ) -> Floats:
        """One outcome; each axis given (policy by name, calendar year) is dropped.

        Examples
        --------
        ``res.sel("gini", policy="80% shares", year=2012)`` has shape (samples, replications).
        """
        info, arr = outcome_info(outcome), self.outcomes[outcome]
        if year is not None:
            if not info.per_year or year not in self.years:
                raise ParameterError("year", f"a year of {self.years.tolist()}", year)
            arr = arr[:, :, :, int(np.flatnonzero(self.years == year)[0])]
        for axis, value in ((2, replication), (1, sample)):
            arr = arr if value is None else np.take(arr, value, axis)
        return np.asarray(arr if policy is None else arr[self.index(policy)])

    def _pairs(self, outcome: str) -> Floats:
        x = self.sel(outcome)
        return x.reshape(x.shape[0], -1, *x.shape[3:])  # (policies, samples x replications, ...)

    def mean(self, outcome: str) -> Floats:
        """Mean over samples and replications: shape (policies, ...)."""
        return np.asarray(self._pairs(outcome).mean(axis=1))

    def percentile(self, outcome: str, q: Sequence[float] = (5, 50, 95)) -> Floats:
        """Percentiles (0-100) over samples and replications: shape (len(q), policies, ...)."""
        return np.asarray(np.percentile(self._pairs(outcome), q, axis=1))

    def interval(self, outcome: str, *, confidence: float = 0.95) -> Floats:
        """Mean over the runs with its t-interval: shape (policies, ...) + (mean, low, high).

        Over the runs where it is defined (:func:`~collective_econ.runs.decision.mean_ci`):
        ``res.interval("poor_hog_loss_share")[i, t]`` is policy ``i``'s in year index ``t``.
        """
        x, share = np.moveaxis(self._pairs(outcome), 1, -1), OUTCOMES[outcome].unit == "share"
        return mean_ci(x, confidence, share=share)

    def difference(
        self, outcome: str, a: str, b: str, *, confidence: float = 0.95
    ) -> metrics.PairedDifference:
        """Mean paired difference A - B over (sample, replication) pairs, with a t interval."""
        x = self._pairs(outcome)
        return metrics.paired_difference(x[self.index(a)], x[self.index(b)], confidence=confidence)

    def winners_losers(
        self, a: str, b: str, *, tolerance: float = 0.0, confidence: float = 0.95
    ) -> metrics.WinnersLosers:
        """Shares of landless households with a higher (lower) mean income under A than B.

        Paired by household, sample and replication, as ``Comparison.winners_losers``.
        """
        hm = self.household_mean.reshape(len(self.policies), -1, self.household_mean.shape[-1])
        ia, ib = self.index(a), self.index(b)
        return metrics.winners_losers(hm[ia], hm[ib], tolerance=tolerance, confidence=confidence)

    def headline(self, baseline: str | None = None) -> list[dict[str, Any]]:
        """One row per policy: the headline outcomes over every sample and replication.

        Income per person of the landless households in the first, fifth and
        last year (mean), the share back at their pre-expropriation income
        within 5 years, the poverty headcount and Gini in the last year, the
        share better off than under ``baseline`` (paired, with its interval)
        and the government's extra net cost against ``baseline`` (NPV at 8%).
        """
        base = baseline or self.policies[0]
        income = self.mean("mean_income")
        fifth = min(4, income.shape[1] - 1)
        fiscal = self.mean("fiscal_cost_npv")
        rows: list[dict[str, Any]] = []
        for i, name in enumerate(self.policies):
            wl = self.winners_losers(name, base) if name != base else None
            rows.append({
                "policy": name,
                "income_first": float(income[i, 0]),
                "income_fifth": float(income[i, fifth]),
                "income_last": float(income[i, -1]),
                "restored_5y": float(self.mean("restored_within_5y")[i]),
                "poverty_last": float(self.mean("poverty_headcount")[i, -1]),
                "gini_last": float(self.mean("gini")[i, -1]),
                "better": math.nan if wl is None else wl.better,
                "better_low": math.nan if wl is None else wl.better_ci[0],
                "better_high": math.nan if wl is None else wl.better_ci[1],
                "extra_fiscal_cost_npv": float(fiscal[i] - fiscal[self.index(base)]),
            })  # fmt: skip
        return rows

    def decision_table(
        self, baseline: str | None = None, *, confidence: float = 0.95, funding: Shares = None
    ) -> list[dict[str, Any]]:
        """One row per policy: the figures a decision needs, each with a 95% interval.

        Each interval is a ``(mean, lo, hi)`` tuple of floats: the mean over the runs
        (samples x replications) and its t-interval across them (NaN with one run).

        Returns
        -------
        list of dict
            Keys (:data:`~collective_econ.runs.decision.DECISION_KEYS`): ``policy`` (str);
            ``restored_5y`` (share 0-1 restored within 5 years, sustained rule:
            ``restored_within_5y``); ``poverty_peak`` (share 0-1, the worst year's poverty
            headcount); ``poverty_peak_year`` (int, calendar year, the most frequent across runs);
            ``income_long`` (yuan/person/yr, years 11 to the end); ``poverty_long`` (share 0-1,
            same years); ``extra_fiscal_cost`` (yuan, NPV at 8%, the government's net cost less the
            baseline's, run by run); ``extra_county_cost`` (the county's own part, by ``funding``,
            default ``FundingShares()``; NaN without ``county_books``).
        """
        base = self.index(baseline or self.policies[0])
        names = (*DECISION_OUTCOMES.values(), "poverty_peak_year")
        values = {n: self._pairs(n) for n in names}
        if "county_books" in self.outcomes:  # the county's own part, by ``funding``
            books, labels = self._pairs("county_books"), OUTCOMES["county_books"].labels
            y0 = int(self.years[0])  # the books' first year: the taxes' share by year
            values["county_cost"] = county_costs(books, labels, funding, start_year=y0)
        return decision_rows(self.policies, values, base, confidence)

    def format_headline(
        self, baseline: str | None = None, *, money: str = "real", prices: PriceIndex | None = None
    ) -> str:
        """:meth:`headline` as a text table for the terminal (:func:`format_headline_rows`).

        ``money="nominal"`` shows the incomes in nominal yuan of their years
        (:func:`collective_econ.prices.nominal_table` with ``prices``, the scenario's
        index); ``"real"`` (default) in real yuan of the base year.
        """
        base = baseline or self.policies[0]
        y = self.years
        if money not in MONEY:
            raise ParameterError("money", f"one of {MONEY}", money)
        shown = [y[0], y[min(4, len(y) - 1)], y[-1]]
        level = nominal_table(np.ones(3), shown, prices) if money == "nominal" else np.ones(3)
        return format_headline_rows(self.headline(base), shown, base, level)

    def identical(self, other: ExperimentResults) -> bool:
        """Whether all labels and arrays are the same, bit for bit (metadata aside)."""
        mine, theirs = self._arrays(), other._arrays()
        return (self.policies, self.inputs, mine.keys()) == (
            other.policies,
            other.inputs,
            theirs.keys(),
        ) and all(
            (a.shape, a.dtype, a.tobytes())
            == (theirs[k].shape, theirs[k].dtype, theirs[k].tobytes())
            for k, a in mine.items()
        )

    def _arrays(self) -> dict[str, NDArray[Any]]:
        out: dict[str, NDArray[Any]] = {f"outcome {k}": v for k, v in self.outcomes.items()}
        out |= {f"panel {tuple(k)}": v for k, v in self.panels.items()}
        out |= {f"persons {tuple(k)}": v for k, v in self.persons.items()}
        names = ("years", "design", "household_mean", "events", "baseline", "size", "start")
        return out | {n: np.asarray(getattr(self, n)) for n in names}

    def _ids(self) -> list[tuple[int, int, int]]:
        p, s, r = self.household_mean.shape[:3]
        return [(i, j, k) for i in range(p) for j in range(s) for k in range(r)]

    def to_csv(self, folder: str | Path, *, baseline: str | None = None) -> list[Path]:
        """Write results-only CSV tables (no timings, no hosts) and return their paths.

        ``runs.csv`` (inputs and scalar outcomes per run), ``yearly.csv``
        (per-year outcomes per run), ``summary.csv`` and ``yearly_summary.csv``
        (mean and 5th/50th/95th percentiles per policy), ``by_label.csv``
        (income by source and stakeholder flows, means), ``differences.csv``
        (each policy minus ``baseline``, by default the first policy, paired t
        intervals: pass the one the headline table uses, :func:`compared_with`),
        ``design.csv``. Rows are sorted by id and floats written with ``repr``:
        the same results give byte-identical files; text a spreadsheet would
        evaluate is quoted (:func:`~collective_econ.units.csv_cell`). A cell is
        empty where the outcome does not apply to the run: ``business_survival``
        when no landless household had business profit the year after land loss (a
        policy without a business scheme), and its mean and percentiles then too.
        """
        out, pol, ids = Path(folder), self.policies, self._ids()
        base = pol[self.index(baseline or pol[0])]
        out.mkdir(parents=True, exist_ok=True)
        o, d = self.outcomes, self.design
        stats = ["mean", "p5", "p50", "p95"]
        tables: dict[str, tuple[list[str], list[list[Any]]]] = {
            "runs.csv": (
                ["policy", "sample", "replication", *self.inputs, *_SCALARS],
                [[pol[p], s, r, *d[s], *(o[n][p, s, r] for n in _SCALARS)] for p, s, r in ids],
            ),
            "yearly.csv": (
                ["policy", "sample", "replication", "year", *_YEARLY],
                [
                    [pol[p], s, r, int(y), *(o[n][p, s, r, t] for n in _YEARLY)]
                    for p, s, r in ids
                    for t, y in enumerate(self.years)
                ],
            ),
            "design.csv": (["sample", *self.inputs], [[s, *d[s]] for s in range(self.samples)]),
            "summary.csv": (["policy", "outcome", "unit", *stats], []),
            "yearly_summary.csv": (["policy", "year", "outcome", *stats], []),
            "by_label.csv": (["policy", "year", "outcome", "label", "mean"], []),
            "differences.csv": (["policy", "baseline", "outcome", "mean", "low", "high", "n"], []),
        }
        for n in _SCALARS:
            m, q = self.mean(n), self.percentile(n)
            rows = [[p, n, OUTCOMES[n].unit, m[i], *q[:, i]] for i, p in enumerate(pol)]
            tables["summary.csv"][1].extend(rows)
            if self.samples * self.replications >= 2 and np.isfinite(self._pairs(n)).all():
                for p in (q for q in pol if q != base):
                    diff = self.difference(n, p, base)
                    row = [p, base, n, diff.mean, diff.low, diff.high, diff.n]
                    tables["differences.csv"][1].append(row)
        for n in _YEARLY:
            m, q = self.mean(n), self.percentile(n)
            for (i, p), (t, y) in _grid(pol, self.years):
                tables["yearly_summary.csv"][1].append([p, int(y), n, m[i, t], *q[:, i, t]])
        for n in ("income_by_source", "stakeholder_flows"):
            m = self.mean(n)
            for (i, p), (t, y) in _grid(pol, self.years):
                rows = [
                    [p, int(y), n, lab, m[i, t, k]] for k, lab in enumerate(OUTCOMES[n].labels)
                ]
                tables["by_label.csv"][1].extend(rows)
        return [_write(out / name, head, rows) for name, (head, rows) in tables.items()]

    def write_metadata(self, folder: str | Path) -> Path:
        """Write ``metadata.json``: timings, host and versions, apart from the tables."""
        path = Path(folder) / "metadata.json"
        text = json.dumps(dict(self.metadata), indent=2, sort_keys=True, default=str)
        return atomic_write(path, (text + "\n").encode("utf-8"))

    def to_dataframe(self, outcome: str | None = None) -> Any:
        """A pandas ``DataFrame``: a row per run (inputs, scalar outcomes), or one outcome, long.

        With ``outcome`` the columns are policy, sample, replication, [year],
        [label] and value. pandas is imported here, and only here.
        """
        try:
            pd = importlib.import_module("pandas")
        except ImportError as err:
            msg = "ExperimentResults.to_dataframe needs pandas: pip install pandas"
            raise MissingDependencyError(msg) from err
        if outcome is None:
            ids = np.array(self._ids(), dtype=np.int64).reshape(-1, 3)
            cols: dict[str, Any] = {"policy": [self.policies[i] for i in ids[:, 0]]}
            cols |= {"sample": ids[:, 1], "replication": ids[:, 2]}
            cols |= {name: self.design[ids[:, 1], j] for j, name in enumerate(self.inputs)}
            return pd.DataFrame(cols | {n: self.outcomes[n].reshape(-1) for n in _SCALARS})
        info = outcome_info(outcome)
        axes: dict[str, list[Any]] = {
            "policy": list(self.policies),
            "sample": list(range(self.samples)),
            "replication": list(range(self.replications)),
        }
        axes |= {"year": self.years.tolist()} if info.per_year else {}
        axes |= {"label": list(info.labels)} if info.labels else {}
        index = pd.MultiIndex.from_product(list(axes.values()), names=list(axes))
        frame = pd.DataFrame({"value": self.outcomes[outcome].reshape(-1)}, index=index)
        return frame.reset_index()

    def to_comparison(self, sample: int | None = None) -> Comparison:
        """The runs whose panels were kept, as a :class:`Comparison`, for the plots.

        A Comparison holds every household's income in every year of each run,
        so it is built from the runs whose panels were kept under every policy:
        ``panels="all"`` for small experiments, or the first few runs' for large
        ones (:func:`~collective_econ.runs.spec.main_spec`). Memory grows as runs
        kept x years x households. Its :meth:`~Comparison.table` is the
        :meth:`headline` of those runs.

        Parameters
        ----------
        sample : int, optional
            Index of one uncertainty sample; by default every sample with the
            replications kept in sample 0 (its runs, in (sample, replication) order,
            are the Comparison's replication axis: still paired across policies).

        Returns
        -------
        Comparison
        """
        p = len(self.policies)
        if sample is not None and not 0 <= sample < self.samples:
            raise ParameterError("sample", f"an index in [0, {self.samples})", sample)

        def kept(s: int, k: int) -> bool:
            return all(RunId(i, s, k) in self.panels for i in range(p))

        first = 0 if sample is None else sample
        reps = [k for k in range(self.replications) if kept(first, k)]
        if not reps:
            rule = f"kept for every policy in some replication of sample {first}"
            raise ParameterError("panels", rule, tuple(self.panels), owner="ExperimentSpec")
        every = range(self.samples) if sample is None else (sample,)
        samples = [s for s in every if all(kept(s, k) for k in reps)]
        runs = [(s, k) for s in samples for k in reps]
        panels = np.stack([[self.panels[RunId(i, s, k)] for s, k in runs] for i in range(p)])
        persons = np.stack([[self.persons[RunId(i, s, k)] for s, k in runs] for i in range(p)])
        sub = self._subset(samples, reps)

        def flat(a: Floats) -> Floats:  # (p, samples, reps, ...) -> (p, runs, ...)
            return a.reshape(p, len(runs), *a.shape[3:])

        by_source = flat(sub.outcomes["income_by_source"]) * persons.sum(-1)[..., None]
        return Comparison(
            policies=self.policies,
            years=self.years,
            per_capita=panels,
            baseline=self.baseline,
            size=self.size,
            persons=persons,
            start=self.start,
            by_source=by_source,  # yuan/yr: per person present times persons present
            stakeholders=flat(sub.outcomes["stakeholder_flows"]),
            events=int(sub.events.sum()),
            results=sub,
        )

    def _subset(self, samples: Sequence[int], replications: Sequence[int]) -> ExperimentResults:
        """The runs of some samples and replications (each renumbered from 0)."""
        ss, reps = list(samples), list(replications)
        if ss == list(range(self.samples)) and reps == list(range(self.replications)):
            return self
        new_s, new_r = {k: i for i, k in enumerate(ss)}, {k: i for i, k in enumerate(reps)}
        ids = {r: RunId(r.policy, new_s[r.sample], new_r[r.replication]) for r in self.panels
               if r.sample in new_s and r.replication in new_r}  # fmt: skip
        panels = {ids[r]: a for r, a in self.panels.items() if r in ids}
        persons = {ids[r]: a for r, a in self.persons.items() if r in ids}

        def take(a: NDArray[Any]) -> NDArray[Any]:
            return np.ascontiguousarray(a[:, ss][:, :, reps])

        return ExperimentResults(
            policies=self.policies,
            years=self.years,
            inputs=self.inputs,
            design=self.design[ss],
            outcomes=MappingProxyType({n: take(a) for n, a in self.outcomes.items()}),
            household_mean=take(self.household_mean),
            events=take(self.events),
            panels=MappingProxyType(panels),
            baseline=self.baseline,
            size=self.size,
            start=self.start,
            metadata=self.metadata,
            persons=MappingProxyType(persons),
        )


@dataclass(frozen=True, eq=False)
class Comparison:
    """Outcomes of several policies over runs, paired by household and run.

    Made by :meth:`ExperimentResults.to_comparison` (and so by
    :func:`~collective_econ.runs.comparison.compare`): the household panels of
    the runs kept, for the plots, and the results they came from, for the
    headline table. Its "replications" are those runs: with several samples of
    the inputs, each (sample, replication) in turn, common seeds across policies.

    Attributes
    ----------
    policies : tuple of str
        Policy names (axis 0 of every array).
    years : ndarray, shape (years,)
        Calendar years.
    per_capita : ndarray, shape (policies, replications, years, households)
        Per-capita income of each landless household, yuan/person/yr.
    baseline : ndarray, shape (households,)
        Each landless household's pre-expropriation per-capita income.
    size : ndarray, shape (households,)
        Household sizes at month 0 (the taking): the weights of ``baseline``.
    persons : ndarray, shape (policies, replications, years, households)
        Mean persons present in each household each year (births, deaths and
        migration change it): the weights of every per-person statistic of that
        year; 0, so left out, for a household with nobody present.
    start : ndarray, shape (households,)
        Year index in which each household loses its land.
    by_source : ndarray, shape (policies, replications, years, sources)
        Income of the landless households by source, yuan/yr.
    stakeholders : ndarray, shape (policies, replications, years, groups)
        Net flows per stakeholder group, yuan/yr.
    events : int
        SimPy events of all these runs.
    results : ExperimentResults
        The same runs as an experiment's results (one sample; the replications
        above, in order): :meth:`table` is their :meth:`ExperimentResults.headline`.
    """

    policies: tuple[str, ...]
    years: NDArray[np.int64]
    per_capita: Floats
    baseline: Floats
    size: Floats
    persons: Floats
    start: Floats
    by_source: Floats
    stakeholders: Floats
    events: int
    results: ExperimentResults = field(repr=False)

    @property
    def replications(self) -> int:
        """Runs per policy (replications, or samples x replications)."""
        return int(self.per_capita.shape[1])

    def index(self, policy: str) -> int:
        """Axis-0 position of a policy."""
        return self.policies.index(policy)

    # -- distributions over time -----------------------------------------------------------
    def fan(self, quantiles: Sequence[float] = (0.05, 0.5, 0.95)) -> Floats:
        """Person-weighted quantiles of per-capita income each year.

        Pooled over replications: shape (policies, len(quantiles), years).
        """
        p, r, y, h = self.per_capita.shape
        x = np.moveaxis(self.per_capita, 2, 1).reshape(p, y, r * h)
        w = np.moveaxis(self.persons, 2, 1).reshape(p, y, r * h)  # persons present that year
        q = metrics.weighted_quantile(x, np.asarray(quantiles), weights=w, axis=-1)
        return np.moveaxis(np.asarray(q), 0, -2) if np.ndim(q) == 3 else np.asarray(q)

    def poverty(self, line: float = NATIONAL_RURAL_POVERTY_LINE, alpha: int = 0) -> Floats:
        """FGT index of the landless each year: shape (policies, replications, years).

        At the national line with ``alpha`` 0 or 1, the runs' recorded outcomes
        (``poverty_headcount``, ``poverty_gap``: persons present each year as
        weights), so that charts and tables agree; other lines or alphas are
        computed from the panels weighted the same way (:attr:`persons`).
        """
        if line == NATIONAL_RURAL_POVERTY_LINE and alpha in (0, 1):
            name = "poverty_headcount" if alpha == 0 else "poverty_gap"
            x = self.results.outcomes[name]  # (policies, samples, reps, years): runs flat
            return np.asarray(x.reshape(x.shape[0], -1, x.shape[-1]), dtype=np.float64)
        return np.asarray(metrics.fgt(self.per_capita, line, alpha, weights=self.persons, axis=-1))

    def gini(self) -> Floats:
        """Gini of per-capita income among the landless: (policies, replications, years).

        The runs' recorded ``gini`` outcome (persons present each year as weights).
        """
        x = self.results.outcomes["gini"]
        return np.asarray(x.reshape(x.shape[0], -1, x.shape[-1]), dtype=np.float64)

    def restoration(self) -> metrics.Restoration:
        """Restoration of pre-expropriation income (shares by year, years to restore)."""
        return metrics.restoration(self.per_capita, self.baseline, start=self.start)

    def restored_within(self, years: float = 5) -> Floats:
        """Share restored within ``years`` of losing land: (policies, replications)."""
        return np.asarray(
            metrics.share_restored_within(self.restoration().years_to_restore, years)
        )

    def source_shares(self) -> Floats:
        """Mean share of each income source over the horizon: (policies, sources)."""
        total = self.by_source.sum(axis=(1, 2))
        return np.asarray(total / total.sum(axis=-1, keepdims=True), dtype=np.float64)

    def winners_losers(
        self, a: str, b: str, *, year: int | None = None, tolerance: float = 0.0
    ) -> metrics.WinnersLosers:
        """Share of landless households better off under ``a`` than ``b`` (paired).

        Compared on mean per-capita income over the horizon, or in one year
        index ``year`` among the households with someone present that year.
        """
        xa, xb = self.per_capita[self.index(a)], self.per_capita[self.index(b)]
        if year is None:
            return metrics.winners_losers(xa.mean(axis=1), xb.mean(axis=1), tolerance=tolerance)
        here = (self.persons[[self.index(a), self.index(b)], :, year] > 0).all(axis=0)
        return metrics.winners_losers(xa[:, year], xb[:, year], tolerance=tolerance, weights=here)

    def stakeholder_npv(self, rate: float | DiscountRates | None = None) -> Floats:
        """NPV of each stakeholder group's net flows at its rate: (policies, runs, groups)."""
        flows = np.moveaxis(self.stakeholders, 2, -1)  # (p, r, groups, years)
        return stakeholder_npv(flows, STAKEHOLDER_GROUPS, rate)

    # -- tables ------------------------------------------------------------------------------
    def table(self, baseline: str | None = None) -> list[dict[str, Any]]:
        """One row per policy: :meth:`ExperimentResults.headline` of these runs.

        Parameters
        ----------
        baseline : str, optional
            Policy compared against (the first by default).

        Returns
        -------
        list of dict
            Keys ``policy``, ``income_first``, ``income_fifth``, ``income_last``
            (yuan/person/yr), ``restored_5y``, ``poverty_last``, ``gini_last``,
            ``better``, ``better_low``, ``better_high`` (shares, 0-1; NaN for
            the baseline's row) and ``extra_fiscal_cost_npv`` (yuan).
        """
        return self.results.headline(baseline)

    def format_table(self, baseline: str | None = None) -> str:
        """:meth:`table` as text for the terminal: :meth:`ExperimentResults.format_headline`."""
        return self.results.format_headline(baseline)

    def write_csv(self, folder: str | Path) -> list[Path]:
        """Write the comparison's tables as CSV files; returns their paths."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = [_write_rows(out / "comparison.csv", self.table())]
        # per person present each year, as the runs' outcomes (replications averaged)
        fan, poor = self.fan(), self.poverty().mean(axis=1)
        mean, by_source = self.results.mean("mean_income"), self.results.mean("income_by_source")
        sources = [s.name.lower() for s in INCOME_SOURCES]
        grid = _grid(self.policies, self.years)
        over_time = [
            {"policy": p, "year": int(yr), "p5": fan[i, 0, t], "median": fan[i, 1, t],
             "p95": fan[i, 2, t], "mean": float(mean[i, t]), "poverty_headcount": poor[i, t]}
            for (i, p), (t, yr) in grid
        ]  # fmt: skip
        written.append(_write_rows(out / "income_over_time.csv", over_time))
        rows = [{"policy": p, "year": int(yr), **dict(zip(sources, by_source[i, t].tolist(),
                 strict=True))} for (i, p), (t, yr) in grid]  # fmt: skip
        written.append(_write_rows(out / "income_by_source.csv", rows))
        npv_ = self.stakeholder_npv().mean(axis=1)
        npvs = [{"policy": p, **dict(zip(STAKEHOLDER_GROUPS, npv_[i].tolist(), strict=True))}
                for i, p in enumerate(self.policies)]  # fmt: skip
        written.append(_write_rows(out / "stakeholders.csv", npvs))
        return written


def _write_rows(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    fields = list(rows[0])
    with atomic_open(path) as fh:
        write_csv_rows(fh, fields, ([row.get(k, "") for k in fields] for row in rows))
    return path


def _grid(
    policies: Sequence[str], years: NDArray[np.int64]
) -> list[tuple[tuple[int, str], tuple[int, Any]]]:
    return [((i, p), (t, y)) for i, p in enumerate(policies) for t, y in enumerate(years)]


def _write(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    with atomic_open(path) as fh:
        write_csv_rows(fh, header, ([_blank(v) for v in row] for row in rows))
    return path


def _blank(value: Any) -> Any:
    """A cell of the results' tables: an undefined figure (NaN) as an empty cell.

    A measure that does not apply to a run (``business_survival`` without a business
    scheme) is left empty, never written ``nan``.
    """
    if isinstance(value, float | np.floating) and math.isnan(value):
        return ""
    return value


def load_results(
    store: ResultStore, replications: int | None = None, metadata: Mapping[str, Any] | None = None
) -> ExperimentResults:
    """Assemble replications ``0 .. replications - 1`` of an experiment from its store.

    ``replications`` defaults to the count recorded when the experiment
    completed. Every run must be present and verify (checksum, shapes).
    """
    meta = store.meta()
    if replications is None:
        if meta.get("status") != "complete":
            raise StoreError(f"the experiment in {store.path} is not complete: resume it")
        replications = int(meta["replications"])
    policies, inputs = tuple(json.loads(meta["policies"])), tuple(json.loads(meta["inputs"]))
    years = np.asarray(json.loads(meta["years"]), dtype=np.int64)
    p, s, r, y = len(policies), int(meta["samples"]), replications, len(years)
    baseline = store.array("baseline")
    kept = tuple(json.loads(meta.get("outcomes", "[]")))  # ExperimentSpec.outcomes; () all
    names = kept or tuple(OUTCOMES)
    outcomes = {n: np.empty((p, s, r, *OUTCOMES[n].shape(y))) for n in names}
    household_mean = np.empty((p, s, r, 0 if kept else baseline.shape[0]))
    events, seen = np.zeros((p, s, r), dtype=np.int64), np.zeros((p, s, r), dtype=bool)
    panels: dict[RunId, Floats] = {}
    persons: dict[RunId, Floats] = {}
    for key, payload in store.payloads():
        if key >= p * s * r:
            continue
        run, record = RunId(key % p, key // p % s, key // (p * s)), decode_record(payload)
        if "panel" in record and "persons" not in record:  # weights unknown: refuse, not guess
            raise StoreError(_NO_PERSONS.format(key=key, path=store.path))
        try:
            check_record(record, y, baseline.shape[0], "panel" in record, kept)
        except ValueError as err:
            raise StoreError(f"run {key} is corrupt ({err}): resume the experiment") from err
        for n in names:
            outcomes[n][run] = record[n]
        if not kept:
            household_mean[run] = record["household_mean"]
        events[run], seen[run] = record["events"], True
        if "panel" in record:
            panels[run] = np.asarray(record["panel"], dtype=np.float64)
            persons[run] = np.asarray(record["persons"], dtype=np.float64)
    if not seen.all():
        missing = int((~seen).sum())
        raise StoreError(f"{missing} of {seen.size} runs are missing: resume the experiment")
    return ExperimentResults(
        policies=policies,
        years=years,
        inputs=inputs,
        design=store.array("design").reshape(s, len(inputs)),
        outcomes=MappingProxyType(outcomes),
        household_mean=household_mean,
        events=events,
        panels=MappingProxyType(panels),
        baseline=baseline,
        size=store.array("size"),
        start=store.array("start"),
        metadata=MappingProxyType(dict(metadata or {})),
        persons=MappingProxyType(persons),
    )


_NO_PERSONS = "run {key} of {path} keeps an income panel without the persons present each \
year (written before populations changed): rerun the experiment into a new output folder"
