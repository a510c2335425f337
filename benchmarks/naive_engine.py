"""A naive engine for the "80% shares" policy: one SimPy process per household.

This is the design that design.md ("The simulation, and why it is fast")
argues against, written out so that the benchmark can measure what the
scheme-level design saves. Every household gets its own SimPy process, which
wakes every month and runs plain Python on scalars for that household only,
calling the library's pure functions where the vectorised engine does, so the
formulas are shared:

- the household economy of :mod:`collective_econ.economy.livelihood` (as
  :mod:`collective_econ.economy.households` runs it): farming and the rent of
  the old house (:func:`old_house_rent`) until the household's expropriation
  month; a two-state Markov chain of work for each member who is or becomes
  of working age (16-59) during the run, with the
  same :class:`~collective_econ.economy.livelihood.LivelihoodParams`; pensions
  from 60 (indexed by ``pension_indexation``); a year older each January; wages
  growing with the price index's real wage level. Savings and credit each month
  (real terms, as the vectorised engine): deposits earn the real rate
  (``deposit_rate`` less the month's inflation) and the line is deflated; the
  household spends ``1 - saving_rate`` of its mean income of the last 12 months
  plus the drawdown of its savings (``spend_down_rate``), within its cash and a
  revolving credit line (``debt_rate``, a minimum repayment of what it owes over
  ``debt_repayment_years``, drawn up to ``credit_limit_income`` x its usual
  yearly income; surplus cash repays it; arrears, and default after the bank's
  ``default_after`` months in a row, when the line is written off and closed);
- the land-for-shares scheme's per-household events
  (:mod:`collective_econ.schemes.land_shares`): at the household's
  expropriation month, compensation by law (:func:`compensation`: the county
  pays; the land fee goes to the resident group's collective, which passes
  ``pass_through_share`` of it on; resettlement, young crops and attachments
  go to the household); the money's uses in order (:func:`uses_of_compensation`:
  the swap's top-up, shares, the extra area the cash left pays for, the rest
  kept) and the house-for-house swap (the developer's 1:1 area and the
  government's subsidy in, the whole construction out); each month from the
  wave the transitional allowance until the flat's delivery
  (``construction_lag_years`` later; compensation: cash, not income), then
  rent on the let floor at the town's let stock
  (:mod:`collective_econ.schemes._housing`); each December, from
  the first calendar year after the wave, the developer's dividend (the guaranteed floor while
  building, then :func:`dividend` at the year's rate times :func:`cycle`, cut
  to the project's cash in distress); recovery on a default; the shares still
  held redeemed at par in the run's last December;
- the collectives' December payouts of their operating surplus (the reserved
  land's rent; the land fee they keep is capital, held as cash but never paid
  out as profit, :data:`~collective_econ.economy.collective.CAPITAL_SOURCES`), under the
  policy's payout rule (:func:`~collective_econ.economy.collective.payout_ratios`:
  the member households' vote on their income of the year), per person to
  member households, from the collective's cash.

Two pieces are scheme-level, not per-household, and are computed once per run
outside the processes: the developer's project (``_Developer``: one path for
all waves, its yearly rate and default draws from a second generator seeded
from ``seed``) and the collectives' payouts (``_Collectives``: decided by the
first household to reach a December's savings step, when every household has
had the month's income; each household's savings step therefore runs at its
next wake-up). Left out: the ledger of institutions and the other schemes.

Random numbers: scalar draws (``Generator.random()``) from one
:class:`numpy.random.Generator`, in the order the processes run; only members
who can work draw. Same seed, same result; but not the vectorised engine's
numbers, whose draws come in another order: the two agree in distribution, and
household by household when nobody works and the developer's path is certain
(``default_prob=0``, ``dividend_rate_sd=0``, no distress).

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

import inspect
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from collective_econ.economy.collective import PayoutRule, payout_ratios
from collective_econ.economy.community import Community
from collective_econ.economy.credit import LoanBook
from collective_econ.economy.livelihood import AGE_BANDS, LivelihoodParams, old_house_rent
from collective_econ.prices import PriceIndex, indexation_factor
from collective_econ.schemes._housing import (
    allowance_month,
    delivery_lag_months,
    let_floor,
    swap_rent_month,
)
from collective_econ.schemes.land_shares import (
    LandSharesParams,
    compensation,
    cycle,
    dividend,
    dividend_rate_at,
    reserved_land_rent,
    uses_of_compensation,
)

__all__ = ["NaiveResult", "simulate_naive"]

_DEFAULT_AFTER = inspect.signature(LoanBook).parameters["default_after"].default
"""Months in arrears in a row before a credit line defaults (the bank's default)."""


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
    peak_debt : ndarray, shape (households,)
        The most each household owed on its credit line at any month's end, yuan.
    events : int
        SimPy events processed.
    """

    community: Community
    income: NDArray[np.float64]
    balance: NDArray[np.float64]
    peak_debt: NDArray[np.float64]
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
    payout: PayoutRule
    leave: float
    casual_wage: float
    deposit: float
    inflation: list[float]  # each month's general inflation (World.inflation_month)
    level: list[float]  # each month's yearly price level (land shares' nominal books)
    wage_factor: list[float]  # each year's real wage level over year 0's
    pension_level: list[float]  # each year's pension level (pension_indexation)
    draw: float
    keep: float
    debt_monthly: float
    repay: float
    credit_multiple: float
    default_after: int
    last_december: int


class _Developer:
    """The developer's project, year by year: one path for all waves (scheme-level).

    Filled before the household processes run, by a scalar loop over the
    households' waves and the Decembers that mirrors the vectorised scheme (and
    the town's let stock of delivered swap flats by month, ``stock``): the
    share capital each wave subscribes (:func:`uses_of_compensation`, no shares
    after a default), the project's reserve, the declared dividends
    (:func:`dividend`, :func:`cycle`, :func:`dividend_rate_at`), distress (the
    dividends cut to the cash) and default. Households read ``rate``,
    ``scale``, ``dies`` and ``alive_before``.
    """

    def __init__(
        self,
        s: LandSharesParams,
        community: Community,
        months: int,
        rng: np.random.Generator,
        level: list[float],
    ) -> None:
        years = -(-months // 12)
        rate_u = rng.random(years)
        default_u = rng.random(years)
        self.rate = [float(dividend_rate_at(s, u)) for u in rate_u.tolist()]
        self.scale = [1.0] * years  # paid / declared of each December
        self.alive_before = [True] * years  # alive before the year's December
        self.dies = years  # the year of the default (never, by default)
        taken = community.expropriation_month.tolist()
        land, size = community.land_mu.tolist(), community.size.tolist()
        held = [0.0] * len(taken)
        self.stock = [0.0] * months  # let floor of the flats delivered by each month, m²
        lag = delivery_lag_months(s)
        waves = sorted({m for m in taken if 0 <= m < months})
        alive, cash = True, 0.0
        for month in sorted(set(waves) | set(range(11, months, 12))):
            year = month // 12
            self.alive_before[year] = alive
            for h in (h for h, m in enumerate(taken) if m == month):
                money = float(compensation(s, land[h], size[h])["to_households"])
                use = uses_of_compensation(s, money, size[h], buy_shares=alive)
                held[h] = float(use["shares"]) * level[month]  # nominal, at par
                cash += s.reserve_fraction * held[h]
                let = float(let_floor(s, float(use["new_m2"]), size[h]))
                for later in range(month + lag, months):
                    self.stock[later] += let
            if month % 12 != 11:
                continue
            profit = due = 0.0
            for h, m in enumerate(taken):
                if held[h] > 0.0 and 0 <= m < 12 * year:
                    since = year - m // 12
                    if since <= s.construction_years:
                        due += s.guaranteed_rate * held[h]
                    else:
                        rate = self.rate[year] * float(cycle(s, since - s.construction_years))
                        profit += held[h] * rate
                        due += float(dividend(s, held[h], rate, 1.0))
            avail = cash + profit
            distress = avail < due
            hazard = s.distress_default_prob if distress else s.default_prob
            if alive and year >= 1 and default_u[year] < hazard:
                alive, self.dies, cash = False, year, 0.0
                held = [0.0] * len(held)
            elif due > 0.0:
                self.scale[year] = avail / due if distress else 1.0
                cash = 0.0 if distress else avail - due
        self.alive_after = alive


class _Collectives:
    """The resident groups' collectives: their operating surplus, paid out each December.

    Each household process reports the land fee its collective keeps at its
    wave (cash, not in the payout base) and the reserved land's rent (the
    operating surplus, ``net``); the first household to reach a December's savings step (when every
    household has had that month's income) pays the December's payouts under
    the policy's :class:`~collective_econ.economy.collective.PayoutRule`, as
    :func:`~collective_econ.economy.collective.payout_ratios` decides them.
    """

    def __init__(self, community: Community, rule: PayoutRule, years: int) -> None:
        c = self.community = community
        self.rule = rule
        self.net = [[0.0] * c.n_groups for _ in range(years)]  # net income by year, group
        self.cash = [0.0] * c.n_groups
        self.paid: dict[int, list[float]] = {}  # by year: each household's payout
        self.group = c.group.tolist()
        self.size = c.size.tolist()
        self.member = c.member.tolist()
        self.baseline = c.baseline.tolist()

    def payouts(self, year: int, income: list[list[float]]) -> list[float]:
        """Each household's payout of December ``year`` (computed once), yuan."""
        if year in self.paid:
            return self.paid[year]
        c = self.community
        below = np.array([income[h][year] < self.baseline[h] for h in range(c.n_households)])
        ratios = payout_ratios(self.rule, below, c.group, c.member, c.n_groups).tolist()
        weight = [0.0] * c.n_groups
        for h in range(c.n_households):
            if self.member[h]:
                weight[self.group[h]] += self.size[h]
        share = [0.0] * c.n_groups
        for g in range(c.n_groups):
            pay = min(max(self.net[year][g], 0.0) * ratios[g], max(self.cash[g], 0.0))
            if pay > 0.0 and weight[g] > 0.0:
                self.cash[g] -= pay
                share[g] = pay / weight[g]
        out = [
            share[self.group[h]] * self.size[h] if self.member[h] else 0.0
            for h in range(c.n_households)
        ]
        self.paid[year] = out
        return out


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
    dev: _Developer,
    coll: _Collectives,
    rng: np.random.Generator,
    slot: int,
    person: tuple[int, bool, float, int, int],
    ages: list[int],
    wages: list[float],
    worker_ages: list[int],
    income: list[list[float]],
    balance: list[float],
    peak_debt: list[float],
) -> Generator[simpy.Event, Any, None]:
    """One household's life, month by month: its own SimPy process.

    Each month's income comes first; its savings step (interest, credit line,
    spending) waits for the next wake-up, when every household has had the
    month's income, so that a December's collective payout (decided by all
    member households' income of the year) comes before it.
    """
    size, agricultural, land_mu, expropriated, group = person
    p, s = rules.livelihood, rules.shares
    mine = income[slot]
    farm_month = land_mu * p.farm_net_income_per_mu / 12.0
    old_rent = float(old_house_rent(p, np.array(size), np.array(agricultural)))
    lag = delivery_lag_months(s)
    n_workers = len(worker_ages)
    working = [False] * n_workers
    before = [0.0] * n_workers
    after = [0.0] * n_workers
    recent = [0.0] * 12  # the last 12 months' income
    recent_sum = 0.0
    money = 0.0  # cash, >= 0
    owed = 0.0  # what the credit line owes (arrears included)
    arrears, defaulted = 0, False
    held = 0.0  # share capital, yuan
    floor = 0.0  # floor area built at the wave, m²
    swapped = rules.months  # month of the wave (never, by default)
    pension = 0.0
    earned = 0.0
    for month in range(rules.months + 1):
        if month > 0:  # the savings step of the month before
            last = month - 1
            if last % 12 == 11:  # the collective's December payout first
                got = coll.payouts(last // 12, income)[slot]
                money += got
                earned += got
                mine[last // 12] += got
            owed /= 1.0 + rules.inflation[last]  # LoanBook.deflate: the line is nominal
            capital = max(money - earned, 0.0)
            recent_sum += earned - recent[last % 12]
            recent[last % 12] = earned
            usual = recent_sum / min(last + 1, 12)
            spend = max(rules.keep * usual + rules.draw * capital, 0.0)
            interest = capital * (rules.deposit / (1.0 + rules.inflation[last]) - 1.0)
            repaid = 0.0
            if spend > money + interest or owed > 1e-9:  # the credit line (_CreditLines.month)
                due = owed * rules.repay
                interest -= owed * rules.debt_monthly
                cash = money + interest - due
                room = max(rules.credit_multiple * max(usual, 0.0) - owed + due, 0.0)
                if defaulted:
                    room = 0.0
                spend = min(spend, max(cash + room, 0.0))
                repaid = due + min(cash - spend, owed - due)
                owed -= repaid
                arrears = arrears + 1 if cash + room < 0.0 else 0
                peak_debt[slot] = max(peak_debt[slot], owed)
                if arrears >= rules.default_after:  # written off: no cash moves
                    defaulted, owed = True, 0.0
            money += interest - repaid - spend
            mine[min(last // 12, rules.years - 1)] += interest
        if month == rules.months:
            break
        if month % 12 == 0:  # each January: a year older
            years = month // 12
            for i in range(n_workers):
                age = worker_ages[i] + years
                before[i] = _share(p, age, agricultural, False)
                after[i] = _share(p, age, agricultural, True)
            pension = sum(_pension(p, a + years, agricultural) for a in ages)
            pension *= rules.pension_level[years]
            if month == 0:
                for i in range(n_workers):
                    working[i] = before[i] > 0.0 and rng.random() < before[i]
        growth = rules.wage_factor[month // 12]
        landless = 0 <= expropriated <= month
        earned = 0.0
        if land_mu > 0.0 and not landless:
            earned += farm_month
        if old_rent > 0.0 and not landless:  # until the wave demolishes the old house
            earned += old_rent
        earned += pension
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
        year = month // 12
        if month == expropriated:  # land-for-shares: compensation by law, its uses in order
            comp = compensation(s, land_mu, size)
            passed = float(comp["pass_through"])
            money += passed  # the land fee passed on by the collective
            money += float(comp["to_households"]) - passed  # the county's items
            # the land fee the collective keeps: capital (COMPENSATION), in its cash but not
            # in its payout base, which is operating surplus only (collective.CAPITAL_SOURCES)
            coll.cash[group] += float(comp["to_collective"])
            use = uses_of_compensation(
                s, float(comp["to_households"]), size, buy_shares=dev.alive_before[year]
            )
            held = float(use["shares"])
            money -= held
            money += float(use["developer"]) + float(use["subsidy"]) - float(use["construction"])
            floor = float(use["new_m2"])
            swapped = month
        if swapped <= month < swapped + lag:  # the transitional allowance until delivery
            money += float(allowance_month(s, size))  # compensation (capital), not income
        elif swapped + lag <= month and s.rent_on:  # rent on the delivered flat
            earned += float(swap_rent_month(s, floor, size, dev.stock[month]))
        if month % 12 == 11:  # December: the developer's dividends, rent, redemption
            # shares are nominal: worth the price level at the wave over today's
            real = rules.level[swapped] / rules.level[month] if swapped < month else 1.0
            if held > 0.0 and year == dev.dies:
                money += s.recovery_fraction * held * real  # recovered, not income
                held = 0.0
            elif held > 0.0 and swapped < 12 * year:
                since = year - swapped // 12
                if since <= s.construction_years:
                    due = s.guaranteed_rate * held
                else:
                    factor = float(cycle(s, since - s.construction_years))
                    due = float(dividend(s, held, dev.rate[year] * factor, 1.0))
                earned += due * dev.scale[year] * real
            if month == rules.last_december and held > 0.0:  # redeemed at par
                money += held * real
                held = 0.0
            if swapped < 12 * year and s.reserved_land_share > 0:  # reserved land
                rent = float(reserved_land_rent(s, land_mu))
                coll.net[year][group] += rent
                coll.cash[group] += rent
        money += earned
        mine[min(year, rules.years - 1)] += earned
        yield env.timeout(1)
    balance[slot] = money - owed


def simulate_naive(
    community: Community,
    *,
    livelihood: LivelihoodParams | None = None,
    shares: LandSharesParams | None = None,
    payout: PayoutRule | None = None,
    horizon_months: int = 240,
    seed: int = 0,
    prices: PriceIndex | None = None,
    start_year: int = 2010,
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
    payout : PayoutRule, optional
        The collectives' payout rule (default: the policies' default).
    horizon_months : int
        Months to simulate.
    seed : int
        Seed of the one Generator all households draw from (the developer's
        draws come from a second one, seeded from it).
    prices : PriceIndex, optional
        The run's price index (default: its defaults, as a scenario's): wages and
        pensions grow, deposits earn the real rate, the credit line and the shares
        are deflated as in the vectorised engine.
    start_year : int
        Calendar year of month 0.

    Returns
    -------
    NaiveResult
    """
    p = livelihood if livelihood is not None else LivelihoodParams()
    s = shares if shares is not None else LandSharesParams()
    if horizon_months < 1:
        raise ValueError(f"horizon_months must be >= 1, got {horizon_months}")
    years = -(-horizon_months // 12)
    idx = prices if prices is not None else PriceIndex()
    inflation = [idx.monthly_inflation(start_year + m // 12) for m in range(horizon_months)]
    rules = _Rules(
        months=horizon_months,
        years=years,
        livelihood=p,
        shares=s,
        payout=payout if payout is not None else PayoutRule(),
        leave=1.0 / p.work_spell_months,
        casual_wage=p.casual_wage_month * p.casual_days_share,
        deposit=1.0 + p.deposit_rate / 12.0,
        inflation=inflation,
        level=[float(idx.factor(start_year + m // 12)) for m in range(horizon_months)],
        wage_factor=[float(x) for x in idx.wage_path(years, start_year)],
        pension_level=[
            float(indexation_factor(p.pension_indexation, idx, start_year + y, start_year))
            for y in range(years + 1)
        ],
        draw=1.0 - (1.0 - p.spend_down_rate) ** (1.0 / 12.0),
        keep=1.0 - p.saving_rate,
        debt_monthly=p.debt_rate / 12.0,
        repay=1.0 / (12.0 * p.debt_repayment_years),
        credit_multiple=12.0 * p.credit_limit_income,
        default_after=_DEFAULT_AFTER,
        last_december=12 * ((horizon_months - 12) // 12) + 11 if horizon_months >= 12 else -1,
    )
    rng = np.random.default_rng(seed)
    dev = _Developer(s, community, horizon_months, np.random.default_rng([seed, 1]), rules.level)
    coll = _Collectives(community, rules.payout, years)
    env = simpy.Environment()
    h = community.n_households
    members: list[list[int]] = [[] for _ in range(h)]
    for person, household in enumerate(community.person_household.tolist()):
        members[household].append(person)
    age, skill = community.age.tolist(), community.skill.tolist()
    agricultural = community.agricultural.tolist()
    income = [[0.0] * years for _ in range(h)]
    balance = [0.0] * h
    peak_debt = [0.0] * h
    for hh, (size, land, taken, group) in enumerate(
        zip(
            community.size.tolist(),
            community.land_mu.tolist(),
            community.expropriation_month.tolist(),
            community.group.tolist(),
            strict=True,
        )
    ):
        agri = agricultural[hh]
        # members who are, or become, of working age during the run look for work
        workers = [i for i in members[hh] if age[i] + horizon_months // 12 >= 16 and age[i] <= 59]
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
                dev,
                coll,
                rng,
                hh,
                (size, agri, land, taken, group),
                [age[i] for i in members[hh]],
                wages,
                [age[i] for i in workers],
                income,
                balance,
                peak_debt,
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
        peak_debt=np.asarray(peak_debt, dtype=np.float64),
        events=events,
    )
