"""Comparing policies: run them side by side with common random numbers, and reduce.

:func:`compare` runs every policy of a scenario for a number of replications.
Replication ``r`` of every policy uses the same seed (the child keyed
``("replication", r)``), so each household, each job-market draw and each
shared scheme's prices and shocks are the same under every policy (common
random numbers) and differences between policies are paired.

Each run is reduced at once to a :class:`RunSummary` (per-capita incomes of
the landless households by year, income by source, stakeholders' net flows),
so memory does not grow with the size of the community's records.

Examples
--------
>>> from collective_econ.cases.caopijie import default_scenario
>>> cmp = compare(default_scenario(), replications=2, seed=1, horizon_years=3,
...               policies=["cash only", "80% shares"])
>>> cmp.per_capita.shape[:3]
(2, 2, 3)
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .. import metrics
from ..economy.community import synthesize
from ..economy.ledger import INCOME_SOURCES
from ..errors import ParameterError
from ..finance import DEFAULT_DISCOUNT_RATE, npv
from ..metrics.lines import NATIONAL_RURAL_POVERTY_LINE
from ..scenario import Scenario
from ..seeding import SeedLike, as_seed_sequence, child, stream
from ..simulation import simulate
from .outcomes import STAKEHOLDER_GROUPS, RunSummary, summarize

__all__ = ["Comparison", "compare"]

Floats = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Comparison:
    """Outcomes of several policies over replications, paired by household and replication.

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
        Household sizes (weights for person-level measures).
    start : ndarray, shape (households,)
        Year index in which each household loses its land.
    by_source : ndarray, shape (policies, replications, years, sources)
        Income of the landless households by source, yuan/yr.
    stakeholders : ndarray, shape (policies, replications, years, groups)
        Net flows per stakeholder group, yuan/yr.
    """

    policies: tuple[str, ...]
    years: NDArray[np.int64]
    per_capita: Floats
    baseline: Floats
    size: Floats
    start: Floats
    by_source: Floats
    stakeholders: Floats
    events: int

    @property
    def replications(self) -> int:
        """Replications per policy."""
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
        w = np.broadcast_to(np.tile(self.size, r), x.shape)
        q = metrics.weighted_quantile(x, np.asarray(quantiles), weights=w, axis=-1)
        return np.moveaxis(np.asarray(q), 0, -2) if np.ndim(q) == 3 else np.asarray(q)

    def poverty(self, line: float = NATIONAL_RURAL_POVERTY_LINE, alpha: int = 0) -> Floats:
        """FGT index of the landless each year: shape (policies, replications, years)."""
        w = np.broadcast_to(self.size, self.per_capita.shape)
        return np.asarray(metrics.fgt(self.per_capita, line, alpha, weights=w, axis=-1))

    def gini(self) -> Floats:
        """Gini of per-capita income among the landless: (policies, replications, years)."""
        w = np.broadcast_to(self.size, self.per_capita.shape)
        return np.asarray(metrics.gini(self.per_capita, weights=w, axis=-1))

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
        index ``year``.
        """
        xa = self.per_capita[self.index(a)]
        xb = self.per_capita[self.index(b)]
        if year is None:
            xa, xb = xa.mean(axis=1), xb.mean(axis=1)
        else:
            xa, xb = xa[:, year], xb[:, year]
        return metrics.winners_losers(xa, xb, tolerance=tolerance)

    def stakeholder_npv(self, rate: float = DEFAULT_DISCOUNT_RATE) -> Floats:
        """NPV of each stakeholder group's net flows: (policies, replications, groups)."""
        flows = np.moveaxis(self.stakeholders, 2, -1)  # (p, r, groups, years)
        return np.asarray(npv(rate, flows))

    # -- tables ------------------------------------------------------------------------------
    def table(self, baseline: str | None = None) -> list[dict[str, Any]]:
        """One row per policy: the headline outcomes (means over replications)."""
        base = baseline or self.policies[0]
        restored = self.restored_within(5)
        poverty = self.poverty()
        gini = self.gini()
        pc_mean = self.per_capita.mean(axis=(1, 3))  # (policies, years)
        government = self.stakeholder_npv()[..., STAKEHOLDER_GROUPS.index("government")]
        # the extra fiscal cost against the baseline policy, paired by replication:
        # pensions and other costs common to every policy cancel out
        fiscal = government[self.index(base)] - government
        rows: list[dict[str, Any]] = []
        for i, name in enumerate(self.policies):
            wl = self.winners_losers(name, base)
            rows.append(
                {
                    "policy": name,
                    "income_y1": float(pc_mean[i, 0]),
                    "income_y5": float(pc_mean[i, min(4, pc_mean.shape[1] - 1)]),
                    "income_last": float(pc_mean[i, -1]),
                    "restored_5y": float(restored[i].mean()),
                    "poverty_last": float(poverty[i, :, -1].mean()),
                    "gini_last": float(gini[i, :, -1].mean()),
                    "better_than_base": wl.better,
                    "better_lo": wl.better_ci[0],
                    "better_hi": wl.better_ci[1],
                    "extra_fiscal_cost_npv": float(fiscal[i].mean()),
                }
            )
        return rows

    def format_table(self, baseline: str | None = None) -> str:
        """The comparison table as text for the terminal."""
        base = baseline or self.policies[0]
        rows = self.table(base)
        y = self.years
        head = (
            f"{'policy':<38}{'yuan/person ' + str(y[0]):>17}{y[min(4, len(y) - 1)]!s:>8}"
            f"{y[-1]!s:>8}{'restored<=5y':>13}{'poor ' + str(y[-1]):>10}"
            f"{'Gini':>6}{'better vs ' + base[:12]:>24}{'extra fiscal':>13}"
        )
        lines = [head, "-" * len(head)]
        for r in rows:
            ci = (
                "(baseline)"
                if r["policy"] == base
                else f"{r['better_than_base']:.0%} ({r['better_lo']:.0%}-{r['better_hi']:.0%})"
            )
            lines.append(
                f"{r['policy']!s:<38}{r['income_y1']:>17,.0f}{r['income_y5']:>8,.0f}"
                f"{r['income_last']:>8,.0f}{r['restored_5y']:>13.0%}{r['poverty_last']:>10.1%}"
                f"{r['gini_last']:>6.2f}{ci:>24}{r['extra_fiscal_cost_npv'] / 1e6:>11.1f} M"
            )
        return "\n".join(lines)

    def write_csv(self, folder: str | Path) -> list[Path]:
        """Write the comparison's tables as CSV files; returns their paths."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = [_write(out / "comparison.csv", self.table())]
        fan = self.fan()
        written.append(
            _write(
                out / "income_over_time.csv",
                [
                    {
                        "policy": p,
                        "year": int(yr),
                        "p5": fan[i, 0, t],
                        "median": fan[i, 1, t],
                        "p95": fan[i, 2, t],
                        "mean": float(self.per_capita[i, :, t].mean()),
                        "poverty_headcount": float(self.poverty()[i, :, t].mean()),
                    }
                    for i, p in enumerate(self.policies)
                    for t, yr in enumerate(self.years)
                ],
            )
        )
        sources = [s.name.lower() for s in INCOME_SOURCES]
        persons = self.size.sum()
        written.append(
            _write(
                out / "income_by_source.csv",
                [
                    {
                        "policy": p,
                        "year": int(yr),
                        **{
                            s: float(self.by_source[i, :, t, k].mean() / persons)
                            for k, s in enumerate(sources)
                        },
                    }
                    for i, p in enumerate(self.policies)
                    for t, yr in enumerate(self.years)
                ],
            )
        )
        npv_ = self.stakeholder_npv().mean(axis=1)
        written.append(
            _write(
                out / "stakeholders.csv",
                [
                    {
                        "policy": p,
                        **{g: float(npv_[i, j]) for j, g in enumerate(STAKEHOLDER_GROUPS)},
                    }
                    for i, p in enumerate(self.policies)
                ],
            )
        )
        return written


def _write(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: repr(float(v)) if isinstance(v, float | np.floating) else v
                    for k, v in row.items()
                }
            )
    return path


def compare(
    scenario: Scenario,
    policies: Iterable[str] | None = None,
    *,
    replications: int = 20,
    seed: SeedLike = 2010,
    horizon_years: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Comparison:
    """Run policies side by side with common random numbers and reduce the results.

    Parameters
    ----------
    scenario : Scenario
        The community and its policies.
    policies : iterable of str, optional
        Names of the policies to compare (all of the scenario's by default).
    replications : int, default 20
        Runs per policy; replication ``r`` uses the same seed under every policy.
    seed : int, SeedSequence, Generator or None, default 2010
        Root seed.
    horizon_years : int, optional
        Years to simulate (the scenario's by default).
    progress : callable, optional
        Called with 1 after each run (e.g. a tqdm bar's ``update``).

    Returns
    -------
    Comparison
    """
    names = tuple(scenario.policy_names if policies is None else policies)
    pols = [scenario.policy(n) for n in names]
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise ParameterError("replications", "a whole number >= 1", replications)
    root = as_seed_sequence(seed)
    community = synthesize(scenario.community, stream(root, "community"), scenario.livelihood)
    summaries: list[list[RunSummary]] = [[] for _ in pols]
    events = 0
    years = np.zeros(0, dtype=np.int64)
    for r in range(replications):
        run_seed = child(root, "replication", r)
        for i, pol in enumerate(pols):
            run = simulate(
                scenario, pol, seed=run_seed, horizon_years=horizon_years, community=community
            )
            summaries[i].append(summarize(run))
            events += run.events
            years = run.years
            if progress is not None:
                progress(1)
    landless = community.landless_target
    return Comparison(
        policies=names,
        years=years,
        per_capita=np.stack([np.stack([s.per_capita for s in row]) for row in summaries]),
        baseline=community.baseline_per_capita[landless],
        size=community.size[landless].astype(np.float64),
        start=(np.maximum(community.expropriation_month[landless], 0) // 12).astype(np.float64),
        by_source=np.stack([np.stack([s.by_source for s in row]) for row in summaries]),
        stakeholders=np.stack([np.stack([s.stakeholders for s in row]) for row in summaries]),
        events=events,
    )
