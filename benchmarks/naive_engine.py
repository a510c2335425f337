"""A naive engine for the "80% shares" policy: one SimPy process per household.

This is the design that design.md ("The simulation, and why it is fast")
argues against, written out so that the benchmark can measure what the
scheme-level design saves. Every household gets its own SimPy process, which
wakes every month and runs plain Python on scalars for that household only:

- the household economy of :mod:`collective_econ.economy.livelihood`: farming until
  the household's expropriation month; a two-state Markov chain of work for
  each member who is or becomes of working age (16-59) during the run, with
  the same :class:`~collective_econ.economy.livelihood.LivelihoodParams`; pensions
  from 60; a year older each January; deposit interest on savings, interest
  on debt, and spending of the mean income of the last 12 months plus the
  drawdown of savings (or less the repayment of debt);
- the land-for-shares scheme's per-household events
  (:mod:`collective_econ.schemes.land_shares`): at the household's
  expropriation month, compensation for all its land and members, split into
  shares and cash, and the house-for-house swap (the developer's 1:1 area and
  the government's subsidy in, the whole construction out); each December,
  from the first calendar year after the swap, rent and a dividend on the
  shares at the *mean paid rate* :func:`~collective_econ.schemes.land_shares.mean_paid_rate`.

Left out, on purpose: the developer's default and the yearly dividend-rate
draws (scheme-level events, not per-household ones: compare against the
vectorised engine with ``default_prob=0`` and ``dividend_rate_sd=0``, where
its dividend rule is the same), the collectives' payouts (zero under this
policy: the collectives own no project) and the ledger of institutions.

Random numbers: scalar draws (``Generator.random()``) from one
:class:`numpy.random.Generator`, in the order the processes run; only members
who can work draw. Same seed, same result; but not the vectorised engine's
numbers, whose draws come in another order: the two agree in distribution.

Examples
--------
>>> import numpy as np
>>> from collective_econ.economy.community import CommunityParams, synthesize
>>> c = synthesize(CommunityParams(residents=300, agricultural_residents=100),
...                np.random.default_rng(1))
>>> run = simulate_naive(c, horizon_months=24, seed=1)
>>> run.income.shape == (2, c.n_households)
True
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from collective_econ.economy.community import Community
from collective_econ.economy.livelihood import AGE_BANDS, LivelihoodParams
from collective_econ.schemes.land_shares import (
    LandSharesParams,
    compensation,
    house_swap,
    mean_paid_rate,
    split_compensation,
)

__all__ = ["NaiveResult", "simulate_naive"]


@dataclass(frozen=True, eq=False)
class NaiveResult:
    """What a naive run records.

    Attributes
    ----------
    community : Community
        The households of the run.
    income : ndarray, shape (years, households)
        Income of each household by year (all income sources: farming, wages,
        dividends, rent, net interest, pensions), yuan.
    balance : ndarray, shape (households,)
        Each household's money at the end (cash and deposits less debt), yuan.
    events : int
        SimPy events processed.
    """

    community: Community
    income: NDArray[np.float64]
    balance: NDArray[np.float64]
    events: int

    def per_capita_income(self, landless_only: bool = True) -> NDArray[np.float64]:
        """Per-capita income by year: shape (years, households), yuan/person/yr."""
        income = self.income / self.community.size
        if landless_only:
            income = income[:, self.community.landless_target]
        return np.asarray(income, dtype=np.float64)


@dataclass(frozen=True)
class _Rules:
    """Scalars every household process reads (a plain record, filled once per run)."""

    months: int
    years: int
    livelihood: LivelihoodParams
    shares: LandSharesParams
    leave: float
    casual_wage: float
    monthly_deposit: float
    monthly_debt: float
    draw: float
    repay: float
    paid_rate: float


def _share(p: LivelihoodParams, age: int, agricultural: bool, landless: bool) -> float:
    """Stationary share of months in work of one person (0 outside working age)."""
    for (lo, hi), by_age in zip(AGE_BANDS, p.employment_by_age, strict=True):
        if lo <= age <= hi:
            if not agricultural:
                return p.urban_employment
            return by_age if landless else p.offfarm_work_before
    return 0.0


def _pension(p: LivelihoodParams, age: int, agricultural: bool) -> float:
    """Monthly pension of one person (0 below 60), yuan."""
    if age < 60:
        return 0.0
    return p.rural_pension_month if agricultural else p.urban_pension_month


def _household(
    env: simpy.Environment,
    rules: _Rules,
    rng: np.random.Generator,
    size: int,
    agricultural: bool,
    land_mu: float,
    expropriated: int,
    ages: list[int],
    wages: list[float],
    worker_ages: list[int],
    income: list[float],
    balance: list[float],
    slot: int,
) -> Generator[simpy.Event, Any, None]:
    """One household's life, month by month: its own SimPy process."""
    p, s = rules.livelihood, rules.shares
    farm_month = land_mu * p.farm_net_income_per_mu / 12.0
    n_workers = len(worker_ages)
    working = [False] * n_workers
    before = [0.0] * n_workers
    after = [0.0] * n_workers
    recent = [0.0] * 12  # the last 12 months' income
    money = 0.0
    held = 0.0  # share capital, yuan
    rent = 0.0  # yearly rent from surplus floor area, yuan
    swapped = rules.months  # month of the house swap (never, by default)
    pension = 0.0
    for month in range(rules.months):
        if month % 12 == 0:  # each January: a year older
            years = month // 12
            for i in range(n_workers):
                age = worker_ages[i] + years
                before[i] = _share(p, age, agricultural, False)
                after[i] = _share(p, age, agricultural, True)
            pension = sum(_pension(p, a + years, agricultural) for a in ages)
            if month == 0:
                for i in range(n_workers):
                    working[i] = before[i] > 0.0 and rng.random() < before[i]
        growth = (1.0 + p.real_wage_growth) ** (month / 12.0)
        landless = 0 <= expropriated <= month
        earned = pension
        if land_mu > 0.0 and not landless:
            earned += farm_month
        for i in range(n_workers):
            share = after[i] if landless else before[i]
            if share <= 0.0:
                working[i] = False
                continue
            u = rng.random()
            if working[i]:
                working[i] = u >= rules.leave
            else:
                working[i] = u < min(1.0, rules.leave * share / max(1.0 - share, 1e-12))
            if working[i]:
                earned += wages[i] * growth
        if month == expropriated:  # land-for-shares: compensation, shares, house swap
            comp = float(compensation(s, land_mu, size)["total"])
            held = float(split_compensation(s, comp)[0])
            swap = house_swap(s, size)
            money += comp - held + float(swap["developer"]) + float(swap["subsidy"])
            money -= float(swap["construction"])
            rent = float(swap["rent"])
            swapped = month
        if month % 12 == 11 and swapped < 12 * (month // 12):  # December, after the swap year
            earned += held * rules.paid_rate + rent
        money += earned
        # savings: interest on deposits or on debt, then spending
        capital = money - earned
        interest = capital * (rules.monthly_deposit if capital > 0.0 else rules.monthly_debt)
        money += interest
        earned += interest
        recent[month % 12] = earned
        spend = sum(recent) / min(month + 1, 12)
        spend += (rules.draw if capital > 0.0 else rules.repay) * capital
        if spend > 0.0:
            money -= spend
        income[min(month // 12, rules.years - 1)] += earned
        yield env.timeout(1)
    balance[slot] = money


def simulate_naive(
    community: Community,
    *,
    livelihood: LivelihoodParams | None = None,
    shares: LandSharesParams | None = None,
    horizon_months: int = 240,
    seed: int = 0,
) -> NaiveResult:
    """Run the "80% shares" household economy with one SimPy process per household.

    Parameters
    ----------
    community : Community
        The households (from :func:`collective_econ.economy.community.synthesize`).
    livelihood : LivelihoodParams, optional
        The household economy's rules (defaults).
    shares : LandSharesParams, optional
        The land-for-shares scheme (defaults: 80% shares).
    horizon_months : int
        Months to simulate.
    seed : int
        Seed of the one Generator all households draw from.

    Returns
    -------
    NaiveResult
    """
    p = livelihood if livelihood is not None else LivelihoodParams()
    s = shares if shares is not None else LandSharesParams()
    if horizon_months < 1:
        raise ValueError(f"horizon_months must be >= 1, got {horizon_months}")
    years = -(-horizon_months // 12)
    rules = _Rules(
        months=horizon_months,
        years=years,
        livelihood=p,
        shares=s,
        leave=1.0 / p.work_spell_months,
        casual_wage=p.casual_wage_month * p.casual_days_share,
        monthly_deposit=p.deposit_rate / 12.0,
        monthly_debt=p.debt_rate / 12.0,  # on capital < 0: a negative income
        draw=1.0 - (1.0 - p.spend_down_rate) ** (1.0 / 12.0),
        repay=1.0 / (12.0 * p.debt_repayment_years),
        paid_rate=mean_paid_rate(s),
    )
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    h = community.n_households
    members: list[list[int]] = [[] for _ in range(h)]
    for person, household in enumerate(community.person_household.tolist()):
        members[household].append(person)
    age, skill = community.age.tolist(), community.skill.tolist()
    agricultural = community.agricultural.tolist()
    income = [[0.0] * years for _ in range(h)]
    balance = [0.0] * h
    for hh, (size, land, taken) in enumerate(
        zip(
            community.size.tolist(),
            community.land_mu.tolist(),
            community.expropriation_month.tolist(),
            strict=True,
        )
    ):
        agri = agricultural[hh]
        # members who are, or become, of working age during the run look for work
        workers = [i for i in members[hh] if age[i] + years >= 16 and age[i] <= 59]
        wages = [
            rules.casual_wage
            if agri
            else p.urban_wage_month * float(np.exp(p.skill_wage_elasticity * skill[i]))
            for i in workers
        ]
        env.process(
            _household(
                env,
                rules,
                rng,
                size,
                agri,
                land,
                taken,
                [age[i] for i in members[hh]],
                wages,
                [age[i] for i in workers],
                income[hh],
                balance,
                hh,
            )
        )
    events = 0
    while env.peek() <= horizon_months:  # to the last household's end
        env.step()
        events += 1
    return NaiveResult(
        community=community,
        income=np.asarray(income, dtype=np.float64).T.copy(),
        balance=np.asarray(balance, dtype=np.float64),
        events=events,
    )
