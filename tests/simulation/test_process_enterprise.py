"""The self-employment scheme's SimPy process (schemes/enterprise.py)."""

import dataclasses
import os
import sys

import numpy as np
import pytest
import simpy

from collective_econ.cases.caopijie import default_scenario
from collective_econ.economy import households
from collective_econ.economy.community import CommunityParams, synthesize
from collective_econ.economy.credit import LoanBook
from collective_econ.economy.ledger import Ledger, Source
from collective_econ.economy.population import DemographyParams, draw_history
from collective_econ.economy.schedule import Period, Schedule
from collective_econ.economy.world import CLOSE_PRIORITY, LateEvent, World, institutions
from collective_econ.policy import Policy
from collective_econ.scenario import Scenario
from collective_econ.schemes import firm_accounts
from collective_econ.schemes.enterprise import (
    EnterpriseParams,
    appraise,
    monthly_hazard,
    process,
    survival,
)
from collective_econ.seeding import keyed_uniforms
from collective_econ.simulation import simulate
from collective_econ.testing import assert_conserved

SMALL = CommunityParams(residents=3000, agricultural_residents=1200)
YEARS = 9  # five cohorts, loans and tax relief all settled by year 7


_ORIGINAL_HOUSEHOLDS = households.process
ENDOWMENT = 50_000.0  # cash each household holds at the start (as if compensated), yuan


@pytest.fixture(autouse=True)
def _endowed(monkeypatch):
    """Households start with cash: an owner must fund its own part of the start-up cost.

    Without a land scheme the small community's households hold next to nothing at
    the start; each is paid ``ENDOWMENT`` (market -> households, COMPENSATION) before
    the households' own process begins.
    """
    original = households.process

    def process_with_cash(world, params, rng):
        book = world.ledger
        book.pay_households(world.account("market"), slice(None), ENDOWMENT, Source.COMPENSATION)
        yield from original(world, params, rng)

    monkeypatch.setattr(households, "process", process_with_cash)


def _scenario(params=None, periods=()):
    pol = Policy("enterprise", {"enterprise": Schedule(params or EnterpriseParams(), periods)})
    return Scenario("enterprise test", (pol,), community=SMALL, horizon_years=YEARS), pol


def _fiscal(run, params):
    """Interest subsidy + guarantee payments + tax relief + the displaced county firms' tax.

    (tax_rate x profit - the government's net TAX: the owners' tax less what the other
    county firms no longer pay.)
    """
    gov = run.institution("government")
    profit = run.household_flows[:, Source.BUSINESS].sum(axis=1)
    relief = params.tax_rate * profit - gov[:, Source.TAX]
    return -gov[:, Source.OPERATIONS] - gov[:, Source.LOAN] + relief


def _landless_world(residents, seed, months, endowment):
    """A run's world of ``residents`` persons, all landless from month 0, each household
    endowed with ``endowment`` yuan of compensation: (env, ledger, world)."""
    community = synthesize(
        CommunityParams(residents=residents, agricultural_residents=residents,
                        expropriation_months=(0,), expropriation_shares=(1.0,)),
        np.random.default_rng(seed),
    )  # fmt: skip
    env = simpy.Environment()
    book = Ledger(
        community.n_households, institutions(community.n_groups, firm_accounts()), months
    )
    world = World(env, community, book, months)
    book.pay_households(world.account("market"), slice(None), endowment, Source.COMPENSATION)
    return env, book, world


def test_five_year_survival_matches_the_survival_function():
    # one cohort of 1,000 businesses in a world of landless persons: owners are occupied
    # while their business lives, so the occupied count traces the cohort's survival
    params = EnterpriseParams(businesses_per_year=1000, scheme_years=1)
    months = 61
    env, book, world = _landless_world(4000, 0, months, ENDOWMENT)
    open_ = np.zeros(months)

    def probe_and_close():
        while world.now < months:
            yield LateEvent(env, CLOSE_PRIORITY)
            open_[world.now] = world.occupied.sum()
            book.close_month()
            yield env.timeout(1)

    env.process(process(world, Schedule(params), np.random.default_rng(1)))
    env.process(probe_and_close())
    env.run(until=months)
    assert open_[0] == 1000
    mix = params.column("share") @ survival(params, np.arange(5)[:, None], [1, 3, 5])
    se = np.sqrt(mix * (1 - mix) / 1000)
    got = open_[[12, 36, 60]] / 1000  # open in month 12m of life: survived m years
    assert np.all(np.abs(got - mix) < 4 * se), (got, mix)
    assert abs(book.total()) <= 1e-9 * np.abs(book.household_flows).sum()


def test_a_business_closes_the_month_its_owner_dies_or_leaves():
    # the process works out once, when a business starts, the first month its owner is not
    # present (population history), instead of reading World.present() each month: every
    # month, no absent person may still be occupied by a business, and some owners do go
    params = EnterpriseParams(businesses_per_year=400, scheme_years=2, hazard_scale=0.0)
    community = synthesize(
        CommunityParams(residents=3000, agricultural_residents=3000, expropriation_months=(0,),
                        expropriation_shares=(1.0,)),
        np.random.default_rng(3),
    )  # fmt: skip
    months = 96
    history = draw_history(
        community, DemographyParams(migration_rate=0.2), months, np.random.default_rng(4)
    )
    env = simpy.Environment()
    book = Ledger(
        community.n_households, institutions(community.n_groups, firm_accounts()), months
    )
    world = World(env, community, book, months, demography=history)
    book.pay_households(world.account("market"), slice(None), ENDOWMENT, Source.COMPENSATION)
    left = []

    def probe_and_close():
        was = np.zeros(world.n_persons, dtype=bool)
        while world.now < months:
            yield LateEvent(env, CLOSE_PRIORITY)
            busy, present = world.occupied > 0, world.present()
            assert not np.any(busy & ~present), world.now  # an absent owner still in business
            left.append(int(np.sum(was & ~busy & ~present)))  # closed as its owner went
            was = busy.copy()
            book.close_month()
            yield env.timeout(1)

    env.process(process(world, Schedule(params), np.random.default_rng(1)))
    env.process(probe_and_close())
    env.run(until=months)
    assert sum(left) >= 5, left  # hazard 0: every closure is an owner who died or left
    assert world.occupied.sum() == 800 - sum(left)


def test_fiscal_cost_and_flows_agree_with_the_appraisal():
    # tolerance: 4 standard deviations of the appraisal's own random draws (the same model:
    # sectors, profits, lifetimes and defaults of 150 businesses)
    params = EnterpriseParams()
    sc, pol = _scenario(params)
    run = simulate(sc, pol, seed=2)
    expected = appraise(params, horizon_years=YEARS - 1).items
    draws = [appraise(params, horizon_years=YEARS - 1, rng=np.random.default_rng(s)).items
             for s in range(100)]  # fmt: skip
    got = {
        "fiscal_cost": _fiscal(run, params).sum(),
        "profit": run.household_flows[:, Source.BUSINESS].sum(),
        "interest_subsidy": -run.institution("government")[:, Source.OPERATIONS].sum(),
    }
    for item, value in got.items():
        sd = np.std([d[item].sum() for d in draws])
        assert abs(value - expected[item].sum()) < 4 * sd, item
        assert sd < 0.2 * expected[item].sum()


def test_money_is_conserved_and_flows_reach_owners_only():
    sc, pol = _scenario()
    run = simulate(sc, pol, seed=3)
    assert_conserved(run)
    hf = run.household_flows
    owners = hf[:, Source.INVESTMENT].sum(axis=0) < 0
    assert 100 <= owners.sum() <= 150  # 150 businesses; a household may hold two
    assert np.all(run.community.landless_target[owners])
    for src in (Source.BUSINESS, Source.TAX):
        assert np.all(hf[:, src, ~owners] == 0)
    # households' credit lines also book under LOAN (bank <-> any household short of cash);
    # the enterprise's own loans are the LOAN flows left with the credit lines off, and they
    # run between the bank and the owners only
    no_lines = dataclasses.replace(sc, livelihood=sc.livelihood.evolve(credit_limit_income=0.0))
    own_run = simulate(no_lines, pol, seed=3)
    own = own_run.household_flows
    own_owners = own[:, Source.INVESTMENT].sum(axis=0) < 0
    # the lines change almost no one's business: a household whose cash a bride's arrival
    # (marriage) has drawn down can fund its part of the start-up cost only on its line
    assert (own_owners != owners).sum() <= 0.02 * owners.sum()
    assert np.all(own[:, Source.LOAN, ~own_owners] == 0)
    # and the owners borrowed (a yearly net flow: a loan drawn and repaid within its first
    # year, by an owner whose business closed, nets to 0)
    assert np.mean(own[:, Source.LOAN, own_owners].max(axis=0) > 0) > 0.8
    assert np.all(own[:, Source.LOAN, own_owners].max(axis=0) >= 0)
    assert np.all(hf[:, Source.BUSINESS] >= 0)
    assert np.all(hf[:, Source.TAX] <= 0)
    # the enterprise's loans run between the bank, the owners and the government (guarantees)
    # alone. (The old check that the bank is repaid in full no longer holds: the scheme
    # collects principal whatever an owner's cash, and the bank lends an owner's shortfall
    # on its credit line, even at a limit of 0, since no household holds negative cash.)
    bank, gov = own_run.institution("bank"), own_run.institution("government")
    for name in own_run.institutions:
        if name not in ("bank", "government"):
            assert np.all(own_run.institution(name)[:, Source.LOAN] == 0), name
    assert np.all(gov[:, Source.LOAN] <= 0)  # the government only pays guarantees
    assert bank[:, Source.LOAN].sum() == pytest.approx(
        -own[:, Source.LOAN].sum() - gov[:, Source.LOAN].sum(), abs=1e-6
    )
    bank = run.institution("bank")
    # the bank earns the subsidised interest (its INTEREST flow also pays the households'
    # deposit interest on their endowment)
    assert bank[:, Source.OPERATIONS].sum() > 0
    market = run.institution("market")
    assert -market[:, Source.BUSINESS].sum() == pytest.approx(hf[:, Source.BUSINESS].sum())


def test_tax_relief_years_pay_no_tax():
    sc, pol = _scenario()
    run = simulate(sc, pol, seed=3)
    paid = -run.household_flows[:, Source.TAX].sum(axis=1)
    assert np.all(paid[:3] == 0)  # the first cohort's 3 relief years
    assert np.all(paid[3:] > 0)


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_the_government_loses_the_displaced_firms_tax(share):
    # the government's TAX is the owners' tax less (1 - additionality) of the full tax on
    # their profit (the displaced firms had no relief), paid back to the market
    p = EnterpriseParams(additionality=share)
    sc, pol = _scenario(p)
    run = simulate(sc, pol, seed=3)
    profit = run.household_flows[:, Source.BUSINESS].sum(axis=1)
    paid = -run.household_flows[:, Source.TAX].sum(axis=1)
    lost = (1.0 - share) * p.tax_rate * profit
    gov = run.institution("government")[:, Source.TAX]
    np.testing.assert_allclose(gov, paid - lost, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(run.institution("market")[:, Source.TAX], lost, atol=1e-6)


def test_reproducible():
    sc, pol = _scenario()
    a = simulate(sc, pol, seed=8)
    b = simulate(sc, pol, seed=8)
    assert np.array_equal(a.income, b.income)
    assert np.array_equal(a.household_flows, b.household_flows)


def test_dated_change_stops_new_loans():
    sc, pol = _scenario(periods=(Period(24, None, {"businesses_per_year": 0}),))
    run = simulate(sc, pol, seed=3)
    invested = -run.household_flows[:, Source.INVESTMENT].sum(axis=1)
    assert np.all(invested[:2] > 0)
    assert np.all(invested[2:] == 0)


def test_no_businesses_no_flows():
    sc, pol = _scenario(EnterpriseParams(businesses_per_year=0))
    run = simulate(sc, pol, seed=3)
    base_sc, base = _scenario(EnterpriseParams(scheme_years=0))
    assert np.array_equal(run.household_flows, simulate(base_sc, base, seed=3).household_flows)
    # (households' LOAN flows there are their credit lines, the same in both runs)
    for src in (Source.BUSINESS, Source.INVESTMENT, Source.TAX):
        assert np.all(run.household_flows[:, src] == 0)


def test_full_package_owners_fund_their_part_from_cash_and_borrow_explicitly(monkeypatch):
    # the case's full package (seed 1, 6 years): the scheme's own payments (the owner's part
    # of the start-up cost, repayments at closure) never take a household below zero; the
    # rest of the cost is an explicit loan of world.loans from the bank
    monkeypatch.setattr(households, "process", _ORIGINAL_HOUSEHOLDS)  # no endowment here
    lows = []
    original = Ledger.settle

    def settle(self, account, who, amounts, source):
        original(self, account, who, amounts, source)
        frame = sys._getframe(1)
        scheme = os.path.join("schemes", "enterprise.py")
        while frame is not None and not frame.f_code.co_filename.endswith(scheme):
            frame = frame.f_back
        if isinstance(who, slice):
            who = np.arange(*who.indices(self.households))
        amt = np.broadcast_to(np.asarray(amounts, dtype=float), who.shape)
        if frame is not None and np.any(amt < 0):
            lows.append(float(self.balance[who[amt < 0]].min()))

    monkeypatch.setattr(Ledger, "settle", settle)
    lent = []
    lend = LoanBook.lend

    def record(self, lender, borrower, amount, **terms):
        k = lend(self, lender, borrower, amount, **terms)
        if sys._getframe(1).f_code.co_filename.endswith(os.path.join("schemes", "enterprise.py")):
            lent.append((lender, borrower, amount, terms))
        return k

    lend_many = LoanBook.lend_many

    def record_many(self, lender, borrowers, amounts, **terms):
        ks = lend_many(self, lender, borrowers, amounts, **terms)
        if sys._getframe(1).f_code.co_filename.endswith(os.path.join("schemes", "enterprise.py")):
            lent.extend((lender, b, a, terms) for b, a in zip(borrowers, amounts, strict=True))
        return ks

    monkeypatch.setattr(LoanBook, "lend", record)
    monkeypatch.setattr(LoanBook, "lend_many", record_many)
    sc = default_scenario()
    run = simulate(sc, sc.policy("full package"), seed=1, horizon_years=6)
    assert lows, "no household paid the scheme"
    assert min(lows) >= -1e-6
    assert_conserved(run)
    p = sc.policy("full package").params("enterprise")
    bank = run.institutions.index("bank") + run.community.n_households
    mine = [x for x in lent if x[1] < run.community.n_households]
    assert len(mine) > 0
    for lender, _, amount, terms in mine:
        assert lender == bank
        assert amount <= p.loan_cap
        assert terms["months"] == 12 * p.loan_years
        assert terms["rate"] == pytest.approx(p.loan_rate * (1 - p.interest_subsidy_share))


@pytest.mark.parametrize("scale", [3.0, 100.0])
def test_closure_draws_in_blocks_close_businesses_as_a_draw_a_month_would(scale):
    # the process draws the closure uniforms a block of months at a time and works out
    # each business's closure month from them; here a month-by-month replay of the same
    # stream (a row of `capacity` draws each month the process runs, cohort draws in
    # January) must give the same closure months, through a dated change of the hazard
    # (a block cut short) and, with a high hazard, months in which every business has
    # closed and the process sleeps until the next cohort (the stream set back); the
    # generator ends where the replay's does
    params = EnterpriseParams(businesses_per_year=40, scheme_years=3, loan_cap=0.0,
                              hazard_scale=scale)  # fmt: skip
    periods = (Period(17, 29, {"hazard_scale": scale / 2}),)
    schedule = Schedule(params, periods)
    months = 60
    env, book, world = _landless_world(2000, 5, months, 1e6)
    busy = np.zeros((months, world.n_persons), dtype=bool)

    def probe_and_close():
        while world.now < months:
            yield LateEvent(env, CLOSE_PRIORITY)
            busy[world.now] = world.occupied > 0
            book.close_month()
            yield env.timeout(1)

    rng = np.random.default_rng(11)
    env.process(process(world, schedule, rng))
    env.process(probe_and_close())
    env.run(until=months)
    opened = busy & ~np.vstack([np.zeros((1, world.n_persons), dtype=bool), busy[:-1]])
    closed = ~busy & np.vstack([np.zeros((1, world.n_persons), dtype=bool), busy[:-1]])

    # the replay: the owners of each cohort are its first persons by `order` (every
    # household can fund a business), in slots by that order
    ref = np.random.default_rng(11)
    order = keyed_uniforms(world.population.key, int(ref.integers(0, 2**63)))  # by person
    capacity, live, owner, sector, start, shut = 120, [], {}, {}, {}, {}
    t, idle = 0, 0
    while t < months:
        p = schedule.at(t)
        u = ref.random(capacity)
        hazards = monthly_hazard(p, np.arange(len(p.sectors))[:, None], np.arange(months))
        for i in list(live):
            if u[i] < hazards[sector[i], t - 1 - start[i]]:
                live.remove(i)
                shut[owner[i]] = t
        if t % 12 == 0 and t // 12 < 3:
            cum = np.cumsum(p.column("share"))
            new_sector = np.searchsorted(cum, ref.random(40) * cum[-1], side="right")
            ref.standard_normal(40)  # the profits
            ref.random(40)  # the defaults at closure
            persons = np.flatnonzero(opened[t])
            persons = persons[np.argsort(order[persons], kind="stable")]
            assert persons.size == 40
            for j, person in enumerate(persons.tolist()):
                i = len(owner)
                owner[i], sector[i], start[i] = person, new_sector[j], t
                live.append(i)
        if live:
            t += 1
            continue
        later = [m for m in (12, 24) if m > t]
        if not later:
            break
        idle += later[0] - t - 1
        t = later[0]
    for person, month in shut.items():
        assert closed[month, person], (person, month)
    assert closed.sum() == len(shut)
    assert rng.bit_generator.state == ref.bit_generator.state
    if scale > 10:
        assert idle > 0  # the process did sleep inside a block
